//! Reminders through a real SMTP server: overdue steps batched into one mail per agent and
//! local day, in the agent's language, never during the organisation's quiet hours.

use std::time::Duration;

use super::*;
use cinco_tests::{on_both_databases, smtp, spawn_app_with};

/// Messages the SMTP server received for `email`.
fn received(inbox: &smtp::Inbox, email: &str) -> usize {
    let to = format!("To: {email}");
    inbox.messages().iter().filter(|m| m.contains(&to)).count()
}

/// Waits (up to 10 s) until `email` received `n` messages, then a little longer so a
/// duplicate would show; answers how many arrived.
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

/// The reminder mails sent to `email` (subject and text), oldest first.
async fn reminders(app: &TestApp, email: &str) -> Vec<(String, String)> {
    cinco_persistence::outbox::to_recipient(&app.db, email)
        .await
        .unwrap_or_else(|e| panic!("outbox: {e}"))
        .into_iter()
        .filter(|m| m.status == cinco_domain::mail::DeliveryStatus::Sent && m.kind != "invitation")
        .map(|m| (m.subject, m.body_text))
        .collect()
}

const FIRST: &str = "Call back within a day";
const SECOND: &str = "Shadow a colleague";
const LATER: &str = "Lead a team huddle";

on_both_databases! {
    async fn overdue_steps_wait_for_quiet_hours_to_end_and_come_once_a_local_day(engine: Engine) {
        let port = smtp::free_port();
        let inbox = smtp::start(port);
        let Some(app) = spawn_app_with(engine, |s| {
            s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
            s.coaching_poll_ms = 50;
        }).await else { return };
        app.clock.set(at(12, 1, 9, 0));
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        coaching_settings(&app, &admin, json!({
            "quiet_hours_start": "21:00", "quiet_hours_end": "08:00", "reminder_notice_hours": 1, "idle_days": 14
        })).await;
        let (_, saved) = get(&app, &admin, "/api/v1/organisation/coaching-settings").await;
        assert_eq!((saved["quiet_hours_start"].as_str(), saved["quiet_hours_end"].as_str()), (Some("21:00"), Some("08:00")), "{saved}");
        // Same name, different language and time zone: Madrid (UTC+1) and New York (UTC−5).
        let ana = join_as(&app, &admin, "ana@acme.example", "Alex", &["agent"], None, "es").await;
        set_time_zone(&app, &ana, "Europe/Madrid").await;
        let ben = join_as(&app, &admin, "ben@acme.example", "Alex", &["agent"], None, "en").await;
        set_time_zone(&app, &ben, "America/New_York").await;
        let template = create_path(&app, &admin, "Callbacks", vec![
            practice_step(FIRST, Some(1)), practice_step(SECOND, Some(2)), practice_step(LATER, Some(30)),
        ]).await;
        let answer = assign(&app, &admin, json!({"template_id": s(&template, "id"), "agent_ids": [ana.user_id, ben.user_id]})).await;
        assert_eq!(answer["assigned"], 2, "{answer}");
        let anas = items(&answer["assignments"]).into_iter().find(|a| a["agent"]["id"] == ana.user_id.as_str())
            .unwrap_or_else(|| panic!("Ana's assignment in {answer}"));
        let first_step = items(&anas["steps"]).into_iter().find(|st| st["title"] == FIRST).map(|st| s(&st, "id")).unwrap_or_default();
        assert_eq!(settle(&inbox, "ana@acme.example", 1).await, 1, "the invitation only");
        assert_eq!(received(&inbox, "ben@acme.example"), 1);

        // 5 December, 04:00 in Madrid and 22:00 (the 4th) in New York: both overdue, both quiet.
        app.clock.set(at(12, 5, 3, 0));
        tokio::time::sleep(Duration::from_millis(1000)).await;
        assert_eq!(received(&inbox, "ana@acme.example"), 1, "nothing during quiet hours");
        assert_eq!(received(&inbox, "ben@acme.example"), 1, "nothing during quiet hours");
        assert!(reminders(&app, "ana@acme.example").await.is_empty());

        // 08:30 in Madrid (still 02:30 in New York): one mail to Ana, naming both due steps.
        app.clock.set(at(12, 5, 7, 30));
        assert_eq!(settle(&inbox, "ana@acme.example", 2).await, 2, "exactly one reminder");
        assert_eq!(received(&inbox, "ben@acme.example"), 1, "Ben's night goes on");
        let sent = reminders(&app, "ana@acme.example").await;
        assert_eq!(sent.len(), 1, "{sent:?}");
        let (ana_subject, body) = &sent[0];
        assert!(body.contains(FIRST) && body.contains(SECOND), "both due steps in one mail: {body}");
        assert!(!body.contains(LATER), "a step due in a month is not mentioned: {body}");

        // Minutes later the same day: nothing more.
        app.clock.set(at(12, 5, 7, 35));
        tokio::time::sleep(Duration::from_millis(1000)).await;
        assert_eq!(received(&inbox, "ana@acme.example"), 2, "one mail a local day");

        // 08:30 in New York: Ben's, in English; Ana's day already had its mail.
        app.clock.set(at(12, 5, 13, 30));
        assert_eq!(settle(&inbox, "ben@acme.example", 2).await, 2);
        assert_eq!(received(&inbox, "ana@acme.example"), 2);
        let bens = reminders(&app, "ben@acme.example").await;
        assert_eq!(bens.len(), 1, "{bens:?}");
        assert!(bens[0].1.contains(FIRST) && bens[0].1.contains(SECOND), "{}", bens[0].1);
        assert_ne!(&bens[0].0, ana_subject, "each in their own language");

        // Ana does the first step; the next morning the second, still overdue, comes again alone.
        let (status, body) = post(&app, &ana, &format!("/api/v1/me/paths/steps/{first_step}/done"), json!({"note": "Called back"})).await;
        assert!(status.is_success(), "{status} {body}");
        app.clock.set(at(12, 6, 7, 30));
        assert_eq!(settle(&inbox, "ana@acme.example", 3).await, 3, "one mail on the next local day");
        assert_eq!(received(&inbox, "ben@acme.example"), 2, "02:30 in New York");
        let sent = reminders(&app, "ana@acme.example").await;
        let latest = sent.last().map(|(_, b)| b.clone()).unwrap_or_default();
        assert!(latest.contains(SECOND), "{latest}");
        assert!(!latest.contains(FIRST), "a done step is not mentioned again: {latest}");
    }
}

on_both_databases! {
    async fn everyone_reads_the_coaching_settings_and_admins_change_them(app) {
        let f = floor(&app).await;
        let (status, defaults) = get(&app, &f.ana, "/api/v1/organisation/coaching-settings").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(defaults["reminder_notice_hours"], 48, "{defaults}");
        assert_eq!(defaults["idle_days"], 14, "{defaults}");
        let put = |body: Value| send(&app, &f.admin, Method::PUT, "/api/v1/organisation/coaching-settings", Some(body));
        let got = put(json!({"quiet_hours_start": "25:00", "quiet_hours_end": "08:00", "reminder_notice_hours": 48, "idle_days": 14})).await;
        assert_refused(&got, StatusCode::UNPROCESSABLE_ENTITY, "invalid_time");
        let got = put(json!({"quiet_hours_start": "21:00", "quiet_hours_end": null, "reminder_notice_hours": 48, "idle_days": 14})).await;
        assert_eq!(got.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", got.1);
        let (status, saved) = put(json!({"quiet_hours_start": "22:30", "quiet_hours_end": "07:00", "reminder_notice_hours": 24, "idle_days": 10})).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        let (_, read) = get(&app, &f.lena, "/api/v1/organisation/coaching-settings").await;
        assert_eq!(read, json!({"quiet_hours_start": "22:30", "quiet_hours_end": "07:00", "reminder_notice_hours": 24, "idle_days": 10, "enforce_certified_coaching": false}));
        let (status, _) = send(&app, &f.lena, Method::PUT, "/api/v1/organisation/coaching-settings", Some(read.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, board) = get(&app, &f.lena, &format!("/api/v1/teams/{}/dashboard", f.north)).await;
        assert_eq!(board["idle_days"], 10, "the dashboard uses the setting: {board}");
    }
}
