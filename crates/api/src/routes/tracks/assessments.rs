//! The assessor's side of teach-backs and observed sessions: the queue, and rating a
//! submission on the module's rubric (a certified assessor, where that is enforced).

use cinco_app::certification::assess::{Assess, Assessor, CriterionInput, load};
use cinco_app::certification::language;
use std::collections::HashMap;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_domain::certification::{EnrolmentStatus, SubmissionStatus};
use cinco_persistence::certification::{self, Enrolment, EnrolmentFilter, SubmissionFilter};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::submissions::{SubmissionView, submission_view};
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::coaching::Names;
use crate::routes::coaching::sessions::{auth_locale, session_view};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct QueueQuery {
    /// `pending` (the default) or `all`.
    #[param(value_type = Option<QueueStatus>)]
    status: Option<String>,
}

/// Which submissions the assessor's queue lists.
#[derive(Debug, Clone, Copy, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QueueStatus {
    /// Those waiting for an assessment.
    Pending,
    /// Every submission.
    All,
}

/// The assessor's queue: submissions waiting for assessment, oldest first, each saying
/// whether the caller may assess it (admins and trainers).
#[utoipa::path(
    tag = "tracks",
    security(("bearer" = ["admin", "trainer"])),
    params(QueueQuery),
    responses(
        (status = 200, description = "Submissions", body = [SubmissionView]),
        (status = 400, description = "`invalid_query`: a parameter's value is not one the list takes (`errors` names it)", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/assessments", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn queue(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = match query.status.as_deref() {
        None | Some("pending") => QueueStatus::Pending,
        Some("all") => QueueStatus::All,
        Some(_) => {
            return Err(ApiError::query(
                "status",
                "invalid_status",
                "pending or all",
            ));
        }
    };
    let status = match status {
        QueueStatus::Pending => Some(SubmissionStatus::Pending),
        QueueStatus::All => None,
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
    let assessor = Assessor::of(&state.app, &auth.actor()).await?;
    let (preferred, fallback) = crate::routes::learn::locales(&state.db, &auth).await?;
    let enrolments: HashMap<uuid::Uuid, Enrolment> =
        certification::enrolments(&state.db, auth.org, EnrolmentFilter::default())
            .await?
            .into_iter()
            .map(|mut e| {
                language::read_in(&mut e, preferred, fallback);
                (e.id, e)
            })
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
    let (mut m, mut t) = load(&state.app, &auth.actor(), &s).await?;
    let (preferred, fallback) = crate::routes::learn::locales(&state.db, &auth).await?;
    language::read_in(&mut t, preferred, fallback);
    if let Some(shown) = t.modules.iter().find(|x| x.id == m.id) {
        m = shown.clone();
    }
    let may = Assessor::of(&state.app, &auth.actor())
        .await?
        .may_assess(&s, t.level);
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
    #[schema(minimum = 1, maximum = 4)]
    rating: u8,
    /// At most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    comment: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssessBody {
    /// One per rubric criterion, in the rubric's order.
    ratings: Vec<CriterionBody>,
    /// At most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
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
        (status = 422, description = "`validation_failed`: `invalid_assessment` or `too_long`", body = Problem, content_type = "application/problem+json")
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
    body: Json<AssessBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = Assess {
        ratings: body
            .ratings
            .into_iter()
            .map(|r| CriterionInput {
                rating: r.rating,
                comment: r.comment,
            })
            .collect(),
        comment: body.comment,
    };
    let (s, m, title) =
        cinco_app::certification::assess::assess(&state.app, &auth.actor(), id.into_inner(), cmd)
            .await?;
    let names = Names::load(&state.db, auth.org).await?;
    let (m, title) = super::submissions::read_in(&state, &auth, &s, m, title).await?;
    // The caller was allowed to assess it a moment ago.
    Ok(HttpResponse::Ok().json(submission_view(&s, &m, &title, &names, Some(true))))
}
