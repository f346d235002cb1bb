//! Authentication over HTTP: access tokens, the refresh cookie and the request extractor that
//! says who is calling. Passwords, refresh tokens and the sign-in throttle are the use cases'
//! (`cinco_app::account`).

mod allow;
pub mod cookie;
mod extractor;
pub mod jwt;

pub use allow::{ADMIN, AGENT, ANY, LEAD, TRAINER, require};
pub use extractor::{AuthUser, authenticate};
