//! Brute-force protection for sign-in and for changing a password: per account and per
//! client address, growing delays after five attempts that did not succeed (see
//! `cinco_domain::auth::block_after`), shared by all nodes through the database.
//!
//! A browser that signed in to an account before carries a device cookie; its attempts on
//! that account count against the device alone. So anyone may block the account and their
//! own address by guessing, but not the people who use the account.

use chrono::{DateTime, Utc};
use cinco_domain::UserId;
use cinco_domain::user::Email;
use cinco_persistence::Database;
use cinco_persistence::throttle::{self, Admission};

use crate::AppError;

fn account_key(email: &str) -> String {
    format!("account:{email}")
}

fn address_key(ip: &str) -> String {
    format!("ip:{ip}")
}

fn device_key(device: uuid::Uuid) -> String {
    format!("device:{}", device.simple())
}

fn password_key(user: UserId) -> String {
    format!("password:{}", user.as_uuid())
}

/// Counts the attempt on each key; refuses with 429 and `Retry-After` while one is blocked.
async fn admit_keys(db: &Database, keys: &[String], now: DateTime<Utc>) -> Result<(), AppError> {
    for key in keys {
        if let Admission::Blocked(until) = throttle::admit(db, key, now).await? {
            let seconds = (until - now).num_milliseconds().div_euclid(1000) + 1;
            return Err(AppError::TooManyRequests {
                retry_after_secs: u64::try_from(seconds).unwrap_or(1),
            });
        }
    }
    Ok(())
}

/// Counts a sign-in attempt on the account and the address; refuses with 429 and
/// `Retry-After` while either is blocked.
pub async fn admit(
    db: &Database,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admit_keys(db, &[account_key(email), address_key(ip)], now).await
}

/// Counts a sign-in attempt from a device that signed in to the account before; it is
/// throttled on its own key, so failures by others (on the account or the address) do not
/// block it, and its own failures block only it.
pub async fn admit_device(
    db: &Database,
    device: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admit_keys(db, &[device_key(device)], now).await
}

/// A known device signed in: its count starts over.
pub async fn device_succeeded(db: &Database, device: uuid::Uuid) -> Result<(), AppError> {
    throttle::clear(db, &device_key(device)).await?;
    Ok(())
}

/// Counts an attempt to change `user`'s password with a current password, so that a stolen
/// access token does not allow guessing it; refuses like sign-in while blocked.
pub async fn admit_password_change(
    db: &Database,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admit_keys(db, &[password_key(user)], now).await
}

/// The right current password was given: the count starts over.
pub async fn password_change_succeeded(db: &Database, user: UserId) -> Result<(), AppError> {
    throttle::clear(db, &password_key(user)).await?;
    Ok(())
}

/// A successful sign-in clears the account's count and takes back its one attempt from the
/// address (the rest stays: one valid account must not unlock guessing at others).
pub async fn succeeded(db: &Database, email: &Email, ip: &str) -> Result<(), AppError> {
    throttle::clear(db, &account_key(email.as_str())).await?;
    throttle::uncount(db, &address_key(ip)).await?;
    Ok(())
}

/// Whether another reset mail may be sent to this address now (at most five an hour, then
/// growing delays); over the limit the request is still answered 202, but nothing is sent.
pub async fn reset_mail_allowed(
    db: &Database,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let admission = throttle::admit(db, &format!("reset:{}", email.as_str()), now).await?;
    Ok(admission == Admission::Admitted)
}

/// Counts a sign-up for `email`; refuses with 429 and `Retry-After` after five, with the
/// same growing delays as sign-in. Whether the address has an account does not matter.
pub async fn admit_sign_up(
    db: &Database,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admit_keys(db, &[format!("sign_up:{}", email.as_str())], now).await
}
