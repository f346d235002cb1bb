//! Answering a knowledge check inside a lesson, online or from the offline queue: graded by
//! the server and recorded once per card, with its evidence; the first answer to an item
//! also makes the learner's review card for it and schedules it.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::{Card, Response};
use cinco_domain::review::Confidence;
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::attempt::{self, Attempt, Recorded};
use cinco_persistence::{review, user};

use crate::review::answer::{Graded, schedule};
use crate::review::scheduler;
use crate::{App, AppError};

/// A lesson answer.
#[derive(Debug)]
pub struct LessonAnswer {
    /// From the client: a replayed answer is recorded once.
    pub id: uuid::Uuid,
    /// The card index of the item.
    pub card: usize,
    pub response: Response,
    pub duration_ms: Option<i32>,
    pub confidence: Option<Confidence>,
    pub answered_at: DateTime<Utc>,
}

/// How the answer was graded (the first answer to a card stands).
#[derive(Debug)]
pub struct Answered {
    pub correct: bool,
    pub explanation: String,
    pub solution: Response,
    /// The card had been answered before: this is the first answer's grade.
    pub already_answered: bool,
}

/// Grades and records `input` in the learner `user`'s attempt `a`.
pub async fn answer(
    app: &App,
    org: OrganisationId,
    user: UserId,
    a: &Attempt,
    input: LessonAnswer,
) -> Result<Answered, AppError> {
    let lesson = app
        .content
        .lesson(&app.db, org, a.lesson_version_id)
        .await?;
    let content = &lesson.content;
    let Some(Card::Item(item)) = content.cards.get(input.card) else {
        return Err(AppError::field(
            "card",
            "not_an_item",
            "that card is not a knowledge check",
        ));
    };
    let correct = item.grade(&input.response).ok_or_else(|| {
        AppError::field(
            "response",
            "response_mismatch",
            "the response does not fit this item",
        )
    })?;
    let competencies: Vec<String> = content
        .competencies
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let card = i32::try_from(input.card).map_err(AppError::internal)?;
    let estimate_seconds = u32::try_from(
        lesson
            .estimate
            .per_card
            .get(input.card)
            .copied()
            .unwrap_or(20),
    )
    .unwrap_or(20);
    let scheduler = scheduler(app, org).await?;
    let zone = user::get(&app.db, org, user).await?.time_zone;
    let tx = app.db.begin().await?;
    let recorded = attempt::record_answer(
        &tx,
        org,
        a,
        input.id,
        card,
        &input.response,
        correct,
        input.duration_ms,
        &competencies,
        input.answered_at,
    )
    .await?;
    if let Recorded::New(_) = &recorded {
        let review_card = review::card_for_item(
            &tx,
            org,
            user,
            a.lesson_version_id,
            card,
            estimate_seconds,
            input.answered_at,
        )
        .await?;
        let graded = Graded {
            id: input.id,
            correct,
            duration_ms: input.duration_ms,
            confidence: input.confidence,
            at: input.answered_at,
            first: true,
            evidence: &[],
        };
        schedule(&tx, org, &zone, &scheduler, &review_card, graded).await?;
    }
    tx.commit().await?;
    let (correct, already_answered) = match recorded {
        Recorded::New(first) => (first.correct, false),
        Recorded::Existing(first) => (first.correct, true),
    };
    Ok(Answered {
        correct,
        explanation: item.explanation().to_owned(),
        solution: item.solution(),
        already_answered,
    })
}
