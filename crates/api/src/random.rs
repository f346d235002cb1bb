//! Random secrets for tokens and keys, from the operating system's CSPRNG.

use rand::Rng;
use rand::distr::Alphanumeric;

/// A random string of `len` ASCII letters and digits (≈5.95 bits each).
pub fn token(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}
