//! Giving paths to agents: to a list of agents or a whole team (and, by a team rule, to the
//! agents who join it later); following, extending, reassigning and cancelling them, with
//! their history.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use cinco_app::path::assign::Assign;
use cinco_app::path::language;
use cinco_domain::coaching::AssignmentStatus;
use cinco_domain::programme::{self, Kind};
use cinco_domain::{Locale, TeamId, UserId};
use cinco_persistence::Executor;
use cinco_persistence::path::{self, Assignment, PathStep};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Names, PersonRef};
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields;
use crate::state::AppState;
use crate::states::{AssignmentStatusView, LocaleView, StepKindView};

#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentStepView {
    pub(crate) id: uuid::Uuid,
    pub(crate) position: i32,
    pub(crate) title: String,
    pub(crate) kind: StepKindView,
    pub(crate) target_key: Option<String>,
    pub(crate) pass_percent: Option<i32>,
    pub(crate) instructions: Option<String>,
    pub(crate) due_at: Option<DateTime<Utc>>,
    pub(crate) completed_at: Option<DateTime<Utc>>,
    /// For lessons and scenarios: the passing score (percent) once done; while open, the
    /// score of the last attempt that fell short of the pass mark.
    pub(crate) score: Option<i32>,
    /// What a lesson or scenario step needs to pass (percent): its own mark or the default.
    pub(crate) pass_mark: Option<u8>,
    /// Open, and tried at least once without reaching the pass mark ("attempted, not passed
    /// yet" rather than only "overdue").
    pub(crate) attempted: bool,
    /// The agent's report, for a practice task.
    pub(crate) note: Option<String>,
    pub(crate) overdue: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentView {
    pub(crate) id: uuid::Uuid,
    pub(crate) title: String,
    pub(crate) template_id: Option<uuid::Uuid>,
    /// The coaching session whose agreed actions this path holds.
    pub(crate) session_id: Option<uuid::Uuid>,
    pub(crate) agent: PersonRef,
    pub(crate) team_id: Option<uuid::Uuid>,
    pub(crate) assigned_by: PersonRef,
    pub(crate) assigned_at: DateTime<Utc>,
    pub(crate) status: AssignmentStatusView,
    /// The last step's due date.
    pub(crate) due_at: Option<DateTime<Utc>>,
    pub(crate) completed_steps: usize,
    pub(crate) total_steps: usize,
    pub(crate) overdue: bool,
    pub(crate) steps: Vec<AssignmentStepView>,
    /// The language its title and steps are shown in, when it was given in several: the
    /// reader's, else the organisation's, else the one it has.
    pub(crate) locale: Option<LocaleView>,
}

fn step_overdue(s: &PathStep, now: DateTime<Utc>) -> bool {
    cinco_domain::coaching::overdue(s.completed_at, s.due_at, now)
}

/// The path as the reader sees it: in `reader`'s language (theirs, then the organisation's)
/// where it was given in it.
pub(crate) fn view(
    a: &Assignment,
    names: &Names,
    now: DateTime<Utc>,
    reader: (Locale, Locale),
) -> AssignmentView {
    let mut a = a.clone();
    let locale = language::read_in(&mut a, reader.0, reader.1).map(LocaleView::from);
    let a = &a;
    let active = a.status == AssignmentStatus::Active;
    let steps: Vec<AssignmentStepView> = a
        .steps
        .iter()
        .map(|s| AssignmentStepView {
            id: s.id,
            position: s.position,
            title: s.title.clone(),
            kind: s.kind.into(),
            target_key: s.target_key.clone(),
            pass_percent: s.pass_percent,
            instructions: s.instructions.clone(),
            due_at: s.due_at,
            completed_at: s.completed_at,
            score: s.score,
            pass_mark: s
                .kind
                .content()
                .map(|_| programme::pass_mark(s.pass_percent)),
            attempted: s.completed_at.is_none() && s.score.is_some(),
            note: s.note.clone(),
            overdue: active && step_overdue(s, now),
        })
        .collect();
    AssignmentView {
        id: a.id,
        title: a.title.clone(),
        template_id: a.template_id,
        session_id: a.session_id,
        agent: names.person(a.user_id),
        team_id: a.team_id.map(|t| t.as_uuid()),
        assigned_by: names.person(a.assigned_by),
        assigned_at: a.assigned_at,
        status: a.status.into(),
        due_at: a.steps.iter().filter_map(|s| s.due_at).max(),
        completed_steps: a.steps.iter().filter(|s| s.completed_at.is_some()).count(),
        total_steps: a.steps.len(),
        overdue: steps.iter().any(|s| s.overdue),
        steps,
        locale,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignBody {
    template_id: uuid::Uuid,
    /// Every agent of this team.
    #[serde(default)]
    team_id: Option<uuid::Uuid>,
    /// And/or these agents.
    #[serde(default)]
    agent_ids: Vec<uuid::Uuid>,
    /// With a team: agents who join it later get the path too.
    #[serde(default)]
    include_later_joiners: bool,
    /// One due date for the whole path (the end of that day where the agent is); without it
    /// each step is due its template days after today.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Day>)]
    due_on: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Assigned {
    assigned: usize,
    /// Agents who had the path active already.
    skipped: usize,
    assignments: Vec<AssignmentView>,
}

/// Assign a path template to agents, or to a team.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    request_body = AssignBody,
    responses(
        (status = 201, description = "Assigned", body = Assigned),
        (status = 404, description = "No such template, team or agent in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `no_agents`, `template_archived` or `invalid_date`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/coaching/assignments", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn assign(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<AssignBody>,
) -> Result<HttpResponse, ApiError> {
    let due_on = body
        .due_on
        .as_deref()
        .map(|d| fields::day("due_on", d))
        .transpose()?;
    let cmd = Assign {
        template_id: body.template_id,
        team_id: body.team_id.map(TeamId::from_uuid),
        agent_ids: body
            .agent_ids
            .iter()
            .copied()
            .map(UserId::from_uuid)
            .collect(),
        include_later_joiners: body.include_later_joiners,
        due_on,
    };
    let done = cinco_app::path::assign::assign(&state.app, &auth.actor(), cmd).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let now = state.settings.clock.now();
    let reader = crate::routes::learn::locales(&state.db, &auth).await?;
    Ok(HttpResponse::Created().json(Assigned {
        assigned: done.created.len(),
        skipped: done.skipped,
        assignments: done
            .created
            .iter()
            .map(|a| view(a, &names, now, reader))
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AssignmentQuery {
    team_id: Option<uuid::Uuid>,
    agent_id: Option<uuid::Uuid>,
    #[param(value_type = Option<crate::states::AssignmentStatusView>)]
    status: Option<String>,
}

/// Assignments in the caller's scope.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(AssignmentQuery),
    responses(
        (status = 200, description = "Newest first", body = Vec<AssignmentView>),
        (status = 404, description = "No such team or agent in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "`invalid_query`: an unknown `status`", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/coaching/assignments", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<AssignmentQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = match query.status.as_deref() {
        Some(raw) => Some(AssignmentStatus::parse(raw).ok_or_else(|| {
            ApiError::query("status", "invalid_status", "active, completed or cancelled")
        })?),
        None => None,
    };
    let users = super::listed_agents(&state.db, &auth, query.team_id, query.agent_id).await?;
    let filter = path::Filter {
        users: users.as_deref(),
        status,
    };
    let list = path::assignments(&state.db, auth.org, filter).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let now = state.settings.clock.now();
    let reader = crate::routes::learn::locales(&state.db, &auth).await?;
    Ok(HttpResponse::Ok().json(
        list.iter()
            .map(|a| view(a, &names, now, reader))
            .collect::<Vec<_>>(),
    ))
}

/// An assignment of an agent the caller may coach.
pub(crate) async fn managed(
    ex: &impl Executor,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<Assignment, ApiError> {
    Ok(cinco_app::path::scope::managed(ex, &auth.actor(), id).await?)
}
