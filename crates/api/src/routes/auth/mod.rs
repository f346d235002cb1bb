//! Signing in and out, sessions, and passwords.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use cinco_app::account::{Client, Opened};
use cinco_domain::user::Email;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::cookie;
use crate::error::ApiError;
use crate::routes::me::Me;
use crate::state::AppState;

pub mod password;
pub mod sessions;
pub mod sign_in;

/// A successful sign-in. The refresh token travels separately, in an httpOnly cookie.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignedIn {
    /// Bearer token for `Authorization`, valid `expires_in` seconds.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    pub expires_in: i64,
    pub user: Me,
}

/// Where a request came from, as recorded on its session: the client address is the
/// connection's, or the one the configured trusted proxies say (see `client_address`).
pub fn client_of(req: &HttpRequest, state: &AppState) -> Client {
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let ip = crate::client_address::of(req, state.settings.proxy_hops());
    let device = cookie::read_device(req).and_then(|token| state.jwt.verify_device(&token));
    Client {
        user_agent,
        ip,
        device,
    }
}

/// The body and cookie of a sign-in or a refresh: a new access token for the session in the
/// body, its refresh token in the cookie.
pub fn signed_in(
    state: &AppState,
    opened: &Opened,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    let user = &opened.profile.user;
    let (access_token, expires_in) = state
        .jwt
        .issue(
            user.id,
            user.organisation_id,
            opened.session_id,
            &user.roles,
        )
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::build(status)
        .cookie(cookie::issue(
            &opened.refresh_token,
            state.settings.behind_tls(),
        ))
        .json(SignedIn {
            access_token,
            token_type: "Bearer",
            expires_in,
            user: Me::from(&opened.profile),
        }))
}

/// Parses an address from a request, as a 422 naming the field when it is not one.
pub fn parse_email(field: &str, raw: &str) -> Result<Email, ApiError> {
    Email::parse(raw).map_err(|e| ApiError::field(field, e.code(), e.to_string()))
}
