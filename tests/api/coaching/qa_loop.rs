//! Closing the QA loop: a coaching rating or QA result on a competency below the
//! organisation's threshold gives the agent a remediation path (lesson, scenario, follow-up
//! session) whose title and history say why; never two at once for one competency.

use super::*;
use cinco_tests::on_both_databases;

const LOOP: &str = "/api/v1/organisation/qa-loop";

fn empathy_lesson(key: &str) -> String {
    format!(
        "---\nkey: {key}\ntitle: Lesson {key}\nlocale: en\ncompetencies: [empathy]\n---\n\n\
         :::text\nName the feeling before the fix.\n:::\n\n\
         :::true-false\nA customer's feeling can wait.\nanswer: false\n> Name it first.\n:::\n"
    )
}

fn empathy_scenario() -> Value {
    json!({
        "key": "upset-caller", "title": "An upset caller", "locale": "en",
        "persona": {"name": "Marta", "mood": "annoyed", "facts": []},
        "brief": "Marta is upset about a delay.",
        "competencies": ["empathy"],
        "nodes": [
            {"id": "start", "start": true, "speaker": "customer", "text": "Three weeks and nothing!",
             "choices": [
                {"id": "feel", "text": "Three weeks is far too long; I'm sorry.", "next": "end",
                 "feedback": "You named the feeling.", "evidence": {"empathy": 2},
                 "seconds": 20, "sentiment": 2, "resolution": "resolves"},
                {"id": "cold", "text": "Please give me your number.", "next": "end",
                 "feedback": "The feeling went unheard.", "evidence": {"empathy": -2},
                 "seconds": 10, "sentiment": -1, "resolution": "none"}
             ]},
            {"id": "end", "speaker": "narrator", "text": "The call ends.", "outcome": "Done."}
        ]
    })
}

/// Competencies `empathy` and `ownership`, a lesson and a scenario that train empathy.
async fn content(app: &TestApp, f: &Floor) {
    for key in ["empathy", "ownership"] {
        app.create_competency(&f.admin, key).await;
    }
    app.publish_lesson(&f.admin, &empathy_lesson("name-the-feeling"))
        .await;
    let (status, draft) = post(
        app,
        &f.admin,
        "/api/v1/scenarios/import",
        json!({"scenario": empathy_scenario()}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    let (status, published) = post(
        app,
        &f.admin,
        &format!("/api/v1/scenario-versions/{}/publish", s(&draft, "id")),
        json!(null),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{published}");
}

async fn set_loop(app: &TestApp, admin: &Session, enabled: bool) {
    let (status, body) = send(
        app,
        admin,
        Method::PUT,
        LOOP,
        Some(json!({"enabled": enabled, "rating_at_or_below": 2, "qa_percent_below": 70})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Lena schedules and records a session with Ana rating empathy and ownership.
async fn rate(app: &TestApp, f: &Floor, empathy: i32, ownership: i32) -> (StatusCode, Value) {
    let (status, session) = post(app, &f.lena, "/api/v1/coaching/sessions", json!({"agent_id": f.ana.user_id, "scheduled_at": null, "scorecard_id": null, "call_reference": null})).await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    post(app, &f.lena, &format!("/api/v1/coaching/sessions/{}/record", s(&session, "id")), json!({
        "observation": "live", "call_reference": null, "held_at": null, "notes": null, "actions": [],
        "ratings": [
            {"competency_key": "empathy", "indicator": "Names the feeling", "rating": empathy, "note": null},
            {"competency_key": "ownership", "indicator": "Owns it", "rating": ownership, "note": null}
        ]
    })).await
}

async fn remediations(app: &TestApp) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM path_assignments WHERE remediation_competency IS NOT NULL",
    )
    .await
}

on_both_databases! {
    async fn a_low_rating_gives_one_remediation_path_that_says_why(app) {
        let f = floor(&app).await;
        content(&app, &f).await;
        set_loop(&app, &f.admin, true).await;
        app.clock.set(at(12, 3, 10, 0));
        let (status, body) = rate(&app, &f, 1, 3).await;
        assert!(status.is_success(), "{status} {body}");

        let paths = my_paths(&app, &f.ana).await;
        let path = find(&paths, "title", "Refresher: empathy — rated 1/4 on 2026-12-03 (threshold 2)").unwrap_or_else(|| panic!("a remediation path, titled with why, in {paths}"));
        let kinds: Vec<String> = items(&path["steps"]).iter().map(|st| s(st, "kind")).collect();
        assert_eq!(kinds, ["lesson", "scenario", "coaching_session"], "{path}");
        assert_eq!(step(&path, 1)["target_key"], "name-the-feeling", "{path}");
        assert_eq!(step(&path, 2)["target_key"], "upset-caller", "{path}");
        let due = |n: usize| s(&step(&path, n), "due_at");
        // Due at the end of the agent's local day (UTC here): the next day's midnight.
        assert_eq!(due(1), "2026-12-05T00:00:00Z", "the lesson is due the next day: {path}");
        assert_eq!(due(2), "2026-12-07T00:00:00Z", "the scenario two days later: {path}");
        assert_eq!(due(3), "2026-12-11T00:00:00Z", "the follow-up a week after: {path}");
        assert_eq!(remediations(&app).await, 1, "nothing for ownership (3 of 4)");

        // The lead sees it with the reason.
        let id = s(&path, "id");
        let view = assignment(&app, &f.lena, &id).await;
        let why = "empathy rated 1/4 in the coaching session of 2026-12-03; the organisation's threshold is 2";
        assert!(items(&view["history"]).iter().any(|h| h["kind"] == "low_score" && h["detail"] == why), "{view}");
        let (status, listed) = get(&app, &f.lena, "/api/v1/coaching/assignments").await;
        assert_eq!(status, StatusCode::OK);
        assert!(listed.to_string().contains(&id), "{listed}");

        // Another low score while it is open adds a note, not a path.
        app.clock.set(at(12, 4, 10, 0));
        let (status, body) = rate(&app, &f, 2, 3).await;
        assert!(status.is_success(), "{status} {body}");
        assert_eq!(remediations(&app).await, 1);
        let view = assignment(&app, &f.lena, &id).await;
        assert_eq!(history_kinds(&view).iter().filter(|k| *k == "low_score").count(), 2, "{view}");
    }

    async fn two_low_ratings_at_once_give_one_path(app) {
        let f = floor(&app).await;
        content(&app, &f).await;
        set_loop(&app, &f.admin, true).await;
        let (a, b) = tokio::join!(rate(&app, &f, 1, 1), rate(&app, &f, 2, 1));
        assert!(a.0.is_success() && b.0.is_success(), "{a:?} {b:?}");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_assignments WHERE remediation_competency = 'empathy' AND status = 'active'").await, 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_assignments WHERE remediation_competency = 'ownership' AND status = 'active'").await, 1);
    }

    async fn nothing_above_the_threshold_or_while_the_loop_is_off(app) {
        let f = floor(&app).await;
        content(&app, &f).await;
        let (status, body) = rate(&app, &f, 1, 1).await;
        assert!(status.is_success(), "{status} {body}");
        assert_eq!(remediations(&app).await, 0, "off by default");
        set_loop(&app, &f.admin, true).await;
        let (status, body) = rate(&app, &f, 3, 4).await;
        assert!(status.is_success(), "{status} {body}");
        assert_eq!(remediations(&app).await, 0, "3 is above a threshold of 2");
    }

    async fn a_linked_qa_metric_below_the_threshold_gives_a_path_in_its_organisation_only(app) {
        let f = floor(&app).await;
        content(&app, &f).await;
        set_loop(&app, &f.admin, true).await;
        let other = app.sign_up("Other", "boss@other.example", PASSWORD).await;
        set_loop(&app, &other, true).await;
        let metric = |competency: &str| json!({"key": "qa_empathy", "name": "QA empathy", "unit": "%", "direction": "higher", "minimum": 0, "maximum": 100, "competency_key": competency});
        let got = post(&app, &f.admin, "/api/v1/results/metrics", metric("patience")).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "unknown_competency");
        let got = post(&app, &other, "/api/v1/results/metrics", metric("empathy")).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "unknown_competency");
        let (status, added) = post(&app, &f.admin, "/api/v1/results/metrics", metric("empathy")).await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        assert_eq!(added["competency_key"], "empathy");

        let csv = "Agent,KPI,Week,Value\nana@acme.example,qa_empathy,2026-W48,55\nbruno@acme.example,qa_empathy,2026-W48,90\nana@acme.example,qa,2026-W48,20\n";
        let (status, stored) = post(&app, &f.admin, "/api/v1/results/imports", json!({
            "csv": csv, "file_name": "qa.csv", "mode": "all",
            "mapping": {"agent": "Agent", "metric": "KPI", "period": "Week", "value": "Value"}
        })).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(remediations(&app).await, 1, "Ana's 55 only (Bruno's 90 is fine, `qa` is linked to nothing)");
        let paths = my_paths(&app, &f.ana).await;
        let path = find(&paths, "title", "Refresher: empathy — QA 55 % on 2026-12-01 (threshold 70 %)").unwrap_or_else(|| panic!("{paths}"));
        let view = assignment(&app, &f.lena, &s(&path, "id")).await;
        assert!(view["history"].to_string().contains("empathy scored 55 % in QA on 2026-12-01; the organisation's threshold is 70 %"), "{view}");
        assert!(items(&my_paths(&app, &f.bruno).await).is_empty());
    }

    async fn an_existing_metric_such_as_qa_is_linked_and_unlinked_by_admins(app) {
        let f = floor(&app).await;
        content(&app, &f).await;
        set_loop(&app, &f.admin, true).await;
        let (status, metrics) = get(&app, &f.admin, "/api/v1/results/metrics").await;
        assert_eq!(status, StatusCode::OK, "{metrics}");
        let qa = find(&metrics, "key", "qa").unwrap_or_else(|| panic!("{metrics}"));
        assert_eq!(qa["competency_key"], Value::Null, "built-in metrics measure no competency at first");
        let link = format!("/api/v1/results/metrics/{}/competency", s(&qa, "id"));

        let (status, _) = send(&app, &f.lena, Method::PUT, &link, Some(json!({"competency_key": "empathy"}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads read metrics, admins link them");
        let got = send(&app, &f.admin, Method::PUT, &link, Some(json!({"competency_key": "patience"}))).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "unknown_competency");
        let other = app.sign_up("Other", "boss@other.example", PASSWORD).await;
        let got = send(&app, &other, Method::PUT, &link, Some(json!({"competency_key": null}))).await;
        assert_refused(&got, StatusCode::NOT_FOUND, "not_found");

        let (status, linked) = send(&app, &f.admin, Method::PUT, &link, Some(json!({"competency_key": "empathy"}))).await;
        assert_eq!(status, StatusCode::OK, "{linked}");
        assert_eq!((linked["key"].clone(), linked["competency_key"].clone()), (json!("qa"), json!("empathy")));
        let (_, metrics) = get(&app, &f.admin, "/api/v1/results/metrics").await;
        assert_eq!(find(&metrics, "key", "qa").map(|m| m["competency_key"].clone()), Some(json!("empathy")), "the link is stored");

        let import = |csv: &str| json!({
            "csv": csv, "file_name": "qa.csv", "mode": "all",
            "mapping": {"agent": "Agent", "metric": "KPI", "period": "Week", "value": "Value"}
        });
        let (status, stored) = post(&app, &f.admin, "/api/v1/results/imports", import("Agent,KPI,Week,Value\nana@acme.example,qa,2026-W48,40\n")).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(remediations(&app).await, 1, "a low built-in QA score now starts the loop");

        let (status, unlinked) = send(&app, &f.admin, Method::PUT, &link, Some(json!({"competency_key": null}))).await;
        assert_eq!(status, StatusCode::OK, "{unlinked}");
        assert_eq!(unlinked["competency_key"], Value::Null);
        let (status, stored) = post(&app, &f.admin, "/api/v1/results/imports", import("Agent,KPI,Week,Value\nbruno@acme.example,qa,2026-W48,30\n")).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(remediations(&app).await, 1, "unlinked: Bruno's 30 starts nothing");
    }

    async fn the_loop_settings_are_role_checked_and_validated(app) {
        let f = floor(&app).await;
        let (status, body) = get(&app, &f.lena, LOOP).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, json!({"enabled": false, "rating_at_or_below": 2, "qa_percent_below": 70}));
        let (status, _) = get(&app, &f.ana, LOOP).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let good = json!({"enabled": true, "rating_at_or_below": 1, "qa_percent_below": 80});
        let (status, _) = send(&app, &f.lena, Method::PUT, LOOP, Some(good.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads read, admins change");
        for (bad, field) in [
            (json!({"enabled": true, "rating_at_or_below": 4, "qa_percent_below": 70}), "rating_at_or_below"),
            (json!({"enabled": true, "rating_at_or_below": 0, "qa_percent_below": 70}), "rating_at_or_below"),
            (json!({"enabled": true, "rating_at_or_below": 2, "qa_percent_below": 101}), "qa_percent_below"),
        ] {
            let got = send(&app, &f.admin, Method::PUT, LOOP, Some(bad)).await;
            assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "out_of_range");
            assert_eq!(got.1["errors"][0]["field"], field, "{}", got.1);
        }
        let (status, saved) = send(&app, &f.admin, Method::PUT, LOOP, Some(good.clone())).await;
        assert_eq!((status, &saved), (StatusCode::OK, &good));
        let other = app.sign_up("Other", "boss@other.example", PASSWORD).await;
        let (_, theirs) = get(&app, &other, LOOP).await;
        assert_eq!(theirs["enabled"], false, "another organisation keeps its own");
    }
}
