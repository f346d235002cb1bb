//! The learner whose day it is: the person, their organisation's language and their local
//! day as of now.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use cinco_domain::user::User;
use cinco_domain::{Locale, OrganisationId, UserId};
use cinco_persistence::{organisation, user};

use crate::{App, AppError};

/// The caller on their local day.
#[derive(Debug)]
pub struct Learner {
    pub user: User,
    pub org_locale: Locale,
    pub now: DateTime<Utc>,
    pub day: NaiveDate,
}

impl Learner {
    /// The person `user` of `org` as of the app's clock.
    pub async fn load(app: &App, org: OrganisationId, user: UserId) -> Result<Self, AppError> {
        let user = user::get(&app.db, org, user).await?;
        let org = organisation::get(&app.db, org).await?;
        let now = app.clock.now();
        Ok(Self {
            day: user.time_zone.local_date(now),
            user,
            org_locale: org.default_locale,
            now,
        })
    }

    pub fn org(&self) -> OrganisationId {
        self.user.organisation_id
    }

    /// When the local day after `day` begins.
    pub fn end_of(&self, day: NaiveDate) -> DateTime<Utc> {
        self.user.time_zone.start_of(day + Duration::days(1))
    }
}
