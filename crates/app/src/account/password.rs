//! Argon2id hashing with the crate's defaults (19 MiB, t=2, p=1), always off the async
//! executor. Unknown accounts are checked against a dummy hash so they cost the same.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use cinco_domain::password::NewPassword;

/// A valid hash of a random password, computed once, for accounts that do not exist.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(super::secret::random(32).as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Hashes a new password into a PHC string.
pub async fn hash(password: NewPassword) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.expose().as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// Checks a candidate against a stored hash, or against the dummy hash when there is no
/// account, so both cases take the same time and give the same answer.
pub async fn verify(candidate: String, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let matches = Argon2::default()
            .verify_password(candidate.as_bytes(), hash.as_str())
            .is_ok();
        known && matches
    })
    .await
    .map_err(anyhow::Error::from)
}

/// Forces the dummy hash to be computed now rather than on the first unknown sign-in.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}
