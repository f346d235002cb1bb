//! Use cases of coaching sessions.

pub mod qa_loop;
pub mod record;
pub mod schedule;
pub mod scorecard;
