//! An agent moves into a team (from the team's page or the person's): they leave their
//! previous team, and the team's rules give them its paths, in one transaction.

use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, TeamId, UserId};
use cinco_persistence::team;

use crate::path::give::joined_team;
use crate::{App, AppError};

/// Moves `agent` into `to` at `now`.
pub async fn move_agent(
    app: &App,
    org: OrganisationId,
    to: TeamId,
    agent: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let tx = app.db.begin().await?;
    team::move_agent(&tx, org, to, agent).await?;
    joined_team(&tx, org, to, agent, now).await?;
    tx.commit().await?;
    Ok(())
}
