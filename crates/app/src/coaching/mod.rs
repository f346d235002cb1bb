//! Use cases of coaching sessions.

pub mod record;
pub mod schedule;
pub mod scorecard;
