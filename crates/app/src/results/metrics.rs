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
    let competency = match new.competency.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => {
            let key = Key::parse(raw).ok_or_else(unknown)?;
            match competency::get(&app.db, actor.org, &key).await {
                Ok(c) if !c.archived => Some(key.as_str().to_owned()),
                Ok(_) | Err(RepoError::NotFound) => return Err(unknown()),
                Err(e) => return Err(e.into()),
            }
        }
    };
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

fn unknown() -> AppError {
    AppError::field(
        "competency_key",
        "unknown_competency",
        "no competency with that key",
    )
}
