//! Authentication: password hashing, access tokens, the refresh cookie, the request
//! extractor that says who is calling, and the sign-in throttle.

mod allow;
pub mod cookie;
mod extractor;
pub mod jwt;
pub mod password;
pub mod throttle;

pub use allow::{ADMIN, AGENT, ANY, LEAD, TRAINER, require};
pub use extractor::AuthUser;

use sha2::{Digest, Sha256};

/// A new opaque secret for links and refresh tokens: 43 random letters and digits
/// (≈256 bits).
pub fn new_secret_token() -> String {
    crate::random::token(43)
}

/// How opaque secrets are stored: SHA-256, hex. They carry enough entropy that a fast hash
/// is safe, and lookups stay an index probe.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
