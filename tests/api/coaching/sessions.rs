//! Coaching sessions: scheduled and recorded by the agent's lead, ratings becoming evidence,
//! agreed actions becoming a path, and the agent's acknowledgement (or dispute).

use super::*;
use cinco_tests::on_both_databases;

fn empathy_rating(rating: Value) -> Value {
    json!({"competency_key": "empathy", "indicator": "Names the feeling", "rating": rating, "note": "Good start"})
}

fn record_body(ratings: Vec<Value>) -> Value {
    json!({
        "observation": "recorded", "call_reference": "CRM-48213", "held_at": null,
        "ratings": ratings,
        "notes": "Calm, kind, a little slow to offer the refund.",
        "actions": [{"text": "Offer the refund yourself under 50 €", "due_on": "2026-12-10"}]
    })
}

on_both_databases! {
    async fn a_scorecard_is_translated_and_each_reader_reads_the_ratings_in_theirs(app) {
        let f = floor(&app).await;
        app.create_competency(&f.admin, "empathy").await;
        let (status, card) = post(&app, &f.admin, "/api/v1/coaching/scorecards", json!({
            "title": "Refund calls", "items": [{"competency_key": "empathy", "indicator": "Names the customer's feeling"}]
        })).await;
        assert_eq!(status, StatusCode::CREATED, "{card}");
        assert_eq!(card["locale"], "en");
        assert_eq!(card["languages"]["source_locale"], "en");
        assert_eq!(card["languages"]["source"]["steps"][0]["title"], "Names the customer's feeling");
        assert_eq!(card["languages"]["missing"], json!(["es", "it"]));
        let texts = format!("/api/v1/coaching/scorecards/{}/texts/it", s(&card, "id"));
        let italian = json!({"title": "Chiamate di rimborso", "steps": [{"title": "Dà un nome a ciò che prova il cliente"}]});
        let got = send(&app, &f.admin, Method::PUT, &texts, Some(json!({"title": "Chiamate", "steps": []}))).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_translation");
        assert_eq!(s(&got.1["errors"][0], "field"), "steps", "{}", got.1);
        let (status, _) = send(&app, &f.lena, Method::PUT, &texts, Some(italian.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads do not translate scorecards");
        let (status, saved) = send(&app, &f.admin, Method::PUT, &texts, Some(italian)).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["languages"]["missing"], json!(["es"]));
        assert_eq!(saved["title"], "Refund calls", "the admin reads English");

        // An Italian agent of Lena's team is rated on it; each reads the session in theirs.
        let giulia = join_as(&app, &f.admin, "giulia@acme.example", "Giulia", &["agent"], Some(&f.north), "it").await;
        let (status, session) = post(&app, &f.lena, "/api/v1/coaching/sessions", json!({
            "agent_id": giulia.user_id, "scheduled_at": at(12, 2, 10, 0), "scorecard_id": card["id"], "call_reference": null
        })).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        let id = s(&session, "id");
        let rating = json!({"competency_key": "empathy", "indicator": "Names the customer's feeling", "rating": 3, "note": "Good"});
        let (status, recorded) = post(&app, &f.lena, &format!("/api/v1/coaching/sessions/{id}/record"), json!({
            "observation": "live", "call_reference": null, "held_at": null, "ratings": [rating], "notes": null, "actions": []
        })).await;
        assert!(status.is_success(), "{status} {recorded}");
        assert_eq!(recorded["ratings"][0]["indicator"], "Names the customer's feeling", "Lena reads English");
        assert_eq!(recorded["scorecard_title"], "Refund calls");
        let (_, mine) = get(&app, &giulia, "/api/v1/me/coaching-sessions").await;
        let hers = find(&mine, "id", &id).unwrap_or_else(|| panic!("{mine}"));
        assert_eq!(hers["ratings"][0]["indicator"], "Dà un nome a ciò che prova il cliente", "{hers}");
        assert_eq!(hers["scorecard_title"], "Chiamate di rimborso");
    }

    async fn a_recorded_session_rates_agrees_actions_and_is_acknowledged_once(app) {
        let f = floor(&app).await;
        for key in ["empathy", "ownership"] {
            app.create_competency(&f.admin, key).await;
        }
        let (status, card) = post(&app, &f.admin, "/api/v1/coaching/scorecards", json!({
            "title": "Refund calls", "items": [{"competency_key": "empathy", "indicator": "Names the customer's feeling"}]
        })).await;
        assert_eq!(status, StatusCode::CREATED, "{card}");
        let (status, _) = post(&app, &f.lena, "/api/v1/coaching/scorecards", json!({"title": "Mine", "items": []})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads do not author scorecards");
        let template = create_path(&app, &f.lena, "Review cycle", vec![session_step("Review a call with your lead", Some(14))]).await;
        let review_path = assign_to(&app, &f.lena, &s(&template, "id"), &f.ana).await;

        // Only leads (of the agent's team) and admins schedule.
        let schedule = |agent: &Session| json!({"agent_id": agent.user_id, "scheduled_at": at(12, 2, 10, 0), "scorecard_id": card["id"], "call_reference": null});
        let (status, _) = post(&app, &f.ana, "/api/v1/coaching/sessions", schedule(&f.ana)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = post(&app, &f.lena, "/api/v1/coaching/sessions", schedule(&f.bruno)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, session) = post(&app, &f.lena, "/api/v1/coaching/sessions", schedule(&f.ana)).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        assert_eq!(session["status"], "scheduled");
        assert_eq!(session["agent"]["id"], f.ana.user_id.as_str());
        assert_eq!(session["lead"]["id"], f.lena.user_id.as_str());
        assert_eq!(session["scorecard_title"], "Refund calls");
        let id = s(&session, "id");
        let (_, mine) = get(&app, &f.ana, "/api/v1/me/coaching-sessions").await;
        assert!(find(&mine, "id", &id).is_some(), "{mine}");
        let ack = format!("/api/v1/me/coaching-sessions/{id}/acknowledge");
        let got = post(&app, &f.ana, &ack, json!({"comment": "Too early", "dispute": false})).await;
        assert_refused(&got, StatusCode::CONFLICT, "not_recorded");

        // Recorded by Lena (Sam leads another team; a rating of 5 does not exist).
        app.clock.set(at(12, 2, 10, 30));
        let record = format!("/api/v1/coaching/sessions/{id}/record");
        let ratings = vec![empathy_rating(json!(3)), json!({"competency_key": "ownership", "indicator": "Owns the problem", "rating": null, "note": "N/A: not needed"})];
        let (status, _) = post(&app, &f.sam, &record, record_body(ratings.clone())).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        for bad in [json!(5), json!(0)] {
            let (status, refused) = post(&app, &f.lena, &record, record_body(vec![empathy_rating(bad)])).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence WHERE source = 'coaching_rating'").await, 0, "nothing kept of a refused record");
        let (status, recorded) = post(&app, &f.lena, &record, record_body(ratings.clone())).await;
        assert!(status.is_success(), "{status} {recorded}");
        assert_eq!(recorded["status"], "recorded");
        assert!(recorded["held_at"].is_string(), "{recorded}");
        assert_eq!((recorded["observation"].as_str(), recorded["call_reference"].as_str()), (Some("recorded"), Some("CRM-48213")));
        let rated = items(&recorded["ratings"]);
        assert_eq!(rated.len(), 2, "{recorded}");
        let empathy = rated.iter().find(|r| r["competency_key"] == "empathy").cloned().unwrap_or_default();
        assert_eq!((empathy["rating"].as_u64(), empathy["competency_name"].as_str()), (Some(3), Some("empathy")), "{empathy}");
        let na = rated.iter().find(|r| r["competency_key"] == "ownership").cloned().unwrap_or_default();
        assert_eq!((na["rating"].clone(), na["note"].as_str()), (Value::Null, Some("N/A: not needed")));
        assert_eq!(recorded["actions"][0]["text"], "Offer the refund yourself under 50 €");
        assert_eq!(recorded["actions"][0]["done"], false);
        let actions_id = s(&recorded, "actions_assignment_id");
        assert!(!actions_id.is_empty(), "{recorded}");
        let got = post(&app, &f.lena, &record, record_body(ratings)).await;
        assert_refused(&got, StatusCode::CONFLICT, "already_recorded");

        // The rating is evidence (N/A is none).
        assert!(count(&app, "SELECT COUNT(*) FROM evidence WHERE source = 'coaching_rating' AND competency_key = 'empathy'").await >= 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence WHERE source = 'coaching_rating' AND competency_key = 'ownership'").await, 0);
        let (_, proficiency) = get(&app, &f.ana, "/api/v1/me/proficiency").await;
        let empathy = find(&proficiency, "competency", "empathy").unwrap_or_else(|| panic!("{proficiency}"));
        assert!(empathy["evidence"].as_u64().unwrap_or(0) >= 1, "{empathy}");

        // The actions are a path of practice tasks; the review step is done.
        let paths = my_paths(&app, &f.ana).await;
        let actions = find(&paths, "session_id", &id).unwrap_or_else(|| panic!("the actions' path in {paths}"));
        assert_eq!(s(&actions, "id"), actions_id);
        let steps = items(&actions["steps"]);
        assert_eq!(steps.len(), 1, "{actions}");
        assert_eq!(steps[0]["kind"], "practice_task");
        assert!(steps[0].to_string().contains("Offer the refund yourself under 50 €"), "{actions}");
        let review = find(&paths, "id", &s(&review_path, "id")).unwrap_or_else(|| panic!("{paths}"));
        assert!(review["steps"][0]["completed_at"].is_string(), "a recorded session completes the step: {review}");
        assert_eq!(review["status"], "completed");

        // Ana disagrees, once; Lena sees it.
        let (status, body) = post(&app, &f.ana, &ack, json!({"comment": "The customer had already been refunded.", "dispute": true})).await;
        assert!(status.is_success(), "{status} {body}");
        let got = post(&app, &f.ana, &ack, json!({"comment": "Again", "dispute": false})).await;
        assert_refused(&got, StatusCode::CONFLICT, "already_acknowledged");
        let (status, seen) = get(&app, &f.lena, &format!("/api/v1/coaching/sessions/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(seen["agent_comment"], "The customer had already been refunded.");
        assert_eq!(seen["disputed"], true);
        assert!(seen["acknowledged_at"].is_string(), "{seen}");
        let (_, listed) = get(&app, &f.lena, &format!("/api/v1/coaching/sessions?agent_id={}", f.ana.user_id)).await;
        assert!(find(&listed, "id", &id).is_some(), "{listed}");
        let (status, _) = get(&app, &f.sam, &format!("/api/v1/coaching/sessions/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = post(&app, &f.bruno, &ack, json!({"comment": "Me too", "dispute": true})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "only the session's agent acknowledges");
    }

    async fn a_scheduled_session_can_be_cancelled(app) {
        let f = floor(&app).await;
        let (status, session) = post(&app, &f.sam, "/api/v1/coaching/sessions", json!({"agent_id": f.bruno.user_id, "scheduled_at": at(12, 3, 15, 0)})).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        let id = s(&session, "id");
        let (status, _) = post(&app, &f.lena, &format!("/api/v1/coaching/sessions/{id}/cancel"), json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "not Lena's team");
        let (status, body) = post(&app, &f.sam, &format!("/api/v1/coaching/sessions/{id}/cancel"), json!({})).await;
        assert!(status.is_success(), "{status} {body}");
        let (_, seen) = get(&app, &f.sam, &format!("/api/v1/coaching/sessions/{id}")).await;
        assert_eq!(seen["status"], "cancelled");
        let (_, theirs) = get(&app, &f.bruno, "/api/v1/me/coaching-sessions").await;
        assert!(find(&theirs, "id", &id).is_none_or(|v| v["status"] == "cancelled"), "no longer coming up: {theirs}");
    }
}
