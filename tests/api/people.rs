//! Admins manage people and teams; deactivation ends sessions at once; leads see only
//! their teams.

use cinco_tests::{Session, TestApp, on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "a-long-enough-secret";

async fn create_team(app: &TestApp, admin: &Session, name: &str) -> String {
    let res = app
        .post(
            "/api/v1/teams",
            Some(&admin.access_token),
            json!({"name": name}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    read_json(res).await["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn join(
    app: &TestApp,
    admin: &Session,
    email: &str,
    roles: &[&str],
    team: Option<&str>,
) -> Session {
    let token = app.invite(admin, email, roles, team).await;
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

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let res = app.call(method, path, Some(token), body).await;
    let status = res.status();
    (status, read_json(res).await)
}

on_both_databases! {
    async fn an_admin_searches_people_and_changes_their_roles(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let ana = join(&app, &admin, "ana@acme.example", &["agent"], None).await;
        join(&app, &admin, "bruno@acme.example", &["trainer"], None).await;

        let (_, all) = send(&app, Method::GET, "/api/v1/users", &admin.access_token, None).await;
        assert_eq!(all["total"], 3);
        let (_, found) = send(&app, Method::GET, "/api/v1/users?q=ANA", &admin.access_token, None).await;
        assert_eq!(found["total"], 1);
        assert_eq!(found["items"][0]["email"], "ana@acme.example");
        let (_, trainers) = send(&app, Method::GET, "/api/v1/users?role=trainer", &admin.access_token, None).await;
        assert_eq!(trainers["items"][0]["email"], "bruno@acme.example");

        let path = format!("/api/v1/users/{}/roles", ana.user_id);
        let (status, body) = send(&app, Method::PUT, &path, &admin.access_token, Some(json!({"roles": ["agent", "lead"]}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["roles"], json!(["lead", "agent"]));
        // The new role applies at once, without signing in again.
        let (status, _) = send(&app, Method::GET, "/api/v1/teams", &ana.access_token, None).await;
        assert_eq!(status, StatusCode::OK);

        let (status, body) = send(&app, Method::PUT, &format!("/api/v1/users/{}/roles", admin.user_id), &admin.access_token, Some(json!({"roles": ["agent"]}))).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["code"], "last_admin");
        let (status, body) = send(&app, Method::PUT, &path, &admin.access_token, Some(json!({"roles": ["root"]}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["errors"][0]["code"], "unknown_role");
    }

    async fn deactivation_ends_sessions_at_once_and_reactivation_restores_sign_in(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let ana = join(&app, &admin, "ana@acme.example", &["agent"], None).await;
        assert_eq!(app.get_as("/api/v1/me", &ana.access_token).await.status(), StatusCode::OK);

        let (status, body) = send(&app, Method::POST, &format!("/api/v1/users/{}/deactivate", ana.user_id), &admin.access_token, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["active"], false);
        // The access token is still within its 15 minutes, yet it stops working now.
        let res = app.get_as("/api/v1/me", &ana.access_token).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(read_json(res).await["code"], "session_revoked");
        assert_eq!(app.try_sign_in("ana@acme.example", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
        let refresh = app.client.post(app.url("/api/v1/auth/refresh"))
            .header("cookie", format!("cinco_refresh={}", ana.refresh_token)).json(&json!({}))
            .send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);

        let (status, _) = send(&app, Method::POST, &format!("/api/v1/users/{}/deactivate", admin.user_id), &admin.access_token, None).await;
        assert_eq!(status, StatusCode::CONFLICT, "the last admin cannot be deactivated");

        let (status, _) = send(&app, Method::POST, &format!("/api/v1/users/{}/reactivate", ana.user_id), &admin.access_token, None).await;
        assert_eq!(status, StatusCode::OK);
        app.sign_in("ana@acme.example", PASSWORD).await;
    }

    async fn teams_are_created_renamed_and_staffed(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let north = create_team(&app, &admin, "North").await;
        let south = create_team(&app, &admin, "South").await;
        let (status, body) = send(&app, Method::POST, "/api/v1/teams", &admin.access_token, Some(json!({"name": "North"}))).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["code"], "team_name_taken");
        let (status, body) = send(&app, Method::PATCH, &format!("/api/v1/teams/{south}"), &admin.access_token, Some(json!({"name": "South-East"}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["name"], "South-East");

        let lead = join(&app, &admin, "lead@acme.example", &["lead"], None).await;
        let agent = join(&app, &admin, "agent@acme.example", &["agent"], Some(&north)).await;
        let (status, body) = send(&app, Method::PUT, &format!("/api/v1/teams/{north}/members/{}", lead.user_id), &admin.access_token, Some(json!({"membership": "lead"}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["leads"][0]["id"], lead.user_id.as_str());
        assert_eq!(body["agents"][0]["id"], agent.user_id.as_str());
        let (status, body) = send(&app, Method::PUT, &format!("/api/v1/teams/{north}/members/{}", agent.user_id), &admin.access_token, Some(json!({"membership": "lead"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["errors"][0]["code"], "role_missing");

        // Moving the agent takes them out of North.
        let (status, body) = send(&app, Method::PUT, &format!("/api/v1/users/{}/team", agent.user_id), &admin.access_token, Some(json!({"team_id": south}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["teams"].as_array().map(Vec::len), Some(1));
        assert_eq!(body["teams"][0]["id"], south.as_str());

        // The lead sees North only, and nobody of South.
        let (_, teams) = send(&app, Method::GET, "/api/v1/teams", &lead.access_token, None).await;
        assert_eq!(teams.as_array().map(Vec::len), Some(1));
        assert_eq!(teams[0]["name"], "North");
        let (status, _) = send(&app, Method::GET, &format!("/api/v1/users/{}", agent.user_id), &lead.access_token, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (status, body) = send(&app, Method::DELETE, &format!("/api/v1/teams/{north}/members/{}?membership=lead", lead.user_id), &admin.access_token, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["leads"], json!([]));
    }

    async fn a_demoted_lead_no_longer_sees_the_team(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let north = create_team(&app, &admin, "North").await;
        let lead = join(&app, &admin, "lead@acme.example", &["lead"], Some(&north)).await;
        let agent = join(&app, &admin, "agent_one@acme.example", &["agent"], Some(&north)).await;
        let (status, _) = send(&app, Method::GET, &format!("/api/v1/users/{}", agent.user_id), &lead.access_token, None).await;
        assert_eq!(status, StatusCode::OK);
        // `_` is searched for literally.
        let (_, found) = send(&app, Method::GET, "/api/v1/users?q=agent_one", &admin.access_token, None).await;
        assert_eq!(found["total"], 1);
        let (_, none) = send(&app, Method::GET, "/api/v1/users?q=agent%25one", &admin.access_token, None).await;
        assert_eq!(none["total"], 0);

        let path = format!("/api/v1/users/{}/roles", lead.user_id);
        send(&app, Method::PUT, &path, &admin.access_token, Some(json!({"roles": ["agent"]}))).await;
        send(&app, Method::PUT, &path, &admin.access_token, Some(json!({"roles": ["lead"]}))).await;
        // Made lead again, but of no team: the old team is not theirs any more.
        let (status, teams) = send(&app, Method::GET, "/api/v1/teams", &lead.access_token, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(teams, json!([]));
        let (status, _) = send(&app, Method::GET, &format!("/api/v1/users/{}", agent.user_id), &lead.access_token, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn profiles_are_edited_by_their_owner(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let (status, body) = send(&app, Method::PATCH, "/api/v1/me", &admin.access_token, Some(json!({
            "display_name": "Giulia", "locale": "it", "time_zone": "Europe/Rome"
        }))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["locale"], "it");
        assert_eq!(body["time_zone"], "Europe/Rome");
        let (status, body) = send(&app, Method::PATCH, "/api/v1/me", &admin.access_token, Some(json!({"time_zone": "Mars/Base"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["errors"][0]["code"], "unknown_time_zone");
    }
}
