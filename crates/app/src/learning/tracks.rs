//! Track progress, a subscriber of learning events: a lesson or scenario passed after
//! enrolling completes the trainee's modules naming it, and a module assessed as passing is
//! done; the last module done issues the certification (see [`crate::certification::issue`]).

use cinco_domain::learning::LearningEvent;
use cinco_domain::programme::{Done, GivenStep};
use cinco_persistence::{Executor, certification};

use crate::certification::issue::issue_when_done;
use crate::{App, AppError};

pub(super) async fn on_event(
    app: &App,
    ex: &impl Executor,
    event: &LearningEvent,
) -> Result<(), AppError> {
    match event {
        LearningEvent::ContentFinished {
            org,
            user,
            kind,
            key,
            result,
            at,
            ..
        } => {
            let done = Done {
                kind: *kind,
                key,
                result: *result,
                at: *at,
            };
            for (m, enrolled_at) in certification::open_modules(ex, *org, *user).await? {
                let module = GivenStep {
                    kind: m.kind,
                    target_key: m.target_key.as_deref(),
                    pass_percent: m.pass_percent,
                    given_at: enrolled_at,
                };
                let Some(score) = module.completed_by(&done) else {
                    continue;
                };
                if certification::complete_module(ex, *org, m.id, *at, Some(i32::from(score)))
                    .await?
                {
                    issue_when_done(Some(app), ex, *org, m.enrolment_id, *at).await?;
                }
            }
        }
        LearningEvent::ModuleAssessed {
            org,
            enrolment,
            module,
            at,
            ..
        } => {
            if certification::complete_module(ex, *org, *module, *at, None).await? {
                issue_when_done(Some(app), ex, *org, *enrolment, *at).await?;
            }
        }
        LearningEvent::CoachingSessionRecorded { .. }
        | LearningEvent::ReviewAnswered { .. }
        | LearningEvent::QaScored { .. } => {}
    }
    Ok(())
}
