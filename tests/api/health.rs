use cinco_tests::{on_both_databases, spawn_app_with};
use secrecy::SecretString;

on_both_databases! {
    async fn a_load_balancer_sees_the_server_alive_and_ready(app) {
        let live = app.get("/health/live").await;
        assert_eq!(live.status(), 200);
        let ready = app.get("/health/ready").await;
        assert_eq!(ready.status(), 200);
        let body: serde_json::Value = ready.json().await.unwrap_or_default();
        assert_eq!(body["status"], "ok");
    }

    async fn readiness_fails_when_the_database_is_gone(app) {
        app.db.clone().close().await.unwrap_or_else(|e| panic!("close: {e}"));
        let ready = app.get("/health/ready").await;
        assert_eq!(ready.status(), 503);
        let body: serde_json::Value = ready.json().await.unwrap_or_default();
        assert_eq!(body["code"], "database_unavailable");
        // Liveness does not depend on the database.
        assert_eq!(app.get("/health/live").await.status(), 200);
    }

    async fn metrics_are_exposed_in_prometheus_text(app) {
        app.get("/health/live").await;
        let metrics = app.get("/metrics").await;
        assert_eq!(metrics.status(), 200);
        let text = metrics.text().await.unwrap_or_default();
        assert!(
            text.contains("cinco_http_requests_total") && text.contains("/health/live"),
            "unexpected metrics:\n{text}"
        );
    }

    async fn metrics_compressed_on_request_are_really_compressed(app) {
        app.get("/health/live").await;
        let res = app.client.get(app.url("/metrics")).header("accept-encoding", "gzip")
            .send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), 200);
        let encoding = res.headers().get("content-encoding").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = res.bytes().await.unwrap_or_default();
        match encoding.as_deref() {
            // What the header says is what the body is: a gzip stream starts 1f 8b.
            Some("gzip") => assert_eq!(body.get(..2), Some(&[0x1f, 0x8b][..]), "a body sent as gzip is gzip"),
            None => assert!(String::from_utf8_lossy(&body).contains("cinco_http_requests_total")),
            Some(other) => panic!("unexpected encoding {other}"),
        }
    }

    async fn refusals_answered_by_the_role_check_are_counted(app) {
        assert_eq!(app.get("/api/v1/teams").await.status(), 401);
        let text = app.get("/metrics").await.text().await.unwrap_or_default();
        let counted = text.lines().any(|l| {
            l.starts_with("cinco_http_requests_total") && l.contains("status=\"401\"") && l.contains("/api/v1/teams")
        });
        assert!(counted, "the 401 is counted:\n{text}");
    }

    async fn every_response_carries_a_request_id_and_security_headers(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", "correct horse battery").await;
        let agent_token = app.join(&admin, "agent@acme.example", &["agent"], "correct horse battery").await.access_token;
        let refusals = [
            ("/api/v1/teams", None, 401),
            ("/api/v1/teams", Some(agent_token.as_str()), 403),
            ("/api/v1/nope", None, 404),
            ("/api/v1/nope/deeper", Some(agent_token.as_str()), 404),
        ];
        for (path, token, status) in refusals {
            let mut req = app.client.get(app.url(path));
            if let Some(token) = token {
                req = req.bearer_auth(token);
            }
            let res = req.send().await.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(res.status().as_u16(), status, "{path}");
            let h = res.headers();
            assert!(h.contains_key("content-security-policy"), "{path} {status}: csp");
            assert_eq!(h.get("x-frame-options").map(|v| v.as_bytes()), Some(&b"DENY"[..]), "{path} {status}");
            assert!(h.contains_key("x-request-id"), "{path} {status}: request id");
        }
        for path in ["/health/live", "/api/v1/info", "/", "/api/v1/nope"] {
            let res = app.get(path).await;
            let h = res.headers();
            let id = h.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
            assert!(uuid::Uuid::parse_str(id).is_ok(), "{path}: request id {id:?}");
            let csp = h.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
            assert!(csp.contains("script-src 'self'"), "{path}: csp {csp:?}");
            assert_eq!(h.get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{path}");
            assert!(h.contains_key("referrer-policy"), "{path}");
            // The test server is reached over plain HTTP, so no HSTS.
            assert!(!h.contains_key("strict-transport-security"), "{path}");
        }
    }
}

on_both_databases! {
    async fn metrics_answer_only_their_token_when_one_is_set(engine: Engine) {
        let Some(app) = spawn_app_with(engine, |s| {
            s.metrics_token = Some(SecretString::from("scrape-me-0123456789"));
        }).await else { return eprintln!("skipped: no PostgreSQL") };
        assert_eq!(app.get("/metrics").await.status(), 401);
        let wrong = app.client.get(app.url("/metrics")).bearer_auth("scrape-me-0123456788")
            .send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(wrong.status(), 401);
        let right = app.client.get(app.url("/metrics")).bearer_auth("scrape-me-0123456789")
            .send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(right.status(), 200);
        assert!(right.text().await.unwrap_or_default().contains("cinco_http_requests_total"));
    }
}
