//! Tenant isolation and the authorisation matrix: every route in the OpenAPI document is
//! called by every role, with identifiers from the caller's own organisation and from
//! another one. A route without a declared rule fails this test.

use std::collections::BTreeMap;

use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

mod fixtures;

use fixtures::{coaching_ids, track_ids};

const PASSWORD: &str = "a-long-enough-secret";
const ROLES: [&str; 4] = ["admin", "trainer", "lead", "agent"];

/// Operations anyone may call without signing in.
const PUBLIC: [&str; 15] = [
    "GET /health/live",
    "GET /health/ready",
    "GET /api/v1/info",
    "POST /api/v1/client-reports",
    "POST /api/v1/auth/sign-in",
    "POST /api/v1/auth/sign-up",
    "POST /api/v1/auth/sign-up/confirm",
    "POST /api/v1/auth/refresh",
    "POST /api/v1/auth/sign-out",
    "POST /api/v1/auth/forgot-password",
    "POST /api/v1/auth/reset-password",
    "POST /api/v1/invitations/preview",
    "POST /api/v1/invitations/accept",
    // An image: its unguessable id is the permission (tested in `authoring`).
    "GET /api/v1/media/{media_id}",
    // A certificate's public check: its random id is the link (tested in `certification`).
    "GET /api/v1/public/certifications/{certification_id}",
];

/// One organisation's people and things, for filling in path parameters.
struct Tenant {
    by_role: BTreeMap<&'static str, Session>,
    ids: BTreeMap<&'static str, String>,
}

async fn tenant(app: &TestApp, name: &str, domain: &str) -> Tenant {
    // Keys are per organisation: each tenant uses its own, so a call with the other's key
    // cannot land on a same-named thing of the caller's.
    let tag = name.to_lowercase();
    let admin = app
        .sign_up(name, &format!("admin@{domain}"), PASSWORD)
        .await;
    let team = read_json(
        app.post(
            "/api/v1/teams",
            Some(&admin.access_token),
            json!({"name": "Team"}),
        )
        .await,
    )
    .await;
    let team_id = team["id"].as_str().unwrap_or_default().to_owned();
    let mut by_role = BTreeMap::new();
    for role in ["trainer", "lead", "agent"] {
        let email = format!("{role}@{domain}");
        let token = app
            .invite(
                &admin,
                &email,
                &[role],
                (role != "trainer").then_some(team_id.as_str()),
            )
            .await;
        let res = app
            .post(
                "/api/v1/invitations/accept",
                None,
                json!({"token": token, "password": PASSWORD}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        by_role.insert(role, app.sign_in(&email, PASSWORD).await);
    }
    // Someone the matrix may deactivate or move without locking a caller out.
    let target_token = app
        .invite(
            &admin,
            &format!("target@{domain}"),
            &["agent"],
            Some(&team_id),
        )
        .await;
    let target = read_json(
        app.post(
            "/api/v1/invitations/accept",
            None,
            json!({"token": target_token, "password": PASSWORD}),
        )
        .await,
    )
    .await;
    let pending = read_json(app.post("/api/v1/invitations", Some(&admin.access_token), json!({
        "email": format!("pending@{domain}"), "display_name": "Pending", "roles": ["agent"], "team_id": team_id
    })).await).await;
    let session_id = read_json(
        app.get_as("/api/v1/auth/sessions", &admin.access_token)
            .await,
    )
    .await[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let lesson = read_json(app.post("/api/v1/lessons/import", Some(&admin.access_token), json!({
        "source": format!("---\nkey: {tag}-lesson\ntitle: Matrix\nlocale: en\n---\n\n:::tip\nBe kind.\n:::\n")
    })).await).await;
    let levels: Vec<Value> = (1..=4)
        .map(|l| json!({"level": l, "indicators": [{"en": "Does it"}]}))
        .collect();
    let competency = app
        .post(
            "/api/v1/competencies",
            Some(&admin.access_token),
            json!({"key": format!("{tag}-skill"), "kind": "skill", "name": {"en": "Matrix"}, "levels": levels}),
        )
        .await;
    assert_eq!(competency.status(), StatusCode::CREATED);
    let limit = app
        .call(
            Method::PUT,
            &format!("/api/v1/authority-limits/{tag}-waiver"),
            Some(&admin.access_token),
            Some(json!({"name": {"en": "Waiver"}, "limits": {"agent": 50}})),
        )
        .await;
    assert_eq!(limit.status(), StatusCode::CREATED);
    let scenario = read_json(app.post("/api/v1/scenarios/import", Some(&admin.access_token), json!({"scenario": {
        "key": format!("{tag}-call"), "title": "Matrix", "locale": "en", "persona": {"name": "Ana"},
        "nodes": [
            {"id": "start", "start": true, "speaker": "customer", "text": "Hello", "choices": [
                {"id": "a", "text": "Hi", "next": "end", "feedback": "Good"},
                {"id": "b", "text": "Bye", "next": "end", "feedback": "Bad"}
            ]},
            {"id": "end", "speaker": "customer", "text": "Thanks", "outcome": "Done"}
        ]
    }})).await).await;
    let scenario_version = scenario["id"].as_str().unwrap_or_default().to_owned();
    let published = app
        .call(
            Method::POST,
            &format!("/api/v1/scenario-versions/{scenario_version}/publish"),
            Some(&admin.access_token),
            None,
        )
        .await;
    assert_eq!(published.status(), StatusCode::OK);
    let run_id = uuid::Uuid::new_v4().to_string();
    let run = app
        .post(
            "/api/v1/play/runs",
            Some(&admin.access_token),
            json!({"id": run_id, "scenario_version_id": scenario_version}),
        )
        .await;
    assert_eq!(run.status(), StatusCode::CREATED);
    let mut ids = BTreeMap::new();
    let metric = app
        .post(
            "/api/v1/results/metrics",
            Some(&admin.access_token),
            json!({"key": format!("{tag}_kpi"), "name": "Matrix", "direction": "higher"}),
        )
        .await;
    assert_eq!(metric.status(), StatusCode::CREATED);
    ids.insert("metric", format!("{tag}_kpi"));
    ids.insert(
        "metric_id",
        read_json(metric).await["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    );
    let goal = app
        .post(
            "/api/v1/results/goals",
            Some(&admin.access_token),
            json!({"title": "Matrix", "due_on": "2027-01-01", "targets": [{"metric": "fcr", "comparison": "at_least", "value": 70}]}),
        )
        .await;
    assert_eq!(goal.status(), StatusCode::CREATED);
    ids.insert(
        "goal_id",
        read_json(goal).await["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    );
    ids.insert("competency_key", format!("{tag}-skill"));
    ids.insert("decision_key", format!("{tag}-waiver"));
    ids.insert("scenario_key", format!("{tag}-call"));
    ids.insert("run_id", run_id);
    ids.insert("scenario_version_id", scenario_version);
    ids.insert("media_id", uuid::Uuid::new_v4().to_string());
    ids.insert(
        "version_id",
        lesson["id"].as_str().unwrap_or_default().to_owned(),
    );
    ids.insert("team_id", team_id);
    ids.insert("lesson_key", format!("{tag}-lesson"));
    ids.insert("attempt_id", uuid::Uuid::new_v4().to_string());
    ids.insert(
        "user_id",
        target["user"]["id"].as_str().unwrap_or_default().to_owned(),
    );
    ids.insert(
        "invitation_id",
        pending["id"].as_str().unwrap_or_default().to_owned(),
    );
    ids.insert("session_id", session_id);
    let suggestion = read_json(
        app.post(
            "/api/v1/suggestions",
            Some(&by_role["agent"].access_token),
            json!({"what_happened": "Matrix", "rule": "Matrix", "proposal": "Matrix"}),
        )
        .await,
    )
    .await;
    ids.insert(
        "suggestion_id",
        suggestion["id"].as_str().unwrap_or_default().to_owned(),
    );
    coaching_ids(app, &admin, &mut ids).await;
    // A decision the agent logged above their limit (50), so a lead may answer it.
    let decision = read_json(app.post("/api/v1/decisions", Some(&by_role["agent"].access_token), json!({
        "decision_key": format!("{tag}-waiver"), "amount": 80, "customer_need": "A late fee",
        "action_taken": "Waived it", "resolved_first_contact": true
    })).await).await;
    ids.insert(
        "decision_id",
        decision["id"].as_str().unwrap_or_default().to_owned(),
    );
    // A decision within the limit, shared by the lead as a good practice (so the lead may
    // edit and retire it).
    let small = read_json(app.post("/api/v1/decisions", Some(&by_role["agent"].access_token), json!({
        "decision_key": format!("{tag}-waiver"), "amount": 20, "customer_need": "A late fee",
        "action_taken": "Waived it", "resolved_first_contact": true
    })).await).await;
    let practice = read_json(
        app.post(
            &format!(
                "/api/v1/decisions/{}/good-practice",
                small["id"].as_str().unwrap_or_default()
            ),
            Some(&by_role["lead"].access_token),
            json!({"locale": "en", "title": "Matrix", "story": "Matrix"}),
        )
        .await,
    )
    .await;
    ids.insert(
        "practice_id",
        practice["id"].as_str().unwrap_or_default().to_owned(),
    );
    ids.insert("locale", "it".to_owned());
    track_ids(app, &admin, &by_role["lead"], &mut ids).await;
    by_role.insert("admin", admin);
    Tenant { by_role, ids }
}

fn fill(path: &str, ids: &BTreeMap<&'static str, String>) -> String {
    let mut out = path.to_owned();
    for (name, id) in ids {
        out = out.replace(&format!("{{{name}}}"), id);
    }
    assert!(
        !out.contains('{'),
        "no identifier for a parameter of {path}"
    );
    out
}

/// The operation's required query parameters, with a valid sample value each.
fn required_query(op: &Value) -> String {
    let samples = [("membership", "agent")];
    let params: Vec<String> = op["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|p| p["in"] == "query" && p["required"] == true)
        .map(|p| {
            let name = p["name"].as_str().unwrap_or_default();
            let value = samples.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
            format!(
                "{name}={}",
                value.unwrap_or_else(|| panic!("no sample value for query parameter {name}"))
            )
        })
        .collect();
    if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    }
}

on_both_databases! {
    async fn every_route_answers_each_role_and_tenant_as_declared(app) {
        let own = tenant(&app, "Acme", "acme.example").await;
        let other = tenant(&app, "Globex", "globex.example").await;
        let spec = read_json(app.get("/api/openapi.json").await).await;
        let paths = spec["paths"].as_object().cloned().unwrap_or_default();
        assert!(paths.len() > 20, "the route table looks incomplete");
        let mut checked = 0;

        for (path, item) in &paths {
            for (method, op) in item.as_object().cloned().unwrap_or_default() {
                let name = format!("{} {path}", method.to_uppercase());
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap_or(Method::GET);
                let allowed: Option<Vec<String>> = op["security"].as_array().map(|reqs| {
                    reqs.iter().flat_map(|r| r["bearer"].as_array().cloned().unwrap_or_default())
                        .filter_map(|s| s.as_str().map(str::to_owned)).collect()
                });
                let Some(allowed) = allowed else {
                    assert!(PUBLIC.contains(&name.as_str()), "{name} declares no roles and is not known to be public");
                    continue;
                };
                assert!(!allowed.is_empty(), "{name} has an empty role list");
                // Destructive calls go last so they do not disturb the others.
                if name.contains("sign-out") || name.contains("DELETE /api/v1/auth/sessions") { continue; }
                let body = matches!(method, Method::POST | Method::PUT | Method::PATCH).then(|| json!({}));
                let query = required_query(&op);
                let own_path = format!("{}{query}", fill(path, &own.ids));
                let other_path = format!("{}{query}", fill(path, &other.ids));

                let anonymous = app.call(method.clone(), &own_path, None, body.clone()).await;
                assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{name} without a token");

                for role in ROLES {
                    let token = &own.by_role[role].access_token;
                    let mine = app.call(method.clone(), &own_path, Some(token), body.clone()).await.status();
                    let theirs = app.call(method.clone(), &other_path, Some(token), body.clone()).await.status();
                    if allowed.iter().any(|r| r == role) {
                        assert!(mine != StatusCode::UNAUTHORIZED && mine != StatusCode::FORBIDDEN, "{name} as {role}: {mine}");
                        assert!(!mine.is_server_error(), "{name} as {role}: {mine}");
                        if path.contains('{') {
                            assert!(
                                theirs == StatusCode::NOT_FOUND || theirs == StatusCode::UNPROCESSABLE_ENTITY,
                                "{name} as {role} on another tenant's ids: {theirs}"
                            );
                        }
                    } else {
                        assert_eq!(mine, StatusCode::FORBIDDEN, "{name} as {role}");
                        assert_eq!(theirs, StatusCode::FORBIDDEN, "{name} as {role} (other tenant)");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked >= 60, "only {checked} checks ran");
    }

    async fn another_tenants_things_are_not_found(app) {
        let own = tenant(&app, "Acme", "acme.example").await;
        let other = tenant(&app, "Globex", "globex.example").await;
        let admin = &own.by_role["admin"].access_token;
        for path in [
            format!("/api/v1/users/{}", other.ids["user_id"]),
            format!("/api/v1/users/{}", "not-a-uuid"),
        ] {
            let res = app.get_as(&path, admin).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
            assert_eq!(read_json(res).await["code"], "not_found");
        }
        let rename = app.call(Method::PATCH, &format!("/api/v1/teams/{}", other.ids["team_id"]), Some(admin), Some(json!({"name": "Mine now"}))).await;
        assert_eq!(rename.status(), StatusCode::NOT_FOUND);
        let revoke = app.call(Method::DELETE, &format!("/api/v1/invitations/{}", other.ids["invitation_id"]), Some(admin), None).await;
        assert_eq!(revoke.status(), StatusCode::NOT_FOUND);
        let deactivate = app.call(Method::POST, &format!("/api/v1/users/{}/deactivate", other.ids["user_id"]), Some(admin), None).await;
        assert_eq!(deactivate.status(), StatusCode::NOT_FOUND);
        // Nothing of the other tenant leaks into lists.
        let users = read_json(app.get_as("/api/v1/users", admin).await).await;
        assert!(!users.to_string().contains("globex"), "{users}");
        let mails = read_json(app.get_as("/api/v1/mailbox", admin).await).await;
        assert!(!mails.to_string().contains("globex"));
        // And the other tenant's agent still works: nothing was changed.
        assert_eq!(app.get_as("/api/v1/me", &other.by_role["agent"].access_token).await.status(), StatusCode::OK);
        let value: Value = read_json(app.get_as("/api/v1/teams", &other.by_role["admin"].access_token).await).await;
        assert_eq!(value[0]["name"], "Team");
    }
}
