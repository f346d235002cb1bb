//! Decisions on real contacts: an agent logs a $35 fee waiver (within the limit, empowered)
//! and a $120 goodwill credit (above it); the lead answers and the time is kept; leads and
//! peers recognise, once each; nobody can mark a decision wrong, a lead opens a coaching
//! session instead; other teams and tenants see nothing; the report's numbers are exact.

use cinco_tests::{Session, TestApp, on_both_databases};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::coaching::{
    PASSWORD, add_to_team, assert_refused, at, create_team, get, items, join_as, post, s, send,
};

/// Madrid (lead Lucía, agents Ana and Luis) and Milano (lead Giulia, agent Marco), with the
/// demo's two decision types: agents may grant 50, leads 150.
pub(crate) struct Centre {
    pub admin: Session,
    pub madrid: String,
    pub milano: String,
    pub lucia: Session,
    pub ana: Session,
    pub luis: Session,
    pub giulia: Session,
    pub marco: Session,
}

pub(crate) async fn centre(app: &TestApp) -> Centre {
    app.clock.set(at(12, 1, 9, 0));
    let admin = app.sign_up("Acme", "admin@acme.example", PASSWORD).await;
    for (key, name) in [
        ("fee-waiver", "Late-fee waiver"),
        ("goodwill-credit", "Goodwill credit"),
    ] {
        let (status, body) = send(
            app,
            &admin,
            Method::PUT,
            &format!("/api/v1/authority-limits/{key}"),
            Some(json!({"name": {"en": name}, "limits": {"agent": 50, "lead": 150}})),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let madrid = create_team(app, &admin, "Madrid").await;
    let milano = create_team(app, &admin, "Milano").await;
    let lucia = join_as(
        app,
        &admin,
        "lucia@acme.example",
        "Lucía",
        &["lead"],
        None,
        "es",
    )
    .await;
    add_to_team(app, &admin, &madrid, &lucia, "lead").await;
    let giulia = join_as(
        app,
        &admin,
        "giulia@acme.example",
        "Giulia",
        &["lead"],
        None,
        "it",
    )
    .await;
    add_to_team(app, &admin, &milano, &giulia, "lead").await;
    let ana = join_as(
        app,
        &admin,
        "ana@acme.example",
        "Ana",
        &["agent"],
        Some(&madrid),
        "es",
    )
    .await;
    let luis = join_as(
        app,
        &admin,
        "luis@acme.example",
        "Luis",
        &["agent"],
        Some(&madrid),
        "es",
    )
    .await;
    let marco = join_as(
        app,
        &admin,
        "marco@acme.example",
        "Marco",
        &["agent"],
        Some(&milano),
        "it",
    )
    .await;
    Centre {
        admin,
        madrid,
        milano,
        lucia,
        ana,
        luis,
        giulia,
        marco,
    }
}

pub(crate) async fn log(app: &TestApp, who: &Session, body: Value) -> Value {
    let (status, d) = post(app, who, "/api/v1/decisions", body).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    d
}

pub(crate) fn waiver(amount: f64) -> Value {
    json!({
        "decision_key": "fee-waiver", "amount": amount,
        "customer_need": "Paid a day late after a hospital stay; the late fee made her furious.",
        "action_taken": "Waived the late fee and set a reminder two days before the due date.",
        "resolved_first_contact": true, "csat": 5, "contact_reference": "CALL-1001"
    })
}

pub(crate) fn credit(amount: f64, fcr: bool, csat: Option<i64>) -> Value {
    json!({
        "decision_key": "goodwill-credit", "amount": amount,
        "customer_need": "A technician missed two appointments; he took two days off work.",
        "action_taken": "Offered a goodwill credit on the next bill and booked the first slot.",
        "resolved_first_contact": fcr, "csat": csat
    })
}

pub(crate) fn path(d: &Value, tail: &str) -> String {
    format!("/api/v1/decisions/{}{tail}", s(d, "id"))
}

on_both_databases! {
    async fn within_the_limit_is_empowered_and_above_it_the_lead_answers_in_time(app) {
        let c = centre(&app).await;
        let fee = log(&app, &c.ana, waiver(35.0)).await;
        assert_eq!(fee["status"], "empowered");
        assert_eq!(fee["limit"], 50.0);
        assert_eq!(fee["amount"], 35.0);
        let goodwill = log(&app, &c.ana, credit(120.0, true, Some(4))).await;
        assert_eq!(goodwill["status"], "awaiting_approval");
        // The lead is told by mail, in her language.
        let mails = app.delivered_of_kind("lucia@acme.example", Some("decision_approval"), 1).await;
        assert!(mails[0].contains("Goodwill credit — Ana — 120.00 USD"), "{}", mails[0]);
        assert!(mails[0].contains("/decisions/approvals"), "{}", mails[0]);

        // Bad input is refused with its field.
        let mut unknown = waiver(10.0);
        unknown["decision_key"] = json!("free-car");
        assert_refused(&post(&app, &c.ana, "/api/v1/decisions", unknown).await, StatusCode::UNPROCESSABLE_ENTITY, "unknown_decision");
        let mut bad = waiver(10.0);
        bad["csat"] = json!(9);
        assert_refused(&post(&app, &c.ana, "/api/v1/decisions", bad).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_csat");
        let mut blank = waiver(10.0);
        blank["customer_need"] = json!("  ");
        assert_refused(&post(&app, &c.ana, "/api/v1/decisions", blank).await, StatusCode::UNPROCESSABLE_ENTITY, "required");

        // Another team's lead and agent neither see nor answer it.
        let (_, theirs) = get(&app, &c.giulia, "/api/v1/decisions/approvals").await;
        assert!(items(&theirs).is_empty(), "{theirs}");
        assert_refused(&post(&app, &c.giulia, &path(&goodwill, "/answer"), json!({"approve": true})).await, StatusCode::NOT_FOUND, "not_found");
        assert_refused(&get(&app, &c.marco, &path(&goodwill, "")).await, StatusCode::NOT_FOUND, "not_found");
        // Agents do not answer.
        assert_eq!(post(&app, &c.luis, &path(&goodwill, "/answer"), json!({"approve": true})).await.0, StatusCode::FORBIDDEN);

        let (status, inbox) = get(&app, &c.lucia, "/api/v1/decisions/approvals").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(items(&inbox).len(), 1, "{inbox}");
        assert_eq!(inbox[0]["id"], goodwill["id"]);
        assert_eq!(inbox[0]["answerable"], true);

        app.clock.advance(chrono::Duration::minutes(7));
        assert_refused(&post(&app, &c.lucia, &path(&goodwill, "/answer"), json!({"approve": false})).await, StatusCode::UNPROCESSABLE_ENTITY, "reason_required");
        let (status, answered) = post(&app, &c.lucia, &path(&goodwill, "/answer"), json!({"approve": true})).await;
        assert_eq!(status, StatusCode::OK, "{answered}");
        assert_eq!(answered["status"], "approved");
        assert_eq!(answered["answer_seconds"], 420);
        assert_eq!(answered["answered_by"]["display_name"], "Lucía");
        assert_refused(&post(&app, &c.lucia, &path(&goodwill, "/answer"), json!({"approve": false, "reason": "no"})).await, StatusCode::CONFLICT, "already_answered");
        assert_refused(&post(&app, &c.lucia, &path(&fee, "/answer"), json!({"approve": true})).await, StatusCode::CONFLICT, "no_approval_needed");
        let (_, inbox) = get(&app, &c.lucia, "/api/v1/decisions/approvals").await;
        assert!(items(&inbox).is_empty());

        // The agent sees the answer, in the app and by mail.
        let (_, mine) = get(&app, &c.ana, "/api/v1/decisions/mine").await;
        let statuses: Vec<&str> = items(&mine).iter().filter_map(|d| d["status"].as_str()).map(|s| match s { "approved" => "approved", "empowered" => "empowered", _ => "other" }).collect();
        assert_eq!(statuses, ["approved", "empowered"]);
        assert_eq!(mine[0]["answer_seconds"], 420);
        app.delivered_of_kind("ana@acme.example", Some("decision_answered"), 1).await;

        // A declined one keeps its reason; a lead's own decision within their limit needs nobody.
        let small = log(&app, &c.luis, credit(80.0, false, None)).await;
        app.clock.advance(chrono::Duration::minutes(20));
        let (status, declined) = post(&app, &c.lucia, &path(&small, "/answer"), json!({"approve": false, "reason": "Offer the free visit first"})).await;
        assert_eq!(status, StatusCode::OK, "{declined}");
        assert_eq!((declined["status"].as_str(), declined["answer_reason"].as_str(), declined["answer_seconds"].as_i64()), (Some("declined"), Some("Offer the free visit first"), Some(1200)));
        let own = log(&app, &c.lucia, credit(120.0, true, None)).await;
        assert_eq!(own["status"], "empowered");
        // Above the lead's own limit: she is the team's only lead, so the admins are asked,
        // and she cannot answer it herself.
        let hers = log(&app, &c.lucia, credit(200.0, true, None)).await;
        assert_eq!(hers["status"], "awaiting_approval");
        assert_eq!(hers["answerable"], false);
        app.delivered_of_kind("admin@acme.example", Some("decision_approval"), 1).await;
        let (_, inbox) = get(&app, &c.lucia, "/api/v1/decisions/approvals").await;
        assert!(items(&inbox).is_empty(), "{inbox}");
        assert_refused(&post(&app, &c.lucia, &path(&hers, "/answer"), json!({"approve": true})).await, StatusCode::FORBIDDEN, "own_decision");
        let (status, _) = post(&app, &c.admin, &path(&hers, "/answer"), json!({"approve": true})).await;
        assert_eq!(status, StatusCode::OK);
        let _ = (&c.madrid, &c.milano);
    }

    async fn leads_and_peers_recognise_once_and_nobody_marks_a_decision_wrong(app) {
        let c = centre(&app).await;
        let fee = log(&app, &c.ana, waiver(35.0)).await;
        let note = json!({"note": "Exactly what we want: the customer first."});
        let (status, recognised) = post(&app, &c.luis, &path(&fee, "/recognitions"), note.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{recognised}");
        assert_eq!(recognised["recognised_by_me"], true);
        assert_refused(&post(&app, &c.luis, &path(&fee, "/recognitions"), note.clone()).await, StatusCode::CONFLICT, "already_recognised");
        assert_refused(&post(&app, &c.ana, &path(&fee, "/recognitions"), note.clone()).await, StatusCode::FORBIDDEN, "own_decision");
        assert_refused(&post(&app, &c.marco, &path(&fee, "/recognitions"), note.clone()).await, StatusCode::NOT_FOUND, "not_found");
        assert_refused(&post(&app, &c.lucia, &path(&fee, "/recognitions"), json!({"note": " "})).await, StatusCode::UNPROCESSABLE_ENTITY, "required");
        let (status, _) = post(&app, &c.lucia, &path(&fee, "/recognitions"), json!({"note": "Bravo, Ana."})).await;
        assert_eq!(status, StatusCode::CREATED);
        app.delivered_of_kind("ana@acme.example", Some("decision_recognised"), 2).await;

        // The agent hears of it; the team's feed shows it; another team's does not.
        let (_, mine) = get(&app, &c.ana, "/api/v1/decisions/mine").await;
        let notes: Vec<&str> = items(&mine[0]["recognitions"]).iter().filter_map(|r| r["note"].as_str()).map(|n| if n.starts_with("Bravo") { "lead" } else { "peer" }).collect();
        assert_eq!(notes, ["peer", "lead"]);
        let (status, feed) = get(&app, &c.luis, &format!("/api/v1/decisions/feed?team_id={}&recognised=true", c.madrid)).await;
        assert_eq!(status, StatusCode::OK, "{feed}");
        assert_eq!(items(&feed).len(), 1);
        assert_eq!(feed[0]["recognitions"].as_array().map(Vec::len), Some(2));
        assert_refused(&get(&app, &c.marco, &format!("/api/v1/decisions/feed?team_id={}", c.madrid)).await, StatusCode::NOT_FOUND, "not_found");
        let (_, milano) = get(&app, &c.giulia, "/api/v1/decisions/feed").await;
        assert!(items(&milano).is_empty(), "{milano}");

        // There is no way to mark it wrong: no such route, nothing in the contract.
        for tail in ["/wrong", "/reject", "/blame"] {
            let (status, _) = post(&app, &c.lucia, &path(&fee, tail), json!({})).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{tail}");
        }
        let spec = cinco_tests::read_json(app.get("/api/openapi.json").await).await;
        let decision_routes: Vec<String> = spec["paths"].as_object().into_iter().flatten().map(|(p, _)| p.clone()).filter(|p| p.contains("/decisions")).collect();
        // The eight of decisions, and sharing one as a good practice or a scenario draft.
        assert_eq!(decision_routes.len(), 10, "{decision_routes:?}");
        assert!(decision_routes.iter().all(|p| !p.contains("wrong") && !p.contains("reject")));

        // Instead, the lead talks about it in a private coaching session, once.
        assert_eq!(post(&app, &c.luis, &path(&fee, "/coaching"), json!({})).await.0, StatusCode::FORBIDDEN);
        assert_refused(&post(&app, &c.giulia, &path(&fee, "/coaching"), json!({})).await, StatusCode::NOT_FOUND, "not_found");
        let (status, opened) = post(&app, &c.lucia, &path(&fee, "/coaching"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{opened}");
        let session = s(&opened, "coaching_session_id");
        let (_, again) = post(&app, &c.lucia, &path(&fee, "/coaching"), json!({})).await;
        assert_eq!(s(&again, "coaching_session_id"), session);
        let (status, view) = get(&app, &c.lucia, &format!("/api/v1/coaching/sessions/{session}")).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert!(s(&view, "notes").contains("hospital stay"), "{view}");
        assert_eq!(view["agent"]["display_name"], "Ana");
        // Peers do not see it; the agent does.
        let (_, peer_view) = get(&app, &c.luis, &path(&fee, "")).await;
        assert!(peer_view["coaching_session_id"].is_null());
        let (_, own_view) = get(&app, &c.ana, &path(&fee, "")).await;
        assert_eq!(s(&own_view, "coaching_session_id"), session);
        let _ = (&c.admin, &c.milano);
    }

    async fn the_report_counts_exactly_what_happened(app) {
        let c = centre(&app).await;
        log(&app, &c.ana, waiver(35.0)).await;
        let goodwill = log(&app, &c.ana, credit(120.0, true, Some(4))).await;
        let small = log(&app, &c.luis, credit(80.0, false, None)).await;
        log(&app, &c.marco, waiver(20.0)).await;
        app.clock.advance(chrono::Duration::minutes(7));
        post(&app, &c.lucia, &path(&goodwill, "/answer"), json!({"approve": true})).await;
        app.clock.advance(chrono::Duration::minutes(13));
        post(&app, &c.lucia, &path(&small, "/answer"), json!({"approve": false, "reason": "Not this time"})).await;
        let (_, mine) = get(&app, &c.ana, "/api/v1/decisions/mine").await;
        let fee_id = mine[1]["id"].as_str().unwrap_or_default().to_owned();
        let (status, _) = post(&app, &c.lucia, &format!("/api/v1/decisions/{fee_id}/recognitions"), json!({"note": "Well done"})).await;
        assert_eq!(status, StatusCode::CREATED);
        // The team's KPIs for the week (W49 starts on Monday 30 November).
        let csv = "Agent,KPI,Week,Value\nana@acme.example,fcr,2026-W49,80\nluis@acme.example,fcr,2026-W49,70\nana@acme.example,csat,2026-W49,4.5\nmarco@acme.example,fcr,2026-W49,10\n";
        let (status, body) = post(&app, &c.admin, "/api/v1/results/imports", json!({
            "csv": csv, "file_name": "w49.csv", "mode": "all",
            "mapping": {"agent": "Agent", "metric": "KPI", "period": "Week", "value": "Value"}
        })).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");

        let query = format!("/api/v1/empowerment/report?team={}&from=2026-12-01&to=2026-12-01", c.madrid);
        let (status, r) = get(&app, &c.lucia, &query).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["decisions"], 3);
        assert_eq!(r["currency"], "USD");
        let rows: Vec<(String, u64, u64, f64)> = items(&r["by_type"]).iter().map(|t| (s(t, "decision_key"), t["count"].as_u64().unwrap_or(0), t["empowered"].as_u64().unwrap_or(0), t["amount"].as_f64().unwrap_or(0.0))).collect();
        assert_eq!(rows, [("fee-waiver".to_owned(), 1, 1, 35.0), ("goodwill-credit".to_owned(), 2, 0, 200.0)]);
        let buckets: Vec<u64> = items(&r["cost_buckets"]).iter().filter_map(|b| b["count"].as_u64()).collect();
        assert_eq!(buckets, [0, 0, 1, 1, 1, 0]);
        assert_eq!(r["cost_buckets"][2]["up_to"], 50.0);
        assert!((r["share_under_50"].as_f64().unwrap_or(0.0) - 1.0 / 3.0).abs() < 1e-9, "{r}");
        assert_eq!((r["approvals_requested"].as_u64(), r["approved"].as_u64(), r["declined"].as_u64(), r["awaiting"].as_u64()), (Some(2), Some(1), Some(1), Some(0)));
        assert_eq!((r["answer_median_seconds"].as_i64(), r["answer_p90_seconds"].as_i64()), (Some(420), Some(1200)));
        assert!((r["fcr_rate"].as_f64().unwrap_or(0.0) - 2.0 / 3.0).abs() < 1e-9, "{r}");
        assert_eq!((r["mean_csat"].as_f64(), r["csat_count"].as_u64()), (Some(4.5), Some(2)));
        assert_eq!((r["kpi_fcr"].as_f64(), r["kpi_csat"].as_f64()), (Some(75.0), Some(4.5)));
        assert_eq!(r["recognitions"], 1);
        let leads: Vec<(String, u64, u64, u64)> = items(&r["by_lead"]).iter().map(|l| (s(&l["lead"], "display_name"), l["in_span"].as_u64().unwrap_or(9), l["last_30_days"].as_u64().unwrap_or(9), l["last_90_days"].as_u64().unwrap_or(9))).collect();
        assert_eq!(leads, [("Lucía".to_owned(), 1, 1, 1)]);

        // Admins see everything; another team's lead only hers; agents nothing.
        let (_, all) = get(&app, &c.admin, "/api/v1/empowerment/report?from=2026-12-01&to=2026-12-01").await;
        assert_eq!(all["decisions"], 4);
        assert_eq!(items(&all["by_lead"]).len(), 2);
        let (_, hers) = get(&app, &c.giulia, "/api/v1/empowerment/report?from=2026-12-01&to=2026-12-01").await;
        assert_eq!(hers["decisions"], 1);
        assert_eq!(hers["kpi_fcr"].as_f64(), Some(10.0));
        assert_refused(&get(&app, &c.giulia, &query).await, StatusCode::NOT_FOUND, "not_found");
        assert_eq!(get(&app, &c.ana, &query).await.0, StatusCode::FORBIDDEN);
        assert_refused(&get(&app, &c.lucia, "/api/v1/empowerment/report?from=2026-12-02&to=2026-12-01").await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_span");
        // Outside the days, nothing.
        let (_, before) = get(&app, &c.lucia, "/api/v1/empowerment/report?from=2026-11-01&to=2026-11-30").await;
        assert_eq!(before["decisions"], 0);
        assert!(before["share_under_50"].is_null());
    }
}
