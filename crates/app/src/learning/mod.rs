//! Learning events, delivered. A use case that finishes something a learner did builds one
//! [`LearningEvent`] and calls [`publish`] inside its own transaction; every subscriber runs
//! there too, so a step, a module or a certification exists exactly when the fact does.
//! A new capability that reacts to learning adds a subscriber here, and nothing else moves.

mod paths;
mod remediation;
mod tracks;

use cinco_domain::learning::LearningEvent;
use cinco_persistence::Executor;

use crate::{App, AppError};

pub use paths::complete_step;

/// Tells every subscriber of `event`, in the caller's transaction `ex`.
pub async fn publish(app: &App, ex: &impl Executor, event: &LearningEvent) -> Result<(), AppError> {
    paths::on_event(ex, event).await?;
    tracks::on_event(app, ex, event).await?;
    // After paths: a follow-up step given now is not done by the session that gave it.
    remediation::on_event(app, ex, event).await?;
    Ok(())
}

/// The event of a scenario run that ended at `at` with these competency scores.
pub fn run_ended(
    org: cinco_domain::OrganisationId,
    user: cinco_domain::UserId,
    version: &cinco_persistence::scenario::ScenarioVersion,
    competency_percents: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> LearningEvent {
    LearningEvent::ContentFinished {
        org,
        user,
        kind: cinco_domain::learning::ContentKind::Scenario,
        version: version.id,
        key: version.key.clone(),
        result: cinco_domain::learning::Finished::scenario(competency_percents),
        at,
    }
}
