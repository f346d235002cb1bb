//! Random secrets for links, refresh tokens and keys, from the operating system's CSPRNG,
//! and how they are stored.

use rand::Rng;
use rand::distr::Alphanumeric;
use sha2::{Digest, Sha256};

/// A random string of `len` ASCII letters and digits (≈5.95 bits each).
pub fn random(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// A new opaque secret for links and refresh tokens: 43 random letters and digits
/// (≈256 bits).
pub fn new_token() -> String {
    random(43)
}

/// How opaque secrets are stored: SHA-256, hex. They carry enough entropy that a fast hash
/// is safe, and lookups stay an index probe.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_stored_as_their_digest() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
        assert_eq!(hash(&a).len(), 64);
    }
}
