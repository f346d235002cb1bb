//! The trainee's side of teach-backs and observed sessions: submitting one (again, when it
//! needs work), and how a submission is shown to its trainee and to assessors.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, Utc};
use cinco_app::certification::submit::Submit;
use cinco_persistence::certification::{self, EnrolledModule, Submission};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::certifications::CriterionView;
use crate::routes::coaching::sessions::CoachingSessionView;
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;
use crate::states::{ModuleKindView, SubmissionStatusView};

#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionView {
    id: uuid::Uuid,
    enrolment_id: uuid::Uuid,
    module_id: uuid::Uuid,
    module_title: String,
    /// `teach_back` or `observed_session`.
    kind: ModuleKindView,
    track_title: String,
    trainee: PersonRef,
    plan: String,
    notes: Option<String>,
    recording_url: Option<String>,
    coaching_session_id: Option<uuid::Uuid>,
    submitted_at: DateTime<Utc>,
    status: SubmissionStatusView,
    assessor: Option<PersonRef>,
    assessed_at: Option<DateTime<Utc>>,
    ratings: Vec<CriterionView>,
    comment: Option<String>,
    rubric: Vec<String>,
    /// In the assessor's queue: whether the caller may assess it.
    may_assess: Option<bool>,
    /// For an assessor opening one observed session: the coaching session it names, as
    /// recorded (the assessor may not otherwise open another lead's session).
    #[serde(skip_serializing_if = "Option::is_none")]
    observed_session: Option<CoachingSessionView>,
}

impl SubmissionView {
    pub(crate) fn with_observed(self, session: Option<CoachingSessionView>) -> Self {
        Self {
            observed_session: session,
            ..self
        }
    }
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
        kind: m.kind.into(),
        track_title: track_title.to_owned(),
        trainee: names.person(s.user_id),
        plan: s.plan.clone(),
        notes: s.notes.clone(),
        recording_url: s.recording_url.clone(),
        coaching_session_id: s.coaching_session_id,
        submitted_at: s.submitted_at,
        status: s.status.into(),
        assessor: s.assessor_id.map(|a| names.person(a)),
        assessed_at: s.assessed_at,
        ratings: s
            .ratings
            .iter()
            .enumerate()
            .map(|(i, r)| CriterionView {
                // Rated in rubric order: the criterion as the module shows it to this reader.
                criterion: m
                    .rubric
                    .get(i)
                    .filter(|_| s.ratings.len() == m.rubric.len())
                    .unwrap_or(&r.criterion)
                    .clone(),
                rating: r.rating,
                comment: r.comment.clone(),
            })
            .collect(),
        comment: s.comment.clone(),
        rubric: m.rubric.clone(),
        may_assess,
        observed_session: None,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SubmitBody {
    /// Teach-backs: the session plan (required, at most 4,000 characters).
    #[serde(default)]
    #[schema(max_length = 4000)]
    plan: Option<String>,
    /// At most 4,000 characters.
    #[serde(default)]
    #[schema(max_length = 4000)]
    notes: Option<String>,
    /// Teach-backs: a link to a recording (http or https, at most 500 bytes).
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
        (status = 422, description = "`validation_failed`: `not_assessed`, `invalid_plan`, `invalid_notes`, `invalid_link` or `invalid_session`", body = Problem, content_type = "application/problem+json")
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
    body: Json<SubmitBody>,
) -> Result<HttpResponse, ApiError> {
    let (enrolment_id, module_id) = path.into_inner();
    let body = body.into_inner();
    let cmd = Submit {
        plan: body.plan,
        notes: body.notes,
        recording_url: body.recording_url,
        coaching_session_id: body.coaching_session_id,
    };
    let (s, m, title) = cinco_app::certification::submit::submit(
        &state.app,
        &auth.actor(),
        enrolment_id,
        module_id,
        cmd,
    )
    .await?;
    let names = Names::load(&state.db, auth.org).await?;
    let (m, title) = read_in(&state, &auth, &s, m, title).await?;
    Ok(HttpResponse::Created().json(submission_view(&s, &m, &title, &names, None)))
}

/// The submission's module and track title in the caller's language, where its enrolment
/// has it.
pub(crate) async fn read_in(
    state: &AppState,
    auth: &AuthUser,
    s: &Submission,
    m: EnrolledModule,
    title: String,
) -> Result<(EnrolledModule, String), ApiError> {
    let mut e = certification::enrolment(&state.db, auth.org, s.enrolment_id).await?;
    let (preferred, fallback) = crate::routes::learn::locales(&state.db, auth).await?;
    if cinco_app::certification::language::read_in(&mut e, preferred, fallback).is_none() {
        return Ok((m, title));
    }
    let module = e.modules.into_iter().find(|x| x.id == m.id).unwrap_or(m);
    Ok((module, e.title))
}
