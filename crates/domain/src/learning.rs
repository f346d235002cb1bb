//! Learning events: what a learner finished, told once to everything that moves because of
//! it (path steps, track modules and, later, results and records). Pure data and the rule
//! for scoring what was finished; the application layer delivers them.

use chrono::{DateTime, Utc};

use crate::lesson::Key;
use crate::{OrganisationId, UserId};

/// How a lesson attempt or a scenario run came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// A lesson attempt: right answers of all its knowledge checks.
    Lesson { correct: u32, total: u32 },
    /// A scenario run: its score in percent.
    Scenario { percent: u8 },
}

impl Finished {
    /// A scenario run's score: the mean of its competency scores (100 with none).
    pub fn scenario(competency_percents: &[u8]) -> Self {
        let sum: u32 = competency_percents.iter().map(|p| u32::from(*p)).sum();
        let percent = u32::try_from(competency_percents.len())
            .ok()
            .and_then(|n| sum.checked_div(n))
            .unwrap_or(100);
        Finished::Scenario {
            percent: u8::try_from(percent.min(100)).unwrap_or(100),
        }
    }

    /// The score in percent (a lesson with no knowledge checks scores 100).
    pub fn percent(self) -> u8 {
        match self {
            Finished::Lesson { correct, total } => {
                let score = (u64::from(correct) * 100)
                    .checked_div(u64::from(total))
                    .unwrap_or(100);
                u8::try_from(score.min(100)).unwrap_or(100)
            }
            Finished::Scenario { percent } => percent.min(100),
        }
    }

    /// Whether it reaches the pass mark `mark` (percent).
    pub fn passes(self, mark: u8) -> bool {
        match self {
            Finished::Lesson { correct, total } => passes(correct, total, mark),
            Finished::Scenario { percent } => percent >= mark,
        }
    }
}

/// The fewest right answers of `total` that reach `mark` percent: what a learner is told a
/// step needs ("3 of 3 right") before and after they try.
pub fn needed(total: u32, mark: u8) -> u32 {
    let needed = (u64::from(mark.min(100)) * u64::from(total)).div_ceil(100);
    u32::try_from(needed).unwrap_or(total)
}

/// Whether `correct` right answers of `total` reach `mark` percent; nothing to score (a
/// lesson with no knowledge check) passes.
fn passes(correct: u32, total: u32, mark: u8) -> bool {
    total == 0 || u64::from(correct) * 100 >= u64::from(mark) * u64::from(total)
}

/// Lessons or scenarios: the two kinds of content a learner finishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContentKind {
    Lesson,
    Scenario,
}

/// One thing a learner finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LearningEvent {
    /// A lesson attempt or scenario run was completed (online, or synced from offline).
    ContentFinished {
        org: OrganisationId,
        user: UserId,
        kind: ContentKind,
        /// The published version taken.
        version: uuid::Uuid,
        /// The content's key, shared by its versions and languages.
        key: Key,
        result: Finished,
        at: DateTime<Utc>,
    },
    /// A lead recorded a coaching session with the agent.
    CoachingSessionRecorded {
        org: OrganisationId,
        agent: UserId,
        session: uuid::Uuid,
        at: DateTime<Utc>,
    },
    /// A learner answered a review card (spaced repetition, after its lesson).
    ReviewAnswered {
        org: OrganisationId,
        user: UserId,
        /// The card's lesson version.
        version: uuid::Uuid,
        correct: bool,
        at: DateTime<Utc>,
    },
    /// A QA result on a competency arrived (a value of a metric linked to it, in percent,
    /// rounded down).
    QaScored {
        org: OrganisationId,
        user: UserId,
        /// Who brought it (the importer; the agent for an unattended import).
        by: UserId,
        competency: String,
        percent: i32,
        at: DateTime<Utc>,
    },
    /// An assessor passed a teach-back or observed session: its track module is done.
    ModuleAssessed {
        org: OrganisationId,
        trainee: UserId,
        enrolment: uuid::Uuid,
        module: uuid::Uuid,
        at: DateTime<Utc>,
    },
}

#[cfg(test)]
mod tests {
    use super::{Finished, needed, passes};

    #[test]
    fn a_learner_is_told_the_fewest_right_answers_that_pass() {
        // At the default 70 %, two of three is not enough: three of three are needed.
        assert_eq!(needed(3, 70), 3);
        assert_eq!(needed(10, 70), 7);
        assert_eq!(needed(4, 50), 2);
        assert_eq!(needed(0, 70), 0);
        assert_eq!(needed(5, 0), 0);
        for total in 0..12 {
            for mark in [0, 1, 50, 66, 67, 70, 99, 100] {
                let n = needed(total, mark);
                assert!(passes(n, total, mark));
                assert!(
                    n == 0 || !passes(n - 1, total, mark),
                    "{n} of {total} at {mark}"
                );
            }
        }
    }

    #[test]
    fn right_answers_pass_at_the_mark() {
        assert!(passes(7, 10, 70));
        assert!(!passes(6, 10, 70));
        assert!(passes(0, 0, 70), "nothing to score passes");
        assert!(passes(0, 3, 0));
    }

    #[test]
    fn a_lesson_scores_its_right_answers_and_passes_at_the_mark() {
        let two_of_three = Finished::Lesson {
            correct: 2,
            total: 3,
        };
        assert_eq!(two_of_three.percent(), 66);
        assert!(two_of_three.passes(66));
        assert!(!two_of_three.passes(70));
        let nothing_to_answer = Finished::Lesson {
            correct: 0,
            total: 0,
        };
        assert_eq!(nothing_to_answer.percent(), 100);
        assert!(nothing_to_answer.passes(100));
    }

    #[test]
    fn a_scenario_scores_the_mean_of_its_competencies() {
        assert_eq!(
            Finished::scenario(&[80, 60]),
            Finished::Scenario { percent: 70 }
        );
        assert_eq!(Finished::scenario(&[]), Finished::Scenario { percent: 100 });
        assert!(Finished::scenario(&[80, 60]).passes(70));
        assert!(!Finished::scenario(&[80, 59]).passes(70));
    }
}
