//! Lesson authoring (trainers and admins): import a lesson file as a draft, list, export,
//! and publish under the five-minute rule.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::ErrorCode;
use cinco_app::lesson::publish::publish_version;
use cinco_app::lesson::save_draft::{Save, store_draft};
use cinco_domain::lesson::{self, LessonStatus, markdown};
use cinco_persistence::lesson::LessonVersion;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;
use crate::translations::{TranslationView, statuses};

pub(crate) mod document;
mod reviewing;
pub(crate) mod versions;

pub use document::{read_document, save_document};
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
    /// In the list only: how this language stands against the lesson's source language.
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<TranslationView>,
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
            translation: None,
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
        (status = 422, description = "`validation_failed`: `invalid_lesson_file` (the error names the line) or `unknown_competency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/lessons/import", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn import(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<ImportLesson>,
) -> Result<HttpResponse, ApiError> {
    let version = store_draft(
        &state.db,
        auth.org,
        auth.user_id,
        &body.source,
        Save::Draft,
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&version)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct LessonFilter {
    /// Only lessons whose newest version has this status.
    #[param(value_type = Option<crate::states::LessonStatusView>)]
    status: Option<String>,
    /// Only this language.
    #[param(value_type = Option<crate::states::LocaleView>)]
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

/// The newest version of every lesson variant, by title, optionally filtered; each says
/// which languages its lesson still misses and whether it is out of date against the source.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(LessonFilter),
    responses(
        (status = 200, description = "Lessons", body = Vec<LessonVersionView>),
        (status = 400, description = "`invalid_query`: a parameter's value is not one the list takes (`errors` names it)", body = Problem, content_type = "application/problem+json")
    )
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
        return Err(ApiError::query(
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
        return Err(ApiError::query(
            "locale",
            "unsupported_locale",
            "es, en or it",
        ));
    }
    let (versions, origins) =
        cinco_persistence::lesson::list_latest_with_origins(&state.db, auth.org).await?;
    let org = cinco_persistence::organisation::get(&state.db, auth.org).await?;
    let mut statuses = statuses(
        &versions,
        &origins,
        &org.offered_locales,
        org.default_locale,
    );
    let words: Vec<String> = filter
        .q
        .as_deref()
        .map(|q| fold(q).split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let views: Vec<LessonVersionView> = versions
        .iter()
        .map(|v| LessonVersionView {
            translation: statuses.remove(&(v.key.clone(), v.locale)),
            ..LessonVersionView::from(v)
        })
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
        (status = 422, description = "`validation_failed`: `lesson_too_long`", body = Problem, content_type = "application/problem+json")
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
    let published = publish_version(
        &state.db,
        auth.org,
        path.into_inner(),
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&published)))
}
