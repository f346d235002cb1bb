//! Train-the-trainer tracks: trainers author them (lessons, scenarios, a teach-back, an
//! observed coaching session, each with its pass criteria); admins and trainers enrol leads
//! and trainers-to-be; certified assessors rate teach-backs and observed sessions on the
//! module's rubric; the last module done issues the certification. The contract is
//! `docs/certification.md`.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use cinco_domain::certification::{Level, Module, ModuleType, Track, TrackError};
use cinco_domain::programme::{Kind, Parts};
use cinco_domain::text::{LONG_MAX, bounded};
use cinco_persistence::certification::{self, StoredTrack};
use cinco_persistence::{lesson, scenario};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::routes::certifications::manage::parse_scope;
use crate::routes::coaching::paths::published_target;
use crate::state::AppState;

pub mod assessments;
pub mod candidates;
pub mod enrolments;
pub mod submissions;
pub mod today;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ModuleBody {
    title: String,
    #[schema(value_type = crate::states::ModuleKindView)]
    kind: String,
    /// The lesson or scenario key.
    #[serde(default)]
    target_key: Option<String>,
    /// Lessons and scenarios: the score that passes (70 when absent).
    #[serde(default)]
    pass_percent: Option<u8>,
    #[serde(default)]
    instructions: Option<String>,
    /// Teach-backs and observed sessions: the criteria the assessor rates 1–4.
    #[serde(default)]
    rubric: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TrackBody {
    title: String,
    #[serde(default)]
    description: Option<String>,
    /// The certification it issues.
    #[schema(value_type = crate::states::LevelView)]
    level: String,
    /// Competency keys the certification covers.
    scope: Vec<String>,
    /// How long the certification is valid (1…60 months).
    validity_months: u32,
    modules: Vec<ModuleBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackView {
    id: uuid::Uuid,
    title: String,
    description: String,
    level: crate::states::LevelView,
    scope: Vec<String>,
    validity_months: u32,
    modules: Vec<ModuleBody>,
    archived: bool,
    updated_at: DateTime<Utc>,
}

fn view(t: StoredTrack) -> TrackView {
    TrackView {
        id: t.id,
        title: t.track.title.clone(),
        description: t.track.description.clone(),
        level: t.track.level.into(),
        scope: t
            .track
            .scope
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect(),
        validity_months: t.track.validity_months,
        modules: t
            .track
            .modules
            .iter()
            .map(|m| {
                let s = m.parts();
                ModuleBody {
                    title: s.title,
                    kind: s.kind.as_str().to_owned(),
                    target_key: s.target_key,
                    pass_percent: s.pass_percent,
                    instructions: s.instructions,
                    rubric: s.rubric,
                }
            })
            .collect(),
        archived: t.archived,
        updated_at: t.updated_at,
    }
}

fn track_error(e: &TrackError) -> ApiError {
    let field = match e {
        TrackError::Title => "title".to_owned(),
        TrackError::ModuleCount | TrackError::NoAssessment => "modules".to_owned(),
        TrackError::NoScope => "scope".to_owned(),
        TrackError::Validity => "validity_months".to_owned(),
        TrackError::ModuleTitle(n) | TrackError::PassMark(n) | TrackError::Rubric(n) => {
            format!("modules[{}]", n - 1)
        }
    };
    ApiError::field(&field, "invalid_track", e.to_string())
}

/// Checks a track body: its shape, that each lesson and scenario is published and each
/// competency exists.
async fn parse(state: &AppState, auth: &AuthUser, body: &TrackBody) -> Result<Track, ApiError> {
    let level = Level::parse(&body.level).ok_or_else(|| {
        ApiError::field("level", "invalid_level", "coach, trainer or master_trainer")
    })?;
    let scope = parse_scope(state, auth, &body.scope).await?;
    let lessons = lesson::list_published(&state.db, auth.org).await?;
    let scenarios = scenario::list_published(&state.db, auth.org).await?;
    let mut modules = Vec::with_capacity(body.modules.len());
    for (i, m) in body.modules.iter().enumerate() {
        let field = format!("modules[{i}]");
        let key = m.target_key.as_deref().map(str::trim).unwrap_or_default();
        let kind = <ModuleType as Kind>::parse(&m.kind).ok_or_else(|| {
            ApiError::field(
                &field,
                "invalid_track",
                "kind is lesson, scenario, teach_back or observed_session",
            )
        })?;
        published_target(&field, kind.content(), key, &lessons, &scenarios)?;
        let instructions = bounded(m.instructions.as_deref().unwrap_or_default(), LONG_MAX)
            .map_err(|e| ApiError::field(&field, "too_long", format!("instructions: {e}")))?
            .unwrap_or_default();
        let mut parts = Parts::new(&m.title, kind);
        parts.target_key = Some(key.to_owned()).filter(|k| !k.is_empty());
        parts.pass_percent = m.pass_percent;
        parts.instructions = Some(instructions.to_owned());
        parts.rubric = m.rubric.clone();
        modules.push(Module::from_parts(&parts).ok_or_else(|| {
            ApiError::field(&field, "invalid_track", "this module is incomplete")
        })?);
    }
    let description = bounded(body.description.as_deref().unwrap_or_default(), LONG_MAX)
        .map_err(|e| ApiError::field("description", "too_long", e.to_string()))?
        .unwrap_or_default();
    Track::new(Track {
        title: body.title.clone(),
        description: description.to_owned(),
        level,
        scope,
        validity_months: body.validity_months,
        modules,
    })
    .map_err(|e| track_error(&e))
}

/// The organisation's tracks, archived ones included (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    responses((status = 200, description = "Tracks", body = [TrackView]))
)]
#[get("/tracks", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = certification::tracks(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(all.into_iter().map(view).collect::<Vec<_>>()))
}

/// One track.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("track_id" = uuid::Uuid, Path, description = "Track id")),
    responses(
        (status = 200, description = "The track", body = TrackView),
        (status = 404, description = "No such track", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/tracks/{track_id}", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn get_one(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let t = certification::track(&state.db, auth.org, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view(t)))
}

/// Create a track (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    request_body = TrackBody,
    responses(
        (status = 201, description = "Created", body = TrackView),
        (status = 422, description = "`invalid_track`, `invalid_level`, `unknown_competency`, `unknown_lesson`, `unknown_scenario` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/tracks", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<TrackBody>,
) -> Result<HttpResponse, ApiError> {
    let track = parse(&state, &auth, &body).await?;
    let now = state.settings.clock.now();
    let id = certification::insert_track(&state.db, auth.org, &track, auth.user_id, now).await?;
    let t = certification::track(&state.db, auth.org, id).await?;
    Ok(HttpResponse::Created().json(view(t)))
}

/// Change a track (admins and trainers). Running enrolments keep the modules they started
/// with.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("track_id" = uuid::Uuid, Path, description = "Track id")),
    request_body = TrackBody,
    responses(
        (status = 200, description = "Changed", body = TrackView),
        (status = 404, description = "No such track", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "As for creating", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/tracks/{track_id}", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: web::Json<TrackBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    certification::track(&state.db, auth.org, id).await?;
    let track = parse(&state, &auth, &body).await?;
    let now = state.settings.clock.now();
    certification::update_track(&state.db, auth.org, id, &track, now).await?;
    let t = certification::track(&state.db, auth.org, id).await?;
    Ok(HttpResponse::Ok().json(view(t)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ArchiveBody {
    archived: bool,
}

/// Archive or restore a track (admins and trainers). Archived tracks take no new
/// enrolments; running ones go on.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("track_id" = uuid::Uuid, Path, description = "Track id")),
    request_body = ArchiveBody,
    responses(
        (status = 200, description = "Changed", body = TrackView),
        (status = 404, description = "No such track", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/tracks/{track_id}/archive",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn archive(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: web::Json<ArchiveBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let at = body.archived.then(|| state.settings.clock.now());
    if !certification::set_archived(&state.db, auth.org, id, at).await? {
        return Err(ApiError::NotFound);
    }
    let t = certification::track(&state.db, auth.org, id).await?;
    Ok(HttpResponse::Ok().json(view(t)))
}
