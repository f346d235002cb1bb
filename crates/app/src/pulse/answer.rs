//! An agent answers this month's pulse. The answer is added to their team's tallies for
//! the month and, apart, the person is noted as having answered — in one transaction, so
//! both happen or neither does, and a second answer the same month changes nothing.

use cinco_domain::pulse::{Answers, Month};
use cinco_persistence::{RepoError, pulse};

use super::this_month;
use crate::{Actor, App, AppError, ErrorCode};

/// Whether the agent may answer this month, and which month it is.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    pub month: Month,
    pub answered: bool,
    /// In a team (the pulse is counted per team).
    pub in_team: bool,
}

fn already() -> AppError {
    AppError::Conflict {
        code: ErrorCode::PulseAlreadyAnswered,
        detail: "you have answered this month's pulse already".to_owned(),
    }
}

/// This month's pulse as the agent meets it.
pub async fn status(app: &App, actor: &Actor) -> Result<Status, AppError> {
    let month = this_month(app, actor.org).await?;
    Ok(Status {
        month,
        answered: pulse::has_answered(&app.db, actor.org, actor.user, month).await?,
        in_team: crate::path::scope::team_of(&app.db, actor.org, actor.user)
            .await?
            .is_some(),
    })
}

/// Counts the agent's answers for their team this month.
pub async fn answer(app: &App, actor: &Actor, answers: Answers) -> Result<Month, AppError> {
    let month = this_month(app, actor.org).await?;
    let team = crate::path::scope::team_of(&app.db, actor.org, actor.user)
        .await?
        .ok_or_else(|| AppError::Conflict {
            code: ErrorCode::NoTeam,
            detail: "the pulse is counted per team, and you are in none".to_owned(),
        })?;
    let tx = app.db.begin().await?;
    pulse::mark_answered(&tx, actor.org, actor.user, month)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => already(),
            other => other.into(),
        })?;
    pulse::count(&tx, actor.org, team, month, &answers).await?;
    tx.commit().await?;
    Ok(month)
}
