//! Forgotten, reset and changed passwords.

use actix_web::http::StatusCode;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, post, web};
use cinco_app::account::password_reset;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{client_of, signed_in};
use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::auth::SignedIn;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct ForgotPasswordRequest {
    email: String,
}

/// Ask for a password-reset link by mail.
///
/// The answer is the same, after the same work, whether or not the address has an account:
/// the address is looked up and the mail queued after answering.
#[utoipa::path(
    tag = "auth",
    request_body = ForgotPasswordRequest,
    responses((status = 202, description = "If the address has an account, a link valid for one hour is on its way"))
)]
#[post("/auth/forgot-password")]
pub async fn forgot(
    state: web::Data<AppState>,
    body: Json<ForgotPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    password_reset::forgot(&state.app, &body.email).await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetPasswordRequest {
    /// The token from the mailed link.
    token: String,
    #[schema(value_type = crate::contract::NewPassword)]
    password: String,
}

/// Set a new password with a reset link; every other session ends, and a new one starts.
#[utoipa::path(
    tag = "auth",
    request_body = ResetPasswordRequest,
    responses(
        (status = 200, description = "Password changed and signed in", body = SignedIn),
        (status = 400, description = "`reset_link_invalid` (unknown, used or expired)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the password was refused (`password_too_short`, `password_too_long`, `password_too_common` or `password_is_email` in `errors`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/reset-password")]
pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let opened = password_reset::reset(
        &state.app,
        &body.token,
        &body.password,
        &client_of(&req, &state),
    )
    .await?;
    signed_in(&state, &opened, StatusCode::OK)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    current_password: String,
    #[schema(value_type = crate::contract::NewPassword)]
    new_password: String,
}

/// Change the password; every other session of the user ends. Wrong current passwords are
/// throttled like sign-in.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "`wrong_current_password`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the new password was refused (`password_too_short`, `password_too_long`, `password_too_common` or `password_is_email` in `errors`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_requests` after five wrong current passwords, see `Retry-After`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/change-password", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn change(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    password_reset::change(
        &state.app,
        auth.org,
        auth.user_id,
        auth.session_id,
        body.current_password,
        &body.new_password,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
