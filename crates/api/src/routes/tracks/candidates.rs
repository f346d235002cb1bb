//! Who may be enrolled on a track: the organisation's active leads, trainers and admins,
//! for the trainer choosing trainees (who may not list people otherwise).

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_domain::Role;
use cinco_domain::certification::EnrolmentStatus;
use cinco_persistence::certification::{self, EnrolmentFilter};
use cinco_persistence::user;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Candidate {
    id: uuid::Uuid,
    display_name: String,
    /// `admin`, `trainer`, `lead`.
    roles: Vec<String>,
    /// On this track now (active enrolment).
    enrolled: bool,
    /// Finished this track before.
    completed: bool,
}

/// The people who may be enrolled on a track (active leads, trainers and admins), by name,
/// each saying whether they are on it or finished it (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("track_id" = uuid::Uuid, Path, description = "Track id")),
    responses(
        (status = 200, description = "Candidates", body = [Candidate]),
        (status = 404, description = "No such track", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/tracks/{track_id}/candidates",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn candidates(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let track = certification::track(&state.db, auth.org, id.into_inner()).await?;
    let on_track = certification::enrolments(
        &state.db,
        auth.org,
        EnrolmentFilter {
            track: Some(track.id),
            ..EnrolmentFilter::default()
        },
    )
    .await?;
    let filter = user::UserFilter {
        active: Some(true),
        ..user::UserFilter::default()
    };
    let (people, _) = user::list(&state.db, auth.org, &filter, 10_000, 0).await?;
    let out: Vec<Candidate> = people
        .into_iter()
        .filter(|p| {
            [Role::Lead, Role::Trainer, Role::Admin]
                .iter()
                .any(|r| p.roles.contains(*r))
        })
        .map(|p| Candidate {
            enrolled: on_track
                .iter()
                .any(|e| e.user_id == p.id && e.status == EnrolmentStatus::Active),
            completed: on_track
                .iter()
                .any(|e| e.user_id == p.id && e.status == EnrolmentStatus::Completed),
            id: p.id.as_uuid(),
            display_name: p.display_name.as_str().to_owned(),
            roles: [Role::Admin, Role::Trainer, Role::Lead]
                .iter()
                .filter(|r| p.roles.contains(**r))
                .map(|r| r.as_str().to_owned())
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}
