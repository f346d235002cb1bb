//! Train-the-trainer tracks: trainers author them (lessons, scenarios, a teach-back, an
//! observed coaching session, each with its pass criteria); admins and trainers enrol leads
//! and trainers-to-be; certified assessors rate teach-backs and observed sessions on the
//! module's rubric; the last module done issues the certification. The contract is
//! `docs/certification.md`.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use cinco_app::certification::language;
use cinco_app::certification::track::{self, Draft};
use cinco_domain::Locale;
use cinco_domain::certification::{Level, ModuleType};
use cinco_domain::organisation::Organisation;
use cinco_domain::programme::{Kind, Parts};
use cinco_persistence::certification::{self, StoredTrack};
use cinco_persistence::organisation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;
use crate::states::LocaleView;
use crate::words::{LanguagesView, WordsBody};

pub mod assessments;
pub mod candidates;
pub mod enrolments;
pub mod submissions;
pub mod today;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ModuleBody {
    /// At most 200 characters.
    #[schema(max_length = 200, pattern = r"\S")]
    title: String,
    #[schema(value_type = crate::states::ModuleKindView)]
    kind: String,
    /// The lesson or scenario key (lesson and scenario modules).
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    target_key: Option<String>,
    /// Lessons and scenarios: the score that passes (70 when absent).
    #[serde(default)]
    #[schema(maximum = 100)]
    pass_percent: Option<u8>,
    /// At most 4,000 characters.
    #[serde(default)]
    #[schema(max_length = 4000)]
    instructions: Option<String>,
    /// Teach-backs and observed sessions: the criteria the assessor rates 1–4 (1 to 10, each
    /// 1 to 300 characters).
    #[serde(default)]
    rubric: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TrackBody {
    /// At most 200 characters.
    #[schema(max_length = 200, pattern = r"\S")]
    title: String,
    /// At most 4,000 characters.
    #[serde(default)]
    #[schema(max_length = 4000)]
    description: Option<String>,
    /// The certification it issues.
    #[schema(value_type = crate::states::LevelView)]
    level: String,
    /// Competency keys the certification covers (at least one).
    #[schema(min_items = 1)]
    scope: Vec<String>,
    /// How long the certification is valid (1…60 months).
    #[schema(minimum = 1, maximum = 60)]
    validity_months: u32,
    /// 1 to 12 modules, at least one of them assessed (a teach-back or an observed session).
    #[schema(min_items = 1, max_items = 12)]
    modules: Vec<ModuleBody>,
    /// The language a new track is written in (the organisation's when absent); an update
    /// keeps the track's.
    #[serde(default)]
    locale: Option<LocaleView>,
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
    /// The language it is written in, its translations and the languages it lacks.
    languages: LanguagesView,
}

fn view(t: StoredTrack, org: &Organisation) -> TrackView {
    let languages = LanguagesView::new(
        &language::languages(&t, org.default_locale),
        &language::source_words(&t),
        &org.offered_locales,
    );
    TrackView {
        languages,
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

/// The track an editor sent, its level and module kinds read.
fn draft(body: &TrackBody) -> Result<Draft, ApiError> {
    let level = Level::parse(&body.level).ok_or_else(|| {
        ApiError::field("level", "invalid_level", "coach, trainer or master_trainer")
    })?;
    let mut modules = Vec::with_capacity(body.modules.len());
    for (i, m) in body.modules.iter().enumerate() {
        let kind = <ModuleType as Kind>::parse(&m.kind).ok_or_else(|| {
            ApiError::field(
                &format!("modules[{i}]"),
                "invalid_track",
                "kind is lesson, scenario, teach_back or observed_session",
            )
        })?;
        let mut parts = Parts::new(&m.title, kind);
        parts.target_key = m
            .target_key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned);
        parts.pass_percent = m.pass_percent;
        parts.instructions = m.instructions.as_deref().map(|t| t.trim().to_owned());
        parts.rubric = m.rubric.clone();
        modules.push(parts);
    }
    Ok(Draft {
        title: body.title.clone(),
        description: body.description.clone().unwrap_or_default(),
        level,
        scope: body.scope.clone(),
        validity_months: body.validity_months,
        modules,
        locale: body.locale.map(Locale::from),
    })
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
    let org = organisation::get(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(all.into_iter().map(|t| view(t, &org)).collect::<Vec<_>>()))
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
    let org = organisation::get(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(view(t, &org)))
}

/// Create a track (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    request_body = TrackBody,
    responses(
        (status = 201, description = "Created", body = TrackView),
        (status = 422, description = "`validation_failed`: `invalid_track`, `invalid_level`, `invalid_kind`, `unknown_competency`, `unknown_lesson`, `unknown_scenario` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/tracks", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<TrackBody>,
) -> Result<HttpResponse, ApiError> {
    let id = track::create(&state.app, &auth.actor(), &draft(&body)?).await?;
    let t = certification::track(&state.db, auth.org, id).await?;
    let org = organisation::get(&state.db, auth.org).await?;
    Ok(HttpResponse::Created().json(view(t, &org)))
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
        (status = 422, description = "`validation_failed`: as for creating (`invalid_track`, `invalid_level`, `invalid_kind`, `unknown_competency`, `unknown_lesson`, `unknown_scenario` or `too_long`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/tracks/{track_id}", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<TrackBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    track::update(&state.app, &auth.actor(), id, &draft(&body)?).await?;
    let t = certification::track(&state.db, auth.org, id).await?;
    let org = organisation::get(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(view(t, &org)))
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
    body: Json<ArchiveBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    track::set_archived(&state.app, &auth.actor(), id, body.archived).await?;
    let t = certification::track(&state.db, auth.org, id).await?;
    let org = organisation::get(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(view(t, &org)))
}

/// Write a track in another language: its title, description and each module's title,
/// instructions and criteria, in order. Enrolments from then on carry it; those before keep
/// the languages they were made in.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(
        ("track_id" = uuid::Uuid, Path, description = "Track id"),
        ("locale" = LocaleView, Path, description = "The language of the words")
    ),
    request_body = WordsBody,
    responses(
        (status = 200, description = "Saved; the track as it is now", body = TrackView),
        (status = 404, description = "No such track or language", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_translation` (the source's own language, or not one entry per module)", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/tracks/{track_id}/texts/{locale}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn translate(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(uuid::Uuid, String)>,
    body: Json<WordsBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, locale) = path.into_inner();
    let locale: Locale = locale.parse().map_err(|_| ApiError::NotFound)?;
    language::translate(&state.app, &auth.actor(), id, locale, (&*body).into()).await?;
    let t = certification::track(&state.db, auth.org, id).await?;
    let org = organisation::get(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(view(t, &org)))
}
