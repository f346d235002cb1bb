//! Publishing a lesson version: the lifecycle allows it and it fits five minutes (else the
//! estimate and the longest cards are named). A published version never changes.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::lesson::{self, Card, LessonStatus, markdown};
use cinco_persistence::Database;
use cinco_persistence::lesson::LessonVersion;

use crate::AppError;
use crate::error::FieldProblem;

/// Publishes a version if the lifecycle and the five-minute rule allow it.
pub async fn publish_version(
    db: &Database,
    org: OrganisationId,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<LessonVersion, AppError> {
    let version = cinco_persistence::lesson::get(db, org, id).await?;
    // Whether review was needed is the caller's check; here only the lifecycle is.
    version.status.transition(LessonStatus::Published, false)?;
    let content = markdown::parse(&version.source).map_err(AppError::internal)?;
    let estimate = lesson::estimate(&content);
    if !estimate.fits() {
        let biggest: Vec<String> = estimate
            .biggest(3)
            .into_iter()
            .map(|i| {
                format!(
                    "card {} ({}, {} s)",
                    i + 1,
                    card_kind(&content.cards[i]),
                    estimate.per_card[i]
                )
            })
            .collect();
        return Err(AppError::Invalid {
            detail: format!(
                "estimated {}:{:02}, over the 5:00 limit; longest: {}",
                estimate.seconds / 60,
                estimate.seconds % 60,
                biggest.join(", ")
            ),
            problems: vec![FieldProblem {
                field: "source".to_owned(),
                code: "lesson_too_long",
                message: "shorten the longest cards".to_owned(),
            }],
        });
    }
    let tx = db.begin().await?;
    cinco_persistence::lesson::set_status(&tx, org, &version, LessonStatus::Published, None, now)
        .await
        .map_err(AppError::status_race)?;
    let published = cinco_persistence::lesson::get(&tx, org, version.id).await?;
    tx.commit().await?;
    Ok(published)
}

fn card_kind(card: &Card) -> &'static str {
    use cinco_domain::lesson::{Block, Item};
    match card {
        Card::Block(Block::Text(_)) => "text",
        Card::Block(Block::Tip(_)) => "tip",
        Card::Block(Block::Checklist(_)) => "checklist",
        Card::Block(Block::Dialogue(_)) => "dialogue",
        Card::Block(Block::Image { .. }) => "image",
        Card::Item(Item::Single { .. }) => "single choice",
        Card::Item(Item::Multiple { .. }) => "multiple choice",
        Card::Item(Item::TrueFalse { .. }) => "true/false",
        Card::Item(Item::Ordering { .. }) => "ordering",
    }
}
