//! Use cases of lesson attempts.

pub mod answer;
pub mod complete;
