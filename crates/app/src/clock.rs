//! The time the application believes it is. Production reads the system clock; tests hold a
//! manual clock they can move, so day boundaries, due reviews and reminders are tested
//! without waiting.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};

/// A cheap-to-clone handle on "now".
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<RwLock<DateTime<Utc>>>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock that stays at `at` until moved.
    pub fn manual(at: DateTime<Utc>) -> Self {
        Self(Some(Arc::new(RwLock::new(at))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            None => Utc::now(),
            Some(at) => *at.read().unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }

    /// Moves a manual clock (the system clock cannot be moved; this does nothing to it).
    pub fn set(&self, to: DateTime<Utc>) {
        if let Some(at) = &self.0 {
            *at.write()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = to;
        }
    }

    pub fn advance(&self, by: Duration) {
        self.set(self.now() + by);
    }
}
