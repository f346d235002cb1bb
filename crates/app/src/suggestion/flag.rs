//! An agent flags a rule that stopped them helping a customer.

use cinco_domain::lesson::Key;
use cinco_domain::suggestion::{RULE_MAX, STORY_MAX};
use cinco_persistence::suggestion::{self, Suggestion};
use cinco_persistence::{RepoError, authority, competency};

use crate::text::required;
use crate::{Actor, App, AppError};

/// What the agent writes.
#[derive(Debug, Clone, Default)]
pub struct NewSuggestion {
    /// What happened with the customer.
    pub what_happened: String,
    /// The rule or procedure, in their words.
    pub rule: String,
    /// Optionally, the competency it touches.
    pub competency_key: Option<String>,
    /// Optionally, the authority limit's decision type it is about.
    pub decision_key: Option<String>,
    /// What they would change.
    pub proposal: String,
}

/// Stores the suggestion, open, with the agent's team (whose lead reads it).
pub async fn flag(app: &App, actor: &Actor, new: NewSuggestion) -> Result<Suggestion, AppError> {
    let what_happened = required("what_happened", &new.what_happened, STORY_MAX)?;
    let rule = required("rule", &new.rule, RULE_MAX)?;
    let proposal = required("proposal", &new.proposal, STORY_MAX)?;
    // A key is a key as written: blank or padded is no key (the contract's pattern says so).
    let competency_key = match new.competency_key.as_deref() {
        None => None,
        Some(raw) => {
            let unknown =
                || AppError::field("competency_key", "unknown_competency", "no such competency");
            let key = Key::parse(raw).ok_or_else(unknown)?;
            match competency::get(&app.db, actor.org, &key).await {
                Ok(_) => Some(key.as_str().to_owned()),
                Err(RepoError::NotFound) => return Err(unknown()),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let decision_key = match new.decision_key.as_deref() {
        None => None,
        Some(raw) => {
            let known = authority::list(&app.db, actor.org)
                .await?
                .into_iter()
                .any(|d| d.key.as_str() == raw);
            if !known {
                return Err(AppError::field(
                    "decision_key",
                    "unknown_decision",
                    "no such decision type among the authority limits",
                ));
            }
            Some(raw.to_owned())
        }
    };
    let s = Suggestion {
        id: uuid::Uuid::now_v7(),
        author: actor.user,
        team: crate::path::scope::team_of(&app.db, actor.org, actor.user).await?,
        what_happened,
        rule,
        competency_key,
        decision_key,
        proposal,
        created_at: app.clock.now(),
        answer: None,
    };
    suggestion::insert(&app.db, actor.org, &s).await?;
    Ok(s)
}
