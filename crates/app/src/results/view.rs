//! What people see of results: an agent their own KPIs by week, a lead their team's weekly
//! averages, and for each coaching path how a KPI moved for agents after they finished it
//! compared with agents who had not yet (see `cinco_domain::impact`).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, NaiveDate};
use cinco_domain::coaching::AssignmentStatus;
use cinco_domain::impact::{self, Impact, Panel, Settings, Training, Window};
use cinco_domain::results::{MetricKey, Period};
use cinco_domain::{Locale, Role, UserId};
use cinco_persistence::path::{self, Filter};
use cinco_persistence::results::{self, Metric, Value};
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
    metrics
        .into_iter()
        .map(|metric| {
            let points = by_week
                .remove(&metric.id)
                .unwrap_or_default()
                .into_iter()
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
    let values = results::values(
        &app.db,
        actor.org,
        Some(&[actor.user]),
        w.first_monday(),
        app.clock.now().date_naive(),
    )
    .await?;
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
        None => {
            let filter = UserFilter {
                role: Some(Role::Agent),
                ..UserFilter::default()
            };
            let (agents, _) = user::list(&app.db, actor.org, &filter, 100_000, 0).await?;
            Ok(agents.into_iter().map(|u| u.id).collect())
        }
    }
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
    let values = results::values(
        &app.db,
        actor.org,
        Some(&agents),
        w.first_monday(),
        app.clock.now().date_naive(),
    )
    .await?;
    Ok((agents.len(), series(metrics, &values)))
}

/// How one KPI moved after one training.
#[derive(Debug, Clone)]
pub struct TrainingImpact {
    /// The coaching path.
    pub template_id: uuid::Uuid,
    pub title: String,
    pub impact: Impact,
    /// In the reader's language.
    pub sentence: String,
}

/// For each coaching path agents finished, the estimated change in `metric` for agents
/// after they finished it against agents who had not yet, over the same weeks.
pub async fn impact(
    app: &App,
    actor: &Actor,
    metric: &str,
    locale: Locale,
) -> Result<(Metric, Vec<TrainingImpact>), AppError> {
    let key = MetricKey::parse(metric).map_err(|_| AppError::NotFound)?;
    let metric = results::metrics(&app.db, actor.org, app.clock.now())
        .await?
        .into_iter()
        .find(|m| m.def.key == key)
        .ok_or(AppError::NotFound)?;
    let agents = agents_in_scope(app, actor, None).await?;
    let w = window(app);
    let values = results::values(
        &app.db,
        actor.org,
        Some(&agents),
        w.first_monday(),
        app.clock.now().date_naive(),
    )
    .await?;
    // Each agent's weekly mean of this metric.
    let mut weekly: HashMap<UserId, BTreeMap<i32, (f64, usize)>> = HashMap::new();
    for v in values.iter().filter(|v| v.metric == metric.id) {
        let week = w.index(v.period.start);
        if (0..i32::from(WEEKS)).contains(&week) {
            let cell = weekly.entry(v.user).or_default().entry(week).or_default();
            cell.0 += v.value;
            cell.1 += 1;
        }
    }
    // When each agent finished each path.
    let completed = path::assignments(
        &app.db,
        actor.org,
        Filter {
            users: Some(&agents),
            status: Some(AssignmentStatus::Completed),
        },
    )
    .await?;
    let mut trainings: BTreeMap<uuid::Uuid, (String, HashMap<UserId, i32>)> = BTreeMap::new();
    for a in completed {
        let (Some(template), Some(closed)) = (a.template_id, a.closed_at) else {
            continue;
        };
        let entry = trainings
            .entry(template)
            .or_insert_with(|| (a.title.clone(), HashMap::new()));
        let week = w.index(closed.date_naive());
        let first = entry.1.entry(a.user_id).or_insert(week);
        *first = (*first).min(week);
    }
    let with_values: HashSet<UserId> = weekly.keys().copied().collect();
    let settings = Settings::default();
    let mut out = Vec::new();
    for (template_id, (title, finished)) in trainings {
        let mut panel = Panel::with_capacity(WEEKS, with_values.len());
        for agent in &agents {
            let Some(weeks) = weekly.get(agent) else {
                continue;
            };
            panel.push_agent(
                finished.get(agent).copied(),
                weeks
                    .iter()
                    .map(|(week, (sum, n))| (*week, sum / *n as f64)),
            );
        }
        let impact = impact::estimate(&panel, metric.def.direction, &settings);
        let sentence = impact::sentence(
            locale,
            &impact,
            Training::Path { title: &title },
            impact::Metric {
                name: &metric.def.name,
                unit: &metric.def.unit,
                decimals: 1,
            },
        );
        out.push(TrainingImpact {
            template_id,
            title,
            impact,
            sentence,
        });
    }
    Ok((metric, out))
}
