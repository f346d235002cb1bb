//! Programme indicators: what the learning programme did, week by week, next to the results
//! it is meant to move (see docs/indicators.md).
//!
//! - **Active agents**: agents who completed a daily session or a lesson that week.
//! - **Sessions completed**: daily sessions completed, counted in the week of their day.
//! - **Minutes learned**: finished lessons and scenarios at their estimate, plus the time
//!   spent on reviews (each at most two minutes), as the lead's dashboard counts them.
//! - **Path steps on time / late**: coaching path steps with a due date completed that week;
//!   on time when completed by the due instant.
//! - **Proficiency** (per competency): at each week's end, the mean level (1–4) of the agents
//!   with evidence in the competency by then, and the share of them at level 3 or more.
//! - **Certified coaches** (per competency): people holding a certification covering the
//!   competency that was valid at the week's end.
//!
//! Weeks are numbered from 0 (the oldest) by [`crate::impact::Window`]; the tallies here are
//! pure, the application reads the inputs.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::UserId;
use crate::proficiency::{self, Observation};

/// The level from which an agent counts as proficient in a competency.
pub const PROFICIENT_LEVEL: u8 = 3;

/// One week's programme indicators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Week {
    pub active_agents: usize,
    pub sessions_completed: usize,
    pub minutes_learned: i64,
    pub steps_on_time: usize,
    pub steps_late: usize,
}

/// Counts activity into the weeks of a window; activity outside it is ignored.
#[derive(Debug, Clone)]
pub struct Tally {
    weeks: Vec<Week>,
    seconds: Vec<i64>,
    active: Vec<HashSet<UserId>>,
}

impl Tally {
    pub fn new(weeks: u16) -> Self {
        let n = usize::from(weeks);
        Tally {
            weeks: vec![Week::default(); n],
            seconds: vec![0; n],
            active: vec![HashSet::new(); n],
        }
    }

    fn slot(&self, week: i32) -> Option<usize> {
        usize::try_from(week).ok().filter(|w| *w < self.weeks.len())
    }

    /// A daily session `agent` completed in `week`.
    pub fn session(&mut self, agent: UserId, week: i32) {
        if let Some(w) = self.slot(week) {
            self.weeks[w].sessions_completed += 1;
            self.active[w].insert(agent);
        }
    }

    /// A lesson `agent` finished in `week` (its time is counted by [`Tally::learned`]).
    pub fn lesson(&mut self, agent: UserId, week: i32) {
        if let Some(w) = self.slot(week) {
            self.active[w].insert(agent);
        }
    }

    /// Seconds learned in `week`.
    pub fn learned(&mut self, week: i32, seconds: i64) {
        if let Some(w) = self.slot(week) {
            self.seconds[w] += seconds.max(0);
        }
    }

    /// A path step with a due date, completed in `week`.
    pub fn step(&mut self, week: i32, due: DateTime<Utc>, completed: DateTime<Utc>) {
        if let Some(w) = self.slot(week) {
            if on_time(due, completed) {
                self.weeks[w].steps_on_time += 1;
            } else {
                self.weeks[w].steps_late += 1;
            }
        }
    }

    /// The weeks, oldest first; minutes are rounded to the nearest.
    pub fn finish(self) -> Vec<Week> {
        self.weeks
            .into_iter()
            .zip(self.seconds)
            .zip(self.active)
            .map(|((week, seconds), active)| Week {
                active_agents: active.len(),
                minutes_learned: (seconds + 30) / 60,
                ..week
            })
            .collect()
    }
}

/// A step is on time when completed by its due instant.
pub fn on_time(due: DateTime<Utc>, completed: DateTime<Utc>) -> bool {
    completed <= due
}

/// How proficient the agents were in one competency at one week's end.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Proficiency {
    /// Agents with evidence in the competency by then.
    pub agents: usize,
    /// Their mean level (1–4); `None` without agents.
    pub mean_level: Option<f64>,
    /// The share of them (0–1) at [`PROFICIENT_LEVEL`] or more; `None` without agents.
    pub proficient_share: Option<f64>,
}

/// For each instant in `ends` (each week's end, oldest first), the proficiency of the agents
/// whose evidence in one competency is given (one list per agent, any order).
pub fn proficiency<'a>(
    agents: impl IntoIterator<Item = &'a [Observation]>,
    ends: &[DateTime<Utc>],
) -> Vec<Proficiency> {
    let mut sums = vec![(0usize, 0u32, 0usize); ends.len()];
    for observations in agents {
        let Some(first) = observations.iter().map(|o| o.at).min() else {
            continue;
        };
        for (end, sum) in ends.iter().zip(sums.iter_mut()) {
            if *end < first {
                continue;
            }
            let level = proficiency::estimate(observations, *end).level;
            sum.0 += 1;
            sum.1 += u32::from(level);
            sum.2 += usize::from(level >= PROFICIENT_LEVEL);
        }
    }
    sums.into_iter()
        .map(|(agents, levels, proficient)| Proficiency {
            agents,
            mean_level: (agents > 0).then(|| f64::from(levels) / agents as f64),
            proficient_share: (agents > 0).then(|| proficient as f64 / agents as f64),
        })
        .collect()
}

/// When a certification holds: from its issue until it expires or is revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub holder: UserId,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Held {
    /// Whether the certification was valid at `at`.
    pub fn valid_at(&self, at: DateTime<Utc>) -> bool {
        self.issued_at <= at && at < self.expires_at && self.revoked_at.is_none_or(|r| at < r)
    }
}

/// For each instant in `ends`, how many different people held a valid certification among
/// `held` (those covering one competency).
pub fn certified<'a>(
    held: impl IntoIterator<Item = &'a Held> + Clone,
    ends: &[DateTime<Utc>],
) -> Vec<usize> {
    ends.iter()
        .map(|end| {
            held.clone()
                .into_iter()
                .filter(|h| h.valid_at(*end))
                .map(|h| h.holder)
                .collect::<HashSet<_>>()
                .len()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::proficiency::Source;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn agent() -> UserId {
        UserId::from_uuid(uuid::Uuid::new_v4())
    }

    #[test]
    fn an_agent_is_active_once_a_week_however_much_they_do() {
        let (ana, bruno) = (agent(), agent());
        let mut tally = Tally::new(3);
        tally.session(ana, 1);
        tally.lesson(ana, 1);
        tally.session(ana, 1);
        tally.lesson(bruno, 1);
        tally.session(bruno, 2);
        tally.session(bruno, 5);
        tally.learned(1, 300);
        tally.learned(1, 100);
        tally.learned(-1, 300);
        let weeks = tally.finish();
        assert_eq!(
            weeks
                .iter()
                .map(|w| (w.active_agents, w.sessions_completed, w.minutes_learned))
                .collect::<Vec<_>>(),
            [(0, 0, 0), (2, 2, 7), (1, 1, 0)],
            "activity outside the window is ignored; 400 s are 7 minutes"
        );
    }

    #[test]
    fn a_step_completed_after_its_due_instant_is_late() {
        let mut tally = Tally::new(1);
        tally.step(0, day(10), day(10));
        tally.step(0, day(10), day(9));
        tally.step(0, day(10), day(10) + Duration::seconds(1));
        let week = tally.finish()[0];
        assert_eq!((week.steps_on_time, week.steps_late), (2, 1));
    }

    #[test]
    fn proficiency_counts_only_agents_with_evidence_by_then() {
        let right = |at| Observation {
            source: Source::LessonAnswer,
            value: 1.0,
            at,
        };
        let expert: Vec<Observation> = (0..12).map(|_| right(day(2))).collect();
        let novice = vec![right(day(20))];
        let points = proficiency(
            [expert.as_slice(), novice.as_slice(), &[]],
            &[day(1), day(10), day(25)],
        );
        assert_eq!(points[0], Proficiency::default(), "no evidence yet");
        assert_eq!(
            (
                points[1].agents,
                points[1].mean_level,
                points[1].proficient_share
            ),
            (1, Some(4.0), Some(1.0))
        );
        assert_eq!(points[2].agents, 2);
        assert!(points[2].mean_level.is_some_and(|m| m < 4.0));
        assert_eq!(points[2].proficient_share, Some(0.5));
    }

    #[test]
    fn a_certification_counts_from_its_issue_until_it_expires_or_is_revoked() {
        let laura = agent();
        let held = [
            Held {
                holder: laura,
                issued_at: day(5),
                expires_at: day(20),
                revoked_at: None,
            },
            Held {
                holder: laura,
                issued_at: day(1),
                expires_at: day(28),
                revoked_at: Some(day(8)),
            },
            Held {
                holder: agent(),
                issued_at: day(12),
                expires_at: day(14),
                revoked_at: None,
            },
        ];
        assert_eq!(
            certified(&held, &[day(2), day(6), day(13), day(21), day(26)]),
            [1, 1, 2, 0, 0]
        );
    }
}
