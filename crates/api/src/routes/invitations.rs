//! Invitations: admins invite anyone; leads invite agents to the teams they lead. The link is
//! single-use, random, stored hashed and valid for 7 days; accepting it sets the password
//! and signs in.

use actix_web::http::StatusCode;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use cinco_app::ErrorCode;
use cinco_domain::password::NewPassword;
use cinco_domain::team::Membership;
use cinco_domain::user::{DisplayName, TimeZone, User};
use cinco_domain::{InvitationId, Role, TeamId, UserId};
use cinco_persistence::invitation::{self, Invitation, NewInvitation};
use cinco_persistence::team::{self};
use cinco_persistence::{Executor, RepoError, organisation, outbox, user};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, new_secret_token, password, require, token_hash};
use crate::error::{ApiError, Problem};
use crate::fields::parse_locale;
use crate::routes::auth::{ClientInfo, SignedIn, parse_email, start_session};
use crate::routes::teams::led_by;
use crate::routes::users::parse_roles;
use crate::state::AppState;
use cinco_app::mail::templates;
use cinco_app::path::give::joined_team;

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
    email: String,
    display_name: String,
    /// Roles the person will hold; leads may only invite `agent`.
    roles: Vec<String>,
    /// The team to join (as agent or lead, by role). Required for leads.
    #[serde(default)]
    team_id: Option<uuid::Uuid>,
    /// Language of the mail and the account; the organisation's default when absent.
    #[serde(default)]
    locale: Option<String>,
}

/// Invite someone by mail.
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = ["admin", "lead"])),
    request_body = CreateInvitation,
    responses(
        (status = 201, description = "Invited; the mail is queued", body = InvitationView),
        (status = 403, description = "A lead inviting someone other than an agent of their team", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_member`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field was refused", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/invitations", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<CreateInvitation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let email = parse_email("email", &body.email)?;
    let display_name = DisplayName::parse(&body.display_name)
        .map_err(|e| ApiError::field("display_name", e.code(), e.to_string()))?;
    let roles = parse_roles("roles", &body.roles)?;
    let team_id = body.team_id.map(TeamId::from_uuid);
    if let Some(team_id) = team_id {
        team::get(&state.db, auth.org, team_id)
            .await
            .map_err(|_| ApiError::field("team_id", "unknown_team", "no such team"))?;
    }
    if !auth.is(Role::Admin) {
        let only_agent = roles.iter().all(|r| r == Role::Agent);
        let own_team = match team_id {
            Some(t) => led_by(&state.db, &auth).await?.contains(&t),
            None => false,
        };
        if !only_agent || !own_team {
            return Err(ApiError::Denied {
                code: ErrorCode::LeadsInviteOwnAgents,
                detail: "leads may invite agents to the teams they lead".to_owned(),
            });
        }
    }
    if user::email_taken(&state.db, &email).await? {
        return Err(ApiError::Conflict {
            code: ErrorCode::AlreadyMember,
            detail: "someone with that address already has an account".to_owned(),
        });
    }
    let org = organisation::get(&state.db, auth.org).await?;
    let locale = match body.locale.as_deref() {
        Some(l) => parse_locale(Some(l))?,
        None => org.default_locale,
    };
    let new = NewInvitation {
        organisation_id: auth.org,
        email,
        display_name,
        roles,
        team_id,
        locale,
        invited_by: auth.user_id,
    };
    let token = new_secret_token();
    let tx = state.db.begin().await?;
    let created =
        invitation::insert(&tx, &new, &token_hash(&token), state.settings.clock.now()).await?;
    queue_mail(&tx, &state, &auth, &created, &token).await?;
    tx.commit().await?;
    Ok(HttpResponse::Created().json(InvitationView::from(&created)))
}

async fn queue_mail(
    ex: &impl Executor,
    state: &AppState,
    auth: &AuthUser,
    inv: &Invitation,
    token: &str,
) -> Result<(), ApiError> {
    let org = organisation::get(ex, auth.org).await?;
    let inviter = user::get(ex, auth.org, auth.user_id).await?;
    let link = state.settings.link("/accept-invitation", "token", token);
    let vars = templates::Vars {
        name: inv.display_name.as_str(),
        org: org.name.as_str(),
        inviter: inviter.display_name.as_str(),
    };
    outbox::enqueue(
        ex,
        templates::invitation(inv.locale, vars, &link, inv.email.as_str(), org.id),
        state.settings.clock.now(),
    )
    .await?;
    Ok(())
}

/// The invitation if the caller may manage it: admins any, leads those for their teams.
async fn manageable(
    state: &AppState,
    auth: &AuthUser,
    id: InvitationId,
) -> Result<Invitation, ApiError> {
    let inv = invitation::get(&state.db, auth.org, id).await?;
    if !auth.is(Role::Admin) {
        let mine = led_by(&state.db, auth).await?;
        if !inv.team_id.is_some_and(|t| mine.contains(&t)) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(inv)
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
    let open = invitation::list_open(
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
    let inv = manageable(&state, &auth, InvitationId::from_uuid(path.into_inner())).await?;
    if inv.accepted_at.is_some() || inv.revoked_at.is_some() {
        return Err(ApiError::NotFound);
    }
    let token = new_secret_token();
    let tx = state.db.begin().await?;
    let renewed = invitation::renew(
        &tx,
        auth.org,
        inv.id,
        &token_hash(&token),
        state.settings.clock.now(),
    )
    .await?;
    queue_mail(&tx, &state, &auth, &renewed, &token).await?;
    tx.commit().await?;
    Ok(HttpResponse::Ok().json(InvitationView::from(&renewed)))
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
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn revoke(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let inv = manageable(&state, &auth, InvitationId::from_uuid(path.into_inner())).await?;
    invitation::revoke(&state.db, auth.org, inv.id, state.settings.clock.now()).await?;
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

fn invalid_invitation() -> ApiError {
    ApiError::BadRequest {
        code: ErrorCode::InvitationInvalid,
        detail: "this invitation link is unknown, already used, revoked or expired".to_owned(),
    }
}

async fn open_by_token(state: &AppState, token: &str) -> Result<Invitation, ApiError> {
    invitation::find_by_token(&state.db, &token_hash(token))
        .await?
        .filter(|i| i.is_open(state.settings.clock.now()))
        .ok_or_else(invalid_invitation)
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
    body: web::Json<TokenBody>,
) -> Result<HttpResponse, ApiError> {
    let inv = open_by_token(&state, &body.token).await?;
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
    password: String,
    /// Defaults to the name on the invitation.
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    time_zone: Option<String>,
}

/// Accept an invitation: the account is created with this password and signed in.
#[utoipa::path(
    tag = "invitations",
    request_body = AcceptInvitation,
    responses(
        (status = 201, description = "Account created and signed in", body = SignedIn),
        (status = 400, description = "`invitation_invalid`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password or a field was refused", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/invitations/accept")]
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<AcceptInvitation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let inv = open_by_token(&state, &body.token).await?;
    let new_password = NewPassword::parse(&body.password, &inv.email)
        .map_err(|e| ApiError::field("password", e.code(), e.to_string()))?;
    let display_name = match body.display_name.as_deref() {
        Some(name) => DisplayName::parse(name)
            .map_err(|e| ApiError::field("display_name", e.code(), e.to_string()))?,
        None => inv.display_name.clone(),
    };
    let time_zone = match body.time_zone.as_deref() {
        Some(tz) => TimeZone::parse(tz)
            .map_err(|e| ApiError::field("time_zone", e.code(), e.to_string()))?,
        None => TimeZone::utc(),
    };
    let hash = password::hash(new_password)
        .await
        .map_err(ApiError::internal)?;
    let account = User {
        id: UserId::new(),
        organisation_id: inv.organisation_id,
        email: inv.email.clone(),
        display_name,
        roles: inv.roles.clone(),
        locale: inv.locale,
        time_zone,
        active: true,
    };
    let tx = state.db.begin().await?;
    if !invitation::mark_accepted(
        &tx,
        inv.id,
        &token_hash(&body.token),
        state.settings.clock.now(),
    )
    .await?
    {
        return Err(invalid_invitation());
    }
    user::insert(&tx, &account, &hash, state.settings.clock.now())
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => ApiError::Conflict {
                code: ErrorCode::AlreadyMember,
                detail: "someone with that address already has an account".to_owned(),
            },
            other => other.into(),
        })?;
    if let Some(team_id) = inv.team_id {
        for (role, membership) in [
            (Role::Agent, Membership::Agent),
            (Role::Lead, Membership::Lead),
        ] {
            if account.roles.contains(role) {
                team::add_member(&tx, inv.organisation_id, team_id, account.id, membership).await?;
            }
        }
        if account.roles.contains(Role::Agent) {
            let now = state.settings.clock.now();
            joined_team(&tx, inv.organisation_id, team_id, account.id, now).await?;
        }
    }
    let response = start_session(
        &tx,
        &state,
        &account,
        &ClientInfo::of(&req, &state),
        StatusCode::CREATED,
    )
    .await?;
    tx.commit().await?;
    Ok(response)
}
