//! Goals on results: set, listed with where they stand, removed.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, post, web};
use cinco_app::results::goals::{self, GoalStatus, NewGoal};
use cinco_domain::TeamId;
use cinco_domain::results::{Comparison, MetricKey, Target};
use cinco_persistence::goals::Goal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonView {
    AtLeast,
    AtMost,
}

impl From<Comparison> for ComparisonView {
    fn from(c: Comparison) -> Self {
        match c {
            Comparison::AtLeast => ComparisonView::AtLeast,
            Comparison::AtMost => ComparisonView::AtMost,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TargetBody {
    /// A metric's key.
    metric: String,
    comparison: ComparisonView,
    value: f64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GoalBody {
    /// A team (leads: one they lead); the whole organisation when absent (admins).
    #[serde(default)]
    team_id: Option<uuid::Uuid>,
    #[schema(min_length = 1, max_length = 120)]
    title: String,
    /// One to three, each on a different metric.
    #[schema(min_items = 1, max_items = 3)]
    targets: Vec<TargetBody>,
    /// `YYYY-MM-DD`.
    #[schema(value_type = String, format = Date)]
    due_on: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TargetStatusView {
    metric: String,
    comparison: ComparisonView,
    value: f64,
    /// The latest week with values, and the mean over the goal's agents then.
    latest_week: Option<chrono::NaiveDate>,
    latest_value: Option<f64>,
    met: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoalView {
    id: uuid::Uuid,
    team_id: Option<uuid::Uuid>,
    title: String,
    due_on: chrono::NaiveDate,
    targets: Vec<TargetStatusView>,
    /// Every target is met in its latest week.
    met: bool,
}

fn view(s: &GoalStatus) -> GoalView {
    GoalView {
        id: s.goal.id,
        team_id: s.goal.team.map(|t| t.as_uuid()),
        title: s.goal.title.clone(),
        due_on: s.goal.due_on,
        targets: s
            .targets
            .iter()
            .map(|t| TargetStatusView {
                metric: t.target.metric.as_str().to_owned(),
                comparison: t.target.comparison.into(),
                value: t.target.value,
                latest_week: t.latest.map(|l| l.0),
                latest_value: t.latest.map(|l| l.1),
                met: t.met,
            })
            .collect(),
        met: s.met,
    }
}

fn created(g: &Goal) -> GoalView {
    view(&GoalStatus {
        goal: g.clone(),
        targets: Vec::new(),
        met: false,
    })
}

/// Goals the caller sees (admins all; leads the organisation's and their teams'), with
/// where each stands.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    responses((status = 200, description = "Soonest due first", body = Vec<GoalView>))
)]
#[get("/results/goals", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let goals = goals::list(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(goals.iter().map(view).collect::<Vec<_>>()))
}

/// Set a goal: admins for the organisation or a team, leads for a team they lead.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    request_body = GoalBody,
    responses(
        (status = 201, description = "Set (where it stands is in the list)", body = GoalView),
        (status = 403, description = "`forbidden`: a lead setting a goal outside their teams", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such team", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_title`, `invalid_targets`, `unknown_metric`, `out_of_range` or `invalid_date`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/results/goals", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<GoalBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let due_on = fields::day("due_on", &body.due_on)?;
    let mut targets = Vec::with_capacity(body.targets.len());
    for (i, t) in body.targets.into_iter().enumerate() {
        let metric = MetricKey::parse(&t.metric).map_err(|e| {
            ApiError::field(&format!("targets[{i}]"), "unknown_metric", e.to_string())
        })?;
        targets.push(Target {
            metric,
            comparison: match t.comparison {
                ComparisonView::AtLeast => Comparison::AtLeast,
                ComparisonView::AtMost => Comparison::AtMost,
            },
            value: t.value,
        });
    }
    let goal = goals::create(
        &state.app,
        &auth.actor(),
        NewGoal {
            team: body.team_id.map(TeamId::from_uuid),
            title: body.title,
            targets,
            due_on,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(created(&goal)))
}

/// Remove a goal the caller may manage.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    params(("goal_id" = uuid::Uuid, Path, description = "Goal id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "`forbidden`: another team's goal", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such goal", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete(
    "/results/goals/{goal_id}",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn remove(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    goals::remove(&state.app, &auth.actor(), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
