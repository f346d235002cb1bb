//! Teams: admins create and staff them; leads see the teams they lead.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use cinco_app::ErrorCode;
use cinco_app::team::move_agent::move_agent;
use cinco_domain::team::{Membership, Team, TeamName};
use cinco_domain::{OrganisationId, Role, TeamId, UserId};
use cinco_persistence::team::{self, TeamWithMembers};
use cinco_persistence::{Executor, RepoError, user};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

/// A person as shown in lists.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserRef {
    id: uuid::Uuid,
    display_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamView {
    id: uuid::Uuid,
    name: String,
    leads: Vec<UserRef>,
    agents: Vec<UserRef>,
}

async fn view(
    ex: &impl Executor,
    org: OrganisationId,
    t: TeamWithMembers,
) -> Result<TeamView, ApiError> {
    let refs = |ids: Vec<UserId>| async move {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let u = user::get(ex, org, id).await?;
            out.push(UserRef {
                id: u.id.as_uuid(),
                display_name: u.display_name.as_str().to_owned(),
            });
        }
        out.sort_by(|a, b| a.display_name.cmp(&b.display_name));
        Ok::<_, ApiError>(out)
    };
    let leads = refs(t.leads).await?;
    let agents = refs(t.agents).await?;
    Ok(TeamView {
        id: t.team.id.as_uuid(),
        name: t.team.name.as_str().to_owned(),
        leads,
        agents,
    })
}

/// The teams a caller leads (empty for non-leads).
pub async fn led_by(ex: &impl Executor, auth: &AuthUser) -> Result<Vec<TeamId>, ApiError> {
    Ok(auth.actor().led_teams(ex).await?)
}

/// Teams: all of them for admins, the ones they lead for leads.
#[utoipa::path(
    tag = "teams",
    security(("bearer" = ["admin", "lead"])),
    responses((status = 200, description = "Teams by name", body = Vec<TeamView>))
)]
#[get("/teams", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut teams = team::list(&state.db, auth.org).await?;
    if !auth.is(Role::Admin) {
        let mine = led_by(&state.db, &auth).await?;
        teams.retain(|t| mine.contains(&t.team.id));
    }
    let mut views = Vec::with_capacity(teams.len());
    for t in teams {
        views.push(view(&state.db, auth.org, t).await?);
    }
    Ok(HttpResponse::Ok().json(views))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TeamNameBody {
    #[schema(value_type = crate::contract::TeamName)]
    name: String,
}

fn parse_name(raw: &str) -> Result<TeamName, ApiError> {
    TeamName::parse(raw).map_err(|e| ApiError::field("name", "invalid_team_name", e.to_string()))
}

fn name_taken(err: RepoError) -> ApiError {
    match err {
        RepoError::Conflict(_) => ApiError::Conflict {
            code: ErrorCode::TeamNameTaken,
            detail: "another team already has that name".to_owned(),
        },
        other => other.into(),
    }
}

/// Create a team (admins).
#[utoipa::path(
    tag = "teams",
    security(("bearer" = ["admin"])),
    request_body = TeamNameBody,
    responses(
        (status = 201, description = "Created", body = TeamView),
        (status = 409, description = "`team_name_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_team_name`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/teams", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<TeamNameBody>,
) -> Result<HttpResponse, ApiError> {
    let team = Team {
        id: TeamId::new(),
        organisation_id: auth.org,
        name: parse_name(&body.name)?,
    };
    team::insert(&state.db, &team, state.settings.clock.now())
        .await
        .map_err(name_taken)?;
    let created = team::get(&state.db, auth.org, team.id).await?;
    Ok(HttpResponse::Created().json(view(&state.db, auth.org, created).await?))
}

/// Rename a team (admins).
#[utoipa::path(
    tag = "teams",
    security(("bearer" = ["admin"])),
    params(("team_id" = uuid::Uuid, Path, description = "Team id")),
    request_body = TeamNameBody,
    responses(
        (status = 200, description = "Renamed", body = TeamView),
        (status = 404, description = "No such team", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`team_name_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_team_name`", body = Problem, content_type = "application/problem+json")
    )
)]
#[patch("/teams/{team_id}", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn rename(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<TeamNameBody>,
) -> Result<HttpResponse, ApiError> {
    let id = TeamId::from_uuid(path.into_inner());
    team::rename(&state.db, auth.org, id, &parse_name(&body.name)?)
        .await
        .map_err(name_taken)?;
    let t = team::get(&state.db, auth.org, id).await?;
    Ok(HttpResponse::Ok().json(view(&state.db, auth.org, t).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MembershipBody {
    #[schema(value_type = crate::states::MembershipView)]
    membership: String,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct MembershipQuery {
    #[param(value_type = crate::states::MembershipView)]
    membership: String,
}

fn parse_membership(raw: &str) -> Result<Membership, ApiError> {
    Membership::parse(raw).ok_or_else(|| {
        ApiError::field(
            "membership",
            "invalid_membership",
            "expected `lead` or `agent`",
        )
    })
}

/// The membership a query names, as a 400 `invalid_query` when it is neither.
fn membership_in_query(raw: &str) -> Result<Membership, ApiError> {
    Membership::parse(raw).ok_or_else(|| {
        ApiError::query(
            "membership",
            "invalid_membership",
            "expected `lead` or `agent`",
        )
    })
}

/// Add a person to a team as lead or agent (admins). The person must hold that role; an
/// agent moves out of any other team.
#[utoipa::path(
    tag = "teams",
    security(("bearer" = ["admin"])),
    params(
        ("team_id" = uuid::Uuid, Path, description = "Team id"),
        ("user_id" = uuid::Uuid, Path, description = "User id")
    ),
    request_body = MembershipBody,
    responses(
        (status = 200, description = "Added", body = TeamView),
        (status = 404, description = "No such team or person", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_membership`, or `role_missing` (the person does not hold that role)", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/teams/{team_id}/members/{user_id}",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn add_member(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(uuid::Uuid, uuid::Uuid)>,
    body: Json<MembershipBody>,
) -> Result<HttpResponse, ApiError> {
    let (team_id, user_id) = path.into_inner();
    let (team_id, user_id) = (TeamId::from_uuid(team_id), UserId::from_uuid(user_id));
    let membership = parse_membership(&body.membership)?;
    team::get(&state.db, auth.org, team_id).await?;
    let member = user::get(&state.db, auth.org, user_id).await?;
    let needed = match membership {
        Membership::Lead => Role::Lead,
        Membership::Agent => Role::Agent,
    };
    if !member.roles.contains(needed) {
        return Err(ApiError::field(
            "membership",
            "role_missing",
            format!("this person is not a {needed}"),
        ));
    }
    match membership {
        Membership::Agent => {
            let now = state.settings.clock.now();
            move_agent(&state.app, auth.org, team_id, user_id, now).await?;
        }
        Membership::Lead => {
            team::add_member(&state.db, auth.org, team_id, user_id, membership).await?
        }
    }
    let t = team::get(&state.db, auth.org, team_id).await?;
    Ok(HttpResponse::Ok().json(view(&state.db, auth.org, t).await?))
}

/// Remove a person from a team (admins).
#[utoipa::path(
    tag = "teams",
    security(("bearer" = ["admin"])),
    params(
        ("team_id" = uuid::Uuid, Path, description = "Team id"),
        ("user_id" = uuid::Uuid, Path, description = "User id"),
        MembershipQuery
    ),
    responses(
        (status = 200, description = "Removed", body = TeamView),
        (status = 404, description = "No such team", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete(
    "/teams/{team_id}/members/{user_id}",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn remove_member(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(uuid::Uuid, uuid::Uuid)>,
    query: web::Query<MembershipQuery>,
) -> Result<HttpResponse, ApiError> {
    let (team_id, user_id) = path.into_inner();
    let team_id = TeamId::from_uuid(team_id);
    let membership = membership_in_query(&query.membership)?;
    team::remove_member(
        &state.db,
        auth.org,
        team_id,
        UserId::from_uuid(user_id),
        membership,
    )
    .await?;
    let t = team::get(&state.db, auth.org, team_id).await?;
    Ok(HttpResponse::Ok().json(view(&state.db, auth.org, t).await?))
}
