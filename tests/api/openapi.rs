use cinco_tests::on_both_databases;

#[test]
fn the_committed_openapi_document_is_current() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .unwrap_or_default();
    let generated = cinco_api::openapi::to_pretty_json().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `make openapi`"
    );
}

#[test]
fn every_operation_documents_the_answers_its_kind_can_give() {
    let spec = cinco_api::openapi::document();
    for (path, item) in &spec.paths.paths {
        for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch]
            .into_iter()
            .flatten()
        {
            let has = |status: &str| op.responses.responses.contains_key(status);
            if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                assert!(
                    has("401") && has("403"),
                    "{path}: a protected operation without 401/403"
                );
            }
            let json_body = op.request_body.as_ref().is_some_and(|b| {
                matches!(b, utoipa::openapi::RefOr::T(b) if b.content.contains_key("application/json"))
            });
            if json_body {
                for status in ["400", "413", "415", "422"] {
                    assert!(has(status), "{path}: a JSON body without {status}");
                }
            }
        }
    }
}

/// Every `$ref` in the document names one of its schemas.
#[test]
fn every_reference_resolves() {
    fn refs(node: &serde_json::Value, out: &mut Vec<String>) {
        match node {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let doc = serde_json::to_value(cinco_api::openapi::document()).unwrap_or_default();
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for r in found {
        let name = r.trim_start_matches("#/components/schemas/");
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "`{r}` names no schema of the document"
        );
    }
}

/// Every documented error says which `code` values it carries, in backticks.
#[test]
fn every_error_names_its_codes() {
    let spec = cinco_api::openapi::document();
    for (path, item) in &spec.paths.paths {
        for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch]
            .into_iter()
            .flatten()
        {
            for (status, response) in &op.responses.responses {
                let utoipa::openapi::RefOr::T(response) = response else {
                    continue;
                };
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        response.description.contains('`'),
                        "{path} {status}: \"{}\" names no code",
                        response.description
                    );
                }
            }
        }
    }
}

#[test]
fn every_operation_has_its_own_id() {
    let spec = cinco_api::openapi::document();
    let mut ids = std::collections::BTreeMap::new();
    for (path, item) in &spec.paths.paths {
        for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch]
            .into_iter()
            .flatten()
        {
            let id = op.operation_id.clone().unwrap_or_default();
            assert!(!id.is_empty(), "{path} has an operation without an id");
            if let Some(other) = ids.insert(id.clone(), path.clone()) {
                panic!("`{id}` names an operation of {other} and of {path}");
            }
        }
    }
    assert!(
        ids.contains_key("get_tracks_track_id"),
        "a repeated handler name is replaced"
    );
}

on_both_databases! {
    async fn the_contract_and_its_docs_are_served(app) {
        let spec = app.get("/api/openapi.json").await;
        assert_eq!(spec.status(), 200);
        let spec: serde_json::Value = spec.json().await.unwrap_or_default();
        assert_eq!(spec["info"]["title"], "Cinco API");
        assert!(spec["paths"]["/health/ready"]["get"].is_object());
        assert!(spec["paths"]["/api/v1/info"]["get"].is_object());

        let docs = app.get("/api/docs/").await;
        assert_eq!(docs.status(), 200);
        let html = docs.text().await.unwrap_or_default();
        assert!(html.contains("swagger-ui"), "{html}");
        // Swagger UI's own files are served by us, not from a CDN.
        assert!(!html.contains("https://"), "docs page loads something remote:\n{html}");
        let bundle = app.get("/api/docs/swagger-ui-bundle.js").await;
        assert_eq!(bundle.status(), 200);
    }
}
