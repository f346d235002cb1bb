//! What the agent has done: which of the day's activities are done, minutes learned, and
//! the days with a completed session (the streak).

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use cinco_persistence::{daily, evidence, review};

use cinco_domain::today::ItemKind;
use cinco_persistence::daily::StoredItem;

use super::learner::Learner;
use crate::App;
use crate::AppError;

/// What the agent has done that today's items can be checked against.
#[derive(Debug, Default)]
pub struct Progress {
    pub reviewed_today: HashSet<uuid::Uuid>,
    pub lessons: Vec<evidence::Finished>,
    pub scenarios: Vec<evidence::Finished>,
    /// Coaching path steps done.
    pub steps_done: HashSet<uuid::Uuid>,
}

impl Progress {
    /// Progress as of the local `day` (reviews count on the day they were made).
    pub async fn load(app: &App, learner: &Learner, day: NaiveDate) -> Result<Self, AppError> {
        let (org, user) = (learner.org(), learner.user.id);
        Ok(Self {
            reviewed_today: review::reviewed_on(&app.db, org, user, &day.to_string())
                .await?
                .into_iter()
                .collect(),
            lessons: evidence::completed_lessons(&app.db, org, user).await?,
            scenarios: evidence::finished_scenarios(&app.db, org, user).await?,
            steps_done: cinco_persistence::path::steps_of_users(&app.db, org, &[user])
                .await?
                .into_iter()
                .filter(|s| s.completed_at.is_some())
                .map(|s| s.id)
                .collect(),
        })
    }

    pub fn done(&self, item: &StoredItem) -> bool {
        if let Some(step) = item.path_step_id {
            return self.steps_done.contains(&step);
        }
        match item.kind {
            ItemKind::Review => self.reviewed_today.contains(&item.id),
            ItemKind::Lesson => self.lessons.iter().any(|f| f.version == item.id),
            ItemKind::Scenario => self.scenarios.iter().any(|f| f.version == item.id),
            ItemKind::PathStep => false,
        }
    }
}

/// Minutes learned today, this week and in all.
#[derive(Debug, Clone, Copy)]
pub struct Minutes {
    pub today: i64,
    pub week: i64,
    pub total: i64,
}

/// Time learned: finished lessons and scenarios at their estimate, plus the time spent on
/// reviews; counted from `today` and `week` (instants) and in all.
pub async fn minutes_learned(
    app: &App,
    learner: &Learner,
    progress: &Progress,
    today: DateTime<Utc>,
    week: DateTime<Utc>,
) -> Result<Minutes, AppError> {
    let org = learner.org();
    let mut spent: Vec<(DateTime<Utc>, i64)> = review::review_times(&app.db, org, learner.user.id)
        .await?
        .into_iter()
        .map(|(at, ms)| (at, ms / 1000))
        .collect();
    for f in &progress.lessons {
        let lesson = app.content.lesson(&app.db, org, f.version).await?;
        spent.push((f.at, i64::from(lesson.version.estimate_seconds)));
    }
    for f in &progress.scenarios {
        let play = app.content.scenario(&app.db, org, f.version).await?;
        spent.push((f.at, i64::from(play.version.estimate_seconds)));
    }
    let since = |from: DateTime<Utc>| {
        spent
            .iter()
            .filter(|(at, _)| *at >= from)
            .map(|(_, s)| s)
            .sum::<i64>()
    };
    let minutes = |seconds: i64| (seconds + 30) / 60;
    Ok(Minutes {
        today: minutes(since(today)),
        week: minutes(since(week)),
        total: minutes(spent.iter().map(|(_, s)| s).sum()),
    })
}

/// The completed days, as dates.
pub async fn completed_days(app: &App, learner: &Learner) -> Result<BTreeSet<NaiveDate>, AppError> {
    Ok(
        daily::completed_days(&app.db, learner.org(), learner.user.id)
            .await?
            .iter()
            .filter_map(|d| d.parse().ok())
            .collect(),
    )
}
