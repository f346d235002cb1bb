//! What people see of results: an agent their own KPIs by week, a lead their team's weekly
//! averages (how KPIs moved after training is in [`super::impact`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use cinco_domain::impact::Window;
use cinco_domain::results::{Period, PeriodKind};
use cinco_domain::{Role, UserId};
use cinco_persistence::results::{self, Metric, Value, ValueFilter};
use cinco_persistence::user::{self, UserFilter};

use crate::path::scope;
use crate::{Actor, App, AppError};

/// How many weeks the screens look back, this one included.
pub const WEEKS: u16 = 26;

/// One metric's weekly points.
#[derive(Debug, Clone)]
pub struct Series {
    pub metric: Metric,
    /// Week (its Monday), the mean of the values in it, and how many agents had one.
    pub points: Vec<(NaiveDate, f64, usize)>,
}

pub(crate) fn window(app: &App) -> Window {
    let today = app.clock.now().date_naive();
    let this_week = Period::week_of(today).start;
    let first = this_week - Days::new(7 * u64::from(WEEKS - 1));
    Window::new(first, WEEKS)
}

/// Weekly means per metric of `values` (day values count in their week; an agent's several
/// values in a week are averaged first, so each agent weighs the same).
pub(crate) fn series(metrics: Vec<Metric>, values: &[Value]) -> Vec<Series> {
    series_with(metrics, Vec::new(), values)
}

/// As [`series`], with the week values already summed by the database (`week_sums`: metric,
/// week, sum, agents) and the day values read one by one. An agent with a week value and day
/// values in the same week counts once for each.
fn series_with(
    metrics: Vec<Metric>,
    week_sums: Vec<(uuid::Uuid, NaiveDate, f64, i64)>,
    values: &[Value],
) -> Vec<Series> {
    let mut by_agent: HashMap<(uuid::Uuid, NaiveDate, UserId), (f64, usize)> = HashMap::new();
    for v in values {
        let week = Period::week_of(v.period.start).start;
        let cell = by_agent.entry((v.metric, week, v.user)).or_default();
        cell.0 += v.value;
        cell.1 += 1;
    }
    let mut by_week: HashMap<uuid::Uuid, BTreeMap<NaiveDate, (f64, usize)>> = HashMap::new();
    for ((metric, week, _), (sum, n)) in by_agent {
        let cell = by_week.entry(metric).or_default().entry(week).or_default();
        cell.0 += sum / n as f64;
        cell.1 += 1;
    }
    for (metric, week, sum, agents) in week_sums {
        let cell = by_week.entry(metric).or_default().entry(week).or_default();
        cell.0 += sum;
        cell.1 += usize::try_from(agents).unwrap_or_default();
    }
    metrics
        .into_iter()
        .map(|metric| {
            let points = by_week
                .remove(&metric.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, (_, n))| *n > 0)
                .map(|(week, (sum, n))| (week, sum / n as f64, n))
                .collect();
            Series { metric, points }
        })
        .collect()
}

/// The actor's own KPIs by week, over the last [`WEEKS`] weeks. Never anyone else's: an
/// agent is not ranked against colleagues.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<Series>, AppError> {
    let w = window(app);
    let metrics = results::metrics(&app.db, actor.org, app.clock.now()).await?;
    let filter = ValueFilter {
        users: Some(&[actor.user]),
        ..ValueFilter::between(w.first_monday(), app.clock.now().date_naive())
    };
    let values = results::values(&app.db, actor.org, &filter).await?;
    Ok(series(metrics, &values))
}

/// The agents a lead's results cover: every agent for admins, the agents of the teams they
/// lead for leads (narrowed to one team when asked).
pub(crate) async fn agents_in_scope(
    app: &App,
    actor: &Actor,
    team: Option<cinco_domain::TeamId>,
) -> Result<Vec<UserId>, AppError> {
    if let Some(team) = team {
        return Ok(scope::visible_team(&app.db, actor, team)
            .await?
            .agents
            .into_iter()
            .collect());
    }
    match scope::coachable(&app.db, actor).await? {
        Some(agents) => Ok(agents.into_iter().collect()),
        None => every_agent(app, actor.org).await,
    }
}

/// Every agent of the organisation (what an organisation-wide goal is read over).
pub(crate) async fn every_agent(
    app: &App,
    org: cinco_domain::OrganisationId,
) -> Result<Vec<UserId>, AppError> {
    let filter = UserFilter {
        role: Some(Role::Agent),
        ..UserFilter::default()
    };
    let (agents, _) = user::list(&app.db, org, &filter, 100_000, 0).await?;
    Ok(agents.into_iter().map(|u| u.id).collect())
}

/// The team's weekly means per metric, and how many agents it has.
pub async fn team(
    app: &App,
    actor: &Actor,
    team: Option<cinco_domain::TeamId>,
) -> Result<(usize, Vec<Series>), AppError> {
    let agents = agents_in_scope(app, actor, team).await?;
    let w = window(app);
    let metrics = results::metrics(&app.db, actor.org, app.clock.now()).await?;
    // Week values (the usual import) are averaged by the database; day values come one by one
    // so each agent's days make one mean per week.
    let filter = ValueFilter {
        users: Some(&agents),
        ..ValueFilter::between(w.first_monday(), app.clock.now().date_naive())
    };
    let sums = results::week_sums(&app.db, actor.org, &filter).await?;
    let days = ValueFilter {
        kind: Some(PeriodKind::Day),
        ..filter
    };
    let values = results::values(&app.db, actor.org, &days).await?;
    Ok((agents.len(), series_with(metrics, sums, &values)))
}
