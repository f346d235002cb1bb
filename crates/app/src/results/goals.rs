//! Goals: for a team or the whole organisation, one to three targets on metrics by a date.
//! Admins set any; leads set and remove their own teams' goals. Each target is read against
//! the latest week with values (the mean over the goal's agents).

use std::collections::HashSet;

use chrono::NaiveDate;
use cinco_domain::results::{GoalError, Target, check_goal};
use cinco_domain::{Role, TeamId, UserId};
use cinco_persistence::goals::{self, Goal};
use cinco_persistence::results::{self, Value, ValueFilter};

use super::view::{self, Series};
use crate::{Actor, App, AppError};

/// What someone asks for.
#[derive(Debug, Clone)]
pub struct NewGoal {
    pub team: Option<TeamId>,
    pub title: String,
    pub targets: Vec<Target>,
    pub due_on: NaiveDate,
}

/// A target and where it stands.
#[derive(Debug, Clone)]
pub struct TargetStatus {
    pub target: Target,
    /// The latest week's mean, and that week (`None`: no values yet).
    pub latest: Option<(NaiveDate, f64)>,
    pub met: bool,
}

/// A goal and where it stands: met when every target is.
#[derive(Debug, Clone)]
pub struct GoalStatus {
    pub goal: Goal,
    pub targets: Vec<TargetStatus>,
    pub met: bool,
}

async fn may_manage(app: &App, actor: &Actor, team: Option<TeamId>) -> Result<(), AppError> {
    if actor.is(Role::Admin) {
        return Ok(());
    }
    match team {
        Some(team) if actor.led_teams(&app.db).await?.contains(&team) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Sets a goal.
pub async fn create(app: &App, actor: &Actor, new: NewGoal) -> Result<Goal, AppError> {
    may_manage(app, actor, new.team).await?;
    if let Some(team) = new.team {
        crate::path::scope::visible_team(&app.db, actor, team).await?;
    }
    let metrics: Vec<_> = results::metrics(&app.db, actor.org, app.clock.now())
        .await?
        .into_iter()
        .map(|m| m.def)
        .collect();
    check_goal(&new.title, &new.targets, &metrics).map_err(|e| {
        // The target at fault by its place, as other lists name theirs (`targets[1]`).
        let field = match (e.target(), e) {
            (Some(i), _) => format!("targets[{i}]"),
            (None, GoalError::InvalidTitle) => "title".to_owned(),
            (None, _) => "targets".to_owned(),
        };
        AppError::field(&field, e.code(), e.to_string())
    })?;
    cinco_domain::calendar::day(&new.due_on.to_string())
        .map_err(|e| AppError::field("due_on", e.code(), e.to_string()))?;
    let goal = Goal {
        id: uuid::Uuid::now_v7(),
        team: new.team,
        title: new.title.trim().to_owned(),
        targets: new.targets,
        due_on: new.due_on,
        created_by: actor.user,
        created_at: app.clock.now(),
    };
    goals::insert(&app.db, actor.org, &goal).await?;
    Ok(goal)
}

/// Removes a goal the actor may manage.
pub async fn remove(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<(), AppError> {
    let goal = goals::list(&app.db, actor.org)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or(AppError::NotFound)?;
    may_manage(app, actor, goal.team).await?;
    Ok(goals::delete(&app.db, actor.org, id).await?)
}

/// The goals the actor sees (admins all; leads the organisation's and their teams'), with
/// where each stands.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<GoalStatus>, AppError> {
    let led = if actor.is(Role::Admin) {
        None
    } else {
        Some(actor.led_teams(&app.db).await?)
    };
    let visible: Vec<Goal> = goals::list(&app.db, actor.org)
        .await?
        .into_iter()
        .filter(|g| match (&led, g.team) {
            (None, _) | (_, None) => true,
            (Some(led), Some(team)) => led.contains(&team),
        })
        .collect();
    // Whose values each goal is read over: its team's agents, or every agent for an
    // organisation-wide goal (leads read those as admins do). The values are read once.
    let mut scoped = Vec::with_capacity(visible.len());
    for goal in visible {
        let agents = match goal.team {
            Some(team) => view::agents_in_scope(app, actor, Some(team)).await?,
            None => view::every_agent(app, actor.org).await?,
        };
        scoped.push((goal, agents.into_iter().collect::<HashSet<UserId>>()));
    }
    let mut everyone: Vec<UserId> = scoped.iter().flat_map(|(_, a)| a.iter().copied()).collect();
    everyone.sort_unstable();
    everyone.dedup();
    let metrics = results::metrics(&app.db, actor.org, app.clock.now()).await?;
    let values = if everyone.is_empty() {
        Vec::new()
    } else {
        let filter = ValueFilter {
            users: Some(&everyone),
            ..ValueFilter::between(
                view::window(app).first_monday(),
                app.clock.now().date_naive(),
            )
        };
        results::values(&app.db, actor.org, &filter).await?
    };
    let mut out = Vec::with_capacity(scoped.len());
    for (goal, agents) in scoped {
        let theirs: Vec<Value> = values
            .iter()
            .filter(|v| agents.contains(&v.user))
            .copied()
            .collect();
        let series = view::series(metrics.clone(), &theirs);
        let targets: Vec<TargetStatus> = goal
            .targets
            .iter()
            .map(|t| {
                let latest = latest(&series, t);
                TargetStatus {
                    target: t.clone(),
                    latest,
                    met: latest.is_some_and(|(_, v)| t.comparison.met(v, t.value)),
                }
            })
            .collect();
        let met = targets.iter().all(|t| t.met);
        out.push(GoalStatus { goal, targets, met });
    }
    Ok(out)
}

fn latest(series: &[Series], target: &Target) -> Option<(NaiveDate, f64)> {
    series
        .iter()
        .find(|s| s.metric.def.key == target.metric)
        .and_then(|s| s.points.last())
        .map(|(week, value, _)| (*week, *value))
}
