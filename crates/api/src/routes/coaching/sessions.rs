//! Coaching sessions: a lead observes a call (live or recorded; only a reference to it is
//! kept), rates it on a scorecard of competencies and indicators, writes notes and agrees
//! actions with the agent, which become a path. Also the scorecard templates.

use cinco_app::ErrorCode;
use cinco_app::coaching::schedule::{self as scheduling, Plan};
use cinco_domain::programme::words::pick_in;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::coaching::{self, Session};
use cinco_persistence::competency;
use cinco_persistence::path;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Names, PersonRef, coachable_agent};
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields;
use crate::state::AppState;
use crate::states::{ObservationView, SessionStatusView};

#[derive(Debug, Serialize, ToSchema)]
pub struct RatingView {
    competency_key: String,
    competency_name: String,
    indicator: String,
    /// 1…4; `null` is N/A.
    rating: Option<i32>,
    note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgreedActionView {
    text: String,
    due_at: Option<DateTime<Utc>>,
    done: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CoachingSessionView {
    id: uuid::Uuid,
    agent: PersonRef,
    lead: PersonRef,
    status: SessionStatusView,
    scheduled_at: Option<DateTime<Utc>>,
    held_at: Option<DateTime<Utc>>,
    observation: Option<ObservationView>,
    call_reference: Option<String>,
    scorecard_id: Option<uuid::Uuid>,
    scorecard_title: Option<String>,
    ratings: Vec<RatingView>,
    notes: Option<String>,
    actions: Vec<AgreedActionView>,
    actions_assignment_id: Option<uuid::Uuid>,
    acknowledged_at: Option<DateTime<Utc>>,
    agent_comment: Option<String>,
    disputed: bool,
}

/// A session as its lead and its agent see it.
pub(crate) async fn session_view(
    state: &AppState,
    org: OrganisationId,
    s: Session,
    names: &Names,
    locale: cinco_domain::Locale,
) -> Result<CoachingSessionView, ApiError> {
    let comps = competency::list(&state.db, org, true).await?;
    let org_default = cinco_persistence::organisation::get(&state.db, org)
        .await?
        .default_locale;
    let ratings = coaching::ratings(&state.db, org, s.id)
        .await?
        .into_iter()
        .map(|r| RatingView {
            competency_name: comps
                .iter()
                .find(|c| c.key.as_str() == r.competency_key)
                .map(|c| c.name.get(locale, locale).to_owned())
                .unwrap_or_else(|| r.competency_key.clone()),
            competency_key: r.competency_key,
            // The reader's language where the scorecard had it, else the organisation's, else
            // as the lead rated it.
            indicator: pick_in(&r.texts, locale, org_default)
                .map_or(r.indicator, |(_, t)| t.clone()),
            rating: r.rating,
            note: r.note,
        })
        .collect();
    let actions = match s.actions_assignment_id {
        Some(id) => path::assignment(&state.db, org, id)
            .await?
            .steps
            .into_iter()
            .map(|st| AgreedActionView {
                text: st.title,
                due_at: st.due_at,
                done: st.completed_at.is_some(),
            })
            .collect(),
        None => Vec::new(),
    };
    let scorecard_title = match s.scorecard_id {
        Some(id) => match coaching::scorecard(&state.db, org, id).await.ok() {
            Some(mut card) => {
                cinco_app::coaching::scorecard::read_in(&mut card, locale, org_default);
                Some(card.title)
            }
            None => None,
        },
        None => None,
    };
    Ok(CoachingSessionView {
        id: s.id,
        agent: names.person(s.agent_id),
        lead: names.person(s.lead_id),
        status: s.status.into(),
        scheduled_at: s.scheduled_at,
        held_at: s.held_at,
        observation: s.observation.map(ObservationView::from),
        call_reference: s.call_reference,
        scorecard_id: s.scorecard_id,
        scorecard_title,
        ratings,
        notes: s.notes,
        actions,
        actions_assignment_id: s.actions_assignment_id,
        acknowledged_at: s.acknowledged_at,
        agent_comment: s.agent_comment,
        disputed: s.disputed,
    })
}

/// The session as it is now, as the caller sees it.
pub(crate) async fn current(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<CoachingSessionView, ApiError> {
    let s = coaching::session(&state.db, auth.org, id).await?;
    let names = Names::load(&state.db, auth.org).await?;
    session_view(state, auth.org, s, &names, auth_locale(state, auth).await?).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduleBody {
    agent_id: uuid::Uuid,
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Instant>)]
    scheduled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    scorecard_id: Option<uuid::Uuid>,
    /// At most 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    call_reference: Option<String>,
}

/// Schedule a coaching session with an agent.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    request_body = ScheduleBody,
    responses(
        (status = 201, description = "Scheduled", body = CoachingSessionView),
        (status = 404, description = "No such agent or scorecard in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_date` (outside 2000–2100) or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/coaching/sessions", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn schedule(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<ScheduleBody>,
) -> Result<HttpResponse, ApiError> {
    let plan = Plan {
        agent: UserId::from_uuid(body.agent_id),
        at: fields::instant("scheduled_at", body.scheduled_at)?,
        call_reference: body.call_reference.clone(),
        scorecard: body.scorecard_id,
        notes: None,
    };
    let s = scheduling::schedule(&state.app, &auth.actor(), &plan).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let view = session_view(
        &state,
        auth.org,
        s,
        &names,
        auth_locale(&state, &auth).await?,
    )
    .await?;
    Ok(HttpResponse::Created().json(view))
}

pub(crate) async fn auth_locale(
    state: &AppState,
    auth: &AuthUser,
) -> Result<cinco_domain::Locale, ApiError> {
    Ok(
        cinco_persistence::user::get(&state.db, auth.org, auth.user_id)
            .await?
            .locale,
    )
}

pub(crate) fn already(code: ErrorCode, detail: &str) -> ApiError {
    ApiError::Conflict {
        code,
        detail: detail.to_owned(),
    }
}
/// Cancel a scheduled session that will not happen.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("coaching_session_id" = uuid::Uuid, Path, description = "Session id")),
    responses(
        (status = 200, description = "Cancelled", body = CoachingSessionView),
        (status = 404, description = "No such session in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_scheduled`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/sessions/{coaching_session_id}/cancel",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn cancel(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let s = coaching::session(&state.db, auth.org, id.into_inner()).await?;
    coachable_agent(&state.db, &auth, s.agent_id).await?;
    if !coaching::cancel(&state.db, auth.org, s.id).await? {
        return Err(already(
            ErrorCode::NotScheduled,
            "only a scheduled session can be cancelled",
        ));
    }
    Ok(HttpResponse::Ok().json(current(&state, &auth, s.id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SessionQuery {
    team_id: Option<uuid::Uuid>,
    agent_id: Option<uuid::Uuid>,
}

/// Coaching sessions in the caller's scope, newest first.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(SessionQuery),
    responses(
        (status = 200, description = "Sessions", body = Vec<CoachingSessionView>),
        (status = 404, description = "No such team or agent in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/coaching/sessions", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<SessionQuery>,
) -> Result<HttpResponse, ApiError> {
    let agents = super::listed_agents(&state.db, &auth, query.team_id, query.agent_id).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let locale = auth_locale(&state, &auth).await?;
    let mut out = Vec::new();
    for s in coaching::sessions(&state.db, auth.org, agents.as_deref()).await? {
        out.push(session_view(&state, auth.org, s, &names, locale).await?);
    }
    Ok(HttpResponse::Ok().json(out))
}

/// One coaching session.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("coaching_session_id" = uuid::Uuid, Path, description = "Session id")),
    responses(
        (status = 200, description = "The session", body = CoachingSessionView),
        (status = 404, description = "No such session in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/coaching/sessions/{coaching_session_id}",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let s = coaching::session(&state.db, auth.org, id.into_inner()).await?;
    coachable_agent(&state.db, &auth, s.agent_id).await?;
    Ok(HttpResponse::Ok().json(current(&state, &auth, s.id).await?))
}
