//! Use cases of role-play runs.

pub mod counted;
pub mod reply;
