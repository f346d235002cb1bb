//! Taking lessons: the published lessons in the agent's language (else the organisation's),
//! attempts and answers with client-generated ids, graded by the server.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_domain::Locale;
use cinco_domain::lesson::markdown;
use cinco_persistence::lesson::LessonVersion;
use cinco_persistence::{Database, organisation, user};

mod attempts;
mod views;

pub use attempts::{ConfidenceBody, ResponseBody, answer, complete, start};
pub(crate) use attempts::{record_answer, start_attempt};
use views::LessonSummary;
pub use views::{CardView, LessonToTake, card_view};

use cinco_domain::locale::pick;

use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// The caller's language and the organisation's.
pub(crate) async fn locales(db: &Database, auth: &AuthUser) -> Result<(Locale, Locale), ApiError> {
    let me = user::get(db, auth.org, auth.user_id).await?;
    let org = organisation::get(db, auth.org).await?;
    Ok((me.locale, org.default_locale))
}

/// Published lessons, one per lesson, in the caller's language when it exists.
#[utoipa::path(
    tag = "learn",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Lessons to take", body = Vec<LessonSummary>))
)]
#[get("/learn/lessons", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let (preferred, fallback) = locales(&state.db, &auth).await?;
    let mut by_key: std::collections::BTreeMap<String, Vec<LessonVersion>> =
        std::collections::BTreeMap::new();
    for v in cinco_persistence::lesson::list_published(&state.db, auth.org).await? {
        by_key.entry(v.key.as_str().to_owned()).or_default().push(v);
    }
    let lessons: Vec<LessonSummary> = by_key
        .into_values()
        .filter_map(|variants| pick(variants, |v| v.locale, preferred, fallback))
        .map(|v| LessonSummary {
            key: v.key.as_str().to_owned(),
            title: v.title,
            locale: v.locale.code(),
            version_id: v.id,
            estimate_seconds: v.estimate_seconds,
        })
        .collect();
    Ok(HttpResponse::Ok().json(lessons))
}

/// A published lesson to take, in the caller's language when it exists, else the
/// organisation's, else any.
#[utoipa::path(
    tag = "learn",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("lesson_key" = String, Path, description = "Lesson key")),
    responses(
        (status = 200, description = "The lesson", body = LessonToTake),
        (status = 404, description = "No published lesson with that key", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/learn/lessons/{lesson_key}", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn take(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = path.into_inner();
    let (preferred, fallback) = locales(&state.db, &auth).await?;
    let variants: Vec<LessonVersion> =
        cinco_persistence::lesson::list_published(&state.db, auth.org)
            .await?
            .into_iter()
            .filter(|v| v.key.as_str() == key)
            .collect();
    let version = pick(variants, |v| v.locale, preferred, fallback).ok_or(ApiError::NotFound)?;
    let content = markdown::parse(&version.source).map_err(ApiError::internal)?;
    let items = u32::try_from(content.items().count()).unwrap_or(u32::MAX);
    let path_steps = cinco_app::path::pass::lesson_steps(
        &state.db,
        (auth.org, auth.user_id),
        (preferred, fallback),
        &key,
        items,
    )
    .await?;
    Ok(HttpResponse::Ok().json(LessonToTake {
        key: version.key.as_str().to_owned(),
        title: version.title.clone(),
        locale: version.locale.code(),
        version_id: version.id,
        estimate_seconds: version.estimate_seconds,
        cards: content
            .cards
            .iter()
            .map(|c| card_view(c, version.id))
            .collect(),
        path_steps: path_steps.into_iter().map(Into::into).collect(),
    }))
}
