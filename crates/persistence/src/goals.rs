//! Goals on results, for a team or the whole organisation.

use chrono::{DateTime, NaiveDate, Utc};
use cinco_domain::results::{Comparison, MetricKey, Target};
use cinco_domain::{OrganisationId, TeamId, UserId};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::entities::kpi_goals;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A goal as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: uuid::Uuid,
    /// `None`: the whole organisation.
    pub team: Option<TeamId>,
    pub title: String,
    pub targets: Vec<Target>,
    pub due_on: NaiveDate,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize, Deserialize)]
struct StoredTarget {
    metric: String,
    comparison: String,
    value: f64,
}

fn to_goal(row: kpi_goals::Model) -> Result<Goal, RepoError> {
    let stored: Vec<StoredTarget> =
        serde_json::from_str(&row.targets).map_err(|_| corrupt("kpi_goals", "targets"))?;
    let targets = stored
        .into_iter()
        .map(|t| {
            Ok(Target {
                metric: MetricKey::parse(&t.metric).map_err(|_| corrupt("kpi_goals", "metric"))?,
                comparison: Comparison::parse(&t.comparison)
                    .ok_or_else(|| corrupt("kpi_goals", "comparison"))?,
                value: t.value,
            })
        })
        .collect::<Result<_, RepoError>>()?;
    Ok(Goal {
        id: row.id,
        team: row.team_id.map(TeamId::from_uuid),
        title: row.title,
        targets,
        due_on: row.due_on,
        created_by: UserId::from_uuid(row.created_by),
        created_at: row.created_at,
    })
}

/// Stores a goal.
pub async fn insert(ex: &impl Executor, org: OrganisationId, goal: &Goal) -> Result<(), RepoError> {
    let targets: Vec<StoredTarget> = goal
        .targets
        .iter()
        .map(|t| StoredTarget {
            metric: t.metric.as_str().to_owned(),
            comparison: t.comparison.as_str().to_owned(),
            value: t.value,
        })
        .collect();
    kpi_goals::Entity::insert(kpi_goals::ActiveModel {
        id: Set(goal.id),
        organisation_id: Set(org.as_uuid()),
        team_id: Set(goal.team.map(|t| t.as_uuid())),
        title: Set(goal.title.clone()),
        targets: Set(serde_json::to_string(&targets).map_err(|_| corrupt("kpi_goals", "targets"))?),
        due_on: Set(goal.due_on),
        created_by: Set(goal.created_by.as_uuid()),
        created_at: Set(goal.created_at),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// The organisation's goals, soonest due first.
pub async fn list(ex: &impl Executor, org: OrganisationId) -> Result<Vec<Goal>, RepoError> {
    kpi_goals::Entity::find()
        .filter(kpi_goals::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_asc(kpi_goals::Column::DueOn)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_goal)
        .collect()
}

/// Removes a goal; not found when it is another organisation's.
pub async fn delete(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<(), RepoError> {
    let done = kpi_goals::Entity::delete_many()
        .filter(kpi_goals::Column::OrganisationId.eq(org.as_uuid()))
        .filter(kpi_goals::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    if done.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}
