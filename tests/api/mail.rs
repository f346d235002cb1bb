//! Mail through a real SMTP server on loopback, including one that is down for a while.

use std::time::{Duration, Instant};

use cinco_app::mail::worker::message_id;
use cinco_app::mail::{MailWorker, Transport};
use cinco_domain::mail::DeliveryStatus;
use cinco_tests::{on_both_databases, read_json, smtp, spawn_app_with};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "a-long-enough-secret";

on_both_databases! {
    async fn invitations_are_mailed_through_smtp(engine: Engine) {
        let port = smtp::free_port();
        let inbox = smtp::start(port);
        let Some(app) = spawn_app_with(engine, |s| s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into())).await else { return };
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let res = app.post("/api/v1/invitations", Some(&admin.access_token), json!({
            "email": "lucia@acme.example", "display_name": "Lucía", "roles": ["agent"], "locale": "es"
        })).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        app.delivered_mails("lucia@acme.example", 1).await;
        // The sign-up's confirmation went to the admin before; Lucía gets one mail.
        let received: Vec<String> = inbox.messages().into_iter().filter(|m| m.contains("To: lucia@acme.example")).collect();
        assert_eq!(received.len(), 1);
        let mail = &received[0];
        assert!(mail.contains("To: lucia@acme.example"), "{mail}");
        assert!(mail.contains("multipart/alternative"), "plain text and HTML: {mail}");
        assert!(mail.contains("accept-invitation?token="), "{mail}");
        let mailbox = read_json(app.get_as("/api/v1/mailbox", &admin.access_token).await).await;
        assert_eq!(mailbox[0]["delivered_via"], "smtp");
    }

    async fn mail_waits_while_the_server_is_down_and_arrives_exactly_once(engine: Engine) {
        let port = smtp::free_port();
        let Some(app) = spawn_app_with(engine, |s| s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into())).await else { return };
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let recipients: Vec<String> = (1..=5).map(|i| format!("agent{i}@acme.example")).collect();
        for email in &recipients {
            let res = app.post("/api/v1/invitations", Some(&admin.access_token), json!({
                "email": email, "display_name": "Agent", "roles": ["agent"]
            })).await;
            assert_eq!(res.status(), StatusCode::CREATED);
        }
        // With nothing listening, every mail fails, is kept and records why.
        let mut failed_attempts = false;
        for _ in 0..100 {
            let mails = read_json(app.get_as("/api/v1/mailbox", &admin.access_token).await).await;
            let all = mails.as_array().cloned().unwrap_or_default();
            failed_attempts = all.len() == 5 && all.iter().all(|m| m["status"] == "pending" && m["attempts"].as_i64() >= Some(1) && m["last_error"].is_string());
            if failed_attempts { break; }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(failed_attempts, "mails were not retried while the server was down");

        // The server comes back later: by then every retry is due (the worker keeps the
        // app's time, which the test moves).
        let inbox = smtp::start(port);
        app.clock.advance(chrono::Duration::hours(1));
        for email in &recipients {
            app.delivered_mails(email, 1).await;
        }
        // Give any duplicate a chance to show up, then count.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let received: Vec<String> = inbox.messages().into_iter().filter(|m| !m.contains("To: boss@acme.example")).collect();
        assert_eq!(received.len(), 5, "each mail arrives exactly once");
        for email in &recipients {
            assert_eq!(received.iter().filter(|m| m.contains(&format!("To: {email}"))).count(), 1, "{email}");
        }
    }
}

/// Mail workers as separate nodes would run them over the app's database: the system clock,
/// a short lease, a quick poll.
fn node(app: &cinco_tests::TestApp, port: u16, lease: Duration) -> MailWorker {
    MailWorker {
        db: app.db.clone(),
        clock: cinco_api::Clock::system(),
        transport: Transport::from_url(Some(&format!("smtp://127.0.0.1:{port}")))
            .unwrap_or_else(|e| panic!("{e}")),
        from: "Cinco <no-reply@cinco.test>"
            .parse()
            .unwrap_or_else(|e| panic!("{e:?}")),
        poll_interval: Duration::from_millis(50),
        retry_base: Duration::from_millis(100),
        log_bodies: false,
        lease,
    }
}

fn message_ids(received: &[String]) -> Vec<String> {
    received
        .iter()
        .filter_map(|m| {
            m.lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                .map(|l| l["message-id:".len()..].trim().to_owned())
        })
        .collect()
}

/// Queues one invitation to each of `count` agents (the app's own worker cannot send) and
/// returns every queued mail's address and outbox row id, the admin's sign-up link first.
async fn queue_invitations(app: &cinco_tests::TestApp, count: usize) -> Vec<(String, uuid::Uuid)> {
    let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
    let sign_up = cinco_persistence::outbox::to_recipient(&app.db, "boss@acme.example")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut queued = vec![("boss@acme.example".to_owned(), sign_up[0].id)];
    for i in 1..=count {
        let email = format!("agent{i}@acme.example");
        let res = app
            .post(
                "/api/v1/invitations",
                Some(&admin.access_token),
                json!({
                    "email": email, "display_name": "Agent", "roles": ["agent"]
                }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let rows = cinco_persistence::outbox::to_recipient(&app.db, &email)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        queued.push((email, rows[0].id));
    }
    queued
}

async fn all_sent(app: &cinco_tests::TestApp, queued: &[(String, uuid::Uuid)]) -> bool {
    for (email, _) in queued {
        let rows = cinco_persistence::outbox::to_recipient(&app.db, email)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        if rows.iter().any(|m| m.status != DeliveryStatus::Sent) {
            return false;
        }
    }
    true
}

on_both_databases! {
    async fn a_node_killed_while_sending_hands_its_mail_over_within_seconds(engine: Engine) {
        let port = smtp::free_port();
        // Each message takes the SMTP server 300 ms to accept, so the kill lands mid-batch.
        let inbox = smtp::start_slow(port, Duration::from_millis(300));
        // The app's own worker has an unreachable server and a long poll: the test's nodes do the work.
        let Some(app) = spawn_app_with(engine, |s| {
            s.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp::free_port()).into());
            s.mail_poll_ms = 3_600_000;
        }).await else { return };
        let queued = queue_invitations(&app, 11).await;
        let lease = Duration::from_secs(2);

        let doomed = tokio::spawn(node(&app, port, lease).run(tokio::sync::watch::channel(false).1));
        while inbox.messages().len() < 2 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        doomed.abort(); // killed: its claims stay in the outbox until their lease runs out
        let killed_at = Instant::now();
        let (_stop, stopped) = tokio::sync::watch::channel(false);
        let survivor = tokio::spawn(node(&app, port, lease).run(stopped));
        while !all_sent(&app, &queued).await {
            assert!(killed_at.elapsed() < Duration::from_secs(30), "the survivor did not take over");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let takeover = killed_at.elapsed();
        survivor.abort();
        eprintln!("every mail sent {takeover:?} after the kill");
        // 12 mails at 300 ms each plus one lease: well under 30 s, and the lease is seconds.
        assert!(takeover < Duration::from_secs(20), "took {takeover:?}");

        let received = inbox.messages();
        let ids = message_ids(&received);
        assert_eq!(ids.len(), received.len(), "every message has a Message-ID");
        let distinct: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), queued.len(), "one Message-ID per outbox row, however often it was sent");
        let from: lettre::message::Mailbox = "Cinco <no-reply@cinco.test>".parse().unwrap_or_else(|e| panic!("{e:?}"));
        for (email, id) in &queued {
            let expected = message_id(*id, &from);
            assert!(distinct.contains(&expected), "{email}'s mail arrived as {expected}");
        }
    }

    async fn a_live_node_keeps_its_claims_however_slow_the_server(engine: Engine) {
        let port = smtp::free_port();
        // Five messages at 700 ms each take longer than the 1.5 s lease: only renewal keeps
        // the second node from sending them again.
        let inbox = smtp::start_slow(port, Duration::from_millis(700));
        let Some(app) = spawn_app_with(engine, |s| {
            s.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp::free_port()).into());
            s.mail_poll_ms = 3_600_000;
        }).await else { return };
        let queued = queue_invitations(&app, 4).await;
        let lease = Duration::from_millis(1500);
        let (_stop, stopped) = tokio::sync::watch::channel(false);
        let first = tokio::spawn(node(&app, port, lease).run(stopped.clone()));
        while inbox.messages().is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let second = tokio::spawn(node(&app, port, lease).run(stopped));
        let started = Instant::now();
        while !all_sent(&app, &queued).await {
            assert!(started.elapsed() < Duration::from_secs(30), "mails were not all sent");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        first.abort();
        second.abort();
        let received = inbox.messages();
        assert_eq!(received.len(), queued.len(), "each mail sent once: {:?}", message_ids(&received));
    }
}
