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
        let first = cinco_api::seed::demo(&app.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(first.organisation_created);
        assert_eq!(first.people_created, 16);
        let second = cinco_api::seed::demo(&app.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(!second.organisation_created);
        assert_eq!(second.people_created, 0);
    }
}
