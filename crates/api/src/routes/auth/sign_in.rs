//! Sign-in with address and password, and sign-up (a new organisation with its first admin).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use cinco_app::ErrorCode;
use cinco_app::account::found::{self, Founder, FounderAccount};
use cinco_app::account::session;
use cinco_domain::organisation::OrganisationName;
use cinco_domain::password::NewPassword;
use cinco_domain::user::DisplayName;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{SignedIn, client_of, signed_in};
use crate::auth::cookie;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::Json;
use crate::fields::{parse_locale, parse_time_zone};
use crate::state::AppState;
use cinco_app::account::KnownDevice;

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignInRequest {
    email: String,
    password: String,
}

/// Sign in with an address and a password.
///
/// Wrong password and unknown address get the same answer after the same work. After five
/// failures for an account or a client address, further tries are refused with 429 and a
/// `Retry-After` that doubles each time (up to 15 minutes). A successful sign-in also sets
/// the httpOnly `cinco_device` cookie: from that browser, failures count against the device
/// only, so others guessing the password cannot lock the account's owner out.
#[utoipa::path(
    tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the refresh token is set as an httpOnly cookie", body = SignedIn),
        (status = 401, description = "`invalid_credentials`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_requests`, see `Retry-After`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/sign-in")]
pub async fn sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<SignInRequest>,
) -> Result<HttpResponse, ApiError> {
    let SignInRequest { email, password } = body.into_inner();
    let client = client_of(&req, &state);
    let opened = session::sign_in(&state.app, &email, password, &client).await?;
    // The browser is known to this account from now on (keeping its id if it was already).
    let user = opened.profile.user.id;
    let device = client
        .device
        .filter(|d| d.user == user)
        .unwrap_or(KnownDevice {
            user,
            id: uuid::Uuid::new_v4(),
        });
    let token = state.jwt.issue_device(device).map_err(ApiError::internal)?;
    let mut res = signed_in(&state, &opened, StatusCode::OK)?;
    res.add_cookie(&cookie::device(&token, state.settings.behind_tls()))
        .map_err(|e| ApiError::internal(anyhow::anyhow!(e)))?;
    Ok(res)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignUpRequest {
    #[schema(value_type = crate::contract::OrganisationName)]
    organisation_name: String,
    #[schema(value_type = crate::contract::DisplayName)]
    display_name: String,
    #[schema(value_type = crate::contract::Email)]
    email: String,
    #[schema(value_type = crate::contract::NewPassword)]
    password: String,
    /// The founder's language, and the organisation's default language too.
    #[serde(default)]
    #[schema(value_type = Option<crate::states::LocaleView>)]
    locale: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::TimeZone>)]
    time_zone: Option<String>,
}

/// A sign-up waiting for its address to be confirmed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignUpStarted {
    /// Always `confirmation_sent`: a link went to `email`, whether or not it has an account.
    status: &'static str,
    email: String,
    /// How long the link works, in hours.
    link_valid_hours: i64,
}

/// Start creating an organisation and its first admin: a link that confirms the address is
/// mailed to it, and opening it (`POST /auth/sign-up/confirm`) creates both and signs in.
///
/// The answer is the same whether the address already has an account or not: its owner is
/// mailed instead, and nothing is created. Nothing is reserved before the link is opened, so
/// signing up with someone else's address neither reveals nor blocks it. Each address may be
/// used five times, then at growing intervals (429 with `Retry-After`).
#[utoipa::path(
    tag = "auth",
    request_body = SignUpRequest,
    responses(
        (status = 202, description = "A confirmation link was mailed", body = SignUpStarted),
        (status = 403, description = "`sign_up_closed`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_email`, `invalid_organisation_name`, `invalid_display_name`, `password_too_short`, `password_too_long`, `password_too_common`, `password_is_email`, `unsupported_locale` or `unknown_time_zone` (every refused field at once)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_requests`, see `Retry-After`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/sign-up")]
pub async fn sign_up(
    state: web::Data<AppState>,
    body: Json<SignUpRequest>,
) -> Result<HttpResponse, ApiError> {
    if !state.settings.open_signup {
        return Err(ApiError::Denied {
            code: ErrorCode::SignUpClosed,
            detail: "creating organisations is switched off on this server".to_owned(),
        });
    }
    let body = body.into_inner();
    // Every refused field is reported at once, so the form can show them all.
    let mut errors = Vec::new();
    let mut check = |field: &str, result: Result<(), (&'static str, String)>| {
        if let Err((code, message)) = result {
            errors.push(FieldError {
                field: field.to_owned(),
                code: code.to_owned(),
                message,
            });
        }
    };
    let email = cinco_domain::user::Email::parse(&body.email);
    check(
        "email",
        email
            .as_ref()
            .map(|_| ())
            .map_err(|e| (e.code(), e.to_string())),
    );
    let name = OrganisationName::parse(&body.organisation_name);
    check(
        "organisation_name",
        name.as_ref()
            .map(|_| ())
            .map_err(|e| ("invalid_organisation_name", e.to_string())),
    );
    let display_name = DisplayName::parse(&body.display_name);
    check(
        "display_name",
        display_name
            .as_ref()
            .map(|_| ())
            .map_err(|e| (e.code(), e.to_string())),
    );
    let new_password = email
        .as_ref()
        .ok()
        .map(|email| NewPassword::parse(&body.password, email));
    if let Some(Err(e)) = &new_password {
        check("password", Err((e.code(), e.to_string())));
    }
    let locale = parse_locale(body.locale.as_deref());
    let time_zone = parse_time_zone(body.time_zone.as_deref());
    let (Ok(email), Ok(name), Ok(display_name), Some(Ok(new_password))) =
        (email, name, display_name, new_password)
    else {
        return Err(ApiError::Validation {
            detail: "some fields were refused".to_owned(),
            errors,
        });
    };
    let (locale, time_zone) = (locale?, time_zone?);
    let founder = Founder {
        account: FounderAccount {
            email,
            display_name,
            locale,
            time_zone,
        },
        password: new_password,
    };
    let email = founder.account.email.as_str().to_owned();
    found::request(&state.app, name, founder).await?;
    Ok(HttpResponse::Accepted().json(SignUpStarted {
        status: "confirmation_sent",
        email,
        link_valid_hours: cinco_domain::auth::SIGN_UP_LINK_LIFETIME.num_hours(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ConfirmSignUpRequest {
    /// The `token` of the mailed link.
    token: String,
}

/// Open a sign-up's mailed link: the organisation and its admin are created and signed in.
#[utoipa::path(
    tag = "auth",
    request_body = ConfirmSignUpRequest,
    responses(
        (status = 201, description = "Created and signed in; the refresh token is set as an httpOnly cookie", body = SignedIn),
        (status = 400, description = "`sign_up_link_invalid`: unknown, used or expired", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`: the address got an account after the link was sent", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/sign-up/confirm")]
pub async fn confirm_sign_up(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<ConfirmSignUpRequest>,
) -> Result<HttpResponse, ApiError> {
    let opened = found::confirm(&state.app, &body.token, &client_of(&req, &state)).await?;
    signed_in(&state, &opened, StatusCode::CREATED)
}
