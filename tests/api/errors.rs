use cinco_tests::{TestApp, on_both_databases};
use reqwest::StatusCode;

/// Asserts a problem+json answer with the status and code, and returns its body.
async fn expect_problem(
    res: reqwest::Response,
    status: StatusCode,
    code: &str,
) -> serde_json::Value {
    assert_eq!(res.status(), status);
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16());
    assert!(body["title"].is_string() && body["type"].is_string());
    body
}

async fn post_raw(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path}: {e}"))
}

on_both_databases! {
    async fn an_unknown_api_route_is_a_404_problem(app) {
        expect_problem(app.get("/api/v1/does-not-exist").await, StatusCode::NOT_FOUND, "not_found").await;
        let res = post_raw(&app, "/api/v1/does-not-exist", "application/json", b"{}".to_vec()).await;
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn a_wrong_method_is_a_problem_too(app) {
        let res = app.client.delete(app.url("/health/live")).send().await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(res.status().is_client_error());
        assert_eq!(
            res.headers().get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
    }

    async fn bad_request_bodies_get_clear_problems(app) {
        let path = "/api/v1/client-reports";
        let malformed = post_raw(&app, path, "application/json", b"{\"message\": ".to_vec()).await;
        expect_problem(malformed, StatusCode::BAD_REQUEST, "malformed_json").await;

        let wrong_type = post_raw(&app, path, "text/plain", b"{}".to_vec()).await;
        expect_problem(wrong_type, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;

        let huge = format!("{{\"message\": \"{}\"}}", "x".repeat(100 * 1024));
        let too_big = post_raw(&app, path, "application/json", huge.into_bytes()).await;
        expect_problem(too_big, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

        let wrong_shape = post_raw(&app, path, "application/json", b"{\"message\": 42}".to_vec()).await;
        expect_problem(wrong_shape, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

        let long = format!("{{\"message\": \"{}\"}}", "x".repeat(2001));
        let refused = post_raw(&app, path, "application/json", long.into_bytes()).await;
        let body = expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "message");

        let ok = post_raw(&app, path, "application/json", b"{\"message\": \"hola\"}".to_vec()).await;
        assert_eq!(ok.status(), 202);
    }

    async fn problem_reports_are_small_and_an_address_sends_only_a_few_a_minute(app) {
        let path = "/api/v1/client-reports";
        // 4 KiB at most: a report of 5 KiB is refused before it is read.
        let big = format!("{{\"message\": \"{}\"}}", "x".repeat(5 * 1024));
        let too_big = post_raw(&app, path, "application/json", big.into_bytes()).await;
        expect_problem(too_big, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

        let mut statuses = Vec::new();
        for i in 0..12 {
            let body = format!("{{\"message\": \"failed render {i}\\nINFO forged\"}}");
            statuses.push(post_raw(&app, path, "application/json", body.into_bytes()).await);
        }
        let accepted = statuses.iter().filter(|r| r.status() == 202).count();
        assert_eq!(accepted, 10, "{:?}", statuses.iter().map(|r| r.status()).collect::<Vec<_>>());
        let Some(refused) = statuses.pop() else {
            panic!("no answer to the last report");
        };
        let retry = refused.headers().get("retry-after").and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        assert!((1..=61).contains(&retry), "Retry-After {retry}");
        expect_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    }

    async fn a_method_the_path_does_not_take_is_405_with_the_methods_it_does(app) {
        let res = app.client.get(app.url("/api/v1/auth/sign-in")).send().await;
        let Ok(res) = res else { panic!("no answer") };
        assert_eq!(res.headers().get("allow").and_then(|v| v.to_str().ok()), Some("POST"));
        expect_problem(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;

        let res = app.client.delete(app.url("/api/v1/teams")).send().await;
        let Ok(res) = res else { panic!("no answer") };
        let allow = res.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(allow.contains("GET") && allow.contains("POST") && !allow.contains("DELETE"), "{allow}");
        expect_problem(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;

        // A path with a parameter matches its template; a path nobody documents stays 404.
        let res = app.client.put(app.url("/api/v1/auth/sessions/0190b3c2-0000-7000-8000-000000000000")).send().await;
        let Ok(res) = res else { panic!("no answer") };
        assert_eq!(res.headers().get("allow").and_then(|v| v.to_str().ok()), Some("DELETE"));
        let res = app.client.get(app.url("/api/v1/no-such-thing")).send().await;
        let Ok(res) = res else { panic!("no answer") };
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;

        // A fixed path is not an id of the template beside it: `accept` is no invitation.
        let admin = app.sign_up("Acme", "admin@acme.example", "a-long-secret-1").await;
        let res = app.client.delete(app.url("/api/v1/invitations/accept"))
            .bearer_auth(&admin.access_token).send().await;
        let Ok(res) = res else { panic!("no answer") };
        assert_eq!(res.headers().get("allow").and_then(|v| v.to_str().ok()), Some("POST"));
        expect_problem(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
        let res = app.client.delete(app.url("/api/v1/invitations/0190b3c2-0000-7000-8000-000000000000"))
            .bearer_auth(&admin.access_token).send().await;
        let Ok(res) = res else { panic!("no answer") };
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn a_whole_number_is_an_integer_however_it_is_written(app) {
        // JSON does not tell `30` from `30.0`, and neither does the contract's JSON Schema.
        let admin = app.sign_up("Acme", "admin@acme.example", "a-long-secret-1").await;
        let body = serde_json::json!({"reminder_notice_hours": 24.0, "idle_days": 30.0});
        let res = app.call(reqwest::Method::PUT, "/api/v1/organisation/coaching-settings", Some(&admin.access_token), Some(body)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let saved: serde_json::Value = res.json().await.unwrap_or_default();
        assert_eq!((saved["reminder_notice_hours"].as_i64(), saved["idle_days"].as_i64()), (Some(24), Some(30)), "{saved}");
        let body = serde_json::json!({"reminder_notice_hours": 24.5, "idle_days": 30});
        let res = app.call(reqwest::Method::PUT, "/api/v1/organisation/coaching-settings", Some(&admin.access_token), Some(body)).await;
        expect_problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }

    async fn a_page_past_what_the_database_counts_is_refused_not_a_crash(app) {
        let admin = app.sign_up("Acme", "admin@acme.example", "a-long-secret-1").await;
        for query in ["offset=9223372036854775808", "limit=18446744073709551615"] {
            let res = app.get_as(&format!("/api/v1/users?{query}"), &admin.access_token).await;
            let body = expect_problem(res, StatusCode::BAD_REQUEST, "invalid_query").await;
            assert_eq!(body["errors"][0]["code"], "out_of_range", "{body}");
        }
        let res = app.get_as("/api/v1/users?offset=9223372036854775807", &admin.access_token).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
}
