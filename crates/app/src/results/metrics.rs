//! The organisation's metrics: the built-in ones and its own.

use cinco_domain::lesson::Key;
use cinco_domain::results::{Direction, MetricDef};
use cinco_persistence::results::{self, Metric};
use cinco_persistence::{RepoError, competency};

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
    /// The competency its values measure in percent: a value below the organisation's QA
    /// threshold starts the QA loop for it.
    pub competency: Option<String>,
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
    let competency = measured(app, actor, new.competency.as_deref()).await?;
    // The built-in ones exist before a custom key can be compared with them.
    results::metrics(&app.db, actor.org, app.clock.now()).await?;
    let tx = app.db.begin().await?;
    let mut metric = results::add_metric(&tx, actor.org, &def, app.clock.now())
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => AppError::Conflict {
                code: ErrorCode::MetricKeyTaken,
                detail: "the organisation already has a metric with that key".to_owned(),
            },
            other => other.into(),
        })?;
    if competency.is_some() {
        results::set_metric_competency(&tx, actor.org, metric.id, competency.as_deref()).await?;
        metric.competency = competency;
    }
    tx.commit().await?;
    Ok(metric)
}

/// Links a metric, built-in or the organisation's own, to the competency its values measure
/// in percent, or unlinks it (`None`). From then on an imported value below the QA
/// threshold starts the QA loop for that competency.
pub async fn link(
    app: &App,
    actor: &Actor,
    metric: uuid::Uuid,
    competency: Option<&str>,
) -> Result<Metric, AppError> {
    let competency = measured(app, actor, competency).await?;
    let tx = app.db.begin().await?;
    let mut found = results::metric(&tx, actor.org, metric).await?;
    results::set_metric_competency(&tx, actor.org, metric, competency.as_deref()).await?;
    tx.commit().await?;
    found.competency = competency;
    Ok(found)
}

/// The active competency a metric is to measure; `None` for none (absent or blank).
async fn measured(app: &App, actor: &Actor, raw: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let key = Key::parse(raw).ok_or_else(unknown)?;
    match competency::get(&app.db, actor.org, &key).await {
        Ok(c) if !c.archived => Ok(Some(key.as_str().to_owned())),
        Ok(_) | Err(RepoError::NotFound) => Err(unknown()),
        Err(e) => Err(e.into()),
    }
}

fn unknown() -> AppError {
    AppError::field(
        "competency_key",
        "unknown_competency",
        "no competency with that key",
    )
}
