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

/// Where the language variants of one piece of content stand against its source: the
/// languages the organisation offers that have none, and the variants edited before the
/// source last changed (their translation may no longer say the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variants {
    pub source: Locale,
    pub missing: Vec<Locale>,
    pub out_of_date: Vec<Locale>,
}

/// The source among the languages a piece of content exists in (oldest first): the
/// organisation's language when it has it, else the oldest. `None` when there is none.
pub fn source_of(existing: &[Locale], org_default: Locale) -> Option<Locale> {
    existing
        .contains(&org_default)
        .then_some(org_default)
        .or_else(|| existing.first().copied())
}

/// How the variants `edited` (each language with when it was last changed) stand against
/// `source`, for an organisation that offers `offered`.
pub fn variants(
    edited: &[(Locale, chrono::DateTime<chrono::Utc>)],
    offered: &[Locale],
    source: Locale,
) -> Variants {
    let source_changed = edited.iter().find(|(l, _)| *l == source).map(|(_, at)| *at);
    Variants {
        source,
        missing: offered
            .iter()
            .copied()
            .filter(|l| !edited.iter().any(|(e, _)| e == l))
            .collect(),
        out_of_date: edited
            .iter()
            .filter(|(l, at)| *l != source && source_changed.is_some_and(|s| *at < s))
            .map(|(l, _)| *l)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_say_what_is_missing_and_what_the_source_changed_since() {
        use chrono::TimeZone;
        let at = |h| {
            chrono::Utc
                .with_ymd_and_hms(2026, 12, 7, h, 0, 0)
                .single()
                .unwrap_or_else(|| panic!("a test value"))
        };
        assert_eq!(
            source_of(&[Locale::En, Locale::Es], Locale::Es),
            Some(Locale::Es)
        );
        assert_eq!(
            source_of(&[Locale::It, Locale::En], Locale::Es),
            Some(Locale::It)
        );
        assert_eq!(source_of(&[], Locale::Es), None);
        let v = variants(
            &[
                (Locale::Es, at(10)),
                (Locale::En, at(9)),
                (Locale::It, at(11)),
            ],
            &Locale::ALL,
            Locale::Es,
        );
        assert_eq!(v.missing, vec![]);
        assert_eq!(v.out_of_date, vec![Locale::En]);
        let v = variants(
            &[(Locale::Es, at(10))],
            &[Locale::Es, Locale::It],
            Locale::Es,
        );
        assert_eq!(v.missing, vec![Locale::It]);
    }

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
