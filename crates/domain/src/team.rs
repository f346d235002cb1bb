//! Teams: agents grouped under one or more leads.

use crate::ids::{OrganisationId, TeamId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: TeamId,
    pub organisation_id: OrganisationId,
    pub name: TeamName,
}

/// How a person belongs to a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Membership {
    Lead,
    Agent,
}

impl Membership {
    pub const ALL: [Membership; 2] = [Membership::Lead, Membership::Agent];

    pub const fn as_str(self) -> &'static str {
        match self {
            Membership::Lead => "lead",
            Membership::Agent => "agent",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "lead" => Some(Membership::Lead),
            "agent" => Some(Membership::Agent),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the team name must have 1 to 100 characters")]
pub struct InvalidTeamName;

/// A trimmed team name of 1 to 100 characters, unique within its organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamName(String);

impl TeamName {
    /// The most characters a name may have (after trimming).
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, InvalidTeamName> {
        crate::text::name(raw, 1, Self::MAX_CHARS)
            .map(|name| Self(name.to_owned()))
            .ok_or(InvalidTeamName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
