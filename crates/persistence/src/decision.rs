//! Decisions on real contacts and the recognitions they receive. Every call takes the
//! organisation id.

use chrono::{DateTime, Utc};
use cinco_domain::decision::{Csat, DecisionStatus};
use cinco_domain::lesson::Key;
use cinco_domain::{OrganisationId, TeamId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{decision_recognitions, decisions};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A decision as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: uuid::Uuid,
    pub agent_id: UserId,
    /// The agent's team when they logged it.
    pub team_id: Option<TeamId>,
    /// The decision type of the authority limits.
    pub key: Key,
    /// Cents granted; `None` for a type without an amount.
    pub amount: Option<i64>,
    /// The agent's limit for the type when they logged it (`None`: none).
    pub limit: Option<i64>,
    pub customer_need: String,
    pub action_taken: String,
    pub resolved_first_contact: bool,
    pub csat: Option<Csat>,
    pub contact_reference: Option<String>,
    pub status: DecisionStatus,
    pub decided_at: DateTime<Utc>,
    pub answered_by: Option<UserId>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer_reason: Option<String>,
    /// The coaching session a lead opened to talk about it.
    pub coaching_session_id: Option<uuid::Uuid>,
}

/// A recognition of a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognition {
    pub id: uuid::Uuid,
    pub decision_id: uuid::Uuid,
    pub by: UserId,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

fn to_decision(row: decisions::Model) -> Result<Decision, RepoError> {
    Ok(Decision {
        id: row.id,
        agent_id: UserId::from_uuid(row.agent_id),
        team_id: row.team_id.map(TeamId::from_uuid),
        key: Key::parse(&row.decision_key).ok_or_else(|| corrupt("decisions", "decision_key"))?,
        amount: row.amount_cents,
        limit: row.limit_cents,
        customer_need: row.customer_need,
        action_taken: row.action_taken,
        resolved_first_contact: row.resolved_first_contact,
        csat: match row.csat {
            Some(v) => Some(Csat::parse(i64::from(v)).ok_or_else(|| corrupt("decisions", "csat"))?),
            None => None,
        },
        contact_reference: row.contact_reference,
        status: DecisionStatus::parse(&row.status).ok_or_else(|| corrupt("decisions", "status"))?,
        decided_at: row.decided_at,
        answered_by: row.answered_by.map(UserId::from_uuid),
        answered_at: row.answered_at,
        answer_reason: row.answer_reason,
        coaching_session_id: row.coaching_session_id,
    })
}

/// Stores a new decision.
pub async fn insert(
    ex: &impl Executor,
    org: OrganisationId,
    d: &Decision,
) -> Result<(), RepoError> {
    decisions::Entity::insert(decisions::ActiveModel {
        id: Set(d.id),
        organisation_id: Set(org.as_uuid()),
        agent_id: Set(d.agent_id.as_uuid()),
        team_id: Set(d.team_id.map(|t| t.as_uuid())),
        decision_key: Set(d.key.as_str().to_owned()),
        amount_cents: Set(d.amount),
        limit_cents: Set(d.limit),
        customer_need: Set(d.customer_need.clone()),
        action_taken: Set(d.action_taken.clone()),
        resolved_first_contact: Set(d.resolved_first_contact),
        csat: Set(d.csat.map(|c| i16::from(c.get()))),
        contact_reference: Set(d.contact_reference.clone()),
        status: Set(d.status.as_str().to_owned()),
        decided_at: Set(d.decided_at),
        answered_by: Set(d.answered_by.map(|u| u.as_uuid())),
        answered_at: Set(d.answered_at),
        answer_reason: Set(d.answer_reason.clone()),
        coaching_session_id: Set(d.coaching_session_id),
    })
    .exec_without_returning(ex.conn())
    .await
    .map_err(RepoError::on_unique("decisions.id"))?;
    Ok(())
}

/// One decision; another organisation's is not found.
pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Decision, RepoError> {
    let row = decisions::Entity::find_by_id(id)
        .filter(decisions::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    to_decision(row)
}

/// Which decisions to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecisionFilter<'a> {
    /// One agent's.
    pub agent: Option<UserId>,
    /// Logged in these teams (`None`: any, or none).
    pub teams: Option<&'a [TeamId]>,
    pub status: Option<DecisionStatus>,
    /// Decided in `from..to`.
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// The decisions `filter` names, newest first.
pub async fn list(
    ex: &impl Executor,
    org: OrganisationId,
    filter: &DecisionFilter<'_>,
) -> Result<Vec<Decision>, RepoError> {
    let mut q =
        decisions::Entity::find().filter(decisions::Column::OrganisationId.eq(org.as_uuid()));
    if let Some(agent) = filter.agent {
        q = q.filter(decisions::Column::AgentId.eq(agent.as_uuid()));
    }
    if let Some(teams) = filter.teams {
        q = q.filter(decisions::Column::TeamId.is_in(teams.iter().map(|t| t.as_uuid())));
    }
    if let Some(status) = filter.status {
        q = q.filter(decisions::Column::Status.eq(status.as_str()));
    }
    if let Some(from) = filter.from {
        q = q.filter(decisions::Column::DecidedAt.gte(from));
    }
    if let Some(to) = filter.to {
        q = q.filter(decisions::Column::DecidedAt.lt(to));
    }
    q.order_by_desc(decisions::Column::DecidedAt)
        .order_by_desc(decisions::Column::Id)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_decision)
        .collect()
}

/// Records a lead's answer to a decision awaiting approval. `false` when it was no longer
/// awaiting (someone answered first).
pub async fn answer(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    status: DecisionStatus,
    by: UserId,
    at: DateTime<Utc>,
    reason: Option<&str>,
) -> Result<bool, RepoError> {
    let done = decisions::Entity::update_many()
        .col_expr(decisions::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            decisions::Column::AnsweredBy,
            Expr::value(Some(by.as_uuid())),
        )
        .col_expr(decisions::Column::AnsweredAt, Expr::value(Some(at)))
        .col_expr(
            decisions::Column::AnswerReason,
            Expr::value(reason.map(str::to_owned)),
        )
        .filter(decisions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(decisions::Column::Id.eq(id))
        .filter(decisions::Column::Status.eq(DecisionStatus::AwaitingApproval.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected == 1)
}

/// Links the coaching session opened about a decision; `false` when one already was.
pub async fn set_coaching_session(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    session: uuid::Uuid,
) -> Result<bool, RepoError> {
    let done = decisions::Entity::update_many()
        .col_expr(
            decisions::Column::CoachingSessionId,
            Expr::value(Some(session)),
        )
        .filter(decisions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(decisions::Column::Id.eq(id))
        .filter(decisions::Column::CoachingSessionId.is_null())
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected == 1)
}

/// Stores a recognition; a second one by the same person is
/// `Conflict("decision_recognitions.by")`.
pub async fn recognise(
    ex: &impl Executor,
    org: OrganisationId,
    r: &Recognition,
) -> Result<(), RepoError> {
    decision_recognitions::Entity::insert(decision_recognitions::ActiveModel {
        id: Set(r.id),
        organisation_id: Set(org.as_uuid()),
        decision_id: Set(r.decision_id),
        by_user_id: Set(r.by.as_uuid()),
        note: Set(r.note.clone()),
        created_at: Set(r.created_at),
    })
    .exec_without_returning(ex.conn())
    .await
    .map_err(RepoError::on_unique("decision_recognitions.by"))?;
    Ok(())
}

fn to_recognition(row: decision_recognitions::Model) -> Recognition {
    Recognition {
        id: row.id,
        decision_id: row.decision_id,
        by: UserId::from_uuid(row.by_user_id),
        note: row.note,
        created_at: row.created_at,
    }
}

/// The recognitions of these decisions, oldest first (chunked, so any number of ids works).
pub async fn recognitions(
    ex: &impl Executor,
    org: OrganisationId,
    decisions: &[uuid::Uuid],
) -> Result<Vec<Recognition>, RepoError> {
    let mut out = Vec::new();
    for chunk in decisions.chunks(500) {
        let rows = decision_recognitions::Entity::find()
            .filter(decision_recognitions::Column::OrganisationId.eq(org.as_uuid()))
            .filter(decision_recognitions::Column::DecisionId.is_in(chunk.iter().copied()))
            .order_by_asc(decision_recognitions::Column::CreatedAt)
            .all(ex.conn())
            .await?;
        out.extend(rows.into_iter().map(to_recognition));
    }
    Ok(out)
}

/// Every recognition given since `since`, by anyone (who gave it is the point).
pub async fn recognitions_since(
    ex: &impl Executor,
    org: OrganisationId,
    since: DateTime<Utc>,
) -> Result<Vec<Recognition>, RepoError> {
    Ok(decision_recognitions::Entity::find()
        .filter(decision_recognitions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(decision_recognitions::Column::CreatedAt.gte(since))
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_recognition)
        .collect())
}
