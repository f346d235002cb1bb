//! Micro-benchmarks of the per-request and per-sign-in costs, without a database:
//! verifying an access token (paid on every authenticated request, before the session
//! lookup) and hashing / verifying a password with argon2id (paid on every sign-in).
//! Run with `cargo bench -p cinco-api`.

// A benchmark reports its figures on standard output.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use cinco_api::auth::jwt::JwtKeys;
use cinco_app::account::password;
use cinco_domain::password::NewPassword;
use cinco_domain::user::{Email, Roles};
use cinco_domain::{OrganisationId, Role, SessionId, UserId};

fn main() -> anyhow::Result<()> {
    let keys = JwtKeys::new(
        &"bench-signing-key-with-enough-length-0123456789"
            .to_owned()
            .into(),
    );
    let roles = Roles::new([Role::Agent])?;
    let (token, _) = keys.issue(
        UserId::new(),
        OrganisationId::new(),
        SessionId::new(),
        &roles,
    )?;
    let n = 200_000;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(keys.verify(std::hint::black_box(&token)).is_ok());
    }
    let per = start.elapsed().as_secs_f64() / f64::from(n) * 1e6;
    println!("access token verification: {per:.2} µs per token ({n} runs)");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let email = Email::parse("bench@example.com")?;
        let rounds = 20;
        let start = Instant::now();
        let mut hash = String::new();
        for _ in 0..rounds {
            hash = password::hash(NewPassword::parse("a bench password 42", &email)?).await?;
        }
        let per_hash = start.elapsed().as_secs_f64() / f64::from(rounds) * 1e3;
        let start = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(password::verify("a bench password 42".to_owned(), Some(hash.clone())).await?);
        }
        let per_verify = start.elapsed().as_secs_f64() / f64::from(rounds) * 1e3;
        println!("argon2id hash: {per_hash:.1} ms; verify: {per_verify:.1} ms ({rounds} runs, one at a time)");
        println!("  -> at most {:.0} sign-ins per second per core", 1000.0 / per_verify);
        Ok::<_, anyhow::Error>(())
    })
}
