//! Completing a lesson attempt, online or from the offline queue: once, and the learning it
//! finished is announced in the same transaction.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::learning::{ContentKind, Finished, LearningEvent};
use cinco_persistence::attempt::{self, Attempt};

use crate::path::pass::{self, StepNeed};
use crate::{App, AppError, learning};

/// How a completed attempt came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// False when it was complete already (a replay): nothing was announced again.
    pub newly_completed: bool,
    /// Right answers, of `items` knowledge checks in the lesson.
    pub correct: u32,
    pub items: u32,
    /// The learner's path steps that asked for this lesson when it was completed: what each
    /// needs, so the learner is told whether it passed and, if not, what a retry needs.
    pub steps: Vec<StepNeed>,
}

/// Completes `attempt` at `at`, once, and answers its score.
pub async fn complete(
    app: &App,
    org: OrganisationId,
    attempt: &Attempt,
    at: DateTime<Utc>,
) -> Result<Completion, AppError> {
    let lesson = app
        .content
        .lesson(&app.db, org, attempt.lesson_version_id)
        .await?;
    let tx = app.db.begin().await?;
    let newly_completed = attempt::complete(&tx, org, attempt, at).await?;
    let answers = attempt::answers(&tx, attempt.id).await?;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let correct = count(answers.iter().filter(|a| a.correct).count());
    let items = count(lesson.content.items().count());
    // Read before the completion is announced, which closes the steps it passes.
    let steps = if newly_completed {
        let learner = cinco_persistence::user::get(&tx, org, attempt.user_id).await?;
        let org_default = cinco_persistence::organisation::get(&tx, org)
            .await?
            .default_locale;
        pass::lesson_steps(
            &tx,
            (org, attempt.user_id),
            (learner.locale, org_default),
            lesson.version.key.as_str(),
            items,
        )
        .await?
    } else {
        Vec::new()
    };
    if newly_completed {
        let event = LearningEvent::ContentFinished {
            org,
            user: attempt.user_id,
            kind: ContentKind::Lesson,
            version: attempt.lesson_version_id,
            key: lesson.version.key.clone(),
            result: Finished::Lesson {
                correct,
                total: items,
            },
            at,
        };
        learning::publish(app, &tx, &event).await?;
    }
    tx.commit().await?;
    Ok(Completion {
        newly_completed,
        correct,
        items,
        steps,
    })
}
