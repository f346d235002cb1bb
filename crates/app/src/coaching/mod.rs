//! Use cases of coaching sessions.

pub mod record;
