//! A trainee submits a teach-back or an observed session of a track module for assessment.

use cinco_domain::certification::{
    EnrolmentStatus, ModuleType, SubmissionError, SubmissionStatus, TeachBack,
};
use cinco_domain::coaching::SessionStatus;
use cinco_domain::text::{LONG_MAX, bounded};
use cinco_persistence::certification::{self, EnrolledModule, Submission, SubmissionFilter};
use cinco_persistence::{RepoError, coaching};

use crate::{Actor, App, AppError, ErrorCode};

/// What the trainee sends.
#[derive(Debug, Default)]
pub struct Submit {
    /// Teach-backs: the session plan (required).
    pub plan: Option<String>,
    pub notes: Option<String>,
    /// Teach-backs: a link to a recording (http or https).
    pub recording_url: Option<String>,
    /// Observed sessions: the coaching session the trainee recorded while observed.
    pub coaching_session_id: Option<uuid::Uuid>,
}

/// Submits module `module_id` of the actor's own enrolment `enrolment_id`; answers the
/// submission, its module and the track's title.
pub async fn submit(
    app: &App,
    actor: &Actor,
    enrolment_id: uuid::Uuid,
    module_id: uuid::Uuid,
    cmd: Submit,
) -> Result<(Submission, EnrolledModule, String), AppError> {
    let e = certification::enrolment(&app.db, actor.org, enrolment_id).await?;
    if e.user_id != actor.user {
        return Err(AppError::NotFound);
    }
    let m = e
        .modules
        .iter()
        .find(|m| m.id == module_id)
        .ok_or(AppError::NotFound)?
        .clone();
    if e.status != EnrolmentStatus::Active {
        return Err(AppError::Conflict {
            code: ErrorCode::EnrolmentClosed,
            detail: "this enrolment is completed or withdrawn".into(),
        });
    }
    let (plan, notes, link, session) = match m.kind {
        ModuleType::TeachBack => {
            let t = TeachBack::new(
                cmd.plan.as_deref().unwrap_or_default(),
                cmd.notes.as_deref(),
                cmd.recording_url.as_deref(),
            )
            .map_err(|err| {
                let (field, code) = match err {
                    SubmissionError::Plan => ("plan", "invalid_plan"),
                    SubmissionError::Notes => ("notes", "invalid_notes"),
                    SubmissionError::Link => ("recording_url", "invalid_link"),
                };
                AppError::field(field, code, err.to_string())
            })?;
            (t.plan, t.notes, t.recording_url, None)
        }
        ModuleType::ObservedSession => {
            let id = cmd.coaching_session_id.ok_or_else(|| {
                AppError::field(
                    "coaching_session_id",
                    "invalid_session",
                    "name the coaching session you recorded while observed",
                )
            })?;
            let invalid = || {
                AppError::field(
                    "coaching_session_id",
                    "invalid_session",
                    "a coaching session you recorded since enrolling, not sent before",
                )
            };
            let s = match coaching::session(&app.db, actor.org, id).await {
                Ok(s) => s,
                Err(RepoError::NotFound) => return Err(invalid()),
                Err(other) => return Err(other.into()),
            };
            let fresh = s.held_at.is_some_and(|at| at >= e.enrolled_at);
            if s.lead_id != actor.user || s.status != SessionStatus::Recorded || !fresh {
                return Err(invalid());
            }
            let used = certification::submissions(
                &app.db,
                actor.org,
                SubmissionFilter {
                    user: Some(actor.user),
                    ..SubmissionFilter::default()
                },
            )
            .await?;
            if used.iter().any(|u| {
                u.coaching_session_id == Some(s.id) && u.status != SubmissionStatus::NeedsWork
            }) {
                return Err(invalid());
            }
            let notes = cmd
                .notes
                .as_deref()
                .map(|n| bounded(n, LONG_MAX))
                .transpose()
                .map_err(|e| AppError::field("notes", "invalid_notes", e.to_string()))?
                .flatten();
            (String::new(), notes.map(str::to_owned), None, Some(s.id))
        }
        ModuleType::Lesson | ModuleType::Scenario => {
            return Err(AppError::field(
                "module_id",
                "not_assessed",
                "lessons and scenarios complete themselves when passed",
            ));
        }
    };
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    certification::lock(&tx, actor.org, e.id).await?;
    // Read again under the lock: a withdrawal or an assessment may have just landed.
    let e = certification::enrolment(&tx, actor.org, e.id).await?;
    if e.status != EnrolmentStatus::Active {
        return Err(AppError::Conflict {
            code: ErrorCode::EnrolmentClosed,
            detail: "this enrolment is completed or withdrawn".into(),
        });
    }
    if e.modules
        .iter()
        .any(|x| x.id == m.id && x.completed_at.is_some())
    {
        return Err(AppError::Conflict {
            code: ErrorCode::ModuleDone,
            detail: "this module is done".into(),
        });
    }
    let pending = certification::submissions(
        &tx,
        actor.org,
        SubmissionFilter {
            status: Some(SubmissionStatus::Pending),
            enrolment: Some(e.id),
            ..SubmissionFilter::default()
        },
    )
    .await?;
    if pending.iter().any(|s| s.module_id == m.id) {
        return Err(AppError::Conflict {
            code: ErrorCode::AlreadySubmitted,
            detail: "a submission of this module is waiting for its assessment".into(),
        });
    }
    let s = Submission {
        id: uuid::Uuid::now_v7(),
        enrolment_id: e.id,
        module_id: m.id,
        user_id: actor.user,
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
    certification::insert_submission(&tx, actor.org, &s).await?;
    // Today's track card now says the module waits for its assessor.
    cinco_persistence::user::touch_learning(&tx, actor.org, actor.user).await?;
    tx.commit().await?;
    Ok((s, m, e.title))
}
