//! Signing up, in and out; refresh rotation and reuse detection; sessions; throttling.

use cinco_tests::{on_both_databases, read_json, spawn_app_with};
use reqwest::{Method, StatusCode};
use serde_json::json;

const PASSWORD: &str = "a-long-enough-secret";

on_both_databases! {
    async fn an_admin_creates_an_organisation_and_is_signed_in(app) {
        let admin = app.sign_up("Acme Support", "boss@acme.example", PASSWORD).await;
        let me = read_json(app.get_as("/api/v1/me", &admin.access_token).await).await;
        assert_eq!(me["email"], "boss@acme.example");
        assert_eq!(me["roles"], json!(["admin"]));
        assert_eq!(me["organisation"]["name"], "Acme Support");
        assert_eq!(me["locale"], "en");
        assert!(!admin.refresh_token.is_empty(), "refresh cookie set");

        // Signing up again with the address, in any case, answers as for a new one; the
        // owner is told by mail, and no second organisation appears.
        let again = app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Other", "display_name": "X", "email": "BOSS@acme.example", "password": PASSWORD
        })).await;
        assert_eq!(again.status(), StatusCode::ACCEPTED);
        let mails = cinco_persistence::outbox::to_recipient(&app.db, "boss@acme.example").await.unwrap_or_default();
        let kinds: Vec<&str> = mails.iter().map(|m| m.kind.as_str()).collect();
        assert_eq!(kinds, ["sign_up_confirmation", "sign_up_existing_account"]);
        assert!(mails[1].body_text.contains("Other"), "the owner learns what was tried");
        let orgs: i64 = count(&app, "SELECT COUNT(*) FROM organisations").await;
        assert_eq!(orgs, 1);
    }

    async fn sign_up_answers_the_same_whether_the_address_is_taken_or_not(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let attempt = |email: &str| app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Squat", "display_name": "X", "email": email, "password": PASSWORD
        }));
        let taken = attempt("boss@acme.example").await;
        let free = attempt("hire@acme.example").await;
        assert_eq!(taken.status(), free.status());
        let (taken, free) = (read_json(taken).await, read_json(free).await);
        assert_eq!(taken["status"], free["status"]);
        assert_eq!(taken.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()), free.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()));
        assert!(taken.get("code").is_none() && taken.get("access_token").is_none(), "{taken}");
    }

    async fn an_unconfirmed_sign_up_reserves_nothing(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        // Someone signs up with a future hire's address and never gets the link.
        let squat = app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Squat", "display_name": "X", "email": "hire@acme.example", "password": PASSWORD
        })).await;
        assert_eq!(squat.status(), StatusCode::ACCEPTED);
        // The employer still invites them, and they join.
        let hire = app.join(&admin, "hire@acme.example", &["agent"], PASSWORD).await;
        assert_eq!(app.get_as("/api/v1/me", &hire.access_token).await.status(), StatusCode::OK);
        // The squatter's link, if opened later, creates nothing.
        let link = app.sign_up_link("hire@acme.example").await;
        let late = app.confirm_sign_up(&link).await;
        assert_eq!(late.status(), StatusCode::CONFLICT);
        assert_eq!(read_json(late).await["code"], "email_taken");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM organisations").await, 1);
    }

    async fn a_sign_up_link_works_once_and_not_after_a_day(app) {
        for email in ["one@acme.example", "two@acme.example"] {
            let res = app.post("/api/v1/auth/sign-up", None, json!({
                "organisation_name": "Acme", "display_name": "X", "email": email, "password": PASSWORD
            })).await;
            assert_eq!(res.status(), StatusCode::ACCEPTED);
        }
        let one = app.sign_up_link("one@acme.example").await;
        assert_eq!(app.confirm_sign_up(&one).await.status(), StatusCode::CREATED);
        let twice = app.confirm_sign_up(&one).await;
        assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
        assert_eq!(read_json(twice).await["code"], "sign_up_link_invalid");
        let two = app.sign_up_link("two@acme.example").await;
        app.clock.advance(chrono::Duration::hours(25));
        let expired = app.confirm_sign_up(&two).await;
        assert_eq!(expired.status(), StatusCode::BAD_REQUEST);
        assert_eq!(read_json(expired).await["code"], "sign_up_link_invalid");
        let forged = app.confirm_sign_up("not-a-token").await;
        assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    }

    async fn sign_up_is_rate_limited_per_address(app) {
        let attempt = |email: &'static str| app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Acme", "display_name": "X", "email": email, "password": PASSWORD
        }));
        for _ in 0..5 {
            assert_eq!(attempt("flood@acme.example").await.status(), StatusCode::ACCEPTED);
        }
        let sixth = attempt("flood@acme.example").await;
        assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(sixth.headers().contains_key("retry-after"));
        assert_eq!(cinco_persistence::outbox::to_recipient(&app.db, "flood@acme.example").await.unwrap_or_default().len(), 5);
        // Another address is not affected.
        assert_eq!(attempt("other@acme.example").await.status(), StatusCode::ACCEPTED);
    }

    async fn weak_passwords_are_refused_with_a_reason(app) {
        for (password, code) in [
            ("short", "password_too_short"),
            ("password1", "password_too_common"),
            ("new@acme.example", "password_is_email"),
        ] {
            let res = app.post("/api/v1/auth/sign-up", None, json!({
                "organisation_name": "Acme", "display_name": "X", "email": "new@acme.example", "password": password
            })).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{password}");
            let body = read_json(res).await;
            assert_eq!(body["errors"][0]["field"], "password");
            assert_eq!(body["errors"][0]["code"], code);
        }
        // Every refused field is reported at once.
        let res = app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "A", "display_name": " ", "email": "nope", "password": "password"
        })).await;
        let body = read_json(res).await;
        let fields: Vec<&str> = body["errors"].as_array().map(|e| e.iter().filter_map(|x| x["field"].as_str()).collect()).unwrap_or_default();
        assert_eq!(fields, ["email", "organisation_name", "display_name"], "{body}");
        let long = "x".repeat(129);
        let res = app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Acme", "display_name": "X", "email": "new@acme.example", "password": long
        })).await;
        assert_eq!(read_json(res).await["errors"][0]["code"], "password_too_long");
    }

    async fn wrong_passwords_and_unknown_addresses_get_the_same_answer(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let wrong = app.try_sign_in("boss@acme.example", "not-the-password").await;
        let unknown = app.try_sign_in("nobody@acme.example", "not-the-password").await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
        let (wrong, unknown) = (read_json(wrong).await, read_json(unknown).await);
        assert_eq!(wrong, unknown);
        assert_eq!(wrong["code"], "invalid_credentials");
    }

    async fn repeated_failures_are_throttled_with_retry_after(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        for _ in 0..5 {
            let res = app.try_sign_in("boss@acme.example", "guess-guess").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        }
        let blocked = app.try_sign_in("boss@acme.example", PASSWORD).await;
        assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry: u64 = blocked.headers().get("retry-after")
            .and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
        assert!(retry >= 1, "Retry-After {retry}");
        assert_eq!(read_json(blocked).await["code"], "too_many_requests");
        // Once the delay has passed (on the app's clock), the right password works again.
        app.clock.advance(chrono::Duration::seconds(i64::try_from(retry + 1).unwrap_or(i64::MAX)));
        app.sign_in("boss@acme.example", PASSWORD).await;
    }

    async fn a_burst_of_concurrent_guesses_gets_no_more_than_five_tries(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let guesses = (0..20).map(|i| {
            let app = &app;
            async move { app.try_sign_in("boss@acme.example", &format!("guess number {i}")).await.status() }
        });
        let statuses = futures::future::join_all(guesses).await;
        let tried = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
        assert!(tried <= 5, "{tried} guesses were checked");
        assert_eq!(tried + refused, 20, "{statuses:?}");
    }

    async fn refresh_tokens_rotate_and_reuse_revokes_the_session(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let first = refresh_with(&app, &admin.refresh_token).await;
        assert_eq!(first.status(), StatusCode::OK);
        let next = first.cookies().find(|c| c.name() == "cinco_refresh").map(|c| c.value().to_owned()).unwrap_or_default();
        assert!(!next.is_empty() && next != admin.refresh_token);
        let body = read_json(first).await;
        let token = body["access_token"].as_str().unwrap_or_default().to_owned();
        assert_eq!(app.get_as("/api/v1/me", &token).await.status(), StatusCode::OK);

        // Someone replays the old token: the whole session dies, the new token included.
        let replay = refresh_with(&app, &admin.refresh_token).await;
        assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(read_json(replay).await["code"], "refresh_token_reused");
        assert_eq!(refresh_with(&app, &next).await.status(), StatusCode::UNAUTHORIZED);
        let me = app.get_as("/api/v1/me", &token).await;
        assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(read_json(me).await["code"], "session_revoked");
    }

    async fn sessions_are_listed_and_can_be_ended(app) {
        let phone = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let laptop = app.sign_in("boss@acme.example", PASSWORD).await;
        let list = read_json(app.get_as("/api/v1/auth/sessions", &laptop.access_token).await).await;
        let sessions = list.as_array().cloned().unwrap_or_default();
        assert_eq!(sessions.len(), 2);
        assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
        let other = sessions.iter().find(|s| s["current"] == false).and_then(|s| s["id"].as_str()).unwrap_or_default();

        let revoked = app.call(Method::DELETE, &format!("/api/v1/auth/sessions/{other}"), Some(&laptop.access_token), None).await;
        assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get_as("/api/v1/me", &phone.access_token).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.get_as("/api/v1/me", &laptop.access_token).await.status(), StatusCode::OK);

        let everywhere = app.call(Method::POST, "/api/v1/auth/sign-out-everywhere", Some(&laptop.access_token), None).await;
        assert_eq!(everywhere.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get_as("/api/v1/me", &laptop.access_token).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(refresh_with(&app, &laptop.refresh_token).await.status(), StatusCode::UNAUTHORIZED);
    }

    async fn signing_out_ends_this_session_only(app) {
        let one = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let two = app.sign_in("boss@acme.example", PASSWORD).await;
        let res = app.client.post(app.url("/api/v1/auth/sign-out"))
            .header("cookie", format!("cinco_refresh={}", one.refresh_token))
            .send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
        let cleared = res.headers().get_all("set-cookie").iter()
            .filter_map(|v| v.to_str().ok()).any(|c| c.starts_with("cinco_refresh=;") || c.contains("Max-Age=0"));
        assert!(cleared, "the refresh cookie is cleared");
        assert_eq!(app.get_as("/api/v1/me", &one.access_token).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.get_as("/api/v1/me", &two.access_token).await.status(), StatusCode::OK);
    }

    async fn signing_out_with_only_the_bearer_token_ends_its_session(app) {
        let one = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let two = app.sign_in("boss@acme.example", PASSWORD).await;
        let res = app.call(Method::POST, "/api/v1/auth/sign-out", Some(&one.access_token), None).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
        let me = app.get_as("/api/v1/me", &one.access_token).await;
        assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(read_json(me).await["code"], "session_revoked");
        assert_eq!(refresh_with(&app, &one.refresh_token).await.status(), StatusCode::UNAUTHORIZED);
        // The other device stays signed in.
        assert_eq!(app.get_as("/api/v1/me", &two.access_token).await.status(), StatusCode::OK);
    }

    async fn strangers_guessing_cannot_lock_out_a_device_that_signed_in_before(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        app.join(&admin, "agent@acme.example", &["agent"], PASSWORD).await;
        let device_of = |res: &reqwest::Response| res.cookies().find(|c| c.name() == "cinco_device").map(|c| c.value().to_owned());
        let sign_in_with = |email: &'static str, password: &'static str, device: Option<String>| {
            let mut req = app.client.post(app.url("/api/v1/auth/sign-in")).json(&json!({"email": email, "password": password}));
            if let Some(device) = device {
                req = req.header("cookie", format!("cinco_device={device}"));
            }
            req.send()
        };
        let first = sign_in_with("boss@acme.example", PASSWORD, None).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.status(), StatusCode::OK);
        let cookie = first.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("cinco_device=")).unwrap_or_default().to_owned();
        for part in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth/sign-in"] {
            assert!(cookie.contains(part), "{part} missing in {cookie}");
        }
        let laptop = device_of(&first);
        assert!(laptop.is_some(), "a device cookie is set");
        let agents_phone = device_of(&sign_in_with("agent@acme.example", PASSWORD, None).await.unwrap_or_else(|e| panic!("{e}")));

        // A stranger guesses until the account and the address are blocked.
        let mut last = StatusCode::OK;
        for _ in 0..7 {
            last = sign_in_with("boss@acme.example", "a wrong guess", None).await.map(|r| r.status()).unwrap_or(StatusCode::OK);
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(app.try_sign_in("boss@acme.example", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS, "blocked without the device");
        // Someone else's device cookie does not vouch for this account.
        let borrowed = sign_in_with("boss@acme.example", PASSWORD, agents_phone).await.map(|r| r.status()).ok();
        assert_eq!(borrowed, Some(StatusCode::TOO_MANY_REQUESTS));
        let forged = sign_in_with("boss@acme.example", PASSWORD, Some("not.a.token".to_owned())).await.map(|r| r.status()).ok();
        assert_eq!(forged, Some(StatusCode::TOO_MANY_REQUESTS));
        // The owner's browser still signs in.
        let owner = sign_in_with("boss@acme.example", PASSWORD, laptop.clone()).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(owner.status(), StatusCode::OK);
        assert!(device_of(&owner).is_some(), "the device cookie is renewed");
        // The device is throttled too, on its own: five wrong tries, then 429.
        for _ in 0..5 {
            let wrong = sign_in_with("boss@acme.example", "typo typo typo", laptop.clone()).await.map(|r| r.status()).ok();
            assert_eq!(wrong, Some(StatusCode::UNAUTHORIZED));
        }
        let blocked = sign_in_with("boss@acme.example", PASSWORD, laptop).await.map(|r| r.status()).ok();
        assert_eq!(blocked, Some(StatusCode::TOO_MANY_REQUESTS));
    }

    async fn the_refresh_cookie_is_locked_down(app) {
        let res = app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Acme", "display_name": "X", "email": "boss@acme.example", "password": PASSWORD
        })).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        let res = app.confirm_sign_up(&app.sign_up_link("boss@acme.example").await).await;
        let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        for part in ["cinco_refresh=", "HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
            assert!(cookie.contains(part), "{part} missing in {cookie}");
        }
        // The test server is plain HTTP; behind TLS the cookie is also Secure.
        assert!(!cookie.contains("Secure"));
        let body = read_json(res).await;
        assert!(!body.to_string().contains(cookie.trim_start_matches("cinco_refresh=").split(';').next().unwrap_or("-")));
    }
}

on_both_databases! {
    async fn behind_a_trusted_proxy_the_client_cannot_choose_its_own_address(engine: Engine) {
        let Some(app) = spawn_app_with(engine, |s| s.trusted_proxies = 1).await else { return };
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        // One attacker rotates the first X-Forwarded-For value and the account it guesses;
        // our proxy appends the address it really saw.
        let guess = |i: usize| {
            app.client
                .post(app.url("/api/v1/auth/sign-in"))
                .header("x-forwarded-for", format!("198.51.100.{i}, 203.0.113.9"))
                .json(&json!({"email": format!("someone{i}@acme.example"), "password": "guess-guess"}))
                .send()
        };
        for i in 0..5 {
            let res = guess(i).await.map(|r| r.status()).ok();
            assert_eq!(res, Some(StatusCode::UNAUTHORIZED));
        }
        let blocked = guess(6).await.map(|r| r.status()).ok();
        assert_eq!(blocked, Some(StatusCode::TOO_MANY_REQUESTS), "the address the proxy saw is throttled");

        // The session list shows that address too, not the one the client wrote.
        let signed_in = app.client
            .post(app.url("/api/v1/auth/sign-in"))
            .header("x-forwarded-for", "192.0.2.77, 203.0.113.10")
            .json(&json!({"email": "boss@acme.example", "password": PASSWORD}))
            .send().await;
        let Ok(signed_in) = signed_in else { panic!("no answer") };
        assert_eq!(signed_in.status(), StatusCode::OK);
        let token = read_json(signed_in).await["access_token"].as_str().unwrap_or_default().to_owned();
        let sessions = read_json(app.get_as("/api/v1/auth/sessions", &token).await).await;
        let current = sessions.as_array().into_iter().flatten().find(|s| s["current"] == true).cloned();
        assert_eq!(current.map(|s| s["ip_address"].clone()), Some(json!("203.0.113.10")));
    }

    async fn sign_up_can_be_switched_off(engine: Engine) {
        let Some(app) = spawn_app_with(engine, |s| s.open_signup = false).await else { return };
        let res = app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Acme", "display_name": "X", "email": "boss@acme.example", "password": PASSWORD
        })).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(read_json(res).await["code"], "sign_up_closed");
    }

    async fn secure_cookies_behind_tls(engine: Engine) {
        let Some(app) = spawn_app_with(engine, |s| s.public_url = "https://cinco.example".to_owned()).await else { return };
        let res = app.post("/api/v1/auth/sign-up", None, json!({
            "organisation_name": "Acme", "display_name": "X", "email": "boss@acme.example", "password": PASSWORD
        })).await;
        assert!(res.headers().contains_key("strict-transport-security"));
        let res = app.confirm_sign_up(&app.sign_up_link("boss@acme.example").await).await;
        let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(cookie.contains("Secure"), "{cookie}");
        assert!(res.headers().contains_key("strict-transport-security"));
    }
}

async fn refresh_with(app: &cinco_tests::TestApp, token: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", format!("cinco_refresh={token}"))
        .json(&json!({}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("refresh: {e}"))
}

async fn count(app: &cinco_tests::TestApp, sql: &str) -> i64 {
    app.db
        .count(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
