//! A lead answers a decision above an agent's limit: approved, or declined with a reason,
//! in one step. The time it took is the difference of the two stamps; the agent gets a mail.

use cinco_domain::decision::{DecisionStatus, NOTE_MAX};
use cinco_persistence::decision::{self, Decision};
use cinco_persistence::{organisation, outbox, user};

use crate::mail::decision::answered;
use crate::text::optional;
use crate::{Actor, App, AppError, ErrorCode};

/// Approves (`approve`) or declines decision `id`; a decline needs a reason.
pub async fn answer(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    approve: bool,
    reason: Option<&str>,
) -> Result<Decision, AppError> {
    let reason = optional("reason", reason, NOTE_MAX)?;
    if !approve && reason.is_none() {
        return Err(AppError::field(
            "reason",
            "reason_required",
            "say why, so the agent knows for next time",
        ));
    }
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    let d = super::visible(&tx, actor, id).await?;
    if d.agent_id == actor.user {
        return Err(AppError::Denied {
            code: ErrorCode::OwnDecision,
            detail: "someone else answers your decisions".to_owned(),
        });
    }
    if !super::may_answer(&tx, actor, &d).await? {
        return Err(AppError::NotFound);
    }
    match d.status {
        DecisionStatus::AwaitingApproval => {}
        DecisionStatus::Empowered => {
            return Err(AppError::Conflict {
                code: ErrorCode::NoApprovalNeeded,
                detail: "this decision was within the agent's limit".to_owned(),
            });
        }
        DecisionStatus::Approved | DecisionStatus::Declined => return Err(already()),
    }
    let status = if approve {
        DecisionStatus::Approved
    } else {
        DecisionStatus::Declined
    };
    if !decision::answer(
        &tx,
        actor.org,
        id,
        status,
        actor.user,
        now,
        reason.as_deref(),
    )
    .await?
    {
        return Err(already());
    }
    let d = decision::get(&tx, actor.org, id).await?;
    let agent = user::get(&tx, actor.org, d.agent_id).await?;
    let org_name = organisation::get(&tx, actor.org)
        .await?
        .name
        .as_str()
        .to_owned();
    let line = super::mail_line(&tx, actor.org, &d, &agent, d.answer_reason.as_deref()).await?;
    let mail = answered(
        crate::reminders::to(&agent, &org_name),
        approve,
        line,
        &app.link("/decisions/mine"),
    );
    outbox::enqueue(&tx, mail, now).await?;
    tx.commit().await?;
    Ok(d)
}

fn already() -> AppError {
    AppError::Conflict {
        code: ErrorCode::AlreadyAnswered,
        detail: "someone answered this decision already".to_owned(),
    }
}
