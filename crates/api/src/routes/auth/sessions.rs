//! Refreshing, signing out, and the list of a user's signed-in devices.

use actix_web::http::StatusCode;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use cinco_app::ErrorCode;
use cinco_app::account::session;
use cinco_domain::SessionId;
use serde::Serialize;
use utoipa::ToSchema;

use super::{SignedIn, signed_in};
use crate::auth::ANY;
use crate::auth::{AuthUser, authenticate, cookie, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Exchange the refresh cookie for a new access token and a new refresh cookie.
///
/// Each refresh token works once. Presenting one that was already used revokes its whole
/// session (someone else may hold a copy).
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "Refreshed; a new refresh cookie is set", body = SignedIn),
        (status = 401, description = "`invalid_refresh_token` or `refresh_token_reused`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let presented = cookie::read(&req).ok_or(ApiError::Unauthorized {
        code: ErrorCode::InvalidRefreshToken,
    })?;
    let opened = session::refresh(&state.app, &presented).await?;
    signed_in(&state, &opened, StatusCode::OK)
}

/// Sign out this device: its session ends and the refresh cookie is cleared.
///
/// The session is found by the refresh cookie, by the bearer token, or both: a client that
/// holds only an access token ends its session too. With neither, nothing changes.
#[utoipa::path(tag = "auth", responses((status = 204, description = "Signed out")))]
#[post("/auth/sign-out")]
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    // A missing, expired or revoked bearer token leaves only the cookie to go by.
    let access = authenticate(&req)
        .await
        .ok()
        .map(|auth| (auth.org, auth.session_id));
    session::sign_out(&state.app, cookie::read(&req).as_deref(), access).await?;
    Ok(HttpResponse::NoContent()
        .cookie(cookie::clear(state.settings.behind_tls()))
        .finish())
}

/// Sign out on every device, this one included.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 204, description = "Every session ended"))
)]
#[post("/auth/sign-out-everywhere", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn sign_out_everywhere(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    session::sign_out_everywhere(&state.app, auth.org, auth.user_id).await?;
    Ok(HttpResponse::NoContent()
        .cookie(cookie::clear(state.settings.behind_tls()))
        .finish())
}

/// One signed-in device.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    id: uuid::Uuid,
    user_agent: String,
    ip_address: String,
    created_at: chrono::DateTime<chrono::Utc>,
    last_used_at: chrono::DateTime<chrono::Utc>,
    /// The session making this request.
    current: bool,
}

/// The caller's signed-in devices, most recently used first.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Open sessions", body = Vec<SessionView>))
)]
#[get("/auth/sessions", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let sessions = cinco_persistence::session::list_active(
        &state.db,
        auth.org,
        auth.user_id,
        state.settings.clock.now(),
    )
    .await?;
    let views: Vec<SessionView> = sessions
        .into_iter()
        .map(|s| SessionView {
            current: s.id == auth.session_id,
            id: s.id.as_uuid(),
            user_agent: s.user_agent,
            ip_address: s.ip_address,
            created_at: s.created_at,
            last_used_at: s.last_used_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(views))
}

/// End one of the caller's sessions.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("session_id" = uuid::Uuid, Path, description = "Session id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "`not_found`: not one of the caller's sessions", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/auth/sessions/{session_id}", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn revoke(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId::from_uuid(path.into_inner());
    session::end_own(&state.app, auth.org, auth.user_id, id).await?;
    Ok(HttpResponse::NoContent().finish())
}
