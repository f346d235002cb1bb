//! Giving a template to one agent: its steps copied with their due dates; and the team rules
//! that give paths to agents joining a team.

use chrono::{DateTime, Utc};
use cinco_domain::coaching::AssignmentStatus;
use cinco_domain::coaching::{StepKind, StepType};
use cinco_domain::user::User;
use cinco_domain::{OrganisationId, TeamId, UserId};
use cinco_persistence::path::{self, Assignment, NewStep, Template};
use cinco_persistence::{Executor, user};

use crate::AppError;

/// The template's steps for one agent, with due dates: one date for the whole path, or each
/// step's days after the assignment (the end of that local day).
fn new_steps(
    t: &Template,
    agent: &User,
    now: DateTime<Utc>,
    due_on: Option<chrono::NaiveDate>,
) -> Vec<NewStep> {
    let today = agent.time_zone.local_date(now);
    let languages = super::language::every(t);
    t.path
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let due_at = match (due_on, s.due_after_days) {
                (Some(day), _) => Some(agent.time_zone.end_of(day)),
                (None, Some(days)) => Some(
                    agent.time_zone.end_of(
                        today
                            .checked_add_days(chrono::Days::new(u64::from(days)))
                            .unwrap_or(today),
                    ),
                ),
                (None, None) => None,
            };
            let (kind, target_key, pass_percent, instructions) = match &s.kind {
                StepKind::Lesson {
                    lesson,
                    pass_percent,
                } => (
                    StepType::Lesson,
                    Some(lesson.as_str().to_owned()),
                    Some(i32::from(*pass_percent)),
                    None,
                ),
                StepKind::Scenario {
                    scenario,
                    pass_percent,
                } => (
                    StepType::Scenario,
                    Some(scenario.as_str().to_owned()),
                    Some(i32::from(*pass_percent)),
                    None,
                ),
                StepKind::CoachingSession => (StepType::CoachingSession, None, None, None),
                StepKind::PracticeTask { instructions } => (
                    StepType::PracticeTask,
                    None,
                    None,
                    Some(instructions.clone()),
                ),
            };
            NewStep {
                title: s.title.clone(),
                kind,
                target_key,
                pass_percent,
                instructions,
                due_at,
                texts: languages
                    .iter()
                    .filter_map(|(l, w)| Some((*l, w.steps.get(i)?.clone())))
                    .collect(),
            }
        })
        .collect()
}

/// Who gives the path and how.
#[derive(Debug)]
pub struct Giving {
    pub by: UserId,
    pub team: Option<TeamId>,
    pub rule: Option<uuid::Uuid>,
    pub due_on: Option<chrono::NaiveDate>,
    pub now: DateTime<Utc>,
    /// Given because the agent joined the team (the history says so).
    pub joined: bool,
}

/// Gives the template to an agent unless they have it active already.
pub async fn give(
    ex: &impl Executor,
    org: OrganisationId,
    t: &Template,
    agent: &User,
    how: &Giving,
) -> Result<Option<Assignment>, AppError> {
    if path::has_active(ex, org, agent.id, t.id).await? {
        return Ok(None);
    }
    let a = Assignment {
        id: uuid::Uuid::now_v7(),
        user_id: agent.id,
        title: t.path.title.clone(),
        template_id: Some(t.id),
        team_id: how.team,
        team_rule_id: how.rule,
        session_id: None,
        assigned_by: how.by,
        assigned_at: how.now,
        status: AssignmentStatus::Active,
        closed_at: None,
        steps: Vec::new(),
        texts: super::language::every(t)
            .into_iter()
            .map(|(l, w)| (l, w.title))
            .collect(),
    };
    let detail = if how.joined { "team_rule" } else { "" };
    path::insert_assignment(
        ex,
        org,
        &a,
        &new_steps(t, agent, how.now, how.due_on),
        detail,
    )
    .await?;
    Ok(Some(path::assignment(ex, org, a.id).await?))
}

/// An agent joined a team: the team's rules give them their paths.
pub async fn joined_team(
    ex: &impl Executor,
    org: OrganisationId,
    team: TeamId,
    agent: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let rules = path::rules(ex, org, Some(team)).await?;
    if rules.is_empty() {
        return Ok(());
    }
    let agent = user::get(ex, org, agent).await?;
    for rule in rules {
        let t = path::template(ex, org, rule.template_id).await?;
        if t.archived {
            continue;
        }
        let how = Giving {
            by: rule.created_by,
            team: Some(team),
            rule: Some(rule.id),
            due_on: None,
            now,
            joined: true,
        };
        give(ex, org, &t, &agent, &how).await?;
    }
    Ok(())
}
