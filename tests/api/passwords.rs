//! Forgotten, reset and changed passwords.

use cinco_tests::{on_both_databases, read_json};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "a-long-enough-secret";

on_both_databases! {
    async fn a_forgotten_password_is_reset_by_mail_and_other_sessions_end(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let elsewhere = app.sign_in("boss@acme.example", PASSWORD).await;

        let res = app.post("/api/v1/auth/forgot-password", None, json!({"email": "boss@acme.example"})).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        let mails = app.delivered_of_kind("boss@acme.example", Some("password_reset"), 1).await;
        assert!(mails[0].contains("/reset-password?token="));
        let token = cinco_tests::link_token(&mails[0]);

        let weak = app.post("/api/v1/auth/reset-password", None, json!({"token": token, "password": "12345678"})).await;
        assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // A refused password does not use up the link.
        let reset = app.post("/api/v1/auth/reset-password", None, json!({"token": token, "password": "brand new secret 9"})).await;
        assert_eq!(reset.status(), StatusCode::OK);
        let fresh = read_json(reset).await["access_token"].as_str().unwrap_or_default().to_owned();
        assert_eq!(app.get_as("/api/v1/me", &fresh).await.status(), StatusCode::OK);
        assert_eq!(app.get_as("/api/v1/me", &elsewhere.access_token).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.try_sign_in("boss@acme.example", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
        app.sign_in("boss@acme.example", "brand new secret 9").await;
        let used = app.post("/api/v1/auth/reset-password", None, json!({"token": token, "password": "another secret 77"})).await;
        assert_eq!(read_json(used).await["code"], "reset_link_invalid");
    }

    async fn a_reset_voids_every_older_link(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        for _ in 0..2 {
            app.post("/api/v1/auth/forgot-password", None, json!({"email": "boss@acme.example"})).await;
        }
        let mails = app.delivered_of_kind("boss@acme.example", Some("password_reset"), 2).await;
        let (first, second) = (cinco_tests::link_token(&mails[0]), cinco_tests::link_token(&mails[1]));
        let reset = app.post("/api/v1/auth/reset-password", None, json!({"token": second, "password": "brand new secret 9"})).await;
        assert_eq!(reset.status(), StatusCode::OK);
        let older = app.post("/api/v1/auth/reset-password", None, json!({"token": first, "password": "attacker secret 99"})).await;
        assert_eq!(older.status(), StatusCode::BAD_REQUEST);
        app.sign_in("boss@acme.example", "brand new secret 9").await;
    }

    async fn asking_for_a_link_does_not_wait_for_the_account_lookup(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        // Hold the database busy: on SQLite the app's only connection, on PostgreSQL the
        // outbox. Work done before answering would wait for it (and show in the timing).
        let hold = app.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        if app.engine == cinco_tests::Engine::Postgres {
            use cinco_persistence::Executor;
            use sea_orm::ConnectionTrait;
            hold.conn().execute_unprepared("LOCK TABLE outbox, users IN ACCESS EXCLUSIVE MODE").await.unwrap_or_else(|e| panic!("{e}"));
        }
        let asked = tokio::time::timeout(
            std::time::Duration::from_secs(3),
            app.post("/api/v1/auth/forgot-password", None, json!({"email": "boss@acme.example"})),
        ).await;
        let status = asked.as_ref().map(|r| r.status()).ok();
        drop(hold);
        assert_eq!(status, Some(StatusCode::ACCEPTED), "answered while the lookup was held up");
        // Once the database is free, the link still goes out.
        let mails = app.delivered_of_kind("boss@acme.example", Some("password_reset"), 1).await;
        assert!(mails[0].contains("/reset-password?token="));
    }

    async fn asking_for_an_unknown_address_looks_the_same_and_sends_nothing(app) {
        app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let res = app.post("/api/v1/auth/forgot-password", None, json!({"email": "ghost@acme.example"})).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let queued = cinco_persistence::outbox::to_recipient(&app.db, "ghost@acme.example").await.unwrap_or_default();
        assert!(queued.is_empty());
    }

    async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(app) {
        let here = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let there = app.sign_in("boss@acme.example", PASSWORD).await;
        let wrong = app.post("/api/v1/auth/change-password", Some(&here.access_token), json!({
            "current_password": "nope nope nope", "new_password": "brand new secret 9"
        })).await;
        assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
        assert_eq!(read_json(wrong).await["code"], "wrong_current_password");
        let ok = app.post("/api/v1/auth/change-password", Some(&here.access_token), json!({
            "current_password": PASSWORD, "new_password": "brand new secret 9"
        })).await;
        assert_eq!(ok.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get_as("/api/v1/me", &here.access_token).await.status(), StatusCode::OK);
        assert_eq!(app.get_as("/api/v1/me", &there.access_token).await.status(), StatusCode::UNAUTHORIZED);
        app.sign_in("boss@acme.example", "brand new secret 9").await;
    }

    async fn guessing_the_current_password_is_throttled_like_sign_in(app) {
        let here = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let change = |current: &'static str| app.post("/api/v1/auth/change-password", Some(&here.access_token), json!({
            "current_password": current, "new_password": "brand new secret 9"
        }));
        for _ in 0..5 {
            assert_eq!(change("a wrong guess").await.status(), StatusCode::BAD_REQUEST);
        }
        // Even the right password waits now: a stolen token cannot keep guessing.
        let blocked = change(PASSWORD).await;
        assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry: u64 = blocked.headers().get("retry-after")
            .and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
        assert!(retry >= 1, "Retry-After {retry}");
        assert_eq!(read_json(blocked).await["code"], "too_many_requests");
        app.clock.advance(chrono::Duration::seconds(i64::try_from(retry + 1).unwrap_or(i64::MAX)));
        assert_eq!(change(PASSWORD).await.status(), StatusCode::NO_CONTENT);
        app.sign_in("boss@acme.example", "brand new secret 9").await;
    }
}
