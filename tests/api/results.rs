//! Results: metrics, KPI imports (CSV with a preview, JSON and NDJSON rows), one's own and a
//! team's KPIs, and what training changed — through HTTP, on both databases.

use cinco_tests::{on_both_databases, read_json};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::coaching::{Floor, count, floor, get, post};

const CSV: &str = "Agent,KPI,Week,Value\n\
ana@acme.example,fcr,2026-W45,71.5\n\
ana@acme.example,csat,2026-W45,4.4\n\
bruno@acme.example,fcr,2026-W45,64\n\
nobody@acme.example,fcr,2026-W45,70\n\
ana@acme.example,fcr,2026-W99,70\n\
ana@acme.example,fcr,2026-W46,107\n\
ana@acme.example,speed,2026-W46,3\n\
ana@acme.example,fcr,2026-W45,72\n\
bruno@acme.example,aht,2026-11-09,\"412,5\"\n";

fn csv_body(csv: &str, mode: Option<&str>) -> Value {
    json!({
        "csv": csv, "file_name": "q4.csv", "mode": mode,
        "mapping": {"agent": "Agent", "metric": "KPI", "period": "Week", "value": "Value"}
    })
}

async fn values(app: &cinco_tests::TestApp) -> i64 {
    count(app, "SELECT COUNT(*) FROM kpi_values").await
}

on_both_databases! {
    async fn every_organisation_has_four_metrics_and_may_add_its_own(app) {
        let f: Floor = floor(&app).await;
        let (status, metrics) = get(&app, &f.ana, "/api/v1/results/metrics").await;
        assert_eq!(status, StatusCode::OK);
        let keys: Vec<&str> = metrics.as_array().into_iter().flatten().filter_map(|m| m["key"].as_str()).collect();
        assert_eq!(keys, ["aht", "fcr", "csat", "qa"]);
        assert_eq!(metrics[0]["direction"], "lower");
        let repeat = json!({"key": "repeat_contacts", "name": "Repeat contacts", "unit": "%", "direction": "lower", "minimum": 0, "maximum": 100});
        let (status, _) = post(&app, &f.lena, "/api/v1/results/metrics", repeat.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads do not define metrics");
        let (status, added) = post(&app, &f.admin, "/api/v1/results/metrics", repeat.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        assert_eq!(added["built_in"], false);
        let (status, again) = post(&app, &f.admin, "/api/v1/results/metrics", repeat).await;
        assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("metric_key_taken")));
        let (status, builtin) = post(&app, &f.admin, "/api/v1/results/metrics", json!({"key": "fcr", "name": "Mine", "direction": "higher"})).await;
        assert_eq!((status, builtin["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("metric_key_taken")));
    }

    async fn a_csv_is_previewed_with_every_bad_row_then_stored_as_chosen(app) {
        let f = floor(&app).await;
        let (status, preview) = post(&app, &f.admin, "/api/v1/results/imports/preview", csv_body(CSV, None)).await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        assert_eq!((preview["rows"].as_u64(), preview["valid"].as_u64()), (Some(9), Some(4)), "{preview}");
        let problems: Vec<(u64, &str)> = preview["problems"].as_array().into_iter().flatten()
            .map(|p| (p["line"].as_u64().unwrap_or_default(), p["code"].as_str().unwrap_or_default())).collect();
        assert_eq!(problems, [(5, "unknown_agent"), (6, "invalid_period"), (7, "out_of_range"), (8, "unknown_metric"), (9, "duplicate_row")]);
        assert_eq!(values(&app).await, 0, "a preview stores nothing");

        // "Import all" with refused rows stores nothing and names each line.
        let (status, refused) = post(&app, &f.admin, "/api/v1/results/imports", csv_body(CSV, Some("all"))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["errors"][0]["field"], "line 5");
        assert_eq!(values(&app).await, 0);

        let (status, stored) = post(&app, &f.admin, "/api/v1/results/imports", csv_body(CSV, Some("valid_only"))).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!((stored["import"]["rows_imported"].as_u64(), stored["import"]["rows_rejected"].as_u64()), (Some(4), Some(5)));
        assert_eq!(values(&app).await, 4);
        // The same file again replaces, never duplicates; a changed value wins.
        let changed = CSV.replace("ana@acme.example,fcr,2026-W45,71.5", "ana@acme.example,fcr,2026-W45,80");
        let (status, _) = post(&app, &f.admin, "/api/v1/results/imports", csv_body(&changed, Some("valid_only"))).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(values(&app).await, 4);
        let (_, history) = get(&app, &f.admin, "/api/v1/results/imports").await;
        assert_eq!(history.as_array().map(Vec::len), Some(2));
        assert_eq!(history[0]["file_name"], "q4.csv");

        // Ana sees her own, and only her own.
        let (status, mine) = get(&app, &f.ana, "/api/v1/results/me").await;
        assert_eq!(status, StatusCode::OK);
        let fcr = mine.as_array().into_iter().flatten().find(|s| s["metric"]["key"] == "fcr").cloned().unwrap_or_default();
        assert_eq!(fcr["points"], json!([{"week": "2026-11-02", "value": 80.0, "agents": 1}]));
        // Leads see their team's mean; Sam's South has only Bruno.
        let (_, south) = get(&app, &f.sam, "/api/v1/results/team").await;
        let fcr = south["series"].as_array().into_iter().flatten().find(|s| s["metric"]["key"] == "fcr").cloned().unwrap_or_default();
        assert_eq!(fcr["points"][0]["value"], 64.0);
        assert_eq!(south["agents"], 1);
    }

    async fn a_lead_imports_only_for_the_agents_of_their_teams(app) {
        let f = floor(&app).await;
        let (status, preview) = post(&app, &f.lena, "/api/v1/results/imports/preview", csv_body(CSV, None)).await;
        assert_eq!(status, StatusCode::OK);
        let bruno = preview["problems"].as_array().into_iter().flatten().find(|p| p["line"] == 4).cloned().unwrap_or_default();
        assert_eq!(bruno["code"], "unknown_agent", "Bruno is in South: {preview}");
        let (status, _) = post(&app, &f.ana, "/api/v1/results/imports/preview", csv_body(CSV, None)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, missing) = post(&app, &f.admin, "/api/v1/results/imports/preview", json!({
            "csv": CSV, "mapping": {"agent": "Email", "metric": "KPI", "period": "Week", "value": "Value"}
        })).await;
        assert_eq!((status, missing["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_column")));
    }

    async fn other_systems_send_json_or_ndjson_rows(app) {
        let f = floor(&app).await;
        let rows = json!([
            {"agent": "ana@acme.example", "metric": "qa", "period": "2026-W47", "value": 88},
            {"agent": "ana@acme.example", "metric": "qa", "period": "2026-W48", "value": 140}
        ]);
        let (status, stored) = post(&app, &f.admin, "/api/v1/results/values", rows).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(stored["problems"][0]["code"], "out_of_range");
        assert_eq!(stored["import"]["source"], "api");
        let ndjson = "{\"agent\":\"bruno@acme.example\",\"metric\":\"aht\",\"period\":\"2026-W47\",\"value\":390}\n\
                      {\"agent\":\"bruno@acme.example\",\"metric\":\"aht\",\"period\":\"2026-W48\",\"value\":402}\n";
        let res = app.client.post(app.url("/api/v1/results/values")).bearer_auth(&f.admin.access_token)
            .header("content-type", "application/x-ndjson").body(ndjson).send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(values(&app).await, 3);
        let res = app.client.post(app.url("/api/v1/results/values")).bearer_auth(&f.admin.access_token)
            .header("content-type", "text/plain").body("x").send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let res = app.client.post(app.url("/api/v1/results/values")).bearer_auth(&f.admin.access_token)
            .header("content-type", "application/x-ndjson").body("{\"agent\": 1}\n").send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert_eq!(read_json(res).await["code"], "malformed_json");
    }

    async fn impact_says_when_there_is_not_enough_data_yet(app) {
        let f = floor(&app).await;
        let template = crate::coaching::create_path(&app, &f.admin, "Empowerment basics", vec![crate::coaching::practice_step("Decide", None)]).await;
        let view = crate::coaching::assign_to(&app, &f.lena, template["id"].as_str().unwrap_or_default(), &f.ana).await;
        let step = view["steps"][0]["id"].as_str().unwrap_or_default().to_owned();
        let (status, _) = post(&app, &f.ana, &format!("/api/v1/me/paths/steps/{step}/done"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, impact) = get(&app, &f.admin, "/api/v1/results/impact/fcr").await;
        assert_eq!(status, StatusCode::OK, "{impact}");
        // The path teaches no competency (a practice step only): it is listed apart.
        let group = &impact["competencies"][0];
        assert!(group["key"].is_null(), "{impact}");
        let training = &group["trainings"][0];
        assert_eq!((training["kind"].as_str(), training["title"].as_str()), (Some("path"), Some("Empowerment basics")));
        assert_eq!(training["reading"], "not_enough_data");
        assert!(training["estimate"].is_null(), "no number without enough data: {training}");
        assert!(training["missing"].as_array().is_some_and(|m| m.iter().any(|x| x == "treated_agents")));
        assert!(!impact["caveat"].as_str().unwrap_or_default().is_empty());
        let (status, _) = get(&app, &f.admin, "/api/v1/results/impact/nope").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&app, &f.ana, "/api/v1/results/impact/fcr").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}

on_both_databases! {
    async fn the_demo_history_shows_what_its_paths_changed_with_intervals(app) {
        let report = cinco_api::seed::demo(&app.db, &cinco_api::seed::DemoContent::Embedded).await.unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(report.results_agents, 60);
        let admin = app.sign_in("admin@demo.cinco.test", cinco_api::seed::DEMO_PASSWORD).await;
        let estimate = |impact: &Value, competency: &str, title: &str| {
            impact["competencies"].as_array().into_iter().flatten()
                .filter(|c| c["key"] == competency)
                .flat_map(|c| c["trainings"].as_array().cloned().unwrap_or_default())
                .find(|t| t["title"] == title)
                .unwrap_or_else(|| panic!("no {title} under {competency}: {impact}"))
        };
        let impact = read_json(app.get_as("/api/v1/results/impact/fcr", &admin.access_token).await).await;
        // The admin reads in Spanish: the demo paths are written in English and translated.
        // The model lifts FCR by 6 points after Empowerment basics: the interval finds it.
        let fcr = estimate(&impact, "empowered-decision-making", "Empoderamiento: lo básico");
        assert_eq!(fcr["reading"], "improved", "{fcr}");
        let (low, high) = (fcr["ci_low"].as_f64().unwrap_or_default(), fcr["ci_high"].as_f64().unwrap_or_default());
        assert!(low > 0.0 && low < 6.0 && high > 3.0, "the interval covers a lift near 6: {fcr}");
        assert!(fcr["treated_agents"].as_u64() >= Some(20), "{fcr}");
        // Empathy was planted on CSAT, not FCR.
        let empathy = estimate(&impact, "empathy", "Empatía cuando el cliente está preocupado");
        assert_ne!(empathy["reading"], "improved", "{empathy}");
        let csat = read_json(app.get_as("/api/v1/results/impact/csat", &admin.access_token).await).await;
        assert_eq!(estimate(&csat, "empathy", "Empatía cuando el cliente está preocupado")["reading"], "improved", "{csat}");
        // Reaching a level is estimated too; the demo has too few such agents to say.
        let level = impact["competencies"].as_array().into_iter().flatten()
            .flat_map(|c| c["trainings"].as_array().cloned().unwrap_or_default())
            .find(|t| t["kind"] == "level").unwrap_or_default();
        assert_eq!((level["level"].as_u64(), level["reading"].as_str()), (Some(3), Some("not_enough_data")), "{level}");

        // Kept until the next import: the same answer, then a new one once values change.
        let again = read_json(app.get_as("/api/v1/results/impact/fcr", &admin.access_token).await).await;
        assert_eq!(again, impact);
        let agents: Vec<String> = (1..=60).map(|n| format!("valencia{n:02}@demo.cinco.test")).collect();
        let week = chrono::Utc::now().date_naive().format("%G-W%V").to_string();
        let rows: Vec<Value> = agents.iter().map(|a| json!({"agent": a, "metric": "fcr", "period": week, "value": 0})).collect();
        let res = app.client.post(app.url("/api/v1/results/values")).bearer_auth(&admin.access_token).json(&rows).send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), StatusCode::CREATED);
        let after = read_json(app.get_as("/api/v1/results/impact/fcr", &admin.access_token).await).await;
        assert_ne!(estimate(&after, "empowered-decision-making", "Empoderamiento: lo básico")["estimate"], fcr["estimate"], "the import is seen at once");

        // Irene leads the results team and sees its sixty agents.
        let irene = app.sign_in("lead3@demo.cinco.test", cinco_api::seed::DEMO_PASSWORD).await;
        let team = read_json(app.get_as("/api/v1/results/team", &irene.access_token).await).await;
        assert_eq!(team["agents"], 60, "{team}");
    }

    async fn the_import_command_streams_a_big_file_in_chunks(app) {
        let f = floor(&app).await;
        // 12,001 rows: more than two chunks; the last line is refused.
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("kpis.csv");
        let mut csv = String::from("agent,metric,period,value\n");
        for day in 0..6000 {
            let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default() + chrono::Days::new(day);
            csv.push_str(&format!("ana@acme.example,fcr,{date},{}\n", 60 + day % 30));
            csv.push_str(&format!("bruno@acme.example,aht,{date},{}\n", 300 + day % 90));
        }
        csv.push_str("ghost@acme.example,fcr,2026-W45,70\n");
        std::fs::write(&path, &csv).unwrap_or_else(|e| panic!("{e}"));
        let mapping = cinco_api::kpi_import::Mapping {
            agent: Some("agent".into()), external_id: None, metric: "metric".into(), period: "period".into(), value: "value".into(),
        };
        let mut reported = Vec::new();
        let (import, problems) = cinco_api::kpi_import::run(&app.db, "acme", &path, &mapping, |read| reported.push(read))
            .await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((import.rows_total, import.rows_imported, import.rows_rejected), (12_001, 12_000, 1));
        assert_eq!(problems[0].line, 12_002);
        assert_eq!(problems[0].code, "unknown_agent");
        assert_eq!(reported.len(), 3, "progress after each chunk: {reported:?}");
        assert_eq!(reported.last().copied(), Some(csv.len() as u64));
        assert_eq!(values(&app).await, 12_000);
        // Again: replaced, not added; the history names the command.
        cinco_api::kpi_import::run(&app.db, "acme", &path, &mapping, |_| {}).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(values(&app).await, 12_000);
        let (_, history) = get(&app, &f.admin, "/api/v1/results/imports").await;
        assert_eq!(history[0]["source"], "cli");
        assert_eq!(history[0]["file_name"], "kpis.csv");
        let missing = cinco_api::kpi_import::run(&app.db, "nope", &path, &mapping, |_| {}).await;
        assert!(missing.is_err());
    }
}

on_both_databases! {
    async fn goals_combine_targets_and_say_where_they_stand(app) {
        let f = floor(&app).await;
        let csv = "Agent,KPI,Week,Value\nana@acme.example,fcr,2026-W47,70\nana@acme.example,fcr,2026-W48,78\nana@acme.example,aht,2026-W48,450\n";
        let (status, _) = post(&app, &f.admin, "/api/v1/results/imports", csv_body(csv, Some("all"))).await;
        assert_eq!(status, StatusCode::CREATED);
        let goal = json!({"team_id": f.north, "title": "Resolve first, without rushing", "due_on": "2027-03-31", "targets": [
            {"metric": "fcr", "comparison": "at_least", "value": 75},
            {"metric": "aht", "comparison": "at_most", "value": 420}
        ]});
        let (status, created) = post(&app, &f.lena, "/api/v1/results/goals", goal.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let (status, _) = post(&app, &f.sam, "/api/v1/results/goals", goal).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "Sam does not lead North");
        let (_, goals) = get(&app, &f.lena, "/api/v1/results/goals").await;
        let targets = &goals[0]["targets"];
        assert_eq!((targets[0]["latest_value"].as_f64(), targets[0]["met"].as_bool()), (Some(78.0), Some(true)), "{goals}");
        assert_eq!((targets[1]["latest_value"].as_f64(), targets[1]["met"].as_bool()), (Some(450.0), Some(false)));
        assert_eq!(goals[0]["met"], false, "every target must be met");
        let (_, sams) = get(&app, &f.sam, "/api/v1/results/goals").await;
        assert_eq!(sams.as_array().map(Vec::len), Some(0), "another team's goal is not listed");
        // An organisation-wide goal is read over every agent, whoever reads it: Bruno (South)
        // counts for Lena too, though she leads North only.
        let csv = "Agent,KPI,Week,Value\nbruno@acme.example,fcr,2026-W48,62\n";
        let (status, _) = post(&app, &f.admin, "/api/v1/results/imports", csv_body(csv, Some("all"))).await;
        assert_eq!(status, StatusCode::CREATED);
        let wide = json!({"title": "Everyone resolves first", "due_on": "2027-06-30", "targets": [{"metric": "fcr", "comparison": "at_least", "value": 75}]});
        let (status, wide) = post(&app, &f.admin, "/api/v1/results/goals", wide).await;
        assert_eq!(status, StatusCode::CREATED, "{wide}");
        for reader in [&f.lena, &f.sam, &f.admin] {
            let (_, goals) = get(&app, reader, "/api/v1/results/goals").await;
            let found = goals.as_array().into_iter().flatten().find(|g| g["id"] == wide["id"]).cloned().unwrap_or_default();
            assert_eq!(found["targets"][0]["latest_value"].as_f64(), Some(70.0), "the mean of 78 and 62: {goals}");
        }
        let (_, goals) = get(&app, &f.lena, "/api/v1/results/goals").await;
        let north = goals.as_array().into_iter().flatten().find(|g| g["id"] == created["id"]).cloned().unwrap_or_default();
        assert_eq!(north["targets"][0]["latest_value"].as_f64(), Some(78.0), "North's goal stays North's: {goals}");
        // Each refusal names the field at fault: a target by its place in the list.
        let fcr = json!({"metric": "fcr", "comparison": "at_least", "value": 75});
        for (bad, field, code) in [
            (json!({"title": " ", "due_on": "2027-01-01", "targets": [fcr]}), "title", "invalid_title"),
            (json!({"title": "x", "due_on": "2027-01-01", "targets": []}), "targets", "invalid_targets"),
            (json!({"title": "x", "due_on": "2027-01-01", "targets": [{"metric": "fcr", "comparison": "at_least", "value": 140}]}), "targets[0]", "out_of_range"),
            (json!({"title": "x", "due_on": "2027-01-01", "targets": [fcr, {"metric": "aht", "comparison": "at_most", "value": -5}]}), "targets[1]", "out_of_range"),
            (json!({"title": "x", "due_on": "2027-01-01", "targets": [{"metric": "nps", "comparison": "at_least", "value": 1}]}), "targets[0]", "unknown_metric"),
            (json!({"title": "x", "due_on": "2027-01-01", "targets": [fcr, {"metric": "9 no", "comparison": "at_least", "value": 1}]}), "targets[1]", "unknown_metric"),
            (json!({"title": "x", "due_on": "2027-01-01", "targets": [fcr, fcr]}), "targets[1]", "unknown_metric"),
            (json!({"title": "x", "due_on": "3027-01-01", "targets": [{"metric": "fcr", "comparison": "at_least", "value": 1}]}), "due_on", "invalid_date"),
        ] {
            let (status, body) = post(&app, &f.admin, "/api/v1/results/goals", bad).await;
            let error = &body["errors"][0];
            assert_eq!(
                (status, error["field"].as_str(), error["code"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some(field), Some(code)),
                "{body}"
            );
        }
        let id = created["id"].as_str().unwrap_or_default();
        let res = app.call(reqwest::Method::DELETE, &format!("/api/v1/results/goals/{id}"), Some(&f.sam.access_token), None).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = app.call(reqwest::Method::DELETE, &format!("/api/v1/results/goals/{id}"), Some(&f.lena.access_token), None).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
}

on_both_databases! {
    async fn the_scaled_demo_and_generated_kpis_import_whole(app) {
        // 40 agents in teams of 20, most of them trained; then 26 weeks of the four metrics
        // for every agent, nothing left out, imported with no refusal.
        let scale = cinco_api::seed::Scale { agents: 40, lessons: 0, team_size: 20, without_history: true };
        let report = cinco_api::seed::demo_scaled(&app.db, &cinco_api::seed::DemoContent::Embedded, scale)
            .await.unwrap_or_else(|e| panic!("{e:#}"));
        assert!(report.history_sessions > 0, "the demo's own agents keep their history");
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("kpis.csv");
        let options = cinco_api::kpi_generate::Options { agents: None, weeks: 26, seed: 7, missing: Some(0.0), effect: 4.0 };
        let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
        let written = cinco_api::kpi_generate::run(&app.db, "demo-contact-center", &options, file)
            .await.unwrap_or_else(|e| panic!("{e:#}"));
        // The demo's 12 agents, Equipo Valencia's 60 (50 of whom finished a demo path) and the
        // 40 added.
        assert_eq!(written.agents, 112);
        assert_eq!(written.rows, 112 * 4 * 26);
        assert!((70..90).contains(&written.trained), "most bench agents finished the bench path: {written:?}");
        // The same seed gives the same file.
        let again = dir.path().join("again.csv");
        let file = std::fs::File::create(&again).unwrap_or_else(|e| panic!("{e}"));
        cinco_api::kpi_generate::run(&app.db, "demo-contact-center", &options, file).await.unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(std::fs::read(&path).ok(), std::fs::read(&again).ok());
        let mapping = cinco_api::kpi_import::Mapping {
            agent: Some("agent".into()), external_id: None, metric: "metric".into(), period: "period".into(), value: "value".into(),
        };
        let (import, problems) = cinco_api::kpi_import::run(&app.db, "demo-contact-center", &path, &mapping, |_| {})
            .await.unwrap_or_else(|e| panic!("{e:#}"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(import.rows_imported, 112 * 4 * 26);
        assert_eq!(values(&app).await, 112 * 4 * 26, "Equipo Valencia's demo values replaced, not doubled");
        // A bench lead sees their team of 20 and the bench path's impact on FCR.
        let lead = app.sign_in("benchlead001@demo.cinco.test", cinco_api::seed::DEMO_PASSWORD).await;
        let (status, teams) = get(&app, &lead, "/api/v1/teams").await;
        assert_eq!(status, StatusCode::OK);
        let team = teams[0]["id"].as_str().unwrap_or_default().to_owned();
        let (status, results) = get(&app, &lead, &format!("/api/v1/results/team?team_id={team}")).await;
        assert_eq!(status, StatusCode::OK, "{results}");
        assert_eq!(results["agents"], 20);
        let (status, impact) = get(&app, &lead, "/api/v1/results/impact/fcr").await;
        assert_eq!(status, StatusCode::OK, "{impact}");
        let titles: Vec<&str> = impact["competencies"].as_array().into_iter().flatten()
            .flat_map(|c| c["trainings"].as_array().into_iter().flatten())
            .filter_map(|t| t["title"].as_str()).collect();
        assert!(titles.contains(&"Bench: resolve it on the first contact"), "{impact}");
    }
}
