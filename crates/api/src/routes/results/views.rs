//! Results as people see them: an agent's own, a lead's team's, and what training changed.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_app::results::impact::{TrainingImpact, Treatment, report};
use cinco_app::results::view::{self, Series};
use cinco_domain::impact::{Impact, Interpretation, Shortfall};
use cinco_domain::{Locale, TeamId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::metrics::MetricView;
use crate::auth::{ADMIN, ANY, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::routes::coaching::sessions::auth_locale;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct PointView {
    /// The week's Monday.
    week: chrono::NaiveDate,
    /// The mean of the week's values (each agent's own mean first).
    value: f64,
    /// How many agents had a value that week.
    agents: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesView {
    metric: MetricView,
    /// Oldest first; weeks without values are left out.
    points: Vec<PointView>,
}

fn series_view(s: &Series) -> SeriesView {
    SeriesView {
        metric: MetricView::from(&s.metric),
        points: s
            .points
            .iter()
            .map(|(week, value, agents)| PointView {
                week: *week,
                value: *value,
                agents: *agents,
            })
            .collect(),
    }
}

/// The caller's own KPIs by week over the last 26 weeks (never anyone else's).
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "One series per metric", body = Vec<SeriesView>))
)]
#[get("/results/me", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn mine(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let series = view::mine(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(series.iter().map(series_view).collect::<Vec<_>>()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TeamQuery {
    /// One team (a lead's own); all the caller may see when absent.
    team_id: Option<uuid::Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamResultsView {
    agents: usize,
    series: Vec<SeriesView>,
}

/// A team's KPIs by week over the last 26 weeks: the mean over its agents.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    params(TeamQuery),
    responses(
        (status = 200, description = "One series per metric", body = TeamResultsView),
        (status = 404, description = "`not_found`: no such team among the caller's", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/results/team", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn team(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<TeamQuery>,
) -> Result<HttpResponse, ApiError> {
    let team = query.team_id.map(TeamId::from_uuid);
    let (agents, series) = view::team(&state.app, &auth.actor(), team).await?;
    Ok(HttpResponse::Ok().json(TeamResultsView {
        agents,
        series: series.iter().map(series_view).collect(),
    }))
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImpactReading {
    Improved,
    Worsened,
    NoClearChange,
    NotEnoughData,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventPointView {
    /// Weeks since finishing (negative: before).
    weeks_since: i32,
    estimate: f64,
    ci_low: f64,
    ci_high: f64,
}

/// What counted as being trained.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// Finished a coaching path that teaches the competency.
    Path,
    /// Reached a proficiency level in it.
    Level,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingImpactView {
    kind: TrainingKind,
    /// The coaching path (`path`).
    template_id: Option<uuid::Uuid>,
    /// The level reached, 1–4 (`level`).
    level: Option<u8>,
    /// The path's title, or the level's name in the reader's language.
    title: String,
    reading: ImpactReading,
    /// The difference in the metric's unit (trained minus not yet trained).
    estimate: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    treated_agents: Option<usize>,
    comparison_agents: Option<usize>,
    /// By weeks since finishing, for a chart.
    event_study: Vec<EventPointView>,
    /// What is missing when `not_enough_data`: `treated_agents`, `comparison_agents`,
    /// `weeks_before`, `weeks_after` or `replicates`.
    missing: Vec<&'static str>,
    /// In the reader's language.
    sentence: String,
}

fn impact_view(t: &TrainingImpact, locale: Locale) -> TrainingImpactView {
    let (kind, template_id, level, title) = match &t.treatment {
        Treatment::Path { template_id, title } => {
            (TrainingKind::Path, Some(*template_id), None, title.clone())
        }
        Treatment::Level { level } => (
            TrainingKind::Level,
            None,
            Some(*level),
            cinco_domain::impact::level_name(locale, *level).to_owned(),
        ),
    };
    let mut v = TrainingImpactView {
        kind,
        template_id,
        level,
        title,
        reading: ImpactReading::NotEnoughData,
        estimate: None,
        ci_low: None,
        ci_high: None,
        treated_agents: None,
        comparison_agents: None,
        event_study: Vec::new(),
        missing: Vec::new(),
        sentence: t.sentence.clone(),
    };
    match &t.impact {
        Impact::Estimated(e) => {
            v.reading = match e.interpretation {
                Interpretation::Improved => ImpactReading::Improved,
                Interpretation::Worsened => ImpactReading::Worsened,
                Interpretation::NoClearChange => ImpactReading::NoClearChange,
            };
            v.estimate = Some(e.estimate);
            v.ci_low = Some(e.ci_low);
            v.ci_high = Some(e.ci_high);
            v.treated_agents = Some(e.treated_agents);
            v.comparison_agents = Some(e.comparison_agents);
            v.event_study = e
                .event_study
                .iter()
                .map(|p| EventPointView {
                    weeks_since: p.weeks_since,
                    estimate: p.estimate,
                    ci_low: p.ci_low,
                    ci_high: p.ci_high,
                })
                .collect();
        }
        Impact::NotEnoughData { missing } => {
            v.missing = missing
                .iter()
                .map(|m| match m {
                    Shortfall::TreatedAgents { .. } => "treated_agents",
                    Shortfall::ComparisonAgents { .. } => "comparison_agents",
                    Shortfall::WeeksBefore { .. } => "weeks_before",
                    Shortfall::WeeksAfter { .. } => "weeks_after",
                    Shortfall::Replicates { .. } => "replicates",
                })
                .collect();
        }
    }
    v
}

/// The trainings of one competency.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyImpactView {
    /// The competency's key; `null` groups paths that teach no competency.
    key: Option<String>,
    /// In the reader's language (empty when `key` is `null`).
    name: String,
    trainings: Vec<TrainingImpactView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImpactView {
    metric: MetricView,
    competencies: Vec<CompetencyImpactView>,
    /// What could explain a difference besides the training, in the reader's language.
    caveat: &'static str,
}

/// For each competency: how `metric` moved for agents after they were trained in it (each
/// coaching path that teaches it, and reaching the level Proficient), against agents not
/// yet trained, over the same weeks (difference in differences with a 95 % bootstrap
/// interval; see docs/impact.md). Kept until the organisation's next import, or an hour.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    params(("metric" = String, Path, description = "The metric's key, e.g. `fcr`")),
    responses(
        (status = 200, description = "Estimates per competency", body = ImpactView),
        (status = 404, description = "`not_found`: no such metric", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/results/impact/{metric}",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn impact(
    auth: AuthUser,
    state: web::Data<AppState>,
    metric: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let locale = auth_locale(&state, &auth).await?;
    let report = report(&state.app, &auth.actor(), &metric, locale).await?;
    Ok(HttpResponse::Ok().json(ImpactView {
        metric: MetricView::from(&report.metric),
        competencies: report
            .competencies
            .iter()
            .map(|c| CompetencyImpactView {
                key: c.key.as_ref().map(|k| k.as_str().to_owned()),
                name: c.name.clone(),
                trainings: c.trainings.iter().map(|t| impact_view(t, locale)).collect(),
            })
            .collect(),
        caveat: cinco_domain::impact::caveat(locale),
    }))
}
