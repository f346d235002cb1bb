//! Invitations to join an organisation. Listing and revoking take the organisation id; the
//! accept-by-token lookup does not (the token is the capability).

use chrono::{DateTime, Utc};
use cinco_domain::auth::INVITATION_LIFETIME;
use cinco_domain::user::{DisplayName, Email, Roles};
use cinco_domain::{InvitationId, Locale, OrganisationId, TeamId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::invitations;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: InvitationId,
    pub organisation_id: OrganisationId,
    pub email: Email,
    pub display_name: DisplayName,
    pub roles: Roles,
    pub team_id: Option<TeamId>,
    pub locale: Locale,
    pub invited_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Invitation {
    /// Open: neither accepted, revoked nor expired.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none() && self.expires_at > now
    }
}

/// What a new invitation says.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub organisation_id: OrganisationId,
    pub email: Email,
    pub display_name: DisplayName,
    pub roles: Roles,
    pub team_id: Option<TeamId>,
    pub locale: Locale,
    pub invited_by: UserId,
}

pub async fn insert(
    ex: &impl Executor,
    new: &NewInvitation,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Invitation, RepoError> {
    let id = InvitationId::new();
    let row = invitations::ActiveModel {
        id: Set(id.as_uuid()),
        organisation_id: Set(new.organisation_id.as_uuid()),
        email: Set(new.email.as_str().to_owned()),
        display_name: Set(new.display_name.as_str().to_owned()),
        roles: Set(new.roles.to_list()),
        team_id: Set(new.team_id.map(|t| t.as_uuid())),
        locale: Set(new.locale.code().to_owned()),
        invited_by: Set(new.invited_by.as_uuid()),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + INVITATION_LIFETIME),
        accepted_at: Set(None),
        revoked_at: Set(None),
    };
    invitations::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await?;
    get(ex, new.organisation_id, id).await
}

pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: InvitationId,
) -> Result<Invitation, RepoError> {
    invitations::Entity::find_by_id(id.as_uuid())
        .filter(invitations::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_domain)
}

pub async fn find_by_token(
    ex: &impl Executor,
    token_hash: &str,
) -> Result<Option<Invitation>, RepoError> {
    invitations::Entity::find()
        .filter(invitations::Column::TokenHash.eq(token_hash))
        .one(ex.conn())
        .await?
        .map(to_domain)
        .transpose()
}

/// Open invitations of the organisation, newest first; only those for `teams` if given.
pub async fn list_open(
    ex: &impl Executor,
    org: OrganisationId,
    teams: Option<&[TeamId]>,
    now: DateTime<Utc>,
) -> Result<Vec<Invitation>, RepoError> {
    let mut query = invitations::Entity::find()
        .filter(invitations::Column::OrganisationId.eq(org.as_uuid()))
        .filter(invitations::Column::AcceptedAt.is_null())
        .filter(invitations::Column::RevokedAt.is_null())
        .filter(invitations::Column::ExpiresAt.gt(now));
    if let Some(teams) = teams {
        query = query.filter(invitations::Column::TeamId.is_in(teams.iter().map(|t| t.as_uuid())));
    }
    let rows = query
        .order_by_desc(invitations::Column::CreatedAt)
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_domain).collect()
}

/// Gives the invitation a new token and a new 7-day expiry (resend).
pub async fn renew(
    ex: &impl Executor,
    org: OrganisationId,
    id: InvitationId,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Invitation, RepoError> {
    invitations::Entity::update_many()
        .col_expr(invitations::Column::TokenHash, Expr::value(token_hash))
        .col_expr(
            invitations::Column::ExpiresAt,
            Expr::value(now + INVITATION_LIFETIME),
        )
        .filter(invitations::Column::OrganisationId.eq(org.as_uuid()))
        .filter(invitations::Column::Id.eq(id.as_uuid()))
        .exec(ex.conn())
        .await?;
    get(ex, org, id).await
}

pub async fn revoke(
    ex: &impl Executor,
    org: OrganisationId,
    id: InvitationId,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    invitations::Entity::update_many()
        .col_expr(invitations::Column::RevokedAt, Expr::value(now))
        .filter(invitations::Column::OrganisationId.eq(org.as_uuid()))
        .filter(invitations::Column::Id.eq(id.as_uuid()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Marks the invitation accepted, only if it is still open and `token_hash` is still its
/// link (a resend replaces it). `false` means another request used it first (single use).
pub async fn mark_accepted(
    ex: &impl Executor,
    id: InvitationId,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let result = invitations::Entity::update_many()
        .col_expr(invitations::Column::AcceptedAt, Expr::value(now))
        .filter(invitations::Column::Id.eq(id.as_uuid()))
        .filter(invitations::Column::TokenHash.eq(token_hash))
        .filter(invitations::Column::AcceptedAt.is_null())
        .filter(invitations::Column::RevokedAt.is_null())
        .filter(invitations::Column::ExpiresAt.gt(now))
        .exec(ex.conn())
        .await?;
    Ok(result.rows_affected == 1)
}

fn to_domain(row: invitations::Model) -> Result<Invitation, RepoError> {
    let what = format!("invitation {}", row.id);
    Ok(Invitation {
        id: InvitationId::from_uuid(row.id),
        organisation_id: OrganisationId::from_uuid(row.organisation_id),
        email: Email::parse(&row.email).map_err(|_| corrupt(&what, "email"))?,
        display_name: DisplayName::parse(&row.display_name)
            .map_err(|_| corrupt(&what, "display_name"))?,
        roles: Roles::parse_list(&row.roles).map_err(|_| corrupt(&what, "roles"))?,
        team_id: row.team_id.map(TeamId::from_uuid),
        locale: row.locale.parse().map_err(|_| corrupt(&what, "locale"))?,
        invited_by: UserId::from_uuid(row.invited_by),
        created_at: row.created_at,
        expires_at: row.expires_at,
        accepted_at: row.accepted_at,
        revoked_at: row.revoked_at,
    })
}
