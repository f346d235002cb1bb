//! Talking to the app as a user would: JSON over HTTP with a bearer token, and reading the
//! mails the app queued.

use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

use crate::TestApp;

/// A signed-in user as a test sees them.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub user_id: String,
    pub org_id: String,
    /// The refresh token from the `cinco_refresh` cookie.
    pub refresh_token: String,
}

/// The body as JSON (or `Null`).
pub async fn read_json(res: Response) -> Value {
    res.json().await.unwrap_or(Value::Null)
}

impl TestApp {
    /// Sends `method path` with an optional JSON body and bearer token.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.client.request(method.clone(), self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Response {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// Creates an organisation with its admin as a person would: signs up, opens the mailed
    /// link and is signed in.
    pub async fn sign_up(&self, org: &str, email: &str, password: &str) -> Session {
        let res = self
            .post(
                "/api/v1/auth/sign-up",
                None,
                json!({"organisation_name": org, "display_name": "Admin", "email": email, "password": password, "locale": "en"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::ACCEPTED, "sign-up of {email}");
        let res = self.confirm_sign_up(&self.sign_up_link(email).await).await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "confirming the sign-up of {email}"
        );
        session_from(res).await
    }

    /// The token of the newest sign-up link mailed to `email`.
    pub async fn sign_up_link(&self, email: &str) -> String {
        let mails = cinco_persistence::outbox::to_recipient(&self.db, email)
            .await
            .unwrap_or_else(|e| panic!("outbox: {e}"));
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.kind == "sign_up_confirmation")
            .unwrap_or_else(|| panic!("no sign-up link was mailed to {email}"));
        link_token(&mail.body_text)
    }

    /// Opens a sign-up link.
    pub async fn confirm_sign_up(&self, token: &str) -> Response {
        self.post(
            "/api/v1/auth/sign-up/confirm",
            None,
            json!({"token": token}),
        )
        .await
    }

    /// Signs in; panics unless it works.
    pub async fn sign_in(&self, email: &str, password: &str) -> Session {
        let res = self.try_sign_in(email, password).await;
        assert_eq!(res.status(), StatusCode::OK, "sign-in of {email}");
        session_from(res).await
    }

    pub async fn try_sign_in(&self, email: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/sign-in",
            None,
            json!({"email": email, "password": password}),
        )
        .await
    }

    /// Waits (up to 10 s) for the mail worker to have delivered `count` mails to `recipient`
    /// and returns their text bodies, oldest first.
    pub async fn delivered_mails(&self, recipient: &str, count: usize) -> Vec<String> {
        self.delivered_of_kind(recipient, None, count).await
    }

    /// Like [`Self::delivered_mails`], counting only mails of `kind` (e.g. `password_reset`).
    pub async fn delivered_of_kind(
        &self,
        recipient: &str,
        kind: Option<&str>,
        count: usize,
    ) -> Vec<String> {
        for _ in 0..200 {
            let mails = cinco_persistence::outbox::to_recipient(&self.db, recipient)
                .await
                .unwrap_or_else(|e| panic!("outbox: {e}"));
            let sent: Vec<String> = mails
                .into_iter()
                .filter(|m| m.status == cinco_domain::mail::DeliveryStatus::Sent)
                .filter(|m| kind.is_none_or(|k| m.kind == k))
                .map(|m| m.body_text)
                .collect();
            if sent.len() >= count {
                return sent;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("fewer than {count} mails were delivered to {recipient}");
    }

    /// Creates a competency (skill, four levels with one indicator each) as `author`.
    pub async fn create_competency(&self, author: &Session, key: &str) {
        let levels: Vec<Value> = (1..=4)
            .map(|l| json!({"level": l, "indicators": [{"en": format!("Indicator {l}")}]}))
            .collect();
        let res = self
            .post(
                "/api/v1/competencies",
                Some(&author.access_token),
                json!({"key": key, "kind": "skill", "name": {"en": key}, "levels": levels}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "competency {key}");
    }

    /// Imports a lesson file as `author` and publishes it; returns the version id.
    pub async fn publish_lesson(&self, author: &Session, source: &str) -> String {
        let res = self
            .post(
                "/api/v1/lessons/import",
                Some(&author.access_token),
                json!({"source": source}),
            )
            .await;
        assert!(res.status().is_success(), "import: {}", res.status());
        let draft = read_json(res).await;
        let id = draft["id"].as_str().unwrap_or_default().to_owned();
        let res = self
            .call(
                Method::POST,
                &format!("/api/v1/lesson-versions/{id}/publish"),
                Some(&author.access_token),
                None,
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "publish");
        id
    }

    /// Invites someone with `roles`, accepts with `password` and signs them in.
    pub async fn join(
        &self,
        inviter: &Session,
        email: &str,
        roles: &[&str],
        password: &str,
    ) -> Session {
        let token = self.invite(inviter, email, roles, None).await;
        let res = self
            .post(
                "/api/v1/invitations/accept",
                None,
                json!({"token": token, "password": password}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "accepting for {email}");
        self.sign_in(email, password).await
    }

    /// Invites someone as `inviter` and returns the token from the mailed link.
    pub async fn invite(
        &self,
        inviter: &Session,
        email: &str,
        roles: &[&str],
        team_id: Option<&str>,
    ) -> String {
        let res = self
            .post(
                "/api/v1/invitations",
                Some(&inviter.access_token),
                json!({"email": email, "display_name": "New Person", "roles": roles, "team_id": team_id}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "invitation of {email}");
        self.delivered_mails(email, 1).await;
        // The newest invitation: the address may have had other mail (a sign-up link, say).
        let mails = cinco_persistence::outbox::to_recipient(&self.db, email)
            .await
            .unwrap_or_else(|e| panic!("outbox: {e}"));
        let invitation = mails
            .iter()
            .rev()
            .find(|m| m.kind == "invitation")
            .unwrap_or_else(|| panic!("no invitation was mailed to {email}"));
        link_token(&invitation.body_text)
    }
}

/// The `token=` parameter of the first link in a mail.
pub fn link_token(body: &str) -> String {
    body.split("token=")
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect()
        })
        .unwrap_or_else(|| panic!("no link in mail:\n{body}"))
}

async fn session_from(res: Response) -> Session {
    let refresh_token = res
        .cookies()
        .find(|c| c.name() == "cinco_refresh")
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let body = read_json(res).await;
    Session {
        access_token: body["access_token"].as_str().unwrap_or_default().to_owned(),
        user_id: body["user"]["id"].as_str().unwrap_or_default().to_owned(),
        org_id: body["user"]["organisation"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        refresh_token,
    }
}
