//! Who a use case acts for: a signed-in person of one organisation, with their roles.

use cinco_domain::team::Membership;
use cinco_domain::user::Roles;
use cinco_domain::{OrganisationId, Role, TeamId, UserId};
use cinco_persistence::{Executor, team};

use crate::AppError;

/// The person on whose behalf a use case runs. Every read and write it does stays inside
/// `org`.
#[derive(Debug, Clone)]
pub struct Actor {
    pub org: OrganisationId,
    pub user: UserId,
    pub roles: Roles,
}

impl Actor {
    /// Whether the actor holds `role`.
    pub fn is(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    /// The teams the actor leads (none unless they hold the lead role).
    pub async fn led_teams(&self, ex: &impl Executor) -> Result<Vec<TeamId>, AppError> {
        if !self.is(Role::Lead) {
            return Ok(Vec::new());
        }
        Ok(team::memberships_of(ex, self.org, self.user)
            .await?
            .into_iter()
            .filter(|(_, m)| *m == Membership::Lead)
            .map(|(id, _)| id)
            .collect())
    }
}
