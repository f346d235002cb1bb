//! Reviews: grading a review answer and moving its card on the FSRS schedule. A first answer
//! inside a lesson goes through the same `schedule` as a later review.

use crate::ErrorCode;
use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::UserId;
use cinco_domain::learning::LearningEvent;
use cinco_domain::lesson::{Card, Response};
use cinco_domain::review::{Answered, Confidence, Scheduler, rate};
use cinco_domain::user::TimeZone;
use cinco_persistence::review::{self, ReviewCard};
use cinco_persistence::{RepoError, Tx, user};

use super::scheduler;
use crate::App;
use crate::AppError;

/// One graded answer to a card's item.
#[derive(Debug)]
pub struct Graded<'a> {
    /// The answer's id, from the client: the review is recorded once per id.
    pub id: uuid::Uuid,
    pub correct: bool,
    pub duration_ms: Option<i32>,
    pub confidence: Option<Confidence>,
    pub at: DateTime<Utc>,
    /// Given inside a lesson (its evidence is the lesson answer's).
    pub first: bool,
    /// Competencies that get `review_answer` evidence.
    pub evidence: &'a [String],
}

/// Rates the answer, moves the card and logs the review in `tx`; false when this id was
/// already recorded. A review of the same card saved meanwhile is `card_busy` (retry).
pub async fn schedule(
    tx: &Tx,
    org: OrganisationId,
    zone: &TimeZone,
    scheduler: &Scheduler,
    card: &ReviewCard,
    answer: Graded<'_>,
) -> Result<bool, AppError> {
    let duration_ms = answer.duration_ms.and_then(|d| u32::try_from(d).ok());
    let rating = rate(Answered {
        correct: answer.correct,
        duration_ms,
        estimate_seconds: card.estimate_seconds,
        confidence: answer.confidence,
    });
    let step = scheduler.review(&card.state, rating, answer.at);
    let entry = review::NewReview {
        id: answer.id,
        rating: rating.as_u32(),
        correct: answer.correct,
        duration_ms,
        at: answer.at,
        local_day: zone.local_date(answer.at).to_string(),
        first: answer.first,
        evidence: answer.evidence,
    };
    review::record(tx, org, card, entry, &step)
        .await
        .map_err(|e| match e {
            // Another review of this card won the race: the next try reads it as it is now.
            RepoError::Conflict("review_cards.reps") => AppError::Unavailable(ErrorCode::CardBusy),
            other => other.into(),
        })
}

/// Grades a review answer and moves the card on the FSRS schedule, once per answer id.
#[allow(clippy::too_many_arguments)]
pub async fn review_answer(
    app: &App,
    org: OrganisationId,
    user: UserId,
    id: uuid::Uuid,
    card_id: uuid::Uuid,
    response: &Response,
    duration_ms: Option<i32>,
    confidence: Option<Confidence>,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    if review::is_recorded(&app.db, org, user, id).await? {
        return Ok(false);
    }
    let card = review::get(&app.db, org, user, card_id).await?;
    let lesson = app
        .content
        .lesson(&app.db, org, card.lesson_version_id)
        .await?;
    let Some(Card::Item(item)) = usize::try_from(card.card)
        .ok()
        .and_then(|i| lesson.content.cards.get(i))
    else {
        return Err(AppError::internal(anyhow::anyhow!(
            "review card {} points at no item",
            card.id
        )));
    };
    let correct = item.grade(response).ok_or_else(|| {
        AppError::field(
            "response",
            "response_mismatch",
            "the response does not fit this item",
        )
    })?;
    let scheduler = scheduler(app, org).await?;
    let zone = user::get(&app.db, org, user).await?.time_zone;
    let competencies: Vec<String> = lesson
        .content
        .competencies
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let answer = Graded {
        id,
        correct,
        duration_ms,
        confidence,
        at,
        first: false,
        evidence: &competencies,
    };
    let tx = app.db.begin().await?;
    let new = schedule(&tx, org, &zone, &scheduler, &card, answer).await?;
    if new {
        let event = LearningEvent::ReviewAnswered {
            org,
            user,
            version: card.lesson_version_id,
            correct,
            at,
        };
        crate::learning::publish(app, &tx, &event).await?;
    }
    tx.commit().await?;
    Ok(new)
}
