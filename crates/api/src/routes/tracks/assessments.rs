//! The assessor's side of teach-backs and observed sessions: the queue, and rating a
//! submission on the module's rubric (a certified assessor, where that is enforced).

use cinco_app::ErrorCode;
use std::collections::HashMap;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_domain::Role;
use cinco_domain::certification::{AssessmentError, Level, assessment_passes};
use cinco_domain::certification::{EnrolmentStatus, SubmissionStatus};
use cinco_domain::text::NOTE_MAX;
use cinco_persistence::certification::{
    self, Assessment, CriterionRating, EnrolledModule, Enrolment, EnrolmentFilter, Submission,
    SubmissionFilter,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::submissions::{SubmissionView, submission_view};
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::routes::certifications::{enforced, highest_level};
use crate::routes::coaching::Names;
use crate::routes::coaching::sessions::{auth_locale, session_view};
use crate::state::AppState;
use cinco_domain::learning::LearningEvent;

/// Who is assessing, read once per request: admins and trainers may assess, never their
/// own work, and, where certified coaching is enforced, only with a certification of the
/// level that assesses the track's (trainer for coach tracks, master trainer above).
struct Assessor {
    user: cinco_domain::UserId,
    staff: bool,
    /// `None`: anyone on the staff may assess (not enforced).
    certified_up_to: Option<Option<Level>>,
}

impl Assessor {
    async fn of(state: &AppState, auth: &AuthUser) -> Result<Self, ApiError> {
        let certified_up_to = if enforced(&state.db, auth.org).await? {
            let now = state.settings.clock.now();
            Some(highest_level(&state.db, auth.org, auth.user_id, now).await?)
        } else {
            None
        };
        Ok(Self {
            user: auth.user_id,
            staff: auth.is(Role::Admin) || auth.is(Role::Trainer),
            certified_up_to,
        })
    }

    fn may_assess(&self, s: &Submission, track_level: Level) -> bool {
        self.staff
            && s.user_id != self.user
            && self
                .certified_up_to
                .is_none_or(|held| held.is_some_and(|l| l >= track_level.assessor()))
    }
}

/// A submission with its module and enrolment (whose level and title are what the track
/// was when the trainee enrolled).
async fn load(
    state: &AppState,
    auth: &AuthUser,
    s: &Submission,
) -> Result<(EnrolledModule, Enrolment), ApiError> {
    let e = certification::enrolment(&state.db, auth.org, s.enrolment_id).await?;
    let m = e
        .modules
        .iter()
        .find(|m| m.id == s.module_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    Ok((m, e))
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
        None | Some("pending") => Some(SubmissionStatus::Pending),
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
    let assessor = Assessor::of(&state, &auth).await?;
    let enrolments: HashMap<uuid::Uuid, Enrolment> =
        certification::enrolments(&state.db, auth.org, EnrolmentFilter::default())
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        let Some(t) = enrolments.get(&s.enrolment_id) else {
            continue;
        };
        // A withdrawn trainee's submission waits for nobody.
        if s.status == SubmissionStatus::Pending && t.status != EnrolmentStatus::Active {
            continue;
        }
        let Some(m) = t.modules.iter().find(|m| m.id == s.module_id) else {
            continue;
        };
        let may = assessor.may_assess(&s, t.level);
        out.push(submission_view(&s, m, &t.title, &names, Some(may)));
    }
    Ok(HttpResponse::Ok().json(out))
}

/// One submission (admins and trainers), with the coaching session it names when it is an
/// observed session.
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
    let may = Assessor::of(&state, &auth).await?.may_assess(&s, t.level);
    let names = Names::load(&state.db, auth.org).await?;
    let observed = match s.coaching_session_id {
        Some(id) => {
            let session = cinco_persistence::coaching::session(&state.db, auth.org, id).await?;
            let locale = auth_locale(&state, &auth).await?;
            Some(session_view(&state, auth.org, session, &names, locale).await?)
        }
        None => None,
    };
    Ok(HttpResponse::Ok()
        .json(submission_view(&s, &m, &t.title, &names, Some(may)).with_observed(observed)))
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
            code: ErrorCode::OwnSubmission,
            detail: "someone else assesses your submissions".into(),
        });
    }
    if !Assessor::of(&state, &auth).await?.may_assess(&s, t.level) {
        return Err(ApiError::Denied {
            code: ErrorCode::NotCertified,
            detail: format!(
                "assessing this track takes a {} certification",
                t.level.assessor().as_str()
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
    let text = |field: &str, raw: Option<&str>| crate::fields::text(field, raw, NOTE_MAX);
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
    if e.status != EnrolmentStatus::Active {
        return Err(ApiError::Conflict {
            code: ErrorCode::EnrolmentClosed,
            detail: "this enrolment is completed or withdrawn".into(),
        });
    }
    if !certification::assess(
        &tx,
        auth.org,
        s.id,
        Assessment {
            assessor: auth.user_id,
            at: now,
            passed,
            ratings: &rated,
            comment,
        },
    )
    .await?
    {
        return Err(ApiError::Conflict {
            code: ErrorCode::AlreadyAssessed,
            detail: "this submission was assessed already".into(),
        });
    }
    cinco_persistence::user::touch_learning(&tx, auth.org, s.user_id).await?;
    if passed {
        let event = LearningEvent::ModuleAssessed {
            org: auth.org,
            trainee: s.user_id,
            enrolment: s.enrolment_id,
            module: m.id,
            at: now,
        };
        cinco_app::learning::publish(&state.app, &tx, &event).await?;
    }
    tx.commit().await?;
    let s = certification::submission(&state.db, auth.org, s.id).await?;
    let names = Names::load(&state.db, auth.org).await?;
    // The caller was allowed to assess it a moment ago.
    Ok(HttpResponse::Ok().json(submission_view(&s, &m, &t.title, &names, Some(true))))
}
