//! Logging a decision: what the agent decided for a customer, checked against their limit
//! for its type by the rule role-plays use (`cinco_domain::authority::Decision::limit_for`,
//! with the certifications the person holds now). Within it the decision is empowered;
//! above it, it awaits approval and the agent's leads (or the admins) get a mail.

use cinco_domain::authority::AmountError;
use cinco_domain::decision::{
    AMOUNT_MAX, Csat, DecisionStatus, REFERENCE_MAX, STORY_MAX, status_for,
};
use cinco_domain::lesson::Key;
use cinco_persistence::decision::{self, Decision};
use cinco_persistence::{authority, organisation, outbox};

use crate::certification::held::authority_keys;
use crate::mail::decision::approval_requested;
use crate::path::scope::team_of;
use crate::text::{optional, required};
use crate::{Actor, App, AppError};

/// What an agent logs.
#[derive(Debug, Clone)]
pub struct NewDecision {
    /// A decision type of the authority limits.
    pub decision_key: String,
    /// Cents; `None` for a type without an amount.
    pub amount: Option<i64>,
    pub customer_need: String,
    pub action_taken: String,
    pub resolved_first_contact: bool,
    /// 1–5, when known.
    pub csat: Option<i64>,
    pub contact_reference: Option<String>,
}

/// Logs the decision for the actor and returns it as stored.
pub async fn log(app: &App, actor: &Actor, cmd: NewDecision) -> Result<Decision, AppError> {
    let unknown = || {
        AppError::field(
            "decision_key",
            "unknown_decision",
            "not a decision type of the authority limits",
        )
    };
    let key = Key::parse(&cmd.decision_key).ok_or_else(unknown)?;
    if let Some(amount) = cmd.amount
        && !(0..=AMOUNT_MAX).contains(&amount)
    {
        return Err(AppError::field(
            "amount",
            "invalid_amount",
            "an amount of zero or more",
        ));
    }
    let csat = match cmd.csat {
        Some(v) => Some(
            Csat::parse(v).ok_or_else(|| AppError::field("csat", "invalid_csat", "from 1 to 5"))?,
        ),
        None => None,
    };
    let customer_need = required("customer_need", &cmd.customer_need, STORY_MAX)?;
    let action_taken = required("action_taken", &cmd.action_taken, STORY_MAX)?;
    let contact_reference = optional(
        "contact_reference",
        cmd.contact_reference.as_deref(),
        REFERENCE_MAX,
    )?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    let kind = authority::list(&tx, actor.org)
        .await?
        .into_iter()
        .find(|d| d.key == key)
        .ok_or_else(unknown)?;
    kind.check_amount(cmd.amount).map_err(|e| {
        let code = match e {
            AmountError::Missing => "required",
            AmountError::NotAnAmount => "not_an_amount",
        };
        AppError::field("amount", code, e.to_string())
    })?;
    let keys = authority_keys(&tx, actor.org, actor.user, now).await?;
    let limit = kind.limit_for(&actor.roles, &keys);
    let status = status_for(cmd.amount, limit);
    let d = Decision {
        id: uuid::Uuid::now_v7(),
        agent_id: actor.user,
        team_id: team_of(&tx, actor.org, actor.user).await?,
        key,
        amount: cmd.amount,
        limit,
        customer_need,
        action_taken,
        resolved_first_contact: cmd.resolved_first_contact,
        csat,
        contact_reference,
        status,
        decided_at: now,
        answered_by: None,
        answered_at: None,
        answer_reason: None,
        coaching_session_id: None,
    };
    decision::insert(&tx, actor.org, &d).await?;
    if status == DecisionStatus::AwaitingApproval {
        let org_name = organisation::get(&tx, actor.org)
            .await?
            .name
            .as_str()
            .to_owned();
        let link = app.link("/decisions/approvals");
        for lead in super::approvers(&tx, actor.org, d.team_id, actor.user).await? {
            let line = super::mail_line(&tx, actor.org, &d, &lead, None).await?;
            let mail = approval_requested(crate::reminders::to(&lead, &org_name), line, &link);
            outbox::enqueue(&tx, mail, now).await?;
        }
    }
    tx.commit().await?;
    Ok(d)
}
