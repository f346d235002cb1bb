//! Optional review by a second trainer: the author submits a draft, another trainer
//! approves it (which publishes it) or requests changes with a comment (back to draft).

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use cinco_app::lesson::review as lifecycle;
use serde::Deserialize;
use utoipa::ToSchema;

use super::LessonVersionView;
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

/// Submit a draft for review.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    responses(
        (status = 200, description = "In review", body = LessonVersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/lesson-versions/{version_id}/submit",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn submit(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let updated = lifecycle::submit(&state.app, &auth.actor(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&updated)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    RequestChanges,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewBody {
    decision: Decision,
    /// What to change (required when requesting changes; at most 2,000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    comment: Option<String>,
}

/// Review a submitted version written by someone else: approve (publishes it) or request
/// changes with a comment (back to draft).
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    request_body = ReviewBody,
    responses(
        (status = 200, description = "Reviewed", body = LessonVersionView),
        (status = 403, description = "`own_lesson`: authors do not review their own work", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition` (not in review)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `comment_required`, `too_long` (a comment over 2,000 characters) or `lesson_too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/lesson-versions/{version_id}/review",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn review(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<ReviewBody>,
) -> Result<HttpResponse, ApiError> {
    let decision = match body.decision {
        Decision::Approve => lifecycle::Decision::Approve,
        Decision::RequestChanges => lifecycle::Decision::RequestChanges {
            comment: body.comment.clone().unwrap_or_default(),
        },
    };
    let updated =
        lifecycle::review(&state.app, &auth.actor(), path.into_inner(), &decision).await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&updated)))
}
