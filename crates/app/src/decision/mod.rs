//! Decisions on real contacts: an agent logs what they decided for a customer (`log`), a
//! lead answers one above the agent's limit (`answer`), leads and peers recognise it
//! (`recognise`), a lead who would have done otherwise talks about it in a private coaching
//! session (`coach`) — never marks it wrong —, and what people see of them (`read`,
//! `report`).

pub mod answer;
pub mod coach;
pub mod log;
pub mod read;
pub mod recognise;
pub mod report;

use cinco_domain::team::Membership;
use cinco_domain::user::User;
use cinco_domain::{OrganisationId, Role, TeamId, UserId};
use cinco_persistence::decision::Decision;
use cinco_persistence::user::{self, UserFilter};
use cinco_persistence::{Executor, team};

use crate::mail::coaching::Line;
use crate::{Actor, AppError};

/// Who answers a decision `agent` logged in `team`: its leads; when it has none other than
/// the agent (or the agent has no team), the organisation's admins. Never the agent.
pub(crate) async fn approvers(
    ex: &impl Executor,
    org: OrganisationId,
    team: Option<TeamId>,
    agent: UserId,
) -> Result<Vec<User>, AppError> {
    if let Some(team) = team {
        let leads = team::get(ex, org, team).await?.leads;
        let mut out = Vec::new();
        for lead in leads.into_iter().filter(|l| *l != agent) {
            let u = user::get(ex, org, lead).await?;
            if u.active {
                out.push(u);
            }
        }
        if !out.is_empty() {
            return Ok(out);
        }
    }
    let filter = UserFilter {
        role: Some(Role::Admin),
        active: Some(true),
        ..UserFilter::default()
    };
    Ok(user::list(ex, org, &filter, 1_000, 0)
        .await?
        .0
        .into_iter()
        .filter(|u| u.id != agent)
        .collect())
}

/// How `actor` stands to a decision's team.
pub(crate) async fn membership(
    ex: &impl Executor,
    actor: &Actor,
    team: Option<TeamId>,
) -> Result<Option<Membership>, AppError> {
    let Some(team) = team else { return Ok(None) };
    Ok(team::memberships_of(ex, actor.org, actor.user)
        .await?
        .into_iter()
        .filter(|(id, _)| *id == team)
        .map(|(_, m)| m)
        .max_by_key(|m| matches!(m, Membership::Lead)))
}

/// Whether `actor` may answer `d`: an admin, or a lead of its team — or, when the team has
/// no lead, only admins. Nobody answers their own.
pub(crate) async fn may_answer(
    ex: &impl Executor,
    actor: &Actor,
    d: &Decision,
) -> Result<bool, AppError> {
    if d.agent_id == actor.user {
        return Ok(false);
    }
    if actor.is(Role::Admin) {
        return Ok(true);
    }
    Ok(actor.is(Role::Lead) && membership(ex, actor, d.team_id).await? == Some(Membership::Lead))
}

/// Whether `actor` may share `d` as a good practice or turn it into a scenario draft:
/// trainers and admins, and a lead of its team.
pub(crate) async fn may_share(
    ex: &impl Executor,
    actor: &Actor,
    d: &Decision,
) -> Result<bool, AppError> {
    if actor.is(Role::Admin) || actor.is(Role::Trainer) {
        return Ok(true);
    }
    Ok(actor.is(Role::Lead) && membership(ex, actor, d.team_id).await? == Some(Membership::Lead))
}

/// A decision `actor` may see: their own, their team's (as lead or peer), or any for admins.
/// Anything else is not found.
pub(crate) async fn visible(
    ex: &impl Executor,
    actor: &Actor,
    id: uuid::Uuid,
) -> Result<Decision, AppError> {
    let d = cinco_persistence::decision::get(ex, actor.org, id).await?;
    if sees(ex, actor, &d).await? {
        Ok(d)
    } else {
        Err(AppError::NotFound)
    }
}

async fn sees(ex: &impl Executor, actor: &Actor, d: &Decision) -> Result<bool, AppError> {
    Ok(d.agent_id == actor.user
        || actor.is(Role::Admin)
        || membership(ex, actor, d.team_id).await?.is_some())
}

/// A decision story `actor` may read, share or turn into a role-play: one they may see, and
/// for trainers (who look for stories in every team) any decision that stood — only to
/// read: answering and recognising stay with the team and the admins.
pub(crate) async fn story(
    ex: &impl Executor,
    actor: &Actor,
    id: uuid::Uuid,
) -> Result<Decision, AppError> {
    let d = cinco_persistence::decision::get(ex, actor.org, id).await?;
    if sees(ex, actor, &d).await?
        || (actor.is(Role::Trainer) && cinco_domain::good_practice::promotable(d.status))
    {
        Ok(d)
    } else {
        Err(AppError::NotFound)
    }
}

/// A decision as one line of a mail: its type in the reader's language, the amount and the
/// agent.
pub(crate) async fn mail_line(
    ex: &impl Executor,
    org: OrganisationId,
    d: &Decision,
    reader: &User,
    extra: Option<&str>,
) -> Result<Line, AppError> {
    let types = cinco_persistence::authority::list(ex, org).await?;
    let currency = cinco_persistence::authority::currency(ex, org).await?;
    let name = types.iter().find(|t| t.key == d.key).map_or_else(
        || d.key.as_str().to_owned(),
        |t| t.name.get(reader.locale, reader.locale).to_owned(),
    );
    let agent = user::get(ex, org, d.agent_id).await?;
    let mut text = format!("{name} — {}", agent.display_name.as_str());
    if let Some(cents) = d.amount {
        text.push_str(&format!(" — {}.{:02} {currency}", cents / 100, cents % 100));
    }
    if let Some(extra) = extra {
        text.push_str(&format!(": {extra}"));
    }
    Ok(Line {
        text,
        when: reader.time_zone.local_date(d.decided_at).to_string(),
    })
}
