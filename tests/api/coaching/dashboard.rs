//! The lead dashboard: who is behind and why, levels per competency, the CSV export and the
//! drill-down into one agent — for the teams a lead leads only.

use super::*;
use cinco_tests::on_both_databases;

on_both_databases! {
    async fn a_lead_sees_who_is_behind_in_their_team_and_nothing_of_others(app) {
        let f = floor(&app).await;
        app.create_competency(&f.admin, "empathy").await;
        let dario = join_as(&app, &f.admin, "dario@acme.example", "Dario", &["agent"], Some(&f.north), "en").await;
        // Ana: a step due tomorrow and a session tomorrow that never happens.
        let template = create_path(&app, &f.lena, "Callbacks", vec![practice_step("Call back", Some(1))]).await;
        let anas = assign_to(&app, &f.lena, &s(&template, "id"), &f.ana).await;
        let (status, missed) = post(&app, &f.lena, "/api/v1/coaching/sessions", json!({"agent_id": f.ana.user_id, "scheduled_at": at(12, 2, 9, 0)})).await;
        assert_eq!(status, StatusCode::CREATED, "{missed}");
        // Three days later Dario has a session, rated.
        app.clock.set(at(12, 4, 9, 0));
        let (status, session) = post(&app, &f.lena, "/api/v1/coaching/sessions", json!({"agent_id": dario.user_id, "scheduled_at": at(12, 4, 8, 0)})).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        let (status, recorded) = post(&app, &f.lena, &format!("/api/v1/coaching/sessions/{}/record", s(&session, "id")), json!({
            "observation": "live", "call_reference": null, "held_at": null,
            "ratings": [{"competency_key": "empathy", "indicator": "Names the feeling", "rating": 3, "note": null}],
            "notes": "Good call.", "actions": []
        })).await;
        assert!(status.is_success(), "{status} {recorded}");

        let (status, board) = get(&app, &f.lena, &format!("/api/v1/teams/{}/dashboard", f.north)).await;
        assert_eq!(status, StatusCode::OK, "{board}");
        assert_eq!(board["team"]["id"], f.north.as_str(), "{board}");
        assert_eq!(board["idle_days"], 14);
        assert!(find(&board["competencies"], "key", "empathy").is_some(), "{board}");
        let agents = items(&board["agents"]);
        let ids: Vec<String> = agents.iter().map(|a| s(&a["agent"], "id")).collect();
        assert_eq!(ids, [f.ana.user_id.clone(), dario.user_id.clone()], "North's agents, behind first: {board}");
        let ana = &agents[0];
        assert_eq!(ana["behind"], true, "{ana}");
        let reasons: Vec<String> = items(&ana["reasons"]).iter().filter_map(|r| r.as_str().map(str::to_owned)).collect();
        assert!(reasons.iter().any(|r| r == "overdue_steps"), "{ana}");
        assert!(reasons.iter().any(|r| r == "missed_session"), "{ana}");
        // She has never had a session held, but the missed one is the reason: not both.
        assert_eq!(ana["days_since_session"], Value::Null, "{ana}");
        assert!(!reasons.iter().any(|r| r == "no_session"), "{ana}");
        assert_eq!((ana["overdue_steps"].as_u64(), ana["open_steps"].as_u64(), ana["missed_sessions"].as_u64()), (Some(1), Some(1), Some(1)), "{ana}");
        assert_eq!(ana["levels"]["empathy"], Value::Null, "no evidence, no level: {ana}");
        let d = &agents[1];
        assert_eq!((d["behind"].as_bool(), d["reasons"].clone()), (Some(false), json!([])), "{d}");
        assert_eq!(d["days_since_session"], 0, "{d}");
        assert!(d["last_session_at"].is_string(), "{d}");
        assert!(d["levels"]["empathy"].as_u64().is_some_and(|l| (1..=4).contains(&l)), "{d}");
        assert_eq!((board["totals"]["agents"].as_u64(), board["totals"]["behind"].as_u64()), (Some(2), Some(1)), "{board}");
        assert!(!items(&board["recent_sessions"]).is_empty(), "{board}");

        // One agent in full.
        let (status, one) = get(&app, &f.lena, &format!("/api/v1/teams/{}/agents/{}", f.north, f.ana.user_id)).await;
        assert_eq!(status, StatusCode::OK, "{one}");
        let text = one.to_string();
        assert!(text.contains(&s(&anas, "id")) && text.contains(&s(&missed, "id")), "her assignment and session: {one}");

        // South is not Lena's to know about; agents see no dashboards.
        for path in [
            format!("/api/v1/teams/{}/dashboard", f.south),
            format!("/api/v1/teams/{}/dashboard.csv", f.south),
            format!("/api/v1/teams/{}/agents/{}", f.south, f.bruno.user_id),
            format!("/api/v1/teams/{}/agents/{}", f.north, f.bruno.user_id),
        ] {
            let (status, _) = get(&app, &f.lena, &path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        }
        for path in [
            format!("/api/v1/teams/{}/dashboard", f.north),
            format!("/api/v1/teams/{}/agents/{}", f.north, f.ana.user_id),
        ] {
            let (status, _) = get(&app, &f.ana, &path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        }
        // The admin sees every team.
        let (status, north) = get(&app, &f.admin, &format!("/api/v1/teams/{}/dashboard", f.north)).await;
        assert_eq!((status, items(&north["agents"]).len()), (StatusCode::OK, 2));
        let (status, south) = get(&app, &f.admin, &format!("/api/v1/teams/{}/dashboard", f.south)).await;
        assert_eq!(status, StatusCode::OK, "{south}");
        let south_ids: Vec<String> = items(&south["agents"]).iter().map(|a| s(&a["agent"], "id")).collect();
        assert_eq!(south_ids, vec![f.bruno.user_id.clone()], "{south}");
        let (status, _) = get(&app, &f.admin, &format!("/api/v1/teams/{}/agents/{}", f.south, f.bruno.user_id)).await;
        assert_eq!(status, StatusCode::OK);
        // The team as the contract names it: `{id, name}`.
        assert_eq!(board["team"]["name"], "North", "{}", board["team"]);
    }

    async fn the_dashboard_exports_one_csv_row_per_agent(app) {
        let f = floor(&app).await;
        join_as(&app, &f.admin, "dario@acme.example", "Dario", &["agent"], Some(&f.north), "en").await;
        let res = app.get_as(&format!("/api/v1/teams/{}/dashboard.csv", f.north), &f.lena.access_token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let kind = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(kind.starts_with("text/csv"), "{kind}");
        let text = res.text().await.unwrap_or_else(|e| panic!("{e}"));
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 3, "a header and one row per agent:\n{text}");
        assert!(!lines[0].contains("Ana") && !lines[0].contains("Dario"), "the header first:\n{text}");
        assert!(lines[1..].iter().any(|l| l.contains("Ana")) && lines[1..].iter().any(|l| l.contains("Dario")), "{text}");
        let columns = lines[0].split(',').count();
        assert!(columns > 1 && lines.iter().all(|l| l.split(',').count() == columns), "every row has the header's columns:\n{text}");
        let res = app.get_as(&format!("/api/v1/teams/{}/dashboard.csv", f.north), &f.ana.access_token).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }

    async fn the_dashboard_csv_speaks_the_readers_language_with_no_codes(app) {
        let f = floor(&app).await;
        for (locale, agent, behind, no) in [("es", "Agente", "Con retraso", "No"), ("en", "Agent", "Behind", "No"), ("it", "Operatore", "In ritardo", "No")] {
            let res = app.get_as(&format!("/api/v1/teams/{}/dashboard.csv?locale={locale}", f.north), &f.lena.access_token).await;
            assert_eq!(res.status(), StatusCode::OK);
            let text = res.text().await.unwrap_or_else(|e| panic!("{e}"));
            let header = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().to_owned();
            assert!(header.starts_with(&format!("{agent},")) && header.contains(behind), "{locale}: {header}");
            for code in ["minutes_this_week", "overdue_steps", "no_session", "missed_session", "true", "false"] {
                assert!(!text.contains(code), "{locale}: a raw code {code} in\n{text}");
            }
            let row = text.lines().nth(1).unwrap_or_default();
            assert!(row.split(',').any(|c| c == no || c == "Sí" || c == "Yes"), "{locale}: behind as a word: {row}");
        }
        // Without `locale`, the reader's profile language; an unknown one is refused.
        let res = app.get_as(&format!("/api/v1/teams/{}/dashboard.csv", f.north), &f.lena.access_token).await;
        let text = res.text().await.unwrap_or_else(|e| panic!("{e}"));
        assert!(["Agente,", "Agent,", "Operatore,"].iter().any(|h| text.trim_start_matches('\u{feff}').starts_with(h)), "{text}");
        let res = app.get_as(&format!("/api/v1/teams/{}/dashboard.csv?locale=xx", f.north), &f.lena.access_token).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    }
}
