use cinco_tests::on_both_databases;

fn cache_control(res: &reqwest::Response) -> String {
    res.headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

on_both_databases! {
    async fn the_pwa_is_served_with_the_right_cache_policy(app) {
        let index = app.get("/").await;
        assert_eq!(index.status(), 200);
        assert_eq!(cache_control(&index), "no-cache");
        assert!(index.text().await.unwrap_or_default().contains("<title>Cinco"));

        let asset = app.get("/assets/index-3f2a1b.js").await;
        assert_eq!(asset.status(), 200);
        assert_eq!(cache_control(&asset), "public, max-age=31536000, immutable");

        let sw = app.get("/sw.js").await;
        assert_eq!(sw.status(), 200);
        assert_eq!(cache_control(&sw), "no-cache");

        let api = app.get("/api/v1/info").await;
        assert_eq!(cache_control(&api), "no-store");
    }

    async fn client_side_routes_load_the_app_but_missing_files_do_not(app) {
        let page = app.client.get(app.url("/sign-in")).header("accept", "text/html").send().await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap_or_default().contains("<title>Cinco"));

        let missing = app.get("/assets/missing-123.js").await;
        assert_eq!(missing.status(), 404);
        assert_eq!(
            missing.headers().get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
    }
}
