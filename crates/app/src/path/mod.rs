//! Use cases of coaching paths given to agents.

pub mod assign;
pub mod change;
pub mod give;
pub mod language;
pub mod pass;
pub mod report_task;
pub mod scope;
pub mod template;
