//! Teach-backs and observed sessions: the trainee submits, a certified assessor rates the
//! submission on the module's rubric, and the trainee may submit again when it needs work.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use cinco_domain::Role;
use cinco_domain::certification::{AssessmentError, TeachBack, assessment_passes};
use cinco_persistence::certification::{
    self, ACTIVE, CriterionRating, EnrolledModule, PENDING, Submission, SubmissionFilter,
};
use cinco_persistence::coaching;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::progress;
use crate::auth::{ADMIN, ANY, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::routes::certifications::{CriterionView, certified, enforced};
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionView {
    id: uuid::Uuid,
    enrolment_id: uuid::Uuid,
    module_id: uuid::Uuid,
    module_title: String,
    /// `teach_back` or `observed_session`.
    kind: String,
    track_title: String,
    trainee: PersonRef,
    plan: String,
    notes: Option<String>,
    recording_url: Option<String>,
    coaching_session_id: Option<uuid::Uuid>,
    submitted_at: DateTime<Utc>,
    /// `pending`, `passed` or `needs_work`.
    status: String,
    assessor: Option<PersonRef>,
    assessed_at: Option<DateTime<Utc>>,
    ratings: Vec<CriterionView>,
    comment: Option<String>,
    rubric: Vec<String>,
    /// In the assessor's queue: whether the caller may assess it.
    may_assess: Option<bool>,
}

pub(crate) fn submission_view(
    s: &Submission,
    m: &EnrolledModule,
    track_title: &str,
    names: &Names,
    may_assess: Option<bool>,
) -> SubmissionView {
    SubmissionView {
        id: s.id,
        enrolment_id: s.enrolment_id,
        module_id: s.module_id,
        module_title: m.title.clone(),
        kind: m.kind.clone(),
        track_title: track_title.to_owned(),
        trainee: names.person(s.user_id),
        plan: s.plan.clone(),
        notes: s.notes.clone(),
        recording_url: s.recording_url.clone(),
        coaching_session_id: s.coaching_session_id,
        submitted_at: s.submitted_at,
        status: s.status.clone(),
        assessor: s.assessor_id.map(|a| names.person(a)),
        assessed_at: s.assessed_at,
        ratings: s
            .ratings
            .iter()
            .map(|r| CriterionView {
                criterion: r.criterion.clone(),
                rating: r.rating,
                comment: r.comment.clone(),
            })
            .collect(),
        comment: s.comment.clone(),
        rubric: m.rubric.clone(),
        may_assess,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SubmitBody {
    /// Teach-backs: the session plan (required).
    #[serde(default)]
    plan: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    /// Teach-backs: a link to a recording (http or https).
    #[serde(default)]
    recording_url: Option<String>,
    /// Observed sessions: the coaching session the trainee recorded while observed.
    #[serde(default)]
    coaching_session_id: Option<uuid::Uuid>,
}

/// Submit a teach-back or an observed session for assessment (the trainee).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(
        ("enrolment_id" = uuid::Uuid, Path, description = "Enrolment id"),
        ("module_id" = uuid::Uuid, Path, description = "Module id")
    ),
    request_body = SubmitBody,
    responses(
        (status = 201, description = "Submitted", body = SubmissionView),
        (status = 404, description = "No such enrolment or module of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`enrolment_closed`, `module_done` or `already_submitted`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`not_assessed`, `invalid_plan`, `invalid_notes`, `invalid_link` or `invalid_session`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/me/enrolments/{enrolment_id}/modules/{module_id}/submissions",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn submit(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(uuid::Uuid, uuid::Uuid)>,
    body: web::Json<SubmitBody>,
) -> Result<HttpResponse, ApiError> {
    let (enrolment_id, module_id) = path.into_inner();
    let e = certification::enrolment(&state.db, auth.org, enrolment_id).await?;
    if e.user_id != auth.user_id {
        return Err(ApiError::NotFound);
    }
    let m = e
        .modules
        .iter()
        .find(|m| m.id == module_id)
        .ok_or(ApiError::NotFound)?
        .clone();
    if e.status != ACTIVE {
        return Err(ApiError::Conflict {
            code: "enrolment_closed",
            detail: "this enrolment is completed or withdrawn".into(),
        });
    }
    let (plan, notes, link, session) = match m.kind.as_str() {
        "teach_back" => {
            let t = TeachBack::new(
                body.plan.as_deref().unwrap_or_default(),
                body.notes.as_deref(),
                body.recording_url.as_deref(),
            )
            .map_err(|err| {
                let (field, code) = match err {
                    cinco_domain::certification::SubmissionError::Plan => ("plan", "invalid_plan"),
                    cinco_domain::certification::SubmissionError::Notes => {
                        ("notes", "invalid_notes")
                    }
                    cinco_domain::certification::SubmissionError::Link => {
                        ("recording_url", "invalid_link")
                    }
                };
                ApiError::field(field, code, err.to_string())
            })?;
            (t.plan, t.notes, t.recording_url, None)
        }
        "observed_session" => {
            let id = body.coaching_session_id.ok_or_else(|| {
                ApiError::field(
                    "coaching_session_id",
                    "invalid_session",
                    "name the coaching session you recorded while observed",
                )
            })?;
            let s = coaching::session(&state.db, auth.org, id)
                .await
                .ok()
                .filter(|s| s.lead_id == auth.user_id && s.status == coaching::RECORDED)
                .ok_or_else(|| {
                    ApiError::field(
                        "coaching_session_id",
                        "invalid_session",
                        "a coaching session you recorded",
                    )
                })?;
            let notes = body
                .notes
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty());
            if notes.is_some_and(|n| n.chars().count() > 4000) {
                return Err(ApiError::field(
                    "notes",
                    "invalid_notes",
                    "at most 4000 characters",
                ));
            }
            (String::new(), notes.map(str::to_owned), None, Some(s.id))
        }
        _ => {
            return Err(ApiError::field(
                "module_id",
                "not_assessed",
                "lessons and scenarios complete themselves when passed",
            ));
        }
    };
    if m.completed_at.is_some() {
        return Err(ApiError::Conflict {
            code: "module_done",
            detail: "this module is done".into(),
        });
    }
    let now = state.settings.clock.now();
    let tx = state.db.begin().await?;
    certification::lock(&tx, auth.org, e.id).await?;
    let pending = certification::submissions(
        &tx,
        auth.org,
        SubmissionFilter {
            status: Some(PENDING),
            enrolment: Some(e.id),
            ..SubmissionFilter::default()
        },
    )
    .await?;
    if pending.iter().any(|s| s.module_id == m.id) {
        return Err(ApiError::Conflict {
            code: "already_submitted",
            detail: "a submission of this module is waiting for its assessment".into(),
        });
    }
    let s = Submission {
        id: uuid::Uuid::now_v7(),
        enrolment_id: e.id,
        module_id: m.id,
        user_id: auth.user_id,
        plan,
        notes,
        recording_url: link,
        coaching_session_id: session,
        submitted_at: now,
        status: PENDING.to_owned(),
        assessor_id: None,
        assessed_at: None,
        ratings: Vec::new(),
        comment: None,
    };
    certification::insert_submission(&tx, auth.org, &s).await?;
    tx.commit().await?;
    let names = Names::load(&state.db, auth.org).await?;
    let track = certification::track(&state.db, auth.org, e.track_id).await?;
    Ok(HttpResponse::Created().json(submission_view(&s, &m, &track.track.title, &names, None)))
}

/// Whether the caller may assess submissions of this track: admins and trainers, never
/// their own, and, where certified coaching is enforced, only with a certification of the
/// level that assesses the track's (trainer for coach tracks, master trainer above).
async fn may_assess(
    state: &AppState,
    auth: &AuthUser,
    s: &Submission,
    track_level: cinco_domain::certification::Level,
    enforce: bool,
) -> Result<bool, ApiError> {
    if s.user_id == auth.user_id || !(auth.is(Role::Admin) || auth.is(Role::Trainer)) {
        return Ok(false);
    }
    if !enforce {
        return Ok(true);
    }
    let now = state.settings.clock.now();
    certified(
        &state.db,
        auth.org,
        auth.user_id,
        track_level.assessor(),
        None,
        now,
    )
    .await
}

/// A submission with its module and track.
async fn load(
    state: &AppState,
    auth: &AuthUser,
    s: &Submission,
) -> Result<
    (
        EnrolledModule,
        cinco_persistence::certification::StoredTrack,
    ),
    ApiError,
> {
    let e = certification::enrolment(&state.db, auth.org, s.enrolment_id).await?;
    let m = e
        .modules
        .into_iter()
        .find(|m| m.id == s.module_id)
        .ok_or(ApiError::NotFound)?;
    let t = certification::track(&state.db, auth.org, e.track_id).await?;
    Ok((m, t))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct QueueQuery {
    /// `pending` (the default) or `all`.
    status: Option<String>,
}

/// The assessor's queue: submissions waiting for assessment, oldest first, each saying
/// whether the caller may assess it (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(QueueQuery),
    responses((status = 200, description = "Submissions", body = [SubmissionView]))
)]
#[get("/assessments", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn queue(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = match query.status.as_deref() {
        None | Some("pending") => Some(PENDING),
        Some("all") => None,
        Some(_) => {
            return Err(ApiError::field(
                "status",
                "invalid_status",
                "pending or all",
            ));
        }
    };
    let list = certification::submissions(
        &state.db,
        auth.org,
        SubmissionFilter {
            status,
            ..SubmissionFilter::default()
        },
    )
    .await?;
    let names = Names::load(&state.db, auth.org).await?;
    let enforce = enforced(&state.db, auth.org).await?;
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        let (m, t) = load(&state, &auth, &s).await?;
        let may = may_assess(&state, &auth, &s, t.track.level, enforce).await?;
        out.push(submission_view(&s, &m, &t.track.title, &names, Some(may)));
    }
    Ok(HttpResponse::Ok().json(out))
}

/// One submission (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("submission_id" = uuid::Uuid, Path, description = "Submission id")),
    responses(
        (status = 200, description = "The submission", body = SubmissionView),
        (status = 404, description = "No such submission", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/assessments/{submission_id}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn get_one(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let s = certification::submission(&state.db, auth.org, id.into_inner()).await?;
    let (m, t) = load(&state, &auth, &s).await?;
    let enforce = enforced(&state.db, auth.org).await?;
    let may = may_assess(&state, &auth, &s, t.track.level, enforce).await?;
    let names = Names::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(submission_view(&s, &m, &t.track.title, &names, Some(may))))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CriterionBody {
    /// 1 (not yet), 2 (developing), 3 (meets the bar), 4 (exemplary).
    rating: u8,
    #[serde(default)]
    comment: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssessBody {
    /// One per rubric criterion, in the rubric's order.
    ratings: Vec<CriterionBody>,
    #[serde(default)]
    comment: Option<String>,
}

/// Assess a submission on its rubric. It passes when every criterion is rated 3 or 4; the
/// module is then done, and the last module done issues the certification. Otherwise the
/// trainee may submit again.
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(("submission_id" = uuid::Uuid, Path, description = "Submission id")),
    request_body = AssessBody,
    responses(
        (status = 200, description = "Assessed", body = SubmissionView),
        (status = 403, description = "`own_submission` or `not_certified`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_assessed` or `enrolment_closed`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_assessment` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/assessments/{submission_id}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn assess(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: web::Json<AssessBody>,
) -> Result<HttpResponse, ApiError> {
    let s = certification::submission(&state.db, auth.org, id.into_inner()).await?;
    let (m, t) = load(&state, &auth, &s).await?;
    if s.user_id == auth.user_id {
        return Err(ApiError::Denied {
            code: "own_submission",
            detail: "someone else assesses your submissions".into(),
        });
    }
    let enforce = enforced(&state.db, auth.org).await?;
    if !may_assess(&state, &auth, &s, t.track.level, enforce).await? {
        return Err(ApiError::Denied {
            code: "not_certified",
            detail: format!(
                "assessing this track takes a {} certification",
                t.track.level.assessor().as_str()
            ),
        });
    }
    let ratings: Vec<u8> = body.ratings.iter().map(|r| r.rating).collect();
    let passed = assessment_passes(&m.rubric, &ratings).map_err(|e| {
        let detail = match e {
            AssessmentError::Criteria => {
                format!("rate each of the {} criteria, in order", m.rubric.len())
            }
            AssessmentError::Rating => e.to_string(),
        };
        ApiError::field("ratings", "invalid_assessment", detail)
    })?;
    let text = |field: &str, raw: Option<&str>| -> Result<Option<String>, ApiError> {
        let t = raw.map(str::trim).filter(|t| !t.is_empty());
        if t.is_some_and(|t| t.chars().count() > 2000) {
            return Err(ApiError::field(
                field,
                "too_long",
                "at most 2000 characters",
            ));
        }
        Ok(t.map(str::to_owned))
    };
    let mut rated = Vec::with_capacity(ratings.len());
    for (i, (criterion, r)) in m.rubric.iter().zip(&body.ratings).enumerate() {
        rated.push(CriterionRating {
            criterion: criterion.clone(),
            rating: r.rating,
            comment: text(&format!("ratings[{i}]"), r.comment.as_deref())?,
        });
    }
    let comment = text("comment", body.comment.as_deref())?;
    let now = state.settings.clock.now();
    let tx = state.db.begin().await?;
    certification::lock(&tx, auth.org, s.enrolment_id).await?;
    let e = certification::enrolment(&tx, auth.org, s.enrolment_id).await?;
    if e.status != ACTIVE {
        return Err(ApiError::Conflict {
            code: "enrolment_closed",
            detail: "this enrolment is completed or withdrawn".into(),
        });
    }
    if !certification::assess(
        &tx,
        auth.org,
        s.id,
        auth.user_id,
        now,
        passed,
        &rated,
        comment,
    )
    .await?
    {
        return Err(ApiError::Conflict {
            code: "already_assessed",
            detail: "this submission was assessed already".into(),
        });
    }
    if passed && certification::complete_module(&tx, auth.org, m.id, now, None).await? {
        progress::module_done(
            Some(&state.settings.public_url),
            &tx,
            auth.org,
            s.enrolment_id,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    let s = certification::submission(&state.db, auth.org, s.id).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let may = may_assess(&state, &auth, &s, t.track.level, enforce).await?;
    Ok(HttpResponse::Ok().json(submission_view(&s, &m, &t.track.title, &names, Some(may))))
}
