//! The organisation's QA-loop thresholds: whether a low coaching rating or QA result gives
//! the agent a remediation path, and what counts as low (the rule is in
//! [`cinco_domain::coaching::remediation`], the reaction in `crate::learning`).

use cinco_domain::Role;
use cinco_domain::coaching::remediation::{LoopSettings, LoopSettingsError};
use cinco_persistence::coaching;

use crate::{Actor, App, AppError, ErrorCode};

/// The thresholds of the actor's organisation (leads and admins).
pub async fn get(app: &App, actor: &Actor) -> Result<LoopSettings, AppError> {
    allowed(actor)?;
    Ok(coaching::loop_settings(&app.db, actor.org).await?)
}

/// Changes the thresholds (admins).
pub async fn set(
    app: &App,
    actor: &Actor,
    enabled: bool,
    rating_at_or_below: i64,
    qa_percent_below: i64,
) -> Result<LoopSettings, AppError> {
    if !actor.is(Role::Admin) {
        return Err(AppError::Denied {
            code: ErrorCode::Forbidden,
            detail: "only admins change the QA loop".to_owned(),
        });
    }
    let s = LoopSettings::new(enabled, rating_at_or_below, qa_percent_below).map_err(|e| {
        let field = match e {
            LoopSettingsError::Rating => "rating_at_or_below",
            LoopSettingsError::Percent => "qa_percent_below",
        };
        AppError::field(field, "out_of_range", e.to_string())
    })?;
    coaching::set_loop_settings(&app.db, actor.org, &s).await?;
    Ok(s)
}

fn allowed(actor: &Actor) -> Result<(), AppError> {
    if actor.is(Role::Admin) || actor.is(Role::Lead) {
        Ok(())
    } else {
        Err(AppError::Denied {
            code: ErrorCode::Forbidden,
            detail: "leads and admins see the QA loop".to_owned(),
        })
    }
}
