//! Cinco's persistence: sea-orm entities and the repositories that map them to domain types.
//!
//! Generated-style entity definitions live in [`entities`] and are never used outside this
//! crate; the rest of the application speaks to repositories, whose every call that touches
//! tenant data takes the organisation id.

pub mod attempt;
pub mod authority;
pub mod certification;
pub mod coaching;
pub mod competency;
pub mod cx_statement;
pub mod daily;
pub mod database;
pub mod decision;
mod entities;
mod error;
pub mod evidence;
mod executor;
pub mod goals;
pub mod good_practice;
pub mod invitation;
pub mod lesson;
mod localized;
pub mod media;
pub mod migrate;
pub mod organisation;
pub mod outbox;
pub mod password_reset;
pub mod path;
pub mod programme;
pub mod pulse;
pub mod results;
pub mod review;
pub mod scenario;
pub mod scenario_run;
pub mod session;
pub mod sign_up;
pub mod suggestion;
pub mod team;
pub mod team_activity;
pub mod throttle;
pub mod user;
pub mod versioned;
mod words;

pub use database::{Backend, Database, DatabaseConfig};
pub use error::RepoError;
pub(crate) use error::corrupt;
pub use executor::{Executor, Tx};
