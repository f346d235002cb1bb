//! Invitations: admins invite anyone; leads invite agents to the teams they lead. The link is
//! single-use, random, stored hashed and valid for 7 days; accepting it sets the password
//! and signs in.

use actix_web::http::StatusCode;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use cinco_app::account::invitation::{self, Acceptance, Invite};
use cinco_domain::user::{DisplayName, TimeZone};
use cinco_domain::{InvitationId, Role, TeamId};
use cinco_persistence::invitation::Invitation;
use cinco_persistence::organisation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields::parse_locale;
use crate::routes::auth::{SignedIn, client_of, parse_email, signed_in};
use crate::routes::teams::led_by;
use crate::routes::users::parse_roles;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    id: uuid::Uuid,
    email: String,
    display_name: String,
    roles: Vec<&'static str>,
    team_id: Option<uuid::Uuid>,
    locale: &'static str,
    created_at: chrono::DateTime<chrono::Utc>,
    expires_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Invitation> for InvitationView {
    fn from(i: &Invitation) -> Self {
        Self {
            id: i.id.as_uuid(),
            email: i.email.as_str().to_owned(),
            display_name: i.display_name.as_str().to_owned(),
            roles: i.roles.iter().map(|r| r.as_str()).collect(),
            team_id: i.team_id.map(|t| t.as_uuid()),
            locale: i.locale.code(),
            created_at: i.created_at,
            expires_at: i.expires_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateInvitation {
    #[schema(value_type = crate::contract::Email)]
    email: String,
    #[schema(value_type = crate::contract::DisplayName)]
    display_name: String,
    /// Roles the person will hold; leads may only invite `agent`.
    #[schema(value_type = Vec<crate::states::RoleView>, min_items = 1)]
    roles: Vec<String>,
    /// The team to join (as agent or lead, by role). Required for leads.
    #[serde(default)]
    team_id: Option<uuid::Uuid>,
    /// Language of the mail and the account; the organisation's default when absent.
    #[serde(default)]
    #[schema(value_type = Option<crate::states::LocaleView>)]
    locale: Option<String>,
}

/// Invite someone by mail.
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = ["admin", "lead"])),
    request_body = CreateInvitation,
    responses(
        (status = 201, description = "Invited; the mail is queued", body = InvitationView),
        (status = 403, description = "`leads_invite_own_agents`: a lead invited someone other than an agent of a team they lead", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_member`: the address belongs to someone of this organisation (an account in another organisation is invited as anyone, and its owner told instead)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_email`, `invalid_display_name`, `unknown_role`, `no_role`, `unsupported_locale` or `unknown_team`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/invitations", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CreateInvitation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let invite = Invite {
        email: parse_email("email", &body.email)?,
        display_name: DisplayName::parse(&body.display_name)
            .map_err(|e| ApiError::field("display_name", e.code(), e.to_string()))?,
        roles: parse_roles("roles", &body.roles)?,
        team_id: body.team_id.map(TeamId::from_uuid),
        locale: body
            .locale
            .as_deref()
            .map(|l| parse_locale(Some(l)))
            .transpose()?,
    };
    let created = invitation::invite(&state.app, &auth.actor(), invite).await?;
    Ok(HttpResponse::Created().json(InvitationView::from(&created)))
}

/// Open invitations, newest first: all for admins, their teams' for leads.
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = ["admin", "lead"])),
    responses((status = 200, description = "Open invitations", body = Vec<InvitationView>))
)]
#[get("/invitations", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let teams = if auth.is(Role::Admin) {
        None
    } else {
        Some(led_by(&state.db, &auth).await?)
    };
    let open = cinco_persistence::invitation::list_open(
        &state.db,
        auth.org,
        teams.as_deref(),
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(open.iter().map(InvitationView::from).collect::<Vec<_>>()))
}

/// Send the invitation again with a new link (the old one stops working) and 7 more days.
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = ["admin", "lead"])),
    params(("invitation_id" = uuid::Uuid, Path, description = "Invitation id")),
    responses(
        (status = 200, description = "Sent again", body = InvitationView),
        (status = 404, description = "No such open invitation", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/invitations/{invitation_id}/resend",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn resend(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = InvitationId::from_uuid(path.into_inner());
    let renewed = invitation::resend(&state.app, &auth.actor(), id).await?;
    Ok(HttpResponse::Ok().json(InvitationView::from(&renewed)))
}

/// Whether the path ends in an id: `/invitations/accept` and `/invitations/preview` are
/// paths of their own, so another method there is answered 405, as on any documented path,
/// not taken for revoking an invitation called `accept`.
fn names_an_id(ctx: &actix_web::guard::GuardContext<'_>) -> bool {
    ctx.head()
        .uri
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|last| last.parse::<uuid::Uuid>().is_ok())
}

/// Revoke an invitation; its link stops working.
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = ["admin", "lead"])),
    params(("invitation_id" = uuid::Uuid, Path, description = "Invitation id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such invitation", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete(
    "/invitations/{invitation_id}",
    guard = "names_an_id",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn revoke(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = InvitationId::from_uuid(path.into_inner());
    invitation::revoke(&state.app, &auth.actor(), id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenBody {
    token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPreview {
    email: String,
    display_name: String,
    organisation_name: String,
    roles: Vec<&'static str>,
    expires_at: chrono::DateTime<chrono::Utc>,
}

/// What an invitation link is for, before accepting it.
#[utoipa::path(
    tag = "invitations",
    request_body = TokenBody,
    responses(
        (status = 200, description = "The invitation", body = InvitationPreview),
        (status = 400, description = "`invitation_invalid`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/invitations/preview")]
pub async fn preview(
    state: web::Data<AppState>,
    body: Json<TokenBody>,
) -> Result<HttpResponse, ApiError> {
    let inv = invitation::open_by_token(&state.app, &body.token).await?;
    let org = organisation::get(&state.db, inv.organisation_id).await?;
    Ok(HttpResponse::Ok().json(InvitationPreview {
        email: inv.email.as_str().to_owned(),
        display_name: inv.display_name.as_str().to_owned(),
        organisation_name: org.name.as_str().to_owned(),
        roles: inv.roles.iter().map(|r| r.as_str()).collect(),
        expires_at: inv.expires_at,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptInvitation {
    token: String,
    #[schema(value_type = crate::contract::NewPassword)]
    password: String,
    /// Defaults to the name on the invitation.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::DisplayName>)]
    display_name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::TimeZone>)]
    time_zone: Option<String>,
}

/// Accept an invitation: the account is created with this password and signed in.
#[utoipa::path(
    tag = "invitations",
    request_body = AcceptInvitation,
    responses(
        (status = 201, description = "Account created and signed in", body = SignedIn),
        (status = 400, description = "`invitation_invalid`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `password_too_short`, `password_too_long`, `password_too_common`, `password_is_email`, `invalid_display_name` or `unknown_time_zone`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/invitations/accept")]
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<AcceptInvitation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let acceptance = Acceptance {
        password: body.password,
        display_name: body
            .display_name
            .as_deref()
            .map(DisplayName::parse)
            .transpose()
            .map_err(|e| ApiError::field("display_name", e.code(), e.to_string()))?,
        time_zone: body
            .time_zone
            .as_deref()
            .map(TimeZone::parse)
            .transpose()
            .map_err(|e| ApiError::field("time_zone", e.code(), e.to_string()))?,
    };
    let client = client_of(&req, &state);
    let opened = invitation::accept(&state.app, &body.token, acceptance, &client).await?;
    signed_in(&state, &opened, StatusCode::CREATED)
}
