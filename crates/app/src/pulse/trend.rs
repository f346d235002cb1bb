//! The pulse's trend per team: leads their teams, admins every team; each month shown only
//! with enough answers.

use cinco_domain::Role;
use cinco_domain::pulse::{Month, Shown, TREND_MONTHS};
use cinco_domain::team::TeamName;
use cinco_persistence::{pulse, team};

use super::this_month;
use crate::{Actor, App, AppError};

/// A team's months, oldest first.
#[derive(Debug, Clone)]
pub struct TeamTrend {
    pub team: cinco_domain::TeamId,
    pub name: TeamName,
    /// Each month with what may be shown of it (`None`: not enough answers yet).
    pub months: Vec<(Month, Option<Shown>)>,
}

/// The trend of every team the actor may see, by team name.
pub async fn trend(app: &App, actor: &Actor) -> Result<Vec<TeamTrend>, AppError> {
    let teams: Vec<(cinco_domain::TeamId, TeamName)> = if actor.is(Role::Admin) {
        team::list(&app.db, actor.org)
            .await?
            .into_iter()
            .map(|t| (t.team.id, t.team.name))
            .collect()
    } else {
        let led = actor.led_teams(&app.db).await?;
        team::names(&app.db, actor.org, &led).await?
    };
    let months = this_month(app, actor.org).await?.last(TREND_MONTHS);
    let ids: Vec<_> = teams.iter().map(|(id, _)| *id).collect();
    let tallies = pulse::tallies(&app.db, actor.org, &ids, &months).await?;
    Ok(teams
        .into_iter()
        .map(|(id, name)| TeamTrend {
            team: id,
            name,
            months: months
                .iter()
                .map(|m| {
                    let shown = tallies
                        .iter()
                        .find(|(t, month, _)| *t == id && month == m)
                        .and_then(|(_, _, tally)| tally.shown());
                    (*m, shown)
                })
                .collect(),
        })
        .collect())
}
