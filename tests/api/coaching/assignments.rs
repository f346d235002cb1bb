//! Assignments: to a team (and, with a team rule, to whoever joins it later) or to agents;
//! duplicates skipped; leads only for their own teams; extended, reassigned and cancelled
//! with every change in the history.

use std::time::Duration;

use super::*;
use cinco_tests::on_both_databases;

fn time(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("a timestamp: {value}"))
}

/// Waits (up to 5 s) for `who` to have an active path from `template`.
async fn path_arrives(app: &TestApp, who: &Session, template: &str) -> Option<Value> {
    for _ in 0..100 {
        if let Some(found) = items(&my_paths(app, who).await)
            .into_iter()
            .find(|p| p["template_id"] == template && p["status"] == "active")
        {
            return Some(found);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

on_both_databases! {
    async fn a_team_assignment_reaches_later_joiners_and_skips_duplicates(app) {
        let f = floor(&app).await;
        let template = create_path(&app, &f.lena, "Empowerment basics", vec![practice_step("Own one refund", Some(3)), practice_step("Own five", Some(7))]).await;
        let tid = s(&template, "id");
        let answer = assign(&app, &f.lena, json!({
            "template_id": tid, "team_id": f.north, "agent_ids": [], "include_later_joiners": true
        })).await;
        assert_eq!((answer["assigned"].as_u64(), answer["skipped"].as_u64()), (Some(1), Some(0)), "{answer}");
        let first = &answer["assignments"][0];
        assert_eq!(first["agent"]["id"], f.ana.user_id.as_str());
        assert_eq!(first["agent"]["display_name"], "Ana");
        assert_eq!(first["team_id"], f.north.as_str());
        assert_eq!(first["template_id"], tid.as_str());
        assert_eq!(first["title"], "Empowerment basics");
        assert_eq!(first["assigned_by"]["id"], f.lena.user_id.as_str());
        assert_eq!(first["status"], "active");
        assert_eq!(first["session_id"], Value::Null);
        assert_eq!((first["completed_steps"].as_u64(), first["total_steps"].as_u64()), (Some(0), Some(2)));
        let steps = items(&first["steps"]);
        assert_eq!(steps.iter().map(|s| s["position"].as_u64()).collect::<Vec<_>>(), [Some(1), Some(2)]);
        let due = time(&steps[0]["due_at"]);
        assert!(due >= at(12, 4, 9, 0) && due <= at(12, 5, 9, 0), "three days after the assignment: {due}");
        assert_eq!(steps[0]["completed_at"], Value::Null);
        assert_eq!(steps[0]["overdue"], false);

        let (status, rules) = get(&app, &f.lena, &format!("/api/v1/coaching/team-rules?team_id={}", f.north)).await;
        assert_eq!(status, StatusCode::OK);
        let rule = find(&rules, "template_id", &tid).unwrap_or_else(|| panic!("a team rule: {rules}"));
        assert_eq!((rule["team_id"].as_str(), rule["title"].as_str()), (Some(f.north.as_str()), Some("Empowerment basics")));

        // Carla joins North later, through the teams API: she gets the path.
        let carla = join_as(&app, &f.admin, "carla@acme.example", "Carla", &["agent"], None, "en").await;
        assert!(my_paths(&app, &carla).await.as_array().is_some_and(Vec::is_empty));
        add_to_team(&app, &f.admin, &f.north, &carla, "agent").await;
        let hers = path_arrives(&app, &carla, &tid).await.unwrap_or_else(|| panic!("a later joiner gets the path"));
        assert_eq!(hers["team_id"], f.north.as_str());
        assert_eq!(hers["total_steps"], 2);

        // Again for the whole team: everyone already has it.
        let again = assign(&app, &f.lena, json!({"template_id": tid, "team_id": f.north})).await;
        assert_eq!((again["assigned"].as_u64(), again["skipped"].as_u64()), (Some(0), Some(2)), "{again}");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_assignments").await, 2, "Ana's and Carla's only");

        // Without the rule, the next joiner gets nothing.
        let (status, _) = send(&app, &f.lena, Method::DELETE, &format!("/api/v1/coaching/team-rules/{}", s(&rule, "id")), None).await;
        assert!(status.is_success(), "{status}");
        let (_, rules) = get(&app, &f.lena, &format!("/api/v1/coaching/team-rules?team_id={}", f.north)).await;
        assert!(find(&rules, "template_id", &tid).is_none(), "{rules}");
        let dora = join_as(&app, &f.admin, "dora@acme.example", "Dora", &["agent"], None, "en").await;
        add_to_team(&app, &f.admin, &f.north, &dora, "agent").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(my_paths(&app, &dora).await.as_array().is_some_and(Vec::is_empty));
    }

    async fn leads_assign_only_within_their_teams_and_agents_not_at_all(app) {
        let f = floor(&app).await;
        let template = create_path(&app, &f.admin, "Basics", vec![practice_step("Do it", Some(3))]).await;
        let tid = s(&template, "id");
        let got = post(&app, &f.lena, "/api/v1/coaching/assignments", json!({"template_id": tid, "agent_ids": [f.bruno.user_id]})).await;
        assert_eq!(got.0, StatusCode::NOT_FOUND, "Bruno is not Lena's to know about: {}", got.1);
        let got = post(&app, &f.lena, "/api/v1/coaching/assignments", json!({"template_id": tid, "team_id": f.south})).await;
        assert_eq!(got.0, StatusCode::NOT_FOUND, "{}", got.1);
        let got = post(&app, &f.ana, "/api/v1/coaching/assignments", json!({"template_id": tid, "agent_ids": [f.ana.user_id]})).await;
        assert_eq!(got.0, StatusCode::FORBIDDEN, "{}", got.1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_assignments").await, 0);

        // The admin assigns anyone; each lead lists and reads only their own team's.
        let brunos = assign_to(&app, &f.admin, &tid, &f.bruno).await;
        let anas = assign_to(&app, &f.lena, &tid, &f.ana).await;
        let (status, list) = get(&app, &f.lena, "/api/v1/coaching/assignments").await;
        assert_eq!(status, StatusCode::OK);
        assert!(find(&list, "id", &s(&anas, "id")).is_some(), "{list}");
        assert!(find(&list, "id", &s(&brunos, "id")).is_none(), "{list}");
        let (_, filtered) = get(&app, &f.admin, &format!("/api/v1/coaching/assignments?team_id={}", f.south)).await;
        assert_eq!(items(&filtered).iter().map(|a| s(a, "id")).collect::<Vec<_>>(), [s(&brunos, "id")]);
        let (status, _) = get(&app, &f.lena, &format!("/api/v1/coaching/assignments/{}", s(&brunos, "id"))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{}/cancel", s(&brunos, "id")), json!({"reason": "not mine"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&app, &f.ana, "/api/v1/coaching/assignments").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = get(&app, &f.sam, &format!("/api/v1/coaching/assignments/{}", s(&brunos, "id"))).await;
        assert_eq!(status, StatusCode::OK, "Sam leads South");
    }

    async fn extend_reassign_and_cancel_are_written_in_the_history(app) {
        let f = floor(&app).await;
        set_time_zone(&app, &f.ana, "Europe/Madrid").await;
        let dario = join_as(&app, &f.admin, "dario@acme.example", "Dario", &["agent"], Some(&f.north), "en").await;
        set_time_zone(&app, &dario, "Europe/Madrid").await;
        let template = create_path(&app, &f.admin, "Basics", vec![practice_step("First", Some(3)), practice_step("Second", Some(7)), practice_step("Third", Some(9))]).await;
        let first = assign_to(&app, &f.lena, &s(&template, "id"), &f.ana).await;
        let id = s(&first, "id");
        let step_ids: Vec<String> = items(&first["steps"]).iter().map(|st| s(st, "id")).collect();

        // Every open step to the end of 10 January (Madrid: 23:00 UTC).
        let (status, body) = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{id}/extend"), json!({"due_on": "2027-01-10", "step_id": null})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let view = assignment(&app, &f.lena, &id).await;
        let end_of_tenth = DateTime::parse_from_rfc3339("2027-01-10T23:00:00Z").map(|t| t.with_timezone(&Utc)).unwrap_or_else(|e| panic!("{e}"));
        for step in items(&view["steps"]) {
            assert_eq!(time(&step["due_at"]), end_of_tenth, "{step}");
        }
        // One step further.
        let (status, body) = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{id}/extend"), json!({"due_on": "2027-01-20", "step_id": step_ids[2]})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let view = assignment(&app, &f.lena, &id).await;
        let steps = items(&view["steps"]);
        assert_eq!(time(&steps[0]["due_at"]), end_of_tenth);
        assert_eq!(time(&steps[2]["due_at"]), end_of_tenth + chrono::Duration::days(10));

        // Ana does the first step (a note over 2,000 characters is refused, not cut); the
        // other two go to Dario with their due dates.
        let got = post(&app, &f.ana, &format!("/api/v1/me/paths/steps/{}/done", step_ids[0]), json!({"note": "n".repeat(2001)})).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "too_long");
        let (status, body) = post(&app, &f.ana, &format!("/api/v1/me/paths/steps/{}/done", step_ids[0]), json!({"note": "Done on a call"})).await;
        assert!(status.is_success(), "{status} {body}");
        let (status, moved) = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{id}/reassign"), json!({"agent_id": dario.user_id})).await;
        assert_eq!(status, StatusCode::CREATED, "{moved}");
        assert_eq!(moved["agent"]["id"], dario.user_id.as_str());
        assert_eq!(moved["status"], "active");
        let moved_steps = items(&moved["steps"]);
        assert_eq!(moved_steps.iter().map(|st| s(st, "title")).collect::<Vec<_>>(), ["Second", "Third"], "the open steps only");
        assert_eq!(time(&moved_steps[0]["due_at"]), end_of_tenth);
        assert_eq!(time(&moved_steps[1]["due_at"]), end_of_tenth + chrono::Duration::days(10));
        let old = assignment(&app, &f.lena, &id).await;
        assert_eq!(old["status"], "cancelled");
        let kinds = history_kinds(&old);
        for kind in ["assigned", "extended", "step_completed", "reassigned"] {
            assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
        }
        assert_eq!(kinds.iter().filter(|k| *k == "extended").count(), 2, "{kinds:?}");
        let reassigned = items(&old["history"]).into_iter().find(|h| h["kind"] == "reassigned").unwrap_or_default();
        let detail = reassigned["detail"].to_string();
        assert!(detail.contains("Dario") || detail.contains(&dario.user_id), "the history says to whom: {reassigned}");
        let actor = reassigned["actor"].to_string();
        assert!(actor.contains(&f.lena.user_id) || actor.contains("Lena"), "Lena did it: {reassigned}");
        let (status, _) = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{}/reassign", s(&moved, "id")), json!({"agent_id": f.bruno.user_id})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "Bruno is not in Lena's team");
        let got = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{id}/extend"), json!({"due_on": "2027-02-01", "step_id": null})).await;
        assert_refused(&got, StatusCode::CONFLICT, "assignment_closed");

        // Cancelled: closed for good, and off Dario's list. A reason too long is refused
        // (not cut), and the path stays as it was.
        let new_id = s(&moved, "id");
        let got = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{new_id}/cancel"), json!({"reason": "x".repeat(501)})).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "too_long");
        assert_eq!(assignment(&app, &f.lena, &new_id).await["status"], "active");
        let (status, body) = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{new_id}/cancel"), json!({"reason": "Moved to billing"})).await;
        assert!(status.is_success(), "{status} {body}");
        let cancelled = assignment(&app, &f.lena, &new_id).await;
        assert_eq!(cancelled["status"], "cancelled");
        assert!(history_kinds(&cancelled).iter().any(|k| k == "cancelled"), "{cancelled}");
        let got = post(&app, &f.lena, &format!("/api/v1/coaching/assignments/{new_id}/extend"), json!({"due_on": "2027-02-01", "step_id": null})).await;
        assert_refused(&got, StatusCode::CONFLICT, "assignment_closed");
        assert!(items(&my_paths(&app, &dario).await).iter().all(|p| p["status"] != "active"));
        let (_, open) = get(&app, &f.admin, "/api/v1/coaching/assignments?status=active").await;
        assert!(items(&open).is_empty(), "{open}");
    }
}
