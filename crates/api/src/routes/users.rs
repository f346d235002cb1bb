//! People of the organisation: admins list, search, change roles, move, deactivate and
//! reactivate; leads see the people of the teams they lead.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use cinco_app::account::people;
use cinco_app::team::move_agent::move_agent;
use cinco_domain::user::{ExternalId, Roles, User};
use cinco_domain::{Role, TeamId, UserId};
use cinco_persistence::user::{self, UserChanges, UserFilter};
use cinco_persistence::{Executor, team};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::me::{TeamRef, team_refs};
use crate::routes::teams::led_by;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    id: uuid::Uuid,
    email: String,
    display_name: String,
    roles: Vec<&'static str>,
    locale: &'static str,
    time_zone: String,
    active: bool,
    /// What other systems call the person (KPI imports may name them by it); `null` if unset.
    #[schema(required = true)]
    external_id: Option<String>,
    teams: Vec<TeamRef>,
}

pub async fn user_view(ex: &impl Executor, u: &User) -> Result<UserView, ApiError> {
    Ok(UserView {
        id: u.id.as_uuid(),
        email: u.email.as_str().to_owned(),
        display_name: u.display_name.as_str().to_owned(),
        roles: u.roles.iter().map(|r| r.as_str()).collect(),
        locale: u.locale.code(),
        time_zone: u.time_zone.as_str().to_owned(),
        active: u.active,
        external_id: u.external_id.as_ref().map(|e| e.as_str().to_owned()),
        teams: team_refs(ex, u).await?,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserPage {
    items: Vec<UserView>,
    /// How many match the filters in all.
    total: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UserQuery {
    /// Part of a name, address or external id.
    q: Option<String>,
    #[param(value_type = Option<crate::states::RoleView>)]
    role: Option<String>,
    active: Option<bool>,
    team_id: Option<uuid::Uuid>,
    /// 1–200, default 50; more is taken as 200.
    limit: Option<u64>,
    /// How many to skip, default 0.
    offset: Option<u64>,
}

/// The largest `limit` or `offset` a query may give (the document's `int64`).
const MOST: u64 = i64::MAX as u64;

/// The teams whose people the caller may see: `None` for admins (all).
async fn visible_teams(state: &AppState, auth: &AuthUser) -> Result<Option<Vec<TeamId>>, ApiError> {
    if auth.is(Role::Admin) {
        Ok(None)
    } else {
        Ok(Some(led_by(&state.db, auth).await?))
    }
}

/// People, by name: everyone for admins, members of the teams they lead for leads.
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["admin", "lead"])),
    params(UserQuery),
    responses(
        (status = 200, description = "A page of people", body = UserPage),
        (status = 400, description = "`invalid_query`: a parameter's value is not one the list takes (`errors` names it)", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/users", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<UserQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    for (param, value) in [("limit", query.limit), ("offset", query.offset)] {
        if value.is_some_and(|v| v > MOST) {
            return Err(ApiError::query(
                param,
                "out_of_range",
                format!("at most {MOST}"),
            ));
        }
    }
    let role = query
        .role
        .as_deref()
        .map(str::parse::<Role>)
        .transpose()
        .map_err(|e| ApiError::query("role", e.code(), e.to_string()))?;
    let mut teams = visible_teams(&state, &auth)
        .await?
        .map(|t| t.iter().map(|id| id.as_uuid()).collect::<Vec<_>>());
    if let Some(team_id) = query.team_id {
        teams = Some(match teams {
            Some(mine) => mine.into_iter().filter(|t| *t == team_id).collect(),
            None => vec![team_id],
        });
    }
    let filter = UserFilter {
        query: query.q,
        role,
        active: query.active,
        teams,
    };
    let limit = query.limit.unwrap_or(50).clamp(1, 200);
    let (users, total) = user::list(
        &state.db,
        auth.org,
        &filter,
        limit,
        query.offset.unwrap_or(0),
    )
    .await?;
    let mut items = Vec::with_capacity(users.len());
    for u in &users {
        items.push(user_view(&state.db, u).await?);
    }
    Ok(HttpResponse::Ok().json(UserPage { items, total }))
}

/// The person, if the caller may see them (404 otherwise).
async fn visible_user(state: &AppState, auth: &AuthUser, id: UserId) -> Result<User, ApiError> {
    let u = user::get(&state.db, auth.org, id).await?;
    if let Some(mine) = visible_teams(state, auth).await? {
        let theirs = team::memberships_of(&state.db, auth.org, id).await?;
        if !theirs.iter().any(|(t, _)| mine.contains(t)) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(u)
}

/// One person.
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["admin", "lead"])),
    params(("user_id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "The person", body = UserView),
        (status = 404, description = "No such person (or not visible to the caller)", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/users/{user_id}", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let u = visible_user(&state, &auth, UserId::from_uuid(path.into_inner())).await?;
    Ok(HttpResponse::Ok().json(user_view(&state.db, &u).await?))
}

/// Roles named in a request, as a 422 on `field` when one is unknown or none is given.
pub fn parse_roles(field: &str, names: &[String]) -> Result<Roles, ApiError> {
    let roles = names
        .iter()
        .map(|r| r.parse::<Role>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::field(field, e.code(), e.to_string()))?;
    Roles::new(roles).map_err(|e| ApiError::field(field, e.code(), e.to_string()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RolesBody {
    #[schema(value_type = Vec<crate::states::RoleView>, min_items = 1)]
    roles: Vec<String>,
}

/// Replace a person's roles (admins). The last active admin keeps the admin role.
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["admin"])),
    params(("user_id" = uuid::Uuid, Path, description = "User id")),
    request_body = RolesBody,
    responses(
        (status = 200, description = "Saved", body = UserView),
        (status = 404, description = "No such person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`last_admin`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `unknown_role` or `no_role`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/users/{user_id}/roles", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn set_roles(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<RolesBody>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from_uuid(path.into_inner());
    let roles = parse_roles("roles", &body.roles)?;
    let u = people::set_roles(&state.app, &auth.actor(), id, roles).await?;
    Ok(HttpResponse::Ok().json(user_view(&state.db, &u).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalIdBody {
    /// What other systems (a WFM, a dialler, a quality tool) call the person, e.g. an
    /// employee number; `null` clears it. KPI imports may name the person by it.
    #[serde(deserialize_with = "Option::deserialize")]
    #[schema(value_type = Option<crate::contract::ExternalId>, required = true)]
    external_id: Option<String>,
}

/// Set or clear the id other systems know a person by (admins).
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["admin"])),
    params(("user_id" = uuid::Uuid, Path, description = "User id")),
    request_body = ExternalIdBody,
    responses(
        (status = 200, description = "Saved", body = UserView),
        (status = 404, description = "No such person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`external_id_taken`: another person of the organisation has it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_external_id`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/users/{user_id}/external-id", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn set_external_id(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<ExternalIdBody>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from_uuid(path.into_inner());
    let external_id = body
        .external_id
        .as_deref()
        .map(ExternalId::parse)
        .transpose()
        .map_err(|e| ApiError::field("external_id", e.code(), e.to_string()))?;
    let u = people::set_external_id(&state.app, &auth.actor(), id, external_id).await?;
    Ok(HttpResponse::Ok().json(user_view(&state.db, &u).await?))
}

/// Deactivate a person (admins): they cannot sign in and every session of theirs ends now.
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["admin"])),
    params(("user_id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Deactivated", body = UserView),
        (status = 404, description = "No such person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`last_admin`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/users/{user_id}/deactivate", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn deactivate(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from_uuid(path.into_inner());
    let u = people::deactivate(&state.app, &auth.actor(), id).await?;
    Ok(HttpResponse::Ok().json(user_view(&state.db, &u).await?))
}

/// Reactivate a person (admins); they sign in again with their password.
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["admin"])),
    params(("user_id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Reactivated", body = UserView),
        (status = 404, description = "No such person", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/users/{user_id}/reactivate", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn reactivate(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from_uuid(path.into_inner());
    let u = user::update(
        &state.db,
        auth.org,
        id,
        UserChanges {
            active: Some(true),
            ..Default::default()
        },
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(user_view(&state.db, &u).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MoveBody {
    team_id: uuid::Uuid,
}

/// Move an agent to another team (admins).
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["admin"])),
    params(("user_id" = uuid::Uuid, Path, description = "User id")),
    request_body = MoveBody,
    responses(
        (status = 200, description = "Moved", body = UserView),
        (status = 404, description = "No such person or team", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`role_missing`: not an agent", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/users/{user_id}/team", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn move_to_team(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<MoveBody>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from_uuid(path.into_inner());
    let u = user::get(&state.db, auth.org, id).await?;
    if !u.roles.contains(Role::Agent) {
        return Err(ApiError::field(
            "team_id",
            "role_missing",
            "only agents belong to a team as members",
        ));
    }
    let team_id = TeamId::from_uuid(body.team_id);
    let now = state.settings.clock.now();
    move_agent(&state.app, auth.org, team_id, id, now).await?;
    Ok(HttpResponse::Ok().json(user_view(&state.db, &u).await?))
}
