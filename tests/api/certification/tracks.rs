//! A track from authoring to certificate: enrolment, a lesson passed after enrolling, a
//! teach-back that needs work and is submitted again, the assessment that passes it, and
//! the certification it issues — with its evidence, its mail and its public check.

use super::*;
use crate::coaching::completion::attempt;
use cinco_tests::on_both_databases;

on_both_databases! {
    async fn a_finished_track_issues_a_certification_with_its_evidence(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        app.create_competency(&f.admin, "ownership").await;
        let version = app.publish_lesson(&f.admin, &lesson("owning-it")).await;
        let lesson_module = json!({"title": "Owning the problem", "kind": "lesson", "target_key": "owning-it", "pass_percent": 100});

        // Authoring: trainers and admins; bad tracks are refused with the field at fault.
        let (status, _) = post(&app, &f.lena, "/api/v1/tracks", json!({})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads do not author tracks");
        let bad = json!({"title": "T", "level": "coach", "scope": ["ownership"], "validity_months": 12,
            "modules": [{"title": "Teach", "kind": "teach_back", "rubric": []}]});
        assert_refused(&post(&app, &tess, "/api/v1/tracks", bad).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_track");
        let unknown = json!({"title": "T", "level": "coach", "scope": ["ownership"], "validity_months": 12,
            "modules": [{"title": "Read", "kind": "lesson", "target_key": "nope"}]});
        assert_refused(&post(&app, &tess, "/api/v1/tracks", unknown).await, StatusCode::UNPROCESSABLE_ENTITY, "unknown_lesson");
        let no_scope = json!({"title": "T", "level": "coach", "scope": ["flying"], "validity_months": 12, "modules": [teach_back()]});
        assert_refused(&post(&app, &tess, "/api/v1/tracks", no_scope).await, StatusCode::UNPROCESSABLE_ENTITY, "unknown_competency");
        let track = create_track(&app, &tess, vec![lesson_module, teach_back()], &["ownership"]).await;
        let track_id = s(&track, "id");
        assert_eq!(track["modules"][1]["rubric"][1], "Has the group practise it");

        // Enrolment: leads and trainers-to-be, not agents; twice is skipped.
        let path = format!("/api/v1/tracks/{track_id}/enrolments");
        assert_refused(&post(&app, &tess, &path, json!({"user_ids": [f.ana.user_id]})).await, StatusCode::UNPROCESSABLE_ENTITY, "not_a_trainee");
        let (status, _) = post(&app, &f.sam, &path, json!({"user_ids": [f.lena.user_id]})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads do not enrol");
        // A lesson passed before enrolling does not count.
        attempt(&app, &f.lena, &version, [true, true, true]).await;
        app.clock.set(at(12, 1, 10, 0));
        let enrolment = enrol(&app, &tess, &track_id, &f.lena).await;
        let (_, again) = post(&app, &tess, &path, json!({"user_ids": [f.lena.user_id]})).await;
        assert_eq!((items(&again["enrolled"]).len(), again["skipped"][0]["id"].as_str()), (0, Some(f.lena.user_id.as_str())), "{again}");
        let enrolment_id = s(&enrolment, "id");
        // Trainers choose trainees among leads, trainers and admins (not agents).
        let (status, candidates) = get(&app, &tess, &format!("/api/v1/tracks/{track_id}/candidates")).await;
        assert_eq!(status, StatusCode::OK, "{candidates}");
        let lena = find(&candidates, "display_name", "Lena").unwrap_or_else(|| panic!("{candidates}"));
        assert_eq!((lena["enrolled"].as_bool(), lena["roles"][0].as_str()), (Some(true), Some("lead")));
        assert_eq!(find(&candidates, "display_name", "Sam").map(|c| c["enrolled"].clone()), Some(json!(false)));
        assert!(find(&candidates, "display_name", "Ana").is_none(), "agents are not trainees: {candidates}");
        assert_eq!((enrolment["done"].as_u64(), enrolment["total"].as_u64()), (Some(0), Some(2)), "{enrolment}");
        let (status, _) = get(&app, &f.ana, &format!("/api/v1/enrolments/{enrolment_id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "someone else's enrolment");
        // Today's session names the track's next module.
        let (_, today) = get(&app, &f.lena, "/api/v1/today").await;
        assert_eq!((today["tracks"][0]["module_title"].as_str(), today["tracks"][0]["target_key"].as_str()), (Some("Owning the problem"), Some("owning-it")), "{today}");

        // The teach-back: submitted, needs work, submitted again, passed.
        let teach = s(&module(&enrolment, 2), "id");
        let first = submit_teach_back(&app, &f.lena, &enrolment_id, &teach).await;
        let (_, today) = get(&app, &f.lena, "/api/v1/today").await;
        assert_eq!(today["tracks"][0]["waiting"], false, "the lesson is still hers to do: {today}");
        let resubmit = format!("/api/v1/me/enrolments/{enrolment_id}/modules/{teach}/submissions");
        assert_refused(&post(&app, &f.lena, &resubmit, json!({"plan": "Again"})).await, StatusCode::CONFLICT, "already_submitted");
        assert_refused(&post(&app, &f.lena, &resubmit, json!({"plan": "p", "recording_url": "ftp://x"})).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_link");
        let (_, today) = get(&app, &f.lena, "/api/v1/today").await;
        assert_eq!((today["tracks"][0]["module_title"].as_str(), today["tracks"][0]["waiting"].as_bool()), (Some("Owning the problem"), Some(false)), "the lesson is what she can do now: {today}");
        let (status, queue) = get(&app, &tess, "/api/v1/assessments").await;
        assert_eq!(status, StatusCode::OK, "{queue}");
        let queued = find(&queue, "id", &s(&first, "id")).unwrap_or_else(|| panic!("{queue}"));
        assert_eq!((queued["may_assess"].as_bool(), queued["trainee"]["id"].as_str()), (Some(true), Some(f.lena.user_id.as_str())));
        let (status, _) = get(&app, &f.lena, "/api/v1/assessments").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "trainees do not see the queue");
        assert_refused(&assess(&app, &tess, &s(&first, "id"), &[4]).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_assessment");
        let (status, needs_work) = assess(&app, &tess, &s(&first, "id"), &[4, 2]).await;
        assert_eq!((status, needs_work["status"].as_str()), (StatusCode::OK, Some("needs_work")), "{needs_work}");
        assert_refused(&assess(&app, &tess, &s(&first, "id"), &[4, 4]).await, StatusCode::CONFLICT, "already_assessed");
        let (_, mine) = get(&app, &f.lena, "/api/v1/me/enrolments").await;
        let seen = &module(&mine[0], 2)["submissions"][0];
        assert_eq!((seen["status"].as_str(), seen["ratings"][1]["rating"].as_u64(), seen["ratings"][1]["criterion"].as_str()),
            (Some("needs_work"), Some(2), Some("Has the group practise it")), "the trainee sees the feedback: {seen}");
        app.clock.set(at(12, 3, 10, 0));
        let second = submit_teach_back(&app, &f.lena, &enrolment_id, &teach).await;
        let (status, passed) = assess(&app, &tess, &s(&second, "id"), &[3, 4]).await;
        assert_eq!((status, passed["status"].as_str()), (StatusCode::OK, Some("passed")), "{passed}");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM certifications").await, 0, "the lesson is still open");

        // The lesson passed after enrolling completes the track and issues the certification.
        app.clock.set(at(12, 4, 10, 0));
        attempt(&app, &f.lena, &version, [true, true, false]).await;
        assert_eq!(count(&app, "SELECT COUNT(*) FROM certifications").await, 0, "2 of 3 is under the mark of 100 %");
        attempt(&app, &f.lena, &version, [true, true, true]).await;
        let (_, mine) = get(&app, &f.lena, "/api/v1/me/enrolments").await;
        assert_eq!((mine[0]["status"].as_str(), mine[0]["done"].as_u64()), (Some("completed"), Some(2)), "{mine}");
        let (_, today) = get(&app, &f.lena, "/api/v1/today").await;
        assert_eq!(today["tracks"].as_array().map(Vec::len), Some(0), "a finished track leaves the day: {today}");
        let (status, certs) = get(&app, &f.lena, "/api/v1/me/certifications").await;
        assert_eq!(status, StatusCode::OK, "{certs}");
        let cert = certs[0].clone();
        assert_eq!(s(&cert, "id"), s(&mine[0], "certification_id"));
        assert_eq!((s(&cert, "level"), s(&cert, "status"), s(&cert["issued_by"], "id")), ("coach".into(), "active".into(), tess.user_id.clone()), "{cert}");
        assert_eq!(cert["scope"][0]["key"], "ownership");
        assert!(s(&cert, "expires_at").starts_with("2028-12-04"), "24 months: {cert}");
        let evidence = items(&cert["evidence"]);
        assert_eq!(evidence.len(), 2, "{cert}");
        assert_eq!((evidence[0]["score"].as_i64(), evidence[1]["assessed_by"]["id"].as_str()), (Some(100), Some(tess.user_id.as_str())));
        assert_eq!(cert["history"][0]["kind"], "issued");
        let mails = app.delivered_mails("lena@acme.example", 2).await;
        assert!(mails.iter().any(|m| m.contains("You completed your track at Acme") && m.contains("Coach for empowerment")), "the holder hears of it: {mails:?}");

        // Anyone with the link can check it, signed out; nothing else is public.
        let res = app.get(&format!("/api/v1/public/certifications/{}", s(&cert, "id"))).await;
        assert_eq!(res.status(), StatusCode::OK);
        let public = cinco_tests::read_json(res).await;
        assert_eq!((public["holder_name"].as_str(), public["status"].as_str(), public["certified_by"].as_str()), (Some("Lena"), Some("active"), Some("Tess")), "{public}");
        assert_eq!((public["issuer"]["name"].as_str(), public["achievement"]["level"].as_str()), (Some("Acme"), Some("coach")));
        assert_eq!(public["achievement"]["competencies"][0]["key"], "ownership");
        assert!(public.get("email").is_none() && !public.to_string().contains("lena@acme.example"), "no address is public: {public}");
        let res = app.get(&format!("/api/v1/public/certifications/{}", uuid::Uuid::new_v4())).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }

    async fn an_observed_session_is_a_recorded_coaching_session_of_the_trainee(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        app.create_competency(&f.admin, "empathy").await;
        let observed = json!({"title": "Coach Ana while observed", "kind": "observed_session", "rubric": ["Asks before telling"]});
        let track = create_track(&app, &tess, vec![observed], &["empathy"]).await;
        let (_, early) = post(&app, &f.lena, "/api/v1/coaching/sessions", json!({"agent_id": f.ana.user_id})).await;
        let (status, _) = post(&app, &f.lena, &format!("/api/v1/coaching/sessions/{}/record", s(&early, "id")),
            json!({"observation": "live", "ratings": [], "actions": []})).await;
        assert!(status.is_success());
        app.clock.set(at(12, 1, 10, 0));
        let enrolment = enrol(&app, &f.admin, &s(&track, "id"), &f.lena).await;
        let path = format!("/api/v1/me/enrolments/{}/modules/{}/submissions", s(&enrolment, "id"), s(&module(&enrolment, 1), "id"));
        let (_, session) = post(&app, &f.lena, "/api/v1/coaching/sessions", json!({"agent_id": f.ana.user_id})).await;
        let session_id = s(&session, "id");
        assert_refused(&post(&app, &f.lena, &path, json!({"coaching_session_id": session_id})).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_session");
        let got = post(&app, &f.lena, &path, json!({"coaching_session_id": s(&early, "id")})).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_session");
        let (status, recorded) = post(&app, &f.lena, &format!("/api/v1/coaching/sessions/{session_id}/record"),
            json!({"observation": "live", "ratings": [], "actions": []})).await;
        assert!(status.is_success(), "{recorded}");
        let (_, before) = get(&app, &f.lena, "/api/v1/today").await;
        assert_eq!(before["tracks"][0]["waiting"], false, "{before}");
        let (status, sub) = post(&app, &f.lena, &path, json!({"coaching_session_id": session_id, "notes": "Tess sat in"})).await;
        assert_eq!(status, StatusCode::CREATED, "{sub}");
        let (_, after) = get(&app, &f.lena, "/api/v1/today").await;
        assert_eq!(after["tracks"][0]["waiting"], true, "sent, it waits for the assessor: {after}");
        assert_eq!(sub["coaching_session_id"], session_id.as_str());
        // The trainer assessing it reads the session it names, though it is another lead's.
        let (status, opened) = get(&app, &tess, &format!("/api/v1/assessments/{}", s(&sub, "id"))).await;
        assert_eq!(status, StatusCode::OK, "{opened}");
        assert_eq!((opened["observed_session"]["agent"]["display_name"].as_str(), opened["observed_session"]["observation"].as_str()), (Some("Ana"), Some("live")), "{opened}");
        let (status, _) = get(&app, &tess, &format!("/api/v1/coaching/sessions/{session_id}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "sessions themselves stay the leads'");
        let (status, _) = assess(&app, &f.admin, &s(&sub, "id"), &[3]).await;
        assert_eq!(status, StatusCode::OK);
        let (_, certs) = get(&app, &f.lena, "/api/v1/me/certifications").await;
        assert_eq!(certs[0]["issued_by"]["id"], f.admin.user_id.as_str(), "the assessor certified her: {certs}");
        // Withdrawing a finished enrolment is refused.
        let got = post(&app, &tess, &format!("/api/v1/enrolments/{}/withdraw", s(&enrolment, "id")), json!({})).await;
        assert_refused(&got, StatusCode::CONFLICT, "enrolment_closed");
    }

    async fn withdrawing_takes_a_trainee_out_of_the_queue_and_the_day(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        app.create_competency(&f.admin, "empathy").await;
        let track = create_track(&app, &tess, vec![teach_back()], &["empathy"]).await;
        let enrolment = enrol(&app, &tess, &s(&track, "id"), &f.sam).await;
        let id = s(&enrolment, "id");
        submit_teach_back(&app, &f.sam, &id, &s(&module(&enrolment, 1), "id")).await;
        let (_, queue) = get(&app, &tess, "/api/v1/assessments").await;
        assert_eq!(items(&queue).len(), 1, "{queue}");
        let (status, withdrawn) = post(&app, &tess, &format!("/api/v1/enrolments/{id}/withdraw"), json!({})).await;
        assert_eq!((status, s(&withdrawn, "status")), (StatusCode::OK, "withdrawn".to_owned()), "{withdrawn}");
        let (_, queue) = get(&app, &tess, "/api/v1/assessments").await;
        assert_eq!(items(&queue).len(), 0, "nobody waits for a withdrawn trainee: {queue}");
        let (_, today) = get(&app, &f.sam, "/api/v1/today").await;
        assert_eq!(today["tracks"].as_array().map(Vec::len), Some(0), "{today}");
        let got = post(&app, &f.sam, &format!("/api/v1/me/enrolments/{id}/modules/{}/submissions", s(&module(&enrolment, 1), "id")), json!({"plan": "Again"})).await;
        assert_refused(&got, StatusCode::CONFLICT, "enrolment_closed");
        // Archived, the track takes nobody new.
        let (status, _) = post(&app, &tess, &format!("/api/v1/tracks/{}/archive", s(&track, "id")), json!({"archived": true})).await;
        assert_eq!(status, StatusCode::OK);
        let got = post(&app, &tess, &format!("/api/v1/tracks/{}/enrolments", s(&track, "id")), json!({"user_ids": [f.sam.user_id]})).await;
        assert_refused(&got, StatusCode::CONFLICT, "track_archived");
    }

    async fn a_certification_is_what_the_track_was_at_enrolment_and_offline_lessons_count(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        app.create_competency(&f.admin, "ownership").await;
        let version = app.publish_lesson(&f.admin, &lesson("owning-it")).await;
        let lesson_module = json!({"title": "Owning the problem", "kind": "lesson", "target_key": "owning-it"});
        // Nobody certifies themselves: a track needs an assessed module, and someone else enrols you.
        let reading = json!({"title": "T", "level": "master_trainer", "scope": ["ownership"], "validity_months": 12, "modules": [lesson_module.clone()]});
        assert_refused(&post(&app, &tess, "/api/v1/tracks", reading).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_track");
        let track = create_track(&app, &tess, vec![lesson_module, teach_back()], &["ownership"]).await;
        let track_id = s(&track, "id");
        let got = post(&app, &tess, &format!("/api/v1/tracks/{track_id}/enrolments"), json!({"user_ids": [tess.user_id]})).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "self_enrolment");
        let enrolment = enrol(&app, &tess, &track_id, &f.lena).await;

        // The track changes after Lena enrolled: her enrolment and certificate do not.
        let (status, edited) = send(&app, &tess, reqwest::Method::PUT, &format!("/api/v1/tracks/{track_id}"), Some(json!({
            "title": "Renamed", "description": "New", "level": "trainer", "scope": ["ownership"], "validity_months": 1,
            "modules": [teach_back()]
        }))).await;
        assert_eq!((status, s(&edited, "level")), (StatusCode::OK, "trainer".to_owned()), "{edited}");

        // The lesson taken offline and synced completes its module.
        let results = crate::today::attempt_results(&uuid::Uuid::new_v4().to_string(), &version, true, at(12, 1, 9, 0));
        let (status, report) = post(&app, &f.lena, "/api/v1/sync", json!({"results": results})).await;
        assert_eq!((status, report["accepted"].as_u64()), (StatusCode::OK, Some(4)), "{report}");
        let (_, mine) = get(&app, &f.lena, "/api/v1/me/enrolments").await;
        assert_eq!((mine[0]["done"].as_u64(), mine[0]["track_title"].as_str(), mine[0]["level"].as_str()), (Some(1), Some("Coach for empowerment"), Some("coach")), "{mine}");
        let sub = submit_teach_back(&app, &f.lena, &s(&enrolment, "id"), &s(&module(&enrolment, 2), "id")).await;
        assert_eq!(assess(&app, &tess, &s(&sub, "id"), &[3, 3]).await.0, StatusCode::OK);
        let (_, certs) = get(&app, &f.lena, "/api/v1/me/certifications").await;
        assert_eq!((s(&certs[0], "title"), s(&certs[0], "level")), ("Coach for empowerment".to_owned(), "coach".to_owned()), "{certs}");
        assert!(s(&certs[0], "expires_at").starts_with("2028-12-01"), "24 months, as when she enrolled: {certs}");
        let public = cinco_tests::read_json(app.get(&format!("/api/v1/public/certifications/{}", s(&certs[0], "id"))).await).await;
        assert_eq!(public["achievement"]["description"], "Coach agents to solve the customer's problem.");
        assert!(!public.to_string().contains("rated 3"), "assessors' comments stay inside: {public}");
    }

    async fn a_track_translated_reaches_its_trainees_in_their_language(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        app.create_competency(&f.admin, "ownership").await;
        let track = create_track(&app, &tess, vec![teach_back()], &["ownership"]).await;
        let id = s(&track, "id");
        assert_eq!(track["languages"]["source_locale"], "en", "{track}");
        assert_eq!(track["languages"]["source"]["steps"][0]["rubric"][1], "Has the group practise it");
        let texts = format!("/api/v1/tracks/{id}/texts/it");
        let italian = json!({
            "title": "Coach per l'empowerment", "description": "Aiuta gli operatori a risolvere.",
            "steps": [{"title": "Insegna la riunione", "instructions": "Tieni una riunione di dieci minuti.",
                       "rubric": ["Fissa un obiettivo chiaro", "Fa esercitare il gruppo"]}]
        });
        let mut one_criterion = italian.clone();
        one_criterion["steps"][0]["rubric"] = json!(["Fissa un obiettivo chiaro"]);
        let got = send(&app, &tess, reqwest::Method::PUT, &texts, Some(one_criterion)).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_translation");
        assert_eq!(s(&got.1["errors"][0], "field"), "steps[0].rubric", "{}", got.1);
        let got = send(&app, &f.lena, reqwest::Method::PUT, &texts, Some(italian.clone())).await;
        assert_eq!(got.0, StatusCode::FORBIDDEN, "leads do not translate tracks");
        let (status, saved) = send(&app, &tess, reqwest::Method::PUT, &texts, Some(italian)).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["languages"]["missing"], json!(["es"]));

        // An Italian lead enrolled reads it in Italian; the trainer in English.
        let marco = join_as(&app, &f.admin, "marco@acme.example", "Marco", &["lead"], None, "it").await;
        let enrolled = enrol(&app, &tess, &id, &marco).await;
        assert_eq!(enrolled["track_title"], "Coach for empowerment", "the trainer reads English: {enrolled}");
        let (status, mine) = get(&app, &marco, "/api/v1/me/enrolments").await;
        assert_eq!(status, StatusCode::OK, "{mine}");
        let his = &mine[0];
        assert_eq!(his["track_title"], "Coach per l'empowerment", "{his}");
        assert_eq!(his["locale"], "it");
        assert_eq!(module(his, 1)["title"], "Insegna la riunione");
        assert_eq!(module(his, 1)["rubric"][1], "Fa esercitare il gruppo");
        assert_eq!(module(his, 1)["instructions"], "Tieni una riunione di dieci minuti.");
        let (_, today) = get(&app, &marco, "/api/v1/today").await;
        assert!(today.to_string().contains("Insegna la riunione"), "{today}");
    }
}
