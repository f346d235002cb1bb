//! Signed-in sessions and their rotating refresh tokens.
//!
//! A session is one device staying signed in. Its refresh tokens form a family: each use
//! marks the token used and issues the next one; presenting a used token again means it
//! was stolen or replayed, and the whole session is revoked.

use chrono::{DateTime, Utc};
use cinco_domain::auth::SESSION_LIFETIME;
use cinco_domain::user::Roles;
use cinco_domain::{OrganisationId, SessionId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::RepoError;
use crate::entities::{refresh_tokens, sessions, users};
use crate::executor::Executor;

/// A session as listed to its owner.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: SessionId,
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
    pub user_agent: String,
    pub ip_address: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeReason {
    SignedOut,
    SignedOutEverywhere,
    RevokedByUser,
    RefreshReuse,
    PasswordChanged,
    Deactivated,
}

impl RevokeReason {
    fn as_str(self) -> &'static str {
        match self {
            RevokeReason::SignedOut => "signed_out",
            RevokeReason::SignedOutEverywhere => "signed_out_everywhere",
            RevokeReason::RevokedByUser => "revoked",
            RevokeReason::RefreshReuse => "refresh_reuse",
            RevokeReason::PasswordChanged => "password_changed",
            RevokeReason::Deactivated => "deactivated",
        }
    }
}

/// Opens a session with its first refresh token (given as its hash).
pub async fn open(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    user_agent: &str,
    ip_address: &str,
    refresh_hash: &str,
    now: DateTime<Utc>,
) -> Result<Session, RepoError> {
    let id = SessionId::new();
    let row = sessions::ActiveModel {
        id: Set(id.as_uuid()),
        organisation_id: Set(org.as_uuid()),
        user_id: Set(user.as_uuid()),
        user_agent: Set(user_agent.chars().take(300).collect()),
        ip_address: Set(ip_address.chars().take(64).collect()),
        created_at: Set(now),
        last_used_at: Set(now),
        expires_at: Set(now + SESSION_LIFETIME),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    };
    sessions::Entity::insert(row.clone())
        .exec_without_returning(ex.conn())
        .await?;
    insert_token(ex, id, refresh_hash, now).await?;
    Ok(Session {
        id,
        user_id: user,
        organisation_id: org,
        user_agent: user_agent.chars().take(300).collect(),
        ip_address: ip_address.chars().take(64).collect(),
        created_at: now,
        last_used_at: now,
        expires_at: now + SESSION_LIFETIME,
    })
}

/// A live session's person: their roles now, and their learning revision
/// (`user::touch_learning`).
#[derive(Debug, Clone)]
pub struct Current {
    pub roles: Roles,
    pub learning_revision: i64,
}

/// The session's person when the session is open and the person active, else `None`.
/// Checked on every authenticated request, so revocation, deactivation and role changes take
/// effect at once.
pub async fn current(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    id: SessionId,
    now: DateTime<Utc>,
) -> Result<Option<Current>, RepoError> {
    // One query: the session and its person.
    let Some((session, Some(user))) = sessions::Entity::find_by_id(id.as_uuid())
        .filter(sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(sessions::Column::UserId.eq(user.as_uuid()))
        .find_also_related(users::Entity)
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    if session.revoked_at.is_some() || session.expires_at <= now || !user.active {
        return Ok(None);
    }
    let roles = Roles::parse_list(&user.roles)
        .map_err(|_| crate::corrupt(&format!("user {}", user.id), "roles"))?;
    Ok(Some(Current {
        roles,
        learning_revision: user.learning_revision,
    }))
}

/// What presenting a refresh token led to.
#[derive(Debug)]
pub enum Rotation {
    /// The token was valid: it is now used and `next_hash` is the session's new token.
    Rotated(Session),
    /// Unknown, expired, or the session is closed.
    Invalid,
    /// The token had already been used: the session has just been revoked.
    ReuseDetected,
}

/// Exchanges a refresh token (by hash) for the next one.
pub async fn rotate(
    ex: &impl Executor,
    presented_hash: &str,
    next_hash: &str,
    now: DateTime<Utc>,
) -> Result<Rotation, RepoError> {
    let Some(token) = refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(presented_hash))
        .one(ex.conn())
        .await?
    else {
        return Ok(Rotation::Invalid);
    };
    let Some(session) = sessions::Entity::find_by_id(token.session_id)
        .one(ex.conn())
        .await?
    else {
        return Ok(Rotation::Invalid);
    };
    let session_id = SessionId::from_uuid(session.id);
    let org = OrganisationId::from_uuid(session.organisation_id);
    if session.revoked_at.is_some() || session.expires_at <= now {
        return Ok(Rotation::Invalid);
    }
    // Mark used only if still unused: of two concurrent uses, exactly one wins.
    let claimed = refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now))
        .filter(refresh_tokens::Column::Id.eq(token.id))
        .filter(refresh_tokens::Column::UsedAt.is_null())
        .exec(ex.conn())
        .await?;
    if claimed.rows_affected == 0 {
        revoke(ex, org, session_id, RevokeReason::RefreshReuse, now).await?;
        return Ok(Rotation::ReuseDetected);
    }
    let user_active = users::Entity::find_by_id(session.user_id)
        .one(ex.conn())
        .await?
        .is_some_and(|u| u.active);
    if !user_active {
        return Ok(Rotation::Invalid);
    }
    insert_token(ex, session_id, next_hash, now).await?;
    sessions::Entity::update_many()
        .col_expr(sessions::Column::LastUsedAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(session.id))
        .exec(ex.conn())
        .await?;
    Ok(Rotation::Rotated(to_session(session)))
}

/// The session a refresh token belongs to, without using the token (for sign-out).
pub async fn find_by_refresh(
    ex: &impl Executor,
    presented_hash: &str,
) -> Result<Option<Session>, RepoError> {
    let Some(token) = refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(presented_hash))
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    Ok(sessions::Entity::find_by_id(token.session_id)
        .one(ex.conn())
        .await?
        .map(to_session))
}

/// Ends one session of the organisation.
pub async fn revoke(
    ex: &impl Executor,
    org: OrganisationId,
    id: SessionId,
    reason: RevokeReason,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now))
        .col_expr(
            sessions::Column::RevokedReason,
            Expr::value(reason.as_str()),
        )
        .filter(sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(sessions::Column::Id.eq(id.as_uuid()))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Ends every open session of a user except `keep`; returns how many ended.
pub async fn revoke_all(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    keep: Option<SessionId>,
    reason: RevokeReason,
    now: DateTime<Utc>,
) -> Result<u64, RepoError> {
    let mut update = sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now))
        .col_expr(
            sessions::Column::RevokedReason,
            Expr::value(reason.as_str()),
        )
        .filter(sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(sessions::Column::UserId.eq(user.as_uuid()))
        .filter(sessions::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(sessions::Column::Id.ne(keep.as_uuid()));
    }
    Ok(update.exec(ex.conn()).await?.rows_affected)
}

/// A user's open sessions, most recently used first.
pub async fn list_active(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Session>, RepoError> {
    let rows = sessions::Entity::find()
        .filter(sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(sessions::Column::UserId.eq(user.as_uuid()))
        .filter(sessions::Column::RevokedAt.is_null())
        .filter(sessions::Column::ExpiresAt.gt(now))
        .order_by_desc(sessions::Column::LastUsedAt)
        .all(ex.conn())
        .await?;
    Ok(rows.into_iter().map(to_session).collect())
}

async fn insert_token(
    ex: &impl Executor,
    session: SessionId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = refresh_tokens::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        session_id: Set(session.as_uuid()),
        token_hash: Set(hash.to_owned()),
        created_at: Set(now),
        used_at: Set(None),
    };
    refresh_tokens::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await?;
    Ok(())
}

fn to_session(row: sessions::Model) -> Session {
    Session {
        id: SessionId::from_uuid(row.id),
        user_id: UserId::from_uuid(row.user_id),
        organisation_id: OrganisationId::from_uuid(row.organisation_id),
        user_agent: row.user_agent,
        ip_address: row.ip_address,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        expires_at: row.expires_at,
    }
}
