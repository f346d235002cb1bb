//! `Allow<ROLES>`: an [`AuthUser`] who holds at least one of the roles in the `ROLES` mask,
//! checked before the request body is read, so a caller without the right role gets 403
//! whatever they send.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use cinco_domain::Role;

use super::AuthUser;
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

/// The caller, known to hold one of the roles in `ROLES`.
#[derive(Debug, Clone)]
pub struct Allow<const ROLES: u8>(pub AuthUser);

impl<const ROLES: u8> std::ops::Deref for Allow<ROLES> {
    type Target = AuthUser;
    fn deref(&self) -> &AuthUser {
        &self.0
    }
}

impl<const ROLES: u8> FromRequest for Allow<ROLES> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let auth = AuthUser::from_request(req, payload);
        Box::pin(async move {
            let auth = auth.await?;
            if auth.roles.iter().any(|r| bit(r) & ROLES != 0) {
                Ok(Allow(auth))
            } else {
                Err(ApiError::Forbidden.into())
            }
        })
    }
}
