//! Good practices: a decision story a trainer or lead chose to share so everyone knows what
//! is expected ("alignment" in the source articles). A practice is written in one language
//! (its source) and may have a variant in each other language; a reader sees one variant by
//! the rule every piece of content follows, [`crate::locale::pick`]. Agents meet practices as a 30-second card in Today, at most one a week
//! ([`card_due`]).

use chrono::{DateTime, Utc};

use crate::decision::DecisionStatus;

/// A practice's title, in characters.
pub const TITLE_MAX: usize = 120;
/// A practice's story: what the customer needed, what the agent did and why it is the way to
/// go — read in about 30 seconds.
pub const STORY_MAX: usize = 1_200;

/// Whether a decision in `status` may become a good practice: one that stood (within the
/// limit, or approved). A declined decision or one still waiting is not what to imitate.
pub fn promotable(status: DecisionStatus) -> bool {
    matches!(status, DecisionStatus::Empowered | DecisionStatus::Approved)
}

/// Whether this week's card is still to come: nothing read since `week_start` (the start of
/// the reader's local week). One card a week at most; the same card stays until it is read.
pub fn card_due(last_read: Option<DateTime<Utc>>, week_start: DateTime<Utc>) -> bool {
    last_read.is_none_or(|read| read < week_start)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn only_decisions_that_stood_are_promotable() {
        assert!(promotable(DecisionStatus::Empowered));
        assert!(promotable(DecisionStatus::Approved));
        assert!(!promotable(DecisionStatus::AwaitingApproval));
        assert!(!promotable(DecisionStatus::Declined));
    }

    #[test]
    fn one_card_a_week() {
        let monday = Utc
            .with_ymd_and_hms(2026, 12, 7, 0, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("a test value"));
        assert!(card_due(None, monday));
        assert!(card_due(Some(monday - chrono::Duration::hours(1)), monday));
        assert!(!card_due(Some(monday), monday));
        assert!(!card_due(Some(monday + chrono::Duration::days(2)), monday));
    }
}
