//! Forgotten, reset and changed passwords.

use chrono::{DateTime, Utc};
use cinco_domain::password::NewPassword;
use cinco_domain::user::Email;
use cinco_domain::{OrganisationId, SessionId, UserId};
use cinco_persistence::session::{self, RevokeReason};
use cinco_persistence::user::{self, UserChanges};
use cinco_persistence::{Executor, organisation, outbox, password_reset};
use tokio::sync::Semaphore;

use super::{Client, Opened, password, secret, throttle};
use crate::mail::templates;
use crate::{App, AppError, ErrorCode};

/// Reset requests handled at once in the background; beyond this, the request waits for its
/// own work, so a flood slows its sender instead of piling up tasks.
static IN_FLIGHT: Semaphore = Semaphore::const_new(32);

/// Asks for a reset link for `email` and returns without waiting for it: looking the address
/// up, the throttle and queueing the mail happen after the answer, so the answer takes the
/// same time whether or not the address has an account (nothing to time). A failure is
/// logged; the person can ask again.
pub async fn forgot(app: &App, email: &str) -> Result<(), AppError> {
    let email = email.to_owned();
    match IN_FLIGHT.try_acquire() {
        Ok(permit) => {
            let app = app.clone();
            tokio::spawn(async move {
                let _permit = permit;
                if let Err(err) = send_link(&app, &email).await {
                    tracing::warn!(error = %err, "a password-reset request failed");
                }
            });
            Ok(())
        }
        Err(_) => send_link(app, &email).await,
    }
}

/// Mails a reset link valid for one hour to `email` if it has an active account and has not
/// asked too often; says nothing either way.
async fn send_link(app: &App, email: &str) -> Result<(), AppError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let Some(credentials) = user::credentials_by_email(&app.db, &email).await? else {
        return Ok(());
    };
    let account = credentials.user;
    let now = app.clock.now();
    if !account.active || !throttle::reset_mail_allowed(&app.db, &account.email, now).await? {
        return Ok(());
    }
    let org = organisation::get(&app.db, account.organisation_id).await?;
    let token = secret::new_token();
    let link = app.link(&format!("/reset-password?token={token}"));
    let vars = templates::Vars {
        name: account.display_name.as_str(),
        org: org.name.as_str(),
        inviter: "",
    };
    let tx = app.db.begin().await?;
    password_reset::insert(&tx, account.id, &secret::hash(&token), now).await?;
    outbox::enqueue(
        &tx,
        templates::password_reset(account.locale, vars, &link, account.email.as_str(), org.id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn invalid_link() -> AppError {
    AppError::Rejected {
        code: ErrorCode::ResetLinkInvalid,
        detail: "this reset link is unknown, already used or expired; ask for a new one".to_owned(),
    }
}

/// Sets a new password with a reset link's token: the link and every other one is used up,
/// every session ends, and a new one starts.
pub async fn reset(
    app: &App,
    token: &str,
    new_password: &str,
    client: &Client,
) -> Result<Opened, AppError> {
    let now = app.clock.now();
    // Check the link and hash the new password before the transaction, so no write lock is
    // held during the slow hash; the link is then used up inside it.
    let hash_of_token = secret::hash(token);
    let (org, user_id) = password_reset::peek(&app.db, &hash_of_token, now)
        .await?
        .ok_or_else(invalid_link)?;
    let account = user::get(&app.db, org, user_id).await?;
    if !account.active {
        return Err(invalid_link());
    }
    let new_password = NewPassword::parse(new_password, &account.email)
        .map_err(|e| AppError::field("password", e.code(), e.to_string()))?;
    let hash = password::hash(new_password).await?;
    let tx = app.db.begin().await?;
    if password_reset::consume(&tx, &hash_of_token, now)
        .await?
        .is_none()
    {
        return Err(invalid_link());
    }
    set_password(&tx, org, user_id, hash, None, now).await?;
    let opened = super::open(&tx, account, client, now).await?;
    tx.commit().await?;
    Ok(opened)
}

/// Changes a signed-in person's password after checking the current one (throttled like
/// sign-in); their other sessions end, `current` stays.
pub async fn change(
    app: &App,
    org: OrganisationId,
    user_id: UserId,
    current: SessionId,
    current_password: String,
    new_password: &str,
) -> Result<(), AppError> {
    throttle::admit_password_change(&app.db, user_id, app.clock.now()).await?;
    let credentials = user::credentials(&app.db, org, user_id).await?;
    if !password::verify(current_password, Some(credentials.password_hash)).await? {
        return Err(AppError::Rejected {
            code: ErrorCode::WrongCurrentPassword,
            detail: "the current password is not right".to_owned(),
        });
    }
    let new_password = NewPassword::parse(new_password, &credentials.user.email)
        .map_err(|e| AppError::field("new_password", e.code(), e.to_string()))?;
    throttle::password_change_succeeded(&app.db, user_id).await?;
    let hash = password::hash(new_password).await?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    set_password(&tx, org, user_id, hash, Some(current), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Stores a new password hash: every reset link of the person stops working and every
/// session ends but `keep`.
async fn set_password(
    ex: &impl Executor,
    org: OrganisationId,
    user_id: UserId,
    hash: String,
    keep: Option<SessionId>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    user::update(
        ex,
        org,
        user_id,
        UserChanges {
            password_hash: Some(hash),
            ..Default::default()
        },
        now,
    )
    .await?;
    password_reset::void_all(ex, user_id, now).await?;
    session::revoke_all(ex, org, user_id, keep, RevokeReason::PasswordChanged, now).await?;
    Ok(())
}
