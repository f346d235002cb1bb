//! Cinco's persistence: sea-orm entities and the repositories that map them to domain types.
//!
//! Generated-style entity definitions live in [`entities`] and are never used outside this
//! crate; the rest of the application speaks to repositories, whose every call that touches
//! tenant data takes the organisation id.

pub mod database;
mod entities;
mod error;
pub mod migrate;
pub mod organisation;

pub use database::{Backend, Database, DatabaseConfig};
pub use error::RepoError;
