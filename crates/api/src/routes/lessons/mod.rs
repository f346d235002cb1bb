//! Lesson authoring (trainers and admins): import a lesson file as a draft, list, export,
//! and publish under the five-minute rule.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::ErrorCode;
use cinco_domain::lesson::{self, Card, LessonStatus, markdown};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::lesson::LessonVersion;
use cinco_persistence::{Database, RepoError, competency};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;

mod reviewing;
pub(crate) mod versions;

pub use reviewing::{review, submit};
pub use versions::{archive, duplicate, preview};

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonVersionView {
    id: uuid::Uuid,
    key: String,
    locale: &'static str,
    version: i32,
    /// `draft`, `in_review`, `published` or `archived`.
    status: &'static str,
    title: String,
    /// Estimated duration: words ÷ 180 per minute + 20 s per knowledge check.
    estimate_seconds: i32,
    /// Whether it fits the five-minute rule.
    fits: bool,
    /// Keys of the competencies the lesson is tagged with.
    competencies: Vec<String>,
    /// The reviewer's request, when changes were requested.
    review_comment: Option<String>,
    updated_at: chrono::DateTime<chrono::Utc>,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<&LessonVersion> for LessonVersionView {
    fn from(v: &LessonVersion) -> Self {
        Self {
            id: v.id,
            key: v.key.as_str().to_owned(),
            locale: v.locale.code(),
            version: v.version,
            status: v.status.as_str(),
            title: v.title.clone(),
            estimate_seconds: v.estimate_seconds,
            fits: usize::try_from(v.estimate_seconds).unwrap_or(usize::MAX) <= lesson::FIVE_MINUTES,
            competencies: markdown::parse(&v.source)
                .map(|c| {
                    c.competencies
                        .iter()
                        .map(|k| k.as_str().to_owned())
                        .collect()
                })
                .unwrap_or_default(),
            review_comment: v.review_comment.clone(),
            updated_at: v.updated_at,
            published_at: v.published_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ImportLesson {
    /// A lesson file (`docs/lesson-format.md`).
    source: String,
}

/// Import a lesson file. It becomes the draft of its lesson variant: the current draft is
/// replaced, or a new draft version follows a published one (which stays as it was).
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    request_body = ImportLesson,
    responses(
        (status = 200, description = "Stored as a draft", body = LessonVersionView),
        (status = 422, description = "`invalid_lesson_file` (the error names the line) or `unknown_competency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/lessons/import", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn import(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<ImportLesson>,
) -> Result<HttpResponse, ApiError> {
    let version = store_draft(&state.db, auth.org, auth.user_id, &body.source, Save::Draft).await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&version)))
}

/// How a lesson file is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    /// As the draft of its variant: replaces the draft, or follows a published version.
    Draft,
    /// Only as a variant that does not exist yet (a copy or a translation): never over
    /// someone's draft, even one saved a moment ago.
    NewVariant,
}

/// Parses, checks and stores a lesson file. Used by the import endpoint, duplication and
/// the demo seed.
pub async fn store_draft(
    db: &Database,
    org: OrganisationId,
    by: UserId,
    source: &str,
    save: Save,
) -> Result<LessonVersion, ApiError> {
    let content = markdown::parse(source).map_err(|e| ApiError::Validation {
        detail: e.to_string(),
        errors: vec![FieldError {
            field: "source".to_owned(),
            code: "invalid_lesson_file".to_owned(),
            message: e.to_string(),
        }],
    })?;
    for key in &content.competencies {
        if competency::get(db, org, key).await.is_err() {
            return Err(ApiError::field(
                "source",
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
            return Err(ApiError::Conflict {
                code: ErrorCode::LessonExists,
                detail: format!(
                    "the lesson `{}` already exists in {}",
                    content.key.as_str(),
                    content.locale.code()
                ),
            });
        }
        Some(draft) if draft.status == LessonStatus::Draft => {
            cinco_persistence::lesson::replace_draft(&tx, org, draft.id, &content, source, estimate)
                .await?
        }
        _ => cinco_persistence::lesson::insert_draft(&tx, org, &content, source, estimate, by)
            .await
            .map_err(|e| match e {
                RepoError::Conflict(_) if save == Save::NewVariant => ApiError::Conflict {
                    code: ErrorCode::LessonExists,
                    detail: "that lesson was created in that language a moment ago".to_owned(),
                },
                RepoError::Conflict(_) => ApiError::Conflict {
                    code: ErrorCode::EditConflict,
                    detail: "someone saved this lesson at the same time; try again".to_owned(),
                },
                other => other.into(),
            })?,
    };
    tx.commit().await?;
    Ok(version)
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct LessonFilter {
    /// Only lessons whose newest version has this status.
    status: Option<String>,
    /// Only this language (`es`, `en`, `it`).
    locale: Option<String>,
    /// Only lessons tagged with this competency key.
    competency: Option<String>,
    /// Words the title contains (case and accents ignored).
    q: Option<String>,
}

/// Folds case and the common Latin accents, so "empatia" finds "Empatía".
fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// The newest version of every lesson variant, by title, optionally filtered.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(LessonFilter),
    responses((status = 200, description = "Lessons", body = Vec<LessonVersionView>))
)]
#[get("/lessons", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    filter: web::Query<LessonFilter>,
) -> Result<HttpResponse, ApiError> {
    if filter
        .status
        .as_deref()
        .is_some_and(|s| LessonStatus::parse(s).is_none())
    {
        return Err(ApiError::field(
            "status",
            "unknown_status",
            "draft, in_review, published or archived",
        ));
    }
    if filter
        .locale
        .as_deref()
        .is_some_and(|l| l.parse::<cinco_domain::Locale>().is_err())
    {
        return Err(ApiError::field(
            "locale",
            "unsupported_locale",
            "es, en or it",
        ));
    }
    let versions = cinco_persistence::lesson::list_latest(&state.db, auth.org).await?;
    let words: Vec<String> = filter
        .q
        .as_deref()
        .map(|q| fold(q).split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let views: Vec<LessonVersionView> = versions
        .iter()
        .map(LessonVersionView::from)
        .filter(|v| filter.status.as_deref().is_none_or(|s| v.status == s))
        .filter(|v| filter.locale.as_deref().is_none_or(|l| v.locale == l))
        .filter(|v| {
            filter
                .competency
                .as_deref()
                .is_none_or(|c| v.competencies.iter().any(|k| k == c))
        })
        .filter(|v| {
            let title = fold(&v.title);
            words.iter().all(|w| title.contains(w.as_str()))
        })
        .collect();
    Ok(HttpResponse::Ok().json(views))
}

/// A version as a lesson file, to edit elsewhere and import again.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    responses(
        (status = 200, description = "The lesson file", body = String, content_type = "text/markdown"),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/lesson-versions/{version_id}/export",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn export(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let version = cinco_persistence::lesson::get(&state.db, auth.org, path.into_inner()).await?;
    let content = markdown::parse(&version.source).map_err(ApiError::internal)?;
    let file = format!("{}.{}.md", version.key.as_str(), version.locale);
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"{file}\""),
        ))
        .body(markdown::render(&content)))
}

/// Publish a version. A lesson estimated over five minutes is refused, naming its longest
/// cards; the version published before it is archived.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    responses(
        (status = 200, description = "Published", body = LessonVersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition` (e.g. already published)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`lesson_too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/lesson-versions/{version_id}/publish",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn publish(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let org = cinco_persistence::organisation::get(&state.db, auth.org).await?;
    if org.lesson_review_required {
        return Err(ApiError::Conflict {
            code: ErrorCode::ReviewRequired,
            detail: "this organisation publishes lessons after a second trainer's review: submit it for review".to_owned(),
        });
    }
    let published = publish_version(&state.db, auth.org, path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&published)))
}

/// Publishes a version if the lifecycle and the five-minute rule allow it.
pub async fn publish_version(
    db: &Database,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<LessonVersion, ApiError> {
    let version = cinco_persistence::lesson::get(db, org, id).await?;
    // Whether review was needed is the caller's check; here only the lifecycle is.
    version.status.transition(LessonStatus::Published, false)?;
    let content = markdown::parse(&version.source).map_err(ApiError::internal)?;
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
        return Err(ApiError::Validation {
            detail: format!(
                "estimated {}:{:02}, over the 5:00 limit; longest: {}",
                estimate.seconds / 60,
                estimate.seconds % 60,
                biggest.join(", ")
            ),
            errors: vec![FieldError {
                field: "source".to_owned(),
                code: "lesson_too_long".to_owned(),
                message: "shorten the longest cards".to_owned(),
            }],
        });
    }
    let tx = db.begin().await?;
    cinco_persistence::lesson::set_status(&tx, org, &version, LessonStatus::Published, None)
        .await?;
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
