//! The agent's side: their paths with due dates, reporting a practice task done, and their
//! coaching sessions to acknowledge or answer.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::Duration;
use cinco_app::ErrorCode;
use cinco_app::path::report_task::report_task_done;
use cinco_domain::coaching::AssignmentStatus;
use cinco_domain::coaching::SessionStatus;
use cinco_domain::text::NOTE_MAX;
use cinco_persistence::coaching;
use cinco_persistence::path;
use serde::Deserialize;
use utoipa::ToSchema;

use super::Names;
use super::assignments::{AssignmentView, view};
use super::sessions::{CoachingSessionView, already, auth_locale, current, session_view};
use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

/// The caller's active paths, then those completed in the last 30 days.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Paths", body = Vec<AssignmentView>))
)]
#[get("/me/paths", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn paths(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.settings.clock.now();
    let me = [auth.user_id];
    let filter = path::Filter {
        users: Some(&me),
        status: None,
    };
    let mut list: Vec<_> = path::assignments(&state.db, auth.org, filter)
        .await?
        .into_iter()
        .filter(|a| {
            a.status == AssignmentStatus::Active
                || (a.status == AssignmentStatus::Completed
                    && a.closed_at.is_some_and(|at| now - at <= Duration::days(30)))
        })
        .collect();
    list.sort_by_key(|a| {
        (
            a.status != AssignmentStatus::Active,
            a.steps.iter().filter_map(|s| s.due_at).min(),
        )
    });
    let names = Names::load(&state.db, auth.org).await?;
    let reader = crate::routes::learn::locales(&state.db, &auth).await?;
    Ok(HttpResponse::Ok().json(
        list.iter()
            .map(|a| view(a, &names, now, reader))
            .collect::<Vec<_>>(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DoneBody {
    /// What the agent did (optional, at most 2,000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: Option<String>,
}

/// Report a practice task done.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("step_id" = uuid::Uuid, Path, description = "Step id")),
    request_body = DoneBody,
    responses(
        (status = 200, description = "Done; the path as it is now", body = AssignmentView),
        (status = 404, description = "No such open step of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_done`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `not_self_reported` (lessons, scenarios and coaching sessions complete themselves) or `too_long` (the note has more than 2,000 characters)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/me/paths/steps/{step_id}/done", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn done(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<DoneBody>,
) -> Result<HttpResponse, ApiError> {
    let now = state.settings.clock.now();
    let a = report_task_done(
        &state.app,
        auth.org,
        auth.user_id,
        id.into_inner(),
        body.note.as_deref(),
        now,
    )
    .await?;
    let names = Names::load(&state.db, auth.org).await?;
    let reader = crate::routes::learn::locales(&state.db, &auth).await?;
    Ok(HttpResponse::Ok().json(view(&a, &names, now, reader)))
}

/// The caller's coaching sessions, newest first.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Sessions", body = Vec<CoachingSessionView>))
)]
#[get("/me/coaching-sessions", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn sessions(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let names = Names::load(&state.db, auth.org).await?;
    let locale = auth_locale(&state, &auth).await?;
    let mut out = Vec::new();
    for s in coaching::sessions(&state.db, auth.org, Some(&[auth.user_id])).await? {
        if s.status != SessionStatus::Cancelled {
            out.push(session_view(&state, auth.org, s, &names, locale).await?);
        }
    }
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AcknowledgeBody {
    /// At most 2,000 characters; required for a dispute.
    #[serde(default)]
    #[schema(max_length = 2000)]
    comment: Option<String>,
    /// The agent disagrees with the session (say why in `comment`).
    #[serde(default)]
    dispute: bool,
}

/// Acknowledge a recorded session, or answer it with a comment (a dispute when the agent
/// disagrees). Once only.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("coaching_session_id" = uuid::Uuid, Path, description = "Session id")),
    request_body = AcknowledgeBody,
    responses(
        (status = 200, description = "Acknowledged", body = CoachingSessionView),
        (status = 404, description = "No such session of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_acknowledged` or `not_recorded`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `comment_required` (a dispute says why) or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/me/coaching-sessions/{coaching_session_id}/acknowledge",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn acknowledge(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<AcknowledgeBody>,
) -> Result<HttpResponse, ApiError> {
    let s = coaching::session(&state.db, auth.org, id.into_inner()).await?;
    if s.agent_id != auth.user_id {
        return Err(ApiError::NotFound);
    }
    if s.status != SessionStatus::Recorded {
        return Err(already(
            ErrorCode::NotRecorded,
            "the session has not been recorded yet",
        ));
    }
    let comment = crate::fields::text("comment", body.comment.as_deref(), NOTE_MAX)?;
    let comment = comment.as_deref();
    if body.dispute && comment.is_none() {
        return Err(ApiError::field(
            "comment",
            "comment_required",
            "say what you disagree with",
        ));
    }
    let now = state.settings.clock.now();
    if !coaching::acknowledge(
        &state.db,
        auth.org,
        s.id,
        now,
        comment.map(str::to_owned),
        body.dispute,
    )
    .await?
    {
        return Err(already(
            ErrorCode::AlreadyAcknowledged,
            "this session is acknowledged already",
        ));
    }
    Ok(HttpResponse::Ok().json(current(&state, &auth, s.id).await?))
}
