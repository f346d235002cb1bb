//! Coaching: path templates, paths assigned to agents and how their steps complete, coaching
//! sessions on a scorecard, the agent's side of both, reminders' settings and the lead's team
//! dashboard. The contract is `docs/coaching.md`.
//!
//! Scope: admins see every agent; leads see the agents of the teams they lead (anything else
//! is "not found"); agents see only themselves, through `/me/…`.

use std::collections::{HashMap, HashSet};

use cinco_app::path::scope;
use cinco_domain::user::User;
use cinco_domain::{OrganisationId, TeamId, UserId};
use cinco_persistence::Executor;
use cinco_persistence::team::TeamWithMembers;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::error::ApiError;

pub mod assignments;
pub mod changes;
pub mod dashboard;
pub mod export;
pub mod mine;
pub mod paths;
pub mod record;
pub mod scorecards;
pub mod sessions;
pub mod settings;

/// A person as shown in coaching views.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonRef {
    pub id: uuid::Uuid,
    pub display_name: String,
}

/// Everyone's display name, read once per request.
#[derive(Debug, Default)]
pub(crate) struct Names(HashMap<UserId, String>);

impl Names {
    pub(crate) async fn load(ex: &impl Executor, org: OrganisationId) -> Result<Self, ApiError> {
        Ok(Self(
            cinco_persistence::team_activity::names(ex, org).await?,
        ))
    }

    pub(crate) fn person(&self, id: UserId) -> PersonRef {
        PersonRef {
            id: id.as_uuid(),
            display_name: self.0.get(&id).cloned().unwrap_or_default(),
        }
    }
}

/// The agents a caller may coach: `None` means every agent (admins).
pub(crate) async fn coachable(
    ex: &impl Executor,
    auth: &AuthUser,
) -> Result<Option<HashSet<UserId>>, ApiError> {
    Ok(scope::coachable(ex, &auth.actor()).await?)
}

/// An agent the caller may coach (`404` otherwise, as if there were no such person).
pub(crate) async fn coachable_agent(
    ex: &impl Executor,
    auth: &AuthUser,
    agent: UserId,
) -> Result<User, ApiError> {
    Ok(scope::coachable_agent(ex, &auth.actor(), agent).await?)
}

/// The agents a lead's list covers: one agent, one team, or everyone the caller may coach
/// (`None`: every agent, for admins).
pub(crate) async fn listed_agents(
    ex: &impl Executor,
    auth: &AuthUser,
    team: Option<uuid::Uuid>,
    agent: Option<uuid::Uuid>,
) -> Result<Option<Vec<UserId>>, ApiError> {
    if let Some(agent) = agent {
        return Ok(Some(vec![
            coachable_agent(ex, auth, UserId::from_uuid(agent))
                .await?
                .id,
        ]));
    }
    if let Some(team) = team {
        return Ok(Some(
            visible_team(ex, auth, TeamId::from_uuid(team))
                .await?
                .agents,
        ));
    }
    Ok(coachable(ex, auth).await?.map(|s| s.into_iter().collect()))
}

/// A team the caller may see: any for admins, the ones they lead for leads.
pub(crate) async fn visible_team(
    ex: &impl Executor,
    auth: &AuthUser,
    id: TeamId,
) -> Result<TeamWithMembers, ApiError> {
    Ok(scope::visible_team(ex, &auth.actor(), id).await?)
}
