//! What certification gates and raises: with "enforce certified coaching" on, only coaches
//! certified for a competency sign off its ratings, and only certified trainers assess;
//! certification levels raise authority limits, and stop raising them once revoked.

use super::*;
use cinco_tests::on_both_databases;

fn rating(key: &str) -> Value {
    json!({"competency_key": key, "indicator": "Owns it", "rating": 3, "note": null})
}

on_both_databases! {
    async fn enforcement_blocks_an_uncertified_sign_off_and_assessment(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        for key in ["empathy", "ownership"] {
            app.create_competency(&f.admin, key).await;
        }
        let schedule = json!({"agent_id": f.ana.user_id});
        let (_, session) = post(&app, &f.lena, "/api/v1/coaching/sessions", schedule.clone()).await;
        let record = format!("/api/v1/coaching/sessions/{}/record", s(&session, "id"));
        let body = |key: &str| json!({"observation": "live", "ratings": [rating(key)], "actions": []});

        // Off (the default): any lead of the agent signs off.
        let (status, _) = post(&app, &f.lena, "/api/v1/coaching/sessions", schedule.clone()).await;
        assert_eq!(status, StatusCode::CREATED);
        enforce(&app, &f.admin, true).await;
        assert_refused(&post(&app, &f.lena, &record, body("empathy")).await, StatusCode::FORBIDDEN, "not_certified");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM coaching_ratings").await, 0, "nothing kept");

        // Certified for empathy: empathy yes, ownership still no.
        grant(&app, &f.admin, &f.lena, "coach", &["empathy"], 12).await;
        assert_refused(&post(&app, &f.lena, &record, body("ownership")).await, StatusCode::FORBIDDEN, "not_certified");
        let (status, recorded) = post(&app, &f.lena, &record, body("empathy")).await;
        assert!(status.is_success(), "{recorded}");

        // An expired certification no longer counts.
        let (_, later) = post(&app, &f.lena, "/api/v1/coaching/sessions", schedule).await;
        app.clock.set(at(12, 1, 9, 0) + chrono::Duration::days(400));
        // Her session ended with the time that passed: she signs in again.
        let lena_later = app.sign_in("lena@acme.example", crate::coaching::PASSWORD).await;
        let got = post(&app, &lena_later, &format!("/api/v1/coaching/sessions/{}/record", s(&later, "id")), body("empathy")).await;
        assert_refused(&got, StatusCode::FORBIDDEN, "not_certified");
        app.clock.set(at(12, 2, 9, 0));

        // Assessing a coach track takes a trainer certification when enforced.
        let track = create_track(&app, &tess, vec![teach_back()], &["empathy"]).await;
        let enrolment = enrol(&app, &tess, &s(&track, "id"), &f.sam).await;
        let sub = submit_teach_back(&app, &f.sam, &s(&enrolment, "id"), &s(&module(&enrolment, 1), "id")).await;
        let (_, queue) = get(&app, &tess, "/api/v1/assessments").await;
        assert_eq!(queue[0]["may_assess"], false, "{queue}");
        assert_refused(&assess(&app, &tess, &s(&sub, "id"), &[4, 4]).await, StatusCode::FORBIDDEN, "not_certified");
        grant(&app, &f.admin, &tess, "coach", &["empathy"], 12).await;
        assert_refused(&assess(&app, &tess, &s(&sub, "id"), &[4, 4]).await, StatusCode::FORBIDDEN, "not_certified");
        grant(&app, &f.admin, &tess, "trainer", &["empathy"], 12).await;
        let (status, passed) = assess(&app, &tess, &s(&sub, "id"), &[4, 4]).await;
        assert_eq!((status, passed["status"].as_str()), (StatusCode::OK, Some("passed")), "{passed}");

        // Nobody assesses their own submission.
        let own = enrol(&app, &f.admin, &s(&track, "id"), &tess).await;
        let mine = submit_teach_back(&app, &tess, &s(&own, "id"), &s(&module(&own, 1), "id")).await;
        assert_refused(&assess(&app, &tess, &s(&mine, "id"), &[4, 4]).await, StatusCode::FORBIDDEN, "own_submission");
    }

    async fn authority_limits_rise_with_certification_level(app) {
        let (f, _) = floor_with_trainer(&app).await;
        app.create_competency(&f.admin, "empathy").await;
        let (status, body) = send(&app, &f.admin, reqwest::Method::PUT, "/api/v1/authority-limits/goodwill-credit", Some(json!({
            "name": {"en": "Goodwill credit"}, "limits": {"agent": 10, "lead": 20},
            "certification_limits": {"coach": 50, "master_trainer": 200}
        }))).await;
        assert!(status.is_success(), "{body}");
        assert_eq!(body["ineffective_certification_limits"], json!([]), "{body}");
        // A coach limit below the lead's own changes nothing: saved, and said so.
        let (status, low) = send(&app, &f.admin, reqwest::Method::PUT, "/api/v1/authority-limits/fee-waiver", Some(json!({
            "name": {"en": "Fee waiver"}, "limits": {"agent": 10, "lead": 20}, "certification_limits": {"coach": 15}
        }))).await;
        assert!(status.is_success(), "{low}");
        assert_eq!(low["ineffective_certification_limits"], json!(["coach"]), "{low}");
        let got = send(&app, &f.admin, reqwest::Method::PUT, "/api/v1/authority-limits/goodwill-credit", Some(json!({
            "name": {"en": "Goodwill credit"}, "limits": {"agent": 10}, "certification_limits": {"guru": 5}
        }))).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "unknown_level");
        let limit = |v: &Value| v["decisions"][0]["your_limit"].as_f64();

        let (_, before) = get(&app, &f.lena, "/api/v1/authority-limits").await;
        assert_eq!(limit(&before), Some(20.0), "{before}");
        let coach = grant(&app, &f.admin, &f.lena, "coach", &["empathy"], 12).await;
        let (_, as_coach) = get(&app, &f.lena, "/api/v1/authority-limits").await;
        assert_eq!(limit(&as_coach), Some(50.0), "{as_coach}");
        // A master trainer holds every level below: the highest limit applies.
        grant(&app, &f.admin, &f.lena, "master_trainer", &["empathy"], 12).await;
        let (_, as_master) = get(&app, &f.lena, "/api/v1/authority-limits").await;
        assert_eq!(limit(&as_master), Some(200.0));
        let (_, agent_view) = get(&app, &f.ana, "/api/v1/authority-limits").await;
        assert_eq!(limit(&agent_view), Some(10.0), "others keep theirs");
        // Revoked, it stops counting at once.
        let (_, all) = get(&app, &f.admin, &format!("/api/v1/certifications?holder_id={}", f.lena.user_id)).await;
        for c in items(&all).iter().filter(|c| c["level"] == "master_trainer") {
            let (status, _) = post(&app, &f.admin, &format!("/api/v1/certifications/{}/revoke", s(c, "id")), json!({"reason": "Granted by mistake"})).await;
            assert_eq!(status, StatusCode::OK);
        }
        let (_, after) = get(&app, &f.lena, "/api/v1/authority-limits").await;
        assert_eq!(limit(&after), Some(50.0), "back to the coach limit: {after}");
        assert_eq!(s(&coach, "status"), "active");
    }
}
