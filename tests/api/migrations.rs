use cinco_persistence::migrate;
use cinco_tests::on_both_databases;

on_both_databases! {
    async fn migrations_go_up_down_and_up_again(app) {
        let all = migrate::applied(&app.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(!all.is_empty());
        migrate::roll_back_all(&app.db).await.unwrap_or_else(|e| panic!("down: {e}"));
        let none = migrate::applied(&app.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(none.is_empty(), "still applied after rollback: {none:?}");
        migrate::run_pending(&app.db).await.unwrap_or_else(|e| panic!("up again: {e}"));
        let again = migrate::applied(&app.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, all);
        // Running again finds nothing to do.
        migrate::run_pending(&app.db).await.unwrap_or_else(|e| panic!("idempotent: {e}"));
    }

    async fn the_demo_seed_can_run_twice(app) {
        let content = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
        let first = cinco_api::seed::demo(&app.db, content).await.unwrap_or_else(|e| panic!("{e:#}"));
        assert!(first.organisation_created);
        assert_eq!(first.people_created, 16);
        assert!(first.competencies_created >= 8);
        assert!(first.lessons_published >= 24, "{} lessons", first.lessons_published);
        assert_eq!(first.decisions_created, 6);
        assert!(first.scenarios_published >= 12, "{} scenarios", first.scenarios_published);
        let second = cinco_api::seed::demo(&app.db, content).await.unwrap_or_else(|e| panic!("{e:#}"));
        assert!(!second.organisation_created);
        assert_eq!((second.people_created, second.competencies_created, second.lessons_published), (0, 0, 0));
        assert_eq!((second.decisions_created, second.scenarios_published), (0, 0));
        // The demo trainer sees the published lessons.
        let trainer = app.sign_in("trainer@demo.cinco.test", cinco_api::seed::DEMO_PASSWORD).await;
        let lessons = cinco_tests::read_json(app.get_as("/api/v1/lessons", &trainer.access_token).await).await;
        let published = lessons.as_array().map(|l| l.iter().filter(|v| v["status"] == "published").count());
        assert_eq!(published, Some(first.lessons_published));
        // Agents get the demo scenarios in their language, with their limits.
        let agent = app.sign_in("agent01@demo.cinco.test", cinco_api::seed::DEMO_PASSWORD).await;
        let practice = cinco_tests::read_json(app.get_as("/api/v1/play/scenarios", &agent.access_token).await).await;
        assert!(practice.as_array().is_some_and(|p| p.len() >= 6), "{practice}");
        let limits = cinco_tests::read_json(app.get_as("/api/v1/authority-limits", &agent.access_token).await).await;
        assert_eq!(limits["decisions"][0]["your_limit"], 50.0);
    }
}
