//! An agent reports a practice task of their path done (lessons, scenarios and coaching
//! sessions complete themselves from what happened).

use chrono::{DateTime, Utc};
use cinco_domain::coaching::{AssignmentStatus, StepType};
use cinco_domain::text::{NOTE_MAX, bounded};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::path::{self, Assignment};

use crate::{App, AppError, ErrorCode, learning};

/// Completes the practice task `step` of `user`'s path with their `note`; answers the path
/// as it is now.
pub async fn report_task_done(
    app: &App,
    org: OrganisationId,
    user: UserId,
    step: uuid::Uuid,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Assignment, AppError> {
    let me = [user];
    let filter = path::Filter {
        users: Some(&me),
        status: None,
    };
    let a = path::assignments(&app.db, org, filter)
        .await?
        .into_iter()
        .find(|a| a.steps.iter().any(|s| s.id == step))
        .ok_or(AppError::NotFound)?;
    let done = a
        .steps
        .iter()
        .find(|s| s.id == step)
        .ok_or(AppError::NotFound)?;
    if done.completed_at.is_some() {
        return Err(already_done());
    }
    if a.status != AssignmentStatus::Active {
        return Err(AppError::Conflict {
            code: ErrorCode::AssignmentClosed,
            detail: "this path is completed or cancelled".to_owned(),
        });
    }
    if done.kind != StepType::PracticeTask {
        return Err(AppError::field(
            "step_id",
            "not_self_reported",
            "lessons, scenarios and coaching sessions complete themselves",
        ));
    }
    let note: Option<String> = note
        .map(|n| bounded(n, NOTE_MAX))
        .transpose()
        .map_err(|e| AppError::field("note", "too_long", e.to_string()))?
        .flatten()
        .map(str::to_owned);
    let open = path::OpenStep {
        step: done.clone(),
        path_title: a.title.clone(),
        path_texts: a.texts.clone(),
        assigned_at: a.assigned_at,
    };
    let tx = app.db.begin().await?;
    if !learning::complete_step(&tx, org, &open, now, None, note).await? {
        return Err(already_done());
    }
    tx.commit().await?;
    Ok(path::assignment(&app.db, org, a.id).await?)
}

fn already_done() -> AppError {
    AppError::Conflict {
        code: ErrorCode::AlreadyDone,
        detail: "this step is done already".to_owned(),
    }
}
