//! The refresh-token cookie: httpOnly (scripts cannot read it), SameSite=Strict (never sent
//! by other sites), scoped to the auth endpoints, Secure when served over TLS. And the device
//! cookie, with the same protections, sent only to sign-in: it says this browser signed in
//! to an account before (see `cinco_app::account::throttle`).

use actix_web::HttpRequest;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use cinco_domain::auth::SESSION_LIFETIME;

pub const NAME: &str = "cinco_refresh";
pub const PATH: &str = "/api/v1/auth";

/// A cookie carrying a new refresh token.
pub fn issue(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(NAME, token.to_owned())
        .path(PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(SESSION_LIFETIME.num_seconds()))
        .finish()
}

/// A cookie that makes the browser forget the refresh token.
pub fn clear(secure: bool) -> Cookie<'static> {
    let mut cookie = issue("", secure);
    cookie.make_removal();
    cookie
}

/// The refresh token the browser sent, if any.
pub fn read(req: &HttpRequest) -> Option<String> {
    req.cookie(NAME)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

pub const DEVICE_NAME: &str = "cinco_device";
pub const DEVICE_PATH: &str = "/api/v1/auth/sign-in";

/// A cookie carrying a device token, kept for a year.
pub fn device(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(DEVICE_NAME, token.to_owned())
        .path(DEVICE_PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(super::jwt::DEVICE_LIFETIME_DAYS))
        .finish()
}

/// The device token the browser sent, if any.
pub fn read_device(req: &HttpRequest) -> Option<String> {
    req.cookie(DEVICE_NAME)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}
