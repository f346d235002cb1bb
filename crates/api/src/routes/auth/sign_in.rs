//! Sign-in with address and password, and sign-up (a new organisation with its first admin).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use cinco_domain::organisation::{Organisation, OrganisationName, Slug, offered_locales};
use cinco_domain::password::NewPassword;
use cinco_domain::user::{DisplayName, Roles, TimeZone, User};
use cinco_domain::{Locale, OrganisationId, Role, UserId};
use cinco_persistence::{RepoError, organisation, user};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ClientInfo, SignedIn, parse_email, start_session};
use crate::auth::{password, throttle};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignInRequest {
    email: String,
    password: String,
}

/// Sign in with an address and a password.
///
/// Wrong password and unknown address get the same answer after the same work. After five
/// failures for an account or a client address, further tries are refused with 429 and a
/// `Retry-After` that doubles each time (up to 15 minutes).
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
    body: web::Json<SignInRequest>,
) -> Result<HttpResponse, ApiError> {
    let client = ClientInfo::of(&req, &state);
    let SignInRequest {
        email,
        password: candidate,
    } = body.into_inner();
    let normalised = email.trim().to_lowercase();
    throttle::check(&state.db, &normalised, &client.ip).await?;

    let credentials = match cinco_domain::user::Email::parse(&email) {
        Ok(email) => user::credentials_by_email(&state.db, &email).await?,
        Err(_) => None,
    };
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let matches = password::verify(candidate, stored)
        .await
        .map_err(ApiError::internal)?;
    let user = match credentials {
        Some(c) if matches && c.user.active => c.user,
        _ => {
            throttle::failed(&state.db, &normalised, &client.ip).await?;
            return Err(ApiError::Unauthorized {
                code: "invalid_credentials",
            });
        }
    };
    throttle::succeeded(&state.db, &user.email).await?;
    start_session(&state.db, &state, &user, &client, StatusCode::OK).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignUpRequest {
    organisation_name: String,
    display_name: String,
    email: String,
    password: String,
    /// `es`, `en` or `it`; the organisation's default language too.
    #[serde(default)]
    locale: Option<String>,
    /// IANA time zone, e.g. `Europe/Madrid`.
    #[serde(default)]
    time_zone: Option<String>,
}

/// Create an organisation and its first admin, and sign in.
#[utoipa::path(
    tag = "auth",
    request_body = SignUpRequest,
    responses(
        (status = 201, description = "Created and signed in", body = SignedIn),
        (status = 403, description = "`sign_up_closed`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/sign-up")]
pub async fn sign_up(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<SignUpRequest>,
) -> Result<HttpResponse, ApiError> {
    if !state.settings.open_signup {
        return Err(ApiError::Denied {
            code: "sign_up_closed",
            detail: "creating organisations is switched off on this server".to_owned(),
        });
    }
    let body = body.into_inner();
    let client = ClientInfo::of(&req, &state);
    let email = parse_email("email", &body.email)?;
    let name = OrganisationName::parse(&body.organisation_name).map_err(|e| {
        ApiError::field(
            "organisation_name",
            "invalid_organisation_name",
            e.to_string(),
        )
    })?;
    let display_name = DisplayName::parse(&body.display_name)
        .map_err(|e| ApiError::field("display_name", e.code(), e.to_string()))?;
    let locale = parse_locale(body.locale.as_deref())?;
    let time_zone = parse_time_zone(body.time_zone.as_deref())?;
    let new_password = NewPassword::parse(&body.password, &email)
        .map_err(|e| ApiError::field("password", e.code(), e.to_string()))?;
    if user::email_taken(&state.db, &email).await? {
        return Err(email_taken());
    }
    let hash = password::hash(new_password)
        .await
        .map_err(ApiError::internal)?;

    let org = Organisation {
        id: OrganisationId::new(),
        slug: unique_slug(&state, &name).await?,
        name,
        default_locale: locale,
        offered_locales: offered_locales(locale, Locale::ALL).map_err(ApiError::internal)?,
    };
    let admin = User {
        id: UserId::new(),
        organisation_id: org.id,
        email,
        display_name,
        roles: Roles::new([Role::Admin]).map_err(ApiError::internal)?,
        locale,
        time_zone,
        active: true,
    };
    let tx = state.db.begin().await?;
    organisation::insert(&tx, &org).await?;
    user::insert(&tx, &admin, &hash)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => email_taken(),
            other => other.into(),
        })?;
    let response = start_session(&tx, &state, &admin, &client, StatusCode::CREATED).await?;
    tx.commit().await?;
    Ok(response)
}

fn email_taken() -> ApiError {
    ApiError::Conflict {
        code: "email_taken",
        detail: "an account with that address already exists".to_owned(),
    }
}

/// A slug from the name, with a numeric suffix if it is taken.
async fn unique_slug(state: &AppState, name: &OrganisationName) -> Result<Slug, ApiError> {
    let base = Slug::suggest(name.as_str());
    let base = if base.len() < 2 {
        "org".to_owned()
    } else {
        base
    };
    for n in 1..100 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{}-{n}", base.chars().take(58).collect::<String>())
        };
        let slug = Slug::parse(&candidate).map_err(ApiError::internal)?;
        if organisation::find_by_slug(&state.db, &slug)
            .await?
            .is_none()
        {
            return Ok(slug);
        }
    }
    Err(ApiError::internal(anyhow::anyhow!(
        "no free slug for {}",
        name.as_str()
    )))
}

/// A locale from a request, or Spanish when absent.
pub fn parse_locale(raw: Option<&str>) -> Result<Locale, ApiError> {
    match raw {
        None => Ok(Locale::Es),
        Some(raw) => raw
            .parse()
            .map_err(|e: cinco_domain::locale::UnsupportedLocale| {
                ApiError::field("locale", "unsupported_locale", e.to_string())
            }),
    }
}

/// A time zone from a request, or UTC when absent.
pub fn parse_time_zone(raw: Option<&str>) -> Result<TimeZone, ApiError> {
    match raw {
        None => Ok(TimeZone::utc()),
        Some(raw) => {
            TimeZone::parse(raw).map_err(|e| ApiError::field("time_zone", e.code(), e.to_string()))
        }
    }
}
