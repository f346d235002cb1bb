//! What admins do with certifications directly: grant one (to recognise someone certified
//! outside Cinco and root the cascade), revoke one with a reason, renew one.

use cinco_domain::certification::{
    CertificationEvent, Level, MAX_VALIDITY_MONTHS, Standing, expires_at,
};
use cinco_domain::lesson::Key;
use cinco_domain::text::{STATEMENT_MAX, TITLE_MAX};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::certification::{self, Certification};
use cinco_persistence::{Executor, RepoError, competency, user};

use super::held::standing;
use crate::text::optional;
use crate::{Actor, App, AppError, ErrorCode};

/// Competency keys named in a command: known to the organisation, at least one.
pub async fn parse_scope(
    ex: &impl Executor,
    org: OrganisationId,
    raw: &[String],
) -> Result<Vec<Key>, AppError> {
    let comps = competency::list(ex, org, false).await?;
    let mut keys = Vec::with_capacity(raw.len());
    for k in raw {
        let key = Key::parse(k.trim())
            .filter(|key| comps.iter().any(|c| c.key == *key))
            .ok_or_else(|| {
                AppError::field(
                    "scope",
                    "unknown_competency",
                    format!("no competency `{k}`"),
                )
            })?;
        keys.push(key);
    }
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        return Err(AppError::field(
            "scope",
            "unknown_competency",
            "name at least one competency",
        ));
    }
    Ok(keys)
}

fn check_validity(months: u32) -> Result<(), AppError> {
    if !(1..=MAX_VALIDITY_MONTHS).contains(&months) {
        return Err(AppError::field(
            "validity_months",
            "invalid_validity",
            format!("1 to {MAX_VALIDITY_MONTHS} months"),
        ));
    }
    Ok(())
}

/// A certification granted without a track.
#[derive(Debug)]
pub struct Grant {
    pub holder: UserId,
    /// `coach`, `trainer` or `master_trainer`.
    pub level: String,
    pub scope: Vec<String>,
    pub title: String,
    /// 1…[`MAX_VALIDITY_MONTHS`].
    pub validity_months: u32,
    /// Why it is granted without a track.
    pub note: Option<String>,
}

/// Grants a certification directly; it counts at once.
pub async fn grant(app: &App, actor: &Actor, cmd: Grant) -> Result<Certification, AppError> {
    let holder = user::get(&app.db, actor.org, cmd.holder)
        .await
        .map_err(|e| match e {
            RepoError::NotFound => {
                AppError::field("holder_id", "unknown_user", "no such person here")
            }
            other => other.into(),
        })?;
    let level = Level::parse(&cmd.level).ok_or_else(|| {
        AppError::field("level", "invalid_level", "coach, trainer or master_trainer")
    })?;
    let scope = parse_scope(&app.db, actor.org, &cmd.scope).await?;
    let title = cmd.title.trim();
    if !(1..=TITLE_MAX).contains(&title.chars().count()) {
        return Err(AppError::field(
            "title",
            "invalid_title",
            format!("1 to {TITLE_MAX} characters"),
        ));
    }
    check_validity(cmd.validity_months)?;
    let note = optional("note", cmd.note.as_deref(), STATEMENT_MAX)?.unwrap_or_default();
    let now = app.clock.now();
    let c = Certification {
        id: uuid::Uuid::new_v4(),
        organisation_id: actor.org,
        holder_id: holder.id,
        track_id: None,
        enrolment_id: None,
        title: title.to_owned(),
        description: String::new(),
        level,
        scope,
        evidence: Vec::new(),
        issued_at: now,
        expires_at: expires_at(now, cmd.validity_months),
        issued_by: actor.user,
        renews_id: None,
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
    };
    let tx = app.db.begin().await?;
    certification::insert_certification(&tx, &c, &note).await?;
    // Limits in the holder's cached views (today's pack) change with it.
    user::touch_learning(&tx, actor.org, c.holder_id).await?;
    tx.commit().await?;
    Ok(c)
}

/// Revokes a certification with a reason; it stops counting at once.
pub async fn revoke(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    reason: &str,
) -> Result<Certification, AppError> {
    let reason = reason.trim();
    if !(1..=STATEMENT_MAX).contains(&reason.chars().count()) {
        return Err(AppError::field(
            "reason",
            "invalid_reason",
            format!("say why, in 1 to {STATEMENT_MAX} characters"),
        ));
    }
    certification::certification(&app.db, actor.org, id).await?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    if !certification::revoke(&tx, actor.org, id, actor.user, now, reason).await? {
        return Err(AppError::Conflict {
            code: ErrorCode::AlreadyRevoked,
            detail: "this certification was revoked already".into(),
        });
    }
    let revoked = certification::certification(&tx, actor.org, id).await?;
    user::touch_learning(&tx, actor.org, revoked.holder_id).await?;
    tx.commit().await?;
    Ok(revoked)
}

/// Renews a certification: a new one with the same level and scope from today, naming the
/// one it renews. A revoked one is not renewed, and each is renewed once.
pub async fn renew(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    validity_months: u32,
) -> Result<Certification, AppError> {
    let old = certification::certification(&app.db, actor.org, id).await?;
    let now = app.clock.now();
    if standing(&old, now) == Standing::Revoked {
        return Err(AppError::Conflict {
            code: ErrorCode::AlreadyRevoked,
            detail: "a revoked certification is not renewed".into(),
        });
    }
    check_validity(validity_months)?;
    let new = Certification {
        id: uuid::Uuid::new_v4(),
        issued_at: now,
        expires_at: expires_at(now, validity_months),
        issued_by: actor.user,
        renews_id: Some(old.id),
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
        ..old.clone()
    };
    let tx = app.db.begin().await?;
    let revoked = certification::certification(&tx, actor.org, old.id)
        .await?
        .revoked_at
        .is_some();
    if revoked
        || !certification::claim_event(
            &tx,
            actor.org,
            old.id,
            now,
            Some(actor.user),
            CertificationEvent::Renewed,
            &new.id.to_string(),
        )
        .await?
    {
        return Err(AppError::Conflict {
            code: if revoked {
                ErrorCode::AlreadyRevoked
            } else {
                ErrorCode::AlreadyRenewed
            },
            detail: "this certification was revoked or renewed meanwhile".into(),
        });
    }
    certification::insert_certification(&tx, &new, "").await?;
    user::touch_learning(&tx, actor.org, new.holder_id).await?;
    tx.commit().await?;
    Ok(new)
}
