//! The sign-in throttle, kept in the database so every server node sees the same counts.
//!
//! Every attempt is counted *before* the password is checked, with a conditional update, so
//! a burst of concurrent guesses cannot slip past the limit: of N simultaneous attempts on a
//! key, only those admitted before the count reaches the limit get a password check.

use chrono::{DateTime, Duration, Utc};
use cinco_domain::auth::{block_after, failures_to_continue_from};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::RepoError;
use crate::entities::sign_in_throttle;
use crate::executor::Executor;

/// Whether an attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Admitted,
    /// Refused until then (the attempt is not counted).
    Blocked(DateTime<Utc>),
}

/// Counts an attempt on `key`, unless the key is blocked.
pub async fn admit(
    ex: &impl Executor,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Admission, RepoError> {
    for _ in 0..8 {
        match sign_in_throttle::Entity::find_by_id(key.to_owned())
            .one(ex.conn())
            .await?
        {
            Some(row) if row.blocked_until > now => {
                return Ok(Admission::Blocked(row.blocked_until));
            }
            Some(row) => {
                let count = failures_to_continue_from(row.failures, row.last_failure_at, now) + 1;
                let counted = sign_in_throttle::Entity::update_many()
                    .col_expr(sign_in_throttle::Column::Failures, Expr::value(count))
                    .col_expr(sign_in_throttle::Column::LastFailureAt, Expr::value(now))
                    .col_expr(
                        sign_in_throttle::Column::BlockedUntil,
                        Expr::value(now + block_after(count)),
                    )
                    .filter(sign_in_throttle::Column::Key.eq(key))
                    .filter(sign_in_throttle::Column::Failures.eq(row.failures))
                    .filter(sign_in_throttle::Column::LastFailureAt.eq(row.last_failure_at))
                    .exec(ex.conn())
                    .await?;
                if counted.rows_affected == 1 {
                    return Ok(Admission::Admitted);
                }
            }
            None => {
                let row = sign_in_throttle::ActiveModel {
                    key: Set(key.to_owned()),
                    failures: Set(1),
                    last_failure_at: Set(now),
                    blocked_until: Set(now + block_after(1)),
                };
                if sign_in_throttle::Entity::insert(row)
                    .exec_without_returning(ex.conn())
                    .await
                    .is_ok()
                {
                    return Ok(Admission::Admitted);
                }
            }
        }
        // Another request changed the row first: read it again.
    }
    // Under that much contention on one key, refusing is the safe answer.
    Ok(Admission::Blocked(now + Duration::seconds(1)))
}

/// Forgets a key's count (a successful sign-in to that account).
pub async fn clear(ex: &impl Executor, key: &str) -> Result<(), RepoError> {
    sign_in_throttle::Entity::delete_by_id(key.to_owned())
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Takes back one counted attempt (a successful sign-in from that address).
pub async fn uncount(ex: &impl Executor, key: &str) -> Result<(), RepoError> {
    sign_in_throttle::Entity::update_many()
        .col_expr(
            sign_in_throttle::Column::Failures,
            Expr::col(sign_in_throttle::Column::Failures).sub(1),
        )
        .filter(sign_in_throttle::Column::Key.eq(key))
        .filter(sign_in_throttle::Column::Failures.gt(0))
        .exec(ex.conn())
        .await?;
    Ok(())
}
