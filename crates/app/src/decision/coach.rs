//! "Talk about it in coaching": a lead who would have decided otherwise does not mark the
//! decision wrong (nothing can); they open a private coaching session with the agent whose
//! notes name the decision. Once per decision: asking again gives the same session.

use cinco_persistence::decision;

use crate::coaching::schedule::{Plan, schedule};
use crate::path::scope::coachable_agent;
use crate::{Actor, App, AppError};

/// The coaching session about decision `id`, opened now unless one already was.
pub async fn talk_about_it(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
) -> Result<uuid::Uuid, AppError> {
    let d = super::visible(&app.db, actor, id).await?;
    if !super::may_answer(&app.db, actor, &d).await? {
        return Err(AppError::NotFound);
    }
    coachable_agent(&app.db, actor, d.agent_id).await?;
    if let Some(session) = d.coaching_session_id {
        return Ok(session);
    }
    let notes = format!(
        "About the decision of {} ({}): {}\n→ {}",
        d.decided_at.format("%Y-%m-%d"),
        d.key.as_str(),
        d.customer_need,
        d.action_taken
    );
    let plan = Plan {
        agent: d.agent_id,
        at: None,
        call_reference: d.contact_reference.clone(),
        scorecard: None,
        notes: Some(notes),
    };
    let session = schedule(app, actor, &plan).await?;
    if decision::set_coaching_session(&app.db, actor.org, d.id, session.id).await? {
        Ok(session.id)
    } else {
        // Someone opened one at the same moment: theirs is the one.
        Ok(decision::get(&app.db, actor.org, d.id)
            .await?
            .coaching_session_id
            .unwrap_or(session.id))
    }
}
