//! The leads' weekly digest through a real SMTP server: once per week, from Monday morning
//! in the lead's time zone, naming who is behind.

use std::time::Duration;

use super::*;
use cinco_tests::{on_both_databases, smtp, spawn_app_with};

/// The digests the SMTP server received for `email`, as raw messages.
fn digests(inbox: &smtp::Inbox, email: &str) -> Vec<String> {
    let to = format!("To: {email}");
    inbox
        .messages()
        .into_iter()
        .filter(|m| m.contains(&to) && m.contains("Your team this week"))
        .collect()
}

/// Waits (up to 10 s) for the `n`th digest, then a little longer so a duplicate would show.
async fn settle(inbox: &smtp::Inbox, email: &str, n: usize) -> Vec<String> {
    for _ in 0..200 {
        if digests(inbox, email).len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    digests(inbox, email)
}

on_both_databases! {
    async fn a_lead_gets_one_digest_a_week_from_monday_morning_naming_who_is_behind(engine: Engine) {
        let port = smtp::free_port();
        let inbox = smtp::start(port);
        let Some(app) = spawn_app_with(engine, |s| {
            s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
            s.coaching_poll_ms = 50;
        }).await else { return };
        // Tuesday 1 December 2026.
        app.clock.set(at(12, 1, 9, 0));
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let north = create_team(&app, &admin, "North").await;
        let lena = join_as(&app, &admin, "lena@acme.example", "Lena", &["lead"], Some(&north), "en").await;
        set_time_zone(&app, &lena, "Europe/Madrid").await;
        let ana = join_as(&app, &admin, "ana@acme.example", "Ana Overdue", &["agent"], Some(&north), "en").await;
        join_as(&app, &admin, "bo@acme.example", "Bo Ontime", &["agent"], Some(&north), "en").await;
        let template = create_path(&app, &admin, "Callbacks", vec![practice_step("Call back within a day", Some(1))]).await;
        let answer = assign(&app, &admin, json!({"template_id": s(&template, "id"), "agent_ids": [ana.user_id]})).await;
        assert_eq!(answer["assigned"], 1, "{answer}");
        // This week's digest goes out at once (it is past Monday morning): nobody is behind yet.
        let first = settle(&inbox, "lena@acme.example", 1).await;
        assert_eq!(first.len(), 1, "one digest this week");
        assert!(!first[0].contains("Behind:"), "{}", first[0]);

        // Monday 7 December, 07:00 in Madrid: too early for next week's.
        app.clock.set(at(12, 7, 6, 0));
        tokio::time::sleep(Duration::from_millis(1000)).await;
        assert_eq!(digests(&inbox, "lena@acme.example").len(), 1, "not before Monday 08:00 local");

        // 08:30 in Madrid: the new week's digest, with Ana behind and Bo not.
        app.clock.set(at(12, 7, 7, 30));
        let all = settle(&inbox, "lena@acme.example", 2).await;
        assert_eq!(all.len(), 2, "one more digest on Monday morning");
        let second = &all[1];
        let behind = second.split("Behind:").nth(1).unwrap_or_else(|| panic!("a behind section: {second}"));
        assert!(behind.contains("Ana Overdue"), "{second}");
        assert!(!second.contains("Bo Ontime"), "{second}");
        assert!(second.contains("/coaching"), "a link to the dashboard: {second}");

        // Later in the week: nothing more.
        app.clock.set(at(12, 9, 12, 0));
        tokio::time::sleep(Duration::from_millis(1000)).await;
        assert_eq!(digests(&inbox, "lena@acme.example").len(), 2, "one digest a week");
        // Agents get no digest.
        assert!(digests(&inbox, "ana@acme.example").is_empty());
    }
}
