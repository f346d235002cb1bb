//! Path templates: authored by admins, trainers and leads; checked (steps, due days, known
//! lessons and scenarios); archived without stopping running paths.

use super::*;
use cinco_tests::on_both_databases;

on_both_databases! {
    async fn a_template_is_created_with_its_steps_echoed_and_defaults_filled(app) {
        let f = floor(&app).await;
        app.publish_lesson(&f.admin, &lesson("empowerment-101")).await;
        let steps = vec![
            json!({"title": "Read: what empowerment means", "kind": "lesson", "target_key": "empowerment-101", "due_after_days": 3}),
            json!({"title": "Read it again, harder", "kind": "lesson", "target_key": "empowerment-101", "pass_percent": 90, "due_after_days": 3}),
            json!({"title": "Use the empathy checklist on your next 5 calls", "kind": "practice_task", "instructions": "Tick each item after the call.", "due_after_days": 10}),
            json!({"title": "Review a call with your lead", "kind": "coaching_session", "due_after_days": 14}),
        ];
        let (status, view) = post(&app, &f.lena, "/api/v1/coaching/paths", json!({
            "title": "Empowerment basics", "description": "Own the problem.", "steps": steps
        })).await;
        assert_eq!(status, StatusCode::CREATED, "a lead authors paths: {view}");
        assert!(!s(&view, "id").is_empty(), "{view}");
        assert_eq!(view["title"], "Empowerment basics");
        assert_eq!(view["description"], "Own the problem.");
        assert_eq!(view["created_by"]["id"], f.lena.user_id.as_str());
        assert_eq!(view["created_by"]["display_name"], "Lena");
        assert_eq!(view["archived"], false);
        assert_eq!(view["active_assignments"], 0);
        assert!(view["updated_at"].is_string(), "{view}");
        let got = items(&view["steps"]);
        assert_eq!(got.len(), 4, "{view}");
        assert_eq!(got[0]["kind"], "lesson");
        assert_eq!(got[0]["target_key"], "empowerment-101");
        assert_eq!(got[0]["pass_percent"], 70, "the pass mark defaults to 70");
        assert_eq!(got[0]["due_after_days"], 3);
        assert_eq!(got[1]["pass_percent"], 90);
        assert_eq!(got[2]["kind"], "practice_task");
        assert_eq!(got[2]["instructions"], "Tick each item after the call.");
        assert_eq!(got[3]["kind"], "coaching_session");
        assert_eq!(got[3]["title"], "Review a call with your lead");

        // Read back, listed, and authored by trainers too.
        let id = s(&view, "id");
        let (status, one) = get(&app, &f.admin, &format!("/api/v1/coaching/paths/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one["steps"], view["steps"]);
        let trainer = join_as(&app, &f.admin, "tess@acme.example", "Tess", &["trainer"], None, "en").await;
        let by_trainer = create_path(&app, &trainer, "Listening", vec![practice_step("Listen twice", Some(2))]).await;
        assert_eq!(by_trainer["created_by"]["id"], trainer.user_id.as_str());
        let (status, list) = get(&app, &f.admin, "/api/v1/coaching/paths").await;
        assert_eq!(status, StatusCode::OK);
        assert!(find(&list, "id", &id).is_some() && find(&list, "id", &s(&by_trainer, "id")).is_some(), "{list}");

        // Edited in place.
        let (status, edited) = send(&app, &f.lena, Method::PUT, &format!("/api/v1/coaching/paths/{id}"), Some(json!({
            "title": "Empowerment basics, v2", "description": "Own it.", "steps": [practice_step("Only this", Some(1))]
        }))).await;
        assert_eq!(status, StatusCode::OK, "{edited}");
        assert_eq!(edited["title"], "Empowerment basics, v2");
        assert_eq!(items(&edited["steps"]).len(), 1);
    }

    async fn a_broken_template_is_refused_with_the_field_named(app) {
        let f = floor(&app).await;
        app.publish_lesson(&f.admin, &lesson("empowerment-101")).await;
        let path = "/api/v1/coaching/paths";
        let body = |steps: Vec<Value>| json!({"title": "Broken", "description": "", "steps": steps});

        // Due days going backwards.
        let got = post(&app, &f.admin, path, body(vec![practice_step("Later", Some(7)), practice_step("Earlier", Some(3))])).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_path");
        let fields: Vec<String> = items(&got.1["errors"]).iter().map(|e| s(e, "field")).collect();
        assert!(fields.iter().any(|f| !f.is_empty()), "the field is named: {}", got.1);

        // No steps, and more than 20.
        let got = post(&app, &f.admin, path, body(vec![])).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_path");
        let many: Vec<Value> = (1..=21).map(|i| practice_step(&format!("Step {i}"), Some(i))).collect();
        let got = post(&app, &f.admin, path, body(many)).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_path");
        let twenty: Vec<Value> = (1..=20).map(|i| practice_step(&format!("Step {i}"), Some(i))).collect();
        let (status, ok) = post(&app, &f.admin, path, body(twenty)).await;
        assert_eq!(status, StatusCode::CREATED, "twenty steps are fine: {ok}");

        // A lesson or scenario nobody published.
        let got = post(&app, &f.admin, path, body(vec![lesson_step("Read", "nobody-wrote-this", Some(1))])).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "unknown_lesson");
        let got = post(&app, &f.admin, path, body(vec![json!({"title": "Play", "kind": "scenario", "target_key": "no-such-scenario", "due_after_days": 1})])).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "unknown_scenario");

        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_templates").await, 1, "only the good one was saved");
    }

    async fn agents_cannot_author_or_edit_templates(app) {
        let f = floor(&app).await;
        let (status, body) = post(&app, &f.ana, "/api/v1/coaching/paths", json!({
            "title": "Mine", "description": "", "steps": [practice_step("Do it", Some(1))]
        })).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let template = create_path(&app, &f.admin, "Basics", vec![practice_step("Do it", Some(1))]).await;
        let id = s(&template, "id");
        let (status, _) = send(&app, &f.ana, Method::PUT, &format!("/api/v1/coaching/paths/{id}"), Some(json!({
            "title": "Hijacked", "description": "", "steps": [practice_step("Nothing", Some(1))]
        }))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = send(&app, &f.ana, Method::DELETE, &format!("/api/v1/coaching/paths/{id}"), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_templates WHERE archived_at IS NULL").await, 1);
    }

    async fn an_archived_template_keeps_running_paths_but_cannot_be_assigned(app) {
        let f = floor(&app).await;
        let template = create_path(&app, &f.admin, "Basics", vec![practice_step("Do it", Some(5))]).await;
        let id = s(&template, "id");
        let running = assign_to(&app, &f.admin, &id, &f.ana).await;
        let (_, counted) = get(&app, &f.admin, &format!("/api/v1/coaching/paths/{id}")).await;
        assert_eq!(counted["active_assignments"], 1, "{counted}");

        let (status, _) = send(&app, &f.admin, Method::DELETE, &format!("/api/v1/coaching/paths/{id}"), None).await;
        assert!(status.is_success(), "archived: {status}");
        let (status, archived) = get(&app, &f.admin, &format!("/api/v1/coaching/paths/{id}")).await;
        assert_eq!(status, StatusCode::OK, "archiving keeps the template: {archived}");
        assert_eq!(archived["archived"], true);

        let (status, refused) = post(&app, &f.admin, "/api/v1/coaching/assignments", json!({
            "template_id": id, "agent_ids": [f.bruno.user_id]
        })).await;
        assert!(status.is_client_error(), "an archived template cannot be assigned: {status} {refused}");
        assert!(my_paths(&app, &f.bruno).await.as_array().is_some_and(Vec::is_empty));

        let view = assignment(&app, &f.admin, &s(&running, "id")).await;
        assert_eq!(view["status"], "active", "the running path goes on: {view}");
        let mine = my_paths(&app, &f.ana).await;
        assert!(find(&mine, "id", &s(&running, "id")).is_some(), "{mine}");
    }

    async fn a_template_translated_reaches_each_reader_in_their_language(app) {
        let f = floor(&app).await;
        let giulia = join_as(&app, &f.admin, "giulia@acme.example", "Giulia", &["agent"], None, "it").await;
        let steps = vec![
            practice_step("Solve one call yourself", Some(3)),
            session_step("Review a call with your lead", Some(7)),
        ];
        let template = create_path(&app, &f.admin, "Empowerment basics", steps).await;
        let id = s(&template, "id");
        let languages = &template["languages"];
        assert_eq!(languages["source_locale"], "en", "written in the organisation's language: {template}");
        assert_eq!(languages["missing"], json!(["es", "it"]), "{template}");

        // A translation words every step; the source's own language is its edit.
        let texts = format!("/api/v1/coaching/paths/{id}/texts/it");
        let italian = json!({
            "title": "Le basi dell'empowerment",
            "description": "Cosa puoi decidere da solo.",
            "steps": [
                {"title": "Risolvi tu una chiamata", "instructions": "Risolvi un problema senza trasferire."},
                {"title": "Rivedi una chiamata con il responsabile"},
            ]
        });
        let short = json!({"title": "Basi", "steps": [{"title": "Solo una"}]});
        let got = send(&app, &f.admin, Method::PUT, &texts, Some(short)).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_translation");
        let mut untold = italian.clone();
        untold["steps"][0]["instructions"] = json!(" ");
        let got = send(&app, &f.admin, Method::PUT, &texts, Some(untold)).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_translation");
        assert_eq!(s(&got.1["errors"][0], "field"), "steps[0].instructions", "{}", got.1);
        let got = send(&app, &f.admin, Method::PUT, &format!("/api/v1/coaching/paths/{id}/texts/en"), Some(italian.clone())).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_translation");
        let got = send(&app, &f.ana, Method::PUT, &texts, Some(italian.clone())).await;
        assert_eq!(got.0, StatusCode::FORBIDDEN, "agents do not translate");
        let got = send(&app, &f.admin, Method::PUT, &format!("/api/v1/coaching/paths/{id}/texts/fr"), Some(italian.clone())).await;
        assert_eq!(got.0, StatusCode::NOT_FOUND, "no such language");
        let (status, saved) = send(&app, &f.admin, Method::PUT, &texts, Some(italian)).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["languages"]["missing"], json!(["es"]), "{saved}");
        let it = &saved["languages"]["translations"][0];
        assert_eq!(it["locale"], "it");
        assert_eq!(it["out_of_date"], false);
        assert_eq!(it["words"]["steps"][1]["title"], "Rivedi una chiamata con il responsabile");
        assert_eq!(saved["title"], "Empowerment basics", "the source is unchanged");

        // Given to both: the Italian agent reads Italian, the English one English, and the
        // lead reads it in theirs.
        let for_giulia = assign_to(&app, &f.admin, &id, &giulia).await;
        assign_to(&app, &f.admin, &id, &f.ana).await;
        let mine = my_paths(&app, &giulia).await;
        let path = find(&mine, "id", &s(&for_giulia, "id")).unwrap_or_else(|| panic!("{mine}"));
        assert_eq!(path["title"], "Le basi dell'empowerment", "{path}");
        assert_eq!(path["locale"], "it");
        assert_eq!(path["steps"][0]["title"], "Risolvi tu una chiamata");
        assert_eq!(path["steps"][0]["instructions"], "Risolvi un problema senza trasferire.");
        assert_eq!(path["steps"][0]["due_at"], for_giulia["steps"][0]["due_at"], "the same path");
        let ana = my_paths(&app, &f.ana).await;
        assert_eq!(ana[0]["title"], "Empowerment basics", "{ana}");
        assert_eq!(ana[0]["locale"], "en");
        assert_eq!(assignment(&app, &f.admin, &s(&for_giulia, "id")).await["title"], "Empowerment basics");

        // Today offers the Italian step with its Italian path.
        let (_, today) = get(&app, &giulia, "/api/v1/today").await;
        assert!(today.to_string().contains("Risolvi tu una chiamata"), "{today}");

        // A new due date changes no words: the translation stays current.
        let (status, dated) = send(&app, &f.admin, Method::PUT, &format!("/api/v1/coaching/paths/{id}"), Some(json!({
            "title": "Empowerment basics", "description": "About Empowerment basics",
            "steps": [practice_step("Solve one call yourself", Some(4)), session_step("Review a call with your lead", Some(8))]
        }))).await;
        assert_eq!(status, StatusCode::OK, "{dated}");
        assert_eq!(dated["languages"]["translations"][0]["out_of_date"], false, "{dated}");

        // The source's words change: the translation is out of date, and a path given now
        // leaves it out (it could put one step's words on another).
        app.clock.advance(chrono::Duration::hours(1));
        let (status, edited) = send(&app, &f.admin, Method::PUT, &format!("/api/v1/coaching/paths/{id}"), Some(json!({
            "title": "Empowerment basics", "description": "", "steps": [practice_step("Solve one call yourself", Some(3))]
        }))).await;
        assert_eq!(status, StatusCode::OK, "{edited}");
        assert_eq!(edited["languages"]["source_locale"], "en", "an edit keeps the language");
        assert_eq!(edited["languages"]["translations"][0]["out_of_date"], true, "{edited}");
        let bruno = join_as(&app, &f.admin, "bruno.it@acme.example", "Bruno", &["agent"], None, "it").await;
        assign_to(&app, &f.admin, &id, &bruno).await;
        let view = my_paths(&app, &bruno).await;
        assert_eq!(view[0]["title"], "Empowerment basics", "{view}");
        assert_eq!(view[0]["locale"], "en", "{view}");
        let still = my_paths(&app, &giulia).await;
        assert_eq!(still[0]["title"], "Le basi dell'empowerment", "a path keeps the languages it was given in");
    }
}
