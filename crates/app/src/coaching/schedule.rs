//! Scheduling a coaching session: a lead (or an admin) plans one with an agent they coach.

use chrono::{DateTime, Utc};
use cinco_domain::UserId;
use cinco_domain::coaching::SessionStatus;
use cinco_domain::text::{SESSION_NOTES_MAX, TITLE_MAX};
use cinco_persistence::coaching::{self, Session};

use crate::path::scope::coachable_agent;
use crate::text::optional;
use crate::{Actor, App, AppError};

/// What scheduling takes.
#[derive(Debug, Clone)]
pub struct Plan {
    pub agent: UserId,
    /// When; now when not given.
    pub at: Option<DateTime<Utc>>,
    /// The call it is about, in the contact centre's own words.
    pub call_reference: Option<String>,
    /// The scorecard to rate it with.
    pub scorecard: Option<uuid::Uuid>,
    /// Notes to start from (what the session is about, e.g. a decision).
    pub notes: Option<String>,
}

/// Schedules the session; it is stored and returned.
pub async fn schedule(app: &App, actor: &Actor, plan: &Plan) -> Result<Session, AppError> {
    let agent = coachable_agent(&app.db, actor, plan.agent).await?;
    if let Some(id) = plan.scorecard {
        coaching::scorecard(&app.db, actor.org, id).await?;
    }
    let now = app.clock.now();
    let s = Session {
        id: uuid::Uuid::now_v7(),
        agent_id: agent.id,
        lead_id: actor.user,
        status: SessionStatus::Scheduled,
        scheduled_at: Some(plan.at.unwrap_or(now)),
        held_at: None,
        observation: None,
        call_reference: optional("call_reference", plan.call_reference.as_deref(), TITLE_MAX)?,
        scorecard_id: plan.scorecard,
        notes: optional("notes", plan.notes.as_deref(), SESSION_NOTES_MAX)?,
        actions_assignment_id: None,
        acknowledged_at: None,
        agent_comment: None,
        disputed: false,
        created_at: now,
    };
    coaching::insert_session(&app.db, actor.org, &s).await?;
    Ok(s)
}
