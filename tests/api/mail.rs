//! Mail through a real SMTP server on loopback, including one that is down for a while.

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
        let received = inbox.messages();
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
        let received = inbox.messages();
        assert_eq!(received.len(), 5, "each mail arrives exactly once");
        for email in &recipients {
            assert_eq!(received.iter().filter(|m| m.contains(&format!("To: {email}"))).count(), 1, "{email}");
        }
    }
}
