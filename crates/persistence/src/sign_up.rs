//! Sign-ups waiting for the mailed link that confirms their address.

use chrono::{DateTime, Utc};
use cinco_domain::auth::SIGN_UP_LINK_LIFETIME;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::RepoError;
use crate::entities::sign_up_requests;
use crate::executor::Executor;

/// What someone asked for at sign-up, kept until they open the link.
#[derive(Debug, Clone)]
pub struct Pending {
    pub email: String,
    pub organisation_name: String,
    pub display_name: String,
    pub locale: String,
    pub time_zone: String,
    pub password_hash: String,
}

/// Keeps a sign-up under its link token's hash.
pub async fn insert(
    ex: &impl Executor,
    pending: Pending,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = sign_up_requests::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        token_hash: Set(token_hash.to_owned()),
        email: Set(pending.email),
        organisation_name: Set(pending.organisation_name),
        display_name: Set(pending.display_name),
        locale: Set(pending.locale),
        time_zone: Set(pending.time_zone),
        password_hash: Set(pending.password_hash),
        created_at: Set(now),
        expires_at: Set(now + SIGN_UP_LINK_LIFETIME),
        used_at: Set(None),
    };
    sign_up_requests::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await?;
    Ok(())
}

/// Uses the link: returns its sign-up if it was unused and unexpired, marking it used so it
/// cannot serve twice. Expired and used requests older than a day are removed on the way.
pub async fn consume(
    ex: &impl Executor,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Pending>, RepoError> {
    sign_up_requests::Entity::delete_many()
        .filter(sign_up_requests::Column::ExpiresAt.lt(now - chrono::Duration::days(1)))
        .exec(ex.conn())
        .await?;
    let Some(row) = sign_up_requests::Entity::find()
        .filter(sign_up_requests::Column::TokenHash.eq(token_hash))
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    let claimed = sign_up_requests::Entity::update_many()
        .col_expr(sign_up_requests::Column::UsedAt, Expr::value(now))
        .filter(sign_up_requests::Column::Id.eq(row.id))
        .filter(sign_up_requests::Column::UsedAt.is_null())
        .filter(sign_up_requests::Column::ExpiresAt.gt(now))
        .exec(ex.conn())
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(None);
    }
    Ok(Some(Pending {
        email: row.email,
        organisation_name: row.organisation_name,
        display_name: row.display_name,
        locale: row.locale,
        time_zone: row.time_zone,
        password_hash: row.password_hash,
    }))
}
