//! The sign-in throttle, kept in the database so every server node sees the same counts.

use chrono::{DateTime, Utc};
use cinco_domain::auth::{block_after, failures_to_continue_from};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};

use crate::RepoError;
use crate::entities::sign_in_throttle;
use crate::executor::Executor;

/// Until when the key is blocked, if it is.
pub async fn blocked_until(
    ex: &impl Executor,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, RepoError> {
    let row = sign_in_throttle::Entity::find_by_id(key.to_owned())
        .one(ex.conn())
        .await?;
    Ok(row.map(|r| r.blocked_until).filter(|until| *until > now))
}

/// Counts a failure and blocks the key for the delay its count earns.
pub async fn record_failure(
    ex: &impl Executor,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    match sign_in_throttle::Entity::find_by_id(key.to_owned())
        .one(ex.conn())
        .await?
    {
        Some(row) => {
            let failures = failures_to_continue_from(row.failures, row.last_failure_at, now) + 1;
            let mut row = row.into_active_model();
            row.failures = Set(failures);
            row.last_failure_at = Set(now);
            row.blocked_until = Set(now + block_after(failures));
            row.update(ex.conn()).await?;
        }
        None => {
            let row = sign_in_throttle::ActiveModel {
                key: Set(key.to_owned()),
                failures: Set(1),
                last_failure_at: Set(now),
                blocked_until: Set(now + block_after(1)),
            };
            // Two nodes may race to create the row; the loser's failure is not lost for
            // long, as the next one counts again.
            if let Err(err) = sign_in_throttle::Entity::insert(row)
                .exec_without_returning(ex.conn())
                .await
            {
                tracing::debug!(error = %err, "throttle row created concurrently");
            }
        }
    }
    Ok(())
}

/// Forgets a key's failures after a successful sign-in.
pub async fn clear(ex: &impl Executor, key: &str) -> Result<(), RepoError> {
    sign_in_throttle::Entity::delete_by_id(key.to_owned())
        .exec(ex.conn())
        .await?;
    Ok(())
}
