//! The trainee's side of teach-backs and observed sessions: submitting one (again, when it
//! needs work), and how a submission is shown to its trainee and to assessors.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, Utc};
use cinco_app::ErrorCode;
use cinco_domain::certification::{EnrolmentStatus, SubmissionStatus};
use cinco_domain::certification::{SubmissionError, TeachBack};
use cinco_domain::coaching::SessionStatus;
use cinco_domain::text::{LONG_MAX, bounded};
use cinco_persistence::certification::{self, EnrolledModule, Submission, SubmissionFilter};
use cinco_persistence::{RepoError, coaching};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::routes::certifications::CriterionView;
use crate::routes::coaching::sessions::CoachingSessionView;
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;

/// Where a submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStatusView {
    /// Waiting for an assessor.
    Pending,
    /// Meets the bar: its module is done.
    Passed,
    /// Not yet: the trainee sends it again.
    NeedsWork,
}

impl From<SubmissionStatus> for SubmissionStatusView {
    fn from(s: SubmissionStatus) -> Self {
        match s {
            SubmissionStatus::Pending => SubmissionStatusView::Pending,
            SubmissionStatus::Passed => SubmissionStatusView::Passed,
            SubmissionStatus::NeedsWork => SubmissionStatusView::NeedsWork,
        }
    }
}

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
        kind: m.kind.clone(),
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
            .map(|r| CriterionView {
                criterion: r.criterion.clone(),
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
    if e.status != EnrolmentStatus::Active {
        return Err(ApiError::Conflict {
            code: ErrorCode::EnrolmentClosed,
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
                    SubmissionError::Plan => ("plan", "invalid_plan"),
                    SubmissionError::Notes => ("notes", "invalid_notes"),
                    SubmissionError::Link => ("recording_url", "invalid_link"),
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
            let invalid = || {
                ApiError::field(
                    "coaching_session_id",
                    "invalid_session",
                    "a coaching session you recorded since enrolling, not sent before",
                )
            };
            let s = match coaching::session(&state.db, auth.org, id).await {
                Ok(s) => s,
                Err(RepoError::NotFound) => return Err(invalid()),
                Err(other) => return Err(other.into()),
            };
            let fresh = s.held_at.is_some_and(|at| at >= e.enrolled_at);
            if s.lead_id != auth.user_id || s.status != SessionStatus::Recorded || !fresh {
                return Err(invalid());
            }
            let used = certification::submissions(
                &state.db,
                auth.org,
                SubmissionFilter {
                    user: Some(auth.user_id),
                    ..SubmissionFilter::default()
                },
            )
            .await?;
            if used.iter().any(|u| {
                u.coaching_session_id == Some(s.id) && u.status != SubmissionStatus::NeedsWork
            }) {
                return Err(invalid());
            }
            let notes = body
                .notes
                .as_deref()
                .map(|n| bounded(n, LONG_MAX))
                .transpose()
                .map_err(|e| ApiError::field("notes", "invalid_notes", e.to_string()))?
                .flatten();
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
    let now = state.settings.clock.now();
    let tx = state.db.begin().await?;
    certification::lock(&tx, auth.org, e.id).await?;
    // Read again under the lock: a withdrawal or an assessment may have just landed.
    let e = certification::enrolment(&tx, auth.org, e.id).await?;
    if e.status != EnrolmentStatus::Active {
        return Err(ApiError::Conflict {
            code: ErrorCode::EnrolmentClosed,
            detail: "this enrolment is completed or withdrawn".into(),
        });
    }
    if e.modules
        .iter()
        .any(|x| x.id == m.id && x.completed_at.is_some())
    {
        return Err(ApiError::Conflict {
            code: ErrorCode::ModuleDone,
            detail: "this module is done".into(),
        });
    }
    let pending = certification::submissions(
        &tx,
        auth.org,
        SubmissionFilter {
            status: Some(SubmissionStatus::Pending),
            enrolment: Some(e.id),
            ..SubmissionFilter::default()
        },
    )
    .await?;
    if pending.iter().any(|s| s.module_id == m.id) {
        return Err(ApiError::Conflict {
            code: ErrorCode::AlreadySubmitted,
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
        status: SubmissionStatus::Pending,
        assessor_id: None,
        assessed_at: None,
        ratings: Vec::new(),
        comment: None,
    };
    certification::insert_submission(&tx, auth.org, &s).await?;
    // Today's track card now says the module waits for its assessor.
    cinco_persistence::user::touch_learning(&tx, auth.org, auth.user_id).await?;
    tx.commit().await?;
    let names = Names::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Created().json(submission_view(&s, &m, &e.title, &names, None)))
}
