//! Who holds which certification now: active ones (not expired, not revoked), the authority
//! they grant, and which competencies a coach may sign off.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use cinco_domain::certification::{Level, Standing};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::Executor;
use cinco_persistence::certification::{self, Certification};

use crate::AppError;

/// The active certifications a person holds at `now`.
pub async fn held(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Certification>, AppError> {
    Ok(certification::certifications(ex, org, Some(user))
        .await?
        .into_iter()
        .filter(|c| standing(c, now) == Standing::Active)
        .collect())
}

pub fn standing(c: &Certification, now: DateTime<Utc>) -> Standing {
    Standing::at(now, c.expires_at, c.revoked_at.is_some())
}

/// The certification keys a person's authority limits count (`coach`, `trainer`,
/// `master_trainer`: each level includes those below it).
pub async fn authority_keys(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let mut keys: Vec<String> = held(ex, org, user, now)
        .await?
        .iter()
        .flat_map(|c| c.level.authority_keys())
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// Whether the organisation enforces certified coaching.
pub async fn enforced(ex: &impl Executor, org: OrganisationId) -> Result<bool, AppError> {
    Ok(cinco_persistence::coaching::settings(ex, org)
        .await?
        .enforce_certified_coaching)
}

/// The highest level among a person's active certifications.
pub async fn highest_level(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Option<Level>, AppError> {
    Ok(held(ex, org, user, now)
        .await?
        .iter()
        .map(|c| c.level)
        .max())
}

/// Which competencies `rater` may sign off ratings of: every one (`None`) unless the
/// organisation enforces certified coaching; then those their active certifications cover.
pub async fn sign_off_scope(
    ex: &impl Executor,
    org: OrganisationId,
    rater: UserId,
    now: DateTime<Utc>,
) -> Result<Option<HashSet<String>>, AppError> {
    if !enforced(ex, org).await? {
        return Ok(None);
    }
    Ok(Some(
        held(ex, org, rater, now)
            .await?
            .iter()
            .flat_map(|c| c.scope.iter().map(|k| k.as_str().to_owned()))
            .collect(),
    ))
}
