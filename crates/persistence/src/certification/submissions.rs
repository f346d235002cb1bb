//! Teach-back and observed-session submissions, and the assessor's ratings of them.

use chrono::{DateTime, Utc};
use cinco_domain::certification::SubmissionStatus;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

use crate::entities::track_submissions;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// One criterion of a rubric as the assessor rated it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionRating {
    pub criterion: String,
    pub rating: u8,
    #[serde(default)]
    pub comment: Option<String>,
}

/// A submission for an assessed module.
#[derive(Debug, Clone)]
pub struct Submission {
    pub id: uuid::Uuid,
    pub enrolment_id: uuid::Uuid,
    pub module_id: uuid::Uuid,
    pub user_id: UserId,
    pub plan: String,
    pub notes: Option<String>,
    pub recording_url: Option<String>,
    /// The coaching session observed (observed-session modules).
    pub coaching_session_id: Option<uuid::Uuid>,
    pub submitted_at: DateTime<Utc>,
    pub status: SubmissionStatus,
    pub assessor_id: Option<UserId>,
    pub assessed_at: Option<DateTime<Utc>>,
    pub ratings: Vec<CriterionRating>,
    pub comment: Option<String>,
}

pub async fn insert_submission(
    ex: &impl Executor,
    org: OrganisationId,
    s: &Submission,
) -> Result<(), RepoError> {
    track_submissions::Entity::insert(track_submissions::ActiveModel {
        id: Set(s.id),
        organisation_id: Set(org.as_uuid()),
        enrolment_id: Set(s.enrolment_id),
        module_id: Set(s.module_id),
        user_id: Set(s.user_id.as_uuid()),
        plan: Set(s.plan.clone()),
        notes: Set(s.notes.clone()),
        recording_url: Set(s.recording_url.clone()),
        coaching_session_id: Set(s.coaching_session_id),
        submitted_at: Set(s.submitted_at),
        status: Set(SubmissionStatus::Pending.as_str().to_owned()),
        assessor_id: Set(None),
        assessed_at: Set(None),
        ratings: Set(None),
        comment: Set(None),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// Which submissions to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    pub status: Option<SubmissionStatus>,
    pub user: Option<UserId>,
    pub enrolment: Option<uuid::Uuid>,
}

/// Submissions, oldest first (the order an assessor's queue is worked in).
pub async fn submissions(
    ex: &impl Executor,
    org: OrganisationId,
    f: Filter,
) -> Result<Vec<Submission>, RepoError> {
    let mut q = track_submissions::Entity::find()
        .filter(track_submissions::Column::OrganisationId.eq(org.as_uuid()));
    if let Some(status) = f.status {
        q = q.filter(track_submissions::Column::Status.eq(status.as_str()));
    }
    if let Some(user) = f.user {
        q = q.filter(track_submissions::Column::UserId.eq(user.as_uuid()));
    }
    if let Some(enrolment) = f.enrolment {
        q = q.filter(track_submissions::Column::EnrolmentId.eq(enrolment));
    }
    q.order_by_asc(track_submissions::Column::SubmittedAt)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

pub async fn submission(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Submission, RepoError> {
    track_submissions::Entity::find_by_id(id)
        .filter(track_submissions::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .map(to_domain)
        .ok_or(RepoError::NotFound)?
}

/// An assessor's verdict on a submission.
#[derive(Debug, Clone)]
pub struct Assessment<'a> {
    pub assessor: UserId,
    pub at: DateTime<Utc>,
    pub passed: bool,
    pub ratings: &'a [CriterionRating],
    pub comment: Option<String>,
}

/// Records an assessment of a pending submission; false when it was assessed already.
pub async fn assess(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    a: Assessment<'_>,
) -> Result<bool, RepoError> {
    let Assessment {
        assessor,
        at,
        passed,
        ratings,
        comment,
    } = a;
    let done = track_submissions::Entity::update_many()
        .col_expr(
            track_submissions::Column::Status,
            Expr::value(
                if passed {
                    SubmissionStatus::Passed
                } else {
                    SubmissionStatus::NeedsWork
                }
                .as_str(),
            ),
        )
        .col_expr(
            track_submissions::Column::AssessorId,
            Expr::value(assessor.as_uuid()),
        )
        .col_expr(track_submissions::Column::AssessedAt, Expr::value(at))
        .col_expr(
            track_submissions::Column::Ratings,
            Expr::value(serde_json::to_string(ratings).unwrap_or_default()),
        )
        .col_expr(track_submissions::Column::Comment, Expr::value(comment))
        .filter(track_submissions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(track_submissions::Column::Id.eq(id))
        .filter(track_submissions::Column::Status.eq(SubmissionStatus::Pending.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected > 0)
}

fn to_domain(r: track_submissions::Model) -> Result<Submission, RepoError> {
    Ok(Submission {
        id: r.id,
        enrolment_id: r.enrolment_id,
        module_id: r.module_id,
        user_id: UserId::from_uuid(r.user_id),
        plan: r.plan,
        notes: r.notes,
        recording_url: r.recording_url,
        coaching_session_id: r.coaching_session_id,
        submitted_at: r.submitted_at,
        status: SubmissionStatus::parse(&r.status)
            .ok_or_else(|| corrupt("track_submissions", "status"))?,
        assessor_id: r.assessor_id.map(UserId::from_uuid),
        assessed_at: r.assessed_at,
        ratings: r
            .ratings
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default(),
        comment: r.comment,
    })
}
