//! Signing in with a password, refreshing a session with its one-use refresh token, and
//! ending sessions.

use cinco_domain::user::Email;
use cinco_domain::{OrganisationId, SessionId, UserId};
use cinco_persistence::session::{self, RevokeReason, Rotation};
use cinco_persistence::user;

use super::{Client, Opened, password, profile, secret, throttle};
use crate::{App, AppError, ErrorCode};

/// Signs in with an address and a password. A wrong password and an unknown address get the
/// same answer after the same work. Every attempt counts until one succeeds (see
/// [`throttle`]): against the account and the client address, or, from a browser that signed
/// in to this account before, against that device only, so strangers guessing the password
/// cannot lock its owner out.
pub async fn sign_in(
    app: &App,
    email: &str,
    candidate: String,
    client: &Client,
) -> Result<Opened, AppError> {
    let now = app.clock.now();
    let credentials = match Email::parse(email) {
        Ok(email) => user::credentials_by_email(&app.db, &email).await?,
        Err(_) => None,
    };
    let device = client
        .device
        .filter(|d| credentials.as_ref().is_some_and(|c| c.user.id == d.user));
    match device {
        Some(device) => throttle::admit_device(&app.db, device.id, now).await?,
        None => throttle::admit(&app.db, &email.trim().to_lowercase(), &client.ip, now).await?,
    }
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let matches = password::verify(candidate, stored).await?;
    let account = match credentials {
        Some(c) if matches && c.user.active => c.user,
        // The attempt was counted before the check; a failure leaves it counted.
        _ => return Err(AppError::Unauthenticated(ErrorCode::InvalidCredentials)),
    };
    match device {
        Some(device) => throttle::device_succeeded(&app.db, device.id).await?,
        None => throttle::succeeded(&app.db, &account.email, &client.ip).await?,
    }
    let tx = app.db.begin().await?;
    let opened = super::open(&tx, account, client, now).await?;
    tx.commit().await?;
    Ok(opened)
}

/// Exchanges a refresh token for a new one. Each works once: presenting one that was
/// already used ends its whole session (someone else may hold a copy).
pub async fn refresh(app: &App, presented: &str) -> Result<Opened, AppError> {
    let next = secret::new_token();
    let tx = app.db.begin().await?;
    let rotation = session::rotate(
        &tx,
        &secret::hash(presented),
        &secret::hash(&next),
        app.clock.now(),
    )
    .await?;
    match rotation {
        Rotation::Rotated(session) => {
            // The profile is read before the rotation commits: if that fails, the old token
            // stays unused and the client can simply try again.
            let account = user::get(&tx, session.organisation_id, session.user_id).await?;
            let profile = profile(&tx, account).await?;
            tx.commit().await?;
            Ok(Opened {
                profile,
                session_id: session.id,
                refresh_token: next,
            })
        }
        Rotation::Invalid => Err(AppError::Unauthenticated(ErrorCode::InvalidRefreshToken)),
        Rotation::ReuseDetected => {
            tx.commit().await?;
            tracing::warn!("refresh token reuse detected; session revoked");
            Err(AppError::Unauthenticated(ErrorCode::RefreshTokenReused))
        }
    }
}

/// Ends the session a refresh token belongs to and the one an access token belongs to
/// (the same one, for a browser that holds both; a client may hold only one of them).
pub async fn sign_out(
    app: &App,
    refresh_token: Option<&str>,
    access: Option<(OrganisationId, SessionId)>,
) -> Result<(), AppError> {
    let now = app.clock.now();
    let by_refresh = match refresh_token {
        Some(presented) => session::find_by_refresh(&app.db, &secret::hash(presented))
            .await?
            .map(|found| (found.organisation_id, found.id)),
        None => None,
    };
    let mut ending: Vec<(OrganisationId, SessionId)> = by_refresh.into_iter().collect();
    ending.extend(access.filter(|a| Some(*a) != by_refresh));
    for (org, id) in ending {
        session::revoke(&app.db, org, id, RevokeReason::SignedOut, now).await?;
    }
    Ok(())
}

/// Ends every session of `user`, the caller's too.
pub async fn sign_out_everywhere(
    app: &App,
    org: OrganisationId,
    user: UserId,
) -> Result<(), AppError> {
    session::revoke_all(
        &app.db,
        org,
        user,
        None,
        RevokeReason::SignedOutEverywhere,
        app.clock.now(),
    )
    .await?;
    Ok(())
}

/// Ends one of `user`'s own sessions; another person's is not found.
pub async fn end_own(
    app: &App,
    org: OrganisationId,
    user: UserId,
    id: SessionId,
) -> Result<(), AppError> {
    let now = app.clock.now();
    let mine = session::list_active(&app.db, org, user, now).await?;
    if !mine.iter().any(|s| s.id == id) {
        return Err(AppError::NotFound);
    }
    session::revoke(&app.db, org, id, RevokeReason::RevokedByUser, now).await?;
    Ok(())
}
