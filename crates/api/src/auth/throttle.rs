//! Brute-force protection for sign-in: per account and per client address, growing delays
//! after five failures (see `cinco_domain::auth::block_after`), shared by all nodes through
//! the database.

use chrono::Utc;
use cinco_domain::user::Email;
use cinco_persistence::{Database, throttle};

use crate::error::ApiError;

fn keys(email: &str, ip: &str) -> [String; 2] {
    [format!("account:{email}"), format!("ip:{ip}")]
}

/// Refuses with 429 and `Retry-After` while either key is blocked.
pub async fn check(db: &Database, email: &str, ip: &str) -> Result<(), ApiError> {
    let now = Utc::now();
    let mut longest = None;
    for key in keys(email, ip) {
        if let Some(until) = throttle::blocked_until(db, &key, now)
            .await
            .map_err(ApiError::internal)?
        {
            longest = longest.max(Some(until));
        }
    }
    match longest {
        Some(until) => {
            let seconds = (until - now).num_milliseconds().div_euclid(1000) + 1;
            Err(ApiError::TooManyRequests {
                retry_after_secs: u64::try_from(seconds).unwrap_or(1),
            })
        }
        None => Ok(()),
    }
}

pub async fn failed(db: &Database, email: &str, ip: &str) -> Result<(), ApiError> {
    let now = Utc::now();
    for key in keys(email, ip) {
        throttle::record_failure(db, &key, now)
            .await
            .map_err(ApiError::internal)?;
    }
    Ok(())
}

/// A successful sign-in clears the account's count (not the address's: one valid account
/// must not unlock guessing at others from the same place).
pub async fn succeeded(db: &Database, email: &Email) -> Result<(), ApiError> {
    throttle::clear(db, &format!("account:{}", email.as_str()))
        .await
        .map_err(ApiError::internal)
}
