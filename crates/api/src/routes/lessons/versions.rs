//! What trainers do with one version besides publishing: preview it as an agent will see
//! it, duplicate it (as a new lesson or as another language of the same one), archive it.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::ErrorCode;
use cinco_domain::Locale;
use cinco_domain::lesson::{Card, Key, markdown};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::LessonVersionView;
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::learn::{LessonToTake, ResponseBody, card_view};
use crate::state::AppState;
use cinco_app::lesson::save_draft::{Save, store_draft};

/// The answer of one knowledge check, so a preview can show feedback without recording
/// anything.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerKey {
    solution: ResponseBody,
    explanation: String,
}

/// One entry per card: the answer key of a knowledge check, `None` for content.
pub(crate) fn answer_keys(cards: &[Card]) -> Vec<Option<AnswerKey>> {
    cards
        .iter()
        .map(|card| match card {
            Card::Item(item) => Some(AnswerKey {
                solution: ResponseBody::from_domain(&item.solution()),
                explanation: item.explanation().to_owned(),
            }),
            Card::Block(_) => None,
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonPreview {
    status: &'static str,
    lesson: LessonToTake,
    /// One entry per card: the answer key for knowledge checks, `null` for content.
    answers: Vec<Option<AnswerKey>>,
}

/// Any version (a draft too) exactly as an agent will see it, with the answer key.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    responses(
        (status = 200, description = "The preview", body = LessonPreview),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/lesson-versions/{version_id}/preview",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn preview(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let version = cinco_persistence::lesson::get(&state.db, auth.org, path.into_inner()).await?;
    let content = markdown::parse(&version.source).map_err(ApiError::internal)?;
    let answers = answer_keys(&content.cards);
    Ok(HttpResponse::Ok().json(LessonPreview {
        status: version.status.as_str(),
        lesson: LessonToTake {
            key: version.key.as_str().to_owned(),
            title: version.title.clone(),
            locale: version.locale.code(),
            version_id: version.id,
            estimate_seconds: version.estimate_seconds,
            path_steps: Vec::new(),
            cards: content
                .cards
                .iter()
                .map(|c| card_view(c, version.id))
                .collect(),
        },
        answers,
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DuplicateLesson {
    /// The new lesson's key; unset keeps the key (to add a language) or, when the locale
    /// is unchanged too, makes `<key>-copy`.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    key: Option<String>,
    /// The new variant's language; unset keeps the original's.
    #[serde(default)]
    #[schema(value_type = Option<crate::states::LocaleView>)]
    locale: Option<String>,
}

/// Copy a version into a new draft: a new lesson (another key) or another language of the
/// same lesson, to be translated. An existing variant is never overwritten.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    request_body = DuplicateLesson,
    responses(
        (status = 201, description = "The new draft", body = LessonVersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`lesson_exists`: that key and language already exist", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_key` or `unsupported_locale`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/lesson-versions/{version_id}/duplicate",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn duplicate(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<DuplicateLesson>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let version = cinco_persistence::lesson::get(&state.db, auth.org, path.into_inner()).await?;
    let mut content = markdown::parse(&version.source).map_err(ApiError::internal)?;
    let locale: Locale = match body.locale.as_deref() {
        Some(raw) => raw
            .parse()
            .map_err(|e: cinco_domain::locale::UnsupportedLocale| {
                ApiError::field("locale", "unsupported_locale", e.to_string())
            })?,
        None => content.locale,
    };
    let key = match body.key.as_deref() {
        Some(raw) => Key::parse(raw).ok_or_else(|| {
            ApiError::field("key", "invalid_key", "lowercase letters, digits and dashes")
        })?,
        None if locale != content.locale => content.key.clone(),
        None => free_copy_key(&state, &auth, &content.key).await?,
    };
    if cinco_persistence::lesson::latest(&state.db, auth.org, &key, locale)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict {
            code: ErrorCode::LessonExists,
            detail: format!(
                "the lesson `{}` already exists in {}",
                key.as_str(),
                locale.code()
            ),
        });
    }
    if key != content.key && body.key.is_none() {
        // A copy under a generated key: its title says so until the trainer renames it.
        content.title = format!("{} ({})", content.title, key.as_str());
    }
    content.key = key;
    content.locale = locale;
    let draft = store_draft(
        &state.db,
        auth.org,
        auth.user_id,
        &markdown::render(&content),
        Save::NewVariant,
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(LessonVersionView::from(&draft)))
}

/// `<key>-copy`, `<key>-copy-2`, … whichever no lesson uses in any language.
async fn free_copy_key(state: &AppState, auth: &AuthUser, key: &Key) -> Result<Key, ApiError> {
    for n in 1..100 {
        let raw = if n == 1 {
            format!("{}-copy", key.as_str())
        } else {
            format!("{}-copy-{n}", key.as_str())
        };
        let candidate = Key::parse(&raw)
            .ok_or_else(|| ApiError::field("key", "invalid_key", "the key is too long to copy"))?;
        // Free in every language: a copy is a new lesson, not a variant of another one.
        let taken = cinco_persistence::lesson::list_latest(&state.db, auth.org)
            .await?
            .iter()
            .any(|v| v.key == candidate);
        if !taken {
            return Ok(candidate);
        }
    }
    Err(ApiError::field("key", "invalid_key", "give the copy a key"))
}

/// Archive a published version: agents no longer get it; attempts that point at it stay.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    responses(
        (status = 200, description = "Archived", body = LessonVersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: only a published version is archived", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/lesson-versions/{version_id}/archive",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn archive(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let archived =
        cinco_app::lesson::review::archive(&state.app, &auth.actor(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&archived)))
}
