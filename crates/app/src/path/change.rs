//! What a lead changes on an assignment: a later due date, a cancel, handing it to another
//! agent. Each change is kept in the assignment's history.

use chrono::{DateTime, NaiveDate, Utc};
use cinco_domain::UserId;
use cinco_domain::coaching::{AssignmentStatus, PathEvent};
use cinco_persistence::path::{self, Assignment, NewStep};
use cinco_persistence::{Executor, team_activity};

use super::scope::{closed, coachable_agent, managed, team_of};
use crate::{Actor, App, AppError, ErrorCode};

async fn log(
    ex: &impl Executor,
    actor: &Actor,
    assignment: uuid::Uuid,
    at: DateTime<Utc>,
    kind: PathEvent,
    detail: &str,
) -> Result<(), AppError> {
    path::add_event(
        ex,
        actor.org,
        assignment,
        at,
        Some(actor.user),
        kind,
        detail,
    )
    .await?;
    Ok(())
}

/// Moves the due date of one open step, or of all of them, to the end of `day` in the
/// agent's time zone; the day must not have ended.
pub async fn extend(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    day: NaiveDate,
    step: Option<uuid::Uuid>,
) -> Result<(), AppError> {
    let a = managed(&app.db, actor, id).await?;
    if a.status != AssignmentStatus::Active {
        return Err(closed());
    }
    let agent = coachable_agent(&app.db, actor, a.user_id).await?;
    let now = app.clock.now();
    let due = agent.time_zone.end_of(day);
    if due <= now {
        return Err(AppError::field(
            "due_on",
            "date_in_past",
            "choose a day that has not ended",
        ));
    }
    let open: Vec<_> = a
        .steps
        .iter()
        .filter(|s| s.completed_at.is_none())
        .filter(|s| step.is_none_or(|id| id == s.id))
        .collect();
    if open.is_empty() {
        return Err(AppError::NotFound);
    }
    let tx = app.db.begin().await?;
    for s in &open {
        path::set_step_due(&tx, actor.org, s, due).await?;
    }
    let what = match open.as_slice() {
        [one] if step.is_some() => format!("{}: {day}", one.title),
        _ => day.to_string(),
    };
    log(&tx, actor, a.id, now, PathEvent::Extended, &what).await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels an active assignment, with an optional reason; its history stays.
pub async fn cancel(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    reason: &str,
) -> Result<(), AppError> {
    let a = managed(&app.db, actor, id).await?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    if !path::close(&tx, actor.org, &a, AssignmentStatus::Cancelled, now).await? {
        return Err(closed());
    }
    log(&tx, actor, a.id, now, PathEvent::Cancelled, reason).await?;
    tx.commit().await?;
    Ok(())
}

/// Hands the open steps (with their due dates) to another agent; this assignment is
/// cancelled. Answers the new one.
pub async fn reassign(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    to: UserId,
) -> Result<Assignment, AppError> {
    let a = managed(&app.db, actor, id).await?;
    let to = coachable_agent(&app.db, actor, to).await?;
    if to.id == a.user_id {
        return Err(AppError::field(
            "agent_id",
            "same_agent",
            "the path is already this agent's",
        ));
    }
    if let Some(template) = a.template_id
        && path::has_active(&app.db, actor.org, to.id, template).await?
    {
        return Err(AppError::Conflict {
            code: ErrorCode::AlreadyAssigned,
            detail: "the other agent has this path already".to_owned(),
        });
    }
    let now = app.clock.now();
    let names = team_activity::names(&app.db, actor.org).await?;
    let name = |id: UserId| names.get(&id).cloned().unwrap_or_default();
    let tx = app.db.begin().await?;
    if !path::close(&tx, actor.org, &a, AssignmentStatus::Cancelled, now).await? {
        return Err(closed());
    }
    log(&tx, actor, a.id, now, PathEvent::Reassigned, &name(to.id)).await?;
    let steps: Vec<NewStep> = a
        .steps
        .iter()
        .filter(|s| s.completed_at.is_none())
        .map(|s| NewStep {
            title: s.title.clone(),
            kind: s.kind,
            target_key: s.target_key.clone(),
            pass_percent: s.pass_percent,
            instructions: s.instructions.clone(),
            due_at: s.due_at,
            texts: s.texts.clone(),
        })
        .collect();
    let new = Assignment {
        id: uuid::Uuid::now_v7(),
        user_id: to.id,
        team_id: team_of(&tx, actor.org, to.id).await?,
        team_rule_id: None,
        // A session's agreed actions stay with the session's agent.
        session_id: None,
        assigned_by: actor.user,
        assigned_at: now,
        status: AssignmentStatus::Active,
        closed_at: None,
        steps: Vec::new(),
        ..a.clone()
    };
    path::insert_assignment(&tx, actor.org, &new, &steps, &name(a.user_id)).await?;
    tx.commit().await?;
    Ok(path::assignment(&app.db, actor.org, new.id).await?)
}
