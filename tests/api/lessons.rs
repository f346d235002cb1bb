//! Trainers build the framework and publish five-minute lessons; published versions never
//! change; the statement of what good is has versions too.

use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "a-long-enough-secret";

fn lesson(title: &str, body: &str) -> String {
    format!(
        "---\nkey: empathy-basics\ntitle: {title}\nlocale: en\ncompetencies: [empathy]\n---\n\n:::text\n{body}\n:::\n\n\
         :::single\nWhat comes first?\n- [x] Acknowledge the feeling\n- [ ] Quote the policy\n> People listen once they feel heard.\n:::\n"
    )
}

async fn trainer(app: &TestApp) -> (Session, Session) {
    let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
    let token = app
        .invite(&admin, "trainer@acme.example", &["trainer"], None)
        .await;
    let res = app
        .post(
            "/api/v1/invitations/accept",
            None,
            json!({"token": token, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let trainer = app.sign_in("trainer@acme.example", PASSWORD).await;
    let levels: Vec<Value> = (1..=4)
        .map(|l| json!({"level": l, "indicators": [{"en": format!("Indicator {l}")}]}))
        .collect();
    let competency = app
        .post(
            "/api/v1/competencies",
            Some(&trainer.access_token),
            json!({
                "key": "empathy", "kind": "behaviour", "category": "customer-connection",
                "name": {"en": "Empathy", "es": "Empatía"},
                "description": {"en": "Understands how the customer feels."},
                "levels": levels
            }),
        )
        .await;
    assert_eq!(competency.status(), StatusCode::CREATED);
    (admin, trainer)
}

async fn import(app: &TestApp, who: &Session, source: &str) -> (StatusCode, Value) {
    let res = app
        .post(
            "/api/v1/lessons/import",
            Some(&who.access_token),
            json!({"source": source}),
        )
        .await;
    let status = res.status();
    (status, read_json(res).await)
}

async fn publish(app: &TestApp, who: &Session, id: &str) -> (StatusCode, Value) {
    let res = app
        .call(
            Method::POST,
            &format!("/api/v1/lesson-versions/{id}/publish"),
            Some(&who.access_token),
            None,
        )
        .await;
    let status = res.status();
    (status, read_json(res).await)
}

async fn export(app: &TestApp, who: &Session, id: &str) -> String {
    let res = app
        .get_as(
            &format!("/api/v1/lesson-versions/{id}/export"),
            &who.access_token,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap_or_default()
}

on_both_databases! {
    async fn a_trainer_publishes_and_published_versions_never_change(app) {
        let (_, trainer) = trainer(&app).await;
        let first = lesson("Empathy basics", "Name the feeling before you fix the problem.");
        let (status, draft) = import(&app, &trainer, &first).await;
        assert_eq!(status, StatusCode::OK, "{draft}");
        assert_eq!((draft["version"].as_i64(), draft["status"].as_str(), draft["fits"].as_bool()), (Some(1), Some("draft"), Some(true)));
        let v1 = draft["id"].as_str().unwrap_or_default().to_owned();
        let (status, published) = publish(&app, &trainer, &v1).await;
        assert_eq!(status, StatusCode::OK, "{published}");
        assert_eq!(published["status"], "published");
        let (status, again) = publish(&app, &trainer, &v1).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(again["code"], "invalid_transition");

        // Editing a published lesson makes version 2; version 1 stays exactly as it was.
        let second = lesson("Empathy basics, revised", "Name the feeling, then own the problem.");
        let (_, draft2) = import(&app, &trainer, &second).await;
        assert_eq!(draft2["version"], 2);
        let v2 = draft2["id"].as_str().unwrap_or_default().to_owned();
        assert_eq!(export(&app, &trainer, &v1).await, first);
        assert_eq!(export(&app, &trainer, &v2).await, second);
        publish(&app, &trainer, &v2).await;
        let list = read_json(app.get_as("/api/v1/lessons", &trainer.access_token).await).await;
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        assert_eq!((list[0]["version"].as_i64(), list[0]["status"].as_str()), (Some(2), Some("published")));
    }

    async fn a_lesson_over_five_minutes_cannot_be_published(app) {
        let (_, trainer) = trainer(&app).await;
        let long = lesson("Too long", &"Listen carefully to the customer. ".repeat(200));
        let (_, draft) = import(&app, &trainer, &long).await;
        assert_eq!(draft["fits"], false);
        let (status, problem) = publish(&app, &trainer, draft["id"].as_str().unwrap_or_default()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["errors"][0]["code"], "lesson_too_long");
        let detail = problem["detail"].as_str().unwrap_or_default();
        assert!(detail.contains("over the 5:00 limit") && detail.contains("card 1 (text"), "{detail}");
    }

    async fn bad_lesson_files_are_refused_with_the_line(app) {
        let (_, trainer) = trainer(&app).await;
        let broken = lesson("Broken", "Text").replace("- [x] Acknowledge", "- [ ] Acknowledge");
        let (status, problem) = import(&app, &trainer, &broken).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["errors"][0]["code"], "invalid_lesson_file");
        assert!(problem["detail"].as_str().unwrap_or_default().starts_with("line 12:"), "{problem}");
        let unknown = lesson("Unknown", "Text").replace("[empathy]", "[telepathy]");
        let (status, problem) = import(&app, &trainer, &unknown).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["errors"][0]["code"], "unknown_competency");
    }

    async fn a_second_trainer_reviews_when_the_organisation_asks_for_it(app) {
        let (admin, trainer) = trainer(&app).await;
        let on = app.call(Method::PATCH, "/api/v1/organisation", Some(&admin.access_token), Some(json!({"lesson_review_required": true}))).await;
        assert_eq!(read_json(on).await["lesson_review_required"], true);
        let (_, draft) = import(&app, &trainer, &lesson("Empathy basics", "Name the feeling first.")).await;
        let id = draft["id"].as_str().unwrap_or_default().to_owned();
        let (status, problem) = publish(&app, &trainer, &id).await;
        assert_eq!((status, problem["code"].as_str()), (StatusCode::CONFLICT, Some("review_required")));

        let step = |path: &'static str, who: &Session, body: Option<Value>| {
            let url = format!("/api/v1/lesson-versions/{id}/{path}");
            let token = who.access_token.clone();
            let app = &app;
            async move {
                let res = app.call(Method::POST, &url, Some(&token), body).await;
                let status = res.status();
                (status, read_json(res).await)
            }
        };
        let (status, submitted) = step("submit", &trainer, None).await;
        assert_eq!((status, submitted["status"].as_str()), (StatusCode::OK, Some("in_review")));
        let (status, own) = step("review", &trainer, Some(json!({"decision": "approve"}))).await;
        assert_eq!((status, own["code"].as_str()), (StatusCode::FORBIDDEN, Some("own_lesson")));
        let (status, missing) = step("review", &admin, Some(json!({"decision": "request_changes"}))).await;
        assert_eq!((status, missing["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("comment_required")));
        let (status, long) = step("review", &admin, Some(json!({"decision": "request_changes", "comment": "x".repeat(2001)}))).await;
        assert_eq!((status, long["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("too_long")));
        let (_, back) = step("review", &admin, Some(json!({"decision": "request_changes", "comment": "Add a dialogue."}))).await;
        assert_eq!((back["status"].as_str(), back["review_comment"].as_str()), (Some("draft"), Some("Add a dialogue.")));
        step("submit", &trainer, None).await;
        let (status, approved) = step("review", &admin, Some(json!({"decision": "approve"}))).await;
        assert_eq!((status, approved["status"].as_str()), (StatusCode::OK, Some("published")));
    }

    async fn the_statement_of_what_good_is_is_versioned(app) {
        let (admin, trainer) = trainer(&app).await;
        let missing = app.get_as("/api/v1/cx-statement", &trainer.access_token).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        for text in ["We solve it on the first call.", "We solve it on the first call, kindly."] {
            let res = app.call(Method::PUT, "/api/v1/cx-statement", Some(&admin.access_token), Some(json!({"text": {"en": text}}))).await;
            assert_eq!(res.status(), StatusCode::OK);
        }
        let current = read_json(app.get_as("/api/v1/cx-statement", &trainer.access_token).await).await;
        assert_eq!(current["version"], 2);
        assert_eq!(current["text"]["en"], "We solve it on the first call, kindly.");
        let empty = app.call(Method::PUT, "/api/v1/cx-statement", Some(&admin.access_token), Some(json!({"text": {"en": " "}}))).await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // A language sent blank is refused on its field, not silently dropped (its readers
        // would get another language's statement without anyone knowing); so is a text over
        // the limit only by its spaces, as the contract counts it.
        let blank = app.call(Method::PUT, "/api/v1/cx-statement", Some(&admin.access_token), Some(json!({"text": {"en": "We solve it.", "it": "  "}}))).await;
        assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem = read_json(blank).await;
        assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("text.it"), Some("required")), "{problem}");
        let padded = format!(" {}", "x".repeat(1000));
        let long = app.call(Method::PUT, "/api/v1/cx-statement", Some(&admin.access_token), Some(json!({"text": {"en": padded}}))).await;
        assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(read_json(app.get_as("/api/v1/cx-statement", &trainer.access_token).await).await["version"], 2, "nothing refused was saved");
        // With only English written, the answer says which language the reader gets.
        assert_eq!(current["locale"], "en");
        let italian = app.call(Method::PATCH, "/api/v1/me", Some(&trainer.access_token), Some(json!({"locale": "it"}))).await;
        assert_eq!(italian.status(), StatusCode::OK);
        let both = app.call(Method::PUT, "/api/v1/cx-statement", Some(&admin.access_token), Some(json!({"text": {"en": "We solve it.", "it": "Lo risolviamo."}}))).await;
        assert_eq!(both.status(), StatusCode::OK);
        let read = read_json(app.get_as("/api/v1/cx-statement", &trainer.access_token).await).await;
        assert_eq!((read["locale"].as_str(), read["version"].as_i64()), (Some("it"), Some(3)));
        let competencies = read_json(app.get_as("/api/v1/competencies", &trainer.access_token).await).await;
        assert_eq!(competencies[0]["name"]["es"], "Empatía");
    }
}
