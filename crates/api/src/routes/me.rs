//! The signed-in person's own profile.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, patch, web};
use cinco_app::account;
use cinco_domain::user::{DisplayName, User};
use cinco_persistence::Executor;
use cinco_persistence::user::{self, UserChanges};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields::{parse_locale, parse_time_zone};
use crate::routes::organisation::OrganisationView;
use crate::state::AppState;

/// A team the person belongs to, and how.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamRef {
    pub id: uuid::Uuid,
    pub name: String,
    /// `lead` or `agent`.
    pub membership: &'static str,
}

/// The signed-in person.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: uuid::Uuid,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<&'static str>,
    pub locale: &'static str,
    pub time_zone: String,
    pub organisation: OrganisationView,
    pub teams: Vec<TeamRef>,
}

/// A person's teams, by name.
pub async fn team_refs(ex: &impl Executor, user: &User) -> Result<Vec<TeamRef>, ApiError> {
    Ok(account::teams_of(ex, user)
        .await?
        .iter()
        .map(TeamRef::from)
        .collect())
}

impl From<&account::TeamPlace> for TeamRef {
    fn from(t: &account::TeamPlace) -> Self {
        Self {
            id: t.id.as_uuid(),
            name: t.name.as_str().to_owned(),
            membership: t.membership.as_str(),
        }
    }
}

impl From<&account::Profile> for Me {
    fn from(p: &account::Profile) -> Self {
        let user = &p.user;
        Self {
            id: user.id.as_uuid(),
            email: user.email.as_str().to_owned(),
            display_name: user.display_name.as_str().to_owned(),
            roles: user.roles.iter().map(|r| r.as_str()).collect(),
            locale: user.locale.code(),
            time_zone: user.time_zone.as_str().to_owned(),
            organisation: OrganisationView::from(&p.organisation),
            teams: p.teams.iter().map(TeamRef::from).collect(),
        }
    }
}

pub async fn me_view(ex: &impl Executor, user: User) -> Result<Me, ApiError> {
    Ok(Me::from(&account::profile(ex, user).await?))
}

/// The signed-in person's profile, organisation and teams.
#[utoipa::path(
    tag = "me",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Profile", body = Me))
)]
#[get("/me", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let user = user::get(&state.db, auth.org, auth.user_id).await?;
    Ok(HttpResponse::Ok().json(me_view(&state.db, user).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMe {
    #[schema(value_type = Option<crate::contract::DisplayName>)]
    display_name: Option<String>,
    #[schema(value_type = Option<crate::states::LocaleView>)]
    locale: Option<String>,
    #[schema(value_type = Option<crate::contract::TimeZone>)]
    time_zone: Option<String>,
}

/// Change one's name, language or time zone.
#[utoipa::path(
    tag = "me",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    request_body = UpdateMe,
    responses(
        (status = 200, description = "Saved", body = Me),
        (status = 422, description = "`validation_failed`: `invalid_display_name`, `unsupported_locale` or `unknown_time_zone`", body = Problem, content_type = "application/problem+json")
    )
)]
#[patch("/me", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<UpdateMe>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let changes = UserChanges {
        display_name: body
            .display_name
            .as_deref()
            .map(DisplayName::parse)
            .transpose()
            .map_err(|e| ApiError::field("display_name", e.code(), e.to_string()))?,
        locale: body
            .locale
            .as_deref()
            .map(|l| parse_locale(Some(l)))
            .transpose()?,
        time_zone: body
            .time_zone
            .as_deref()
            .map(|t| parse_time_zone(Some(t)))
            .transpose()?,
        ..Default::default()
    };
    let user = user::update(
        &state.db,
        auth.org,
        auth.user_id,
        changes,
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(me_view(&state.db, user).await?))
}
