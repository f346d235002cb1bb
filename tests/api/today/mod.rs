//! Today's session: composed per agent and local day, stable within it, rolling over at the
//! agent's midnight; reviews scheduled with FSRS; proficiency moving with evidence; the
//! offline pack with its ETag; and offline results synced exactly once.

use chrono::{DateTime, Duration, TimeZone, Utc};
use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

mod restart;
mod sync;

const PASSWORD: &str = "a-long-enough-secret";

/// A lesson training `competency`, with three knowledge checks (cards 1, 2 and 3).
fn lesson(key: &str, competency: &str) -> String {
    format!(
        "---\nkey: {key}\ntitle: Lesson {key}\nlocale: en\ncompetencies: [{competency}]\n---\n\n\
         :::text\nSolve it on the first call.\n:::\n\n\
         :::single\nWhich measure rewards solving it first time?\n- [ ] AHT\n- [x] FCR\n> FCR counts problems solved at first contact.\n:::\n\n\
         :::true-false\nA transfer always helps the customer.\nanswer: false\n> Each transfer makes them repeat themselves.\n:::\n\n\
         :::single\nWho owns the problem?\n- [x] You, until it is solved\n- [ ] The next team\n> Ownership ends when the problem does.\n:::\n"
    )
}

struct Org {
    admin: Session,
    agent: Session,
}

/// An organisation with two competencies, the given lessons published, and an agent in
/// Auckland (UTC+13 in November).
async fn org(app: &TestApp, lessons: &[(&str, &str)]) -> Org {
    let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
    for key in ["ownership", "empathy"] {
        app.create_competency(&admin, key).await;
    }
    for (key, competency) in lessons {
        app.publish_lesson(&admin, &lesson(key, competency)).await;
    }
    let agent = app
        .join(&admin, "agent@acme.example", &["agent"], PASSWORD)
        .await;
    let res = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&agent.access_token),
            Some(json!({"time_zone": "Pacific/Auckland"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    Org { admin, agent }
}

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid time"))
}

async fn today(app: &TestApp, who: &Session) -> Value {
    let res = app.get_as("/api/v1/today", &who.access_token).await;
    assert_eq!(res.status(), StatusCode::OK);
    read_json(res).await
}

async fn sync(app: &TestApp, who: &Session, results: Vec<Value>) -> Value {
    let res = app
        .post(
            "/api/v1/sync",
            Some(&who.access_token),
            json!({"results": results}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    read_json(res).await
}

/// The three answers of one attempt (right or wrong) and its completion.
pub(crate) fn attempt_results(
    attempt: &str,
    version: &str,
    right: bool,
    at: DateTime<Utc>,
) -> Vec<Value> {
    let responses = if right {
        [
            json!({"choices": [1]}),
            json!({"true_false": false}),
            json!({"choices": [0]}),
        ]
    } else {
        [
            json!({"choices": [0]}),
            json!({"true_false": true}),
            json!({"choices": [1]}),
        ]
    };
    let mut out: Vec<Value> = responses
        .into_iter()
        .zip(1..)
        .map(|(response, card)| {
            json!({
                "kind": "lesson_answer", "id": uuid::Uuid::new_v4(), "attempt_id": attempt,
                "lesson_version_id": version, "card": card, "response": response,
                "duration_ms": 15000, "answered_at": at
            })
        })
        .collect();
    out.push(json!({"kind": "lesson_completion", "attempt_id": attempt, "lesson_version_id": version, "completed_at": at}));
    out
}

fn lesson_item(view: &Value) -> (String, String) {
    let item = view["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["kind"] == "lesson"))
        .unwrap_or_else(|| panic!("a lesson in {view}"));
    (
        item["id"].as_str().unwrap_or_default().to_owned(),
        item["key"].as_str().unwrap_or_default().to_owned(),
    )
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.db
        .count(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

on_both_databases! {
    async fn the_session_is_the_same_all_day_and_rolls_over_at_the_agents_midnight(app) {
        let o = org(&app, &[("fcr-first", "ownership"), ("listen-first", "empathy")]).await;
        // 23:00 on the 28th in Auckland.
        app.clock.set(utc(28, 10, 0));
        let first = today(&app, &o.agent).await;
        assert_eq!(first["day"], "2026-11-28");
        assert_eq!(first["items"].as_array().map(Vec::len), Some(1), "{first}");
        let again = today(&app, &o.agent).await;
        assert_eq!(first["items"], again["items"], "reopening gives the same session");
        assert_eq!(first["complete"], false);

        // Do the lesson: one answer wrong, so its item comes back tomorrow.
        let (version, _) = lesson_item(&first);
        let attempt = uuid::Uuid::new_v4().to_string();
        let mut results = attempt_results(&attempt, &version, true, utc(28, 10, 5));
        results[0]["response"] = json!({"choices": [0]});
        let report = sync(&app, &o.agent, results).await;
        assert_eq!(report["accepted"], 4, "{report}");
        let done = today(&app, &o.agent).await;
        assert_eq!(done["complete"], true, "{done}");
        assert_eq!(done["streak"]["days"], 1);
        assert_eq!(done["streak"]["today_done"], true);
        assert!(done["minutes_today"].as_i64().unwrap_or(0) >= 1, "{done}");
        assert!(done["next"]["reviews"].as_u64().unwrap_or(0) >= 1, "tomorrow's preview counts the review: {done}");

        // 23:59 is still the 28th; at 00:00 (11:00 UTC) the 29th begins with a new session.
        app.clock.set(utc(28, 10, 59));
        assert_eq!(today(&app, &o.agent).await["day"], "2026-11-28");
        app.clock.set(utc(28, 11, 0));
        let next = today(&app, &o.agent).await;
        assert_eq!(next["day"], "2026-11-29");
        assert_ne!(next["items"], done["items"]);
        let kinds: Vec<&str> = next["items"].as_array().into_iter().flatten().filter_map(|i| i["kind"].as_str()).collect();
        assert_eq!(kinds.first(), Some(&"review"), "the missed item comes back first: {next}");
        assert!(kinds.contains(&"lesson"), "then new material: {next}");
        assert_eq!(next["streak"]["days"], 1, "yesterday still counts");
        assert_eq!(next["streak"]["today_done"], false);
    }

    async fn the_view_follows_work_done_in_the_lesson_player_too(app) {
        let o = org(&app, &[("fcr-first", "ownership")]).await;
        let first = today(&app, &o.agent).await;
        assert_eq!(today(&app, &o.agent).await, first, "unchanged, the same view");
        let (version, _) = lesson_item(&first);
        let attempt = uuid::Uuid::new_v4();
        let res = app.post("/api/v1/learn/attempts", Some(&o.agent.access_token), json!({"id": attempt, "lesson_version_id": version})).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let res = app.post(&format!("/api/v1/learn/attempts/{attempt}/answers"), Some(&o.agent.access_token), json!({"id": uuid::Uuid::new_v4(), "card": 1, "response": {"choices": [1]}})).await;
        assert_eq!(res.status(), StatusCode::OK);
        let answered = today(&app, &o.agent).await;
        assert!(answered["minutes_total"] == first["minutes_total"] && answered["complete"] == false);
        let res = app.post(&format!("/api/v1/learn/attempts/{attempt}/complete"), Some(&o.agent.access_token), json!({})).await;
        assert_eq!(res.status(), StatusCode::OK);
        let done = today(&app, &o.agent).await;
        assert_eq!(done["complete"], true, "{done}");
        assert_eq!(done["streak"]["today_done"], true);
        assert!(done["minutes_today"].as_i64().unwrap_or(0) >= 1);
    }

    async fn a_day_done_offline_counts_when_its_results_arrive_after_midnight(app) {
        let o = org(&app, &[("fcr-first", "ownership")]).await;
        app.clock.set(utc(28, 9, 0)); // 22:00 on the 28th in Auckland
        let (version, _) = lesson_item(&today(&app, &o.agent).await);
        // Done offline at 22:30 local; the phone is back online at 00:30 on the 29th.
        app.clock.set(utc(28, 11, 30));
        let report = sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, utc(28, 9, 30))).await;
        assert_eq!(report["accepted"], 4);
        let next = today(&app, &o.agent).await;
        assert_eq!(next["day"], "2026-11-29");
        assert_eq!(next["streak"]["days"], 1, "the 28th counts: {next}");
    }

    async fn one_more_adds_the_next_activity_until_there_is_none(app) {
        let o = org(&app, &[("fcr-first", "ownership"), ("listen-first", "empathy")]).await;
        let first = today(&app, &o.agent).await;
        assert_eq!(first["items"].as_array().map(Vec::len), Some(1));
        let res = app.post("/api/v1/today/more", Some(&o.agent.access_token), json!({})).await;
        assert_eq!(res.status(), StatusCode::OK);
        let more = read_json(res).await;
        let keys: Vec<&str> = more["items"].as_array().into_iter().flatten().filter_map(|i| i["key"].as_str()).collect();
        assert_eq!(keys.len(), 2);
        assert_ne!(keys[0], keys[1]);
        assert_eq!(today(&app, &o.agent).await["items"], more["items"], "kept for the day");
        let res = app.post("/api/v1/today/more", Some(&o.agent.access_token), json!({})).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(read_json(res).await["code"], "nothing_more");
    }

    async fn new_material_aims_at_the_weakest_competency(app) {
        let o = org(&app, &[("fcr-first", "ownership"), ("listen-first", "empathy"), ("own-it", "ownership")]).await;
        app.clock.set(utc(20, 0, 0));
        let first = today(&app, &o.agent).await;
        let (version, key) = lesson_item(&first);
        // Get everything in the first lesson right: its competency is no longer the weakest.
        let report = sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, utc(20, 0, 5))).await;
        assert_eq!(report["accepted"], 4);
        app.clock.set(utc(21, 0, 0));
        let next = today(&app, &o.agent).await;
        let (_, next_key) = lesson_item(&next);
        let strong = if key == "listen-first" { "empathy" } else { "ownership" };
        let trains = |k: &str| if k == "listen-first" { "empathy" } else { "ownership" };
        assert_ne!(trains(&next_key), strong, "{key} was done well; {next_key} trains the same competency");
    }

    async fn reviews_come_back_on_the_fsrs_schedule(app) {
        let o = org(&app, &[("fcr-first", "ownership")]).await;
        app.clock.set(utc(10, 0, 0));
        let first = today(&app, &o.agent).await;
        let (version, _) = lesson_item(&first);
        let report = sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, utc(10, 0, 5))).await;
        assert_eq!(report["accepted"], 4);
        // Right answers at a normal pace (Good) come back two days later, not the next day.
        app.clock.set(utc(10, 12, 0));
        let day_after = today(&app, &o.agent).await;
        assert!(day_after["items"].as_array().is_some_and(|i| i.is_empty()), "{day_after}");
        app.clock.set(utc(12, 0, 0));
        let due = today(&app, &o.agent).await;
        let reviews: Vec<Value> = due["items"].as_array().into_iter().flatten().filter(|i| i["kind"] == "review").cloned().collect();
        assert_eq!(reviews.len(), 3, "{due}");

        // Reviewed right again, the next interval is longer than the first (two days).
        let answers = [json!({"choices": [1]}), json!({"true_false": false}), json!({"choices": [0]})];
        let results: Vec<Value> = reviews.iter().map(|r| {
            let card = r["card"].as_u64().unwrap_or(0) as usize;
            json!({"kind": "review_answer", "id": uuid::Uuid::new_v4(), "card_id": r["id"], "response": answers[card - 1], "duration_ms": 8000, "answered_at": utc(12, 0, 30)})
        }).collect();
        let report = sync(&app, &o.agent, results).await;
        assert_eq!(report["accepted"], 3, "{report}");
        let done = today(&app, &o.agent).await;
        assert_eq!(done["complete"], true);
        for day in 13..=16 {
            app.clock.set(utc(day, 0, 0));
            let view = today(&app, &o.agent).await;
            assert!(view["items"].as_array().is_some_and(|i| i.is_empty()), "day {day}: {view}");
        }
        let due = count(&app, "SELECT COUNT(*) FROM review_cards WHERE reps = 2").await;
        assert_eq!(due, 3);
        let wrong = json!({"kind": "review_answer", "id": uuid::Uuid::new_v4(), "card_id": reviews[0]["id"], "response": {"choices": [0]}, "answered_at": utc(16, 0, 0)});
        assert_eq!(sync(&app, &o.agent, vec![wrong]).await["accepted"], 1);
        // Forgotten, it comes back sooner than the interval it had (more than four days).
        let mut back = None;
        for day in 17..=19 {
            app.clock.set(utc(day, 0, 0));
            let view = today(&app, &o.agent).await;
            if view["items"].as_array().into_iter().flatten().any(|i| i["id"] == reviews[0]["id"]) {
                back = Some(day);
                break;
            }
        }
        assert!(back.is_some(), "a lapse comes back within three days");
    }

    async fn a_learner_who_changes_language_reads_the_days_reviews_in_the_new_one(app) {
        let o = org(&app, &[("fcr-first", "ownership")]).await;
        app.clock.set(utc(10, 0, 0));
        let (version, _) = lesson_item(&today(&app, &o.agent).await);
        sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, utc(10, 0, 5))).await;
        // Learned in English; the lesson also exists in Italian.
        let italian = lesson("fcr-first", "ownership").replace("locale: en", "locale: it").replace("title: Lesson", "title: Lezione");
        app.publish_lesson(&o.admin, &italian).await;
        app.clock.set(utc(12, 0, 0));
        let titles = |view: &Value| -> Vec<String> {
            view["items"].as_array().into_iter().flatten().filter(|i| i["kind"] == "review")
                .map(|i| i["title"].as_str().unwrap_or_default().to_owned()).collect()
        };
        let before = today(&app, &o.agent).await;
        assert_eq!(titles(&before), vec!["Lesson fcr-first"; 3], "{before}");
        let res = app.call(Method::PATCH, "/api/v1/me", Some(&o.agent.access_token), Some(json!({"locale": "it"}))).await;
        assert_eq!(res.status(), StatusCode::OK);
        let after = today(&app, &o.agent).await;
        assert_eq!(titles(&after), vec!["Lezione fcr-first"; 3], "the same day, in Italian: {after}");
        assert_eq!(after["items"][0]["lesson_version_id"], before["items"][0]["lesson_version_id"], "the cards are the ones learned");
    }

    async fn proficiency_moves_with_evidence(app) {
        let o = org(&app, &[("fcr-first", "ownership")]).await;
        let before = read_json(app.get_as("/api/v1/me/proficiency", &o.agent.access_token).await).await;
        let ownership = |list: &Value| list.as_array().and_then(|l| l.iter().find(|c| c["competency"] == "ownership")).cloned().unwrap_or(Value::Null);
        assert_eq!(ownership(&before)["level"], 1);
        assert_eq!(ownership(&before)["evidence"], 0);
        let version = lesson_item(&today(&app, &o.agent).await).0;
        for _ in 0..3 {
            let r = sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, Utc::now())).await;
            assert_eq!(r["accepted"], 4);
        }
        let after = read_json(app.get_as("/api/v1/me/proficiency", &o.agent.access_token).await).await;
        let after = ownership(&after);
        assert_eq!(after["evidence"], 9);
        assert_eq!(after["level"], 4, "{after}");
        assert!(after["confidence"].as_f64().unwrap_or(0.0) > 0.5);
        assert!(!after["history"].as_array().map(Vec::is_empty).unwrap_or(true));
        assert_eq!(after["indicators"], json!(["Indicator 4"]));
        // Wrong answers pull it down.
        for _ in 0..4 {
            sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, false, Utc::now())).await;
        }
        let lower = ownership(&read_json(app.get_as("/api/v1/me/proficiency", &o.agent.access_token).await).await);
        assert!(lower["level"].as_u64() < after["level"].as_u64(), "{lower}");
    }

    async fn the_offline_pack_carries_the_session_and_costs_a_304_when_unchanged(app) {
        let o = org(&app, &[("fcr-first", "ownership"), ("listen-first", "empathy")]).await;
        let res = app.get_as("/api/v1/today/pack", &o.agent.access_token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let etag = res.headers().get("etag").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(etag.starts_with('"'), "{etag}");
        let pack = read_json(res).await;
        let lessons = pack["lessons"].as_array().cloned().unwrap_or_default();
        assert_eq!(lessons.len(), 2, "today's lesson and the next one");
        assert_eq!(lessons[0]["answers"][1]["solution"], json!({"choices": [1]}));
        assert_eq!(lessons[0]["answers"][0], Value::Null);
        let again = app
            .client
            .get(app.url("/api/v1/today/pack"))
            .bearer_auth(&o.agent.access_token)
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        // Progress changes the pack.
        let (version, _) = lesson_item(&pack["today"]);
        sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, Utc::now())).await;
        let changed = app
            .client
            .get(app.url("/api/v1/today/pack"))
            .bearer_auth(&o.agent.access_token)
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(changed.status(), StatusCode::OK);
        let pack = read_json(changed).await;
        assert_eq!(pack["reviews"].as_array().map(Vec::len), Some(3), "reviews falling due in the next days");
        assert!(pack["reviews"][0]["answer"]["solution"].is_object());
    }

    async fn fsrs_optimize_waits_for_enough_history_and_names_unknown_organisations(app) {
        let o = org(&app, &[("fcr-first", "ownership")]).await;
        let version = lesson_item(&today(&app, &o.agent).await).0;
        sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, Utc::now())).await;
        let outcome = cinco_api::optimize::fsrs(&app.db, "acme", false).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(outcome, cinco_api::optimize::Outcome::NotEnoughHistory { have: 0 }), "{outcome}");
        assert!(outcome.to_string().starts_with("Not enough history yet: 0 reviews"));
        assert!(cinco_api::optimize::fsrs(&app.db, "nobody-here", false).await.is_err());
        let settings = read_json(app.get_as("/api/v1/organisation/learning", &o.admin.access_token).await).await;
        assert_eq!(settings["fitted"], false, "nothing was saved");
    }

    async fn admins_set_the_desired_retention(app) {
        let o = org(&app, &[]).await;
        let get = read_json(app.get_as("/api/v1/organisation/learning", &o.admin.access_token).await).await;
        assert_eq!(get, json!({"desired_retention": 0.9, "fitted": false}));
        let res = app.call(Method::PUT, "/api/v1/organisation/learning", Some(&o.admin.access_token), Some(json!({"desired_retention": 0.5}))).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = app.call(Method::PUT, "/api/v1/organisation/learning", Some(&o.admin.access_token), Some(json!({"desired_retention": 0.85}))).await;
        assert_eq!(res.status(), StatusCode::OK);
        let saved = read_json(res).await;
        assert!((saved["desired_retention"].as_f64().unwrap_or(0.0) - 0.85).abs() < 1e-6);
        let res = app.call(Method::PUT, "/api/v1/organisation/learning", Some(&o.agent.access_token), Some(json!({"desired_retention": 0.95}))).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}
