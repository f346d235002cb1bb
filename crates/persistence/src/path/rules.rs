//! Team rules: a path template that goes to every agent who joins the team later.

use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, TeamId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::RepoError;
use crate::entities::path_team_rules;
use crate::executor::Executor;

/// A team rule: the template goes to agents who join the team later.
#[derive(Debug, Clone)]
pub struct TeamRule {
    pub id: uuid::Uuid,
    pub team_id: TeamId,
    pub template_id: uuid::Uuid,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_rule(
    ex: &impl Executor,
    org: OrganisationId,
    rule: &TeamRule,
) -> Result<(), RepoError> {
    path_team_rules::Entity::insert(path_team_rules::ActiveModel {
        id: Set(rule.id),
        organisation_id: Set(org.as_uuid()),
        team_id: Set(rule.team_id.as_uuid()),
        template_id: Set(rule.template_id),
        created_by: Set(rule.created_by.as_uuid()),
        created_at: Set(rule.created_at),
        ended_at: Set(None),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// The rules in force, of one team or of all.
pub async fn rules(
    ex: &impl Executor,
    org: OrganisationId,
    team: Option<TeamId>,
) -> Result<Vec<TeamRule>, RepoError> {
    let mut cond = Condition::all()
        .add(path_team_rules::Column::OrganisationId.eq(org.as_uuid()))
        .add(path_team_rules::Column::EndedAt.is_null());
    if let Some(team) = team {
        cond = cond.add(path_team_rules::Column::TeamId.eq(team.as_uuid()));
    }
    Ok(path_team_rules::Entity::find()
        .filter(cond)
        .order_by_asc(path_team_rules::Column::CreatedAt)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|r| TeamRule {
            id: r.id,
            team_id: TeamId::from_uuid(r.team_id),
            template_id: r.template_id,
            created_by: UserId::from_uuid(r.created_by),
            created_at: r.created_at,
        })
        .collect())
}

/// Ends a rule; `NotFound` when there is none in force with that id.
pub async fn end_rule(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    at: DateTime<Utc>,
) -> Result<(), RepoError> {
    let done = path_team_rules::Entity::update_many()
        .col_expr(path_team_rules::Column::EndedAt, Expr::value(at))
        .filter(path_team_rules::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_team_rules::Column::Id.eq(id))
        .filter(path_team_rules::Column::EndedAt.is_null())
        .exec(ex.conn())
        .await?;
    if done.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}
