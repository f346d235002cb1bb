//! Recording a coaching session: the scorecard ratings (which become proficiency evidence),
//! the notes, and the actions agreed with the agent (which become a path of practice tasks).

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, Utc};
use cinco_app::ErrorCode;
use cinco_domain::Role;
use cinco_domain::coaching::AssignmentStatus;
use cinco_domain::coaching::SessionStatus;
use cinco_domain::learning::LearningEvent;
use cinco_persistence::coaching::{self, Rating, Recording};
use cinco_persistence::competency;
use cinco_persistence::path::{self, Assignment, NewStep};
use serde::Deserialize;
use utoipa::ToSchema;

use super::sessions::{CoachingSessionView, already, current, short, sign_off_scope};
use super::{coachable_agent, parse_day};
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

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
            code: ErrorCode::NotYourSession,
            detail: "only the lead who scheduled it records this session".to_owned(),
        });
    }
    match s.status {
        SessionStatus::Recorded => {
            return Err(already(
                ErrorCode::AlreadyRecorded,
                "this session is recorded already",
            ));
        }
        SessionStatus::Cancelled => {
            return Err(already(
                ErrorCode::SessionCancelled,
                "this session was cancelled",
            ));
        }
        SessionStatus::Scheduled => {}
    }
    if !matches!(body.observation.as_str(), "live" | "recorded") {
        return Err(ApiError::field(
            "observation",
            "invalid_observation",
            "live or recorded",
        ));
    }
    let comps = competency::list(&state.db, auth.org, false).await?;
    let scope = sign_off_scope(
        &state.db,
        auth.org,
        auth.user_id,
        state.settings.clock.now(),
    )
    .await?;
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
            && scope
                .as_ref()
                .is_some_and(|keys| !keys.contains(&r.competency_key))
        {
            return Err(ApiError::Denied {
                code: ErrorCode::NotCertified,
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
            Some(d) => Some(agent.time_zone.end_of(parse_day(&field, d)?)),
            None => None,
        };
        actions.push(NewStep {
            title: text.clone(),
            kind: "practice_task".to_owned(),
            target_key: None,
            pass_percent: None,
            instructions: None,
            due_at,
        });
    }
    let tx = state.db.begin().await?;
    let actions_assignment_id = if actions.is_empty() {
        None
    } else {
        let a = Assignment {
            id: uuid::Uuid::now_v7(),
            user_id: agent.id,
            title: actions_title(agent.locale, held_at, &agent),
            template_id: None,
            team_id: super::team_of(&tx, auth.org, agent.id).await?,
            team_rule_id: None,
            session_id: Some(s.id),
            assigned_by: auth.user_id,
            assigned_at: now,
            status: AssignmentStatus::Active,
            closed_at: None,
            steps: Vec::new(),
        };
        path::insert_assignment(&tx, auth.org, &a, &actions, "coaching_session").await?;
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
            ErrorCode::AlreadyRecorded,
            "this session is recorded already",
        ));
    }
    let event = LearningEvent::CoachingSessionRecorded {
        org: auth.org,
        agent: agent.id,
        session: s.id,
        at: now,
    };
    cinco_app::learning::publish(&state.app, &tx, &event).await?;
    tx.commit().await?;
    Ok(HttpResponse::Ok().json(current(&state, &auth, s.id).await?))
}

/// The title of the path that holds a session's agreed actions, in the agent's language.
fn actions_title(
    locale: cinco_domain::Locale,
    held_at: DateTime<Utc>,
    agent: &cinco_domain::user::User,
) -> String {
    let day = agent.time_zone.local_date(held_at).format("%Y-%m-%d");
    match locale {
        cinco_domain::Locale::Es => format!("Acciones acordadas en la sesión del {day}"),
        cinco_domain::Locale::En => format!("Actions agreed in the session of {day}"),
        cinco_domain::Locale::It => format!("Azioni concordate nella sessione del {day}"),
    }
}
