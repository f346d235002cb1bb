//! What a whole team has done, read in a few bulk queries (for leads' dashboards): the
//! competency evidence of many people, their learning time, daily sessions and path steps
//! since an instant.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::RepoError;
use crate::entities::{
    daily_sessions, evidence, lesson_attempts, lesson_versions, path_steps, review_log,
    scenario_runs, scenario_versions, users,
};
use crate::evidence::Piece;
use crate::executor::Executor;

const CHUNK: usize = 500;

/// Every piece of evidence of each person, oldest first.
pub async fn evidence_of(
    ex: &impl Executor,
    org: OrganisationId,
    users: &[UserId],
) -> Result<HashMap<UserId, Vec<Piece>>, RepoError> {
    let mut out: HashMap<UserId, Vec<Piece>> = HashMap::new();
    for chunk in users.chunks(CHUNK) {
        let rows = evidence::Entity::find()
            .select_only()
            .column(evidence::Column::UserId)
            .column(evidence::Column::CompetencyKey)
            .column(evidence::Column::Source)
            .column(evidence::Column::Value)
            .column(evidence::Column::CreatedAt)
            .filter(evidence::Column::OrganisationId.eq(org.as_uuid()))
            .filter(evidence::Column::UserId.is_in(chunk.iter().map(|u| u.as_uuid())))
            .order_by_asc(evidence::Column::CreatedAt)
            .into_tuple::<(uuid::Uuid, String, String, f64, DateTime<Utc>)>()
            .all(ex.conn())
            .await?;
        for (user, competency, source, value, at) in rows {
            out.entry(UserId::from_uuid(user)).or_default().push(Piece {
                competency,
                source,
                value,
                at,
            });
        }
    }
    Ok(out)
}

/// Seconds learned by each person since `since`: finished lessons and scenarios at their
/// estimate, and the time spent on reviews (each capped at two minutes).
pub async fn seconds_since(
    ex: &impl Executor,
    org: OrganisationId,
    users: &[UserId],
    since: DateTime<Utc>,
) -> Result<HashMap<UserId, i64>, RepoError> {
    let mut out: HashMap<UserId, i64> = HashMap::new();
    for l in learned_since(ex, org, users, since).await? {
        *out.entry(l.user).or_default() += l.seconds;
    }
    Ok(out)
}

/// What was learned: a finished lesson or scenario, or a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnedKind {
    Lesson,
    Scenario,
    Review,
}

/// One thing a person learned, when, and the seconds it counts for.
#[derive(Debug, Clone, Copy)]
pub struct Learned {
    pub user: UserId,
    pub kind: LearnedKind,
    pub at: DateTime<Utc>,
    pub seconds: i64,
}

/// Everything each person learned since `since`: finished lessons and scenarios at their
/// estimate, and reviews at the time spent (each capped at two minutes).
pub async fn learned_since(
    ex: &impl Executor,
    org: OrganisationId,
    users: &[UserId],
    since: DateTime<Utc>,
) -> Result<Vec<Learned>, RepoError> {
    let mut out = Vec::new();
    let lesson_estimates: HashMap<uuid::Uuid, i32> = lesson_versions::Entity::find()
        .select_only()
        .column(lesson_versions::Column::Id)
        .column(lesson_versions::Column::EstimateSeconds)
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .into_tuple::<(uuid::Uuid, i32)>()
        .all(ex.conn())
        .await?
        .into_iter()
        .collect();
    let scenario_estimates: HashMap<uuid::Uuid, i32> = scenario_versions::Entity::find()
        .select_only()
        .column(scenario_versions::Column::Id)
        .column(scenario_versions::Column::EstimateSeconds)
        .filter(scenario_versions::Column::OrganisationId.eq(org.as_uuid()))
        .into_tuple::<(uuid::Uuid, i32)>()
        .all(ex.conn())
        .await?
        .into_iter()
        .collect();
    for chunk in users.chunks(CHUNK) {
        let ids = || chunk.iter().map(|u| u.as_uuid());
        for (user, ms, at) in review_log::Entity::find()
            .select_only()
            .column(review_log::Column::UserId)
            .column(review_log::Column::DurationMs)
            .column(review_log::Column::ReviewedAt)
            .filter(review_log::Column::OrganisationId.eq(org.as_uuid()))
            .filter(review_log::Column::UserId.is_in(ids()))
            .filter(review_log::Column::Source.eq("review"))
            .filter(review_log::Column::ReviewedAt.gte(since))
            .into_tuple::<(uuid::Uuid, Option<i32>, DateTime<Utc>)>()
            .all(ex.conn())
            .await?
        {
            out.push(Learned {
                user: UserId::from_uuid(user),
                kind: LearnedKind::Review,
                at,
                seconds: i64::from(ms.unwrap_or(0).clamp(0, 120_000)) / 1000,
            });
        }
        for (user, version, at) in lesson_attempts::Entity::find()
            .select_only()
            .column(lesson_attempts::Column::UserId)
            .column(lesson_attempts::Column::LessonVersionId)
            .column(lesson_attempts::Column::CompletedAt)
            .filter(lesson_attempts::Column::OrganisationId.eq(org.as_uuid()))
            .filter(lesson_attempts::Column::UserId.is_in(ids()))
            .filter(lesson_attempts::Column::CompletedAt.gte(since))
            .into_tuple::<(uuid::Uuid, uuid::Uuid, DateTime<Utc>)>()
            .all(ex.conn())
            .await?
        {
            out.push(Learned {
                user: UserId::from_uuid(user),
                kind: LearnedKind::Lesson,
                at,
                seconds: i64::from(lesson_estimates.get(&version).copied().unwrap_or(0)),
            });
        }
        for (user, version, at) in scenario_runs::Entity::find()
            .select_only()
            .column(scenario_runs::Column::UserId)
            .column(scenario_runs::Column::ScenarioVersionId)
            .column(scenario_runs::Column::CompletedAt)
            .filter(scenario_runs::Column::OrganisationId.eq(org.as_uuid()))
            .filter(scenario_runs::Column::UserId.is_in(ids()))
            .filter(scenario_runs::Column::CompletedAt.gte(since))
            .into_tuple::<(uuid::Uuid, uuid::Uuid, DateTime<Utc>)>()
            .all(ex.conn())
            .await?
        {
            out.push(Learned {
                user: UserId::from_uuid(user),
                kind: LearnedKind::Scenario,
                at,
                seconds: i64::from(scenario_estimates.get(&version).copied().unwrap_or(0)),
            });
        }
    }
    Ok(out)
}

/// The daily sessions each person completed since `since`: who, and the local day
/// (`YYYY-MM-DD`) of the session.
pub async fn sessions_completed_since(
    ex: &impl Executor,
    org: OrganisationId,
    users: &[UserId],
    since: DateTime<Utc>,
) -> Result<Vec<(UserId, String)>, RepoError> {
    let mut out = Vec::new();
    for chunk in users.chunks(CHUNK) {
        let rows = daily_sessions::Entity::find()
            .select_only()
            .column(daily_sessions::Column::UserId)
            .column(daily_sessions::Column::LocalDay)
            .filter(daily_sessions::Column::OrganisationId.eq(org.as_uuid()))
            .filter(daily_sessions::Column::UserId.is_in(chunk.iter().map(|u| u.as_uuid())))
            .filter(daily_sessions::Column::CompletedAt.gte(since))
            .into_tuple::<(uuid::Uuid, String)>()
            .all(ex.conn())
            .await?;
        out.extend(rows.into_iter().map(|(u, day)| (UserId::from_uuid(u), day)));
    }
    Ok(out)
}

/// Coaching path steps with a due date that each person completed since `since`: who, when
/// due and when completed.
pub async fn due_steps_completed_since(
    ex: &impl Executor,
    org: OrganisationId,
    users: &[UserId],
    since: DateTime<Utc>,
) -> Result<Vec<(UserId, DateTime<Utc>, DateTime<Utc>)>, RepoError> {
    let mut out = Vec::new();
    for chunk in users.chunks(CHUNK) {
        let rows = path_steps::Entity::find()
            .select_only()
            .column(path_steps::Column::UserId)
            .column(path_steps::Column::DueAt)
            .column(path_steps::Column::CompletedAt)
            .filter(path_steps::Column::OrganisationId.eq(org.as_uuid()))
            .filter(path_steps::Column::UserId.is_in(chunk.iter().map(|u| u.as_uuid())))
            .filter(path_steps::Column::DueAt.is_not_null())
            .filter(path_steps::Column::CompletedAt.gte(since))
            .into_tuple::<(uuid::Uuid, DateTime<Utc>, DateTime<Utc>)>()
            .all(ex.conn())
            .await?;
        out.extend(
            rows.into_iter()
                .map(|(u, due, done)| (UserId::from_uuid(u), due, done)),
        );
    }
    Ok(out)
}

/// Everyone's display name in the organisation (for labelling lists).
pub async fn names(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<HashMap<UserId, String>, RepoError> {
    Ok(users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::DisplayName)
        .filter(users::Column::OrganisationId.eq(org.as_uuid()))
        .into_tuple::<(uuid::Uuid, String)>()
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|(id, name)| (UserId::from_uuid(id), name))
        .collect())
}
