//! Coaching (`docs/coaching.md`): path templates, assignments with their history and team
//! rules, how steps complete, reminders by mail in the agent's time zone and language,
//! coaching sessions with ratings and agreed actions, and the lead's dashboard — each
//! scoped to what the caller may see.

use chrono::{DateTime, TimeZone, Utc};
use cinco_tests::{Session, TestApp, read_json};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

mod assignments;
pub mod completion;
mod dashboard;
mod digest;
mod paths;
mod qa_loop;
mod reminders;
mod robustness;
mod sessions;

pub const PASSWORD: &str = "a-long-enough-secret";

/// A moment in 2026 (UTC).
pub fn at(month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, minute, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid time: {month}-{day} {hour}:{minute}"))
}

/// Sends a request as `who`; answers the status and the JSON body (`Null` if none).
pub async fn send(
    app: &TestApp,
    who: &Session,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let res = app.call(method, path, Some(&who.access_token), body).await;
    let status = res.status();
    (status, read_json(res).await)
}

pub async fn get(app: &TestApp, who: &Session, path: &str) -> (StatusCode, Value) {
    send(app, who, Method::GET, path, None).await
}

pub async fn post(app: &TestApp, who: &Session, path: &str, body: Value) -> (StatusCode, Value) {
    send(app, who, Method::POST, path, Some(body)).await
}

/// Whether a problem carries `code`, as its own code or as one refused field's.
pub fn has_code(problem: &Value, code: &str) -> bool {
    problem["code"] == code
        || problem["errors"]
            .as_array()
            .is_some_and(|errors| errors.iter().any(|e| e["code"] == code))
}

/// Asserts a refusal: its status and its problem code.
#[track_caller]
pub fn assert_refused(got: &(StatusCode, Value), status: StatusCode, code: &str) {
    assert_eq!(got.0, status, "expected {status} {code}: {}", got.1);
    assert!(has_code(&got.1, code), "expected code {code}: {}", got.1);
}

/// The string at `field` of `value` (empty if missing).
pub fn s(value: &Value, field: &str) -> String {
    value[field].as_str().unwrap_or_default().to_owned()
}

/// The items of a JSON array (empty if it is not one).
pub fn items(value: &Value) -> Vec<Value> {
    value.as_array().cloned().unwrap_or_default()
}

/// The element of `list` whose `field` equals `wanted`.
pub fn find(list: &Value, field: &str, wanted: &str) -> Option<Value> {
    items(list).into_iter().find(|v| v[field] == wanted)
}

/// The kinds of an assignment's history, oldest first as the server gives them.
pub fn history_kinds(view: &Value) -> Vec<String> {
    items(&view["history"])
        .iter()
        .filter_map(|h| h["kind"].as_str().map(str::to_owned))
        .collect()
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    app.db
        .count(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub async fn create_team(app: &TestApp, admin: &Session, name: &str) -> String {
    let (status, team) = post(app, admin, "/api/v1/teams", json!({"name": name})).await;
    assert_eq!(status, StatusCode::CREATED, "{team}");
    s(&team, "id")
}

/// Invites someone (named, with roles, a language and maybe a team), accepts and signs in.
pub async fn join_as(
    app: &TestApp,
    admin: &Session,
    email: &str,
    name: &str,
    roles: &[&str],
    team: Option<&str>,
    locale: &str,
) -> Session {
    let (status, body) = post(
        app,
        admin,
        "/api/v1/invitations",
        json!({"email": email, "display_name": name, "roles": roles, "team_id": team, "locale": locale}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "invitation of {email}: {body}");
    let mails = app.delivered_mails(email, 1).await;
    let token = cinco_tests::link_token(mails.last().map(String::as_str).unwrap_or_default());
    let res = app
        .post(
            "/api/v1/invitations/accept",
            None,
            json!({"token": token, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "accepting for {email}");
    app.sign_in(email, PASSWORD).await
}

/// Sets the caller's time zone.
pub async fn set_time_zone(app: &TestApp, who: &Session, zone: &str) {
    let (status, body) = send(
        app,
        who,
        Method::PATCH,
        "/api/v1/me",
        Some(json!({"time_zone": zone})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["time_zone"], zone);
}

/// Puts a person in a team as `lead` or `agent` through the teams API (admins).
pub async fn add_to_team(
    app: &TestApp,
    admin: &Session,
    team: &str,
    who: &Session,
    membership: &str,
) {
    let (status, body) = send(
        app,
        admin,
        Method::PUT,
        &format!("/api/v1/teams/{team}/members/{}", who.user_id),
        Some(json!({"membership": membership})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A lesson with three knowledge checks: right answers are `{"choices": [1]}`,
/// `{"true_false": false}` and `{"choices": [0]}`.
pub fn lesson(key: &str) -> String {
    format!(
        "---\nkey: {key}\ntitle: Lesson {key}\nlocale: en\n---\n\n\
         :::text\nSolve it on the first call.\n:::\n\n\
         :::single\nWhich measure rewards solving it first time?\n- [ ] AHT\n- [x] FCR\n> FCR counts problems solved at first contact.\n:::\n\n\
         :::true-false\nA transfer always helps the customer.\nanswer: false\n> Each transfer makes them repeat themselves.\n:::\n\n\
         :::single\nWho owns the problem?\n- [x] You, until it is solved\n- [ ] The next team\n> Ownership ends when the problem does.\n:::\n"
    )
}

pub fn lesson_step(title: &str, key: &str, days: Option<u32>) -> Value {
    json!({"title": title, "kind": "lesson", "target_key": key, "due_after_days": days})
}

pub fn practice_step(title: &str, days: Option<u32>) -> Value {
    json!({"title": title, "kind": "practice_task", "instructions": format!("Instructions for {title}"), "due_after_days": days})
}

pub fn session_step(title: &str, days: Option<u32>) -> Value {
    json!({"title": title, "kind": "coaching_session", "due_after_days": days})
}

/// Creates a path template as `who`; answers its view.
pub async fn create_path(app: &TestApp, who: &Session, title: &str, steps: Vec<Value>) -> Value {
    let (status, view) = post(
        app,
        who,
        "/api/v1/coaching/paths",
        json!({"title": title, "description": format!("About {title}"), "steps": steps}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{view}");
    view
}

/// Assigns as `who`; answers `{assigned, skipped, assignments}`.
pub async fn assign(app: &TestApp, who: &Session, body: Value) -> Value {
    let (status, answer) = post(app, who, "/api/v1/coaching/assignments", body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    answer
}

/// Assigns `template` to the given agents as `who`; answers the one assignment of `agent`.
pub async fn assign_to(app: &TestApp, who: &Session, template: &str, agent: &Session) -> Value {
    let answer = assign(
        app,
        who,
        json!({"template_id": template, "agent_ids": [agent.user_id]}),
    )
    .await;
    assert_eq!(answer["assigned"], 1, "{answer}");
    answer["assignments"][0].clone()
}

/// The caller's paths (`GET /me/paths`).
pub async fn my_paths(app: &TestApp, who: &Session) -> Value {
    let (status, paths) = get(app, who, "/api/v1/me/paths").await;
    assert_eq!(status, StatusCode::OK, "{paths}");
    assert!(paths.is_array(), "{paths}");
    paths
}

/// One assignment with its history (`GET /coaching/assignments/{id}`).
pub async fn assignment(app: &TestApp, who: &Session, id: &str) -> Value {
    let (status, view) = get(app, who, &format!("/api/v1/coaching/assignments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

/// Sets the organisation's coaching settings (admins).
pub async fn coaching_settings(app: &TestApp, admin: &Session, settings: Value) {
    let (status, body) = send(
        app,
        admin,
        Method::PUT,
        "/api/v1/organisation/coaching-settings",
        Some(settings),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A floor: an admin; teams North and South; Lena leads North, Sam leads South; Ana is an
/// agent in North, Bruno one in South. The clock stands at 1 December 2026, 09:00 UTC.
pub struct Floor {
    pub admin: Session,
    pub north: String,
    pub south: String,
    pub lena: Session,
    pub sam: Session,
    pub ana: Session,
    pub bruno: Session,
}

pub async fn floor(app: &TestApp) -> Floor {
    app.clock.set(at(12, 1, 9, 0));
    let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
    let north = create_team(app, &admin, "North").await;
    let south = create_team(app, &admin, "South").await;
    let lena = join_as(
        app,
        &admin,
        "lena@acme.example",
        "Lena",
        &["lead"],
        Some(&north),
        "en",
    )
    .await;
    let sam = join_as(
        app,
        &admin,
        "sam@acme.example",
        "Sam",
        &["lead"],
        Some(&south),
        "en",
    )
    .await;
    let ana = join_as(
        app,
        &admin,
        "ana@acme.example",
        "Ana",
        &["agent"],
        Some(&north),
        "en",
    )
    .await;
    let bruno = join_as(
        app,
        &admin,
        "bruno@acme.example",
        "Bruno",
        &["agent"],
        Some(&south),
        "en",
    )
    .await;
    Floor {
        admin,
        north,
        south,
        lena,
        sam,
        ana,
        bruno,
    }
}

/// The step at `position` (from 1) of an assignment view.
pub fn step(view: &Value, position: usize) -> Value {
    items(&view["steps"])
        .into_iter()
        .find(|s| s["position"] == position)
        .unwrap_or_else(|| panic!("step {position} in {view}"))
}
