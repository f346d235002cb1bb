//! Completing a lesson attempt, online or from the offline queue: once, and the learning it
//! finished is announced in the same transaction.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::learning::{ContentKind, Finished, LearningEvent};
use cinco_persistence::attempt::{self, Attempt};

use crate::{App, AppError, learning};

/// Completes `attempt` at `at`; false when it was complete already (a replay), in which case
/// nothing is announced again.
pub async fn complete(
    app: &App,
    org: OrganisationId,
    attempt: &Attempt,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    let lesson = app
        .content
        .lesson(&app.db, org, attempt.lesson_version_id)
        .await?;
    let tx = app.db.begin().await?;
    if !attempt::complete(&tx, org, attempt, at).await? {
        return Ok(false);
    }
    let answers = attempt::answers(&tx, attempt.id).await?;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let event = LearningEvent::ContentFinished {
        org,
        user: attempt.user_id,
        kind: ContentKind::Lesson,
        version: attempt.lesson_version_id,
        key: lesson.version.key.clone(),
        result: Finished::Lesson {
            correct: count(answers.iter().filter(|a| a.correct).count()),
            total: count(lesson.content.items().count()),
        },
        at,
    };
    learning::publish(app, &tx, &event).await?;
    tx.commit().await?;
    Ok(true)
}
