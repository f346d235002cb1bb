//! Completing a lesson attempt, online or from the offline queue: once, and the learning it
//! finished is announced in the same transaction.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::learning::{ContentKind, Finished, LearningEvent};
use cinco_persistence::attempt::{self, Attempt};

use crate::{App, AppError, learning};

/// How a completed attempt came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    /// False when it was complete already (a replay): nothing was announced again.
    pub newly_completed: bool,
    /// Right answers, of `items` knowledge checks in the lesson.
    pub correct: u32,
    pub items: u32,
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
    })
}
