//! Assessing a submission on its module's rubric: who may assess it, and what passing does
//! (the module is done; the last module done issues the certification, through the
//! [`LearningEvent::ModuleAssessed`] subscribers).

use cinco_domain::Role;
use cinco_domain::certification::{AssessmentError, EnrolmentStatus, Level, assessment_passes};
use cinco_domain::learning::LearningEvent;
use cinco_domain::text::NOTE_MAX;
use cinco_persistence::certification::{
    self, Assessment, CriterionRating, EnrolledModule, Enrolment, Submission,
};

use super::held::{enforced, highest_level};
use crate::text::optional;
use crate::{Actor, App, AppError, ErrorCode};

/// Who is assessing, read once per request: admins and trainers may assess, never their
/// own work, and, where certified coaching is enforced, only with a certification of the
/// level that assesses the track's (trainer for coach tracks, master trainer above).
#[derive(Debug)]
pub struct Assessor {
    user: cinco_domain::UserId,
    staff: bool,
    /// `None`: anyone on the staff may assess (not enforced).
    certified_up_to: Option<Option<Level>>,
}

impl Assessor {
    pub async fn of(app: &App, actor: &Actor) -> Result<Self, AppError> {
        let certified_up_to = if enforced(&app.db, actor.org).await? {
            let now = app.clock.now();
            Some(highest_level(&app.db, actor.org, actor.user, now).await?)
        } else {
            None
        };
        Ok(Self {
            user: actor.user,
            staff: actor.is(Role::Admin) || actor.is(Role::Trainer),
            certified_up_to,
        })
    }

    pub fn may_assess(&self, s: &Submission, track_level: Level) -> bool {
        self.staff
            && s.user_id != self.user
            && self
                .certified_up_to
                .is_none_or(|held| held.is_some_and(|l| l >= track_level.assessor()))
    }
}

/// A submission with its module and enrolment (whose level and title are what the track
/// was when the trainee enrolled).
pub async fn load(
    app: &App,
    actor: &Actor,
    s: &Submission,
) -> Result<(EnrolledModule, Enrolment), AppError> {
    let e = certification::enrolment(&app.db, actor.org, s.enrolment_id).await?;
    let m = e
        .modules
        .iter()
        .find(|m| m.id == s.module_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((m, e))
}

/// One criterion as rated: 1 (not yet) to 4 (exemplary), with an optional comment.
#[derive(Debug)]
pub struct CriterionInput {
    pub rating: u8,
    pub comment: Option<String>,
}

/// An assessment: one rating per rubric criterion, in the rubric's order.
#[derive(Debug)]
pub struct Assess {
    pub ratings: Vec<CriterionInput>,
    pub comment: Option<String>,
}

/// Assesses submission `id`; it passes when every criterion is rated 3 or 4. Answers the
/// assessed submission, its module and the track's title.
pub async fn assess(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    cmd: Assess,
) -> Result<(Submission, EnrolledModule, String), AppError> {
    let s = certification::submission(&app.db, actor.org, id).await?;
    let (m, t) = load(app, actor, &s).await?;
    if s.user_id == actor.user {
        return Err(AppError::Denied {
            code: ErrorCode::OwnSubmission,
            detail: "someone else assesses your submissions".into(),
        });
    }
    if !Assessor::of(app, actor).await?.may_assess(&s, t.level) {
        return Err(AppError::Denied {
            code: ErrorCode::NotCertified,
            detail: format!(
                "assessing this track takes a {} certification",
                t.level.assessor().as_str()
            ),
        });
    }
    let ratings: Vec<u8> = cmd.ratings.iter().map(|r| r.rating).collect();
    let passed = assessment_passes(&m.rubric, &ratings).map_err(|e| {
        let detail = match e {
            AssessmentError::Criteria => {
                format!("rate each of the {} criteria, in order", m.rubric.len())
            }
            AssessmentError::Rating => e.to_string(),
        };
        AppError::field("ratings", "invalid_assessment", detail)
    })?;
    let text = |field: &str, raw: Option<&str>| optional(field, raw, NOTE_MAX);
    let mut rated = Vec::with_capacity(ratings.len());
    for (i, (criterion, r)) in m.rubric.iter().zip(&cmd.ratings).enumerate() {
        rated.push(CriterionRating {
            criterion: criterion.clone(),
            rating: r.rating,
            comment: text(&format!("ratings[{i}]"), r.comment.as_deref())?,
        });
    }
    let comment = text("comment", cmd.comment.as_deref())?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    certification::lock(&tx, actor.org, s.enrolment_id).await?;
    let e = certification::enrolment(&tx, actor.org, s.enrolment_id).await?;
    if e.status != EnrolmentStatus::Active {
        return Err(AppError::Conflict {
            code: ErrorCode::EnrolmentClosed,
            detail: "this enrolment is completed or withdrawn".into(),
        });
    }
    if !certification::assess(
        &tx,
        actor.org,
        s.id,
        Assessment {
            assessor: actor.user,
            at: now,
            passed,
            ratings: &rated,
            comment,
        },
    )
    .await?
    {
        return Err(AppError::Conflict {
            code: ErrorCode::AlreadyAssessed,
            detail: "this submission was assessed already".into(),
        });
    }
    cinco_persistence::user::touch_learning(&tx, actor.org, s.user_id).await?;
    if passed {
        let event = LearningEvent::ModuleAssessed {
            org: actor.org,
            trainee: s.user_id,
            enrolment: s.enrolment_id,
            module: m.id,
            at: now,
        };
        crate::learning::publish(app, &tx, &event).await?;
    }
    tx.commit().await?;
    let s = certification::submission(&app.db, actor.org, s.id).await?;
    Ok((s, m, t.title))
}
