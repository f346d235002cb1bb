//! Track progress, a subscriber of learning events: a lesson or scenario passed after
//! enrolling completes the trainee's modules naming it, and a module assessed as passing is
//! done; the last module done issues the certification (see [`crate::certification::issue`]).

use cinco_domain::coaching::pass_mark;
use cinco_domain::learning::LearningEvent;
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
            let kind = kind.module_type();
            let open = certification::open_modules(ex, *org, *user).await?;
            for (m, _) in open.iter().filter(|(m, enrolled_at)| {
                m.kind == kind
                    && m.target_key.as_deref() == Some(key.as_str())
                    && *enrolled_at <= *at
            }) {
                let score = Some(i32::from(result.percent()));
                if result.passes(pass_mark(m.pass_percent))
                    && certification::complete_module(ex, *org, m.id, *at, score).await?
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
        LearningEvent::CoachingSessionRecorded { .. } | LearningEvent::ReviewAnswered { .. } => {}
    }
    Ok(())
}
