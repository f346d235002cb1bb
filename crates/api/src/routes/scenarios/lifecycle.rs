//! Publishing (refused while the scenario has any issue) and archiving scenario versions.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use cinco_app::ErrorCode;
use cinco_domain::OrganisationId;
use cinco_domain::lesson::LessonStatus;
use cinco_persistence::scenario::ScenarioVersion;
use cinco_persistence::{Database, RepoError};

use super::{Known, ScenarioVersionView, check, parse_source, view};
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, FieldError, Problem};
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
        (status = 422, description = "`invalid_scenario`: the errors name node and reply", body = Problem, content_type = "application/problem+json")
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
    let (published, known) = publish_version(
        &state.db,
        auth.org,
        path.into_inner(),
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(view(&published, &known)?))
}

/// Publishes a version if the lifecycle allows it and it has no issue.
pub async fn publish_version(
    db: &Database,
    org: OrganisationId,
    id: uuid::Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(ScenarioVersion, Known), ApiError> {
    let version = cinco_persistence::scenario::get(db, org, id).await?;
    version.status.transition(LessonStatus::Published, false)?;
    let known = Known::load(db, org).await?;
    let issues = check(&parse_source(&version)?, &known);
    if !issues.is_empty() {
        return Err(ApiError::Validation {
            detail: format!(
                "{} problem{} to fix before publishing: {}",
                issues.len(),
                if issues.len() == 1 { "" } else { "s" },
                issues
                    .iter()
                    .map(|i| i.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            errors: issues
                .into_iter()
                .map(|i| FieldError {
                    field: match (&i.node, &i.choice) {
                        (Some(n), Some(c)) => format!("nodes/{n}/choices/{c}"),
                        (Some(n), None) => format!("nodes/{n}"),
                        _ => "scenario".to_owned(),
                    },
                    code: i.code,
                    message: i.message,
                })
                .collect(),
        });
    }
    let updated = set_status(db, org, &version, LessonStatus::Published, now).await?;
    Ok((updated, known))
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
    let version = cinco_persistence::scenario::get(&state.db, auth.org, path.into_inner()).await?;
    version.status.transition(LessonStatus::Archived, false)?;
    let archived = set_status(
        &state.db,
        auth.org,
        &version,
        LessonStatus::Archived,
        state.settings.clock.now(),
    )
    .await?;
    let known = Known::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(view(&archived, &known)?))
}

async fn set_status(
    db: &Database,
    org: OrganisationId,
    version: &ScenarioVersion,
    to: LessonStatus,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ScenarioVersion, ApiError> {
    let tx = db.begin().await?;
    cinco_persistence::scenario::set_status(&tx, org, version, to, None, now)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => ApiError::Conflict {
                code: ErrorCode::InvalidTransition,
                detail: "someone changed this version at the same time".to_owned(),
            },
            other => other.into(),
        })?;
    let updated = cinco_persistence::scenario::get(&tx, org, version.id).await?;
    tx.commit().await?;
    Ok(updated)
}
