//! Rules of signing in that do not depend on how tokens are carried: lifetimes and the
//! brute-force throttle.

use chrono::{DateTime, Duration, Utc};

/// Access tokens live 15 minutes; revocation is also checked on every request.
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(15);
/// A session (a device staying signed in) lasts at most 30 days without a new sign-in.
pub const SESSION_LIFETIME: Duration = Duration::days(30);
/// Invitation links work for 7 days.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);
/// Password-reset links work for 1 hour.
pub const PASSWORD_RESET_LIFETIME: Duration = Duration::hours(1);
/// How long a sign-up confirmation link works.
pub const SIGN_UP_LINK_LIFETIME: Duration = Duration::hours(24);

/// Failures allowed before any delay is imposed.
pub const FREE_FAILURES: i32 = 5;
/// The longest a key is blocked after repeated failures.
pub const MAX_BLOCK: Duration = Duration::minutes(15);
/// Failures older than this are forgotten.
pub const FAILURE_MEMORY: Duration = Duration::hours(1);

/// How long sign-in is blocked for a key (an account or a client address) after its
/// `failures`-th consecutive failure: nothing for the first five, then 1 s, 2 s, 4 s, …
/// doubling up to 15 minutes.
pub fn block_after(failures: i32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::zero();
    }
    let exponent = u32::try_from(failures - FREE_FAILURES).unwrap_or(0).min(20);
    let seconds = 1_i64 << exponent;
    Duration::seconds(seconds).min(MAX_BLOCK)
}

/// The failure count to continue from, forgetting failures that are old enough.
pub fn failures_to_continue_from(
    failures: i32,
    last_failure: DateTime<Utc>,
    now: DateTime<Utc>,
) -> i32 {
    if now - last_failure > FAILURE_MEMORY {
        0
    } else {
        failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_cap() {
        assert_eq!(block_after(1), Duration::zero());
        assert_eq!(block_after(4), Duration::zero());
        assert_eq!(block_after(5), Duration::seconds(1));
        assert_eq!(block_after(6), Duration::seconds(2));
        assert_eq!(block_after(9), Duration::seconds(16));
        assert_eq!(block_after(40), MAX_BLOCK);
        let mut previous = Duration::zero();
        for n in 0..60 {
            let d = block_after(n);
            assert!(d >= previous && d <= MAX_BLOCK);
            previous = d;
        }
    }

    #[test]
    fn old_failures_are_forgotten() {
        let now = Utc::now();
        assert_eq!(
            failures_to_continue_from(7, now - Duration::minutes(5), now),
            7
        );
        assert_eq!(
            failures_to_continue_from(7, now - Duration::hours(2), now),
            0
        );
    }
}
