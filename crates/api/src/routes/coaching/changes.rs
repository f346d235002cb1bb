//! One assignment and what a lead changes on it: its history, a later due date, a cancel,
//! handing it to another agent; and the team rules that give paths to later joiners.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use cinco_app::path::change;
use cinco_domain::text::REASON_MAX;
use cinco_domain::{TeamId, UserId};
use cinco_persistence::path::{self, Assignment};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::assignments::{AssignmentView, managed, view};
use super::{Names, PersonRef, visible_team};
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields;
use crate::state::AppState;
use crate::states::PathEventView;

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    at: DateTime<Utc>,
    actor: Option<PersonRef>,
    kind: PathEventView,
    detail: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentDetail {
    #[serde(flatten)]
    assignment: AssignmentView,
    history: Vec<HistoryEntry>,
}

async fn detail(
    state: &AppState,
    auth: &AuthUser,
    a: &Assignment,
) -> Result<AssignmentDetail, ApiError> {
    let names = Names::load(&state.db, auth.org).await?;
    let history = path::events(&state.db, auth.org, a.id)
        .await?
        .into_iter()
        .map(|e| HistoryEntry {
            at: e.at,
            actor: e.actor.map(|u| names.person(u)),
            kind: e.kind.into(),
            detail: e.detail,
        })
        .collect();
    Ok(AssignmentDetail {
        assignment: view(
            a,
            &names,
            state.settings.clock.now(),
            crate::routes::learn::locales(&state.db, auth).await?,
        ),
        history,
    })
}

/// A lead's change, in the assignment's history.
/// The assignment as it is now, with its history.
async fn reloaded(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<AssignmentDetail, ApiError> {
    let a = path::assignment(&state.db, auth.org, id).await?;
    detail(state, auth, &a).await
}

/// One assignment with its history.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("assignment_id" = uuid::Uuid, Path, description = "Assignment id")),
    responses(
        (status = 200, description = "The assignment", body = AssignmentDetail),
        (status = 404, description = "No such assignment in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/coaching/assignments/{assignment_id}",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let a = managed(&state.db, &auth, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(detail(&state, &auth, &a).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ExtendBody {
    /// The new due date (the end of that day where the agent is); not in the past.
    #[schema(value_type = crate::contract::Day)]
    due_on: String,
    /// One step; every open step when absent.
    #[serde(default)]
    step_id: Option<uuid::Uuid>,
}

/// Give more time: a new due date for one open step or all of them.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("assignment_id" = uuid::Uuid, Path, description = "Assignment id")),
    request_body = ExtendBody,
    responses(
        (status = 200, description = "Extended", body = AssignmentDetail),
        (status = 404, description = "No such assignment or step", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`assignment_closed`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_date` or `date_in_past`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/assignments/{assignment_id}/extend",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn extend(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<ExtendBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let day = fields::day("due_on", &body.due_on)?;
    change::extend(&state.app, &auth.actor(), id, day, body.step_id).await?;
    Ok(HttpResponse::Ok().json(reloaded(&state, &auth, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CancelBody {
    /// Why (at most 500 characters).
    #[serde(default)]
    #[schema(max_length = 500)]
    reason: String,
}

/// Cancel an active assignment; its history stays.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("assignment_id" = uuid::Uuid, Path, description = "Assignment id")),
    request_body = CancelBody,
    responses(
        (status = 200, description = "Cancelled", body = AssignmentDetail),
        (status = 404, description = "No such assignment in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`assignment_closed`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `too_long` (the reason has more than 500 characters)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/assignments/{assignment_id}/cancel",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn cancel(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<CancelBody>,
) -> Result<HttpResponse, ApiError> {
    let reason = crate::fields::text("reason", Some(&body.reason), REASON_MAX)?.unwrap_or_default();
    let id = id.into_inner();
    change::cancel(&state.app, &auth.actor(), id, &reason).await?;
    Ok(HttpResponse::Ok().json(reloaded(&state, &auth, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReassignBody {
    agent_id: uuid::Uuid,
}

/// Hand the open steps to another agent (with their due dates); this one is cancelled.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("assignment_id" = uuid::Uuid, Path, description = "Assignment id")),
    request_body = ReassignBody,
    responses(
        (status = 201, description = "The new assignment", body = AssignmentDetail),
        (status = 404, description = "No such assignment or agent in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`assignment_closed`, or `already_assigned` (the other agent has this path active)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `same_agent`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/assignments/{assignment_id}/reassign",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn reassign(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<ReassignBody>,
) -> Result<HttpResponse, ApiError> {
    let to = UserId::from_uuid(body.agent_id);
    let new = change::reassign(&state.app, &auth.actor(), id.into_inner(), to).await?;
    Ok(HttpResponse::Created().json(detail(&state, &auth, &new).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RuleView {
    id: uuid::Uuid,
    team_id: uuid::Uuid,
    template_id: uuid::Uuid,
    title: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct RuleQuery {
    team_id: Option<uuid::Uuid>,
}

/// Team rules in force: paths that agents joining the team get.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(RuleQuery),
    responses(
        (status = 200, description = "Rules, oldest first", body = Vec<RuleView>),
        (status = 404, description = "No such team in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/coaching/team-rules", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn rules(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<RuleQuery>,
) -> Result<HttpResponse, ApiError> {
    let teams: Option<Vec<TeamId>> = match query.team_id {
        Some(id) => Some(vec![
            visible_team(&state.db, &auth, TeamId::from_uuid(id))
                .await?
                .team
                .id,
        ]),
        None if auth.is(cinco_domain::Role::Admin) => None,
        None => Some(crate::routes::teams::led_by(&state.db, &auth).await?),
    };
    let templates = path::templates(&state.db, auth.org).await?;
    let out: Vec<RuleView> = path::rules(&state.db, auth.org, None)
        .await?
        .into_iter()
        .filter(|r| teams.as_ref().is_none_or(|t| t.contains(&r.team_id)))
        .map(|r| RuleView {
            id: r.id,
            team_id: r.team_id.as_uuid(),
            template_id: r.template_id,
            title: templates
                .iter()
                .find(|t| t.id == r.template_id)
                .map(|t| t.path.title.clone())
                .unwrap_or_default(),
            created_at: r.created_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// Stop giving a path to agents who join the team from now on.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("rule_id" = uuid::Uuid, Path, description = "Rule id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "No such rule in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete(
    "/coaching/team-rules/{rule_id}",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn end_rule(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let rule = path::rules(&state.db, auth.org, None)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(ApiError::NotFound)?;
    visible_team(&state.db, &auth, rule.team_id).await?;
    path::end_rule(&state.db, auth.org, id, state.settings.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}
