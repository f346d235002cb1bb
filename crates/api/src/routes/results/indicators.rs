//! Programme indicators beside the results: what the learning programme did in a team, week
//! by week over the same weeks as the KPIs (docs/indicators.md).

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_app::results::indicators::{self as programme, CompetencyIndicators};
use cinco_domain::TeamId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::routes::coaching::sessions::auth_locale;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndicatorsQuery {
    /// One team (a lead's own); all the agents the caller may see when absent.
    team_id: Option<uuid::Uuid>,
    /// One competency's key; every active competency when absent.
    competency: Option<String>,
}

/// One week of the programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeWeekView {
    /// The week's Monday.
    week: chrono::NaiveDate,
    /// Agents who completed a daily session or a lesson that week.
    active_agents: usize,
    /// Daily sessions completed (counted in the week of the agent's day).
    sessions_completed: usize,
    /// Finished lessons and scenarios at their estimate, plus time spent on reviews.
    minutes_learned: i64,
    /// Coaching path steps with a due date completed by it that week.
    steps_on_time: usize,
    /// Coaching path steps with a due date completed after it that week.
    steps_late: usize,
}

/// One competency at one week's end.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyWeekView {
    /// The week's Monday.
    week: chrono::NaiveDate,
    /// Agents with evidence in the competency by the week's end.
    agents_assessed: usize,
    /// Their mean proficiency level (1–4); absent without agents.
    #[schema(minimum = 1, maximum = 4)]
    mean_level: Option<f64>,
    /// The share of them (0–1) at level 3 or more; absent without agents.
    #[schema(minimum = 0, maximum = 1)]
    proficient_share: Option<f64>,
    /// The scope's coaches holding a certification covering the competency, valid at the
    /// week's end.
    certified_coaches: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyIndicatorsView {
    key: String,
    /// In the reader's language.
    name: String,
    /// Oldest first, the same weeks as `weeks`.
    weeks: Vec<CompetencyWeekView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorsView {
    /// The agents counted.
    agents: usize,
    /// The last 26 weeks, oldest first, every one present (zero when nothing happened).
    weeks: Vec<ProgrammeWeekView>,
    /// Every active competency, or the one asked for.
    competencies: Vec<CompetencyIndicatorsView>,
}

/// Programme indicators by week over the last 26 weeks (the weeks of the team's KPIs): active
/// agents, daily sessions, minutes learned, path steps on time and late; per competency,
/// proficiency and certified coaches. See docs/indicators.md for the definitions.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    params(IndicatorsQuery),
    responses(
        (status = 200, description = "The weeks and the competencies", body = IndicatorsView),
        (status = 404, description = "`not_found`: no such team among the caller's, or no such competency", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/results/indicators", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn indicators(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<IndicatorsQuery>,
) -> Result<HttpResponse, ApiError> {
    let locale = auth_locale(&state, &auth).await?;
    let team = query.team_id.map(TeamId::from_uuid);
    let found =
        programme::indicators(&state.app, &auth.actor(), team, query.competency.as_deref()).await?;
    let weeks = found
        .weeks
        .iter()
        .zip(&found.programme)
        .map(|(week, p)| ProgrammeWeekView {
            week: *week,
            active_agents: p.active_agents,
            sessions_completed: p.sessions_completed,
            minutes_learned: p.minutes_learned,
            steps_on_time: p.steps_on_time,
            steps_late: p.steps_late,
        })
        .collect();
    let competencies = found
        .competencies
        .iter()
        .map(|c: &CompetencyIndicators| CompetencyIndicatorsView {
            key: c.competency.key.as_str().to_owned(),
            name: c.competency.name.get(locale, locale).to_owned(),
            weeks: found
                .weeks
                .iter()
                .zip(c.proficiency.iter().zip(&c.certified_coaches))
                .map(|(week, (p, coaches))| CompetencyWeekView {
                    week: *week,
                    agents_assessed: p.agents,
                    mean_level: p.mean_level,
                    proficient_share: p.proficient_share,
                    certified_coaches: *coaches,
                })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(IndicatorsView {
        agents: found.agents,
        weeks,
        competencies,
    }))
}
