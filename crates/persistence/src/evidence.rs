//! Competency evidence of one person (answers, scenario replies, reviews, coaching ratings),
//! and what they have finished: the inputs of proficiency and of today's session.

use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::RepoError;
use crate::entities::{evidence, lesson_attempts, scenario_runs};
use crate::executor::Executor;

#[derive(Debug, Clone)]
pub struct Piece {
    pub competency: String,
    pub source: String,
    pub value: f64,
    pub at: DateTime<Utc>,
}

/// Everything the person has produced, oldest first.
pub async fn of_user(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<Piece>, RepoError> {
    Ok(evidence::Entity::find()
        .filter(evidence::Column::OrganisationId.eq(org.as_uuid()))
        .filter(evidence::Column::UserId.eq(user.as_uuid()))
        .order_by_asc(evidence::Column::CreatedAt)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|r| Piece {
            competency: r.competency_key,
            source: r.source,
            value: r.value,
            at: r.created_at,
        })
        .collect())
}

/// A lesson or scenario version the person finished, and when.
#[derive(Debug, Clone, Copy)]
pub struct Finished {
    pub version: uuid::Uuid,
    pub at: DateTime<Utc>,
}

/// Lesson versions with a completed attempt.
pub async fn completed_lessons(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<Finished>, RepoError> {
    Ok(lesson_attempts::Entity::find()
        .filter(lesson_attempts::Column::OrganisationId.eq(org.as_uuid()))
        .filter(lesson_attempts::Column::UserId.eq(user.as_uuid()))
        .filter(lesson_attempts::Column::CompletedAt.is_not_null())
        .all(ex.conn())
        .await?
        .into_iter()
        .filter_map(|r| {
            r.completed_at.map(|at| Finished {
                version: r.lesson_version_id,
                at,
            })
        })
        .collect())
}

/// Scenario versions with a finished run.
pub async fn finished_scenarios(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<Finished>, RepoError> {
    Ok(scenario_runs::Entity::find()
        .filter(scenario_runs::Column::OrganisationId.eq(org.as_uuid()))
        .filter(scenario_runs::Column::UserId.eq(user.as_uuid()))
        .filter(scenario_runs::Column::CompletedAt.is_not_null())
        .all(ex.conn())
        .await?
        .into_iter()
        .filter_map(|r| {
            r.completed_at.map(|at| Finished {
                version: r.scenario_version_id,
                at,
            })
        })
        .collect())
}
