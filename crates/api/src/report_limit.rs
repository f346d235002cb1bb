//! How often each client address may send problem reports from the PWA, per node: anyone
//! may send them, without signing in.

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota};

/// Reports a client address may send a minute (bursts up to that many).
pub const PER_MINUTE: u32 = 10;
/// Addresses remembered before the ones not seen lately are forgotten.
const REMEMBERED: usize = 10_000;

/// How often each client address may report, on this node.
#[derive(Debug)]
pub struct ReportLimiter(DefaultKeyedRateLimiter<String>);

impl Default for ReportLimiter {
    fn default() -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(PER_MINUTE).unwrap_or(NonZeroU32::MIN));
        Self(DefaultKeyedRateLimiter::keyed(quota))
    }
}

impl ReportLimiter {
    /// Whether `address` may report now; otherwise how many seconds until it may.
    pub fn admit(&self, address: &str) -> Result<(), u64> {
        if self.0.len() > REMEMBERED {
            self.0.retain_recent();
        }
        self.0.check_key(&address.to_owned()).map_err(|not_until| {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            wait.as_secs() + 1
        })
    }
}
