//! How steps complete: a lesson by an attempt after the assignment at the pass mark, a
//! practice task by the agent's own report; the path completes with its last step; open
//! steps reach today's session.

use super::*;
use cinco_tests::on_both_databases;

/// Takes the three-check lesson `version` as `who`, answering the checks right or wrong;
/// answers the result.
pub async fn attempt(app: &TestApp, who: &Session, version: &str, right: [bool; 3]) -> Value {
    let id = uuid::Uuid::new_v4();
    let (status, body) = post(
        app,
        who,
        "/api/v1/learn/attempts",
        json!({"id": id, "lesson_version_id": version}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let answers = [
        (json!({"choices": [1]}), json!({"choices": [0]})),
        (json!({"true_false": false}), json!({"true_false": true})),
        (json!({"choices": [0]}), json!({"choices": [1]})),
    ];
    for (card, ((good, bad), ok)) in answers.into_iter().zip(right).enumerate() {
        let response = if ok { good } else { bad };
        let (status, graded) = post(
            app,
            who,
            &format!("/api/v1/learn/attempts/{id}/answers"),
            json!({"id": uuid::Uuid::new_v4(), "card": card + 1, "response": response}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{graded}");
        assert_eq!(graded["correct"], ok);
    }
    let (status, done) = post(
        app,
        who,
        &format!("/api/v1/learn/attempts/{id}/complete"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    done
}

on_both_databases! {
    async fn a_lesson_step_needs_a_passing_attempt_after_the_assignment(app) {
        let f = floor(&app).await;
        set_time_zone(&app, &f.ana, "Europe/Madrid").await;
        let version = app.publish_lesson(&f.admin, &lesson("listen-first")).await;
        let template = create_path(&app, &f.admin, "Listening path", vec![
            lesson_step("Take: listen first", "listen-first", Some(2)),
            practice_step("Use the checklist", Some(5)),
        ]).await;

        // A perfect attempt before the assignment does not count.
        app.clock.set(at(12, 1, 8, 0));
        attempt(&app, &f.ana, &version, [true, true, true]).await;
        app.clock.set(at(12, 1, 9, 0));
        let answer = assign(&app, &f.lena, json!({"template_id": s(&template, "id"), "agent_ids": [f.ana.user_id], "due_on": "2026-12-20"})).await;
        let view = answer["assignments"][0].clone();
        let id = s(&view, "id");
        let lesson_id = s(&step(&view, 1), "id");
        assert_eq!(step(&view, 1)["completed_at"], Value::Null, "{view}");
        assert_eq!(step(&view, 1)["pass_percent"], 70);
        // One due date for the whole path: the end of 20 December in Madrid.
        for st in items(&view["steps"]) {
            assert_eq!(st["due_at"].as_str().and_then(|t| DateTime::parse_from_rfc3339(t).ok()).map(|t| t.with_timezone(&Utc)), Some(at(12, 20, 23, 0)), "{st}");
        }

        // The lesson step is in today's session as the lesson itself.
        let (status, today) = get(&app, &f.ana, "/api/v1/today").await;
        assert_eq!(status, StatusCode::OK);
        let lesson_item = find(&today["items"], "path_step_id", &lesson_id).unwrap_or_else(|| panic!("the lesson step in {today}"));
        assert_eq!(lesson_item["kind"], "lesson");
        assert_eq!(lesson_item["key"], "listen-first");
        assert_eq!(lesson_item["path_title"], "Listening path");

        // One right of three (33 %) is below the mark: still open.
        app.clock.set(at(12, 1, 10, 0));
        attempt(&app, &f.ana, &version, [true, false, false]).await;
        let view = assignment(&app, &f.admin, &id).await;
        assert_eq!(step(&view, 1)["completed_at"], Value::Null, "{view}");
        assert_eq!(view["completed_steps"], 0);
        // Three of three: done, with its score.
        app.clock.set(at(12, 1, 10, 30));
        attempt(&app, &f.ana, &version, [true, true, true]).await;
        let view = assignment(&app, &f.admin, &id).await;
        assert!(step(&view, 1)["completed_at"].is_string(), "{view}");
        assert_eq!(step(&view, 1)["score"], 100, "{view}");
        assert_eq!((view["completed_steps"].as_u64(), view["status"].as_str()), (Some(1), Some("active")));
        assert!(history_kinds(&view).iter().any(|k| k == "step_completed"), "{view}");
    }

    async fn the_agent_is_told_what_a_step_needs_before_and_after_and_the_lead_sees_the_attempt(app) {
        let f = floor(&app).await;
        let version = app.publish_lesson(&f.admin, &lesson("listen-first")).await;
        let template = create_path(&app, &f.admin, "Listening path", vec![lesson_step("Take: listen first", "listen-first", Some(2))]).await;
        let view = assign_to(&app, &f.lena, &s(&template, "id"), &f.ana).await;
        let id = s(&view, "id");
        assert_eq!((step(&view, 1)["pass_mark"].as_u64(), step(&view, 1)["attempted"].as_bool()), (Some(70), Some(false)), "{view}");

        // Before: the lesson says which step it is for and that it needs 3 of 3 right.
        let (status, take) = get(&app, &f.ana, "/api/v1/learn/lessons/listen-first").await;
        assert_eq!(status, StatusCode::OK, "{take}");
        let need = &take["path_steps"][0];
        assert_eq!((need["path_title"].as_str(), need["step_title"].as_str()), (Some("Listening path"), Some("Take: listen first")), "{take}");
        assert_eq!((need["needed"].as_u64(), need["items"].as_u64(), need["pass_mark"].as_u64()), (Some(3), Some(3), Some(70)), "{take}");

        // After two of three: not passed, and what a retry needs.
        app.clock.advance(chrono::Duration::minutes(5));
        let done = attempt(&app, &f.ana, &version, [true, true, false]).await;
        let result = &done["steps"][0];
        assert_eq!((result["passed"].as_bool(), result["needed"].as_u64(), result["items"].as_u64()), (Some(false), Some(3), Some(3)), "{done}");
        // The lead sees it attempted, not only overdue; the step stays open.
        let view = assignment(&app, &f.lena, &id).await;
        let lesson_step = step(&view, 1);
        assert_eq!((lesson_step["attempted"].as_bool(), lesson_step["score"].as_u64()), (Some(true), Some(66)), "{view}");
        assert_eq!(lesson_step["completed_at"], Value::Null);
        let (_, take) = get(&app, &f.ana, "/api/v1/learn/lessons/listen-first").await;
        assert_eq!(take["path_steps"][0]["attempted"], true, "{take}");

        // The retry passes: done, and told so.
        app.clock.advance(chrono::Duration::minutes(5));
        let done = attempt(&app, &f.ana, &version, [true, true, true]).await;
        assert_eq!(done["steps"][0]["passed"], true, "{done}");
        let view = assignment(&app, &f.lena, &id).await;
        assert_eq!((step(&view, 1)["attempted"].as_bool(), step(&view, 1)["score"].as_u64()), (Some(false), Some(100)), "{view}");
        assert!(step(&view, 1)["completed_at"].is_string());
    }

    async fn a_practice_task_is_reported_once_and_the_last_step_completes_the_path(app) {
        let f = floor(&app).await;
        let version = app.publish_lesson(&f.admin, &lesson("listen-first")).await;
        let template = create_path(&app, &f.admin, "Listening path", vec![
            lesson_step("Take: listen first", "listen-first", Some(2)),
            practice_step("Use the checklist", Some(5)),
        ]).await;
        let view = assign_to(&app, &f.lena, &s(&template, "id"), &f.ana).await;
        let id = s(&view, "id");
        let (lesson_id, task_id) = (s(&step(&view, 1), "id"), s(&step(&view, 2), "id"));
        let done = |step: &str| format!("/api/v1/me/paths/steps/{step}/done");

        let got = post(&app, &f.ana, &done(&lesson_id), json!({"note": "I read it"})).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "not_self_reported");
        let (status, _) = post(&app, &f.bruno, &done(&task_id), json!({"note": "Not mine"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another agent's step");
        let (status, _) = post(&app, &f.lena, &done(&task_id), json!({"note": "For her"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "the agent reports, not the lead");

        let (status, body) = post(&app, &f.ana, &done(&task_id), json!({"note": "Used it on 5 calls; two customers thanked me"})).await;
        assert!(status.is_success(), "{status} {body}");
        let view = assignment(&app, &f.admin, &id).await;
        let task = step(&view, 2);
        assert!(task["completed_at"].is_string(), "{view}");
        assert_eq!(task["note"], "Used it on 5 calls; two customers thanked me");
        assert_eq!(view["status"], "active", "the lesson is still open");
        let got = post(&app, &f.ana, &done(&task_id), json!({"note": "Again"})).await;
        assert_refused(&got, StatusCode::CONFLICT, "already_done");

        // The lesson passed: every step is done and so is the path.
        app.clock.advance(chrono::Duration::minutes(5));
        attempt(&app, &f.ana, &version, [true, true, false]).await; // 67 % < 70 %
        assert_eq!(assignment(&app, &f.admin, &id).await["status"], "active");
        attempt(&app, &f.ana, &version, [true, true, true]).await;
        let view = assignment(&app, &f.admin, &id).await;
        assert_eq!((view["status"].as_str(), view["completed_steps"].as_u64(), view["total_steps"].as_u64()), (Some("completed"), Some(2), Some(2)), "{view}");
        let kinds = history_kinds(&view);
        assert_eq!(kinds.iter().filter(|k| *k == "step_completed").count(), 2, "{kinds:?}");
        assert!(kinds.iter().any(|k| k == "completed"), "{kinds:?}");
        let mine = my_paths(&app, &f.ana).await;
        let listed = find(&mine, "id", &id).unwrap_or_else(|| panic!("a path completed lately is still listed: {mine}"));
        assert_eq!(listed["status"], "completed");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM path_steps WHERE completed_at IS NOT NULL").await, 2);
    }

    async fn a_lesson_without_checks_passes_when_finished(app) {
        let f = floor(&app).await;
        let source = "---\nkey: just-read\ntitle: Just read\nlocale: en\n---\n\n:::text\nSay sorry once, then fix it.\n:::\n";
        let version = app.publish_lesson(&f.admin, source).await;
        let template = create_path(&app, &f.admin, "Reading", vec![lesson_step("Read it", "just-read", None)]).await;
        let view = assign_to(&app, &f.admin, &s(&template, "id"), &f.ana).await;
        assert_eq!(step(&view, 1)["due_at"], Value::Null, "no days, no due date: {view}");
        app.clock.advance(chrono::Duration::minutes(1));
        let attempt_id = uuid::Uuid::new_v4();
        let (status, _) = post(&app, &f.ana, "/api/v1/learn/attempts", json!({"id": attempt_id, "lesson_version_id": version})).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, _) = post(&app, &f.ana, &format!("/api/v1/learn/attempts/{attempt_id}/complete"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let view = assignment(&app, &f.admin, &s(&view, "id")).await;
        assert_eq!(view["status"], "completed", "{view}");
    }

    async fn open_steps_of_active_paths_reach_todays_session(app) {
        let f = floor(&app).await;
        app.publish_lesson(&f.admin, &lesson("listen-first")).await;
        let checklist = create_path(&app, &f.admin, "Checklist path", vec![practice_step("Use the checklist", Some(2))]).await;
        let listening = create_path(&app, &f.admin, "Listening path", vec![
            lesson_step("Take: listen first", "listen-first", Some(2)),
            practice_step("Second task", Some(5)),
        ]).await;
        // The day was composed before the paths were given: their steps join it on the next visit.
        let (status, _) = get(&app, &f.ana, "/api/v1/today").await;
        assert_eq!(status, StatusCode::OK);
        let a = assign_to(&app, &f.lena, &s(&checklist, "id"), &f.ana).await;
        let b = assign_to(&app, &f.lena, &s(&listening, "id"), &f.ana).await;
        let (status, today) = get(&app, &f.ana, "/api/v1/today").await;
        assert_eq!(status, StatusCode::OK);
        // A practice task as a path step, with its instructions.
        let task = find(&today["items"], "path_step_id", &s(&step(&a, 1), "id")).unwrap_or_else(|| panic!("the task in {today}"));
        assert_eq!(task["kind"], "path_step");
        assert_eq!(task["step_kind"], "practice_task");
        assert_eq!(task["detail"], "Instructions for Use the checklist");
        assert_eq!(task["path_title"], "Checklist path");
        // A lesson step as the lesson.
        let lesson_item = find(&today["items"], "path_step_id", &s(&step(&b, 1), "id")).unwrap_or_else(|| panic!("the lesson step in {today}"));
        assert_eq!((lesson_item["kind"].as_str(), lesson_item["path_title"].as_str()), (Some("lesson"), Some("Listening path")));
        // Each path shows its next step only; the second comes once the first is done.
        assert!(find(&today["items"], "path_step_id", &s(&step(&b, 2), "id")).is_none(), "{today}");
        // The path's lesson is not offered a second time as ordinary new material.
        let plain = today["items"].as_array().cloned().unwrap_or_default().into_iter()
            .filter(|i| i["key"] == "listen-first" && i["path_step_id"].is_null()).count();
        assert_eq!(plain, 0, "{today}");
        // Done: the task's report completes its step and the item is done.
        let (status, _) = post(&app, &f.ana, &format!("/api/v1/me/paths/steps/{}/done", s(&step(&a, 1), "id")), json!({"note": "Five calls"})).await;
        assert_eq!(status, StatusCode::OK);
        let (_, today) = get(&app, &f.ana, "/api/v1/today").await;
        let task = find(&today["items"], "path_step_id", &s(&step(&a, 1), "id")).unwrap_or_else(|| panic!("the task in {today}"));
        assert_eq!(task["done"], true, "{today}");
    }

    async fn every_paths_next_step_is_in_a_day_composed_after_they_were_given(app) {
        let f = floor(&app).await;
        app.publish_lesson(&f.admin, &lesson("speak-plainly")).await;
        let first = create_path(&app, &f.admin, "Plain words", vec![lesson_step("Take: speak plainly", "speak-plainly", Some(1))]).await;
        let second = create_path(&app, &f.admin, "Follow-ups", vec![practice_step("Call back yourself", None)]).await;
        let a = assign_to(&app, &f.lena, &s(&first, "id"), &f.ana).await;
        let b = assign_to(&app, &f.lena, &s(&second, "id"), &f.ana).await;
        // The first visit of the day composes it: both paths' next steps are in it at once.
        let (status, today) = get(&app, &f.ana, "/api/v1/today").await;
        assert_eq!(status, StatusCode::OK);
        for step_id in [s(&step(&a, 1), "id"), s(&step(&b, 1), "id")] {
            assert!(find(&today["items"], "path_step_id", &step_id).is_some(), "{step_id} in {today}");
        }
        let (_, again) = get(&app, &f.ana, "/api/v1/today").await;
        assert_eq!(today["items"], again["items"], "the day does not change between visits");
    }
}
