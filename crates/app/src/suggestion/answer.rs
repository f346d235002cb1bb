//! A trainer or an admin answers a suggestion, once: accepted with what changed, or
//! declined with a reason. The agent hears it by mail, in their language, in the same
//! transaction as the answer.

use cinco_domain::suggestion::Answer;
use cinco_persistence::suggestion::{self, Answered, Suggestion};
use cinco_persistence::{RepoError, organisation, outbox, user};

use crate::mail::suggestion::answered;
use crate::{Actor, App, AppError, ErrorCode};

fn already_answered() -> AppError {
    AppError::Conflict {
        code: ErrorCode::AlreadyAnswered,
        detail: "this suggestion has its answer already".to_owned(),
    }
}

/// Records the answer and queues the agent's mail; a second answer is refused.
pub async fn answer(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    answer: Answer,
) -> Result<Suggestion, AppError> {
    if !super::list::may_answer(actor) {
        return Err(AppError::Forbidden);
    }
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    let mut s = suggestion::get(&tx, actor.org, id).await?;
    if s.answer.is_some() {
        return Err(already_answered());
    }
    let done = Answered {
        answer,
        by: actor.user,
        at: now,
    };
    // The update only touches an open row: of two answers at once, one wins.
    suggestion::answer(&tx, actor.org, id, &done)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => already_answered(),
            other => other.into(),
        })?;
    let author = user::get(&tx, actor.org, s.author).await?;
    if author.active {
        let org_name = organisation::get(&tx, actor.org)
            .await?
            .name
            .as_str()
            .to_owned();
        let mail = answered(
            crate::reminders::to(&author, &org_name),
            &s.rule,
            &done.answer,
            &app.link("/suggestions"),
        );
        outbox::enqueue(&tx, mail, now).await?;
    }
    tx.commit().await?;
    s.answer = Some(done);
    Ok(s)
}
