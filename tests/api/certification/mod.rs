//! Train-the-trainer (`docs/certification.md`): tracks, enrolments, teach-backs and
//! observed sessions assessed on a rubric, the certification a finished track issues, its
//! public check, revocation and renewal with reminders by mail, what certification gates
//! (coaching sign-off, assessing) and raises (authority limits), and the cascade view.

use cinco_tests::{Session, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub use crate::coaching::{
    Floor, assert_refused, at, count, find, floor, get, items, join_as, lesson, post, s, send,
};

mod enforcement;
mod lifecycle;
mod tracks;

/// A teach-back module with two criteria.
pub fn teach_back() -> Value {
    json!({
        "title": "Teach the empowerment huddle",
        "kind": "teach_back",
        "instructions": "Run a ten-minute huddle on owning the customer's problem.",
        "rubric": ["Sets one clear goal", "Has the group practise it"]
    })
}

/// Creates a coach track as `who` covering `scope`; answers its view.
pub async fn create_track(
    app: &TestApp,
    who: &Session,
    modules: Vec<Value>,
    scope: &[&str],
) -> Value {
    let (status, track) = post(
        app,
        who,
        "/api/v1/tracks",
        json!({
            "title": "Coach for empowerment",
            "description": "Coach agents to solve the customer's problem.",
            "level": "coach",
            "scope": scope,
            "validity_months": 24,
            "modules": modules
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{track}");
    track
}

/// Enrols one person as `who`; answers the enrolment view.
pub async fn enrol(app: &TestApp, who: &Session, track: &str, trainee: &Session) -> Value {
    let (status, answer) = post(
        app,
        who,
        &format!("/api/v1/tracks/{track}/enrolments"),
        json!({"user_ids": [trainee.user_id]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    answer["enrolled"][0].clone()
}

/// The module at `position` (from 1) of an enrolment view.
pub fn module(view: &Value, position: usize) -> Value {
    items(&view["modules"])
        .into_iter()
        .find(|m| m["position"] == position)
        .unwrap_or_else(|| panic!("module {position} in {view}"))
}

/// Submits a teach-back for the module as its trainee; answers the submission.
pub async fn submit_teach_back(
    app: &TestApp,
    trainee: &Session,
    enrolment: &str,
    module: &str,
) -> Value {
    let (status, sub) = post(
        app,
        trainee,
        &format!("/api/v1/me/enrolments/{enrolment}/modules/{module}/submissions"),
        json!({"plan": "Goal, a two-minute story, practice in pairs, one commitment each.", "notes": "Went well", "recording_url": "https://videos.example/huddle"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{sub}");
    sub
}

/// Assesses a submission with these ratings; answers the status and body.
pub async fn assess(
    app: &TestApp,
    assessor: &Session,
    submission: &str,
    ratings: &[u8],
) -> (StatusCode, Value) {
    let ratings: Vec<Value> = ratings
        .iter()
        .map(|r| json!({"rating": r, "comment": format!("rated {r}")}))
        .collect();
    post(
        app,
        assessor,
        &format!("/api/v1/assessments/{submission}"),
        json!({"ratings": ratings, "comment": "Keep going"}),
    )
    .await
}

/// Grants a certification directly (admins); answers its view.
pub async fn grant(
    app: &TestApp,
    admin: &Session,
    holder: &Session,
    level: &str,
    scope: &[&str],
    months: u32,
) -> Value {
    let (status, c) = post(
        app,
        admin,
        "/api/v1/certifications",
        json!({"holder_id": holder.user_id, "level": level, "scope": scope, "title": format!("{level} certificate"), "validity_months": months, "note": "Certified before joining"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    c
}

/// Turns "enforce certified coaching" on or off (admins).
pub async fn enforce(app: &TestApp, admin: &Session, on: bool) {
    let (status, body) = send(
        app,
        admin,
        reqwest::Method::PUT,
        "/api/v1/organisation/coaching-settings",
        Some(json!({"quiet_hours_start": null, "quiet_hours_end": null, "reminder_notice_hours": 48, "idle_days": 14, "enforce_certified_coaching": on})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["enforce_certified_coaching"], on);
}

/// The floor of the coaching tests plus Tess, a trainer.
pub async fn floor_with_trainer(app: &TestApp) -> (Floor, Session) {
    let f = floor(app).await;
    let tess = join_as(
        app,
        &f.admin,
        "tess@acme.example",
        "Tess",
        &["trainer"],
        None,
        "en",
    )
    .await;
    (f, tess)
}
