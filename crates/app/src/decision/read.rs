//! What people see of decisions: an agent their own, a lead the approvals waiting for them,
//! a team its feed, anyone one decision they may see — each with its recognitions.

use std::collections::HashMap;

use chrono::Days;
use cinco_domain::decision::DecisionStatus;
use cinco_domain::good_practice::promotable;
use cinco_domain::{Role, TeamId};
use cinco_persistence::decision::{self, Decision, DecisionFilter, Recognition};
use cinco_persistence::{good_practice, team};

use crate::{Actor, App, AppError};

/// A decision with the recognitions it received, oldest first.
#[derive(Debug, Clone)]
pub struct Recognised {
    pub decision: Decision,
    pub recognitions: Vec<Recognition>,
    /// Whether the reader may answer it (a lead of its team, or an admin).
    pub answerable: bool,
    /// Whether the reader may share it as a good practice and turn it into a scenario
    /// draft (trainers, admins, a lead of its team), when it stood.
    pub shareable: bool,
    /// Whether the reader may recognise it: someone else's, in a team they belong to (or any
    /// for admins). Trainers read every team's stories but recognise only in their own teams.
    pub recognisable: bool,
    /// The good practice it became, if it was shared.
    pub good_practice: Option<uuid::Uuid>,
}

/// How far back a team's feed looks.
pub const FEED_DAYS: u64 = 90;

async fn with_recognitions(
    app: &App,
    actor: &Actor,
    decisions: Vec<Decision>,
) -> Result<Vec<Recognised>, AppError> {
    let ids: Vec<uuid::Uuid> = decisions.iter().map(|d| d.id).collect();
    let mut by_decision: HashMap<uuid::Uuid, Vec<Recognition>> = HashMap::new();
    for r in decision::recognitions(&app.db, actor.org, &ids).await? {
        by_decision.entry(r.decision_id).or_default().push(r);
    }
    let shared: HashMap<uuid::Uuid, uuid::Uuid> =
        good_practice::of_decisions(&app.db, actor.org, &ids)
            .await?
            .into_iter()
            .collect();
    let led = actor.led_teams(&app.db).await?;
    let leads = |d: &Decision| d.team_id.is_some_and(|t| led.contains(&t));
    let member_of: Vec<TeamId> = team::memberships_of(&app.db, actor.org, actor.user)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let member = |d: &Decision| d.team_id.is_some_and(|t| member_of.contains(&t));
    let org_wide = actor.is(Role::Admin) || actor.is(Role::Trainer);
    Ok(decisions
        .into_iter()
        .map(|d| Recognised {
            recognitions: by_decision.remove(&d.id).unwrap_or_default(),
            answerable: d.agent_id != actor.user && (actor.is(Role::Admin) || leads(&d)),
            shareable: promotable(d.status) && (org_wide || leads(&d)),
            recognisable: d.agent_id != actor.user && (actor.is(Role::Admin) || member(&d)),
            good_practice: shared.get(&d.id).copied(),
            decision: d,
        })
        .collect())
}

/// The actor's own decisions, newest first.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<Recognised>, AppError> {
    let filter = DecisionFilter {
        agent: Some(actor.user),
        ..DecisionFilter::default()
    };
    let list = decision::list(&app.db, actor.org, &filter).await?;
    with_recognitions(app, actor, list).await
}

/// Decisions waiting for the actor's answer: of the teams they lead, or every one for
/// admins; oldest first, so the longest wait is on top.
pub async fn approvals(app: &App, actor: &Actor) -> Result<Vec<Recognised>, AppError> {
    let led = actor.led_teams(&app.db).await?;
    let filter = DecisionFilter {
        status: Some(DecisionStatus::AwaitingApproval),
        teams: (!actor.is(Role::Admin)).then_some(led.as_slice()),
        ..DecisionFilter::default()
    };
    let mut list: Vec<Decision> = decision::list(&app.db, actor.org, &filter)
        .await?
        .into_iter()
        .filter(|d| d.agent_id != actor.user)
        .collect();
    list.reverse();
    with_recognitions(app, actor, list).await
}

/// A team's feed over the last [`FEED_DAYS`] days: its empowered and approved decisions
/// (only the recognised ones when `recognised_only`), newest first. `team` must be one the
/// actor belongs to (any for admins and trainers); without it, the actor's teams (every team
/// for admins and trainers, who look for stories to share).
pub async fn feed(
    app: &App,
    actor: &Actor,
    team: Option<TeamId>,
    recognised_only: bool,
) -> Result<Vec<Recognised>, AppError> {
    let mine: Vec<TeamId> = team::memberships_of(&app.db, actor.org, actor.user)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let teams: Option<Vec<TeamId>> = match team {
        Some(t) if actor.is(Role::Admin) || actor.is(Role::Trainer) => {
            team::get(&app.db, actor.org, t).await?;
            Some(vec![t])
        }
        Some(t) if mine.contains(&t) => Some(vec![t]),
        Some(_) => return Err(AppError::NotFound),
        None if actor.is(Role::Admin) || actor.is(Role::Trainer) => None,
        None => Some(mine),
    };
    let since = app
        .clock
        .now()
        .checked_sub_days(Days::new(FEED_DAYS))
        .unwrap_or_else(|| app.clock.now());
    let filter = DecisionFilter {
        teams: teams.as_deref(),
        from: Some(since),
        ..DecisionFilter::default()
    };
    let list: Vec<Decision> = decision::list(&app.db, actor.org, &filter)
        .await?
        .into_iter()
        .filter(|d| {
            matches!(
                d.status,
                DecisionStatus::Empowered | DecisionStatus::Approved
            )
        })
        .collect();
    let all = with_recognitions(app, actor, list).await?;
    Ok(if recognised_only {
        all.into_iter()
            .filter(|r| !r.recognitions.is_empty())
            .collect()
    } else {
        all
    })
}

/// One decision the actor may see (trainers: a story that stood).
pub async fn get(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<Recognised, AppError> {
    let d = super::story(&app.db, actor, id).await?;
    let mut one = with_recognitions(app, actor, vec![d]).await?;
    one.pop().ok_or(AppError::NotFound)
}
