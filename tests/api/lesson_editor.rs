//! The block editor's JSON form of a lesson: read a version block by block, save a draft
//! from it (the lesson file is rendered by the server and reads back the same), and errors
//! that name the block and field at fault.

use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "a-long-enough-secret";
/// A lesson and its estimate, shared with the PWA's estimate test.
const FIXTURE: &str = include_str!("../../frontend/src/lib/editor/estimate.fixture.json");

async fn people(app: &TestApp) -> (Session, Session, Session) {
    let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
    let mut invited = Vec::new();
    for (email, role) in [
        ("trainer@acme.example", "trainer"),
        ("agent@acme.example", "agent"),
    ] {
        let token = app.invite(&admin, email, &[role], None).await;
        let res = app
            .post(
                "/api/v1/invitations/accept",
                None,
                json!({"token": token, "password": PASSWORD}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        invited.push(app.sign_in(email, PASSWORD).await);
    }
    let agent = invited.pop().unwrap_or_else(|| panic!("agent"));
    let trainer = invited.pop().unwrap_or_else(|| panic!("trainer"));
    let levels: Vec<Value> = (1..=4)
        .map(|l| json!({"level": l, "indicators": [{"en": format!("Indicator {l}")}]}))
        .collect();
    let competency = app
        .post(
            "/api/v1/competencies",
            Some(&trainer.access_token),
            json!({
                "key": "empathy", "kind": "behaviour", "category": "customer-connection",
                "name": {"en": "Empathy"}, "description": {"en": "Understands how the customer feels."},
                "levels": levels
            }),
        )
        .await;
    assert_eq!(competency.status(), StatusCode::CREATED);
    (admin, trainer, agent)
}

async fn save(app: &TestApp, who: &Session, document: &Value) -> (StatusCode, Value) {
    let res = app
        .post(
            "/api/v1/lessons/documents",
            Some(&who.access_token),
            document.clone(),
        )
        .await;
    let status = res.status();
    (status, read_json(res).await)
}

fn fixture() -> (Value, i64) {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap_or_else(|e| panic!("{e}"));
    (
        fixture["document"].clone(),
        fixture["estimate_seconds"].as_i64().unwrap_or_default(),
    )
}

on_both_databases! {
    async fn a_lesson_written_block_by_block_is_a_draft_whose_file_reads_back_the_same(app) {
        let (_, trainer, agent) = people(&app).await;
        let (document, estimate) = fixture();
        let (status, draft) = save(&app, &trainer, &document).await;
        assert_eq!(status, StatusCode::OK, "{draft}");
        assert_eq!((draft["status"].as_str(), draft["version"].as_i64()), (Some("draft"), Some(1)));
        assert_eq!(draft["estimate_seconds"].as_i64(), Some(estimate), "the PWA's fixture pins this number");
        let id = draft["id"].as_str().unwrap_or_default().to_owned();

        // Read back block by block: the same JSON.
        let read = read_json(app.get_as(&format!("/api/v1/lesson-versions/{id}/document"), &trainer.access_token).await).await;
        assert_eq!(read["document"], document);
        assert_eq!(read["version"]["id"], draft["id"]);

        // The lesson file is the import/export format: exporting and importing it changes nothing.
        let file = app.get_as(&format!("/api/v1/lesson-versions/{id}/export"), &trainer.access_token).await.text().await.unwrap_or_default();
        assert!(file.contains(":::true-false\nA 70-dollar fee needs approval.\nanswer: true"), "{file}");
        let imported = read_json(app.post("/api/v1/lessons/import", Some(&trainer.access_token), json!({"source": file})).await).await;
        assert_eq!(imported["id"], draft["id"], "the draft is replaced, not duplicated");
        let again = read_json(app.get_as(&format!("/api/v1/lesson-versions/{id}/document"), &trainer.access_token).await).await;
        assert_eq!(again["document"], document);

        // Saving again replaces the draft (autosave), then it is published and an agent takes it.
        let mut edited = document.clone();
        edited["title"] = json!("  Waive a fee, no need to ask ");
        let (_, saved) = save(&app, &trainer, &edited).await;
        assert_eq!((saved["id"].as_str(), saved["title"].as_str()), (Some(id.as_str()), Some("Waive a fee, no need to ask")));
        let published = app.call(Method::POST, &format!("/api/v1/lesson-versions/{id}/publish"), Some(&trainer.access_token), None).await;
        assert_eq!(published.status(), StatusCode::OK);
        let taken = app.get_as("/api/v1/learn/lessons/fee-waiver-on-phone", &agent.access_token).await;
        let status = taken.status();
        let lesson = read_json(taken).await;
        assert_eq!(status, StatusCode::OK, "{lesson}");
        assert_eq!(lesson["cards"].as_array().map(Vec::len), Some(9));

        // Editing the published lesson makes version 2, a draft; version 1 stays.
        let (_, next) = save(&app, &trainer, &document).await;
        assert_eq!((next["version"].as_i64(), next["status"].as_str()), (Some(2), Some("draft")));

        // Only trainers and admins; another organisation's version is not found.
        let denied = app.post("/api/v1/lessons/documents", Some(&agent.access_token), document.clone()).await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);
        let other = app.sign_up("Globex", "boss@globex.example", PASSWORD).await;
        let hidden = app.get_as(&format!("/api/v1/lesson-versions/{id}/document"), &other.access_token).await;
        assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    }

    async fn errors_name_the_block_and_field_at_fault(app) {
        let (_, trainer, _) = people(&app).await;
        let (document, _) = fixture();
        let mut broken = document.clone();
        broken["blocks"][4]["alt"] = json!("  ");
        broken["blocks"][5]["options"][1]["correct"] = json!(true);
        broken["blocks"][8]["steps"] = json!(["Only", "two"]);
        broken["blocks"][7]["explanation"] = json!("");
        let (status, problem) = save(&app, &trainer, &broken).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["code"], "validation_failed");
        let found: Vec<(String, String)> = problem["errors"].as_array().cloned().unwrap_or_default().iter()
            .map(|e| (e["field"].as_str().unwrap_or_default().to_owned(), e["code"].as_str().unwrap_or_default().to_owned()))
            .collect();
        let expected: Vec<(String, String)> = [
            ("blocks[4].alt", "required"),
            ("blocks[5].options", "one_correct"),
            ("blocks[7].explanation", "required"),
            ("blocks[8].steps", "step_count"),
        ].iter().map(|(f, c)| ((*f).to_owned(), (*c).to_owned())).collect();
        assert_eq!(found, expected);

        let mut sneaky = document.clone();
        sneaky["blocks"][6]["prompt"] = json!("Pick two\n- [x] not an option");
        let (_, problem) = save(&app, &trainer, &sneaky).await;
        assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("blocks[6]"), Some("not_representable")));

        let mut unknown = document.clone();
        unknown["competencies"] = json!(["empathy", "telepathy"]);
        let (_, problem) = save(&app, &trainer, &unknown).await;
        assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("competencies[1]"), Some("unknown_competency")));

        let mut bad_key = document.clone();
        bad_key["key"] = json!("Not A Key");
        bad_key["locale"] = json!("fr");
        let (_, problem) = save(&app, &trainer, &bad_key).await;
        assert_eq!(problem["errors"][0]["field"], "key");
        assert_eq!(problem["errors"][1]["code"], "unsupported_locale");

        let empty = json!({"key": "empty-lesson", "locale": "en", "title": "", "blocks": []});
        let (status, problem) = save(&app, &trainer, &empty).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["errors"][0]["field"], "title");
        assert_eq!(problem["errors"][1]["field"], "blocks");

        let unknown_type = json!({"key": "x-lesson", "locale": "en", "title": "T", "blocks": [{"type": "video"}]});
        let (status, problem) = save(&app, &trainer, &unknown_type).await;
        assert!(status.is_client_error(), "{status}");
        assert_eq!(problem["code"].as_str().map(|c| !c.is_empty()), Some(true));
        let none = app.get_as(&format!("/api/v1/lesson-versions/{}/document", uuid_nil()), &trainer.access_token).await;
        assert_eq!(none.status(), StatusCode::NOT_FOUND);
    }
}

fn uuid_nil() -> &'static str {
    "00000000-0000-0000-0000-000000000000"
}
