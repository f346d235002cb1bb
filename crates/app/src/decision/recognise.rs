//! Recognising a decision: a lead or a peer of the agent's team (or an admin) says, in a
//! short note, what was good about it. One per person and decision; the agent hears of it.

use cinco_domain::decision::NOTE_MAX;
use cinco_persistence::decision::{self, Recognition};
use cinco_persistence::{RepoError, organisation, outbox, user};

use crate::mail::decision::recognised;
use crate::text::required;
use crate::{Actor, App, AppError, ErrorCode};

/// Recognises decision `id` with `note`.
pub async fn recognise(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    note: &str,
) -> Result<Recognition, AppError> {
    let note = required("note", note, NOTE_MAX)?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    let d = super::visible(&tx, actor, id).await?;
    if d.agent_id == actor.user {
        return Err(AppError::Denied {
            code: ErrorCode::OwnDecision,
            detail: "others recognise your decisions".to_owned(),
        });
    }
    let r = Recognition {
        id: uuid::Uuid::now_v7(),
        decision_id: d.id,
        by: actor.user,
        note,
        created_at: now,
    };
    decision::recognise(&tx, actor.org, &r)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => AppError::Conflict {
                code: ErrorCode::AlreadyRecognised,
                detail: "you recognised this decision already".to_owned(),
            },
            other => other.into(),
        })?;
    let agent = user::get(&tx, actor.org, d.agent_id).await?;
    let org_name = organisation::get(&tx, actor.org)
        .await?
        .name
        .as_str()
        .to_owned();
    let line = super::mail_line(&tx, actor.org, &d, &agent, Some(&r.note)).await?;
    let mail = recognised(
        crate::reminders::to(&agent, &org_name),
        line,
        &app.link("/decisions/mine"),
    );
    outbox::enqueue(&tx, mail, now).await?;
    tx.commit().await?;
    Ok(r)
}
