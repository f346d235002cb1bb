//! A lesson version's way to agents after it is written: its author submits it for review, a
//! second trainer approves it (which publishes it) or asks for changes with a comment (back
//! to draft), and a published version is archived when agents should no longer get it.

use cinco_domain::lesson::{LessonStatus, TransitionError};
use cinco_domain::text::{NOTE_MAX, bounded};
use cinco_persistence::lesson::{self, LessonVersion};

use super::publish::publish_version;
use crate::{Actor, App, AppError, ErrorCode};

/// What a reviewer decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Publish it.
    Approve,
    /// Back to draft, with what should change.
    RequestChanges { comment: String },
}

/// Submits a draft for review.
pub async fn submit(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<LessonVersion, AppError> {
    let version = lesson::get(&app.db, actor.org, id).await?;
    version.status.transition(LessonStatus::InReview, true)?;
    set_status(app, actor, &version, LessonStatus::InReview, None).await
}

/// Reviews a submitted version; its author may not.
pub async fn review(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    decision: &Decision,
) -> Result<LessonVersion, AppError> {
    let version = lesson::get(&app.db, actor.org, id).await?;
    if version.created_by == actor.user {
        return Err(AppError::Denied {
            code: ErrorCode::OwnLesson,
            detail: "a second trainer reviews a lesson, not its author".to_owned(),
        });
    }
    match decision {
        Decision::Approve => {
            if version.status != LessonStatus::InReview {
                return Err(TransitionError {
                    from: version.status,
                    to: LessonStatus::Published,
                }
                .into());
            }
            publish_version(&app.db, actor.org, version.id, app.clock.now()).await
        }
        Decision::RequestChanges { comment } => {
            let comment = bounded(comment, NOTE_MAX)
                .map_err(|e| AppError::field("comment", "too_long", e.to_string()))?
                .ok_or_else(|| {
                    AppError::field("comment", "comment_required", "say what should change")
                })?;
            version.status.transition(LessonStatus::Draft, true)?;
            set_status(app, actor, &version, LessonStatus::Draft, Some(comment)).await
        }
    }
}

/// Archives a published version: agents no longer get it; attempts that point at it stay.
pub async fn archive(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<LessonVersion, AppError> {
    let version = lesson::get(&app.db, actor.org, id).await?;
    version.status.transition(LessonStatus::Archived, false)?;
    set_status(app, actor, &version, LessonStatus::Archived, None).await
}

async fn set_status(
    app: &App,
    actor: &Actor,
    version: &LessonVersion,
    to: LessonStatus,
    comment: Option<&str>,
) -> Result<LessonVersion, AppError> {
    let tx = app.db.begin().await?;
    lesson::set_status(&tx, actor.org, version, to, comment, app.clock.now())
        .await
        .map_err(AppError::status_race)?;
    let updated = lesson::get(&tx, actor.org, version.id).await?;
    tx.commit().await?;
    Ok(updated)
}
