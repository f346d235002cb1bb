//! External ids: admins give agents the id other systems know them by, and KPI imports (CSV,
//! JSON/NDJSON rows, the import command) match agents by it — within the organisation only.

use cinco_tests::{Session, TestApp, on_both_databases};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::coaching::{Floor, assert_refused, floor, get, join_as, post, send};

async fn set_id(app: &TestApp, admin: &Session, user: &str, id: Value) -> (StatusCode, Value) {
    let path = format!("/api/v1/users/{user}/external-id");
    send(
        app,
        admin,
        Method::PUT,
        &path,
        Some(json!({"external_id": id})),
    )
    .await
}

/// Ana is `E-1042` and Bruno `E-2001` at Acme; Globex has its own agent with `G-1`.
async fn named_floor(app: &TestApp) -> (Floor, Session) {
    let f = floor(app).await;
    for (who, id) in [(&f.ana, "E-1042"), (&f.bruno, "E-2001")] {
        let (status, body) = set_id(app, &f.admin, &who.user_id, json!(id)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let globex = app
        .sign_up("Globex", "boss@globex.example", "a-long-enough-secret")
        .await;
    let gina = join_as(
        app,
        &globex,
        "gina@globex.example",
        "Gina",
        &["agent"],
        None,
        "en",
    )
    .await;
    let (status, _) = set_id(app, &globex, &gina.user_id, json!("G-1")).await;
    assert_eq!(status, StatusCode::OK);
    (f, globex)
}

/// The values of `metric` the person sees as their own, as (week, value).
async fn own_points(app: &TestApp, who: &Session, metric: &str) -> Vec<(String, f64)> {
    let (status, mine) = get(app, who, "/api/v1/results/me").await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    mine.as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["metric"]["key"] == metric)
        .flat_map(|s| s["points"].as_array().cloned().unwrap_or_default())
        .map(|p| {
            (
                p["week"].as_str().unwrap_or_default().to_owned(),
                p["value"].as_f64().unwrap_or_default(),
            )
        })
        .collect()
}

fn problems(body: &Value) -> Vec<(u64, String)> {
    body["problems"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["line"].as_u64().unwrap_or_default(),
                p["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

on_both_databases! {
    async fn an_admin_sets_and_clears_an_agents_external_id(app) {
        let f = floor(&app).await;
        let (status, ana) = set_id(&app, &f.admin, &f.ana.user_id, json!("  E-1042 ")).await;
        assert_eq!(status, StatusCode::OK, "{ana}");
        assert_eq!(ana["external_id"], "E-1042", "trimmed");
        let (_, shown) = get(&app, &f.admin, &format!("/api/v1/users/{}", f.ana.user_id)).await;
        assert_eq!(shown["external_id"], "E-1042");
        let (_, listed) = get(&app, &f.admin, "/api/v1/users?q=ana").await;
        assert_eq!(listed["items"][0]["external_id"], "E-1042");
        let (_, bruno) = get(&app, &f.admin, &format!("/api/v1/users/{}", f.bruno.user_id)).await;
        assert!(bruno["external_id"].is_null(), "{bruno}");

        // Unique in the organisation; case matters.
        let taken = set_id(&app, &f.admin, &f.bruno.user_id, json!("E-1042")).await;
        assert_refused(&taken, StatusCode::CONFLICT, "external_id_taken");
        let (status, _) = set_id(&app, &f.admin, &f.bruno.user_id, json!("e-1042")).await;
        assert_eq!(status, StatusCode::OK);
        // Setting one's own id again is no conflict.
        let (status, _) = set_id(&app, &f.admin, &f.ana.user_id, json!("E-1042")).await;
        assert_eq!(status, StatusCode::OK);

        for bad in [json!(""), json!("   "), json!("E\u{1}42"), json!("x".repeat(101))] {
            let refused = set_id(&app, &f.admin, &f.ana.user_id, bad.clone()).await;
            assert_refused(&refused, StatusCode::UNPROCESSABLE_ENTITY, "invalid_external_id");
        }
        let (status, _) = send(&app, &f.admin, Method::PUT, &format!("/api/v1/users/{}/external-id", f.ana.user_id), Some(json!({}))).await;
        assert!(status.is_client_error(), "the field is required (null clears): {status}");
        let (status, _) = set_id(&app, &f.lena, &f.ana.user_id, json!("E-9")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads do not set external ids");

        // `null` clears it, and then someone else may have it.
        let (status, cleared) = set_id(&app, &f.admin, &f.ana.user_id, Value::Null).await;
        assert_eq!(status, StatusCode::OK);
        assert!(cleared["external_id"].is_null(), "{cleared}");
        let (status, _) = set_id(&app, &f.admin, &f.bruno.user_id, json!("E-1042")).await;
        assert_eq!(status, StatusCode::OK);

        // Another organisation may use the same id, and cannot touch Acme's people.
        let globex = app.sign_up("Globex", "boss@globex.example", "a-long-enough-secret").await;
        let gina = join_as(&app, &globex, "gina@globex.example", "Gina", &["agent"], None, "en").await;
        let (status, _) = set_id(&app, &globex, &gina.user_id, json!("E-1042")).await;
        assert_eq!(status, StatusCode::OK, "unique per organisation only");
        let (status, _) = set_id(&app, &globex, &f.ana.user_id, json!("G-9")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn a_csv_keyed_by_external_id_imports_within_the_organisation(app) {
        let (f, _) = named_floor(&app).await;
        let csv = "Employee ID,KPI,Week,Value\n\
                   E-1042,fcr,2026-W45,71\n\
                   E-2001,aht,2026-W45,400\n\
                   G-1,fcr,2026-W45,50\n\
                   ,fcr,2026-W45,50\n\
                   e-1042,fcr,2026-W46,50\n";
        let body = |mode: Option<&str>| json!({
            "csv": csv, "file_name": "wfm.csv", "mode": mode,
            "mapping": {"external_id": "employee id", "metric": "KPI", "period": "Week", "value": "Value"}
        });
        let (status, preview) = post(&app, &f.admin, "/api/v1/results/imports/preview", body(None)).await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        assert_eq!(preview["valid"], 2);
        // Globex's G-1 is nobody here; a blank id names nobody; ids compare exactly.
        let unknown = |line: u64| (line, "unknown_agent".to_owned());
        assert_eq!(problems(&preview), [unknown(4), unknown(5), unknown(6)]);
        let (status, stored) = post(&app, &f.admin, "/api/v1/results/imports", body(Some("valid_only"))).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(stored["import"]["rows_imported"], 2);
        assert_eq!(own_points(&app, &f.ana, "fcr").await, [("2026-11-02".to_owned(), 71.0)]);
        assert_eq!(own_points(&app, &f.bruno, "aht").await, [("2026-11-02".to_owned(), 400.0)]);

        // With both columns, a row's address wins; a row without one is matched by its id.
        let both = "email,external,metric,period,value\n\
                    ana@acme.example,E-2001,qa,2026-W47,90\n\
                    ,E-2001,qa,2026-W47,60\n";
        let (status, stored) = post(&app, &f.admin, "/api/v1/results/imports", json!({
            "csv": both, "mode": "all",
            "mapping": {"agent": "email", "external_id": "external", "metric": "metric", "period": "period", "value": "value"}
        })).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(own_points(&app, &f.ana, "qa").await, [("2026-11-16".to_owned(), 90.0)]);
        assert_eq!(own_points(&app, &f.bruno, "qa").await, [("2026-11-16".to_owned(), 60.0)]);

        // Leads match only the agents of their teams: Bruno is in South.
        let (_, lead) = post(&app, &f.lena, "/api/v1/results/imports/preview", body(None)).await;
        assert_eq!(lead["valid"], 1, "{lead}");
        assert!(problems(&lead).contains(&unknown(3)), "{lead}");

        let (status, none) = post(&app, &f.admin, "/api/v1/results/imports/preview", json!({
            "csv": csv, "mapping": {"metric": "KPI", "period": "Week", "value": "Value"}
        })).await;
        assert_refused(&(status, none), StatusCode::UNPROCESSABLE_ENTITY, "no_agent_column");
        let (status, missing) = post(&app, &f.admin, "/api/v1/results/imports/preview", json!({
            "csv": csv, "mapping": {"external_id": "agent_id", "metric": "KPI", "period": "Week", "value": "Value"}
        })).await;
        assert_refused(&(status, missing), StatusCode::UNPROCESSABLE_ENTITY, "unknown_column");
    }

    async fn json_and_ndjson_rows_name_agents_by_external_id(app) {
        let (f, _) = named_floor(&app).await;
        let rows = json!([
            {"external_id": "E-1042", "metric": "fcr", "period": "2026-W47", "value": 70},
            {"external_id": "G-1", "metric": "fcr", "period": "2026-W47", "value": 70},
            {"metric": "fcr", "period": "2026-W47", "value": 70}
        ]);
        let (status, stored) = post(&app, &f.admin, "/api/v1/results/values", rows).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(problems(&stored), [(2, "unknown_agent".to_owned()), (3, "unknown_agent".to_owned())]);
        let ndjson = "{\"external_id\":\"E-2001\",\"metric\":\"aht\",\"period\":\"2026-W47\",\"value\":390}\n\
                      {\"external_id\":\" E-2001 \",\"metric\":\"aht\",\"period\":\"2026-W48\",\"value\":402}\n\
                      {\"external_id\":\"E-404\",\"metric\":\"aht\",\"period\":\"2026-W48\",\"value\":402}\n";
        let res = app.client.post(app.url("/api/v1/results/values")).bearer_auth(&f.admin.access_token)
            .header("content-type", "application/x-ndjson").body(ndjson).send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), StatusCode::CREATED);
        let stored = cinco_tests::read_json(res).await;
        assert_eq!(problems(&stored), [(3, "unknown_agent".to_owned())]);
        assert_eq!(own_points(&app, &f.ana, "fcr").await, [("2026-11-16".to_owned(), 70.0)]);
        assert_eq!(own_points(&app, &f.bruno, "aht").await.len(), 2);
    }

    async fn the_import_command_matches_by_external_id(app) {
        let (f, _) = named_floor(&app).await;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("wfm.csv");
        // More rows than one chunk, so the ids are looked up batch by batch.
        let mut csv = String::from("\u{feff}agent_id,metric,period,value\n");
        for day in 0..3000 {
            let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default() + chrono::Days::new(day);
            csv.push_str(&format!("E-1042,fcr,{date},{}\n", 60 + day % 30));
            csv.push_str(&format!("E-2001,aht,{date},{}\n", 300 + day % 90));
        }
        csv.push_str("G-1,fcr,2026-W45,70\n");
        std::fs::write(&path, &csv).unwrap_or_else(|e| panic!("{e}"));
        let mapping = cinco_api::kpi_import::Mapping {
            agent: None, external_id: Some("agent_id".into()), metric: "metric".into(), period: "period".into(), value: "value".into(),
        };
        let (import, problems) = cinco_api::kpi_import::run(&app.db, "acme", &path, &mapping, |_| {})
            .await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((import.rows_total, import.rows_imported, import.rows_rejected), (6_001, 6_000, 1));
        assert_eq!((problems[0].line, problems[0].code), (6_002, "unknown_agent"));
        assert_eq!(crate::coaching::count(&app, "SELECT COUNT(*) FROM kpi_values").await, 6_000);
        let (_, history) = get(&app, &f.admin, "/api/v1/results/imports").await;
        assert_eq!(history[0]["source"], "cli");
        // Globex's own import finds its G-1, and nobody of Acme.
        let (import, _) = cinco_api::kpi_import::run(&app.db, "globex", &path, &mapping, |_| {})
            .await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((import.rows_imported, import.rows_rejected), (1, 6_000));
        let neither = cinco_api::kpi_import::Mapping { external_id: None, ..mapping };
        assert!(cinco_api::kpi_import::run(&app.db, "acme", &path, &neither, |_| {}).await.is_err());
    }
}
