//! Scenario runs and the replies picked in them, identified by ids the client generates so
//! a retried or replayed submission is accepted exactly once. Every reply adds its evidence
//! for the competencies it names.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::scenario::Step;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::RepoError;
use crate::entities::{evidence, scenario_run_steps, scenario_runs};
use crate::executor::Executor;

#[derive(Debug, Clone)]
pub struct Run {
    pub id: uuid::Uuid,
    pub user_id: UserId,
    pub scenario_version_id: uuid::Uuid,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

/// Starts a run with the client's id; returns it and whether it is new. An id already used
/// for another person or version is `Conflict("scenario_runs.id")`.
pub async fn start(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    id: uuid::Uuid,
    version: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(Run, bool), RepoError> {
    if let Some(existing) = find(ex, org, id).await? {
        if existing.user_id != user || existing.scenario_version_id != version {
            return Err(RepoError::Conflict("scenario_runs.id"));
        }
        return Ok((existing, false));
    }
    let row = scenario_runs::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        user_id: Set(user.as_uuid()),
        scenario_version_id: Set(version),
        started_at: Set(now),
        completed_at: Set(None),
        handle_time_seconds: Set(None),
        first_contact_resolution: Set(None),
        csat: Set(None),
    };
    scenario_runs::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("scenario_runs.id"))?;
    let created = find(ex, org, id).await?.ok_or(RepoError::NotFound)?;
    Ok((created, true))
}

/// The run, if it exists in the organisation.
pub async fn find(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Option<Run>, RepoError> {
    Ok(scenario_runs::Entity::find_by_id(id)
        .filter(scenario_runs::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .map(to_run))
}

fn to_run(r: scenario_runs::Model) -> Run {
    Run {
        id: r.id,
        user_id: UserId::from_uuid(r.user_id),
        scenario_version_id: r.scenario_version_id,
        started_at: r.started_at,
        completed_at: r.completed_at,
    }
}

/// A recorded reply and the id the client gave it.
#[derive(Debug, Clone)]
pub struct StoredStep {
    pub id: uuid::Uuid,
    pub step: Step,
}

/// The run's replies, in order.
pub async fn steps(ex: &impl Executor, run: uuid::Uuid) -> Result<Vec<StoredStep>, RepoError> {
    let rows = scenario_run_steps::Entity::find()
        .filter(scenario_run_steps::Column::RunId.eq(run))
        .order_by_asc(scenario_run_steps::Column::Position)
        .all(ex.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| StoredStep {
            id: r.id,
            step: Step {
                node: r.node,
                choice: r.choice,
                escalated: r.escalated,
            },
        })
        .collect())
}

/// Records the reply at `position` with its evidence. A reply already stored under this id
/// is `Ok(false)` (a replay); another reply already at that position is
/// `Conflict("scenario_run_steps.position")`.
#[allow(clippy::too_many_arguments)]
pub async fn record_step(
    ex: &impl Executor,
    org: OrganisationId,
    run: &Run,
    id: uuid::Uuid,
    position: i32,
    step: &Step,
    evidence_values: &[(String, f64)],
    now: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let existing = scenario_run_steps::Entity::find_by_id(id)
        .one(ex.conn())
        .await?;
    if let Some(existing) = existing {
        return if existing.run_id == run.id {
            Ok(false)
        } else {
            Err(RepoError::Conflict("scenario_run_steps.id"))
        };
    }
    let row = scenario_run_steps::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        run_id: Set(run.id),
        position: Set(position),
        node: Set(step.node.clone()),
        choice: Set(step.choice.clone()),
        escalated: Set(step.escalated),
        created_at: Set(now),
    };
    scenario_run_steps::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("scenario_run_steps.position"))?;
    for (competency, value) in evidence_values {
        let row = evidence::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            organisation_id: Set(org.as_uuid()),
            user_id: Set(run.user_id.as_uuid()),
            competency_key: Set(competency.clone()),
            source: Set("scenario_choice".to_owned()),
            source_id: Set(id),
            value: Set(*value),
            created_at: Set(now),
        };
        evidence::Entity::insert(row)
            .exec_without_returning(ex.conn())
            .await?;
    }
    Ok(true)
}

/// How a finished run went, kept for analytics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub handle_time_seconds: i32,
    pub first_contact_resolution: bool,
    pub csat: i32,
}

/// Marks the run finished with its outcome (once; later calls change nothing).
pub async fn complete(
    ex: &impl Executor,
    org: OrganisationId,
    run: &Run,
    outcome: Outcome,
    at: DateTime<Utc>,
) -> Result<(), RepoError> {
    crate::user::touch_learning(ex, org, run.user_id).await?;
    scenario_runs::Entity::update_many()
        .col_expr(scenario_runs::Column::CompletedAt, Expr::value(at))
        .col_expr(
            scenario_runs::Column::HandleTimeSeconds,
            Expr::value(outcome.handle_time_seconds),
        )
        .col_expr(
            scenario_runs::Column::FirstContactResolution,
            Expr::value(outcome.first_contact_resolution),
        )
        .col_expr(scenario_runs::Column::Csat, Expr::value(outcome.csat))
        .filter(scenario_runs::Column::OrganisationId.eq(org.as_uuid()))
        .filter(scenario_runs::Column::Id.eq(run.id))
        .filter(scenario_runs::Column::CompletedAt.is_null())
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Outcomes of the runs of some versions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analytics {
    pub runs: u64,
    pub completed: u64,
    pub average_handle_time_seconds: Option<f64>,
    pub first_contact_resolution_rate: Option<f64>,
    pub average_csat: Option<f64>,
    /// (node, reply) → how often it was picked.
    pub choices: BTreeMap<(String, String), u64>,
}

pub async fn analytics(
    ex: &impl Executor,
    org: OrganisationId,
    versions: &[uuid::Uuid],
) -> Result<Analytics, RepoError> {
    if versions.is_empty() {
        return Ok(Analytics::default());
    }
    let runs = scenario_runs::Entity::find()
        .filter(scenario_runs::Column::OrganisationId.eq(org.as_uuid()))
        .filter(scenario_runs::Column::ScenarioVersionId.is_in(versions.iter().copied()))
        .all(ex.conn())
        .await?;
    let done: Vec<&scenario_runs::Model> =
        runs.iter().filter(|r| r.completed_at.is_some()).collect();
    let mean = |values: Vec<f64>| {
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    };
    let mut choices = BTreeMap::new();
    let ids: Vec<uuid::Uuid> = runs.iter().map(|r| r.id).collect();
    for chunk in ids.chunks(500) {
        let steps = scenario_run_steps::Entity::find()
            .filter(scenario_run_steps::Column::OrganisationId.eq(org.as_uuid()))
            .filter(scenario_run_steps::Column::RunId.is_in(chunk.iter().copied()))
            .all(ex.conn())
            .await?;
        for s in steps {
            *choices.entry((s.node, s.choice)).or_insert(0) += 1;
        }
    }
    Ok(Analytics {
        runs: runs.len() as u64,
        completed: done.len() as u64,
        average_handle_time_seconds: mean(
            done.iter()
                .filter_map(|r| r.handle_time_seconds.map(f64::from))
                .collect(),
        ),
        first_contact_resolution_rate: mean(
            done.iter()
                .filter_map(|r| {
                    r.first_contact_resolution
                        .map(|f| if f { 1.0 } else { 0.0 })
                })
                .collect(),
        ),
        average_csat: mean(done.iter().filter_map(|r| r.csat.map(f64::from)).collect()),
        choices,
    })
}
