//! Offline results through `POST /sync`: 1,000 of them with duplicates in any order recorded
//! exactly once, and refusals one result at a time.

use super::*;

/// Refusals one result at a time (on an app taking full-size batches of 500).
async fn bad_results(engine: cinco_tests::Engine) {
    let Some(app) = cinco_tests::spawn_app_with(engine, |s| s.max_body_bytes = 1024 * 1024).await
    else {
        return;
    };
    let o = org(&app, &[("fcr-first", "ownership")]).await;
    let version = lesson_item(&today(&app, &o.agent).await).0;
    let good = attempt_results(
        &uuid::Uuid::new_v4().to_string(),
        &version,
        true,
        Utc::now(),
    );
    let unknown = json!({"kind": "lesson_answer", "id": uuid::Uuid::new_v4(), "attempt_id": uuid::Uuid::new_v4(), "lesson_version_id": uuid::Uuid::new_v4(), "card": 1, "response": {"choices": [1]}, "answered_at": Utc::now()});
    let mismatch = json!({"kind": "lesson_answer", "id": uuid::Uuid::new_v4(), "attempt_id": uuid::Uuid::new_v4(), "lesson_version_id": version, "card": 2, "response": {"choices": [1]}, "answered_at": Utc::now()});
    let not_an_item = json!({"kind": "lesson_answer", "id": uuid::Uuid::new_v4(), "attempt_id": uuid::Uuid::new_v4(), "lesson_version_id": version, "card": 0, "response": {"choices": [1]}, "answered_at": Utc::now()});
    let foreign_card = json!({"kind": "review_answer", "id": uuid::Uuid::new_v4(), "card_id": uuid::Uuid::new_v4(), "response": {"choices": [1]}, "answered_at": Utc::now()});
    let mut batch = vec![unknown, mismatch, not_an_item, foreign_card];
    batch.extend(good);
    let report = sync(&app, &o.agent, batch).await;
    assert_eq!(
        (report["accepted"].as_u64(), report["rejected"].as_u64()),
        (Some(4), Some(4)),
        "{report}"
    );
    let codes: Vec<&str> = report["outcomes"]
        .as_array()
        .into_iter()
        .flatten()
        .take(4)
        .filter_map(|o| o["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        ["not_found", "response_mismatch", "not_an_item", "not_found"]
    );
    // A result this server cannot read (another app version) is refused on its own.
    let mut mixed = vec![json!({"kind": "telepathy", "id": uuid::Uuid::new_v4()})];
    mixed.extend(attempt_results(
        &uuid::Uuid::new_v4().to_string(),
        &version,
        true,
        Utc::now(),
    ));
    let report = sync(&app, &o.agent, mixed).await;
    assert_eq!(report["outcomes"][0]["code"], "invalid_result", "{report}");
    assert_eq!(
        (report["accepted"].as_u64(), report["rejected"].as_u64()),
        (Some(4), Some(1))
    );
    // A malformed or oversized batch is a problem, never a 500.
    let res = app
        .post(
            "/api/v1/sync",
            Some(&o.agent.access_token),
            json!({"results": "nope"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    assert_eq!(problem.as_deref(), Some("application/problem+json"));
    // Someone else's queue (a shared phone) is refused whole, and stays on the device.
    let theirs = json!({"user_id": uuid::Uuid::new_v4(), "results": attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, Utc::now())});
    let res = app
        .post("/api/v1/sync", Some(&o.agent.access_token), theirs)
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(read_json(res).await["code"], "wrong_user");
    let mine = json!({"user_id": o.agent.user_id, "results": attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, Utc::now())});
    let res = app
        .post("/api/v1/sync", Some(&o.agent.access_token), mine)
        .await;
    assert_eq!(read_json(res).await["accepted"], 4);
    let many: Vec<Value> = (0..501).map(|_| json!({"kind": "lesson_completion", "attempt_id": uuid::Uuid::new_v4(), "lesson_version_id": version, "completed_at": Utc::now()})).collect();
    let res = app
        .post(
            "/api/v1/sync",
            Some(&o.agent.access_token),
            json!({"results": many}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(read_json(res).await["errors"][0]["code"], "too_many");
    // A device clock in the future counts as now.
    let future = attempt_results(
        &uuid::Uuid::new_v4().to_string(),
        &version,
        true,
        Utc::now() + Duration::days(400),
    );
    assert_eq!(sync(&app, &o.agent, future).await["accepted"], 4);
    let next_year = (app.clock.now() + Duration::days(366))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM review_log WHERE local_day >= '{next_year}'")
        )
        .await,
        0
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM review_log").await, 12);
}

on_both_databases! {
    async fn a_thousand_results_replayed_with_duplicates_in_any_order_arrive_exactly_once(app) {
        let o = org(&app, &[("fcr-first", "ownership")]).await;
        let version = lesson_item(&today(&app, &o.agent).await).0;
        // One attempt online first, so the agent has review cards.
        let r = sync(&app, &o.agent, attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, Utc::now())).await;
        assert_eq!(r["accepted"], 4);
        let pack = read_json(app.get_as("/api/v1/today/pack", &o.agent.access_token).await).await;
        let cards: Vec<Value> = pack["reviews"].as_array().cloned().unwrap_or_default();
        assert_eq!(cards.len(), 3);

        // 200 attempts (3 answers and a completion each) and 200 reviews: 1,000 results.
        let mut results: Vec<Value> = (0..200)
            .flat_map(|n| attempt_results(&uuid::Uuid::new_v4().to_string(), &version, n % 3 != 0, Utc::now()))
            .collect();
        for n in 0..200 {
            let card = &cards[n % 3];
            results.push(json!({
                "kind": "review_answer", "id": uuid::Uuid::new_v4(), "card_id": card["id"],
                "response": card["answer"]["solution"], "duration_ms": 4000, "answered_at": Utc::now()
            }));
        }
        assert_eq!(results.len(), 1000);
        // 300 duplicates, then everything shuffled (a fixed-seed generator keeps it repeatable).
        let mut seed: u64 = 0x5eed;
        let mut next = move |bound: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % bound
        };
        let mut queue = results.clone();
        for _ in 0..300 {
            queue.push(results[next(results.len())].clone());
        }
        for i in (1..queue.len()).rev() {
            queue.swap(i, next(i + 1));
        }
        let (mut accepted, mut duplicates) = (0, 0);
        for batch in queue.chunks(100) {
            let report = sync(&app, &o.agent, batch.to_vec()).await;
            assert_eq!(report["rejected"], 0, "{report}");
            assert_eq!(report["retry"], 0, "{report}");
            accepted += report["accepted"].as_u64().unwrap_or(0);
            duplicates += report["duplicates"].as_u64().unwrap_or(0);
        }
        assert_eq!((accepted, duplicates), (1000, 300));
        // Replaying the whole queue changes nothing.
        for batch in queue.chunks(100) {
            let report = sync(&app, &o.agent, batch.to_vec()).await;
            assert_eq!(report["accepted"], 0, "{report}");
        }
        // Exactly once in the database: 603 answers, 201 completed attempts, 803 reviews
        // (every first answer and every review) and one piece of evidence for each.
        assert_eq!(count(&app, "SELECT COUNT(*) FROM lesson_answers").await, 603);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM lesson_attempts WHERE completed_at IS NOT NULL").await, 201);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM review_log").await, 803);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, 803);
    }
}

on_both_databases! {
    async fn bad_results_are_refused_one_by_one_and_the_rest_is_kept(engine: Engine) {
        bad_results(engine).await;
    }
}
