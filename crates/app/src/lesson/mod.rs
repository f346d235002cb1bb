//! Use cases of authoring lessons.

pub mod publish;
pub mod save_draft;
