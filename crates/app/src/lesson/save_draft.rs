//! Saving a lesson file as the draft of its variant: parsed, its competencies checked
//! against the framework, its five-minute estimate stored. Used by importing, copying and
//! translating lessons, by the block editor (a lesson written card by card, rendered as its
//! file) and by the demo seed.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::{self, LessonContent, LessonStatus, markdown};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::lesson::LessonVersion;
use cinco_persistence::{Database, RepoError, competency};

use crate::error::FieldProblem;
use crate::{AppError, ErrorCode};

/// How a lesson file is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    /// As the draft of its variant: replaces the draft, or follows a published version.
    Draft,
    /// Only as a variant that does not exist yet (a copy or a translation): never over
    /// someone's draft, even one saved a moment ago.
    NewVariant,
}

/// Parses, checks and stores a lesson file.
pub async fn store_draft(
    db: &Database,
    org: OrganisationId,
    by: UserId,
    source: &str,
    save: Save,
    now: DateTime<Utc>,
) -> Result<LessonVersion, AppError> {
    let content = markdown::parse(source).map_err(|e| AppError::Invalid {
        detail: e.to_string(),
        problems: vec![FieldProblem {
            field: "source".to_owned(),
            code: "invalid_lesson_file",
            message: e.to_string(),
        }],
    })?;
    store(db, org, by, content, source, save, now, |_| {
        "source".to_owned()
    })
    .await
}

/// Saves a lesson written card by card (the block editor) as the draft of its variant: tidied
/// and checked field by field (problems name fields such as `blocks[2].alt`), then stored as
/// the lesson file rendered from it, which reads back as the same lesson.
pub async fn store_written(
    db: &Database,
    org: OrganisationId,
    by: UserId,
    written: LessonContent,
    now: DateTime<Utc>,
) -> Result<LessonVersion, AppError> {
    let content = lesson::check::tidy(written);
    let problems = lesson::check::check(&content);
    if let Some(first) = problems.first() {
        return Err(AppError::Invalid {
            detail: format!("{}: {}", first.path, first.message),
            problems: problems
                .into_iter()
                .map(|p| FieldProblem {
                    field: p.path,
                    code: p.code,
                    message: p.message,
                })
                .collect(),
        });
    }
    let source = markdown::render(&content);
    store(db, org, by, content, &source, Save::Draft, now, |i| {
        format!("competencies[{i}]")
    })
    .await
}

/// Stores a parsed lesson and its file; `competency_field` names the field of the n-th
/// competency when it is not in the framework.
#[allow(clippy::too_many_arguments)]
async fn store(
    db: &Database,
    org: OrganisationId,
    by: UserId,
    content: LessonContent,
    source: &str,
    save: Save,
    now: DateTime<Utc>,
    competency_field: impl Fn(usize) -> String,
) -> Result<LessonVersion, AppError> {
    for (i, key) in content.competencies.iter().enumerate() {
        if competency::get(db, org, key).await.is_err() {
            return Err(AppError::field(
                &competency_field(i),
                "unknown_competency",
                format!("no competency `{}` in the framework", key.as_str()),
            ));
        }
    }
    let estimate = i32::try_from(lesson::estimate(&content).seconds).unwrap_or(i32::MAX);
    let tx = db.begin().await?;
    let latest = cinco_persistence::lesson::latest(&tx, org, &content.key, content.locale).await?;
    let version = match latest {
        Some(_) if save == Save::NewVariant => {
            return Err(AppError::Conflict {
                code: ErrorCode::LessonExists,
                detail: format!(
                    "the lesson `{}` already exists in {}",
                    content.key.as_str(),
                    content.locale.code()
                ),
            });
        }
        Some(draft) if draft.status == LessonStatus::Draft => {
            cinco_persistence::lesson::replace_draft(
                &tx, org, draft.id, &content, source, estimate, now,
            )
            .await?
        }
        _ => cinco_persistence::lesson::insert_draft(&tx, org, &content, source, estimate, by, now)
            .await
            .map_err(|e| match e {
                RepoError::Conflict(_) if save == Save::NewVariant => AppError::Conflict {
                    code: ErrorCode::LessonExists,
                    detail: "that lesson was created in that language a moment ago".to_owned(),
                },
                RepoError::Conflict(_) => AppError::Conflict {
                    code: ErrorCode::EditConflict,
                    detail: "someone saved this lesson at the same time; try again".to_owned(),
                },
                other => other.into(),
            })?,
    };
    tx.commit().await?;
    Ok(version)
}
