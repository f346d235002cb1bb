//! How a scenario's runs went: how many, the outcomes on average, and how often each reply
//! was picked at each node.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_domain::lesson::Key;
use cinco_persistence::scenario_run;
use serde::Serialize;
use utoipa::ToSchema;

use super::parse_source;
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceCount {
    choice: String,
    text: String,
    count: u64,
    /// Share of the picks at this node, 0–1.
    share: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NodeCounts {
    node: String,
    text: String,
    picks: u64,
    choices: Vec<ChoiceCount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScenarioAnalytics {
    key: String,
    runs: u64,
    completed: u64,
    average_handle_time_seconds: Option<f64>,
    /// Share of finished runs resolved first time, 0–1.
    first_contact_resolution_rate: Option<f64>,
    average_csat: Option<f64>,
    /// Every node with replies, in the scenario's order (texts from its newest version).
    nodes: Vec<NodeCounts>,
}

/// Runs of every version and language of a scenario, and the replies picked.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    params(("scenario_key" = String, Path, description = "Scenario key")),
    responses(
        (status = 200, description = "Analytics", body = ScenarioAnalytics),
        (status = 404, description = "No such scenario", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/scenarios/{scenario_key}/analytics",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn analytics(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = Key::parse(&path).ok_or(ApiError::NotFound)?;
    let mut versions =
        cinco_persistence::scenario::list_versions(&state.db, auth.org, Some(&key)).await?;
    if versions.is_empty() {
        return Err(ApiError::NotFound);
    }
    let ids: Vec<uuid::Uuid> = versions.iter().map(|v| v.id).collect();
    let a = scenario_run::analytics(&state.db, auth.org, &ids).await?;
    versions.sort_by_key(|v| v.updated_at);
    let newest = versions.last().ok_or(ApiError::NotFound)?;
    let s = parse_source(newest)?;
    let nodes = s
        .nodes
        .iter()
        .filter(|n| !n.is_end())
        .map(|n| {
            let counts: Vec<(String, String, u64)> = n
                .choices()
                .iter()
                .map(|c| {
                    let count = a
                        .choices
                        .get(&(n.id.clone(), c.id.clone()))
                        .copied()
                        .unwrap_or(0);
                    (c.id.clone(), c.text.clone(), count)
                })
                .collect();
            let picks: u64 = counts.iter().map(|c| c.2).sum();
            NodeCounts {
                node: n.id.clone(),
                text: n.text.clone(),
                picks,
                choices: counts
                    .into_iter()
                    .map(|(choice, text, count)| ChoiceCount {
                        choice,
                        text,
                        count,
                        share: if picks == 0 {
                            0.0
                        } else {
                            count as f64 / picks as f64
                        },
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(ScenarioAnalytics {
        key: key.as_str().to_owned(),
        runs: a.runs,
        completed: a.completed,
        average_handle_time_seconds: a.average_handle_time_seconds,
        first_contact_resolution_rate: a.first_contact_resolution_rate,
        average_csat: a.average_csat,
        nodes,
    }))
}
