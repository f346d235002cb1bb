//! What the agent has done: which of the day's activities are done, minutes learned, and
//! the days with a completed session (the streak).

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use cinco_persistence::{daily, evidence, review};

use super::plan::{Learner, StoredItem};
use crate::error::ApiError;
use crate::state::AppState;

/// What the agent has done that today's items can be checked against.
#[derive(Debug, Default)]
pub(crate) struct Progress {
    pub reviewed_today: HashSet<uuid::Uuid>,
    pub lessons: Vec<evidence::Finished>,
    pub scenarios: Vec<evidence::Finished>,
}

impl Progress {
    /// Progress as of the local `day` (reviews count on the day they were made).
    pub(crate) async fn load(
        state: &AppState,
        learner: &Learner,
        day: NaiveDate,
    ) -> Result<Self, ApiError> {
        let (org, user) = (learner.org(), learner.user.id);
        Ok(Self {
            reviewed_today: review::reviewed_on(&state.db, org, user, &day.to_string())
                .await?
                .into_iter()
                .collect(),
            lessons: evidence::completed_lessons(&state.db, org, user).await?,
            scenarios: evidence::finished_scenarios(&state.db, org, user).await?,
        })
    }

    pub(crate) fn done(&self, item: &StoredItem) -> bool {
        match item.kind.as_str() {
            "review" => self.reviewed_today.contains(&item.id),
            "lesson" => self.lessons.iter().any(|f| f.version == item.id),
            "scenario" => self.scenarios.iter().any(|f| f.version == item.id),
            _ => false,
        }
    }
}

/// Seconds learned since `since` (all time when `None`): finished lessons and scenarios at
/// their estimate, plus the time spent on reviews.
pub(crate) async fn seconds_learned(
    state: &AppState,
    learner: &Learner,
    progress: &Progress,
    since: Option<DateTime<Utc>>,
) -> Result<i64, ApiError> {
    let org = learner.org();
    let recent = |f: &&evidence::Finished| since.is_none_or(|s| f.at >= s);
    let mut seconds = review::review_time_ms(&state.db, org, learner.user.id, since).await? / 1000;
    for f in progress.lessons.iter().filter(recent) {
        seconds += i64::from(
            state
                .content
                .lesson(&state.db, org, f.version)
                .await?
                .version
                .estimate_seconds,
        );
    }
    for f in progress.scenarios.iter().filter(recent) {
        seconds += i64::from(
            state
                .content
                .scenario(&state.db, org, f.version)
                .await?
                .version
                .estimate_seconds,
        );
    }
    Ok(seconds)
}

/// The completed days, as dates.
pub(crate) async fn completed_days(
    state: &AppState,
    learner: &Learner,
) -> Result<BTreeSet<NaiveDate>, ApiError> {
    Ok(
        daily::completed_days(&state.db, learner.org(), learner.user.id)
            .await?
            .iter()
            .filter_map(|d| d.parse().ok())
            .collect(),
    )
}
