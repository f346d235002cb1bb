//! The streak: consecutive days with a completed session, counted back from today. Missing a
//! day does not break it while the week (Monday to Sunday) still has a freeze left; today
//! itself never breaks it (the day is not over).

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Duration, IsoWeek, NaiveDate};

/// Missed days forgiven per week.
pub const FREEZES_PER_WEEK: u8 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Streak {
    /// Days with a completed session in the current streak.
    pub days: u32,
    /// Missed days the allowance covered, newest first.
    pub frozen: Vec<NaiveDate>,
    /// Whether a freeze is still available this week.
    pub freeze_left: bool,
    /// Today's session is done.
    pub today_done: bool,
}

/// The streak on `today` given the days with a completed session.
pub fn streak(completed: &BTreeSet<NaiveDate>, today: NaiveDate) -> Streak {
    let today_done = completed.contains(&today);
    let mut used: HashMap<IsoWeek, u8> = HashMap::new();
    let mut days = 0;
    let mut frozen = Vec::new();
    let Some(first) = completed.iter().next().copied() else {
        return Streak {
            freeze_left: true,
            ..Streak::default()
        };
    };
    let mut day = if today_done {
        today
    } else {
        today - Duration::days(1)
    };
    let mut oldest_done = None;
    while day >= first {
        if completed.contains(&day) {
            days += 1;
            oldest_done = Some(day);
        } else {
            let week = used.entry(day.iso_week()).or_insert(0);
            if *week >= FREEZES_PER_WEEK {
                break;
            }
            *week += 1;
            frozen.push(day);
        }
        day -= Duration::days(1);
    }
    // A freeze that joined nothing (no completed day before it) is not spent.
    match oldest_done {
        Some(oldest) => frozen.retain(|f| *f > oldest),
        None => frozen.clear(),
    }
    let this_week = today.iso_week();
    let spent = frozen.iter().filter(|d| d.iso_week() == this_week).count();
    Streak {
        days,
        freeze_left: spent < usize::from(FREEZES_PER_WEEK),
        frozen,
        today_done,
    }
}
