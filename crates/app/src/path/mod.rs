//! Use cases of coaching paths given to agents.

pub mod give;
pub mod report_task;
