//! Publishing (refused while the scenario has any issue) and archiving scenario versions.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use cinco_app::scenario::Known;
use cinco_app::scenario::publish as lifecycle;

use super::{ScenarioVersionView, view};
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Publish a version. One with any issue (graph rules, the five-minute rule, unknown
/// competencies or decision types) is refused, listing them; the version published before
/// it is archived.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    params(("scenario_version_id" = uuid::Uuid, Path, description = "Scenario version id")),
    responses(
        (status = 200, description = "Published", body = ScenarioVersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the version cannot be published yet (`errors` name each issue by its code, e.g. `no_start`, with its node and reply)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/scenario-versions/{scenario_version_id}/publish",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn publish(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (published, known) = lifecycle::publish_version(
        &state.db,
        auth.org,
        path.into_inner(),
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(view(&published, &known)?))
}

/// Archive a published version: agents no longer get it; runs that point at it stay.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    params(("scenario_version_id" = uuid::Uuid, Path, description = "Scenario version id")),
    responses(
        (status = 200, description = "Archived", body = ScenarioVersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/scenario-versions/{scenario_version_id}/archive",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn archive(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let archived = lifecycle::archive(
        &state.db,
        auth.org,
        path.into_inner(),
        state.settings.clock.now(),
    )
    .await?;
    let known = Known::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(view(&archived, &known)?))
}
