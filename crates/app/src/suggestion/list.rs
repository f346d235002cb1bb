//! Reading suggestions: an agent their own; trainers and admins every one, to answer;
//! leads their teams', read-only. The answerers' list puts the oldest unanswered first and
//! counts those waiting longer than two weeks.

use chrono::{DateTime, Utc};
use cinco_domain::Role;
use cinco_domain::suggestion::{SuggestionStatus, overdue};
use cinco_persistence::suggestion::{self, Filter, Suggestion};
use cinco_persistence::team_activity;

use crate::{Actor, App, AppError};

/// A suggestion with its author's name, for those who read others'.
#[derive(Debug, Clone)]
pub struct Listed {
    pub suggestion: Suggestion,
    pub author_name: String,
}

/// The inbox: suggestions the actor may read, open ones oldest first, then answered ones
/// newest answer first; and how many open ones are overdue.
#[derive(Debug, Clone)]
pub struct Inbox {
    pub suggestions: Vec<Listed>,
    pub overdue: usize,
    /// Whether the actor may answer (trainers and admins).
    pub may_answer: bool,
}

/// The agent's own suggestions, newest first.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<Suggestion>, AppError> {
    let mut list = suggestion::list(
        &app.db,
        actor.org,
        Filter {
            author: Some(actor.user),
            ..Filter::default()
        },
    )
    .await?;
    list.reverse();
    Ok(list)
}

/// Whether the actor answers suggestions.
pub fn may_answer(actor: &Actor) -> bool {
    actor.is(Role::Admin) || actor.is(Role::Trainer)
}

/// The suggestions the actor reads, in the inbox's order.
pub async fn inbox(app: &App, actor: &Actor) -> Result<Inbox, AppError> {
    let all = may_answer(actor);
    let led = if all {
        Vec::new()
    } else {
        actor.led_teams(&app.db).await?
    };
    let list = suggestion::list(
        &app.db,
        actor.org,
        Filter {
            teams: (!all).then_some(led.as_slice()),
            ..Filter::default()
        },
    )
    .await?;
    let now = app.clock.now();
    let overdue = list
        .iter()
        .filter(|s| overdue(s.status(), s.created_at, now))
        .count();
    let (mut open, mut answered): (Vec<Suggestion>, Vec<Suggestion>) = list
        .into_iter()
        .partition(|s| s.status() == SuggestionStatus::Open);
    open.sort_by_key(|s| s.created_at);
    answered.sort_by_key(|s| std::cmp::Reverse(answered_at(s)));
    // Every name in one read, as the decision screens do, instead of one read per author.
    let names = team_activity::names(&app.db, actor.org).await?;
    let name_of = |s: &Suggestion| names.get(&s.author).cloned().unwrap_or_default();
    let suggestions = open
        .into_iter()
        .chain(answered)
        .map(|s| Listed {
            author_name: name_of(&s),
            suggestion: s,
        })
        .collect();
    Ok(Inbox {
        suggestions,
        overdue,
        may_answer: all,
    })
}

fn answered_at(s: &Suggestion) -> Option<DateTime<Utc>> {
    s.answer.as_ref().map(|a| a.at)
}
