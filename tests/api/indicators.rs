//! Programme indicators beside the results: a lead sees, week by week, how many of their
//! agents learned, the sessions, minutes and path steps, and per competency the proficiency
//! and the certified coaches — computed from what was done, on both databases.

use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::daily;
use cinco_tests::{Session, TestApp, on_both_databases};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::certification::grant;
use crate::coaching::completion::attempt;
use crate::coaching::{at, create_path, floor, get, join_as, post, practice_step, s, step};

/// The three-check lesson of the coaching tests, teaching `listening`.
fn listening_lesson() -> String {
    crate::coaching::lesson("listen-first")
        .replace("locale: en\n", "locale: en\ncompetencies: [listening]\n")
}

fn uuid(raw: &str) -> uuid::Uuid {
    raw.parse().unwrap_or_else(|e| panic!("{raw}: {e}"))
}

/// A daily session `who` completed on `day`, stored as the app stores it.
async fn session_done(app: &TestApp, who: &Session, day: &str) {
    let org = OrganisationId::from_uuid(uuid(&who.org_id));
    let user = UserId::from_uuid(uuid(&who.user_id));
    let now = app.clock.now();
    let stored = daily::create(&app.db, org, user, day, "[]", now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    daily::complete(&app.db, org, user, stored.id, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn indicators(app: &TestApp, who: &Session, query: &str) -> Value {
    let (status, view) = get(app, who, &format!("/api/v1/results/indicators{query}")).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["weeks"].as_array().map(Vec::len), Some(26), "{view}");
    view
}

/// The programme's week starting on `monday`: (active agents, sessions, minutes, steps on
/// time, steps late).
fn week(view: &Value, monday: &str) -> (u64, u64, u64, u64, u64) {
    let w = view["weeks"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|w| w["week"] == monday)
        .cloned()
        .unwrap_or_default();
    let n = |field: &str| w[field].as_u64().unwrap_or(u64::MAX);
    (
        n("active_agents"),
        n("sessions_completed"),
        n("minutes_learned"),
        n("steps_on_time"),
        n("steps_late"),
    )
}

/// One competency's week starting on `monday`.
fn competency_week(view: &Value, key: &str, monday: &str) -> Value {
    view["competencies"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["key"] == key)
        .and_then(|c| {
            c["weeks"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|w| w["week"] == monday)
                .cloned()
        })
        .unwrap_or_default()
}

on_both_databases! {
    async fn a_lead_sees_what_the_programme_did_each_week_in_their_team(app) {
        let f = floor(&app).await;
        app.create_competency(&f.admin, "listening").await;
        let version = app.publish_lesson(&f.admin, &listening_lesson()).await;
        let estimate = crate::coaching::count(&app, "SELECT CAST(MAX(estimate_seconds) AS BIGINT) FROM lesson_versions").await;
        // Minutes are rounded once per week, over the seconds of everything learned in it.
        let minutes_of = |lessons: i64| u64::try_from((lessons * estimate + 30) / 60).unwrap_or_default();
        let minutes = minutes_of(1);
        assert!(minutes > 0);

        // Another organisation learns too; none of it may show in Acme's.
        let globex = app.sign_up("Globex", "boss@globex.example", crate::coaching::PASSWORD).await;
        app.create_competency(&globex, "listening").await;
        let other = app.publish_lesson(&globex, &listening_lesson()).await;
        let gina = join_as(&app, &globex, "gina@globex.example", "Gina", &["agent"], None, "en").await;

        // The week of 23 November: Ana takes the lesson (all right), does her session and the
        // first step of a path on time; Lena is certified to coach listening.
        app.clock.set(at(11, 23, 9, 0));
        let path = create_path(&app, &f.lena, "Listening path", vec![
            practice_step("Summarise the call", Some(3)),
            practice_step("Use the checklist", Some(3)),
        ]).await;
        let (status, given) = post(&app, &f.lena, "/api/v1/coaching/assignments", json!({"template_id": s(&path, "id"), "agent_ids": [f.ana.user_id]})).await;
        assert_eq!(status, StatusCode::CREATED, "{given}");
        let assignment = crate::coaching::assignment(&app, &f.lena, &s(&given["assignments"][0], "id")).await;
        app.clock.set(at(11, 24, 10, 0));
        attempt(&app, &f.ana, &version, [true, true, true]).await;
        session_done(&app, &f.ana, "2026-11-24").await;
        let first = s(&step(&assignment, 1), "id");
        let (status, body) = post(&app, &f.ana, &format!("/api/v1/me/paths/steps/{first}/done"), json!({"note": null})).await;
        assert!(status.is_success(), "{body}");
        grant(&app, &f.admin, &f.lena, "coach", &["listening"], 12).await;
        grant(&app, &f.admin, &f.sam, "coach", &["listening"], 12).await;

        // This week: Ana again (one answer wrong) and the second step, days late; Bruno, in
        // South, learns too; so does Gina at Globex.
        app.clock.set(at(12, 1, 10, 0));
        attempt(&app, &f.ana, &version, [true, false, true]).await;
        session_done(&app, &f.ana, "2026-12-01").await;
        let second = s(&step(&assignment, 2), "id");
        let (status, body) = post(&app, &f.ana, &format!("/api/v1/me/paths/steps/{second}/done"), json!({"note": null})).await;
        assert!(status.is_success(), "{body}");
        attempt(&app, &f.bruno, &version, [true, true, true]).await;
        session_done(&app, &f.bruno, "2026-12-01").await;
        attempt(&app, &gina, &other, [true, true, true]).await;
        session_done(&app, &gina, "2026-12-01").await;

        let north = indicators(&app, &f.lena, "").await;
        assert_eq!(north["agents"], 1, "North has Ana only");
        assert_eq!(north["weeks"][25]["week"], "2026-11-30", "the last week is this one");
        assert_eq!(north["weeks"][0]["week"], "2026-06-08");
        assert_eq!(week(&north, "2026-11-16"), (0, 0, 0, 0, 0));
        assert_eq!(week(&north, "2026-11-23"), (1, 1, minutes, 1, 0));
        assert_eq!(week(&north, "2026-11-30"), (1, 1, minutes, 0, 1));
        let before = competency_week(&north, "listening", "2026-11-16");
        assert_eq!((before["agents_assessed"].as_u64(), before["mean_level"].clone(), before["certified_coaches"].as_u64()), (Some(0), Value::Null, Some(0)));
        for monday in ["2026-11-23", "2026-11-30"] {
            let w = competency_week(&north, "listening", monday);
            assert_eq!(w["agents_assessed"], 1, "{w}");
            assert_eq!(w["mean_level"], 3.0, "three right answers make a level 3: {w}");
            assert_eq!(w["proficient_share"], 1.0, "{w}");
            assert_eq!(w["certified_coaches"], 1, "Lena, not Sam who leads South: {w}");
        }
        assert_eq!(north, indicators(&app, &f.lena, &format!("?team_id={}", f.north)).await);

        // The admin sees every agent of Acme (not Gina) and every certified coach.
        let all = indicators(&app, &f.admin, "").await;
        assert_eq!(all["agents"], 2);
        assert_eq!(week(&all, "2026-11-30"), (2, 2, minutes_of(2), 0, 1));
        assert_eq!(competency_week(&all, "listening", "2026-11-30")["certified_coaches"], 2);
        assert_eq!(competency_week(&all, "listening", "2026-11-30")["agents_assessed"], 2);
        let south = indicators(&app, &f.sam, "?competency=listening").await;
        assert_eq!(week(&south, "2026-11-30"), (1, 1, minutes, 0, 0));
        assert_eq!(south["competencies"].as_array().map(Vec::len), Some(1));
        let theirs = indicators(&app, &globex, "").await;
        assert_eq!(week(&theirs, "2026-11-30"), (1, 1, minutes, 0, 0));
        assert_eq!(competency_week(&theirs, "listening", "2026-11-30")["certified_coaches"], 0);
    }

    async fn only_leads_and_admins_see_indicators_and_only_of_their_teams(app) {
        let f = floor(&app).await;
        let (status, _) = get(&app, &f.ana, "/api/v1/results/indicators").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "agents are not shown a team's indicators");
        let (status, body) = get(&app, &f.lena, &format!("/api/v1/results/indicators?team_id={}", f.south)).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "South is Sam's");
        let (status, body) = get(&app, &f.lena, "/api/v1/results/indicators?competency=no-such-skill").await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
        let globex = app.sign_up("Globex", "boss@globex.example", crate::coaching::PASSWORD).await;
        let (status, _) = get(&app, &globex, &format!("/api/v1/results/indicators?team_id={}", f.north)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another organisation's team does not exist");
    }
}
