//! `AuthUser`: the signed-in caller, extracted from `Authorization: Bearer <access token>`.
//! Besides the token's own checks, the session is looked up on every request, so a revoked
//! session or a deactivated user loses access at once, not when the token expires.

use cinco_app::ErrorCode;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use cinco_domain::user::Roles;
use cinco_domain::{OrganisationId, Role, SessionId, UserId};
use cinco_persistence::session;

use super::jwt::TokenError;
use crate::error::ApiError;
use crate::state::AppState;

/// Who is calling.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: UserId,
    pub org: OrganisationId,
    pub session_id: SessionId,
    pub roles: Roles,
    /// Changes whenever the person's learning day does (cached views key on it).
    pub learning_revision: i64,
}

impl AuthUser {
    /// Whether the caller holds `role`.
    pub fn is(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    /// The caller as the use cases know them.
    pub fn actor(&self) -> cinco_app::Actor {
        cinco_app::Actor {
            org: self.org,
            user: self.user_id,
            roles: self.roles.clone(),
        }
    }
}

impl FromRequest for AuthUser {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Routes wrapped in `require` have already authenticated the caller.
        let known = req.extensions().get::<AuthUser>().cloned();
        let req = req.clone();
        Box::pin(async move {
            match known {
                Some(auth) => Ok(auth),
                None => Ok(authenticate(&req).await?),
            }
        })
    }
}

/// Checks the bearer token (signature, algorithm, expiry, audience, issuer, type), then that
/// its session is open and its user active, and reads the user's current roles.
pub async fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no app state")))?;
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized {
            code: ErrorCode::Unauthenticated,
        })?;
    let claims = state.jwt.verify(token).map_err(|e| match e {
        TokenError::Expired => ApiError::Unauthorized {
            code: ErrorCode::TokenExpired,
        },
        TokenError::Invalid => ApiError::Unauthorized {
            code: ErrorCode::InvalidToken,
        },
    })?;
    let user_id = UserId::from_uuid(claims.sub);
    let org = OrganisationId::from_uuid(claims.org);
    let session_id = SessionId::from_uuid(claims.sid);
    // Roles come from the database, not the token, so a change applies at once.
    let current = session::current(
        &state.db,
        org,
        user_id,
        session_id,
        state.settings.clock.now(),
    )
    .await?
    .ok_or(ApiError::Unauthorized {
        code: ErrorCode::SessionRevoked,
    })?;
    Ok(AuthUser {
        user_id,
        org,
        session_id,
        roles: current.roles,
        learning_revision: current.learning_revision,
    })
}
