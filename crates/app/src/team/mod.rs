//! Use cases of teams.

pub mod move_agent;
