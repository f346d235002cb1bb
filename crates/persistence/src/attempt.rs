//! Lesson attempts and answers, identified by ids the client generates, so a submission that
//! is retried or replayed (offline sync) is accepted exactly once. Every graded answer adds
//! evidence for the lesson's competencies.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::Response;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TryInsertResult,
};
use serde::Serialize;

use crate::RepoError;
use crate::entities::{evidence, lesson_answers, lesson_attempts};
use crate::executor::Executor;

#[derive(Debug, Clone)]
pub struct Attempt {
    pub id: uuid::Uuid,
    pub user_id: UserId,
    pub lesson_version_id: uuid::Uuid,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub id: uuid::Uuid,
    pub card: i32,
    /// The response as given, JSON.
    pub response: String,
    pub correct: bool,
}

/// Starts an attempt with the client's id; returns it and whether it is new. An id already
/// used by someone else is `Conflict("lesson_attempts.id")`.
pub async fn start(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    id: uuid::Uuid,
    version: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(Attempt, bool), RepoError> {
    if let Some(existing) = find(ex, org, id).await? {
        if existing.user_id != user || existing.lesson_version_id != version {
            return Err(RepoError::Conflict("lesson_attempts.id"));
        }
        return Ok((existing, false));
    }
    let row = lesson_attempts::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        user_id: Set(user.as_uuid()),
        lesson_version_id: Set(version),
        started_at: Set(now),
        completed_at: Set(None),
    };
    lesson_attempts::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("lesson_attempts.id"))?;
    let created = find(ex, org, id).await?.ok_or(RepoError::NotFound)?;
    Ok((created, true))
}

/// The attempt, if it exists in the organisation.
pub async fn find(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Option<Attempt>, RepoError> {
    Ok(lesson_attempts::Entity::find_by_id(id)
        .filter(lesson_attempts::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .map(|r| Attempt {
            id: r.id,
            user_id: UserId::from_uuid(r.user_id),
            lesson_version_id: r.lesson_version_id,
            started_at: r.started_at,
            completed_at: r.completed_at,
        }))
}

/// What recording an answer led to.
#[derive(Debug, Clone)]
pub enum Recorded {
    /// Stored now.
    New(Answer),
    /// This card of this attempt was already answered (same id replayed, or another id): the
    /// first answer stands.
    Existing(Answer),
}

/// A response as stored: the JSON the API takes (`{"choices":[0,2]}`, `{"true_false":true}`,
/// `{"order":[2,0,1]}`).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum StoredResponse<'a> {
    Choices(&'a [usize]),
    TrueFalse(bool),
    Order(&'a [usize]),
}

/// The stored form of a response.
pub fn response_json(response: &Response) -> String {
    let stored = match response {
        Response::Choices(c) => StoredResponse::Choices(c),
        Response::TrueFalse(b) => StoredResponse::TrueFalse(*b),
        Response::Order(o) => StoredResponse::Order(o),
    };
    // Serialising slices and booleans cannot fail.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Records a graded answer given at `at` and its evidence, once per card of an attempt.
#[allow(clippy::too_many_arguments)]
pub async fn record_answer(
    ex: &impl Executor,
    org: OrganisationId,
    attempt: &Attempt,
    id: uuid::Uuid,
    card: i32,
    response: &Response,
    correct: bool,
    duration_ms: Option<i32>,
    competencies: &[String],
    at: DateTime<Utc>,
) -> Result<Recorded, RepoError> {
    if let Some(existing) = answer_for_card(ex, attempt.id, card).await? {
        return Ok(Recorded::Existing(existing));
    }
    let now = at;
    let row = lesson_answers::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        attempt_id: Set(attempt.id),
        card: Set(card),
        response: Set(response_json(response)),
        correct: Set(correct),
        duration_ms: Set(duration_ms),
        answered_at: Set(now),
    };
    // A concurrent answer to this card may win the race: then its answer stands (no failed
    // statement, which would abort the transaction on PostgreSQL).
    let inserted = lesson_answers::Entity::insert(row)
        .on_conflict_do_nothing_on([
            lesson_answers::Column::AttemptId,
            lesson_answers::Column::Card,
        ])
        .exec_without_returning(ex.conn())
        .await?;
    if !matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
        return answer_for_card(ex, attempt.id, card)
            .await?
            .map(Recorded::Existing)
            .ok_or(RepoError::Conflict("lesson_answers.id"));
    }
    for key in competencies {
        let row = evidence::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            organisation_id: Set(org.as_uuid()),
            user_id: Set(attempt.user_id.as_uuid()),
            competency_key: Set(key.clone()),
            source: Set("lesson_answer".to_owned()),
            source_id: Set(id),
            value: Set(if correct { 1.0 } else { -0.5 }),
            created_at: Set(now),
        };
        evidence::Entity::insert(row)
            .exec_without_returning(ex.conn())
            .await?;
    }
    crate::user::touch_learning(ex, org, attempt.user_id).await?;
    Ok(Recorded::New(Answer {
        id,
        card,
        response: response_json(response),
        correct,
    }))
}

/// The attempt's answers, by card.
pub async fn answers(ex: &impl Executor, attempt: uuid::Uuid) -> Result<Vec<Answer>, RepoError> {
    let rows = lesson_answers::Entity::find()
        .filter(lesson_answers::Column::AttemptId.eq(attempt))
        .order_by_asc(lesson_answers::Column::Card)
        .all(ex.conn())
        .await?;
    Ok(rows.into_iter().map(to_answer).collect())
}

/// Marks the attempt complete at `at`; false when it already was (the first completion
/// time stands).
pub async fn complete(
    ex: &impl Executor,
    org: OrganisationId,
    attempt: &Attempt,
    at: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let done = lesson_attempts::Entity::update_many()
        .col_expr(lesson_attempts::Column::CompletedAt, Expr::value(at))
        .filter(lesson_attempts::Column::OrganisationId.eq(org.as_uuid()))
        .filter(lesson_attempts::Column::Id.eq(attempt.id))
        .filter(lesson_attempts::Column::CompletedAt.is_null())
        .exec(ex.conn())
        .await?;
    if done.rows_affected > 0 {
        crate::user::touch_learning(ex, org, attempt.user_id).await?;
    }
    Ok(done.rows_affected > 0)
}

/// How many evidence records a user has for a competency, and their sum.
pub async fn evidence_for(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    competency: &str,
) -> Result<(usize, f64), RepoError> {
    let rows = evidence::Entity::find()
        .filter(evidence::Column::OrganisationId.eq(org.as_uuid()))
        .filter(evidence::Column::UserId.eq(user.as_uuid()))
        .filter(evidence::Column::CompetencyKey.eq(competency))
        .all(ex.conn())
        .await?;
    Ok((rows.len(), rows.iter().map(|r| r.value).sum()))
}

async fn answer_for_card(
    ex: &impl Executor,
    attempt: uuid::Uuid,
    card: i32,
) -> Result<Option<Answer>, RepoError> {
    Ok(lesson_answers::Entity::find()
        .filter(lesson_answers::Column::AttemptId.eq(attempt))
        .filter(lesson_answers::Column::Card.eq(card))
        .one(ex.conn())
        .await?
        .map(to_answer))
}

fn to_answer(r: lesson_answers::Model) -> Answer {
    Answer {
        id: r.id,
        card: r.card,
        response: r.response,
        correct: r.correct,
    }
}
