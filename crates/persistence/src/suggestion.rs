//! Procedure suggestions and their one answer.

use chrono::{DateTime, Utc};
use cinco_domain::suggestion::{Answer, ChangeKind, SuggestionStatus};
use cinco_domain::{OrganisationId, TeamId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::procedure_suggestions as row;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A suggestion as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub id: uuid::Uuid,
    pub author: UserId,
    /// The author's team when they flagged it.
    pub team: Option<TeamId>,
    pub what_happened: String,
    pub rule: String,
    pub competency_key: Option<String>,
    pub decision_key: Option<String>,
    pub proposal: String,
    pub created_at: DateTime<Utc>,
    /// `None` while open.
    pub answer: Option<Answered>,
}

/// An answer and who gave it when.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub answer: Answer,
    pub by: UserId,
    pub at: DateTime<Utc>,
}

impl Suggestion {
    pub fn status(&self) -> SuggestionStatus {
        self.answer
            .as_ref()
            .map_or(SuggestionStatus::Open, |a| a.answer.status())
    }
}

fn to_suggestion(r: row::Model) -> Result<Suggestion, RepoError> {
    let what = "procedure_suggestions";
    let status = SuggestionStatus::parse(&r.status).ok_or_else(|| corrupt(what, "status"))?;
    let answer = match status {
        SuggestionStatus::Open => None,
        answered => {
            let text = r
                .answer_text
                .clone()
                .ok_or_else(|| corrupt(what, "answer_text"))?;
            let answer = if answered == SuggestionStatus::Accepted {
                let change = r
                    .change_kind
                    .as_deref()
                    .and_then(ChangeKind::parse)
                    .ok_or_else(|| corrupt(what, "change_kind"))?;
                Answer::Accepted { change, what: text }
            } else {
                Answer::Declined { reason: text }
            };
            Some(Answered {
                answer,
                by: UserId::from_uuid(r.answered_by.ok_or_else(|| corrupt(what, "answered_by"))?),
                at: r.answered_at.ok_or_else(|| corrupt(what, "answered_at"))?,
            })
        }
    };
    Ok(Suggestion {
        id: r.id,
        author: UserId::from_uuid(r.author_id),
        team: r.team_id.map(TeamId::from_uuid),
        what_happened: r.what_happened,
        rule: r.rule_text,
        competency_key: r.competency_key,
        decision_key: r.decision_key,
        proposal: r.proposal,
        created_at: r.created_at,
        answer,
    })
}

/// Stores a new, open suggestion.
pub async fn insert(
    ex: &impl Executor,
    org: OrganisationId,
    s: &Suggestion,
) -> Result<(), RepoError> {
    row::Entity::insert(row::ActiveModel {
        id: Set(s.id),
        organisation_id: Set(org.as_uuid()),
        author_id: Set(s.author.as_uuid()),
        team_id: Set(s.team.map(|t| t.as_uuid())),
        what_happened: Set(s.what_happened.clone()),
        rule_text: Set(s.rule.clone()),
        competency_key: Set(s.competency_key.clone()),
        decision_key: Set(s.decision_key.clone()),
        proposal: Set(s.proposal.clone()),
        status: Set(SuggestionStatus::Open.as_str().to_owned()),
        change_kind: Set(None),
        answer_text: Set(None),
        answered_by: Set(None),
        answered_at: Set(None),
        created_at: Set(s.created_at),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// The suggestion with that id in the organisation.
pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Suggestion, RepoError> {
    row::Entity::find_by_id(id)
        .filter(row::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_suggestion)
}

/// Which suggestions to list.
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    /// Only this person's.
    pub author: Option<UserId>,
    /// Only those flagged from these teams.
    pub teams: Option<&'a [TeamId]>,
}

/// The organisation's suggestions, oldest first.
pub async fn list(
    ex: &impl Executor,
    org: OrganisationId,
    filter: Filter<'_>,
) -> Result<Vec<Suggestion>, RepoError> {
    let mut q = row::Entity::find().filter(row::Column::OrganisationId.eq(org.as_uuid()));
    if let Some(author) = filter.author {
        q = q.filter(row::Column::AuthorId.eq(author.as_uuid()));
    }
    if let Some(teams) = filter.teams {
        q = q.filter(row::Column::TeamId.is_in(teams.iter().map(|t| t.as_uuid())));
    }
    q.order_by_asc(row::Column::CreatedAt)
        .order_by_asc(row::Column::Id)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_suggestion)
        .collect()
}

/// Records the answer of an open suggestion. Answers are written once: when it is no longer
/// open (someone answered first) nothing changes and this is `RepoError::Conflict`.
pub async fn answer(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    answered: &Answered,
) -> Result<(), RepoError> {
    let change = match &answered.answer {
        Answer::Accepted { change, .. } => Some(change.as_str()),
        Answer::Declined { .. } => None,
    };
    let done = row::Entity::update_many()
        .col_expr(
            row::Column::Status,
            Expr::value(answered.answer.status().as_str()),
        )
        .col_expr(row::Column::ChangeKind, Expr::value(change))
        .col_expr(row::Column::AnswerText, Expr::value(answered.answer.text()))
        .col_expr(row::Column::AnsweredBy, Expr::value(answered.by.as_uuid()))
        .col_expr(row::Column::AnsweredAt, Expr::value(answered.at))
        .filter(row::Column::OrganisationId.eq(org.as_uuid()))
        .filter(row::Column::Id.eq(id))
        .filter(row::Column::Status.eq(SuggestionStatus::Open.as_str()))
        .exec(ex.conn())
        .await?;
    if done.rows_affected == 0 {
        return Err(RepoError::Conflict("procedure_suggestions.answer"));
    }
    Ok(())
}
