//! Whom a lead may coach: admins every agent; leads the agents of the teams they lead.
//! Anything outside that scope is "not found", as if it did not exist.

use std::collections::HashSet;

use cinco_domain::team::Membership;
use cinco_domain::user::User;
use cinco_domain::{OrganisationId, Role, TeamId, UserId};
use cinco_persistence::path::{self, Assignment};
use cinco_persistence::team::{self, TeamWithMembers};
use cinco_persistence::{Executor, user};

use crate::{Actor, AppError, ErrorCode};

/// The agents `actor` may coach: `None` means every agent (admins).
pub async fn coachable(
    ex: &impl Executor,
    actor: &Actor,
) -> Result<Option<HashSet<UserId>>, AppError> {
    if actor.is(Role::Admin) {
        return Ok(None);
    }
    let mut agents = HashSet::new();
    for id in actor.led_teams(ex).await? {
        agents.extend(team::get(ex, actor.org, id).await?.agents);
    }
    Ok(Some(agents))
}

/// An agent `actor` may coach.
pub async fn coachable_agent(
    ex: &impl Executor,
    actor: &Actor,
    agent: UserId,
) -> Result<User, AppError> {
    if let Some(scope) = coachable(ex, actor).await?
        && !scope.contains(&agent)
    {
        return Err(AppError::NotFound);
    }
    Ok(user::get(ex, actor.org, agent).await?)
}

/// A team `actor` may see: any for admins, the ones they lead for leads.
pub async fn visible_team(
    ex: &impl Executor,
    actor: &Actor,
    id: TeamId,
) -> Result<TeamWithMembers, AppError> {
    if !actor.is(Role::Admin) && !actor.led_teams(ex).await?.contains(&id) {
        return Err(AppError::NotFound);
    }
    Ok(team::get(ex, actor.org, id).await?)
}

/// An assignment of an agent `actor` may coach.
pub async fn managed(
    ex: &impl Executor,
    actor: &Actor,
    id: uuid::Uuid,
) -> Result<Assignment, AppError> {
    let a = path::assignment(ex, actor.org, id).await?;
    coachable_agent(ex, actor, a.user_id).await?;
    Ok(a)
}

/// The team the agent belongs to, if any.
pub async fn team_of(
    ex: &impl Executor,
    org: OrganisationId,
    agent: UserId,
) -> Result<Option<TeamId>, AppError> {
    Ok(team::memberships_of(ex, org, agent)
        .await?
        .into_iter()
        .find(|(_, m)| *m == Membership::Agent)
        .map(|(id, _)| id))
}

/// A change to an assignment that is completed or cancelled.
pub fn closed() -> AppError {
    AppError::Conflict {
        code: ErrorCode::AssignmentClosed,
        detail: "this path is completed or cancelled".to_owned(),
    }
}
