//! Role checks as route middleware: `#[post("/teams", wrap = "from_fn(require::<{ ADMIN }>)")]`.
//! The middleware authenticates the caller and checks the role before any extractor reads
//! the request body, so a caller without the right role gets 403 whatever they send. The
//! roles are also declared as the operation's `bearer` scopes in the OpenAPI document; the
//! authorisation matrix test checks that both agree.

use actix_web::HttpMessage;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use cinco_domain::Role;

use super::extractor::authenticate;
use crate::error::ApiError;

pub const ADMIN: u8 = 1;
pub const TRAINER: u8 = 2;
pub const LEAD: u8 = 4;
pub const AGENT: u8 = 8;
/// Any signed-in member.
pub const ANY: u8 = ADMIN | TRAINER | LEAD | AGENT;

const fn bit(role: Role) -> u8 {
    match role {
        Role::Admin => ADMIN,
        Role::Trainer => TRAINER,
        Role::Lead => LEAD,
        Role::Agent => AGENT,
    }
}

/// Lets the request through only for a signed-in caller holding one of the roles in
/// `ROLES`; the caller is then available to the handler as `AuthUser`.
///
/// A refusal is answered here as a response, not passed up as an error, so the outer
/// middleware (security headers, request id, metrics) sees it like any other answer.
pub async fn require<const ROLES: u8>(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let refused = match authenticate(req.request()).await {
        Ok(auth) if auth.roles.iter().any(|r| bit(r) & ROLES != 0) => {
            req.extensions_mut().insert(auth);
            return Ok(next.call(req).await?.map_into_left_body());
        }
        Ok(_) => ApiError::Forbidden,
        Err(err) => err,
    };
    Ok(req.error_response(refused).map_into_right_body())
}
