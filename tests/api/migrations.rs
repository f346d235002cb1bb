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
        // First from the copy built into the binary, then from the folder: the same demo.
        let built_in = cinco_api::seed::DemoContent::Embedded;
        let folder = cinco_api::seed::DemoContent::Dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../content").into());
        let first = cinco_api::seed::demo(&app.db, &built_in).await.unwrap_or_else(|e| panic!("{e:#}"));
        assert!(first.organisation_created);
        assert_eq!(first.people_created, 17);
        assert!(first.competencies_created >= 8);
        assert!(first.lessons_published >= 24, "{} lessons", first.lessons_published);
        assert_eq!(first.decisions_created, 6);
        assert!(first.scenarios_published >= 12, "{} scenarios", first.scenarios_published);
        let second = cinco_api::seed::demo(&app.db, &folder).await.unwrap_or_else(|e| panic!("{e:#}"));
        assert!(!second.organisation_created);
        assert_eq!((second.people_created, second.competencies_created, second.lessons_published), (0, 0, 0));
        assert_eq!((second.decisions_created, second.scenarios_published), (0, 0));
        assert_eq!(first.results_agents, 60);
        assert!(first.kpi_values > 5_500, "60 agents × 26 weeks × 4 KPIs, 5 % missing: {} values", first.kpi_values);
        assert_eq!((second.results_agents, second.kpi_values), (0, 0), "history is added once");
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
        // Train-the-trainer: Laura certified (her coach limit applies), Luca halfway with his
        // teach-back in the trainer's queue, the trainer a master trainer.
        assert_eq!((first.certifications, second.certifications), (3, 0));
        let laura = app.sign_in("lead1@demo.cinco.test", cinco_api::seed::DEMO_PASSWORD).await;
        let certs = cinco_tests::read_json(app.get_as("/api/v1/me/certifications", &laura.access_token).await).await;
        assert_eq!((certs[0]["level"].as_str(), certs[0]["status"].as_str(), certs[0]["title"].as_str()), (Some("coach"), Some("active"), Some("Coach for empowerment")), "{certs}");
        assert_eq!(certs[0]["evidence"].as_array().map(Vec::len), Some(5), "{certs}");
        let limits = cinco_tests::read_json(app.get_as("/api/v1/authority-limits", &laura.access_token).await).await;
        let fee = limits["decisions"].as_array().and_then(|d| d.iter().find(|d| d["key"] == "fee-waiver").cloned()).unwrap_or_default();
        assert_eq!(fee["your_limit"], 250.0, "a certified coach may waive more than a lead: {fee}");
        let luca = app.sign_in("lead2@demo.cinco.test", cinco_api::seed::DEMO_PASSWORD).await;
        let tracks = cinco_tests::read_json(app.get_as("/api/v1/me/enrolments", &luca.access_token).await).await;
        assert_eq!((tracks[0]["done"].as_u64(), tracks[0]["total"].as_u64(), tracks[0]["status"].as_str()), (Some(2), Some(5), Some("active")), "{tracks}");
        let queue = cinco_tests::read_json(app.get_as("/api/v1/assessments", &trainer.access_token).await).await;
        assert_eq!((queue[0]["trainee"]["display_name"].as_str(), queue[0]["may_assess"].as_bool()), (Some("Luca Bianchi"), Some(true)), "{queue}");
        let cascade = cinco_tests::read_json(app.get_as("/api/v1/certifications/cascade", &trainer.access_token).await).await;
        let tomas = cascade["tree"][0]["certified"].as_array().and_then(|c| c.iter().find(|n| n["person"]["display_name"] == "Tomás Formador").cloned()).unwrap_or_default();
        assert_eq!((tomas["certifications"][0]["level"].as_str(), tomas["certified"][0]["person"]["display_name"].as_str()), (Some("master_trainer"), Some("Laura Gómez")), "{cascade}");
        assert_eq!(cascade["expiring"].as_array().map(Vec::len), Some(1), "Luca's outside certification: {cascade}");
        // Decisions on real contacts: Ana's $35 waiver recognised by her lead and a peer,
        // Javier's $120 upgrade waiting for Laura, Carlos's $120 credit approved.
        assert_eq!((first.contact_decisions, second.contact_decisions), (6, 0));
        let mine = cinco_tests::read_json(app.get_as("/api/v1/decisions/mine", &agent.access_token).await).await;
        assert_eq!((mine[0]["amount"].as_f64(), mine[0]["status"].as_str()), (Some(35.0), Some("empowered")), "{mine}");
        assert_eq!(mine[0]["recognitions"].as_array().map(Vec::len), Some(2), "{mine}");
        let inbox = cinco_tests::read_json(app.get_as("/api/v1/decisions/approvals", &laura.access_token).await).await;
        assert_eq!((inbox[0]["agent"]["display_name"].as_str(), inbox[0]["amount"].as_f64()), (Some("Javier Moreno"), Some(120.0)), "{inbox}");
        let report = cinco_tests::read_json(app.get_as("/api/v1/empowerment/report", &laura.access_token).await).await;
        assert_eq!((report["decisions"].as_u64(), report["approved"].as_u64(), report["awaiting"].as_u64()), (Some(4), Some(1), Some(1)), "{report}");
    }

    async fn the_demo_seed_refuses_a_content_folder_without_lessons(app) {
        // A folder with nothing in it, then one with the framework but no lessons: both
        // refused, never a demo with nothing to learn.
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let folder = cinco_api::seed::DemoContent::Dir(dir.path().to_owned());
        let err = cinco_api::seed::demo(&app.db, &folder).await.err().map(|e| format!("{e:#}"));
        assert!(err.as_deref().is_some_and(|e| e.contains("competencies.toml is missing")), "{err:?}");
        let source = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        for file in ["competencies.toml", "cx-statement.toml"] {
            std::fs::copy(format!("{source}/{file}"), dir.path().join(file)).unwrap_or_else(|e| panic!("{e}"));
        }
        let err = cinco_api::seed::demo(&app.db, &folder).await.err().map(|e| format!("{e:#}"));
        assert!(err.as_deref().is_some_and(|e| e.contains("holds no lessons")), "{err:?}");
    }
}
