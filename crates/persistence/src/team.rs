//! Teams and who leads or belongs to them. Every call takes the organisation id.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use cinco_domain::team::{Membership, Team, TeamName};
use cinco_domain::{OrganisationId, TeamId, UserId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};

use crate::entities::{team_members, teams};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A team with its members.
#[derive(Debug, Clone)]
pub struct TeamWithMembers {
    pub team: Team,
    pub leads: Vec<UserId>,
    pub agents: Vec<UserId>,
}

/// Stores a new team. A name already used in the organisation is `Conflict("teams.name")`.
pub async fn insert(ex: &impl Executor, team: &Team, now: DateTime<Utc>) -> Result<(), RepoError> {
    let row = teams::ActiveModel {
        id: Set(team.id.as_uuid()),
        organisation_id: Set(team.organisation_id.as_uuid()),
        name: Set(team.name.as_str().to_owned()),
        created_at: Set(now),
    };
    teams::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("teams.name"))?;
    Ok(())
}

pub async fn rename(
    ex: &impl Executor,
    org: OrganisationId,
    id: TeamId,
    name: &TeamName,
) -> Result<(), RepoError> {
    let mut row = find_row(ex, org, id).await?.into_active_model();
    row.name = Set(name.as_str().to_owned());
    row.update(ex.conn())
        .await
        .map_err(RepoError::on_unique("teams.name"))?;
    Ok(())
}

/// The team, if it exists in that organisation.
pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: TeamId,
) -> Result<TeamWithMembers, RepoError> {
    let row = find_row(ex, org, id).await?;
    let mut all = with_members(ex, org, vec![row]).await?;
    all.pop().ok_or(RepoError::NotFound)
}

/// Every team of the organisation, by name.
pub async fn list(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<TeamWithMembers>, RepoError> {
    let rows = teams::Entity::find()
        .filter(teams::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_asc(teams::Column::Name)
        .all(ex.conn())
        .await?;
    with_members(ex, org, rows).await
}

/// Adds a member (idempotent).
pub async fn add_member(
    ex: &impl Executor,
    org: OrganisationId,
    team: TeamId,
    user: UserId,
    membership: Membership,
) -> Result<(), RepoError> {
    find_row(ex, org, team).await?;
    let exists = team_members::Entity::find()
        .filter(team_members::Column::TeamId.eq(team.as_uuid()))
        .filter(team_members::Column::UserId.eq(user.as_uuid()))
        .filter(team_members::Column::Role.eq(membership.as_str()))
        .one(ex.conn())
        .await?
        .is_some();
    if !exists {
        let row = team_members::ActiveModel {
            team_id: Set(team.as_uuid()),
            user_id: Set(user.as_uuid()),
            organisation_id: Set(org.as_uuid()),
            role: Set(membership.as_str().to_owned()),
        };
        team_members::Entity::insert(row)
            .exec_without_returning(ex.conn())
            .await?;
    }
    Ok(())
}

/// Removes a membership; removing one that does not exist is not an error.
pub async fn remove_member(
    ex: &impl Executor,
    org: OrganisationId,
    team: TeamId,
    user: UserId,
    membership: Membership,
) -> Result<(), RepoError> {
    team_members::Entity::delete_many()
        .filter(team_members::Column::OrganisationId.eq(org.as_uuid()))
        .filter(team_members::Column::TeamId.eq(team.as_uuid()))
        .filter(team_members::Column::UserId.eq(user.as_uuid()))
        .filter(team_members::Column::Role.eq(membership.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Makes `user` an agent of `team` only (an agent belongs to one team at a time).
pub async fn move_agent(
    ex: &impl Executor,
    org: OrganisationId,
    team: TeamId,
    user: UserId,
) -> Result<(), RepoError> {
    find_row(ex, org, team).await?;
    team_members::Entity::delete_many()
        .filter(team_members::Column::OrganisationId.eq(org.as_uuid()))
        .filter(team_members::Column::UserId.eq(user.as_uuid()))
        .filter(team_members::Column::Role.eq(Membership::Agent.as_str()))
        .exec(ex.conn())
        .await?;
    add_member(ex, org, team, user, Membership::Agent).await
}

/// The teams a user belongs to, with how.
pub async fn memberships_of(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<(TeamId, Membership)>, RepoError> {
    let rows = team_members::Entity::find()
        .filter(team_members::Column::OrganisationId.eq(org.as_uuid()))
        .filter(team_members::Column::UserId.eq(user.as_uuid()))
        .all(ex.conn())
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Membership::parse(&r.role).map(|m| (TeamId::from_uuid(r.team_id), m)))
        .collect())
}

async fn find_row(
    ex: &impl Executor,
    org: OrganisationId,
    id: TeamId,
) -> Result<teams::Model, RepoError> {
    teams::Entity::find_by_id(id.as_uuid())
        .filter(teams::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
}

async fn with_members(
    ex: &impl Executor,
    org: OrganisationId,
    rows: Vec<teams::Model>,
) -> Result<Vec<TeamWithMembers>, RepoError> {
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
    let members = team_members::Entity::find()
        .filter(team_members::Column::OrganisationId.eq(org.as_uuid()))
        .filter(team_members::Column::TeamId.is_in(ids))
        .all(ex.conn())
        .await?;
    let mut by_team: HashMap<uuid::Uuid, (Vec<UserId>, Vec<UserId>)> = HashMap::new();
    for m in members {
        let entry = by_team.entry(m.team_id).or_default();
        match Membership::parse(&m.role) {
            Some(Membership::Lead) => entry.0.push(UserId::from_uuid(m.user_id)),
            Some(Membership::Agent) => entry.1.push(UserId::from_uuid(m.user_id)),
            None => {}
        }
    }
    rows.into_iter()
        .map(|row| {
            let (leads, agents) = by_team.remove(&row.id).unwrap_or_default();
            Ok(TeamWithMembers {
                team: Team {
                    id: TeamId::from_uuid(row.id),
                    organisation_id: OrganisationId::from_uuid(row.organisation_id),
                    name: TeamName::parse(&row.name)
                        .map_err(|_| corrupt(&format!("team {}", row.id), "name"))?,
                },
                leads,
                agents,
            })
        })
        .collect()
}

/// Ends every membership of one kind for a user (when they lose the matching role).
pub async fn remove_memberships(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    membership: Membership,
) -> Result<(), RepoError> {
    team_members::Entity::delete_many()
        .filter(team_members::Column::OrganisationId.eq(org.as_uuid()))
        .filter(team_members::Column::UserId.eq(user.as_uuid()))
        .filter(team_members::Column::Role.eq(membership.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// The names of the given teams of the organisation, by name.
pub async fn names(
    ex: &impl Executor,
    org: OrganisationId,
    ids: &[TeamId],
) -> Result<Vec<(TeamId, TeamName)>, RepoError> {
    let rows = teams::Entity::find()
        .filter(teams::Column::OrganisationId.eq(org.as_uuid()))
        .filter(teams::Column::Id.is_in(ids.iter().map(|t| t.as_uuid())))
        .order_by_asc(teams::Column::Name)
        .all(ex.conn())
        .await?;
    rows.into_iter()
        .map(|r| {
            let name =
                TeamName::parse(&r.name).map_err(|_| corrupt(&format!("team {}", r.id), "name"))?;
            Ok((TeamId::from_uuid(r.id), name))
        })
        .collect()
}
