//! Things of each tenant the matrix needs ids of: a coaching path with its assignment, step,
//! team rule and session, a scorecard; a track with an enrolment, a submission and a certification.

use std::collections::BTreeMap;

use cinco_tests::{Session, TestApp, read_json};
use serde_json::json;

/// A path given to the team (with a rule for later joiners) and a scheduled coaching session.
pub(super) async fn coaching_ids(
    app: &TestApp,
    admin: &Session,
    ids: &mut BTreeMap<&'static str, String>,
) {
    let token = Some(admin.access_token.as_str());
    let path = read_json(
        app.post(
            "/api/v1/coaching/paths",
            token,
            json!({"title": "Path", "steps": [{"title": "Try it", "kind": "practice_task", "instructions": "On 5 calls"}]}),
        )
        .await,
    )
    .await;
    let path_id = path["id"].as_str().unwrap_or_default().to_owned();
    let assigned = read_json(
        app.post(
            "/api/v1/coaching/assignments",
            token,
            json!({"template_id": path_id, "team_id": ids["team_id"], "include_later_joiners": true}),
        )
        .await,
    )
    .await;
    let assignment = &assigned["assignments"][0];
    let rules = read_json(
        app.get_as("/api/v1/coaching/team-rules", &admin.access_token)
            .await,
    )
    .await;
    let session = read_json(
        app.post(
            "/api/v1/coaching/sessions",
            token,
            json!({"agent_id": ids["user_id"]}),
        )
        .await,
    )
    .await;
    let scorecard = read_json(
        app.post(
            "/api/v1/coaching/scorecards",
            token,
            json!({"title": "Card", "items": [{"competency_key": ids["competency_key"], "indicator": "Listens"}]}),
        )
        .await,
    )
    .await;
    for (key, value) in [
        ("path_id", path_id),
        (
            "scorecard_id",
            scorecard["id"].as_str().unwrap_or_default().to_owned(),
        ),
        (
            "assignment_id",
            assignment["id"].as_str().unwrap_or_default().to_owned(),
        ),
        (
            "step_id",
            assignment["steps"][0]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            "rule_id",
            rules[0]["id"].as_str().unwrap_or_default().to_owned(),
        ),
        (
            "coaching_session_id",
            session["id"].as_str().unwrap_or_default().to_owned(),
        ),
    ] {
        assert!(!value.is_empty(), "the coaching fixture has no {key}");
        ids.insert(key, value);
    }
}

/// A track the lead is enrolled on with a teach-back submitted, and a certification.
pub(super) async fn track_ids(
    app: &TestApp,
    admin: &Session,
    lead: &Session,
    ids: &mut BTreeMap<&'static str, String>,
) {
    let token = Some(admin.access_token.as_str());
    let track = read_json(
        app.post(
            "/api/v1/tracks",
            token,
            json!({"title": "Track", "level": "coach", "scope": [ids["competency_key"]], "validity_months": 12,
                "modules": [{"title": "Teach", "kind": "teach_back", "rubric": ["Clear"]}]}),
        )
        .await,
    )
    .await;
    let track_id = track["id"].as_str().unwrap_or_default().to_owned();
    let enrolled = read_json(
        app.post(
            &format!("/api/v1/tracks/{track_id}/enrolments"),
            token,
            json!({"user_ids": [lead.user_id]}),
        )
        .await,
    )
    .await;
    let enrolment = &enrolled["enrolled"][0];
    let enrolment_id = enrolment["id"].as_str().unwrap_or_default().to_owned();
    let module_id = enrolment["modules"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let submission = read_json(
        app.post(
            &format!("/api/v1/me/enrolments/{enrolment_id}/modules/{module_id}/submissions"),
            Some(&lead.access_token),
            json!({"plan": "A plan"}),
        )
        .await,
    )
    .await;
    let certification = read_json(
        app.post(
            "/api/v1/certifications",
            token,
            json!({"holder_id": lead.user_id, "level": "coach", "scope": [ids["competency_key"]], "title": "Coach", "validity_months": 12}),
        )
        .await,
    )
    .await;
    for (key, value) in [
        ("track_id", track_id),
        ("enrolment_id", enrolment_id),
        ("module_id", module_id),
        (
            "submission_id",
            submission["id"].as_str().unwrap_or_default().to_owned(),
        ),
        (
            "certification_id",
            certification["id"].as_str().unwrap_or_default().to_owned(),
        ),
    ] {
        assert!(!value.is_empty(), "the track fixture has no {key}");
        ids.insert(key, value);
    }
}
