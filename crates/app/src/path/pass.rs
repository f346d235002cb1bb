//! What passing a lesson's path steps needs, told to the agent before they start the lesson
//! and again with their score: "this step needs 3 of 3 right".

use cinco_domain::learning::{self, ContentKind};
use cinco_domain::programme::{Kind, pass_mark};
use cinco_domain::{Locale, OrganisationId, UserId};
use cinco_persistence::{Executor, path};

use crate::AppError;

/// An open path step that asks for a lesson, and what passing it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepNeed {
    pub path_title: String,
    pub step_title: String,
    /// Percent.
    pub pass_mark: u8,
    /// Right answers needed, of `items`.
    pub needed: u32,
    pub items: u32,
    /// Tried already without passing.
    pub attempted: bool,
}

impl StepNeed {
    /// Whether an attempt with `correct` right answers reached the step's pass mark (the
    /// domain's rule, `Finished::passes`).
    pub fn passed_by(&self, correct: u32) -> bool {
        cinco_domain::learning::Finished::Lesson {
            correct,
            total: self.items,
        }
        .passes(self.pass_mark)
    }
}

/// The learner's open path steps that ask for lesson `key`, with `items` knowledge checks,
/// worded in the learner's language `reader` (theirs, then the organisation's).
pub async fn lesson_steps(
    ex: &impl Executor,
    (org, user): (OrganisationId, UserId),
    reader: (Locale, Locale),
    key: &str,
    items: u32,
) -> Result<Vec<StepNeed>, AppError> {
    Ok(path::open_steps(ex, org, user)
        .await?
        .into_iter()
        .map(|mut o| {
            super::language::open_in(&mut o, reader.0, reader.1);
            o
        })
        .filter(|o| {
            o.step.kind.content() == Some(ContentKind::Lesson)
                && o.step.target_key.as_deref() == Some(key)
        })
        .map(|o| {
            let mark = pass_mark(o.step.pass_percent);
            StepNeed {
                path_title: o.path_title,
                step_title: o.step.title,
                pass_mark: mark,
                needed: learning::needed(items, mark),
                items,
                attempted: o.step.score.is_some(),
            }
        })
        .collect())
}
