//! Closing the QA loop: when a coaching rating or a QA result on a competency is low enough
//! to give the agent a short remediation path, what that path holds, and which lesson and
//! scenario it names.
//!
//! - **Low**: a coaching rating at or below the organisation's rating threshold (default 2
//!   of 4), or a QA result (a value of a metric linked to the competency, in percent) below
//!   its QA threshold (default 70). Nothing is low while the loop is off.
//! - **The path**: a published lesson that trains the competency (due the next day), a
//!   published scenario that trains it (due two days later) and a follow-up coaching session
//!   with the lead a week after the low score: the competency was judged by a person, so a
//!   person checks it again, and recording that session completes the step.
//! - **What to pick**: among the published lessons (scenarios) that train the competency,
//!   the one the agent never finished, else the one they finished longest ago; ties by key.
//! - **No duplicates**: while a remediation path for the same agent and competency is
//!   active, another low score gives nothing more (its history notes the score).

use chrono::{DateTime, Utc};

use crate::lesson::Key;

/// The highest coaching rating.
pub const RATING_SCALE: u8 = 4;
/// Days after the low score each remediation step is due: lesson, scenario, follow-up.
pub const DUE_DAYS: [u32; 3] = [1, 3, 7];

/// An organisation's thresholds for the QA loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopSettings {
    pub enabled: bool,
    /// A coaching rating at or below this starts the loop (1–3).
    pub rating_at_or_below: u8,
    /// A QA result below this percent starts the loop (1–100).
    pub qa_percent_below: u8,
}

impl Default for LoopSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            rating_at_or_below: 2,
            qa_percent_below: 70,
        }
    }
}

/// Why loop settings were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoopSettingsError {
    #[error("the rating threshold is between 1 and 3 (a rating of 4 is never low)")]
    Rating,
    #[error("the QA threshold is between 1 and 100 percent")]
    Percent,
}

impl LoopSettings {
    /// Checks the thresholds.
    pub fn new(enabled: bool, rating: i64, percent: i64) -> Result<Self, LoopSettingsError> {
        let rating_at_or_below = u8::try_from(rating)
            .ok()
            .filter(|r| (1..RATING_SCALE).contains(r))
            .ok_or(LoopSettingsError::Rating)?;
        let qa_percent_below = u8::try_from(percent)
            .ok()
            .filter(|p| (1..=100).contains(p))
            .ok_or(LoopSettingsError::Percent)?;
        Ok(Self {
            enabled,
            rating_at_or_below,
            qa_percent_below,
        })
    }

    /// Whether a coaching rating (1–4) starts the loop.
    pub fn rating_is_low(&self, rating: i32) -> bool {
        self.enabled && (1..=i32::from(self.rating_at_or_below)).contains(&rating)
    }

    /// Whether a QA result in percent starts the loop.
    pub fn qa_is_low(&self, percent: f64) -> bool {
        self.enabled && percent.is_finite() && percent < f64::from(self.qa_percent_below)
    }
}

/// A low score on a competency, as its reason reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LowScore {
    /// Rated this (1–4) in a coaching session held that day.
    Coaching { rating: i32 },
    /// A QA result of this percent.
    Qa { percent: f64 },
}

/// A lesson or scenario that trains the competency, and when the agent last finished it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub key: Key,
    pub last_done: Option<DateTime<Utc>>,
}

/// The choice the agent never finished, else the one finished longest ago; ties by key.
pub fn pick(choices: &[Choice]) -> Option<&Key> {
    choices
        .iter()
        .min_by(|a, b| {
            // `None` (never done) sorts before any instant.
            a.last_done
                .cmp(&b.last_done)
                .then_with(|| a.key.as_str().cmp(b.key.as_str()))
        })
        .map(|c| &c.key)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn key(k: &str) -> Key {
        Key::parse(k).unwrap_or_else(|| panic!("a key: {k}"))
    }

    #[test]
    fn a_rating_at_or_below_the_threshold_is_low_while_the_loop_is_on() {
        let s = LoopSettings::new(true, 2, 70).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.rating_is_low(1));
        assert!(s.rating_is_low(2));
        assert!(!s.rating_is_low(3));
        assert!(!s.rating_is_low(0), "not a rating");
        let off = LoopSettings {
            enabled: false,
            ..s
        };
        assert!(!off.rating_is_low(1));
    }

    #[test]
    fn a_qa_result_below_the_threshold_is_low() {
        let s = LoopSettings::new(true, 2, 70).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.qa_is_low(69.9));
        assert!(!s.qa_is_low(70.0));
        assert!(!s.qa_is_low(f64::NAN));
        assert!(!LoopSettings::default().qa_is_low(10.0), "off by default");
    }

    #[test]
    fn thresholds_are_checked() {
        assert_eq!(
            LoopSettings::new(true, 4, 70),
            Err(LoopSettingsError::Rating)
        );
        assert_eq!(
            LoopSettings::new(true, 0, 70),
            Err(LoopSettingsError::Rating)
        );
        assert_eq!(
            LoopSettings::new(true, 3, 0),
            Err(LoopSettingsError::Percent)
        );
        assert_eq!(
            LoopSettings::new(true, 3, 101),
            Err(LoopSettingsError::Percent)
        );
        assert!(LoopSettings::new(false, 1, 100).is_ok());
    }

    #[test]
    fn the_pick_is_never_done_then_longest_ago_then_by_key() {
        let at = |d| Some(Utc.with_ymd_and_hms(2026, 12, d, 9, 0, 0).unwrap());
        let c = |k: &str, last_done| Choice {
            key: key(k),
            last_done,
        };
        assert_eq!(pick(&[]), None);
        let list = [
            c("lesson-b", at(3)),
            c("lesson-a", at(5)),
            c("lesson-c", None),
            c("lesson-d", None),
        ];
        assert_eq!(pick(&list).map(Key::as_str), Some("lesson-c"));
        let list = [c("lesson-b", at(3)), c("lesson-a", at(5))];
        assert_eq!(pick(&list).map(Key::as_str), Some("lesson-b"));
        let list = [c("lesson-b", at(3)), c("lesson-a", at(3))];
        assert_eq!(pick(&list).map(Key::as_str), Some("lesson-a"));
    }
}
