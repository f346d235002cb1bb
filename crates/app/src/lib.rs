//! Cinco's use cases: what people and workers do with the domain, each in one place.
//!
//! A use case takes typed input (domain types), opens and owns its transaction, applies the
//! domain's rules, calls the repositories and answers a typed result or an [`AppError`].
//! When it finishes something a learner did, it raises a [`learning::LearningEvent`] whose
//! subscribers run in the same transaction. This crate knows no HTTP, JSON or OpenAPI: the
//! `api` crate, the workers, the seed and the CLI all call it.

pub mod account;
mod actor;
pub mod attempt;
pub mod certification;
pub mod clock;
pub mod coaching;
pub mod content;
mod context;
pub mod decision;
pub mod error;
pub mod good_practice;
pub mod learning;
pub mod lesson;
pub mod mail;
pub mod path;
pub mod programme;
pub mod pulse;
pub mod reminders;
pub mod results;
pub mod review;
pub mod scenario;
pub mod scenario_run;
pub mod suggestion;
pub mod team;
pub mod text;
pub mod today;

pub use actor::Actor;
pub use clock::Clock;
pub use context::App;
pub use error::{AppError, ErrorCode};
