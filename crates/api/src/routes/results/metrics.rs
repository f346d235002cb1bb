//! The organisation's metrics.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use cinco_app::results::metrics::{self, NewMetric};
use cinco_persistence::results::Metric;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::DirectionView;
use crate::auth::{ADMIN, ANY};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct MetricView {
    id: uuid::Uuid,
    /// As imports name it: `aht`, `fcr`, `csat`, `qa`, or the organisation's own.
    key: String,
    name: String,
    unit: String,
    direction: DirectionView,
    minimum: Option<f64>,
    maximum: Option<f64>,
    built_in: bool,
    /// The competency its values measure in percent, for the QA loop.
    competency_key: Option<String>,
}

impl From<&Metric> for MetricView {
    fn from(m: &Metric) -> Self {
        Self {
            id: m.id,
            key: m.def.key.as_str().to_owned(),
            name: m.def.name.clone(),
            unit: m.def.unit.clone(),
            direction: m.def.direction.into(),
            minimum: m.def.minimum,
            maximum: m.def.maximum,
            built_in: m.built_in,
            competency_key: m.competency.clone(),
        }
    }
}

/// The organisation's metrics: AHT, FCR, CSAT and QA score, then its own.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Built-in first, then by key", body = Vec<MetricView>))
)]
#[get("/results/metrics", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let metrics = metrics::list(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(metrics.iter().map(MetricView::from).collect::<Vec<_>>()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewMetricBody {
    /// 1–40 lowercase letters, digits or `_`, starting with a letter.
    #[schema(min_length = 1, max_length = 40, pattern = "^[a-zA-Z][a-zA-Z0-9_]*$")]
    key: String,
    #[schema(min_length = 1, max_length = 80)]
    name: String,
    #[serde(default)]
    #[schema(max_length = 20)]
    unit: String,
    direction: DirectionView,
    #[serde(default)]
    minimum: Option<f64>,
    #[serde(default)]
    maximum: Option<f64>,
    /// The competency its values measure in percent: a value below the organisation's QA
    /// threshold gives the agent a remediation path for it.
    #[serde(default)]
    #[schema(max_length = 64)]
    competency_key: Option<String>,
}

/// Add a metric of the organisation's own (admins).
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin"])),
    request_body = NewMetricBody,
    responses(
        (status = 201, description = "Added", body = MetricView),
        (status = 409, description = "`metric_key_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_metric_key`, `metric_key_taken` (a built-in key), `invalid_name`, `invalid_unit`, `invalid_range` or `unknown_competency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/results/metrics", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn add(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<NewMetricBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let metric = metrics::add(
        &state.app,
        &auth.actor(),
        NewMetric {
            key: body.key,
            name: body.name,
            unit: body.unit,
            direction: body.direction.into(),
            minimum: body.minimum,
            maximum: body.maximum,
            competency: body.competency_key,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(MetricView::from(&metric)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MetricCompetencyBody {
    /// The competency the metric's values measure in percent; `null` or blank for none.
    #[serde(default)]
    #[schema(max_length = 64)]
    competency_key: Option<String>,
}

/// Link a metric, built-in or the organisation's own, to the competency its values measure
/// in percent (admins). With the QA loop on, an imported value below the QA threshold then
/// gives the agent a refresher path for that competency.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin"])),
    params(("metric_id" = uuid::Uuid, Path, description = "Metric id")),
    request_body = MetricCompetencyBody,
    responses(
        (status = 200, description = "Linked, or unlinked", body = MetricView),
        (status = 404, description = "`not_found`: no such metric", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`unknown_competency`: no active competency with that key", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/results/metrics/{metric_id}/competency",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn link(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<MetricCompetencyBody>,
) -> Result<HttpResponse, ApiError> {
    let metric = metrics::link(
        &state.app,
        &auth.actor(),
        id.into_inner(),
        body.into_inner().competency_key.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(MetricView::from(&metric)))
}
