//! Use cases of authoring lessons.

pub mod publish;
pub mod review;
pub mod save_draft;
