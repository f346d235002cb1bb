//! Signing in and out, sessions, and passwords.

use actix_web::{HttpRequest, HttpResponse};
use cinco_domain::user::{Email, User};
use cinco_persistence::{Executor, session};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{cookie, new_secret_token, token_hash};
use crate::error::ApiError;
use crate::routes::me::{Me, me_view};
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

/// Where a request came from, as recorded on its session.
pub struct ClientInfo {
    pub user_agent: String,
    pub ip: String,
}

impl ClientInfo {
    pub fn of(req: &HttpRequest, state: &AppState) -> Self {
        let user_agent = req
            .headers()
            .get(actix_web::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let ip = if state.settings.trust_proxy_headers {
            req.connection_info()
                .realip_remote_addr()
                .unwrap_or("")
                .to_owned()
        } else {
            req.peer_addr()
                .map(|a| a.ip().to_string())
                .unwrap_or_default()
        };
        Self { user_agent, ip }
    }
}

/// Opens a session for `user` (on `ex`, possibly a transaction) and builds the response:
/// the access token in the body and the first refresh token in a cookie.
pub async fn start_session(
    ex: &impl Executor,
    state: &AppState,
    user: &User,
    client: &ClientInfo,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, ApiError> {
    let refresh = new_secret_token();
    let opened = session::open(
        ex,
        user.organisation_id,
        user.id,
        &client.user_agent,
        &client.ip,
        &token_hash(&refresh),
        state.settings.clock.now(),
    )
    .await?;
    signed_in_response(ex, state, user, opened.id, &refresh, status).await
}

/// The body and cookie of a sign-in or a refresh.
pub async fn signed_in_response(
    ex: &impl Executor,
    state: &AppState,
    user: &User,
    session_id: cinco_domain::SessionId,
    refresh: &str,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, ApiError> {
    let (access_token, expires_in) = state
        .jwt
        .issue(user.id, user.organisation_id, session_id, &user.roles)
        .map_err(ApiError::internal)?;
    let me = me_view(ex, user).await?;
    Ok(HttpResponse::build(status)
        .cookie(cookie::issue(refresh, state.settings.behind_tls()))
        .json(SignedIn {
            access_token,
            token_type: "Bearer",
            expires_in,
            user: me,
        }))
}

/// Parses an address from a request, as a 422 naming the field when it is not one.
pub fn parse_email(field: &str, raw: &str) -> Result<Email, ApiError> {
    Email::parse(raw).map_err(|e| ApiError::field(field, e.code(), e.to_string()))
}
