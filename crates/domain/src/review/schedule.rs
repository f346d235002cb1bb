//! The FSRS scheduler (the `fsrs` crate), with the organisation's parameters and desired
//! retention, over whole days: a card is due on a day, not at a minute.

use chrono::{DateTime, Duration, Utc};
use fsrs::{FSRS, MemoryState};

use super::Rating;

/// FSRS's memory model of one card for one agent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Days until recall probability falls to 90 %.
    pub stability: f32,
    /// 1 (easy) … 10 (hard).
    pub difficulty: f32,
}

/// A review card's schedule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardState {
    /// `None` until the first review.
    pub memory: Option<Memory>,
    pub last_review: Option<DateTime<Utc>>,
    pub due: DateTime<Utc>,
    pub reps: u32,
    pub lapses: u32,
}

impl CardState {
    /// A card never reviewed, due at `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            memory: None,
            last_review: None,
            due: now,
            reps: 0,
            lapses: 0,
        }
    }
}

/// The outcome of one review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub card: CardState,
    /// Whole days until the card is due again (at least one).
    pub interval_days: u32,
    /// Days since the previous review (0 for the first), as FSRS counts them.
    pub elapsed_days: u32,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SchedulerError {
    #[error("the desired retention must be between 0.70 and 0.99")]
    Retention,
    #[error("the FSRS parameters are not valid: {0}")]
    Parameters(String),
}

/// Schedules reviews with FSRS.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    retention: f32,
}

/// The longest interval, in days: ten years.
const MAX_INTERVAL_DAYS: f32 = 3650.0;

impl Scheduler {
    pub const DEFAULT_RETENTION: f32 = 0.9;
    /// The lowest desired retention an organisation may choose.
    pub const MIN_RETENTION: f32 = 0.70;
    /// The highest desired retention an organisation may choose.
    pub const MAX_RETENTION: f32 = 0.99;

    /// `parameters` empty means FSRS's defaults.
    pub fn new(parameters: &[f32], desired_retention: f32) -> Result<Self, SchedulerError> {
        if !(Self::MIN_RETENTION..=Self::MAX_RETENTION).contains(&desired_retention) {
            return Err(SchedulerError::Retention);
        }
        let fsrs = FSRS::new(parameters).map_err(|e| SchedulerError::Parameters(e.to_string()))?;
        Ok(Self {
            fsrs,
            retention: desired_retention,
        })
    }

    /// FSRS's defaults at 90 % retention.
    pub fn standard() -> Self {
        Self {
            fsrs: FSRS::default(),
            retention: Self::DEFAULT_RETENTION,
        }
    }

    pub fn retention(&self) -> f32 {
        self.retention
    }

    /// The card after a review rated `rating` at `at`. A review before the last one (an
    /// offline answer arriving late) counts as on the same day.
    pub fn review(&self, card: &CardState, rating: Rating, at: DateTime<Utc>) -> Step {
        let elapsed_days = card
            .last_review
            .map_or(0, |last| u32::try_from((at - last).num_days()).unwrap_or(0));
        let previous = card.memory.map(|m| MemoryState {
            stability: m.stability,
            difficulty: m.difficulty,
        });
        let (memory, interval) = match self
            .fsrs
            .next_states(previous, self.retention, elapsed_days)
        {
            Ok(states) => {
                let state = match rating {
                    Rating::Again => states.again,
                    Rating::Hard => states.hard,
                    Rating::Good => states.good,
                    Rating::Easy => states.easy,
                };
                (
                    Memory {
                        stability: state.memory.stability,
                        difficulty: state.memory.difficulty,
                    },
                    state.interval,
                )
            }
            // FSRS refuses states it cannot model (e.g. corrupted stored numbers): start over.
            Err(_) => (
                Memory {
                    stability: 1.0,
                    difficulty: 5.0,
                },
                1.0,
            ),
        };
        let interval_days = whole_days(interval);
        let lapsed = rating == Rating::Again && card.memory.is_some();
        Step {
            card: CardState {
                memory: Some(memory),
                last_review: Some(card.last_review.map_or(at, |last| last.max(at))),
                due: at + Duration::days(i64::from(interval_days)),
                reps: card.reps + 1,
                lapses: card.lapses + u32::from(lapsed),
            },
            interval_days,
            elapsed_days,
        }
    }
}

/// FSRS intervals are fractional days; reviews happen on whole days, at least the next one.
fn whole_days(interval: f32) -> u32 {
    if interval.is_finite() {
        // Truncation is intended: the value is clamped to 1..=3650 first.
        interval.round().clamp(1.0, MAX_INTERVAL_DAYS) as u32
    } else {
        1
    }
}
