//! Story → scenario: a trainer turns a decision an agent took on a real contact into the
//! draft of a role-play (the domain's deterministic template), to finish in the editor and
//! publish. Asking again for the same story and language opens the draft already made
//! instead of overwriting the trainer's edits.

use cinco_domain::authority::Grant;
use cinco_domain::good_practice::promotable;
use cinco_domain::lesson::Key;
use cinco_domain::scenario::{Story, from_story};
use cinco_domain::{Locale, Role};
use cinco_persistence::scenario::{self, ScenarioVersion};
use cinco_persistence::{authority, user};

use super::Known;
use super::save_draft::store_draft;
use crate::{Actor, App, AppError, ErrorCode};

/// The scenario key a decision's story gets: `story-` and the last ten hex digits of its id
/// (the random part).
fn key_for(decision: uuid::Uuid) -> Key {
    let hex = decision.simple().to_string();
    let tail = &hex[hex.len() - 10..];
    Key::parse(&format!("story-{tail}")).unwrap_or_else(|| unreachable!("hex digits make a key"))
}

/// The draft made from decision `id` in `locale` (the actor's language by default),
/// training `competency` if named; the one made before, if there is one. Only a decision
/// that stood (within the limit, or approved) is a story to imitate.
pub async fn draft_from_decision(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    locale: Option<Locale>,
    competency: Option<&str>,
) -> Result<ScenarioVersion, AppError> {
    if !(actor.is(Role::Admin) || actor.is(Role::Trainer)) {
        return Err(AppError::Denied {
            code: ErrorCode::Forbidden,
            detail: "trainers and admins write scenarios".to_owned(),
        });
    }
    let d = crate::decision::story(&app.db, actor, id).await?;
    if !promotable(d.status) {
        return Err(AppError::Conflict {
            code: ErrorCode::NotPromotable,
            detail: "only a decision within the limit or approved becomes a role-play".to_owned(),
        });
    }
    let locale = match locale {
        Some(l) => l,
        None => user::get(&app.db, actor.org, actor.user).await?.locale,
    };
    let key = key_for(d.id);
    if let Some(existing) = scenario::latest(&app.db, actor.org, &key, locale).await? {
        return Ok(existing);
    }
    let competency = match competency.map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(raw) => {
            let unknown =
                || AppError::field("competency", "unknown_competency", "no such competency");
            let key = Key::parse(raw).ok_or_else(unknown)?;
            if !Known::load(&app.db, actor.org).await?.has_competency(&key) {
                return Err(unknown());
            }
            Some(key)
        }
    };
    let types = authority::list(&app.db, actor.org).await?;
    let kind = types.iter().find(|t| t.key == d.key);
    let name = kind.map_or_else(
        || d.key.as_str().to_owned(),
        |t| t.name.get(locale, locale).to_owned(),
    );
    let story = Story {
        key,
        locale,
        decision: &d.key,
        decision_name: &name,
        amount_cents: d.amount,
        permission: kind.is_some_and(|t| t.grant == Grant::Permission),
        customer_need: &d.customer_need,
        action_taken: &d.action_taken,
        competency,
    };
    store_draft(
        &app.db,
        actor.org,
        actor.user,
        &from_story(&story),
        app.clock.now(),
    )
    .await
}
