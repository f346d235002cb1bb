//! Request fields parsed into domain values; a refusal names the field at fault.

use chrono::{DateTime, Utc};
use cinco_domain::Locale;
use cinco_domain::calendar;
use cinco_domain::user::TimeZone;

use crate::error::ApiError;

/// A day as `YYYY-MM-DD`, within the years `cinco_domain::calendar` accepts.
pub fn day(field: &str, raw: &str) -> Result<chrono::NaiveDate, ApiError> {
    calendar::day(raw).map_err(|e| ApiError::field(field, e.code(), e.to_string()))
}

/// An optional instant, within the years `cinco_domain::calendar` accepts.
pub fn instant(field: &str, at: Option<DateTime<Utc>>) -> Result<Option<DateTime<Utc>>, ApiError> {
    at.map(calendar::instant)
        .transpose()
        .map_err(|e| ApiError::field(field, e.code(), e.to_string()))
}

/// A locale from a request, or Spanish when absent.
pub fn parse_locale(raw: Option<&str>) -> Result<Locale, ApiError> {
    match raw {
        None => Ok(Locale::Es),
        Some(raw) => raw
            .parse()
            .map_err(|e: cinco_domain::locale::UnsupportedLocale| {
                ApiError::field("locale", "unsupported_locale", e.to_string())
            }),
    }
}

/// A time zone from a request, or UTC when absent.
pub fn parse_time_zone(raw: Option<&str>) -> Result<TimeZone, ApiError> {
    match raw {
        None => Ok(TimeZone::utc()),
        Some(raw) => {
            TimeZone::parse(raw).map_err(|e| ApiError::field("time_zone", e.code(), e.to_string()))
        }
    }
}

/// Optional free text of `field`: trimmed, `None` when empty, `too_long` over `max`
/// characters (see `cinco_domain::text`).
pub fn text(field: &str, raw: Option<&str>, max: usize) -> Result<Option<String>, ApiError> {
    Ok(cinco_app::text::optional(field, raw, max)?)
}
