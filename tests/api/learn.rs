//! Agents take lessons: their language or the organisation's, answers graded by the server,
//! each answer accepted once however often it is sent.

use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "a-long-enough-secret";

fn lesson(locale: &str, title: &str) -> String {
    format!(
        "---\nkey: fcr-first\ntitle: {title}\nlocale: {locale}\n---\n\n:::text\nSolve it on the first call.\n:::\n\n\
         :::single\nWhich measure rewards solving it first time?\n- [ ] AHT\n- [x] FCR\n> FCR counts problems solved at first contact.\n:::\n\n\
         :::ordering\nPut the call in order.\n1. Listen\n2. Acknowledge\n3. Solve\n> Listen first, solve last.\n:::\n"
    )
}

async fn join(app: &TestApp, admin: &Session, email: &str, locale: &str) -> Session {
    let res = app
        .post(
            "/api/v1/invitations",
            Some(&admin.access_token),
            json!({
                "email": email, "display_name": "Agent", "roles": ["agent"], "locale": locale
            }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let mails = app.delivered_mails(email, 1).await;
    let token = cinco_tests::link_token(&mails[0]);
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

async fn publish(app: &TestApp, admin: &Session, source: &str) {
    let draft = read_json(
        app.post(
            "/api/v1/lessons/import",
            Some(&admin.access_token),
            json!({"source": source}),
        )
        .await,
    )
    .await;
    let id = draft["id"].as_str().unwrap_or_default();
    let res = app
        .call(
            Method::POST,
            &format!("/api/v1/lesson-versions/{id}/publish"),
            Some(&admin.access_token),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

on_both_databases! {
    async fn an_agent_gets_their_language_or_the_organisations(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await; // organisation default: en
        publish(&app, &admin, &lesson("en", "First contact")).await;
        publish(&app, &admin, &lesson("es", "Primer contacto")).await;
        let ana = join(&app, &admin, "ana@acme.example", "es").await;
        let gio = join(&app, &admin, "gio@acme.example", "it").await;
        let mine = read_json(app.get_as("/api/v1/learn/lessons/fcr-first", &ana.access_token).await).await;
        assert_eq!((mine["locale"].as_str(), mine["title"].as_str()), (Some("es"), Some("Primer contacto")));
        let fallback = read_json(app.get_as("/api/v1/learn/lessons/fcr-first", &gio.access_token).await).await;
        assert_eq!(fallback["locale"], "en");
        let list = read_json(app.get_as("/api/v1/learn/lessons", &gio.access_token).await).await;
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        // The cards carry no answers.
        assert_eq!(mine["cards"][1]["kind"], "single");
        assert!(!mine["cards"].to_string().contains("FCR counts"), "explanations are given after answering");
    }

    async fn answers_are_graded_and_accepted_once(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        publish(&app, &admin, &lesson("en", "First contact")).await;
        let agent = join(&app, &admin, "ana@acme.example", "en").await;
        let taken = read_json(app.get_as("/api/v1/learn/lessons/fcr-first", &agent.access_token).await).await;
        let version = taken["version_id"].as_str().unwrap_or_default().to_owned();
        let attempt = uuid::Uuid::new_v4().to_string();
        let start = json!({"id": attempt, "lesson_version_id": version});
        assert_eq!(app.post("/api/v1/learn/attempts", Some(&agent.access_token), start.clone()).await.status(), StatusCode::CREATED);
        assert_eq!(app.post("/api/v1/learn/attempts", Some(&agent.access_token), start.clone()).await.status(), StatusCode::OK);
        let stranger = join(&app, &admin, "bruno@acme.example", "en").await;
        assert_eq!(app.post("/api/v1/learn/attempts", Some(&stranger.access_token), start).await.status(), StatusCode::CONFLICT);

        let path = format!("/api/v1/learn/attempts/{attempt}/answers");
        let answer = json!({"id": uuid::Uuid::new_v4(), "card": 1, "response": {"choices": [1]}});
        let first = read_json(app.post(&path, Some(&agent.access_token), answer.clone()).await).await;
        assert_eq!(first["correct"], true);
        assert_eq!(first["explanation"], "FCR counts problems solved at first contact.");
        assert_eq!(first["already_answered"], false);
        // The same submission replayed, and a second try with a new id: the first stands.
        let replay = read_json(app.post(&path, Some(&agent.access_token), answer).await).await;
        assert_eq!((replay["correct"].as_bool(), replay["already_answered"].as_bool()), (Some(true), Some(true)));
        let second = read_json(app.post(&path, Some(&agent.access_token), json!({"id": uuid::Uuid::new_v4(), "card": 1, "response": {"choices": [0]}})).await).await;
        assert_eq!((second["correct"].as_bool(), second["already_answered"].as_bool()), (Some(true), Some(true)));

        let wrong_order = read_json(app.post(&path, Some(&agent.access_token), json!({"id": uuid::Uuid::new_v4(), "card": 2, "response": {"order": [2, 1, 0]}})).await).await;
        assert_eq!(wrong_order["correct"], false);
        assert_eq!(wrong_order["solution"], json!({"order": [0, 1, 2]}));

        let not_item = app.post(&path, Some(&agent.access_token), json!({"id": uuid::Uuid::new_v4(), "card": 0, "response": {"choices": [0]}})).await;
        assert_eq!(read_json(not_item).await["errors"][0]["code"], "not_an_item");
        let mismatch = app.post(&path, Some(&agent.access_token), json!({"id": uuid::Uuid::new_v4(), "card": 2, "response": {"true_false": true}})).await;
        assert_eq!(read_json(mismatch).await["errors"][0]["code"], "response_mismatch");
        // Someone else cannot answer in this attempt.
        let other = app.post(&path, Some(&stranger.access_token), json!({"id": uuid::Uuid::new_v4(), "card": 1, "response": {"choices": [1]}})).await;
        assert_eq!(other.status(), StatusCode::NOT_FOUND);

        let done = read_json(app.call(Method::POST, &format!("/api/v1/learn/attempts/{attempt}/complete"), Some(&agent.access_token), None).await).await;
        assert_eq!(done, json!({"correct": 1, "items": 2, "steps": []}));
        let resumed = read_json(app.post("/api/v1/learn/attempts", Some(&agent.access_token), json!({"id": attempt, "lesson_version_id": version})).await).await;
        assert_eq!(resumed["answered_cards"], json!([1, 2]));
        assert_eq!(resumed["completed"], true);
        let _: Value = resumed;
    }
}
