//! Good practices and story → scenario: a lead shares a decision that stood, in Spanish; an
//! Italian agent reads it in Spanish (and is told so) until an Italian variant exists, which
//! goes out of date when the source changes; agents meet one card a week; only decisions
//! that stood are shared, once, by those allowed. A trainer turns the story into a
//! scenario draft whose best reply is the agent's decision, and publishes it.

use cinco_tests::on_both_databases;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::coaching::{PASSWORD, assert_refused, at, get, items, join_as, post, s, send};
use crate::decisions::{centre, credit, log, path, waiver};

fn practice(id: &str, tail: &str) -> String {
    format!("/api/v1/good-practices/{id}{tail}")
}

on_both_databases! {
    async fn a_decision_that_stood_is_shared_in_every_language_and_met_once_a_week(app) {
        let c = centre(&app).await;
        let fee = log(&app, &c.ana, waiver(35.0)).await;
        let waiting = log(&app, &c.ana, credit(120.0, true, None)).await;
        let share = json!({
            "locale": "es",
            "title": "Perdonar un recargo de 35 $",
            "story": "Pagó un día tarde por una hospitalización. Ana perdonó el recargo y puso un recordatorio.",
        });

        // Only a decision that stood, only by those allowed, only once.
        assert_refused(&post(&app, &c.lucia, &path(&waiting, "/good-practice"), share.clone()).await, StatusCode::CONFLICT, "not_promotable");
        assert_refused(&post(&app, &c.giulia, &path(&fee, "/good-practice"), share.clone()).await, StatusCode::NOT_FOUND, "not_found");
        assert_eq!(post(&app, &c.luis, &path(&fee, "/good-practice"), share.clone()).await.0, StatusCode::FORBIDDEN);
        let mut blank = share.clone();
        blank["title"] = json!("  ");
        assert_refused(&post(&app, &c.lucia, &path(&fee, "/good-practice"), blank).await, StatusCode::UNPROCESSABLE_ENTITY, "required");
        let (status, shared) = post(&app, &c.lucia, &path(&fee, "/good-practice"), share.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{shared}");
        assert_eq!((shared["locale"].as_str(), shared["source_locale"].as_str(), shared["agent_name"].as_str()), (Some("es"), Some("es"), Some("Ana")));
        assert_eq!(shared["amount"], 35.0);
        assert_eq!(shared["missing"], json!(["en", "it"]), "{shared}");
        assert_refused(&post(&app, &c.lucia, &path(&fee, "/good-practice"), share.clone()).await, StatusCode::CONFLICT, "already_shared");
        let id = s(&shared, "id");
        // The team's feed says it was shared.
        let (_, feed) = get(&app, &c.lucia, "/api/v1/decisions/feed").await;
        let card = items(&feed).into_iter().find(|d| d["id"] == fee["id"]).unwrap_or_default();
        assert_eq!((card["good_practice_id"].as_str(), card["shareable"].as_bool()), (Some(id.as_str()), Some(true)), "{card}");

        // Marco (Italian, another team) reads it in Spanish, the only language it has: the
        // answer says which, so his screen can tell him.
        let (status, list) = get(&app, &c.marco, "/api/v1/good-practices").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(items(&list).len(), 1);
        assert_eq!((list[0]["locale"].as_str(), list[0]["read"].as_bool()), (Some("es"), Some(false)));
        let (_, week) = get(&app, &c.marco, "/api/v1/good-practices/this-week").await;
        assert_eq!(week["practice"]["id"], shared["id"], "{week}");

        // An Italian variant: Marco reads it in Italian. A lead who did not share it cannot
        // write it; a language Cinco does not speak is not found.
        let italian = json!({"title": "Stornare una mora di 35 $", "story": "Ha pagato un giorno in ritardo per un ricovero. Ana ha stornato la mora."});
        assert_refused(&send(&app, &c.giulia, Method::PUT, &practice(&id, "/texts/it"), Some(italian.clone())).await, StatusCode::FORBIDDEN, "forbidden");
        assert_eq!(send(&app, &c.admin, Method::PUT, &practice(&id, "/texts/fr"), Some(italian.clone())).await.0, StatusCode::NOT_FOUND);
        app.clock.advance(chrono::Duration::minutes(5));
        let (status, translated) = send(&app, &c.admin, Method::PUT, &practice(&id, "/texts/it"), Some(italian)).await;
        assert_eq!(status, StatusCode::OK, "{translated}");
        assert_eq!(translated["missing"], json!(["en"]));
        let (_, one) = get(&app, &c.marco, &practice(&id, "")).await;
        assert_eq!((one["locale"].as_str(), one["title"].as_str()), (Some("it"), Some("Stornare una mora di 35 $")));
        assert_eq!(one["out_of_date"], json!([]));
        // The source changes: the Italian variant is out of date, and still shown.
        app.clock.advance(chrono::Duration::minutes(5));
        let mut corrected = share.clone();
        corrected["story"] = json!("Pagó un día tarde por una hospitalización; siempre había pagado a tiempo. Ana perdonó el recargo.");
        let (status, changed) = send(&app, &c.lucia, Method::PUT, &practice(&id, "/texts/es"), Some(corrected)).await;
        assert_eq!(status, StatusCode::OK, "{changed}");
        assert_eq!(changed["out_of_date"], json!(["it"]));
        let (_, one) = get(&app, &c.marco, &practice(&id, "")).await;
        assert_eq!(one["locale"], "it");

        // Read: no other card this week, even when another practice is shared, anonymously.
        assert_eq!(post(&app, &c.marco, &practice(&id, "/read"), json!({})).await.0, StatusCode::NO_CONTENT);
        assert_eq!(post(&app, &c.marco, &practice(&id, "/read"), json!({})).await.0, StatusCode::NO_CONTENT);
        let credit_ok = log(&app, &c.marco, credit(40.0, true, Some(5))).await;
        let (status, second) = post(&app, &c.giulia, &path(&credit_ok, "/good-practice"), json!({
            "locale": "it", "title": "Un credito per due appuntamenti persi", "story": "Il tecnico non è venuto due volte: credito e primo slot libero.", "anonymous": true,
        })).await;
        assert_eq!(status, StatusCode::CREATED, "{second}");
        assert_eq!(second["agent_name"], json!(null));
        let (_, week) = get(&app, &c.marco, "/api/v1/good-practices/this-week").await;
        assert_eq!(week["practice"], json!(null), "{week}");
        // Ana has read nothing: her card is the newest.
        let (_, week) = get(&app, &c.ana, "/api/v1/good-practices/this-week").await;
        assert_eq!(week["practice"]["id"], second["id"]);
        // Next Monday, Marco's card is the one he has not read.
        app.clock.set(at(12, 7, 9, 0));
        let (_, week) = get(&app, &c.marco, "/api/v1/good-practices/this-week").await;
        assert_eq!(week["practice"]["id"], second["id"], "{week}");

        // Retired: nobody meets it any more; only those who may edit it retire it.
        let second_id = s(&second, "id");
        assert_refused(&post(&app, &c.lucia, &practice(&second_id, "/retire"), json!({})).await, StatusCode::FORBIDDEN, "forbidden");
        assert_eq!(post(&app, &c.giulia, &practice(&second_id, "/retire"), json!({})).await.0, StatusCode::NO_CONTENT);
        let (_, week) = get(&app, &c.marco, "/api/v1/good-practices/this-week").await;
        assert_eq!(week["practice"], json!(null));
        let (_, list) = get(&app, &c.ana, "/api/v1/good-practices").await;
        assert_eq!(items(&list).len(), 1);

        // Another organisation sees nothing of it.
        let other = app.sign_up("Other", "admin@other.example", PASSWORD).await;
        let (_, theirs) = get(&app, &other, "/api/v1/good-practices").await;
        assert!(items(&theirs).is_empty());
        assert_refused(&get(&app, &other, &practice(&id, "")).await, StatusCode::NOT_FOUND, "not_found");
        assert_refused(&post(&app, &other, &practice(&id, "/read"), json!({})).await, StatusCode::NOT_FOUND, "not_found");
        assert_refused(&post(&app, &other, &path(&fee, "/good-practice"), share).await, StatusCode::NOT_FOUND, "not_found");
        let _ = (&c.madrid, &c.milano);
    }

    async fn a_trainer_turns_a_decision_story_into_a_scenario_and_publishes_it(app) {
        let c = centre(&app).await;
        let trainer = join_as(&app, &c.admin, "tere@acme.example", "Tere", &["trainer"], None, "en").await;
        app.create_competency(&c.admin, "empowerment").await;
        let fee = log(&app, &c.ana, waiver(35.0)).await;

        // Trainers find stories in every team's feed.
        let (_, feed) = get(&app, &trainer, "/api/v1/decisions/feed").await;
        let card = items(&feed).into_iter().find(|d| d["id"] == fee["id"]).unwrap_or_default();
        assert_eq!(card["shareable"], true, "{feed}");

        // Trainers read the stories, not the decisions still waiting, and recognise only in
        // their own teams.
        let waiting = log(&app, &c.ana, credit(120.0, true, None)).await;
        assert_refused(&get(&app, &trainer, &path(&waiting, "")).await, StatusCode::NOT_FOUND, "not_found");
        assert_eq!(card["recognisable"], false, "{card}");
        assert_refused(&post(&app, &trainer, &path(&fee, "/recognitions"), json!({"note": "Bravo"})).await, StatusCode::NOT_FOUND, "not_found");
        // A story that did not stand is no role-play.
        let (status, _) = post(&app, &c.lucia, &path(&waiting, "/answer"), json!({"approve": false, "reason": "Offer the free visit first"})).await;
        assert_eq!(status, StatusCode::OK);
        assert_refused(&post(&app, &c.admin, &path(&waiting, "/scenario-draft"), json!({})).await, StatusCode::CONFLICT, "not_promotable");

        assert_eq!(post(&app, &c.lucia, &path(&fee, "/scenario-draft"), json!({})).await.0, StatusCode::FORBIDDEN);
        assert_refused(&post(&app, &trainer, &path(&fee, "/scenario-draft"), json!({"competency": "flying"})).await, StatusCode::UNPROCESSABLE_ENTITY, "unknown_competency");
        let (status, draft) = post(&app, &trainer, &path(&fee, "/scenario-draft"), json!({"competency": "empowerment"})).await;
        assert_eq!(status, StatusCode::OK, "{draft}");
        assert_eq!((draft["status"].as_str(), draft["locale"].as_str()), (Some("draft"), Some("en")));
        assert_eq!(draft["issues"], json!([]), "{draft}");
        assert_eq!(draft["competencies"], json!(["empowerment"]));
        assert!(s(&draft, "title").starts_with("Late-fee waiver: Paid a day late"), "{draft}");
        let id = s(&draft, "id");

        // The story is the scenario: the customer's problem opens it, the agent's decision is
        // the best reply, granting what she granted; a policy-only answer is the poor one.
        let (_, detail) = get(&app, &trainer, &format!("/api/v1/scenario-versions/{id}")).await;
        let nodes = items(&detail["scenario"]["nodes"]);
        let opening = nodes.iter().find(|n| n["start"] == true).cloned().unwrap_or_default();
        assert_eq!(opening["text"], fee["customer_need"]);
        let replies = items(&opening["choices"]);
        assert_eq!(replies[0]["text"], fee["action_taken"]);
        assert_eq!((replies[0]["action"]["decision"].as_str(), replies[0]["action"]["amount"].as_f64()), (Some("fee-waiver"), Some(35.0)));
        assert_eq!((replies[0]["resolution"].as_str(), replies[1]["resolution"].as_str()), (Some("resolves"), Some("none")));
        assert_eq!(replies[0]["evidence"]["empowerment"], 2);

        // Asking again opens the same draft; the trainer's edits are not overwritten.
        let (_, again) = post(&app, &trainer, &path(&fee, "/scenario-draft"), json!({})).await;
        assert_eq!(again["id"], draft["id"]);
        // In Spanish it is another variant of the same scenario.
        let (_, spanish) = post(&app, &trainer, &path(&fee, "/scenario-draft"), json!({"locale": "es", "competency": "empowerment"})).await;
        assert_eq!((spanish["key"].as_str(), spanish["locale"].as_str()), (draft["key"].as_str(), Some("es")));
        assert!(s(&spanish, "title").starts_with("Late-fee waiver: "), "{spanish}");

        let (status, published) = post(&app, &trainer, &format!("/api/v1/scenario-versions/{id}/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{published}");
        assert_eq!(published["status"], "published");

        // Another organisation's trainer does not reach the story.
        let other = app.sign_up("Other", "admin@other.example", PASSWORD).await;
        assert_refused(&post(&app, &other, &path(&fee, "/scenario-draft"), json!({})).await, StatusCode::NOT_FOUND, "not_found");
    }
}
