//! Inviting people: the mailed single-use link, accepting it, resending and revoking, and
//! what leads may do.

use cinco_tests::{on_both_databases, read_json};
use reqwest::{Method, StatusCode};
use serde_json::json;

const PASSWORD: &str = "a-long-enough-secret";

on_both_databases! {
    async fn an_invited_agent_accepts_and_is_signed_in(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let team = read_json(app.post("/api/v1/teams", Some(&admin.access_token), json!({"name": "North"})).await).await;
        let team_id = team["id"].as_str().unwrap_or_default().to_owned();
        let token = app.invite(&admin, "new.agent@acme.example", &["agent"], Some(&team_id)).await;

        let mails = app.delivered_mails("new.agent@acme.example", 1).await;
        assert!(mails[0].contains("http://127.0.0.1/accept-invitation?token="), "{}", mails[0]);

        let preview = read_json(app.post("/api/v1/invitations/preview", None, json!({"token": token})).await).await;
        assert_eq!(preview["email"], "new.agent@acme.example");
        assert_eq!(preview["organisation_name"], "Acme");

        let accepted = app.post("/api/v1/invitations/accept", None, json!({"token": token, "password": "my own secret 42"})).await;
        assert_eq!(accepted.status(), StatusCode::CREATED);
        let body = read_json(accepted).await;
        assert_eq!(body["user"]["roles"], json!(["agent"]));
        assert_eq!(body["user"]["teams"][0]["id"], team_id.as_str());
        assert_eq!(body["user"]["teams"][0]["membership"], "agent");

        // The link works once.
        let again = app.post("/api/v1/invitations/accept", None, json!({"token": token, "password": "my own secret 42"})).await;
        assert_eq!(again.status(), StatusCode::BAD_REQUEST);
        assert_eq!(read_json(again).await["code"], "invitation_invalid");
        // And the new agent signs in with the chosen password.
        app.sign_in("new.agent@acme.example", "my own secret 42").await;
    }

    async fn resending_replaces_the_link_and_revoking_kills_it(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let first = app.invite(&admin, "someone@acme.example", &["trainer"], None).await;
        let list = read_json(app.get_as("/api/v1/invitations", &admin.access_token).await).await;
        let id = list[0]["id"].as_str().unwrap_or_default().to_owned();

        let resent = app.call(Method::POST, &format!("/api/v1/invitations/{id}/resend"), Some(&admin.access_token), None).await;
        assert_eq!(resent.status(), StatusCode::OK);
        let mails = app.delivered_mails("someone@acme.example", 2).await;
        let second = cinco_tests::link_token(&mails[1]);
        assert_ne!(first, second);
        let old = app.post("/api/v1/invitations/preview", None, json!({"token": first})).await;
        assert_eq!(old.status(), StatusCode::BAD_REQUEST);

        let revoked = app.call(Method::DELETE, &format!("/api/v1/invitations/{id}"), Some(&admin.access_token), None).await;
        assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
        let dead = app.post("/api/v1/invitations/preview", None, json!({"token": second})).await;
        assert_eq!(dead.status(), StatusCode::BAD_REQUEST);
        let open = read_json(app.get_as("/api/v1/invitations", &admin.access_token).await).await;
        assert_eq!(open, json!([]));
    }

    async fn leads_invite_agents_to_their_own_teams_only(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let north = read_json(app.post("/api/v1/teams", Some(&admin.access_token), json!({"name": "North"})).await).await["id"].as_str().unwrap_or_default().to_owned();
        let south = read_json(app.post("/api/v1/teams", Some(&admin.access_token), json!({"name": "South"})).await).await["id"].as_str().unwrap_or_default().to_owned();
        let token = app.invite(&admin, "lead@acme.example", &["lead"], Some(&north)).await;
        let lead = app.post("/api/v1/invitations/accept", None, json!({"token": token, "password": "lead secret 123"})).await;
        assert_eq!(lead.status(), StatusCode::CREATED);
        let lead = app.sign_in("lead@acme.example", "lead secret 123").await;

        app.invite(&lead, "agent@acme.example", &["agent"], Some(&north)).await;
        for (roles, team) in [(json!(["admin"]), north.clone()), (json!(["agent"]), south.clone())] {
            let res = app.post("/api/v1/invitations", Some(&lead.access_token), json!({
                "email": "x@acme.example", "display_name": "X", "roles": roles, "team_id": team
            })).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{roles} to {team}");
        }
        // The lead sees the invitations of their team, not the admin's others.
        let list = read_json(app.get_as("/api/v1/invitations", &lead.access_token).await).await;
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        assert_eq!(list[0]["email"], "agent@acme.example");
    }

    async fn an_existing_member_cannot_be_invited(app) {
        let admin = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let res = app.post("/api/v1/invitations", Some(&admin.access_token), json!({
            "email": "Boss@Acme.example", "display_name": "Me", "roles": ["agent"]
        })).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(read_json(res).await["code"], "already_member");
    }

    async fn inviting_someone_of_another_organisation_reveals_nothing(app) {
        let acme = app.sign_up("Acme", "boss@acme.example", PASSWORD).await;
        let other = app.sign_up("Globex", "boss@globex.example", PASSWORD).await;
        let invite = |email: &'static str| app.post("/api/v1/invitations", Some(&other.access_token), json!({
            "email": email, "display_name": "Someone", "roles": ["agent"]
        }));
        let taken = invite("boss@acme.example").await;
        let free = invite("nobody@acme.example").await;
        assert_eq!(taken.status(), StatusCode::CREATED, "an account elsewhere is not revealed");
        assert_eq!(free.status(), StatusCode::CREATED);
        let (taken, free) = (read_json(taken).await, read_json(free).await);
        assert_eq!(taken["status"], free["status"]);
        // The owner is told, with no link to accept; Acme's admin keeps their account.
        let mails = app.delivered_of_kind("boss@acme.example", Some("invitation_elsewhere"), 1).await;
        assert!(!mails[0].contains("token="), "{}", mails[0]);
        assert!(mails[0].contains("Globex"));
        assert_eq!(app.get_as("/api/v1/me", &acme.access_token).await.status(), StatusCode::OK);
    }
}
