//! Coaching sessions: a lead observes a call (live or recorded; only a reference to it is
//! kept), rates it on a scorecard of competencies and indicators, writes notes and agrees
//! actions with the agent, which become a path. Also the scorecard templates.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, Role, TeamId, UserId};
use cinco_persistence::coaching::{self, Rating, Recording, Scorecard, ScorecardItem, Session};
use cinco_persistence::path::{self, Assignment, NewStep};
use cinco_persistence::{Executor, competency};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Names, PersonRef, coachable, coachable_agent, end_of_day, parse_day, visible_team};
use crate::auth::{ADMIN, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

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
    /// `scheduled`, `recorded` or `cancelled`.
    status: String,
    scheduled_at: Option<DateTime<Utc>>,
    held_at: Option<DateTime<Utc>>,
    /// `live` or `recorded`.
    observation: Option<String>,
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
            indicator: r.indicator,
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
        Some(id) => coaching::scorecard(&state.db, org, id)
            .await
            .ok()
            .map(|c| c.title),
        None => None,
    };
    Ok(CoachingSessionView {
        id: s.id,
        agent: names.person(s.agent_id),
        lead: names.person(s.lead_id),
        status: s.status,
        scheduled_at: s.scheduled_at,
        held_at: s.held_at,
        observation: s.observation,
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

/// Whether `rater` may sign off a rating of `competency`. Organisations that enforce
/// certified coaching will allow only people certified for it; until certifications exist,
/// everyone who may coach the agent may rate.
pub(crate) async fn may_rate(
    _ex: &impl Executor,
    _org: OrganisationId,
    _rater: UserId,
    _competency: &str,
) -> Result<bool, ApiError> {
    Ok(true)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduleBody {
    agent_id: uuid::Uuid,
    #[serde(default)]
    scheduled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    scorecard_id: Option<uuid::Uuid>,
    #[serde(default)]
    call_reference: Option<String>,
}

fn short(field: &str, raw: Option<&str>, max: usize) -> Result<Option<String>, ApiError> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(ApiError::field(
            field,
            "too_long",
            format!("at most {max} characters"),
        ));
    }
    Ok(Some(text.to_owned()))
}

/// Schedule a coaching session with an agent.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    request_body = ScheduleBody,
    responses(
        (status = 201, description = "Scheduled", body = CoachingSessionView),
        (status = 404, description = "No such agent or scorecard in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/coaching/sessions", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn schedule(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<ScheduleBody>,
) -> Result<HttpResponse, ApiError> {
    let agent = coachable_agent(&state.db, &auth, UserId::from_uuid(body.agent_id)).await?;
    if let Some(id) = body.scorecard_id {
        coaching::scorecard(&state.db, auth.org, id).await?;
    }
    let now = state.settings.clock.now();
    let s = Session {
        id: uuid::Uuid::now_v7(),
        agent_id: agent.id,
        lead_id: auth.user_id,
        status: coaching::SCHEDULED.to_owned(),
        scheduled_at: Some(body.scheduled_at.unwrap_or(now)),
        held_at: None,
        observation: None,
        call_reference: short("call_reference", body.call_reference.as_deref(), 200)?,
        scorecard_id: body.scorecard_id,
        notes: None,
        actions_assignment_id: None,
        acknowledged_at: None,
        agent_comment: None,
        disputed: false,
        created_at: now,
    };
    coaching::insert_session(&state.db, auth.org, &s).await?;
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

#[derive(Debug, Deserialize, ToSchema)]
pub struct RatingBody {
    competency_key: String,
    indicator: String,
    /// 1…4, or `null` for N/A.
    rating: Option<i32>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ActionBody {
    text: String,
    /// YYYY-MM-DD.
    due_on: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RecordBody {
    /// `live` or `recorded`.
    observation: String,
    #[serde(default)]
    call_reference: Option<String>,
    /// When the session took place (now when absent).
    #[serde(default)]
    held_at: Option<DateTime<Utc>>,
    #[serde(default)]
    ratings: Vec<RatingBody>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    actions: Vec<ActionBody>,
}

pub(crate) fn already(code: &'static str, detail: &str) -> ApiError {
    ApiError::Conflict {
        code,
        detail: detail.to_owned(),
    }
}

/// Record a session: the scorecard ratings, notes and agreed actions. Once only.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("coaching_session_id" = uuid::Uuid, Path, description = "Session id")),
    request_body = RecordBody,
    responses(
        (status = 200, description = "Recorded", body = CoachingSessionView),
        (status = 403, description = "`not_your_session` or `not_certified`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_recorded` or `session_cancelled`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_observation`, `invalid_rating`, `unknown_competency`, `invalid_action`, `too_long` or `invalid_date`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/sessions/{coaching_session_id}/record",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn record(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: web::Json<RecordBody>,
) -> Result<HttpResponse, ApiError> {
    let s = coaching::session(&state.db, auth.org, id.into_inner()).await?;
    let agent = coachable_agent(&state.db, &auth, s.agent_id).await?;
    if s.lead_id != auth.user_id && !auth.is(Role::Admin) {
        return Err(ApiError::Denied {
            code: "not_your_session",
            detail: "only the lead who scheduled it records this session".to_owned(),
        });
    }
    match s.status.as_str() {
        coaching::RECORDED => {
            return Err(already(
                "already_recorded",
                "this session is recorded already",
            ));
        }
        coaching::CANCELLED => {
            return Err(already("session_cancelled", "this session was cancelled"));
        }
        _ => {}
    }
    if !matches!(body.observation.as_str(), "live" | "recorded") {
        return Err(ApiError::field(
            "observation",
            "invalid_observation",
            "live or recorded",
        ));
    }
    let comps = competency::list(&state.db, auth.org, false).await?;
    let mut ratings = Vec::with_capacity(body.ratings.len());
    for (i, r) in body.ratings.iter().enumerate() {
        let field = format!("ratings[{i}]");
        if !comps.iter().any(|c| c.key.as_str() == r.competency_key) {
            return Err(ApiError::field(
                &field,
                "unknown_competency",
                format!("no competency `{}`", r.competency_key),
            ));
        }
        if r.rating.is_some_and(|v| !(1..=4).contains(&v)) {
            return Err(ApiError::field(
                &field,
                "invalid_rating",
                "1 to 4, or null for N/A",
            ));
        }
        if r.rating.is_some()
            && !may_rate(&state.db, auth.org, auth.user_id, &r.competency_key).await?
        {
            return Err(ApiError::Denied {
                code: "not_certified",
                detail: format!(
                    "only coaches certified for `{}` may rate it",
                    r.competency_key
                ),
            });
        }
        ratings.push(Rating {
            competency_key: r.competency_key.clone(),
            indicator: short(&field, Some(&r.indicator), 300)?.unwrap_or_default(),
            rating: r.rating,
            note: short(&field, r.note.as_deref(), 2000)?,
        });
    }
    let now = state.settings.clock.now();
    let held_at = body.held_at.unwrap_or(now);
    let mut actions = Vec::with_capacity(body.actions.len());
    for (i, a) in body.actions.iter().enumerate() {
        let field = format!("actions[{i}]");
        let text = short(&field, Some(&a.text), 200)?
            .ok_or_else(|| ApiError::field(&field, "invalid_action", "an action needs a text"))?;
        let due_at = match a.due_on.as_deref().filter(|d| !d.is_empty()) {
            Some(d) => Some(end_of_day(&agent, parse_day(&field, d)?)),
            None => None,
        };
        actions.push(NewStep {
            title: text.clone(),
            kind: "practice_task".to_owned(),
            target_key: None,
            pass_percent: None,
            instructions: Some(text),
            due_at,
        });
    }
    let names = Names::load(&state.db, auth.org).await?;
    let tx = state.db.begin().await?;
    let actions_assignment_id = if actions.is_empty() {
        None
    } else {
        let a = Assignment {
            id: uuid::Uuid::now_v7(),
            user_id: agent.id,
            title: names.person(auth.user_id).display_name,
            template_id: None,
            team_id: super::team_of(&tx, auth.org, agent.id).await?,
            team_rule_id: None,
            session_id: Some(s.id),
            assigned_by: auth.user_id,
            assigned_at: now,
            status: path::ACTIVE.to_owned(),
            closed_at: None,
            steps: Vec::new(),
        };
        path::insert_assignment(&tx, auth.org, &a, &actions, "coaching session").await?;
        Some(a.id)
    };
    let rec = Recording {
        held_at,
        observation: body.observation.clone(),
        call_reference: short("call_reference", body.call_reference.as_deref(), 200)?
            .or(s.call_reference.clone()),
        notes: short("notes", body.notes.as_deref(), 5000)?,
        ratings,
        actions_assignment_id,
    };
    if !coaching::record(&tx, auth.org, &s, &rec).await? {
        return Err(already(
            "already_recorded",
            "this session is recorded already",
        ));
    }
    super::progress::session_recorded(&tx, auth.org, agent.id, now).await?;
    tx.commit().await?;
    let s = coaching::session(&state.db, auth.org, s.id).await?;
    let view = session_view(
        &state,
        auth.org,
        s,
        &names,
        auth_locale(&state, &auth).await?,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
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
            "not_scheduled",
            "only a scheduled session can be cancelled",
        ));
    }
    let s = coaching::session(&state.db, auth.org, s.id).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let view = session_view(
        &state,
        auth.org,
        s,
        &names,
        auth_locale(&state, &auth).await?,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
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
    let mut agents: Option<Vec<UserId>> = coachable(&state.db, &auth)
        .await?
        .map(|s| s.into_iter().collect());
    if let Some(team) = query.team_id {
        agents = Some(
            visible_team(&state.db, &auth, TeamId::from_uuid(team))
                .await?
                .agents,
        );
    }
    if let Some(agent) = query.agent_id {
        agents = Some(vec![
            coachable_agent(&state.db, &auth, UserId::from_uuid(agent))
                .await?
                .id,
        ]);
    }
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
    let names = Names::load(&state.db, auth.org).await?;
    let view = session_view(
        &state,
        auth.org,
        s,
        &names,
        auth_locale(&state, &auth).await?,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ScorecardItemBody {
    competency_key: String,
    indicator: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScorecardBody {
    title: String,
    items: Vec<ScorecardItemBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScorecardView {
    id: uuid::Uuid,
    title: String,
    items: Vec<ScorecardItemBody>,
}

fn scorecard_view(c: Scorecard) -> ScorecardView {
    ScorecardView {
        id: c.id,
        title: c.title,
        items: c
            .items
            .into_iter()
            .map(|i| ScorecardItemBody {
                competency_key: i.competency_key,
                indicator: i.indicator,
            })
            .collect(),
    }
}

/// Scorecard templates.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    responses((status = 200, description = "By title", body = Vec<ScorecardView>))
)]
#[get(
    "/coaching/scorecards",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn scorecards(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let cards = coaching::scorecards(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(cards.into_iter().map(scorecard_view).collect::<Vec<_>>()))
}

/// Create a scorecard template from competencies and their indicators.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer"])),
    request_body = ScorecardBody,
    responses(
        (status = 201, description = "Created", body = ScorecardView),
        (status = 422, description = "`invalid_scorecard` or `unknown_competency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/scorecards",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn create_scorecard(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<ScorecardBody>,
) -> Result<HttpResponse, ApiError> {
    let title = short("title", Some(&body.title), 200)?.ok_or_else(|| {
        ApiError::field("title", "invalid_scorecard", "a scorecard needs a title")
    })?;
    if body.items.is_empty() || body.items.len() > 30 {
        return Err(ApiError::field(
            "items",
            "invalid_scorecard",
            "between 1 and 30 items",
        ));
    }
    let comps = competency::list(&state.db, auth.org, false).await?;
    let mut items = Vec::with_capacity(body.items.len());
    for (i, item) in body.items.iter().enumerate() {
        let field = format!("items[{i}]");
        if !comps.iter().any(|c| c.key.as_str() == item.competency_key) {
            return Err(ApiError::field(
                &field,
                "unknown_competency",
                format!("no competency `{}`", item.competency_key),
            ));
        }
        let indicator = short(&field, Some(&item.indicator), 300)?.ok_or_else(|| {
            ApiError::field(&field, "invalid_scorecard", "an item needs an indicator")
        })?;
        items.push(ScorecardItem {
            competency_key: item.competency_key.clone(),
            indicator,
        });
    }
    let card = Scorecard {
        id: uuid::Uuid::now_v7(),
        title,
        items,
        created_at: state.settings.clock.now(),
    };
    coaching::insert_scorecard(&state.db, auth.org, &card, auth.user_id).await?;
    Ok(HttpResponse::Created().json(scorecard_view(card)))
}
