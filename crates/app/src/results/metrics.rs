//! The organisation's metrics: the built-in ones and its own.

use cinco_domain::results::{Direction, MetricDef};
use cinco_persistence::RepoError;
use cinco_persistence::results::{self, Metric};

use crate::{Actor, App, AppError, ErrorCode};

/// What an admin asks for when adding a metric.
#[derive(Debug, Clone)]
pub struct NewMetric {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

/// Every metric of the actor's organisation.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Metric>, AppError> {
    Ok(results::metrics(&app.db, actor.org, app.clock.now()).await?)
}

/// Adds a metric of the organisation's own.
pub async fn add(app: &App, actor: &Actor, new: NewMetric) -> Result<Metric, AppError> {
    let def = MetricDef::custom(
        &new.key,
        &new.name,
        &new.unit,
        new.direction,
        (new.minimum, new.maximum),
    )
    .map_err(|e| {
        let field = match e.code() {
            "invalid_name" => "name",
            "invalid_unit" => "unit",
            "invalid_range" => "minimum",
            _ => "key",
        };
        AppError::field(field, e.code(), e.to_string())
    })?;
    // The built-in ones exist before a custom key can be compared with them.
    results::metrics(&app.db, actor.org, app.clock.now()).await?;
    results::add_metric(&app.db, actor.org, &def, app.clock.now())
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => AppError::Conflict {
                code: ErrorCode::MetricKeyTaken,
                detail: "the organisation already has a metric with that key".to_owned(),
            },
            other => other.into(),
        })
}
