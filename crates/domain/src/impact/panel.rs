//! What the estimator reads: per agent, the week they were first trained and their KPI value
//! in each week of a window. Weeks are numbered from 0, the first ISO week of the window;
//! [`Window`] maps dates to those numbers and back.

use crate::calendar::monday_of;
use chrono::{DateTime, Days, NaiveDate, Utc};

/// The ISO weeks looked at, numbered from 0. A week is named by its Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    first_monday: NaiveDate,
    weeks: u16,
}

impl Window {
    /// `weeks` ISO weeks, the first being the one that contains `first_day`.
    pub fn new(first_day: NaiveDate, weeks: u16) -> Self {
        Window {
            first_monday: monday_of(first_day),
            weeks,
        }
    }

    /// The Monday of week 0.
    pub fn first_monday(&self) -> NaiveDate {
        self.first_monday
    }

    /// How many weeks the window holds.
    pub fn weeks(&self) -> u16 {
        self.weeks
    }

    /// The number of the ISO week that contains `day`: negative before the window, `weeks()` or
    /// more after it (a training before the window is a negative week, one after it is as
    /// good as none).
    pub fn index(&self, day: NaiveDate) -> i32 {
        let days = (monday_of(day) - self.first_monday).num_days();
        i32::try_from(days.div_euclid(7)).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX })
    }

    /// Each week's last instant (Sunday 23:59:59 UTC), the weeks in order, none later than
    /// `now`: what was known by the end of each week.
    pub fn week_ends(&self, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        (1..=i32::from(self.weeks))
            .filter_map(|next| self.monday(next))
            .filter_map(|next| next.and_hms_opt(0, 0, 0))
            .map(|next| (next.and_utc() - chrono::Duration::seconds(1)).min(now))
            .collect()
    }

    /// The Monday of week `index`; `None` past the calendar's range.
    pub fn monday(&self, index: i32) -> Option<NaiveDate> {
        let days = i64::from(index) * 7;
        if days >= 0 {
            self.first_monday
                .checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            self.first_monday
                .checked_sub_days(Days::new(days.unsigned_abs()))
        }
    }
}

/// Agents' weekly values of one KPI and the week each was first trained, for one window.
///
/// Stored agent-major in one array (`agent * weeks + week`, NaN where there is no value), so
/// the estimator walks it in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    weeks: usize,
    first_trained: Vec<Option<i32>>,
    values: Vec<f64>,
}

impl Panel {
    /// An empty panel over `weeks` weeks.
    pub fn new(weeks: u16) -> Self {
        Panel {
            weeks: usize::from(weeks),
            first_trained: Vec::new(),
            values: Vec::new(),
        }
    }

    /// An empty panel with room for `agents` agents.
    pub fn with_capacity(weeks: u16, agents: usize) -> Self {
        Panel {
            weeks: usize::from(weeks),
            first_trained: Vec::with_capacity(agents),
            values: Vec::with_capacity(agents * usize::from(weeks)),
        }
    }

    /// Adds an agent: the week they were first trained (`None`: not trained, or not before
    /// the window ends; negative: before the window began) and their values by week. Weeks
    /// outside the window and values that are not finite numbers are left out; a week given
    /// twice keeps the last value.
    pub fn push_agent(
        &mut self,
        first_trained: Option<i32>,
        values: impl IntoIterator<Item = (i32, f64)>,
    ) {
        let start = self.values.len();
        self.values.resize(start + self.weeks, f64::NAN);
        let row = &mut self.values[start..];
        for (week, value) in values {
            if let Ok(week) = usize::try_from(week)
                && week < row.len()
                && value.is_finite()
            {
                row[week] = value;
            }
        }
        self.first_trained.push(first_trained);
    }

    /// Weeks in the window.
    pub fn weeks(&self) -> usize {
        self.weeks
    }

    /// Agents added.
    pub fn agents(&self) -> usize {
        self.first_trained.len()
    }

    /// The week agent `agent` (in the order added) was first trained.
    pub fn first_trained(&self, agent: usize) -> Option<i32> {
        self.first_trained.get(agent).copied().flatten()
    }

    /// Agent `agent`'s value in `week`, if there is one.
    pub fn value(&self, agent: usize, week: usize) -> Option<f64> {
        if week >= self.weeks {
            return None;
        }
        self.values
            .get(agent * self.weeks + week)
            .copied()
            .filter(|v| !v.is_nan())
    }

    /// Agent `agent`'s row: one value per week, NaN where there is none.
    pub(super) fn row(&self, agent: usize) -> &[f64] {
        &self.values[agent * self.weeks..(agent + 1) * self.weeks]
    }
}
