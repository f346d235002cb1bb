//! The dates Cinco accepts from people: days and instants alike fall in the years
//! [`FIRST_YEAR`] to [`LAST_YEAR`]. A year far outside them is a typing mistake (or an
//! attack on date arithmetic), never a plan.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// A date outside the accepted years, or not a `YYYY-MM-DD` date at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("expected a date between {FIRST_YEAR} and {LAST_YEAR} as YYYY-MM-DD")]
pub struct OutOfRange;

impl OutOfRange {
    pub fn code(&self) -> &'static str {
        "invalid_date"
    }
}

fn accepted(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// The Monday of the ISO week `day` falls in (the day itself on a Monday).
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(chrono::Days::new(u64::from(
        day.weekday().num_days_from_monday(),
    )))
    .unwrap_or(day)
}

/// A day as `YYYY-MM-DD`.
pub fn day(raw: &str) -> Result<NaiveDate, OutOfRange> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|d| accepted(d.year()))
        .ok_or(OutOfRange)
}

/// An instant someone gave (a session's time, when something happened).
pub fn instant(at: DateTime<Utc>) -> Result<DateTime<Utc>, OutOfRange> {
    if accepted(at.year()) {
        Ok(at)
    } else {
        Err(OutOfRange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_is_named_by_its_monday() {
        let on = |raw: &str| day(raw).unwrap_or_else(|_| panic!("{raw} is a day"));
        assert_eq!(
            monday_of(on("2026-12-07")),
            on("2026-12-07"),
            "a Monday is its own"
        );
        assert_eq!(
            monday_of(on("2026-12-13")),
            on("2026-12-07"),
            "a Sunday ends the week"
        );
        assert_eq!(
            monday_of(on("2027-01-01")),
            on("2026-12-28"),
            "across a year"
        );
    }

    #[test]
    fn days_and_instants_share_one_bound() {
        assert!(day("2026-12-07").is_ok());
        assert_eq!(day("1999-12-31"), Err(OutOfRange));
        assert_eq!(day("2101-01-01"), Err(OutOfRange));
        assert_eq!(day("262142-01-01"), Err(OutOfRange));
        assert_eq!(day("07/12/2026"), Err(OutOfRange));
        let far = NaiveDate::from_ymd_opt(262_142, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        assert_eq!(far.map(instant), Some(Err(OutOfRange)));
        let near = NaiveDate::from_ymd_opt(2100, 12, 31)
            .and_then(|d| d.and_hms_opt(23, 59, 59))
            .map(|d| d.and_utc());
        assert!(near.map(instant).is_some_and(|r| r.is_ok()));
    }
}
