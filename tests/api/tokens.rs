//! Attacks on access tokens: each forged or misused token is refused with 401.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cinco_tests::{Session, TEST_JWT_SECRET, TestApp, on_both_databases, read_json};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The real token's claims (read without verifying), to forge variants of it.
fn claims(session: &Session) -> Value {
    let payload = session.access_token.split('.').nth(1).unwrap_or_default();
    let bytes = base64_url_decode(payload);
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

fn base64_url_decode(input: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(input).unwrap_or_default()
}

fn base64_url_encode(input: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(input)
}

fn sign(alg: Algorithm, claims: &Value, secret: &str) -> String {
    encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap_or_default()
}

async fn expect_refused(app: &TestApp, token: &str, what: &str) -> Value {
    let res = app.get_as("/api/v1/me", token).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "{what} was accepted"
    );
    read_json(res).await
}

on_both_databases! {
    async fn forged_and_misused_tokens_are_refused(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", "a-long-enough-secret").await;
        let real = claims(&admin);
        assert_eq!(real["typ"], "access");
        // The genuine token works, and a re-signed copy with the real key does too.
        assert_eq!(app.get_as("/api/v1/me", &admin.access_token).await.status(), StatusCode::OK);
        let resigned = sign(Algorithm::HS256, &real, TEST_JWT_SECRET);
        assert_eq!(app.get_as("/api/v1/me", &resigned).await.status(), StatusCode::OK);

        // alg: none
        let header = base64_url_encode(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = base64_url_encode(real.to_string().as_bytes());
        expect_refused(&app, &format!("{header}.{payload}."), "alg none").await;

        // Algorithm swapped (HS512 with the same key).
        expect_refused(&app, &sign(Algorithm::HS512, &real, TEST_JWT_SECRET), "HS512").await;

        // Signature tampered: one character of the signature changed.
        let mut tampered = admin.access_token.clone();
        let last = tampered.pop().unwrap_or('A');
        tampered.push(if last == 'A' { 'B' } else { 'A' });
        expect_refused(&app, &tampered, "tampered signature").await;

        // Payload tampered (an admin role added) but the old signature kept.
        let mut escalated = real.clone();
        escalated["roles"] = json!(["admin", "trainer", "lead", "agent"]);
        escalated["sub"] = json!(uuid::Uuid::new_v4());
        let parts: Vec<&str> = admin.access_token.split('.').collect();
        let forged = format!("{}.{}.{}", parts[0], base64_url_encode(escalated.to_string().as_bytes()), parts[2]);
        expect_refused(&app, &forged, "tampered payload").await;

        // Signed with another key.
        expect_refused(&app, &sign(Algorithm::HS256, &real, "some-other-key-of-enough-length-123456"), "other key").await;

        // Expired.
        let mut expired = real.clone();
        expired["exp"] = json!(chrono_now() - 120);
        let body = expect_refused(&app, &sign(Algorithm::HS256, &expired, TEST_JWT_SECRET), "expired").await;
        assert_eq!(body["code"], "token_expired");

        // Wrong audience, wrong issuer, wrong type.
        for (field, value) in [("aud", "someone-else"), ("iss", "evil"), ("typ", "refresh")] {
            let mut wrong = real.clone();
            wrong[field] = json!(value);
            let body = expect_refused(&app, &sign(Algorithm::HS256, &wrong, TEST_JWT_SECRET), field).await;
            assert_eq!(body["code"], "invalid_token");
        }

        // The refresh token is not an access token.
        expect_refused(&app, &admin.refresh_token, "refresh token as access token").await;
        // No token at all.
        let res = app.get("/api/v1/me").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(read_json(res).await["code"], "unauthenticated");
    }
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(0))
        .unwrap_or(0)
}
