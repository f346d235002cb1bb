//! A lead gives a path template to agents, or to a team (optionally to its later joiners too).

use chrono::NaiveDate;
use cinco_domain::{TeamId, UserId};
use cinco_persistence::path::{self, Assignment, TeamRule};

use super::give::{Giving, give};
use super::scope::{coachable_agent, visible_team};
use crate::{Actor, App, AppError};

/// Whom to give a template to.
#[derive(Debug)]
pub struct Assign {
    pub template_id: uuid::Uuid,
    pub team_id: Option<TeamId>,
    pub agent_ids: Vec<UserId>,
    /// Give the team's later joiners the path too (one rule per team and template).
    pub include_later_joiners: bool,
    /// One due date for the whole path, instead of each step's days.
    pub due_on: Option<NaiveDate>,
}

/// What assigning did: the new assignments, and how many agents had the path active already.
#[derive(Debug)]
pub struct Assigned {
    pub created: Vec<Assignment>,
    pub skipped: usize,
}

/// Gives the template to the team's agents and the named ones, all within `actor`'s scope.
pub async fn assign(app: &App, actor: &Actor, cmd: Assign) -> Result<Assigned, AppError> {
    let t = path::template(&app.db, actor.org, cmd.template_id).await?;
    if t.archived {
        return Err(AppError::field(
            "template_id",
            "template_archived",
            "this template is archived",
        ));
    }
    let team = match cmd.team_id {
        Some(id) => Some(visible_team(&app.db, actor, id).await?),
        None => None,
    };
    let mut agents: Vec<UserId> = team.as_ref().map(|t| t.agents.clone()).unwrap_or_default();
    for id in cmd.agent_ids {
        if !agents.contains(&id) {
            agents.push(id);
        }
    }
    if agents.is_empty() && !(team.is_some() && cmd.include_later_joiners) {
        return Err(AppError::field(
            "agent_ids",
            "no_agents",
            "choose a team with agents, or agents",
        ));
    }
    let mut people = Vec::with_capacity(agents.len());
    for id in agents {
        people.push(coachable_agent(&app.db, actor, id).await?);
    }
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    let team_id = team.as_ref().map(|t| t.team.id);
    let rule = match team_id {
        Some(team) if cmd.include_later_joiners => {
            let existing = path::rules(&tx, actor.org, Some(team))
                .await?
                .into_iter()
                .find(|r| r.template_id == t.id);
            if let Some(rule) = existing {
                // One rule per team and path: assigning again does not add a second.
                Some(rule.id)
            } else {
                let rule = TeamRule {
                    id: uuid::Uuid::now_v7(),
                    team_id: team,
                    template_id: t.id,
                    created_by: actor.user,
                    created_at: now,
                };
                path::insert_rule(&tx, actor.org, &rule).await?;
                Some(rule.id)
            }
        }
        _ => None,
    };
    let mut created = Vec::new();
    let mut skipped = 0;
    for agent in &people {
        let in_team = team.as_ref().is_some_and(|t| t.agents.contains(&agent.id));
        let how = Giving {
            by: actor.user,
            team: if in_team { team_id } else { None },
            rule: if in_team { rule } else { None },
            due_on: cmd.due_on,
            now,
            joined: false,
        };
        match give(&tx, actor.org, &t, agent, &how).await? {
            Some(a) => created.push(a),
            None => skipped += 1,
        }
    }
    tx.commit().await?;
    Ok(Assigned { created, skipped })
}
