//! Cinco's domain: the business rules and the types that carry them.
//!
//! This crate does no I/O and knows nothing of databases, HTTP or JSON; the `persistence`
//! and `api` crates translate to and from it. Types here parse their input once
//! ("parse, don't validate"), so a value of a domain type is always valid.

pub mod auth;
pub mod authority;
pub mod calendar;
pub mod certification;
pub mod coaching;
pub mod competency;
pub mod decision;
pub mod good_practice;
pub mod ids;
pub mod impact;
pub mod indicators;
pub mod learning;
pub mod lesson;
pub mod locale;
pub mod mail;
pub mod organisation;
pub mod password;
pub mod proficiency;
pub mod programme;
pub mod pulse;
pub mod results;
pub mod review;
pub mod scenario;
pub mod suggestion;
pub mod team;
pub mod text;
pub mod today;
pub mod user;

pub use ids::{InvitationId, OrganisationId, SessionId, TeamId, UserId};
pub use locale::Locale;
pub use user::Role;
