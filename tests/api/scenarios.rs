//! Role-play scenarios through HTTP: admins set authority limits, trainers import (JSON or
//! Twee), validate and publish scenarios, agents play them and read the debrief; replies
//! are accepted once; a grant over the limit takes the escalation branch.

use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "a-long-enough-secret";

struct People {
    admin: Session,
    trainer: Session,
    agent: Session,
    lead: Session,
}

async fn join(app: &TestApp, admin: &Session, email: &str, roles: &[&str]) -> Session {
    let token = app.invite(admin, email, roles, None).await;
    let res = app
        .post(
            "/api/v1/invitations/accept",
            None,
            json!({"token": token, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    app.sign_in(email, PASSWORD).await
}

async fn people(app: &TestApp) -> People {
    let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
    let trainer = join(app, &admin, "trainer@acme.example", &["trainer"]).await;
    let agent = join(app, &admin, "agent@acme.example", &["agent"]).await;
    let lead = join(app, &admin, "lead@acme.example", &["lead"]).await;
    let levels: Vec<Value> = (1..=4)
        .map(|l| json!({"level": l, "indicators": [{"en": format!("Indicator {l}")}]}))
        .collect();
    for key in ["empathy", "empowered-decision-making"] {
        let res = app
            .post(
                "/api/v1/competencies",
                Some(&trainer.access_token),
                json!({"key": key, "kind": "skill", "name": {"en": key}, "levels": levels}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let res = app
        .call(
            Method::PUT,
            "/api/v1/authority-limits/fee-waiver",
            Some(&admin.access_token),
            Some(json!({
                "name": {"en": "Fee waiver", "es": "Anulación de cargos"},
                "limits": {"agent": 50, "lead": 150}
            })),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    People {
        admin,
        trainer,
        agent,
        lead,
    }
}

/// A $35 late fee: waive it (within an agent's $50, not within $20), quote the policy.
fn late_fee(amount: f64) -> Value {
    json!({
        "key": "late-fee", "title": "A $35 late fee", "locale": "en",
        "persona": {"name": "Marta", "mood": "annoyed", "facts": [{"label": "Customer since", "value": "2017"}]},
        "brief": "Marta calls about a late fee.",
        "competencies": ["empowered-decision-making", "empathy"],
        "nodes": [
            {"id": "start", "start": true, "speaker": "customer", "text": "Seven years on time and now a $35 fee?",
             "choices": [
                {"id": "waive", "text": "You're right. I've removed it.", "next": "thanks",
                 "feedback": "Within your limit: solved on the call.", "evidence": {"empowered-decision-making": 2, "empathy": 1},
                 "seconds": 40, "sentiment": 2, "resolution": "resolves",
                 "action": {"decision": "fee-waiver", "amount": amount, "escalation": "approval"}},
                {"id": "policy", "text": "Fees are automatic.", "next": "angry",
                 "feedback": "A small decision was yours to make.", "evidence": {"empowered-decision-making": -2},
                 "seconds": 15, "sentiment": -2, "resolution": "none"}
             ]},
            {"id": "approval", "speaker": "customer", "text": "You need to ask someone? Fine, I'll wait.",
             "choices": [
                {"id": "wait", "text": "Thanks, I'll be quick.", "next": "later", "feedback": "Approval took a while.", "seconds": 120, "sentiment": 0, "resolution": "resolves"},
                {"id": "drop", "text": "It may take days.", "next": "gone", "feedback": "The customer leaves unhappy.", "seconds": 10, "sentiment": -1, "resolution": "none"}
             ]},
            {"id": "angry", "speaker": "customer", "text": "Then I'm leaving.",
             "choices": [
                {"id": "sorry", "text": "I'm sorry to hear that.", "next": "gone", "feedback": "Too late.", "seconds": 10, "sentiment": 0, "resolution": "none"},
                {"id": "fix", "text": "Wait, let me remove it.", "next": "thanks", "feedback": "Better late than never.", "seconds": 30, "sentiment": 1, "resolution": "resolves",
                 "action": {"decision": "fee-waiver", "amount": amount, "escalation": "approval"}}
             ]},
            {"id": "thanks", "speaker": "customer", "text": "Thank you!", "outcome": "Fee waived on the call."},
            {"id": "later", "speaker": "narrator", "text": "A supervisor approves it an hour later.", "outcome": "Solved after approval."},
            {"id": "gone", "speaker": "narrator", "text": "Marta closes her account.", "outcome": "A loyal customer lost."}
        ]
    })
}

async fn call(
    app: &TestApp,
    who: &Session,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let res = app.call(method, path, Some(&who.access_token), body).await;
    let status = res.status();
    (status, read_json(res).await)
}

async fn publish_late_fee(app: &TestApp, p: &People) -> String {
    let (status, draft) = call(
        app,
        &p.trainer,
        Method::POST,
        "/api/v1/scenarios/import",
        Some(json!({"scenario": late_fee(35.0)})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    assert_eq!(draft["issues"], json!([]), "{draft}");
    let id = draft["id"].as_str().unwrap_or_default().to_owned();
    let (status, published) = call(
        app,
        &p.trainer,
        Method::POST,
        &format!("/api/v1/scenario-versions/{id}/publish"),
        None,
    )
    .await;
    assert_eq!(
        (status, published["status"].as_str()),
        (StatusCode::OK, Some("published")),
        "{published}"
    );
    id
}

async fn start(app: &TestApp, who: &Session, version: &str) -> (String, Value) {
    let run = uuid::Uuid::new_v4().to_string();
    let (status, view) = call(
        app,
        who,
        Method::POST,
        "/api/v1/play/runs",
        Some(json!({"id": run, "scenario_version_id": version})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{view}");
    (run, view)
}

async fn reply(
    app: &TestApp,
    who: &Session,
    run: &str,
    position: u64,
    choice: &str,
) -> (StatusCode, Value) {
    call(
        app,
        who,
        Method::POST,
        &format!("/api/v1/play/runs/{run}/choices"),
        Some(json!({
            "id": uuid::Uuid::new_v4(), "position": position, "choice": choice
        })),
    )
    .await
}

on_both_databases! {
    async fn the_end_of_a_role_play_says_what_it_counted_towards(app) {
        let p = people(&app).await;
        let version = publish_late_fee(&app, &p).await;
        let (status, template) = call(&app, &p.admin, Method::POST, "/api/v1/coaching/paths", Some(json!({
            "title": "Empowerment", "description": "",
            "steps": [{"title": "Play the late fee", "kind": "scenario", "target_key": "late-fee", "due_after_days": 3}]
        }))).await;
        assert_eq!(status, StatusCode::CREATED, "{template}");
        let (status, assigned) = call(&app, &p.admin, Method::POST, "/api/v1/coaching/assignments", Some(json!({
            "template_id": template["id"], "agent_ids": [p.agent.user_id]
        }))).await;
        assert_eq!((status, assigned["assigned"].as_i64()), (StatusCode::CREATED, Some(1)), "{assigned}");

        let (run, started) = start(&app, &p.agent, &version).await;
        assert_eq!(started["counted"], json!([]));
        let (status, ended) = reply(&app, &p.agent, &run, 0, "waive").await;
        assert_eq!((status, ended["finished"].as_bool()), (StatusCode::OK, Some(true)), "{ended}");
        let counted = json!([{"programme": "path", "title": "Empowerment", "step": "Play the late fee"}]);
        assert_eq!(ended["counted"], counted, "{ended}");
        let (_, again) = call(&app, &p.agent, Method::GET, &format!("/api/v1/play/runs/{run}"), None).await;
        assert_eq!(again["counted"], counted);
        // The step is done: a second run, later, counts towards nothing.
        app.clock.advance(chrono::Duration::minutes(30));
        let (second, _) = start(&app, &p.agent, &version).await;
        let (_, ended) = reply(&app, &p.agent, &second, 0, "waive").await;
        assert_eq!(ended["counted"], json!([]), "{ended}");
    }

    async fn a_permission_has_no_amount_and_is_held_or_asked_for(app) {
        let p = people(&app).await;
        let put = |body: Value| call(&app, &p.admin, Method::PUT, "/api/v1/authority-limits/policy-exception", Some(body));
        let (status, refused) = put(json!({"name": {"en": "Policy exception"}, "grant": "permission", "limits": {"agent": 1}})).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_an_amount")), "{refused}");
        let (status, refused) = put(json!({"name": {"en": "Policy exception"}, "allowed": ["lead"]})).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_a_permission")), "{refused}");
        let (status, created) = put(json!({"name": {"en": "Policy exception"}, "grant": "permission", "allowed": ["lead"]})).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!((created["grant"].as_str(), created["allowed"].clone(), created["limits"].clone()), (Some("permission"), json!(["lead"]), json!({})));

        // Nobody reads "1 US$": agents see they must ask, leads that they may.
        let read = |who: &Session| {
            let who = who.clone();
            let app = &app;
            async move {
                let (_, limits) = call(app, &who, Method::GET, "/api/v1/authority-limits", None).await;
                limits["decisions"].as_array().into_iter().flatten().find(|d| d["key"] == "policy-exception").cloned().unwrap_or_default()
            }
        };
        let as_agent = read(&p.agent).await;
        assert_eq!((as_agent["you_may"].as_bool(), as_agent["your_limit"].clone()), (Some(false), Value::Null));
        let as_lead = read(&p.lead).await;
        assert_eq!((as_lead["you_may"].as_bool(), as_lead["your_limit"].clone()), (Some(true), Value::Null));

        // Logged on a real contact: no amount; the agent asks, the lead may.
        let story = |amount: Option<f64>| json!({
            "decision_key": "policy-exception", "amount": amount,
            "customer_need": "Called at 18:05 to cancel; the cut-off was 18:00.",
            "action_taken": "Bent the cut-off by five minutes.", "resolved_first_contact": true
        });
        let (status, refused) = call(&app, &p.agent, Method::POST, "/api/v1/decisions", Some(story(Some(1.0)))).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_an_amount")), "{refused}");
        let (_, asked) = call(&app, &p.agent, Method::POST, "/api/v1/decisions", Some(story(None))).await;
        assert_eq!((asked["status"].as_str(), asked["amount"].clone()), (Some("awaiting_approval"), Value::Null), "{asked}");
        let (_, made) = call(&app, &p.lead, Method::POST, "/api/v1/decisions", Some(story(None))).await;
        assert_eq!(made["status"], "empowered", "{made}");
        // An amount type still needs its amount.
        let (status, refused) = call(&app, &p.agent, Method::POST, "/api/v1/decisions", Some(json!({
            "decision_key": "fee-waiver", "customer_need": "A late fee", "action_taken": "Waived it", "resolved_first_contact": true
        }))).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("required")));
        // Saving the type again without `grant` keeps it a permission.
        let (status, kept) = put(json!({"name": {"en": "Policy exception"}, "allowed": ["lead", "agent"]})).await;
        assert_eq!((status, kept["grant"].as_str()), (StatusCode::OK, Some("permission")), "{kept}");

        // In a scenario, a permission's action has no amount; one with an amount is an issue.
        let mut scenario = late_fee(35.0);
        scenario["nodes"][0]["choices"][0]["action"] = json!({"decision": "policy-exception", "escalation": "approval"});
        scenario["nodes"][2]["choices"][1]["action"] = json!({"decision": "policy-exception", "amount": 1, "escalation": "approval"});
        let (status, draft) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": scenario}))).await;
        assert_eq!(status, StatusCode::OK, "{draft}");
        let codes: Vec<(&str, &str)> = draft["issues"].as_array().into_iter().flatten().map(|i| (i["code"].as_str().unwrap_or_default(), i["choice"].as_str().unwrap_or_default())).collect();
        assert_eq!(codes, vec![("invalid_amount", "fix")], "{draft}");
        let (_, detail) = call(&app, &p.trainer, Method::GET, &format!("/api/v1/scenario-versions/{}", draft["id"].as_str().unwrap_or_default()), None).await;
        assert!(detail["scenario"]["nodes"][0]["choices"][0]["action"].get("amount").is_none(), "{detail}");
    }

    async fn trainers_see_missing_and_out_of_date_languages_and_start_a_translation(app) {
        let p = people(&app).await;
        let source = publish_late_fee(&app, &p).await;
        let (_, list) = call(&app, &p.trainer, Method::GET, "/api/v1/scenarios", None).await;
        let en = list.as_array().into_iter().flatten().find(|v| v["locale"] == "en").cloned().unwrap_or_default();
        assert_eq!(en["translation"]["source_locale"], "en", "{list}");
        let missing: Vec<&str> = en["translation"]["missing"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        assert!(missing.contains(&"it") && !missing.contains(&"en"), "{en}");
        // One scenario's version alone carries no list status.
        let (_, one) = call(&app, &p.trainer, Method::GET, &format!("/api/v1/scenario-versions/{source}"), None).await;
        assert!(one["version"].get("translation").is_none(), "{one}");

        // Start the Italian one from the English: the same graph, a draft in Italian.
        assert_eq!(call(&app, &p.agent, Method::POST, &format!("/api/v1/scenario-versions/{source}/translate"), Some(json!({"locale": "it"}))).await.0, StatusCode::FORBIDDEN);
        let (status, italian) = call(&app, &p.trainer, Method::POST, &format!("/api/v1/scenario-versions/{source}/translate"), Some(json!({"locale": "it"}))).await;
        assert_eq!(status, StatusCode::CREATED, "{italian}");
        assert_eq!((italian["key"].as_str(), italian["locale"].as_str(), italian["status"].as_str()), (Some("late-fee"), Some("it"), Some("draft")));
        let (_, detail) = call(&app, &p.trainer, Method::GET, &format!("/api/v1/scenario-versions/{}", italian["id"].as_str().unwrap_or_default()), None).await;
        assert_eq!(detail["scenario"]["nodes"].as_array().map(Vec::len), Some(6));
        let (status, again) = call(&app, &p.trainer, Method::POST, &format!("/api/v1/scenario-versions/{source}/translate"), Some(json!({"locale": "it"}))).await;
        assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("lesson_exists")));

        // The English source changes afterwards: the Italian variant is out of date.
        app.clock.advance(chrono::Duration::minutes(10));
        let mut changed = late_fee(35.0);
        changed["brief"] = json!("Marta calls, upset, about a late fee.");
        let (status, _) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": changed}))).await;
        assert_eq!(status, StatusCode::OK);
        let (_, list) = call(&app, &p.trainer, Method::GET, "/api/v1/scenarios", None).await;
        let it = list.as_array().into_iter().flatten().find(|v| v["locale"] == "it").cloned().unwrap_or_default();
        assert_eq!((it["translation"]["out_of_date"].as_bool(), it["translation"]["source_locale"].as_str()), (Some(true), Some("en")), "{it}");
        let en = list.as_array().into_iter().flatten().find(|v| v["locale"] == "en").cloned().unwrap_or_default();
        assert_eq!(en["translation"]["out_of_date"], false);
        let _ = (&p.admin, &p.lead);
    }

    async fn admins_set_authority_limits_and_everyone_sees_their_own(app) {
        let p = people(&app).await;
        let (_, limits) = call(&app, &p.agent, Method::GET, "/api/v1/authority-limits", None).await;
        assert_eq!(limits["currency"], "USD");
        assert_eq!(limits["decisions"][0]["key"], "fee-waiver");
        assert_eq!(limits["decisions"][0]["your_limit"], 50.0);
        let (_, as_lead) = call(&app, &p.lead, Method::GET, "/api/v1/authority-limits", None).await;
        assert_eq!(as_lead["decisions"][0]["your_limit"], 150.0);
        let (_, as_trainer) = call(&app, &p.trainer, Method::GET, "/api/v1/authority-limits", None).await;
        assert_eq!(as_trainer["decisions"][0]["your_limit"], Value::Null);

        let (status, refused) = call(&app, &p.admin, Method::PUT, "/api/v1/authority-limits/fee-waiver", Some(json!({"name": {"en": "Fee waiver"}, "limits": {"intern": 10}}))).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_role")));
        let (status, refused) = call(&app, &p.admin, Method::PUT, "/api/v1/authority-limits/fee-waiver", Some(json!({"name": {"en": "Fee waiver"}, "limits": {"agent": -5}}))).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_amount")));
        let (status, changed) = call(&app, &p.admin, Method::PUT, "/api/v1/authority-limits/fee-waiver", Some(json!({"name": {"en": "Fee waiver"}, "limits": {"agent": 60.5}}))).await;
        assert_eq!((status, changed["limits"]["agent"].as_f64()), (StatusCode::OK, Some(60.5)));
        let (status, euro) = call(&app, &p.admin, Method::PATCH, "/api/v1/authority-limits", Some(json!({"currency": "eur"}))).await;
        assert_eq!((status, euro["currency"].as_str()), (StatusCode::OK, Some("EUR")));
        let (status, _) = call(&app, &p.agent, Method::PUT, "/api/v1/authority-limits/fee-waiver", Some(json!({"name": {"en": "x"}, "limits": {"agent": 1000}}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }

    async fn a_broken_scenario_is_saved_but_not_published_and_errors_name_the_node(app) {
        let p = people(&app).await;
        let mut broken = late_fee(35.0);
        broken["nodes"][0]["choices"][1]["next"] = json!("nowhere");
        broken["nodes"][2]["choices"][0]["feedback"] = json!("");
        broken["nodes"][0]["choices"][0]["evidence"] = json!({"telepathy": 1});
        let (status, draft) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": broken}))).await;
        assert_eq!(status, StatusCode::OK, "a draft in progress is kept: {draft}");
        let issues: Vec<(String, Value, Value)> = draft["issues"].as_array().cloned().unwrap_or_default().iter()
            .map(|i| (i["code"].as_str().unwrap_or_default().to_owned(), i["node"].clone(), i["choice"].clone())).collect();
        assert!(issues.contains(&("dangling_choice".to_owned(), json!("start"), json!("policy"))), "{issues:?}");
        assert!(issues.contains(&("missing_feedback".to_owned(), json!("angry"), json!("sorry"))), "{issues:?}");
        assert!(issues.contains(&("unknown_competency".to_owned(), json!("start"), json!("waive"))), "{issues:?}");
        let id = draft["id"].as_str().unwrap_or_default();
        let (status, refused) = call(&app, &p.trainer, Method::POST, &format!("/api/v1/scenario-versions/{id}/publish"), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused["errors"].as_array().is_some_and(|e| e.iter().any(|e| e["field"] == "nodes/start/choices/policy" && e["code"] == "dangling_choice")), "{refused}");

        // Not a scenario file at all: the field is named.
        let mut bad = late_fee(35.0);
        bad["nodes"][1]["speaker"] = json!("robot");
        let (status, problem) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": bad}))).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("/nodes/1/speaker")));
        let (status, problem) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({}))).await;
        assert_eq!((status, problem["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("one_source")));
    }

    async fn what_the_format_forbids_is_refused_before_any_graph_work(app) {
        let p = people(&app).await;
        // A node with five replies: the format allows four.
        let mut wide = late_fee(35.0);
        let extra = wide["nodes"][0]["choices"][1].clone();
        if let Some(choices) = wide["nodes"][0]["choices"].as_array_mut() {
            for i in 0..3 {
                let mut c = extra.clone();
                c["id"] = json!(format!("extra{i}"));
                choices.push(c);
            }
        }
        let (status, problem) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": wide}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["code"], "invalid_scenario_file");
        assert_eq!(problem["errors"][0]["field"], "/nodes/0/choices");

        // Thousands of replies in one node (under the body limit) answer the same, at once.
        let mut huge = late_fee(35.0);
        huge["nodes"][0]["choices"] = json!((0..1000).map(|i| json!({"id": format!("c{i}"), "text": "x", "next": "gone", "feedback": "x"})).collect::<Vec<_>>());
        let started = std::time::Instant::now();
        let (status, problem) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": huge}))).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("/nodes/0/choices")));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));

        // More nodes than a scenario may have.
        let mut long = late_fee(35.0);
        let filler = json!({"id": "x", "speaker": "narrator", "text": "…", "outcome": "…"});
        if let Some(nodes) = long["nodes"].as_array_mut() {
            for i in 0..200 {
                let mut n = filler.clone();
                n["id"] = json!(format!("filler{i}"));
                nodes.push(n);
            }
        }
        let (status, problem) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": long}))).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("/nodes")));
        // Nothing was stored.
        let (_, list) = call(&app, &p.trainer, Method::GET, "/api/v1/scenarios", None).await;
        assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
    }

    async fn an_agent_solves_it_within_the_limit_and_reads_the_debrief(app) {
        let p = people(&app).await;
        let version = publish_late_fee(&app, &p).await;
        let (_, list) = call(&app, &p.agent, Method::GET, "/api/v1/play/scenarios", None).await;
        assert_eq!(list[0]["version_id"], version.as_str());
        let (run, view) = start(&app, &p.agent, &version).await;
        assert_eq!((view["node"]["id"].as_str(), view["position"].as_u64()), (Some("start"), Some(0)));
        assert_eq!(view["node"]["replies"][0], json!({"id": "waive", "text": "You're right. I've removed it."}), "no effects are shown while playing");
        assert_eq!(view["persona"]["facts"][0]["value"], "2017");

        // The same reply sent twice (a retry) is accepted once.
        let body = json!({"id": uuid::Uuid::new_v4(), "position": 0, "choice": "waive"});
        let (status, done) = call(&app, &p.agent, Method::POST, &format!("/api/v1/play/runs/{run}/choices"), Some(body.clone())).await;
        assert_eq!(status, StatusCode::OK, "{done}");
        let (status, again) = call(&app, &p.agent, Method::POST, &format!("/api/v1/play/runs/{run}/choices"), Some(body)).await;
        assert_eq!((status, again["position"].as_u64()), (StatusCode::OK, Some(1)));
        assert_eq!(done["finished"], true);
        let d = &done["debrief"];
        assert_eq!((d["handle_time_seconds"].as_u64(), d["first_contact_resolution"].as_bool(), d["csat"].as_u64()), (Some(40), Some(true), Some(5)));
        assert_eq!(d["outcome"], "Fee waived on the call.");
        assert_eq!(d["steps"][0]["feedback"], "Within your limit: solved on the call.");
        assert_eq!(d["best"]["steps"][0]["choice"], "waive");
        let competencies = d["competencies"].as_array().cloned().unwrap_or_default();
        assert!(competencies.iter().any(|c| c["competency"] == "empowered-decision-making" && c["percent"] == 100), "{competencies:?}");

        // Finished: no more replies; the evidence was recorded once.
        let (status, over) = reply(&app, &p.agent, &run, 1, "policy").await;
        assert_eq!((status, over["code"].as_str()), (StatusCode::CONFLICT, Some("run_finished")));
        assert_eq!(evidence(&app, &p.agent, "empowered-decision-making").await, (1, 2.0));
        assert_eq!(evidence(&app, &p.agent, "empathy").await, (1, 1.0));

        // Resuming shows the same debrief; another person cannot see the run.
        let (_, resumed) = call(&app, &p.agent, Method::GET, &format!("/api/v1/play/runs/{run}"), None).await;
        assert_eq!(resumed["debrief"]["csat"], 5);
        let (status, _) = call(&app, &p.lead, Method::GET, &format!("/api/v1/play/runs/{run}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn over_the_limit_the_call_goes_to_approval_and_the_debrief_says_why(app) {
        let p = people(&app).await;
        let (_, draft) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"scenario": late_fee(75.0)}))).await;
        let id = draft["id"].as_str().unwrap_or_default().to_owned();
        call(&app, &p.trainer, Method::POST, &format!("/api/v1/scenario-versions/{id}/publish"), None).await;
        let (run, _) = start(&app, &p.agent, &id).await;
        let (_, view) = reply(&app, &p.agent, &run, 0, "waive").await;
        assert_eq!(view["node"]["id"], "approval", "{view}");
        assert_eq!(view["transcript"][0]["escalated"], true);
        let (status, stale) = reply(&app, &p.agent, &run, 0, "policy").await;
        assert_eq!((status, stale["code"].as_str()), (StatusCode::CONFLICT, Some("out_of_turn")));
        let (status, unknown) = reply(&app, &p.agent, &run, 1, "waive").await;
        assert_eq!((status, unknown["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_choice")));
        let (_, done) = reply(&app, &p.agent, &run, 1, "wait").await;
        let d = &done["debrief"];
        assert_eq!((d["handle_time_seconds"].as_u64(), d["first_contact_resolution"].as_bool(), d["csat"].as_u64()), (Some(160), Some(false), Some(2)));
        assert_eq!((d["steps"][0]["resolution"].as_str(), d["steps"][0]["limit"].as_f64()), (Some("escalates"), Some(50.0)));
        assert_eq!(d["steps"][0]["action"], json!({"decision": "fee-waiver", "amount": 75.0}));

        // A lead's limit covers it: the same reply resolves the call there and then.
        let (run, _) = start(&app, &p.lead, &id).await;
        let (_, done) = reply(&app, &p.lead, &run, 0, "waive").await;
        assert_eq!((done["finished"].as_bool(), done["debrief"]["first_contact_resolution"].as_bool()), (Some(true), Some(true)));

        // The trainer sees how runs went and which replies were picked.
        let (status, stats) = call(&app, &p.trainer, Method::GET, "/api/v1/scenarios/late-fee/analytics", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((stats["runs"].as_u64(), stats["completed"].as_u64()), (Some(2), Some(2)));
        assert_eq!(stats["first_contact_resolution_rate"], 0.5);
        assert_eq!(stats["average_handle_time_seconds"], 100.0);
        let start_node = &stats["nodes"][0];
        assert_eq!((start_node["node"].as_str(), start_node["picks"].as_u64()), (Some("start"), Some(2)));
        assert_eq!((start_node["choices"][0]["choice"].as_str(), start_node["choices"][0]["share"].as_f64()), (Some("waive"), Some(1.0)));
    }

    async fn published_versions_never_change_and_files_round_trip(app) {
        let p = people(&app).await;
        let v1 = publish_late_fee(&app, &p).await;
        let (_, detail) = call(&app, &p.trainer, Method::GET, &format!("/api/v1/scenario-versions/{v1}"), None).await;
        assert_eq!(detail["scenario"], late_fee(35.0), "the editor gets back exactly what was imported");
        let mut edited = late_fee(35.0);
        edited["title"] = json!("A $35 late fee, revised");
        let (status, saved) = call(&app, &p.trainer, Method::PUT, &format!("/api/v1/scenario-versions/{v1}"), Some(edited.clone())).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!((saved["version"]["version"].as_i64(), saved["version"]["status"].as_str()), (Some(2), Some("draft")));
        let export = app.get_as(&format!("/api/v1/scenario-versions/{v1}/export"), &p.trainer.access_token).await;
        let exported: Value = serde_json::from_str(&export.text().await.unwrap_or_default()).unwrap_or(Value::Null);
        assert_eq!(exported, late_fee(35.0), "version 1 is as it was");
        let mut moved = edited;
        moved["key"] = json!("other-key");
        let (status, refused) = call(&app, &p.trainer, Method::PUT, &format!("/api/v1/scenario-versions/{v1}"), Some(moved)).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("key_changed")));
        // Runs record the version: a run of v1 is untouched by v2's publication.
        let (run, _) = start(&app, &p.agent, &v1).await;
        let v2 = saved["version"]["id"].as_str().unwrap_or_default().to_owned();
        call(&app, &p.trainer, Method::POST, &format!("/api/v1/scenario-versions/{v2}/publish"), None).await;
        let (_, view) = call(&app, &p.agent, Method::GET, &format!("/api/v1/play/runs/{run}"), None).await;
        assert_eq!((view["version_id"].as_str(), view["title"].as_str()), (Some(v1.as_str()), Some("A $35 late fee")));
        let (status, _) = start_status(&app, &p.agent, &v1).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "an archived version cannot be started anew");
    }

    async fn a_twine_draft_imports_with_its_effects(app) {
        let p = people(&app).await;
        let twee = ":: StoryTitle\nLate fee\n\n:: StoryData\n{\"ifid\": \"D674C58C-DEFA-4F70-B7A2-27742230C0FC\", \"start\": \"Start\"}\n\n\
:: Header [scenario]\nkey: twine-fee\ntitle: A fee, from Twine\nlocale: en\nbrief: A customer calls about a fee.\ncompetencies: empathy\npersona: Marta\nmood: annoyed\nfact: Customer since = 2017\n\n\
:: Start\nWhy is there a $35 fee on my bill?\n[[I'll remove it now.->Thanks]]\nfeedback: Solved on the call.\nevidence: empathy +2\nseconds: 40\nsentiment: +2\nresolution: resolves\naction: fee-waiver 35 -> Approval\n\
[[That's our policy.->Angry]]\nfeedback: The policy answer loses the customer.\nevidence: empathy -2\nseconds: 15\nsentiment: -2\n\n\
:: Approval\nYou need approval? Fine.\n[[I'll be quick.->Thanks]]\nfeedback: It took longer.\nseconds: 90\nresolution: resolves\n[[Sorry, nothing I can do.->Angry]]\nfeedback: Gave up.\nsentiment: -1\n\n\
:: Thanks [end]\nThank you!\noutcome: Fee waived.\n\n:: Angry [end]\nI'm leaving.\noutcome: Customer lost.\n";
        let (status, draft) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"twee": twee}))).await;
        assert_eq!(status, StatusCode::OK, "{draft}");
        assert_eq!((draft["key"].as_str(), draft["issues"].clone()), (Some("twine-fee"), json!([])), "{draft}");
        let id = draft["id"].as_str().unwrap_or_default();
        let (_, detail) = call(&app, &p.trainer, Method::GET, &format!("/api/v1/scenario-versions/{id}"), None).await;
        let waive = &detail["scenario"]["nodes"][0]["choices"][0];
        assert_eq!(waive["action"], json!({"decision": "fee-waiver", "amount": 35.0, "escalation": "Approval"}));
        assert_eq!((waive["seconds"].as_u64(), waive["resolution"].as_str()), (Some(40), Some("resolves")));
        let (status, problem) = call(&app, &p.trainer, Method::POST, "/api/v1/scenarios/import", Some(json!({"twee": twee.replace("evidence: empathy -2", "evidence: empathy lots")}))).await;
        assert_eq!((status, problem["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_twee")));
        assert!(problem["detail"].as_str().unwrap_or_default().starts_with("line "), "{problem}");
    }
}

async fn start_status(app: &TestApp, who: &Session, version: &str) -> (StatusCode, Value) {
    call(
        app,
        who,
        Method::POST,
        "/api/v1/play/runs",
        Some(json!({"id": uuid::Uuid::new_v4(), "scenario_version_id": version})),
    )
    .await
}

/// The agent's evidence for a competency: how many records, and their sum.
async fn evidence(app: &TestApp, who: &Session, competency: &str) -> (usize, f64) {
    let uuid = |raw: &str| uuid::Uuid::parse_str(raw).unwrap_or_else(|e| panic!("{e}"));
    cinco_persistence::attempt::evidence_for(
        &app.db,
        cinco_domain::OrganisationId::from_uuid(uuid(&who.org_id)),
        cinco_domain::UserId::from_uuid(uuid(&who.user_id)),
        competency,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}
