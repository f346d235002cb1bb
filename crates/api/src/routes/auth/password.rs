//! Forgotten, reset and changed passwords.

use actix_web::http::StatusCode;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, post, web};
use cinco_app::ErrorCode;
use cinco_domain::password::NewPassword;
use cinco_persistence::session::{self, RevokeReason};
use cinco_persistence::user::{self, UserChanges};
use cinco_persistence::{organisation, outbox, password_reset};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ClientInfo, SignedIn, start_session};
use crate::auth::ANY;
use crate::auth::{AuthUser, new_secret_token, password, require, throttle, token_hash};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use cinco_app::mail::templates;

#[derive(Debug, Deserialize, ToSchema)]
pub struct ForgotPasswordRequest {
    email: String,
}

/// Ask for a password-reset link by mail.
///
/// The answer is the same whether or not the address has an account.
#[utoipa::path(
    tag = "auth",
    request_body = ForgotPasswordRequest,
    responses((status = 202, description = "If the address has an account, a link valid for one hour is on its way"))
)]
#[post("/auth/forgot-password")]
pub async fn forgot(
    state: web::Data<AppState>,
    body: web::Json<ForgotPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let Ok(email) = cinco_domain::user::Email::parse(&body.email) else {
        return Ok(HttpResponse::Accepted().finish());
    };
    let Some(credentials) = user::credentials_by_email(&state.db, &email).await? else {
        return Ok(HttpResponse::Accepted().finish());
    };
    let account = credentials.user;
    if !account.active
        || !throttle::reset_mail_allowed(&state.db, &account.email, state.settings.clock.now())
            .await?
    {
        return Ok(HttpResponse::Accepted().finish());
    }
    let org = organisation::get(&state.db, account.organisation_id).await?;
    let token = new_secret_token();
    let link = state.settings.link("/reset-password", "token", &token);
    let vars = templates::Vars {
        name: account.display_name.as_str(),
        org: org.name.as_str(),
        inviter: "",
    };
    let tx = state.db.begin().await?;
    password_reset::insert(
        &tx,
        account.id,
        &token_hash(&token),
        state.settings.clock.now(),
    )
    .await?;
    outbox::enqueue(
        &tx,
        templates::password_reset(account.locale, vars, &link, account.email.as_str(), org.id),
        state.settings.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetPasswordRequest {
    /// The token from the mailed link.
    token: String,
    password: String,
}

/// Set a new password with a reset link; every other session ends, and a new one starts.
#[utoipa::path(
    tag = "auth",
    request_body = ResetPasswordRequest,
    responses(
        (status = 200, description = "Password changed and signed in", body = SignedIn),
        (status = 400, description = "`reset_link_invalid` (unknown, used or expired)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password was refused", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/reset-password")]
pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let invalid = || ApiError::BadRequest {
        code: ErrorCode::ResetLinkInvalid,
        detail: "this reset link is unknown, already used or expired; ask for a new one".to_owned(),
    };
    // Check the link and hash the new password before the transaction, so no write lock is
    // held during the slow hash; the link is then used up inside it.
    let hash_of_token = token_hash(&body.token);
    let (org, user_id) =
        password_reset::peek(&state.db, &hash_of_token, state.settings.clock.now())
            .await?
            .ok_or_else(invalid)?;
    let account = user::get(&state.db, org, user_id).await?;
    if !account.active {
        return Err(invalid());
    }
    let new_password = NewPassword::parse(&body.password, &account.email)
        .map_err(|e| ApiError::field("password", e.code(), e.to_string()))?;
    let hash = password::hash(new_password)
        .await
        .map_err(ApiError::internal)?;
    let tx = state.db.begin().await?;
    if password_reset::consume(&tx, &hash_of_token, state.settings.clock.now())
        .await?
        .is_none()
    {
        return Err(invalid());
    }
    password_reset::void_all(&tx, user_id, state.settings.clock.now()).await?;
    user::update(
        &tx,
        org,
        user_id,
        UserChanges {
            password_hash: Some(hash),
            ..Default::default()
        },
        state.settings.clock.now(),
    )
    .await?;
    session::revoke_all(
        &tx,
        org,
        user_id,
        None,
        RevokeReason::PasswordChanged,
        state.settings.clock.now(),
    )
    .await?;
    let response = start_session(
        &tx,
        &state,
        &account,
        &ClientInfo::of(&req, &state),
        StatusCode::OK,
    )
    .await?;
    tx.commit().await?;
    Ok(response)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    current_password: String,
    new_password: String,
}

/// Change the password; every other session of the user ends.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "`wrong_current_password`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new password was refused", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/change-password", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn change(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let credentials = user::credentials(&state.db, auth.org, auth.user_id).await?;
    let matches = password::verify(body.current_password, Some(credentials.password_hash))
        .await
        .map_err(ApiError::internal)?;
    if !matches {
        return Err(ApiError::BadRequest {
            code: ErrorCode::WrongCurrentPassword,
            detail: "the current password is not right".to_owned(),
        });
    }
    let new_password = NewPassword::parse(&body.new_password, &credentials.user.email)
        .map_err(|e| ApiError::field("new_password", e.code(), e.to_string()))?;
    let hash = password::hash(new_password)
        .await
        .map_err(ApiError::internal)?;
    let tx = state.db.begin().await?;
    user::update(
        &tx,
        auth.org,
        auth.user_id,
        UserChanges {
            password_hash: Some(hash),
            ..Default::default()
        },
        state.settings.clock.now(),
    )
    .await?;
    password_reset::void_all(&tx, auth.user_id, state.settings.clock.now()).await?;
    session::revoke_all(
        &tx,
        auth.org,
        auth.user_id,
        Some(auth.session_id),
        RevokeReason::PasswordChanged,
        state.settings.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
