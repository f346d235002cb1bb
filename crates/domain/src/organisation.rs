//! The organisation (tenant) and the rules for its identity.

use std::fmt;

use crate::ids::OrganisationId;
use crate::locale::Locale;

/// An organisation as the rest of the domain sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: OrganisationName,
    pub slug: Slug,
    pub default_locale: Locale,
    /// Always contains `default_locale`.
    pub offered_locales: Vec<Locale>,
    /// Lessons need a second trainer's approval before they are published.
    pub lesson_review_required: bool,
}

/// Why an organisation's field was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationError {
    #[error("the organisation name must have 2 to 200 characters")]
    InvalidName,
    #[error("the slug must have 2 to 64 characters: lowercase letters, digits and single dashes")]
    InvalidSlug,
    #[error("the default locale must be one of the offered locales")]
    DefaultLocaleNotOffered,
}

/// A trimmed display name of 2 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationName(String);

impl OrganisationName {
    /// The fewest characters a name may have (after trimming).
    pub const MIN_CHARS: usize = 2;
    /// The most characters a name may have (after trimming).
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, OrganisationError> {
        crate::text::name(raw, Self::MIN_CHARS, Self::MAX_CHARS)
            .map(|name| Self(name.to_owned()))
            .ok_or(OrganisationError::InvalidName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A URL-safe handle: lowercase ASCII letters and digits separated by single dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, OrganisationError> {
        let valid_chars = raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let valid_shape = !raw.starts_with('-') && !raw.ends_with('-') && !raw.contains("--");
        if (2..=64).contains(&raw.len()) && valid_chars && valid_shape {
            Ok(Self(raw.to_owned()))
        } else {
            Err(OrganisationError::InvalidSlug)
        }
    }

    /// Derives a slug from a display name: "Demo Contact Center" → "demo-contact-center".
    /// Letters outside ASCII are dropped, so the result may still need checking with
    /// [`Slug::parse`].
    pub fn suggest(name: &str) -> String {
        let mut slug = String::with_capacity(name.len());
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let truncated: String = slug.chars().take(64).collect();
        truncated.trim_end_matches('-').to_owned()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks that the default locale is among the offered ones, and returns the offered list
/// sorted and without duplicates.
pub fn offered_locales(
    default: Locale,
    offered: impl IntoIterator<Item = Locale>,
) -> Result<Vec<Locale>, OrganisationError> {
    let mut offered: Vec<Locale> = offered.into_iter().collect();
    offered.sort();
    offered.dedup();
    if offered.contains(&default) {
        Ok(offered)
    } else {
        Err(OrganisationError::DefaultLocaleNotOffered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            OrganisationName::parse("  Demo Contact Center ").map(|n| n.as_str().to_owned()),
            Ok("Demo Contact Center".to_owned())
        );
        assert!(OrganisationName::parse("x").is_err());
        assert!(OrganisationName::parse(&"x".repeat(201)).is_err());
        assert!(OrganisationName::parse("bad\u{0}name").is_err());
    }

    #[test]
    fn slugs_accept_only_the_safe_shape() {
        assert!(Slug::parse("demo-contact-center").is_ok());
        for bad in [
            "Demo",
            "-demo",
            "demo-",
            "de--mo",
            "d",
            "demo center",
            "démo",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn long_names_still_give_a_valid_slug() {
        let name = format!("{} b", "a".repeat(63));
        assert!(Slug::parse(&Slug::suggest(&name)).is_ok());
    }

    #[test]
    fn suggested_slugs_parse() {
        let suggested = Slug::suggest("Demo Contact Center — Madrid!");
        assert_eq!(suggested, "demo-contact-center-madrid");
        assert!(Slug::parse(&suggested).is_ok());
    }

    #[test]
    fn default_locale_must_be_offered() {
        assert_eq!(
            offered_locales(Locale::Es, [Locale::It, Locale::Es, Locale::Es]),
            Ok(vec![Locale::Es, Locale::It])
        );
        assert_eq!(
            offered_locales(Locale::En, [Locale::Es]),
            Err(OrganisationError::DefaultLocaleNotOffered)
        );
    }
}
