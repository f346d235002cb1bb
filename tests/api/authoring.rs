//! A trainer's everyday authoring: edit and archive competencies, find lessons by
//! competency, status, language or title, duplicate and translate them, preview a draft as
//! an agent would see it, archive what is outdated, and upload images for lessons.

use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

const PASSWORD: &str = "a-long-enough-secret";

/// The smallest valid PNG: one transparent pixel.
const PIXEL_PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

fn levels() -> Vec<Value> {
    (1..=4)
        .map(|l| json!({"level": l, "indicators": [{"en": format!("Indicator {l}")}]}))
        .collect()
}

async fn people(app: &TestApp) -> (Session, Session) {
    let trainer = app.sign_up("Acme", "trainer@acme.example", PASSWORD).await;
    let token = app
        .invite(&trainer, "agent@acme.example", &["agent"], None)
        .await;
    let res = app
        .post(
            "/api/v1/invitations/accept",
            None,
            json!({"token": token, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let agent = app.sign_in("agent@acme.example", PASSWORD).await;
    for (key, name) in [("empathy", "Empathy"), ("ownership", "Ownership")] {
        let res = app
            .post(
                "/api/v1/competencies",
                Some(&trainer.access_token),
                json!({"key": key, "kind": "behaviour", "name": {"en": name}, "levels": levels()}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    (trainer, agent)
}

fn lesson(key: &str, locale: &str, title: &str, competency: &str) -> String {
    format!(
        "---\nkey: {key}\ntitle: {title}\nlocale: {locale}\ncompetencies: [{competency}]\n---\n\n\
         :::text\nName the feeling before you fix the problem.\n:::\n\n\
         :::true-false\nA tolerant handle time can raise satisfaction.\nanswer: true\n> Solving it once beats calling back.\n:::\n"
    )
}

async fn import(app: &TestApp, who: &Session, source: &str) -> Value {
    let res = app
        .post(
            "/api/v1/lessons/import",
            Some(&who.access_token),
            json!({"source": source}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    read_json(res).await
}

async fn titles(app: &TestApp, who: &Session, query: &str) -> Vec<String> {
    let list = read_json(
        app.get_as(&format!("/api/v1/lessons{query}"), &who.access_token)
            .await,
    )
    .await;
    list.as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v| {
            format!(
                "{} [{}]",
                v["title"].as_str().unwrap_or_default(),
                v["locale"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

async fn post(
    app: &TestApp,
    who: &Session,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let res = app
        .call(Method::POST, path, Some(&who.access_token), body)
        .await;
    let status = res.status();
    (status, read_json(res).await)
}

on_both_databases! {
    async fn a_trainer_edits_archives_restores_and_deletes_competencies(app) {
        let (trainer, agent) = people(&app).await;
        let res = app.call(Method::PUT, "/api/v1/competencies/empathy", Some(&trainer.access_token), Some(json!({
            "kind": "skill", "category": "customer-connection",
            "name": {"en": "Empathy", "es": "Empatía"}, "description": {"en": "Feels with the customer."}, "levels": levels()
        }))).await;
        assert_eq!(res.status(), StatusCode::OK);
        let edited = read_json(res).await;
        assert_eq!((edited["kind"].as_str(), edited["name"]["es"].as_str()), (Some("skill"), Some("Empatía")));
        let bad = app.call(Method::PUT, "/api/v1/competencies/empathy", Some(&trainer.access_token), Some(json!({
            "kind": "mood", "name": {"en": "Empathy"}, "levels": levels()
        }))).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(read_json(bad).await["errors"][0]["code"], "invalid_kind");

        // Tagged by a lesson: it cannot be deleted, only archived, and the lesson stays.
        import(&app, &trainer, &lesson("feelings", "en", "Feelings first", "empathy")).await;
        let (status, refused) = {
            let res = app.call(Method::DELETE, "/api/v1/competencies/empathy", Some(&trainer.access_token), None).await;
            (res.status(), read_json(res).await)
        };
        assert_eq!((status, refused["code"].as_str()), (StatusCode::CONFLICT, Some("competency_in_use")));
        assert!(refused["detail"].as_str().unwrap_or_default().contains("Feelings first"), "{refused}");
        let (status, archived) = post(&app, &trainer, "/api/v1/competencies/empathy/archive", None).await;
        assert_eq!((status, archived["archived"].as_bool()), (StatusCode::OK, Some(true)));
        let seen_by_agent = read_json(app.get_as("/api/v1/competencies?include_archived=true", &agent.access_token).await).await;
        assert_eq!(seen_by_agent.as_array().map(Vec::len), Some(1), "agents never see archived ones: {seen_by_agent}");
        let seen_by_trainer = read_json(app.get_as("/api/v1/competencies?include_archived=true", &trainer.access_token).await).await;
        assert_eq!(seen_by_trainer.as_array().map(Vec::len), Some(2));
        // Editing an archived competency keeps it archived.
        let edit = app.call(Method::PUT, "/api/v1/competencies/empathy", Some(&trainer.access_token), Some(json!({
            "kind": "skill", "name": {"en": "Empathy"}, "levels": levels()
        }))).await;
        assert_eq!(read_json(edit).await["archived"], true);
        let (_, restored) = post(&app, &trainer, "/api/v1/competencies/empathy/restore", None).await;
        assert_eq!(restored["archived"], false);

        // A competency only a scenario trains cannot be deleted either.
        let res = app.post("/api/v1/competencies", Some(&trainer.access_token), json!({"key": "patience", "kind": "behaviour", "name": {"en": "Patience"}, "levels": levels()})).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let scenario = json!({"key": "waiting", "title": "Waiting", "locale": "en", "persona": {"name": "Ana"}, "nodes": [
            {"id": "start", "start": true, "speaker": "customer", "text": "Still waiting.", "choices": [
                {"id": "a", "text": "Sorry.", "next": "end", "feedback": "Kind.", "evidence": {"patience": 1}},
                {"id": "b", "text": "Hold on.", "next": "end", "feedback": "Curt."}
            ]},
            {"id": "end", "speaker": "customer", "text": "Fine.", "outcome": "Done."}
        ]});
        let (status, _) = post(&app, &trainer, "/api/v1/scenarios/import", Some(json!({"scenario": scenario}))).await;
        assert_eq!(status, StatusCode::OK);
        let refused = app.call(Method::DELETE, "/api/v1/competencies/patience", Some(&trainer.access_token), None).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        assert!(read_json(refused).await["detail"].as_str().unwrap_or_default().contains("Waiting"));

        // Nothing refers to `ownership`: it is deleted for good.
        let gone = app.call(Method::DELETE, "/api/v1/competencies/ownership", Some(&trainer.access_token), None).await;
        assert_eq!(gone.status(), StatusCode::NO_CONTENT);
        let again = app.call(Method::DELETE, "/api/v1/competencies/ownership", Some(&trainer.access_token), None).await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND);
        let agent_edit = app.call(Method::PUT, "/api/v1/competencies/empathy", Some(&agent.access_token), Some(json!({}))).await;
        assert_eq!(agent_edit.status(), StatusCode::FORBIDDEN);
    }

    async fn a_trainer_finds_duplicates_translates_previews_and_archives_lessons(app) {
        let (trainer, agent) = people(&app).await;
        let feelings = import(&app, &trainer, &lesson("feelings", "en", "Feelings first", "empathy")).await;
        import(&app, &trainer, &lesson("own-it", "en", "Own the problem", "ownership")).await;
        import(&app, &trainer, &lesson("empatia", "es", "La empatía primero", "empathy")).await;
        let id = feelings["id"].as_str().unwrap_or_default().to_owned();
        assert_eq!(feelings["competencies"], json!(["empathy"]));

        assert_eq!(titles(&app, &trainer, "?competency=empathy").await, ["Feelings first [en]", "La empatía primero [es]"]);
        assert_eq!(titles(&app, &trainer, "?locale=es").await, ["La empatía primero [es]"]);
        assert_eq!(titles(&app, &trainer, "?q=EMPATIA").await, ["La empatía primero [es]"], "case and accents are ignored");
        assert_eq!(titles(&app, &trainer, "?q=own%20problem").await, ["Own the problem [en]"]);
        post(&app, &trainer, &format!("/api/v1/lesson-versions/{id}/publish"), None).await;
        assert_eq!(titles(&app, &trainer, "?status=published").await, ["Feelings first [en]"]);
        assert_eq!(titles(&app, &trainer, "?status=draft&competency=empathy").await, ["La empatía primero [es]"]);

        // Duplicate as a new lesson, then as the Italian variant of the same lesson.
        let (status, copy) = post(&app, &trainer, &format!("/api/v1/lesson-versions/{id}/duplicate"), Some(json!({}))).await;
        assert_eq!(status, StatusCode::CREATED, "{copy}");
        assert_eq!((copy["key"].as_str(), copy["status"].as_str(), copy["version"].as_i64()), (Some("feelings-copy"), Some("draft"), Some(1)));
        let (status, italian) = post(&app, &trainer, &format!("/api/v1/lesson-versions/{id}/duplicate"), Some(json!({"locale": "it"}))).await;
        assert_eq!(status, StatusCode::CREATED, "{italian}");
        assert_eq!((italian["key"].as_str(), italian["locale"].as_str(), italian["title"].as_str()), (Some("feelings"), Some("it"), Some("Feelings first")));
        let (status, taken) = post(&app, &trainer, &format!("/api/v1/lesson-versions/{id}/duplicate"), Some(json!({"locale": "it"}))).await;
        assert_eq!((status, taken["code"].as_str()), (StatusCode::CONFLICT, Some("lesson_exists")));
        // A copy's key is free in every language: `feelings-copy` exists, so the Italian
        // variant's copy is `feelings-copy-2`, a new lesson.
        let italian_id = italian["id"].as_str().unwrap_or_default();
        let (_, second) = post(&app, &trainer, &format!("/api/v1/lesson-versions/{italian_id}/duplicate"), Some(json!({}))).await;
        assert_eq!((second["key"].as_str(), second["locale"].as_str()), (Some("feelings-copy-2"), Some("it")));
        let malformed = app.client.post(format!("{}/api/v1/lesson-versions/{id}/duplicate", app.address))
            .bearer_auth(&trainer.access_token).header(header::CONTENT_TYPE, "application/json").body("{\"locale\": 5}")
            .send().await.unwrap_or_else(|e| panic!("{e}"));
        assert!(malformed.status().is_client_error() && malformed.status() != StatusCode::CREATED, "{}", malformed.status());
        // A filter value the list does not take: 400 invalid_query, naming the parameter.
        let unknown = app.get_as("/api/v1/lessons?status=publised", &trainer.access_token).await;
        assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
        let body = read_json(unknown).await;
        assert_eq!((body["code"].as_str(), body["errors"][0]["field"].as_str()), (Some("invalid_query"), Some("status")));
        assert_eq!(body["errors"][0]["code"], "unknown_status");
        let unknown = app.get_as("/api/v1/lessons?locale=fr", &trainer.access_token).await;
        assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
        assert_eq!(read_json(unknown).await["errors"][0]["code"], "unsupported_locale");
        let (status, bad) = post(&app, &trainer, &format!("/api/v1/lesson-versions/{id}/duplicate"), Some(json!({"key": "Not A Key"}))).await;
        assert_eq!((status, bad["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_key")));

        // A draft previews exactly as an agent will see it, with the answer key.
        let copy_id = copy["id"].as_str().unwrap_or_default();
        let preview = read_json(app.get_as(&format!("/api/v1/lesson-versions/{copy_id}/preview"), &trainer.access_token).await).await;
        assert_eq!(preview["status"], "draft");
        assert_eq!(preview["lesson"]["cards"][1]["kind"], "true_false");
        assert_eq!(preview["answers"].as_array().map(Vec::len), Some(2));
        assert_eq!(preview["answers"][0], Value::Null);
        assert_eq!(preview["answers"][1]["solution"], json!({"true_false": true}));
        assert_eq!(preview["answers"][1]["explanation"], "Solving it once beats calling back.");
        let as_agent = app.get_as(&format!("/api/v1/lesson-versions/{copy_id}/preview"), &agent.access_token).await;
        assert_eq!(as_agent.status(), StatusCode::FORBIDDEN);

        // Archiving takes a lesson away from agents; only a published version is archived.
        let lessons = read_json(app.get_as("/api/v1/learn/lessons", &agent.access_token).await).await;
        assert_eq!(lessons.as_array().map(Vec::len), Some(1));
        let (status, archived) = post(&app, &trainer, &format!("/api/v1/lesson-versions/{id}/archive"), None).await;
        assert_eq!((status, archived["status"].as_str()), (StatusCode::OK, Some("archived")));
        let (status, refused) = post(&app, &trainer, &format!("/api/v1/lesson-versions/{copy_id}/archive"), None).await;
        assert_eq!((status, refused["code"].as_str()), (StatusCode::CONFLICT, Some("invalid_transition")));
        let lessons = read_json(app.get_as("/api/v1/learn/lessons", &agent.access_token).await).await;
        assert_eq!(lessons.as_array().map(Vec::len), Some(0));
    }

    async fn trainers_upload_images_that_lessons_show_with_long_caching(app) {
        let (trainer, agent) = people(&app).await;
        let upload = |content_type: &'static str, bytes: Vec<u8>, token: String| {
            let app = &app;
            async move {
                let res = app.client.post(format!("{}/api/v1/media?name=pixel.png", app.address))
                    .bearer_auth(token).header(header::CONTENT_TYPE, content_type).body(bytes)
                    .send().await.unwrap_or_else(|e| panic!("upload: {e}"));
                let status = res.status();
                (status, read_json(res).await)
            }
        };
        let (status, stored) = upload("image/png", PIXEL_PNG.to_vec(), trainer.access_token.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!((stored["content_type"].as_str(), stored["bytes"].as_i64(), stored["file_name"].as_str()), (Some("image/png"), Some(67), Some("pixel.png")));
        let url = stored["url"].as_str().unwrap_or_default().to_owned();

        // Served to any <img>, byte for byte, cached for a year, revalidated by ETag.
        let res = app.client.get(format!("{}{url}", app.address)).send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        let etag = res.headers()[header::ETAG].to_str().unwrap_or_default().to_owned();
        assert_eq!(res.bytes().await.map(|b| b.to_vec()).unwrap_or_default(), PIXEL_PNG.to_vec());
        let again = app.client.get(format!("{}{url}", app.address)).header(header::IF_NONE_MATCH, &etag).send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let missing = app.client.get(format!("{}/api/v1/media/{}", app.address, uuid::Uuid::new_v4())).send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);

        // Wrong types, lies about the type, empty and oversized files are refused clearly.
        let (status, svg) = upload("image/svg+xml", b"<svg onload='alert(1)'/>".to_vec(), trainer.access_token.clone()).await;
        assert_eq!((status, svg["code"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupported_media_type")));
        let (status, fake) = upload("image/png", b"GIF89a not really".to_vec(), trainer.access_token.clone()).await;
        assert_eq!((status, fake["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_an_image")));
        let mut giant = PIXEL_PNG.to_vec();
        giant[16..24].copy_from_slice(&[0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF]); // 65535 × 65535
        let (status, bomb) = upload("image/png", giant, trainer.access_token.clone()).await;
        assert_eq!((status, bomb["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_an_image")));
        let (status, empty) = upload("image/png", Vec::new(), trainer.access_token.clone()).await;
        assert_eq!((status, empty["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("empty_file")));
        let mut huge = PIXEL_PNG.to_vec();
        huge.resize(3 * 1024 * 1024, 0);
        let (status, too_big) = upload("image/png", huge, trainer.access_token.clone()).await;
        assert_eq!((status, too_big["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large")));
        let (status, _) = upload("image/png", PIXEL_PNG.to_vec(), agent.access_token.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let gallery = read_json(app.get_as("/api/v1/media", &trainer.access_token).await).await;
        assert_eq!(gallery.as_array().map(Vec::len), Some(1), "refused uploads leave nothing: {gallery}");

        // A lesson shows the image through its address.
        let source = format!("---\nkey: pictured\ntitle: Pictured\nlocale: en\n---\n\n:::image\nsrc: {url}\nalt: One pixel\n:::\n");
        let draft = import(&app, &trainer, &source).await;
        post(&app, &trainer, &format!("/api/v1/lesson-versions/{}/publish", draft["id"].as_str().unwrap_or_default()), None).await;
        let taken = read_json(app.get_as("/api/v1/learn/lessons/pictured", &agent.access_token).await).await;
        assert_eq!(taken["cards"][0], json!({"kind": "image", "src": url, "alt": "One pixel"}));
    }
}
