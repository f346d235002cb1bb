//! Competencies: the skills, knowledge and behaviours that deliver the organisation's
//! customer experience, each with proficiency levels and observable indicators, in several
//! languages.

use std::collections::BTreeMap;

use crate::ids::OrganisationId;
use crate::lesson::Key;
use crate::locale::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Skill,
    Knowledge,
    Behaviour,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Skill, Kind::Knowledge, Kind::Behaviour];

    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Skill => "skill",
            Kind::Knowledge => "knowledge",
            Kind::Behaviour => "behaviour",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// A text in one or more languages, never empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocalizedText(BTreeMap<Locale, String>);

impl LocalizedText {
    /// Keeps the non-blank translations; `None` when there is none.
    pub fn new(texts: impl IntoIterator<Item = (Locale, String)>) -> Option<Self> {
        let map: BTreeMap<Locale, String> = texts
            .into_iter()
            .map(|(l, t)| (l, t.trim().to_owned()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        (!map.is_empty()).then_some(Self(map))
    }

    /// The text in `locale`, else in `fallback`, else in any language.
    pub fn get(&self, locale: Locale, fallback: Locale) -> &str {
        self.0
            .get(&locale)
            .or_else(|| self.0.get(&fallback))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (Locale, &str)> {
        self.0.iter().map(|(l, t)| (*l, t.as_str()))
    }
}

/// One proficiency level and how to recognise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// 1 (lowest) to 4 by default.
    pub level: u8,
    pub indicators: Vec<LocalizedText>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competency {
    pub organisation_id: OrganisationId,
    pub key: Key,
    pub kind: Kind,
    /// The category key it is grouped under in the framework.
    pub category: Option<Key>,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub levels: Vec<Level>,
    /// Archived competencies stay for what refers to them but are not offered any more.
    pub archived: bool,
}

/// Why a competency was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CompetencyError {
    #[error("levels must be numbered 1, 2, 3 … without gaps, at most 6")]
    LevelsOutOfOrder,
    #[error("every level needs at least one observable indicator")]
    LevelWithoutIndicator,
}

/// The most levels a competency may have.
pub const MAX_LEVELS: usize = 6;

/// Checks the levels: numbered from 1 without gaps, each with at least one indicator.
pub fn check_levels(levels: &[Level]) -> Result<(), CompetencyError> {
    if levels.is_empty()
        || levels.len() > MAX_LEVELS
        || levels
            .iter()
            .enumerate()
            .any(|(i, l)| usize::from(l.level) != i + 1)
    {
        return Err(CompetencyError::LevelsOutOfOrder);
    }
    if levels.iter().any(|l| l.indicators.is_empty()) {
        return Err(CompetencyError::LevelWithoutIndicator);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> LocalizedText {
        LocalizedText::new([(Locale::Es, s.to_owned())]).unwrap_or_default()
    }

    #[test]
    fn translations_fall_back() {
        let t = LocalizedText::new([
            (Locale::Es, "Empatía".into()),
            (Locale::En, "Empathy".into()),
            (Locale::It, " ".into()),
        ]);
        let t = t.unwrap_or_default();
        assert_eq!(t.get(Locale::En, Locale::Es), "Empathy");
        assert_eq!(t.get(Locale::It, Locale::Es), "Empatía");
        assert!(LocalizedText::new([(Locale::Es, "  ".to_owned())]).is_none());
    }

    #[test]
    fn levels_are_numbered_from_one_with_indicators() {
        let level = |n| Level {
            level: n,
            indicators: vec![text("x")],
        };
        assert!(check_levels(&[level(1), level(2), level(3), level(4)]).is_ok());
        assert_eq!(
            check_levels(&[level(1), level(3)]),
            Err(CompetencyError::LevelsOutOfOrder)
        );
        assert_eq!(check_levels(&[]), Err(CompetencyError::LevelsOutOfOrder));
        let empty = Level {
            level: 1,
            indicators: vec![],
        };
        assert_eq!(
            check_levels(&[empty]),
            Err(CompetencyError::LevelWithoutIndicator)
        );
    }
}
