//! The monthly empowerment pulse: an agent answers three statements at most once a
//! calendar month of the organisation's time zone (`answer`); leads see their teams' trend
//! and admins every team's (`trend`), a month only with enough answers. What was answered
//! is counted per team and month; who answered is kept apart, only to hold the once a month.

pub mod answer;
pub mod trend;

use cinco_domain::pulse::Month;
use cinco_persistence::organisation;

use crate::{App, AppError};

/// The current month in the organisation's time zone.
pub async fn this_month(app: &App, org: cinco_domain::OrganisationId) -> Result<Month, AppError> {
    let zone = organisation::time_zone(&app.db, org).await?;
    Ok(Month::of(zone.local_date(app.clock.now())))
}
