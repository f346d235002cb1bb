//! Use cases of lesson attempts.

pub mod complete;
