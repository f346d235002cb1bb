//! The lesson lifecycle: draft → in review → published → archived. A published version never
//! changes; editing one starts a new draft version.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LessonStatus {
    Draft,
    InReview,
    Published,
    Archived,
}

/// A move the lifecycle does not allow from the current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a version cannot go from {from} to {to}")]
pub struct TransitionError {
    pub from: LessonStatus,
    pub to: LessonStatus,
}

impl LessonStatus {
    pub const ALL: [LessonStatus; 4] = [
        LessonStatus::Draft,
        LessonStatus::InReview,
        LessonStatus::Published,
        LessonStatus::Archived,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            LessonStatus::Draft => "draft",
            LessonStatus::InReview => "in_review",
            LessonStatus::Published => "published",
            LessonStatus::Archived => "archived",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Whether the content may still be edited in place.
    pub const fn is_editable(self) -> bool {
        matches!(self, LessonStatus::Draft)
    }

    /// Checks a move. `review_required` is the organisation's setting: when on, a draft must
    /// go through review before it is published.
    pub fn transition(
        self,
        to: LessonStatus,
        review_required: bool,
    ) -> Result<LessonStatus, TransitionError> {
        use LessonStatus::*;
        let allowed = match (self, to) {
            (Draft, InReview) => true,
            (InReview, Draft) => true, // changes requested
            (InReview, Published) => true,
            (Draft, Published) => !review_required,
            (Published, Archived) => true,
            _ => false,
        };
        if allowed {
            Ok(to)
        } else {
            Err(TransitionError { from: self, to })
        }
    }
}

impl fmt::Display for LessonStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::LessonStatus::*;

    #[test]
    fn published_versions_only_move_to_archived() {
        assert!(Published.transition(Draft, false).is_err());
        assert!(Published.transition(InReview, false).is_err());
        assert_eq!(Published.transition(Archived, false), Ok(Archived));
        assert!(!Published.is_editable());
    }

    #[test]
    fn review_can_be_required() {
        assert_eq!(Draft.transition(Published, false), Ok(Published));
        assert!(Draft.transition(Published, true).is_err());
        assert_eq!(Draft.transition(InReview, true), Ok(InReview));
        assert_eq!(InReview.transition(Published, true), Ok(Published));
        assert_eq!(InReview.transition(Draft, true), Ok(Draft));
    }
}
