//! A certification's life: revoked with a reason (kept in its history, shown as revoked to
//! anyone checking it), renewed into a new one, reminded of by mail before it expires (a
//! real SMTP server, the clock moved by hand) — and the cascade of who certified whom.

use std::time::Duration;

use super::*;
use cinco_tests::{on_both_databases, smtp, spawn_app_with};

fn history(c: &Value) -> Vec<String> {
    items(&c["history"])
        .iter()
        .filter_map(|h| h["kind"].as_str().map(str::to_owned))
        .collect()
}

on_both_databases! {
    async fn revoked_and_renewed_certifications_keep_their_history(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        app.create_competency(&f.admin, "empathy").await;
        let c = grant(&app, &f.admin, &f.lena, "coach", &["empathy"], 12).await;
        let id = s(&c, "id");
        let (status, _) = post(&app, &tess, "/api/v1/certifications", json!({})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only admins grant");
        let revoke = format!("/api/v1/certifications/{id}/revoke");
        assert_refused(&post(&app, &f.admin, &revoke, json!({"reason": "  "})).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_reason");
        let (status, revoked) = post(&app, &f.admin, &revoke, json!({"reason": "Left the coaching programme"})).await;
        assert_eq!((status, s(&revoked, "status")), (StatusCode::OK, "revoked".to_owned()), "{revoked}");
        assert_eq!(revoked["revoke_reason"], "Left the coaching programme");
        assert_eq!(history(&revoked), ["issued", "revoked"]);
        assert_refused(&post(&app, &f.admin, &revoke, json!({"reason": "again"})).await, StatusCode::CONFLICT, "already_revoked");
        let renew = |id: &str| format!("/api/v1/certifications/{id}/renew");
        assert_refused(&post(&app, &f.admin, &renew(&id), json!({"validity_months": 12})).await, StatusCode::CONFLICT, "already_revoked");
        let public = cinco_tests::read_json(app.get(&format!("/api/v1/public/certifications/{id}")).await).await;
        assert_eq!(public["status"], "revoked", "{public}");
        assert!(!public.to_string().contains("Left the coaching programme"), "the reason stays inside");
        let (status, _) = get(&app, &f.sam, &format!("/api/v1/certifications/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another lead's certification");

        // Renewed: a new certification from today naming the old one, once.
        let old = grant(&app, &f.admin, &f.lena, "coach", &["empathy"], 1).await;
        app.clock.set(at(12, 20, 9, 0));
        let (status, new) = post(&app, &f.admin, &renew(&s(&old, "id")), json!({"validity_months": 12})).await;
        assert_eq!(status, StatusCode::CREATED, "{new}");
        assert_eq!((new["renews_id"].as_str(), s(&new, "level")), (old["id"].as_str(), "coach".to_owned()));
        assert!(s(&new, "expires_at").starts_with("2027-12-20"), "{new}");
        assert_refused(&post(&app, &f.admin, &renew(&s(&old, "id")), json!({"validity_months": 12})).await, StatusCode::CONFLICT, "already_renewed");
        let (_, old_now) = get(&app, &f.lena, &format!("/api/v1/certifications/{}", s(&old, "id"))).await;
        assert_eq!(history(&old_now), ["issued", "renewed"]);
    }

    async fn the_cascade_shows_who_certified_whom_coverage_and_what_expires(app) {
        let (f, tess) = floor_with_trainer(&app).await;
        for key in ["empathy", "ownership"] {
            app.create_competency(&f.admin, key).await;
        }
        grant(&app, &f.admin, &tess, "master_trainer", &["empathy", "ownership"], 36).await;
        let track = create_track(&app, &tess, vec![teach_back()], &["empathy"]).await;
        let enrolment = enrol(&app, &tess, &s(&track, "id"), &f.lena).await;
        let sub = submit_teach_back(&app, &f.lena, &s(&enrolment, "id"), &s(&module(&enrolment, 1), "id")).await;
        assert_eq!(assess(&app, &tess, &s(&sub, "id"), &[3, 3]).await.0, StatusCode::OK);
        grant(&app, &f.admin, &f.sam, "coach", &["ownership"], 1).await;

        let (status, _) = get(&app, &f.lena, "/api/v1/certifications/cascade").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "leads do not see the cascade");
        let (status, cascade) = get(&app, &tess, "/api/v1/certifications/cascade").await;
        assert_eq!(status, StatusCode::OK, "{cascade}");
        // The admin granted Tess and Sam; Tess certified Lena.
        let root = items(&cascade["tree"])
            .into_iter()
            .find(|n| n["person"]["id"] == f.admin.user_id.as_str())
            .unwrap_or_else(|| panic!("the admin is a root: {cascade}"));
        let under_admin: Vec<String> = items(&root["certified"]).iter().map(|n| s(&n["person"], "display_name")).collect();
        assert_eq!(under_admin, ["Sam", "Tess"], "{cascade}");
        let tess_node = items(&root["certified"]).into_iter().find(|n| n["person"]["display_name"] == "Tess").unwrap_or_default();
        assert_eq!(tess_node["certified"][0]["person"]["display_name"], "Lena");
        assert_eq!(tess_node["certifications"][0]["level"], "master_trainer");

        // North (Lena) has a certified coach for empathy only; South (Sam) for ownership.
        let north = find(&cascade["coverage"], "team_name", "North").unwrap_or_default();
        let covered = |team: &Value, key: &str| find(&team["competencies"], "key", key).map(|c| items(&c["coaches"]).len());
        assert_eq!((covered(&north, "empathy"), covered(&north, "ownership"), north["covered"].as_u64()), (Some(1), Some(0), Some(1)), "{north}");
        let south = find(&cascade["coverage"], "team_name", "South").unwrap_or_default();
        assert_eq!(covered(&south, "ownership"), Some(1));

        // Sam's one-month certification expires within 60 days; the others do not.
        let expiring = items(&cascade["expiring"]);
        assert_eq!(expiring.len(), 1, "{cascade}");
        assert_eq!((expiring[0]["holder"]["display_name"].as_str(), expiring[0]["days_left"].as_i64()), (Some("Sam"), Some(31)));
    }
}

/// Messages the SMTP server received for `email`, besides the invitation.
fn received(inbox: &smtp::Inbox, email: &str) -> usize {
    let to = format!("To: {email}");
    inbox
        .messages()
        .iter()
        .filter(|m| m.contains(&to))
        .count()
        .saturating_sub(1)
}

/// Waits (up to 10 s) until `n` arrived, then a little longer so a duplicate would show.
async fn settle(inbox: &smtp::Inbox, email: &str, n: usize) -> usize {
    for _ in 0..200 {
        if received(inbox, email) >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    received(inbox, email)
}

on_both_databases! {
    async fn renewal_reminders_come_once_thirty_and_seven_days_before_expiry(engine: Engine) {
        let port = smtp::free_port();
        let inbox = smtp::start(port);
        let Some(app) = spawn_app_with(engine, |s| {
            s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
            s.coaching_poll_ms = 50;
        }).await else { return };
        app.clock.set(at(1, 10, 9, 0));
        let admin = app.sign_up("Acme", "boss@acme.example", crate::coaching::PASSWORD).await;
        app.create_competency(&admin, "empathy").await;
        let lena = join_as(&app, &admin, "lena@acme.example", "Lena", &["lead"], None, "es").await;
        // Issued 10 January for three months: it expires 10 April, 09:00 UTC.
        let c = grant(&app, &admin, &lena, "coach", &["empathy"], 3).await;
        assert!(s(&c, "expires_at").starts_with("2026-04-10"), "{c}");

        app.clock.set(at(3, 10, 8, 0)); // 31 days before
        assert_eq!(settle(&inbox, "lena@acme.example", 1).await, 0, "too early");
        app.clock.set(at(3, 12, 9, 0)); // 29 days before
        assert_eq!(settle(&inbox, "lena@acme.example", 1).await, 1, "the 30-day reminder, in Spanish");
        app.clock.set(at(3, 20, 9, 0));
        assert_eq!(settle(&inbox, "lena@acme.example", 2).await, 1, "once, not every tick or day");
        app.clock.set(at(4, 4, 9, 0)); // 6 days before
        assert_eq!(settle(&inbox, "lena@acme.example", 2).await, 2, "the 7-day reminder");
        app.clock.set(at(4, 11, 9, 0)); // expired
        assert_eq!(settle(&inbox, "lena@acme.example", 3).await, 2, "nothing after expiry");
        // Three months on her session has ended too: she signs in again to look.
        let lena = app.sign_in("lena@acme.example", crate::coaching::PASSWORD).await;
        let (_, view) = get(&app, &lena, &format!("/api/v1/certifications/{}", s(&c, "id"))).await;
        assert_eq!(history(&view), ["issued", "renewal_reminder_30", "renewal_reminder_7"], "{view}");
        assert_eq!(s(&view, "status"), "expired");
        let sent: Vec<String> = cinco_persistence::outbox::to_recipient(&app.db, "lena@acme.example")
            .await
            .unwrap_or_else(|e| panic!("outbox: {e}"))
            .into_iter()
            .filter(|m| m.kind == "certification_renewal" && m.status == cinco_domain::mail::DeliveryStatus::Sent)
            .map(|m| {
                assert!(m.body_text.contains(&format!("/certifications/{}", s(&c, "id"))), "the mail links to the certificate: {}", m.body_text);
                m.subject
            })
            .collect();
        assert_eq!(sent, ["Tu certificación caduca pronto", "Tu certificación caduca pronto"]);
    }
}
