//! The languages Cinco speaks. Adding one means adding its strings to the PWA and the
//! mail templates, then a variant here.

use std::fmt;
use std::str::FromStr;

/// A supported UI and content language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    /// Spanish.
    Es,
    /// English.
    En,
    /// Italian.
    It,
}

impl Locale {
    /// Every supported locale, in the order they are offered.
    pub const ALL: [Locale; 3] = [Locale::Es, Locale::En, Locale::It];

    /// The BCP 47 code: `es`, `en` or `it`.
    pub const fn code(self) -> &'static str {
        match self {
            Locale::Es => "es",
            Locale::En => "en",
            Locale::It => "it",
        }
    }

    /// Picks the first supported locale from an `Accept-Language`-style list of tags
    /// (`it-IT, en;q=0.8`), ignoring region and weights' order of appearance.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Locale> {
        tags.into_iter().find_map(|tag| {
            let primary = tag.split([';', '-', '_']).next().unwrap_or_default();
            primary.trim().parse().ok()
        })
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text was not one of the supported locale codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported locale `{0}`: expected one of es, en, it")]
pub struct UnsupportedLocale(pub String);

impl FromStr for Locale {
    type Err = UnsupportedLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "es" => Ok(Locale::Es),
            "en" => Ok(Locale::En),
            "it" => Ok(Locale::It),
            _ => Err(UnsupportedLocale(s.to_owned())),
        }
    }
}

/// The variant a reader sees: the one in their language (`preferred`), else in the
/// organisation's default (`fallback`), else any. `None` only when there is none.
pub fn pick<T>(
    mut variants: Vec<T>,
    locale: impl Fn(&T) -> Locale,
    preferred: Locale,
    fallback: Locale,
) -> Option<T> {
    variants.sort_by_key(|v| {
        let locale = locale(v);
        if locale == preferred {
            0
        } else if locale == fallback {
            1
        } else {
            2
        }
    });
    variants.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_back() {
        for locale in Locale::ALL {
            assert_eq!(locale.code().parse::<Locale>(), Ok(locale));
        }
        assert_eq!(" IT ".parse::<Locale>(), Ok(Locale::It));
        assert!("fr".parse::<Locale>().is_err());
    }

    #[test]
    fn negotiation_skips_unsupported_languages() {
        assert_eq!(
            Locale::negotiate(["fr-FR", "it-IT;q=0.8"]),
            Some(Locale::It)
        );
        assert_eq!(Locale::negotiate(["de"]), None);
    }

    #[test]
    fn a_reader_gets_their_language_then_the_organisations_then_any() {
        let variants = vec![Locale::It, Locale::En, Locale::Es];
        assert_eq!(
            super::pick(variants.clone(), |l| *l, Locale::En, Locale::Es),
            Some(Locale::En)
        );
        assert_eq!(
            super::pick(vec![Locale::It, Locale::Es], |l| *l, Locale::En, Locale::Es),
            Some(Locale::Es)
        );
        assert_eq!(
            super::pick(vec![Locale::It], |l| *l, Locale::En, Locale::Es),
            Some(Locale::It)
        );
        assert_eq!(
            super::pick(Vec::<Locale>::new(), |l| *l, Locale::En, Locale::Es),
            None
        );
    }
}
