//! Coaching sessions (with their scorecard ratings); scorecard templates; each organisation's
//! coaching settings and the log that keeps coaching mails to one per person and period.

mod scorecard_templates;
mod settings;

pub use scorecard_templates::{
    Scorecard, ScorecardItem, insert_scorecard, lock_scorecard, scorecard, scorecards,
    set_scorecard_translation,
};
pub use settings::{
    Settings, claim_mail, last_mail, loop_settings, set_loop_settings, set_settings, settings,
};

use chrono::{DateTime, Utc};
use cinco_domain::coaching::{Observation, SessionStatus};
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::entities::{coaching_ratings, coaching_sessions, evidence};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// One scorecard line as rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub competency_key: String,
    pub indicator: String,
    /// 1…4; `None` is N/A.
    pub rating: Option<i32>,
    pub note: Option<String>,
    /// The indicator in every language its scorecard had (empty: only `indicator`'s).
    pub texts: std::collections::BTreeMap<cinco_domain::Locale, String>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: uuid::Uuid,
    pub agent_id: UserId,
    pub lead_id: UserId,
    pub status: SessionStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub held_at: Option<DateTime<Utc>>,
    pub observation: Option<Observation>,
    pub call_reference: Option<String>,
    pub scorecard_id: Option<uuid::Uuid>,
    pub notes: Option<String>,
    pub actions_assignment_id: Option<uuid::Uuid>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub agent_comment: Option<String>,
    pub disputed: bool,
    pub created_at: DateTime<Utc>,
}

fn to_session(r: coaching_sessions::Model) -> Result<Session, RepoError> {
    Ok(Session {
        id: r.id,
        agent_id: UserId::from_uuid(r.agent_id),
        lead_id: UserId::from_uuid(r.lead_id),
        status: SessionStatus::parse(&r.status)
            .ok_or_else(|| corrupt("coaching_sessions", "status"))?,
        scheduled_at: r.scheduled_at,
        held_at: r.held_at,
        observation: r
            .observation
            .map(|o| {
                Observation::parse(&o).ok_or_else(|| corrupt("coaching_sessions", "observation"))
            })
            .transpose()?,
        call_reference: r.call_reference,
        scorecard_id: r.scorecard_id,
        notes: r.notes,
        actions_assignment_id: r.actions_assignment_id,
        acknowledged_at: r.acknowledged_at,
        agent_comment: r.agent_comment,
        disputed: r.disputed,
        created_at: r.created_at,
    })
}

pub async fn insert_session(
    ex: &impl Executor,
    org: OrganisationId,
    s: &Session,
) -> Result<(), RepoError> {
    coaching_sessions::Entity::insert(coaching_sessions::ActiveModel {
        id: Set(s.id),
        organisation_id: Set(org.as_uuid()),
        agent_id: Set(s.agent_id.as_uuid()),
        lead_id: Set(s.lead_id.as_uuid()),
        status: Set(s.status.as_str().to_owned()),
        scheduled_at: Set(s.scheduled_at),
        held_at: Set(s.held_at),
        observation: Set(s.observation.map(|o| o.as_str().to_owned())),
        call_reference: Set(s.call_reference.clone()),
        scorecard_id: Set(s.scorecard_id),
        notes: Set(s.notes.clone()),
        actions_assignment_id: Set(s.actions_assignment_id),
        acknowledged_at: Set(None),
        agent_comment: Set(None),
        disputed: Set(false),
        created_at: Set(s.created_at),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

pub async fn session(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Session, RepoError> {
    coaching_sessions::Entity::find_by_id(id)
        .filter(coaching_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .map(to_session)
        .ok_or(RepoError::NotFound)?
}

/// Sessions of the given agents (`None`: all), newest first.
pub async fn sessions(
    ex: &impl Executor,
    org: OrganisationId,
    agents: Option<&[UserId]>,
) -> Result<Vec<Session>, RepoError> {
    let base = coaching_sessions::Entity::find()
        .filter(coaching_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_desc(coaching_sessions::Column::CreatedAt);
    let Some(agents) = agents else {
        return base
            .all(ex.conn())
            .await?
            .into_iter()
            .map(to_session)
            .collect();
    };
    let mut out = Vec::new();
    for chunk in agents.chunks(500) {
        for r in base
            .clone()
            .filter(coaching_sessions::Column::AgentId.is_in(chunk.iter().map(|u| u.as_uuid())))
            .all(ex.conn())
            .await?
        {
            out.push(to_session(r)?);
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.created_at));
    Ok(out)
}

/// What recording a session stores.
#[derive(Debug, Clone)]
pub struct Recording {
    pub held_at: DateTime<Utc>,
    pub observation: Observation,
    pub call_reference: Option<String>,
    pub notes: Option<String>,
    pub ratings: Vec<Rating>,
    pub actions_assignment_id: Option<uuid::Uuid>,
}

/// Records a scheduled session with its ratings, and each rating (not N/A) as proficiency
/// evidence; false when it was not scheduled any more (recorded or cancelled already).
pub async fn record(
    ex: &impl Executor,
    org: OrganisationId,
    s: &Session,
    rec: &Recording,
) -> Result<bool, RepoError> {
    let done = coaching_sessions::Entity::update_many()
        .col_expr(
            coaching_sessions::Column::Status,
            Expr::value(SessionStatus::Recorded.as_str()),
        )
        .col_expr(coaching_sessions::Column::HeldAt, Expr::value(rec.held_at))
        .col_expr(
            coaching_sessions::Column::Observation,
            Expr::value(rec.observation.as_str()),
        )
        .col_expr(
            coaching_sessions::Column::CallReference,
            Expr::value(rec.call_reference.clone()),
        )
        .col_expr(
            coaching_sessions::Column::Notes,
            Expr::value(rec.notes.clone()),
        )
        .col_expr(
            coaching_sessions::Column::ActionsAssignmentId,
            Expr::value(rec.actions_assignment_id),
        )
        .filter(coaching_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(coaching_sessions::Column::Id.eq(s.id))
        .filter(coaching_sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .exec(ex.conn())
        .await?;
    if done.rows_affected == 0 {
        return Ok(false);
    }
    for (i, r) in rec.ratings.iter().enumerate() {
        let id = uuid::Uuid::now_v7();
        coaching_ratings::Entity::insert(coaching_ratings::ActiveModel {
            id: Set(id),
            organisation_id: Set(org.as_uuid()),
            session_id: Set(s.id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            competency_key: Set(r.competency_key.clone()),
            indicator: Set(r.indicator.clone()),
            rating: Set(r.rating),
            note: Set(r.note.clone()),
            texts: Set(crate::words::texts_to(&r.texts)),
        })
        .exec_without_returning(ex.conn())
        .await?;
        if let Some(rating) = r.rating {
            evidence::Entity::insert(evidence::ActiveModel {
                id: Set(uuid::Uuid::now_v7()),
                organisation_id: Set(org.as_uuid()),
                user_id: Set(s.agent_id.as_uuid()),
                competency_key: Set(r.competency_key.clone()),
                source: Set("coaching_rating".to_owned()),
                source_id: Set(id),
                value: Set(f64::from(rating)),
                created_at: Set(rec.held_at),
            })
            .exec_without_returning(ex.conn())
            .await?;
        }
    }
    crate::user::touch_learning(ex, org, s.agent_id).await?;
    Ok(true)
}

/// Cancels a scheduled session; false when it was not scheduled.
pub async fn cancel(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<bool, RepoError> {
    let done = coaching_sessions::Entity::update_many()
        .col_expr(
            coaching_sessions::Column::Status,
            Expr::value(SessionStatus::Cancelled.as_str()),
        )
        .filter(coaching_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(coaching_sessions::Column::Id.eq(id))
        .filter(coaching_sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected > 0)
}

/// The agent's acknowledgement; false when the session was acknowledged already.
pub async fn acknowledge(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    at: DateTime<Utc>,
    comment: Option<String>,
    disputed: bool,
) -> Result<bool, RepoError> {
    let done = coaching_sessions::Entity::update_many()
        .col_expr(coaching_sessions::Column::AcknowledgedAt, Expr::value(at))
        .col_expr(
            coaching_sessions::Column::AgentComment,
            Expr::value(comment),
        )
        .col_expr(coaching_sessions::Column::Disputed, Expr::value(disputed))
        .filter(coaching_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(coaching_sessions::Column::Id.eq(id))
        .filter(coaching_sessions::Column::AcknowledgedAt.is_null())
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected > 0)
}

/// A session's ratings, in scorecard order.
pub async fn ratings(
    ex: &impl Executor,
    org: OrganisationId,
    session: uuid::Uuid,
) -> Result<Vec<Rating>, RepoError> {
    Ok(coaching_ratings::Entity::find()
        .filter(coaching_ratings::Column::OrganisationId.eq(org.as_uuid()))
        .filter(coaching_ratings::Column::SessionId.eq(session))
        .order_by_asc(coaching_ratings::Column::Position)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|r| Rating {
            competency_key: r.competency_key,
            indicator: r.indicator,
            rating: r.rating,
            note: r.note,
            texts: crate::words::texts_from(r.texts.as_deref()),
        })
        .collect())
}
