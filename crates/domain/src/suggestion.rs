//! Procedures that listen: an agent flags a rule that stopped them helping a customer, and
//! a trainer or an admin answers it once — accepted, saying what changed, or declined with
//! a reason. Nothing vanishes unanswered: the oldest open ones come first and those older
//! than [`OVERDUE_DAYS`] are counted.

use chrono::{DateTime, Utc};

/// The most characters of what happened and of what the agent would change.
pub const STORY_MAX: usize = crate::text::NOTE_MAX;
/// The most characters naming the rule or procedure.
pub const RULE_MAX: usize = crate::text::REASON_MAX;
/// The most characters of an answer (what changed, or why not).
pub const ANSWER_MAX: usize = crate::text::NOTE_MAX;
/// An open suggestion older than this many days is overdue.
pub const OVERDUE_DAYS: i64 = 14;

/// Where a suggestion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuggestionStatus {
    /// Waiting for an answer.
    Open,
    /// Accepted: something changed.
    Accepted,
    /// Declined, with a reason.
    Declined,
}

impl SuggestionStatus {
    pub const ALL: [SuggestionStatus; 3] = [
        SuggestionStatus::Open,
        SuggestionStatus::Accepted,
        SuggestionStatus::Declined,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            SuggestionStatus::Open => "open",
            SuggestionStatus::Accepted => "accepted",
            SuggestionStatus::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "open" => Some(SuggestionStatus::Open),
            "accepted" => Some(SuggestionStatus::Accepted),
            "declined" => Some(SuggestionStatus::Declined),
            _ => None,
        }
    }
}

/// What changed when a suggestion was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// An authority limit was raised or added.
    Limit,
    /// A lesson was written or changed.
    Lesson,
    /// A note on the procedure itself.
    ProcedureNote,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 3] = [
        ChangeKind::Limit,
        ChangeKind::Lesson,
        ChangeKind::ProcedureNote,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Limit => "limit",
            ChangeKind::Lesson => "lesson",
            ChangeKind::ProcedureNote => "procedure_note",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "limit" => Some(ChangeKind::Limit),
            "lesson" => Some(ChangeKind::Lesson),
            "procedure_note" => Some(ChangeKind::ProcedureNote),
            _ => None,
        }
    }
}

/// An answer, once given: never changed, never removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Accepted { change: ChangeKind, what: String },
    Declined { reason: String },
}

impl Answer {
    pub fn status(&self) -> SuggestionStatus {
        match self {
            Answer::Accepted { .. } => SuggestionStatus::Accepted,
            Answer::Declined { .. } => SuggestionStatus::Declined,
        }
    }

    /// What changed, or why not.
    pub fn text(&self) -> &str {
        match self {
            Answer::Accepted { what, .. } => what,
            Answer::Declined { reason } => reason,
        }
    }
}

/// Why an answer was refused, with the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("say what changed: a limit, a lesson or a procedure note")]
    ChangeKindRequired,
    #[error("say what changed")]
    ChangeRequired,
    #[error("a declined suggestion needs a reason")]
    ReasonRequired,
    #[error("at most {ANSWER_MAX} characters")]
    TooLong,
}

impl AnswerError {
    /// The field at fault.
    pub const fn field(self) -> &'static str {
        match self {
            AnswerError::ChangeKindRequired => "change_kind",
            _ => "text",
        }
    }

    /// Its stable code.
    pub const fn code(self) -> &'static str {
        match self {
            AnswerError::ChangeKindRequired => "change_kind_required",
            AnswerError::ChangeRequired => "change_required",
            AnswerError::ReasonRequired => "reason_required",
            AnswerError::TooLong => "too_long",
        }
    }
}

impl Answer {
    /// An answer from what the answerer sent: accepting needs the kind of change and what
    /// changed; declining needs a reason. Text is trimmed, refused when too long.
    pub fn parse(
        accepted: bool,
        change: Option<ChangeKind>,
        text: Option<&str>,
    ) -> Result<Answer, AnswerError> {
        let text = match text {
            None => None,
            Some(raw) => crate::text::bounded(raw, ANSWER_MAX).map_err(|_| AnswerError::TooLong)?,
        };
        if accepted {
            let change = change.ok_or(AnswerError::ChangeKindRequired)?;
            let what = text.ok_or(AnswerError::ChangeRequired)?;
            Ok(Answer::Accepted {
                change,
                what: what.to_owned(),
            })
        } else {
            let reason = text.ok_or(AnswerError::ReasonRequired)?;
            Ok(Answer::Declined {
                reason: reason.to_owned(),
            })
        }
    }
}

/// Whole days a suggestion has waited (or waited until its answer), never negative.
pub fn age_days(created_at: DateTime<Utc>, until: DateTime<Utc>) -> i64 {
    (until - created_at).num_days().max(0)
}

/// Whether an open suggestion has waited more than [`OVERDUE_DAYS`].
pub fn overdue(status: SuggestionStatus, created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    status == SuggestionStatus::Open && age_days(created_at, now) > OVERDUE_DAYS
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn accepting_needs_the_kind_of_change_and_what_changed() {
        assert_eq!(
            Answer::parse(true, None, Some("Raised to 50")),
            Err(AnswerError::ChangeKindRequired)
        );
        assert_eq!(
            Answer::parse(true, Some(ChangeKind::Limit), Some("   ")),
            Err(AnswerError::ChangeRequired)
        );
        assert_eq!(
            Answer::parse(true, Some(ChangeKind::Limit), Some(" Raised to 50 ")),
            Ok(Answer::Accepted {
                change: ChangeKind::Limit,
                what: "Raised to 50".to_owned()
            })
        );
    }

    #[test]
    fn declining_needs_a_reason() {
        assert_eq!(
            Answer::parse(false, None, None),
            Err(AnswerError::ReasonRequired)
        );
        assert_eq!(
            Answer::parse(false, None, Some("")),
            Err(AnswerError::ReasonRequired)
        );
        let long = "x".repeat(ANSWER_MAX + 1);
        assert_eq!(
            Answer::parse(false, None, Some(&long)),
            Err(AnswerError::TooLong)
        );
        assert_eq!(
            Answer::parse(false, Some(ChangeKind::Lesson), Some("Legal requires it"))
                .map(|a| a.status()),
            Ok(SuggestionStatus::Declined)
        );
    }

    #[test]
    fn an_open_suggestion_is_overdue_after_fourteen_whole_days() {
        let at = |d| Utc.with_ymd_and_hms(2026, 12, d, 9, 0, 0).unwrap();
        assert!(!overdue(SuggestionStatus::Open, at(1), at(15)));
        assert!(overdue(SuggestionStatus::Open, at(1), at(16)));
        assert!(!overdue(SuggestionStatus::Accepted, at(1), at(30)));
        assert_eq!(age_days(at(5), at(1)), 0);
    }

    #[test]
    fn states_and_kinds_round_trip() {
        for s in [
            SuggestionStatus::Open,
            SuggestionStatus::Accepted,
            SuggestionStatus::Declined,
        ] {
            assert_eq!(SuggestionStatus::parse(s.as_str()), Some(s));
        }
        for k in [
            ChangeKind::Limit,
            ChangeKind::Lesson,
            ChangeKind::ProcedureNote,
        ] {
            assert_eq!(ChangeKind::parse(k.as_str()), Some(k));
        }
    }
}
