//! Use cases of role-play runs.

pub mod reply;
