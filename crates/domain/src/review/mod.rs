//! Spaced reinforcement: every knowledge item an agent answers becomes a review card for that
//! agent, scheduled with FSRS. This module turns an answer into an FSRS rating ([`rate`]) and
//! a card's state into its next due date ([`Scheduler`]).
//!
//! The rating, from what the server knows of an answer:
//!
//! | answer                                                   | rating |
//! |----------------------------------------------------------|--------|
//! | wrong                                                    | Again  |
//! | right, but the agent said they were unsure               | Hard   |
//! | right, slower than twice the item's reading estimate     | Hard   |
//! | right, within half the estimate and not unsure           | Easy   |
//! | right otherwise (or no time was measured)                | Good   |
//!
//! The estimate is the item's share of the five-minute rule (words at 180 per minute plus
//! 20 seconds), so a long scenario-style prompt is not rated Hard for being read.

mod schedule;
#[cfg(test)]
mod tests;

pub use schedule::{CardState, Memory, Scheduler, SchedulerError, Step};

/// FSRS's four grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const fn as_u32(self) -> u32 {
        self as u32
    }

    pub fn from_u32(raw: u32) -> Option<Self> {
        [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy]
            .into_iter()
            .find(|r| r.as_u32() == raw)
    }

    /// Whether the answer counted as remembered.
    pub const fn recalled(self) -> bool {
        !matches!(self, Rating::Again)
    }
}

/// How sure the agent said they were, when the screen asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    Unsure,
    Sure,
}

impl Confidence {
    pub const fn as_str(self) -> &'static str {
        match self {
            Confidence::Unsure => "unsure",
            Confidence::Sure => "sure",
        }
    }
}

/// What is known of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub correct: bool,
    /// Time from showing the item to answering, when the client measured it.
    pub duration_ms: Option<u32>,
    /// The item's reading estimate, in seconds (at least one second is assumed).
    pub estimate_seconds: u32,
    pub confidence: Option<Confidence>,
}

/// The FSRS rating of an answer (the table in the module documentation).
pub fn rate(answer: Answered) -> Rating {
    if !answer.correct {
        return Rating::Again;
    }
    if answer.confidence == Some(Confidence::Unsure) {
        return Rating::Hard;
    }
    let Some(took) = answer.duration_ms else {
        return Rating::Good;
    };
    let expected = u64::from(answer.estimate_seconds.max(1)) * 1000;
    let took = u64::from(took);
    if took > 2 * expected {
        Rating::Hard
    } else if took * 2 <= expected {
        Rating::Easy
    } else {
        Rating::Good
    }
}

mod fit;
pub use fit::{Fit, FitError, MIN_REVIEWS, fit};
