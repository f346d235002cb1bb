//! What must not go wrong: a day that grows while the agent finishes it, a cancelled path
//! left in the day, dates far outside a calendar, a path given twice by a reassignment.

use super::*;
use cinco_tests::on_both_databases;

/// The ids of the path steps in today's session.
async fn steps_today(app: &TestApp, who: &Session) -> Vec<String> {
    let (status, today) = get(app, who, "/api/v1/today").await;
    assert_eq!(status, StatusCode::OK, "{today}");
    items(&today["items"])
        .iter()
        .filter_map(|i| i["path_step_id"].as_str().map(str::to_owned))
        .collect()
}

on_both_databases! {
    async fn finishing_a_step_does_not_pull_the_next_into_the_same_day(app) {
        let f = floor(&app).await;
        let template = create_path(&app, &f.admin, "Two tasks", vec![
            practice_step("First task", None), practice_step("Second task", None),
        ]).await;
        let view = assign_to(&app, &f.lena, &s(&template, "id"), &f.ana).await;
        let (first, second) = (s(&step(&view, 1), "id"), s(&step(&view, 2), "id"));
        assert_eq!(steps_today(&app, &f.ana).await, vec![first.clone()]);
        let (status, body) = post(&app, &f.ana, &format!("/api/v1/me/paths/steps/{first}/done"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, today) = get(&app, &f.ana, "/api/v1/today").await;
        let ids: Vec<String> = items(&today["items"]).iter().filter_map(|i| i["path_step_id"].as_str().map(str::to_owned)).collect();
        assert_eq!(ids, vec![first], "the second step waits for tomorrow: {today}");
        assert_eq!(today["complete"], true, "{today}");
        // Tomorrow it is there.
        app.clock.advance(chrono::Duration::days(1));
        assert_eq!(steps_today(&app, &f.ana).await, vec![second]);
    }

    async fn a_cancelled_path_leaves_the_day(app) {
        let f = floor(&app).await;
        let template = create_path(&app, &f.admin, "Soon cancelled", vec![practice_step("Task", Some(2))]).await;
        let view = assign_to(&app, &f.lena, &s(&template, "id"), &f.ana).await;
        assert_eq!(steps_today(&app, &f.ana).await.len(), 1);
        let (status, body) = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{}/cancel", s(&view, "id")), json!({"reason": "Wrong path"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(steps_today(&app, &f.ana).await.is_empty(), "a cancelled step cannot hold the day open");
    }

    async fn dates_outside_any_calendar_are_refused_not_crashed_on(app) {
        let f = floor(&app).await;
        let far = create_path(&app, &f.admin, "Far", vec![practice_step("Task", Some(1))]).await;
        let (status, body) = post(&app, &f.admin, "/api/v1/coaching/paths", json!({
            "title": "Forever", "steps": [{"title": "Task", "kind": "practice_task", "instructions": "Do it", "due_after_days": 100_000_000u32}]
        })).await;
        assert_refused(&(status, body), StatusCode::UNPROCESSABLE_ENTITY, "invalid_path");
        for due_on in ["+262142-12-31", "1900-01-01", "2026-02-30", "tomorrow"] {
            let got = post(&app, &f.lena, "/api/v1/coaching/assignments", json!({
                "template_id": s(&far, "id"), "agent_ids": [f.ana.user_id], "due_on": due_on
            })).await;
            assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_date");
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_assignments").await, 0, "nothing half-assigned");
        // Instants share the days' bound: a session in year 262142 or 1999 is refused.
        for at in ["+262142-01-01T09:00:00Z", "1999-12-31T09:00:00Z"] {
            let got = post(&app, &f.lena, "/api/v1/coaching/sessions", json!({"agent_id": f.ana.user_id, "scheduled_at": at})).await;
            assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_date");
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM coaching_sessions").await, 0, "no session kept");
    }

    async fn reassigning_to_someone_who_has_the_path_is_refused(app) {
        let f = floor(&app).await;
        let template = create_path(&app, &f.admin, "Shared", vec![practice_step("Task", Some(3))]).await;
        let for_ana = assign_to(&app, &f.admin, &s(&template, "id"), &f.ana).await;
        assign_to(&app, &f.admin, &s(&template, "id"), &f.bruno).await;
        let got = post(&app, &f.admin, &format!("/api/v1/coaching/assignments/{}/reassign", s(&for_ana, "id")), json!({"agent_id": f.bruno.user_id})).await;
        assert_refused(&got, StatusCode::CONFLICT, "already_assigned");
        let view = assignment(&app, &f.admin, &s(&for_ana, "id")).await;
        assert_eq!(view["status"], "active", "the original stays: {view}");
    }

    async fn assigning_to_a_team_again_keeps_one_rule_and_actions_are_named_as_such(app) {
        let f = floor(&app).await;
        let template = create_path(&app, &f.admin, "Rules", vec![practice_step("Task", Some(3))]).await;
        for _ in 0..2 {
            assign(&app, &f.lena, json!({"template_id": s(&template, "id"), "team_id": f.north, "include_later_joiners": true})).await;
        }
        let (_, rules) = get(&app, &f.lena, &format!("/api/v1/coaching/team-rules?team_id={}", f.north)).await;
        assert_eq!(items(&rules).len(), 1, "{rules}");
        // A session's agreed actions: a path named for what it is, in the agent's language.
        let (status, session) = post(&app, &f.lena, "/api/v1/coaching/sessions", json!({"agent_id": f.ana.user_id})).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        let (status, body) = post(&app, &f.lena, &format!("/api/v1/coaching/sessions/{}/record", s(&session, "id")), json!({
            "observation": "live", "actions": [{"text": "Offer the refund yourself", "due_on": "2026-12-10"}]
        })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, mine) = get(&app, &f.ana, "/api/v1/me/paths").await;
        let actions = find(&mine, "session_id", &s(&session, "id")).unwrap_or_else(|| panic!("{mine}"));
        assert_eq!(actions["title"], "Actions agreed in the session of 2026-12-01", "{actions}");
        assert_eq!(step(&actions, 1)["title"], "Offer the refund yourself");
        // The CSV starts with a byte-order mark so spreadsheets read accents right.
        let res = app.client.get(app.url(&format!("/api/v1/teams/{}/dashboard.csv", f.north)))
            .bearer_auth(&f.lena.access_token).send().await.unwrap_or_else(|e| panic!("{e}"));
        let bytes = res.bytes().await.unwrap_or_else(|e| panic!("{e}"));
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    }
}
