//! Enrolling trainees on a track, their progress, and withdrawing them.

use crate::states::LocaleView;
use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use cinco_app::certification::language;
use cinco_domain::{Role, UserId};
use cinco_persistence::certification::{
    self, EnrolledModule, Enrolment, EnrolmentFilter, Submission, SubmissionFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::submissions::{SubmissionView, submission_view};
use crate::auth::{ADMIN, ANY, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;
use crate::states::{EnrolmentStatusView, ModuleKindView};

#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolledModuleView {
    id: uuid::Uuid,
    position: i32,
    title: String,
    kind: ModuleKindView,
    target_key: Option<String>,
    pass_percent: Option<i32>,
    instructions: String,
    rubric: Vec<String>,
    completed_at: Option<DateTime<Utc>>,
    score: Option<i32>,
    /// Teach-backs and observed sessions: what was submitted, newest last.
    submissions: Vec<SubmissionView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolmentView {
    id: uuid::Uuid,
    track_id: uuid::Uuid,
    track_title: String,
    /// The level the track certifies.
    level: crate::states::LevelView,
    trainee: PersonRef,
    enrolled_by: PersonRef,
    enrolled_at: DateTime<Utc>,
    status: EnrolmentStatusView,
    closed_at: Option<DateTime<Utc>>,
    certification_id: Option<uuid::Uuid>,
    done: usize,
    total: usize,
    /// The first module not done yet.
    next_module_id: Option<uuid::Uuid>,
    modules: Vec<EnrolledModuleView>,
    /// The language its track and modules are shown in, when it was made in several: the
    /// reader's, else the organisation's, else the one it has.
    locale: Option<LocaleView>,
}

/// Enrolments as views: their track's title and level, and each module's submissions.
pub(crate) async fn views(
    state: &AppState,
    auth: &AuthUser,
    items: Vec<Enrolment>,
) -> Result<Vec<EnrolmentView>, ApiError> {
    let names = Names::load(&state.db, auth.org).await?;
    // One trainee's (the usual case) or everyone's submissions, read once.
    let user = items
        .first()
        .map(|e| e.user_id)
        .filter(|u| items.iter().all(|e| e.user_id == *u));
    let subs = certification::submissions(
        &state.db,
        auth.org,
        SubmissionFilter {
            user,
            ..SubmissionFilter::default()
        },
    )
    .await?;
    let (preferred, fallback) = crate::routes::learn::locales(&state.db, auth).await?;
    // Module ids are unique, so each module picks its own submissions out of the lot.
    Ok(items
        .into_iter()
        .map(|mut e| {
            let locale = language::read_in(&mut e, preferred, fallback).map(LocaleView::from);
            view(e, &subs, &names, locale)
        })
        .collect())
}

fn view(
    e: Enrolment,
    subs: &[Submission],
    names: &Names,
    locale: Option<LocaleView>,
) -> EnrolmentView {
    let track_title = e.title.clone();
    let module_view = |m: EnrolledModule| EnrolledModuleView {
        submissions: subs
            .iter()
            .filter(|s| s.module_id == m.id)
            .map(|s| submission_view(s, &m, &track_title, names, None))
            .collect(),
        id: m.id,
        position: m.position,
        title: m.title,
        kind: m.kind.into(),
        target_key: m.target_key,
        pass_percent: m.pass_percent,
        instructions: m.instructions,
        rubric: m.rubric,
        completed_at: m.completed_at,
        score: m.score,
    };
    let done = e
        .modules
        .iter()
        .filter(|m| m.completed_at.is_some())
        .count();
    EnrolmentView {
        id: e.id,
        track_id: e.track_id,
        trainee: names.person(e.user_id),
        enrolled_by: names.person(e.enrolled_by),
        enrolled_at: e.enrolled_at,
        status: e.status.into(),
        closed_at: e.closed_at,
        certification_id: e.certification_id,
        done,
        total: e.modules.len(),
        next_module_id: e
            .modules
            .iter()
            .find(|m| m.completed_at.is_none())
            .map(|m| m.id),
        level: e.level.into(),
        modules: e.modules.into_iter().map(module_view).collect(),
        track_title,
        locale,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EnrolBody {
    /// Leads or trainers-to-be (anyone with the lead, trainer or admin role); at least one.
    #[schema(min_items = 1)]
    user_ids: Vec<uuid::Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolResult {
    enrolled: Vec<EnrolmentView>,
    /// Already enrolled on this track and not finished.
    skipped: Vec<PersonRef>,
}

/// Enrol people on a track (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("track_id" = uuid::Uuid, Path, description = "Track id")),
    request_body = EnrolBody,
    responses(
        (status = 201, description = "Enrolled", body = EnrolResult),
        (status = 404, description = "No such track", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`track_archived`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `no_trainees`, `unknown_user`, `not_a_trainee` or `self_enrolment`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/tracks/{track_id}/enrolments",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn enrol(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<EnrolBody>,
) -> Result<HttpResponse, ApiError> {
    let user_ids: Vec<UserId> = body
        .user_ids
        .iter()
        .copied()
        .map(UserId::from_uuid)
        .collect();
    let done = cinco_app::certification::enrol::enrol(
        &state.app,
        &auth.actor(),
        id.into_inner(),
        &user_ids,
    )
    .await?;
    let names = Names::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Created().json(EnrolResult {
        enrolled: views(&state, &auth, done.created).await?,
        skipped: done
            .skipped
            .into_iter()
            .map(|id| names.person(id))
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct EnrolmentQuery {
    track_id: Option<uuid::Uuid>,
    user_id: Option<uuid::Uuid>,
}

/// Enrolments with their progress, newest first (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(EnrolmentQuery),
    responses((status = 200, description = "Enrolments", body = [EnrolmentView]))
)]
#[get("/enrolments", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<EnrolmentQuery>,
) -> Result<HttpResponse, ApiError> {
    let all = certification::enrolments(
        &state.db,
        auth.org,
        EnrolmentFilter {
            user: query.user_id.map(UserId::from_uuid),
            track: query.track_id,
            status: None,
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(views(&state, &auth, all).await?))
}

/// The caller's own enrolments: their tracks, modules and submissions.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Enrolments", body = [EnrolmentView]))
)]
#[get("/me/enrolments", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn mine(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = certification::enrolments(
        &state.db,
        auth.org,
        EnrolmentFilter {
            user: Some(auth.user_id),
            ..EnrolmentFilter::default()
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(views(&state, &auth, all).await?))
}

/// One enrolment: its trainee, admins and trainers.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("enrolment_id" = uuid::Uuid, Path, description = "Enrolment id")),
    responses(
        (status = 200, description = "The enrolment", body = EnrolmentView),
        (status = 404, description = "No such enrolment in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/enrolments/{enrolment_id}", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get_one(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let e = visible(&state, &auth, id.into_inner()).await?;
    let mut v = views(&state, &auth, vec![e]).await?;
    Ok(HttpResponse::Ok().json(v.pop()))
}

/// An enrolment the caller may see: their own, or any for admins and trainers.
pub(crate) async fn visible(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<Enrolment, ApiError> {
    let e = certification::enrolment(&state.db, auth.org, id).await?;
    if e.user_id != auth.user_id && !auth.is(Role::Admin) && !auth.is(Role::Trainer) {
        return Err(ApiError::NotFound);
    }
    Ok(e)
}

/// Withdraw a trainee from a track (admins and trainers). What they did is kept.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("enrolment_id" = uuid::Uuid, Path, description = "Enrolment id")),
    responses(
        (status = 200, description = "Withdrawn", body = EnrolmentView),
        (status = 404, description = "No such enrolment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`enrolment_closed`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/enrolments/{enrolment_id}/withdraw",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn withdraw(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let e = cinco_app::certification::enrol::withdraw(&state.app, &auth.actor(), id.into_inner())
        .await?;
    let mut v = views(&state, &auth, vec![e]).await?;
    Ok(HttpResponse::Ok().json(v.pop()))
}
