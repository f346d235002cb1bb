//! The monthly empowerment pulse: an agent answers three statements once a month; leads
//! see their teams' trend and admins every team's, a month only with enough answers.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::pulse::answer::{answer, status};
use cinco_app::pulse::trend::trend;
use cinco_domain::pulse::{Answers, MIN_ANSWERS, Score};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, AGENT, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct PulseStatusView {
    /// This month in the organisation's time zone, `YYYY-MM`.
    month: String,
    /// Answered this month already.
    answered: bool,
    /// In a team: the pulse is counted per team, so only then can it be answered.
    in_team: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PulseBody {
    /// "I know what I may decide": 1 (strongly disagree) to 5 (strongly agree).
    #[schema(minimum = 1, maximum = 5)]
    know_limits: i64,
    /// "I am not afraid of a negative reaction": 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    not_afraid: i64,
    /// "My lead backs me": 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    lead_backs_me: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PulseMonthView {
    /// `YYYY-MM`.
    month: String,
    /// Whether enough answered for anything to be shown (at least `min_answers`).
    enough: bool,
    /// How many answered; absent below the minimum.
    answers: Option<u32>,
    /// Mean agreement, 1 to 5; absent below the minimum.
    know_limits: Option<f64>,
    not_afraid: Option<f64>,
    lead_backs_me: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PulseTeamView {
    team_id: uuid::Uuid,
    team_name: String,
    /// The last six months, oldest first.
    months: Vec<PulseMonthView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PulseTrendView {
    /// The fewest answers a month needs to be shown.
    min_answers: u32,
    teams: Vec<PulseTeamView>,
}

/// This month's pulse as the caller meets it.
#[utoipa::path(
    tag = "pulse",
    security(("bearer" = ["agent"])),
    responses((status = 200, description = "This month", body = PulseStatusView))
)]
#[get("/me/pulse", wrap = "from_fn(require::<{ AGENT }>)")]
pub async fn mine(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let s = status(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(PulseStatusView {
        month: s.month.to_string(),
        answered: s.answered,
        in_team: s.in_team,
    }))
}

/// Answer this month's pulse, anonymously: the scores are counted for the caller's team and
/// month, never kept with the person.
#[utoipa::path(
    tag = "pulse",
    security(("bearer" = ["agent"])),
    request_body = PulseBody,
    responses(
        (status = 201, description = "Counted", body = PulseStatusView),
        (status = 409, description = "`pulse_already_answered` (once a month) or `no_team`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_score` (1 to 5)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/pulse", wrap = "from_fn(require::<{ AGENT }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<PulseBody>,
) -> Result<HttpResponse, ApiError> {
    let score = |field: &str, raw: i64| {
        Score::parse(raw).map_err(|e| ApiError::field(field, "invalid_score", e.to_string()))
    };
    let answers = Answers {
        know_limits: score("know_limits", body.know_limits)?,
        not_afraid: score("not_afraid", body.not_afraid)?,
        lead_backs_me: score("lead_backs_me", body.lead_backs_me)?,
    };
    let month = answer(&state.app, &auth.actor(), answers).await?;
    Ok(HttpResponse::Created().json(PulseStatusView {
        month: month.to_string(),
        answered: true,
        in_team: true,
    }))
}

/// The pulse per team by month: leads their teams, admins every team.
#[utoipa::path(
    tag = "pulse",
    security(("bearer" = ["admin", "lead"])),
    responses((status = 200, description = "Teams by name", body = PulseTrendView))
)]
#[get("/pulse/teams", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn teams(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let trend = trend(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(PulseTrendView {
        min_answers: MIN_ANSWERS,
        teams: trend
            .into_iter()
            .map(|t| PulseTeamView {
                team_id: t.team.as_uuid(),
                team_name: t.name.as_str().to_owned(),
                months: t
                    .months
                    .into_iter()
                    .map(|(month, shown)| PulseMonthView {
                        month: month.to_string(),
                        enough: shown.is_some(),
                        answers: shown.map(|s| s.answers),
                        know_limits: shown.map(|s| s.know_limits),
                        not_afraid: shown.map(|s| s.not_afraid),
                        lead_backs_me: shown.map(|s| s.lead_backs_me),
                    })
                    .collect(),
            })
            .collect(),
    }))
}
