//! Single-use password-reset links.

use chrono::{DateTime, Utc};
use cinco_domain::auth::PASSWORD_RESET_LIFETIME;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::RepoError;
use crate::entities::{password_resets, users};
use crate::executor::Executor;

/// Records a reset link for a user (given its token's hash).
pub async fn insert(
    ex: &impl Executor,
    user: UserId,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = password_resets::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.as_uuid()),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + PASSWORD_RESET_LIFETIME),
        used_at: Set(None),
    };
    password_resets::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await?;
    Ok(())
}

/// Uses the link: returns its user if it was unused and unexpired, marking it used so it
/// cannot serve twice.
pub async fn consume(
    ex: &impl Executor,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(OrganisationId, UserId)>, RepoError> {
    let Some(reset) = password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(token_hash))
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    let claimed = password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::Id.eq(reset.id))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .exec(ex.conn())
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(None);
    }
    let Some(user) = users::Entity::find_by_id(reset.user_id)
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    Ok(Some((
        OrganisationId::from_uuid(user.organisation_id),
        UserId::from_uuid(user.id),
    )))
}

/// Voids every unused reset link of a user (after a reset, a change or a deactivation).
pub async fn void_all(
    ex: &impl Executor,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::UserId.eq(user.as_uuid()))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// The user a still-valid link belongs to, without using it.
pub async fn peek(
    ex: &impl Executor,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(OrganisationId, UserId)>, RepoError> {
    let Some(reset) = password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(token_hash))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    let user = users::Entity::find_by_id(reset.user_id)
        .one(ex.conn())
        .await?;
    Ok(user.map(|u| {
        (
            OrganisationId::from_uuid(u.organisation_id),
            UserId::from_uuid(u.id),
        )
    }))
}
