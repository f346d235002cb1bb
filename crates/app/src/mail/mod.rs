//! Email: localised templates, and the worker that drains the outbox through SMTP (or, with
//! no SMTP configured, into the development mailbox that admins read in the PWA).

pub mod certification;
pub mod coaching;
pub mod decision;
pub mod suggestion;
pub mod templates;
pub mod worker;

pub use worker::{MailWorker, Transport};
