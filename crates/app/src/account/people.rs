//! What admins change about a person's account: their roles, their external id, and whether
//! they may sign in.

use cinco_domain::team::Membership;
use cinco_domain::user::{ExternalId, Roles, User};
use cinco_domain::{Role, UserId};
use cinco_persistence::session::{self, RevokeReason};
use cinco_persistence::user::{self, UserChanges};
use cinco_persistence::{RepoError, password_reset, team};

use crate::{Actor, App, AppError, ErrorCode};

/// Refuses to take away the last active admin of the actor's organisation.
async fn guard_last_admin(app: &App, actor: &Actor, person: &User) -> Result<(), AppError> {
    if person.roles.contains(Role::Admin)
        && person.active
        && user::count_active_admins(&app.db, actor.org).await? <= 1
    {
        return Err(AppError::Conflict {
            code: ErrorCode::LastAdmin,
            detail: "the organisation needs at least one active admin".to_owned(),
        });
    }
    Ok(())
}

/// Replaces `id`'s roles. Losing a role ends the team memberships that came with it; the
/// last active admin keeps the admin role.
pub async fn set_roles(
    app: &App,
    actor: &Actor,
    id: UserId,
    roles: Roles,
) -> Result<User, AppError> {
    let current = user::get(&app.db, actor.org, id).await?;
    if !roles.contains(Role::Admin) {
        guard_last_admin(app, actor, &current).await?;
    }
    let tx = app.db.begin().await?;
    for (role, membership) in [
        (Role::Lead, Membership::Lead),
        (Role::Agent, Membership::Agent),
    ] {
        if !roles.contains(role) {
            team::remove_memberships(&tx, actor.org, id, membership).await?;
        }
    }
    let changed = user::update(
        &tx,
        actor.org,
        id,
        UserChanges {
            roles: Some(roles),
            ..Default::default()
        },
        app.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(changed)
}

/// Deactivates `id`: they cannot sign in, and their sessions and reset links end now. The
/// last active admin stays.
pub async fn deactivate(app: &App, actor: &Actor, id: UserId) -> Result<User, AppError> {
    let current = user::get(&app.db, actor.org, id).await?;
    guard_last_admin(app, actor, &current).await?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    let changed = user::update(
        &tx,
        actor.org,
        id,
        UserChanges {
            active: Some(false),
            ..Default::default()
        },
        now,
    )
    .await?;
    session::revoke_all(&tx, actor.org, id, None, RevokeReason::Deactivated, now).await?;
    password_reset::void_all(&tx, id, now).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Sets (or with `None` clears) the id other systems know `id` by. One another person of
/// the organisation has is refused (`external_id_taken`).
pub async fn set_external_id(
    app: &App,
    actor: &Actor,
    id: UserId,
    external_id: Option<ExternalId>,
) -> Result<User, AppError> {
    user::set_external_id(
        &app.db,
        actor.org,
        id,
        external_id.as_ref(),
        app.clock.now(),
    )
    .await
    .map_err(|e| match e {
        RepoError::Conflict(_) => AppError::Conflict {
            code: ErrorCode::ExternalIdTaken,
            detail: format!(
                "another person already has the external id {}",
                external_id
                    .as_ref()
                    .map(ExternalId::as_str)
                    .unwrap_or_default()
            ),
        },
        other => other.into(),
    })
}
