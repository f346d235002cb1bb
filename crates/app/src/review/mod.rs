//! Use cases of spaced reviews.

pub mod answer;

use cinco_domain::OrganisationId;
use cinco_domain::review::Scheduler;
use cinco_persistence::review;

use crate::{App, AppError};

/// The organisation's scheduler (its fitted parameters and desired retention).
pub async fn scheduler(app: &App, org: OrganisationId) -> Result<Scheduler, AppError> {
    let settings = review::scheduling(&app.db, org).await?;
    Scheduler::new(&settings.parameters, settings.desired_retention)
        .or_else(|_| Scheduler::new(&[], settings.desired_retention))
        .map_err(AppError::internal)
}
