//! Procedures that listen and the monthly pulse (`docs/listening.md`): an agent flags a
//! rule, a trainer answers it once and the agent hears it; the pulse is answered once a
//! month, counted without the person, and shown per team only with five answers — through
//! HTTP, on both databases.

use cinco_tests::{Engine, Session, TestApp, on_both_databases};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::coaching::{Floor, at, count, floor, get, join_as, post, send};

fn atm_rule() -> Value {
    json!({
        "what_happened": "A customer's card was swallowed by our branch ATM after hours; I could not order a new one because only branch staff may.",
        "rule": "Card replacement for a swallowed card: branch staff only",
        "proposal": "Let agents order the replacement card when the ATM log confirms it.",
        "decision_key": "replacement"
    })
}

async fn trainer(app: &TestApp, f: &Floor) -> Session {
    join_as(
        app,
        &f.admin,
        "tere@acme.example",
        "Tere",
        &["trainer"],
        None,
        "en",
    )
    .await
}

async fn replacement_limit(app: &TestApp, f: &Floor) {
    let res = app
        .call(
            Method::PUT,
            "/api/v1/authority-limits/replacement",
            Some(&f.admin.access_token),
            Some(json!({"name": {"en": "Free replacement"}, "limits": {"agent": 2000}})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str().map(str::to_owned))
        .collect()
}

on_both_databases! {
    async fn an_agent_flags_a_rule_a_trainer_accepts_it_once_and_the_agent_hears_it(app) {
        let f = floor(&app).await;
        let tere = trainer(&app, &f).await;
        replacement_limit(&app, &f).await;

        // What is flagged says what happened, which rule and what to change.
        let mut blank = atm_rule();
        blank["rule"] = json!("   ");
        let (status, refused) = post(&app, &f.ana, "/api/v1/suggestions", blank).await;
        assert_eq!((status, refused["errors"][0]["field"].as_str(), refused["errors"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("rule"), Some("required")), "{refused}");
        let mut unknown = atm_rule();
        unknown["competency_key"] = json!("telepathy");
        let (status, refused) = post(&app, &f.ana, "/api/v1/suggestions", unknown).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_competency")));
        // A blank key is not "no key" (that is null): it is refused, as the contract says.
        for (field, code) in [("decision_key", "unknown_decision"), ("competency_key", "unknown_competency")] {
            let mut blank_key = atm_rule();
            blank_key[field] = json!(" ");
            let (status, refused) = post(&app, &f.ana, "/api/v1/suggestions", blank_key).await;
            assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{refused}");
        }
        let (status, flagged) = post(&app, &f.ana, "/api/v1/suggestions", atm_rule()).await;
        assert_eq!(status, StatusCode::CREATED, "{flagged}");
        assert_eq!((flagged["status"].as_str(), flagged["decision_key"].as_str()), (Some("open"), Some("replacement")));
        let id = flagged["id"].as_str().unwrap_or_default().to_owned();
        let (_, bruno_flag) = post(&app, &f.bruno, "/api/v1/suggestions", json!({
            "what_happened": "A customer wanted the call summary by mail.", "rule": "No mail to customers from agents",
            "proposal": "A template the agent may send."})).await;

        // Trainers answer; leads read their own team's only; agents read their own only.
        let (status, inbox) = get(&app, &tere, "/api/v1/suggestions").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(inbox["may_answer"], true);
        assert_eq!(ids(&inbox["suggestions"]), [id.clone(), bruno_flag["id"].as_str().unwrap_or_default().to_owned()]);
        assert_eq!(inbox["suggestions"][0]["author_name"], "Ana");
        let (_, lena_view) = get(&app, &f.lena, "/api/v1/suggestions").await;
        assert_eq!((ids(&lena_view["suggestions"]), &lena_view["may_answer"]), (vec![id.clone()], &json!(false)));
        let (_, sam_view) = get(&app, &f.sam, "/api/v1/suggestions").await;
        assert!(!ids(&sam_view["suggestions"]).contains(&id), "another team's lead does not see it");
        let (status, _) = get(&app, &f.ana, "/api/v1/suggestions").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let answer = format!("/api/v1/suggestions/{id}/answer");
        let accept = json!({"outcome": "accepted", "change_kind": "limit", "text": "Agents may now order a replacement card up to 20 € when the ATM log confirms it."});
        let (status, _) = post(&app, &f.lena, &answer, accept.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads read, they do not answer");

        // Accepting says what changed.
        let (status, refused) = post(&app, &tere, &answer, json!({"outcome": "accepted", "text": "Done"})).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("change_kind_required")));
        app.clock.set(at(12, 3, 10, 0));
        let (status, answered) = post(&app, &tere, &answer, accept).await;
        assert_eq!(status, StatusCode::OK, "{answered}");
        assert_eq!((answered["status"].as_str(), answered["answer"]["change_kind"].as_str()), (Some("accepted"), Some("limit")));
        assert_eq!(answered["age_days"], 2);

        // Once: a second answer, even a different one, is refused and changes nothing.
        let (status, again) = post(&app, &f.admin, &answer, json!({"outcome": "declined", "text": "On second thoughts, no"})).await;
        assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("already_answered")));
        let (status, _) = send(&app, &tere, Method::DELETE, &format!("/api/v1/suggestions/{id}"), None).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED, "answers cannot be deleted: {status}");

        // The agent sees the answer in the app and by mail.
        let (_, mine) = get(&app, &f.ana, "/api/v1/me/suggestions").await;
        assert_eq!(ids(&mine), vec![id.clone()]);
        assert_eq!(mine[0]["status"], "accepted");
        assert!(mine[0]["answer"]["text"].as_str().unwrap_or_default().contains("ATM log"));
        let mails = app.delivered_of_kind("ana@acme.example", Some("suggestion_answered"), 1).await;
        assert!(mails[0].contains("Your suggestion was accepted") || mails[0].contains("was accepted"), "{}", mails[0]);
        assert!(mails[0].contains("Agents may now order a replacement card"), "{}", mails[0]);
        assert!(mails[0].contains("/suggestions"), "{}", mails[0]);
        let (_, bruno_mine) = get(&app, &f.bruno, "/api/v1/me/suggestions").await;
        assert!(!ids(&bruno_mine).contains(&id), "an agent sees only their own");
    }

    async fn declining_needs_a_reason_and_the_oldest_unanswered_come_first(app) {
        let f = floor(&app).await;
        let tere = trainer(&app, &f).await;
        let flag = |what: &str| json!({"what_happened": what, "rule": "Fees are never waived by phone", "proposal": "Waive a first late fee."});
        let (_, old) = post(&app, &f.ana, "/api/v1/suggestions", flag("A $35 late fee after a hospital stay.")).await;
        app.clock.set(at(12, 20, 9, 0));
        let (_, newer) = post(&app, &f.bruno, "/api/v1/suggestions", flag("A late fee on the first bill.")).await;
        let (_, third) = post(&app, &f.ana, "/api/v1/suggestions", flag("A late fee charged twice.")).await;
        let answer = format!("/api/v1/suggestions/{}/answer", third["id"].as_str().unwrap_or_default());
        for body in [json!({"outcome": "declined"}), json!({"outcome": "declined", "text": "  "})] {
            let (status, refused) = post(&app, &tere, &answer, body).await;
            assert_eq!((status, refused["errors"][0]["field"].as_str(), refused["errors"][0]["code"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some("text"), Some("reason_required")), "{refused}");
        }
        let (status, declined) = post(&app, &tere, &answer, json!({"outcome": "declined", "text": "A double charge is refunded by billing within a day; ask them."})).await;
        assert_eq!((status, declined["status"].as_str()), (StatusCode::OK, Some("declined")));
        assert_eq!(declined["answer"]["change_kind"], Value::Null);

        let (_, inbox) = get(&app, &f.admin, "/api/v1/suggestions").await;
        assert_eq!(ids(&inbox["suggestions"]), [
            old["id"].as_str().unwrap_or_default().to_owned(),
            newer["id"].as_str().unwrap_or_default().to_owned(),
            third["id"].as_str().unwrap_or_default().to_owned(),
        ], "open ones oldest first, then answered ones");
        assert_eq!(inbox["overdue"], 1, "{inbox}");
        assert_eq!((inbox["suggestions"][0]["age_days"].as_i64(), inbox["suggestions"][0]["overdue"].as_bool()), (Some(19), Some(true)));
        assert_eq!(inbox["suggestions"][1]["overdue"], false);
        let (_, mine) = get(&app, &f.ana, "/api/v1/me/suggestions").await;
        assert_eq!(mine[0]["answer"]["text"], "A double charge is refunded by billing within a day; ask them.");
        let mails = app.delivered_of_kind("ana@acme.example", Some("suggestion_answered"), 1).await;
        assert!(mails[0].contains("Reason:\n- A double charge"), "{}", mails[0]);
    }

    async fn suggestions_stay_inside_their_organisation(app) {
        let f = floor(&app).await;
        let (_, flagged) = post(&app, &f.ana, "/api/v1/suggestions", json!({"what_happened": "x", "rule": "y", "proposal": "z"})).await;
        let id = flagged["id"].as_str().unwrap_or_default().to_owned();
        let other = app.sign_up("Globex", "boss@globex.example", crate::coaching::PASSWORD).await;
        let (status, body) = post(&app, &other, &format!("/api/v1/suggestions/{id}/answer"), json!({"outcome": "declined", "text": "Not yours"})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
        let (_, inbox) = get(&app, &other, "/api/v1/suggestions").await;
        assert_eq!(inbox["suggestions"], json!([]));
        let (_, mine) = get(&app, &f.ana, "/api/v1/me/suggestions").await;
        assert_eq!(mine[0]["status"], "open", "nothing changed");
    }

    async fn the_pulse_is_answered_once_a_month_and_kept_without_the_person(app) {
        let f = floor(&app).await;
        let (status, me) = get(&app, &f.ana, "/api/v1/me/pulse").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((me["month"].as_str(), me["answered"].as_bool(), me["in_team"].as_bool()), (Some("2026-12"), Some(false), Some(true)));
        let (status, refused) = post(&app, &f.ana, "/api/v1/pulse", json!({"know_limits": 6, "not_afraid": 3, "lead_backs_me": 3})).await;
        assert_eq!((status, refused["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_score")));
        let body = json!({"know_limits": 4, "not_afraid": 2, "lead_backs_me": 5});
        let (status, _) = post(&app, &f.ana, "/api/v1/pulse", body.clone()).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, again) = post(&app, &f.ana, "/api/v1/pulse", body.clone()).await;
        assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("pulse_already_answered")));
        assert_eq!(count(&app, "SELECT COALESCE(SUM(answers), 0) FROM pulse_tallies WHERE statement = 'know_limits'").await, 1, "counted once");
        assert_eq!(get(&app, &f.ana, "/api/v1/me/pulse").await.1["answered"], true);

        // Nothing stored with the answers names a person or a moment.
        let columns = match app.engine {
            Engine::Sqlite => "SELECT COUNT(*) FROM pragma_table_info('pulse_tallies') WHERE name NOT IN ('id', 'organisation_id', 'team_id', 'month', 'statement', 'score', 'answers')",
            Engine::Postgres => "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'pulse_tallies' AND column_name NOT IN ('id', 'organisation_id', 'team_id', 'month', 'statement', 'score', 'answers')",
        };
        assert_eq!(count(&app, columns).await, 0, "the answers have no person column");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM pulse_tallies").await, 3, "one count per statement and score, no row per person");
        let respondent_columns = match app.engine {
            Engine::Sqlite => "SELECT COUNT(*) FROM pragma_table_info('pulse_respondents') WHERE name NOT IN ('id', 'organisation_id', 'user_id', 'month')",
            Engine::Postgres => "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'pulse_respondents' AND column_name NOT IN ('id', 'organisation_id', 'user_id', 'month')",
        };
        assert_eq!(count(&app, respondent_columns).await, 0, "who answered keeps no scores");

        // Only agents in a team answer; only leads and admins read the trend.
        let loner = join_as(&app, &f.admin, "lone@acme.example", "Lone", &["agent"], None, "en").await;
        let (status, refused) = post(&app, &loner, "/api/v1/pulse", json!({"know_limits": 3, "not_afraid": 3, "lead_backs_me": 3})).await;
        assert_eq!((status, refused["code"].as_str()), (StatusCode::CONFLICT, Some("no_team")));
        assert_eq!(get(&app, &f.ana, "/api/v1/pulse/teams").await.0, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, &f.lena, "/api/v1/pulse", json!({"know_limits": 3, "not_afraid": 3, "lead_backs_me": 3})).await.0, StatusCode::FORBIDDEN);

        // The month is the organisation's: founded in UTC, it turns at midnight UTC.
        app.clock.set(chrono::DateTime::parse_from_rfc3339("2027-01-01T00:30:00Z").map(|t| t.to_utc()).unwrap_or_default());
        let ana = app.sign_in("ana@acme.example", crate::coaching::PASSWORD).await;
        let (_, me) = get(&app, &ana, "/api/v1/me/pulse").await;
        assert_eq!((me["month"].as_str(), me["answered"].as_bool()), (Some("2027-01"), Some(false)));
        let (status, _) = post(&app, &ana, "/api/v1/pulse", body).await;
        assert_eq!(status, StatusCode::CREATED, "a new month, a new answer");

    }

    async fn the_pulse_month_turns_in_the_organisations_time_zone(app) {
        let f = floor(&app).await;
        let (_, org) = get(&app, &f.admin, "/api/v1/organisation").await;
        let org_id = cinco_domain::OrganisationId::from_uuid(org["id"].as_str().and_then(|id| id.parse().ok()).unwrap_or_default());
        let madrid = cinco_domain::user::TimeZone::parse("Europe/Madrid").unwrap_or_else(|_| cinco_domain::user::TimeZone::utc());
        cinco_persistence::organisation::set_time_zone(&app.db, org_id, &madrid).await.unwrap_or_else(|e| panic!("{e}"));
        // 23:30 UTC on 31 December is already 00:30 on 1 January in Madrid.
        app.clock.set(chrono::DateTime::parse_from_rfc3339("2026-12-31T23:30:00Z").map(|t| t.to_utc()).unwrap_or_default());
        let ana = app.sign_in("ana@acme.example", crate::coaching::PASSWORD).await;
        let (_, me) = get(&app, &ana, "/api/v1/me/pulse").await;
        assert_eq!(me["month"], "2027-01");
        let (status, _) = post(&app, &ana, "/api/v1/pulse", json!({"know_limits": 3, "not_afraid": 3, "lead_backs_me": 3})).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM pulse_tallies WHERE month = '2027-01'").await, 3);
    }

    async fn a_team_month_shows_only_with_five_answers_with_exact_means(app) {
        let f = floor(&app).await;
        // Ana and four more agents of North answer; Bruno alone answers for South.
        let mut north = vec![f.ana.clone()];
        for i in 1..=4 {
            north.push(join_as(&app, &f.admin, &format!("n{i}@acme.example"), &format!("North {i}"), &["agent"], Some(&f.north), "en").await);
        }
        let scores = [(5, 4, 3), (4, 4, 3), (3, 2, 3), (5, 1, 4), (2, 3, 5)];
        for (who, (a, b, c)) in north.iter().zip(scores).take(4) {
            let (status, _) = post(&app, who, "/api/v1/pulse", json!({"know_limits": a, "not_afraid": b, "lead_backs_me": c})).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let (_, bruno) = post(&app, &f.bruno, "/api/v1/pulse", json!({"know_limits": 1, "not_afraid": 1, "lead_backs_me": 1})).await;
        assert_eq!(bruno["answered"], true);

        let (status, trend) = get(&app, &f.lena, "/api/v1/pulse/teams").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(trend["min_answers"], 5);
        assert_eq!(trend["teams"].as_array().map(Vec::len), Some(1), "a lead sees their own teams: {trend}");
        let months = &trend["teams"][0]["months"];
        assert_eq!(months.as_array().map(Vec::len), Some(6));
        let december = &months[5];
        assert_eq!(december["month"], "2026-12");
        assert_eq!((december["enough"].as_bool(), &december["answers"], &december["know_limits"]), (Some(false), &Value::Null, &Value::Null),
            "four answers show nothing, not even how many");

        let last = &north[4];
        let (a, b, c) = scores[4];
        post(&app, last, "/api/v1/pulse", json!({"know_limits": a, "not_afraid": b, "lead_backs_me": c})).await;
        let (_, trend) = get(&app, &f.lena, "/api/v1/pulse/teams").await;
        let december = &trend["teams"][0]["months"][5];
        assert_eq!((december["enough"].as_bool(), december["answers"].as_u64()), (Some(true), Some(5)));
        for (key, expected) in [("know_limits", 19.0 / 5.0), ("not_afraid", 14.0 / 5.0), ("lead_backs_me", 18.0 / 5.0)] {
            let mean = december[key].as_f64().unwrap_or_default();
            assert!((mean - expected).abs() < 1e-9, "{key}: {mean} ≠ {expected}");
        }

        // Admins see every team; South's one answer stays hidden.
        let (_, all) = get(&app, &f.admin, "/api/v1/pulse/teams").await;
        let names: Vec<&str> = all["teams"].as_array().into_iter().flatten().filter_map(|t| t["team_name"].as_str()).collect();
        assert_eq!(names, ["North", "South"]);
        assert_eq!(all["teams"][1]["months"][5]["enough"], false);
        let (_, sam) = get(&app, &f.sam, "/api/v1/pulse/teams").await;
        assert_eq!(sam["teams"][0]["team_name"], "South");
        assert_eq!(sam["teams"][0]["months"][5]["answers"], Value::Null);
    }
}
