use cinco_tests::on_both_databases;

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

    async fn every_response_carries_a_request_id_and_security_headers(app) {
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
