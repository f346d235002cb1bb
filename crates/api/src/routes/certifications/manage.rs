//! Reading, granting, revoking and renewing certifications.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::certification::manage::{self, Grant};
use cinco_domain::{Role, UserId};
use cinco_persistence::certification::{self, Certification};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::CertificationView;
use crate::auth::{ADMIN, ANY, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::coaching::sessions::auth_locale;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct CertificationQuery {
    /// Only this person's.
    holder_id: Option<uuid::Uuid>,
}

async fn views(
    state: &AppState,
    auth: &AuthUser,
    items: Vec<Certification>,
) -> Result<Vec<CertificationView>, ApiError> {
    let locale = auth_locale(state, auth).await?;
    super::views(state, auth.org, items, locale).await
}

/// The organisation's certifications, newest first (admins and trainers).
#[utoipa::path(
    tag = "certifications",
    security(("bearer" = ["admin", "trainer"])),
    params(CertificationQuery),
    responses((status = 200, description = "Certifications", body = [CertificationView]))
)]
#[get("/certifications", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<CertificationQuery>,
) -> Result<HttpResponse, ApiError> {
    let all =
        certification::certifications(&state.db, auth.org, query.holder_id.map(UserId::from_uuid))
            .await?;
    Ok(HttpResponse::Ok().json(views(&state, &auth, all).await?))
}

/// The caller's own certifications, newest first.
#[utoipa::path(
    tag = "certifications",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Certifications", body = [CertificationView]))
)]
#[get("/me/certifications", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn mine(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = certification::certifications(&state.db, auth.org, Some(auth.user_id)).await?;
    Ok(HttpResponse::Ok().json(views(&state, &auth, all).await?))
}

/// One certification with its evidence and history: its holder, admins and trainers.
#[utoipa::path(
    tag = "certifications",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("certification_id" = uuid::Uuid, Path, description = "Certification id")),
    responses(
        (status = 200, description = "The certification", body = CertificationView),
        (status = 404, description = "No such certification in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/certifications/{certification_id}",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn get_one(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = certification::certification(&state.db, auth.org, id.into_inner()).await?;
    if c.holder_id != auth.user_id && !auth.is(Role::Admin) && !auth.is(Role::Trainer) {
        return Err(ApiError::NotFound);
    }
    let mut v = views(&state, &auth, vec![c]).await?;
    Ok(HttpResponse::Ok().json(v.pop()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GrantBody {
    holder_id: uuid::Uuid,
    #[schema(value_type = crate::states::LevelView)]
    level: String,
    /// Competency keys the certification covers (at least one).
    #[schema(min_items = 1)]
    scope: Vec<String>,
    /// At most 200 characters.
    #[schema(max_length = 200, pattern = r"\S")]
    title: String,
    /// 1…60.
    #[schema(minimum = 1, maximum = 60)]
    validity_months: u32,
    /// Why it is granted without a track (e.g. an outside certification), at most 1,000
    /// characters.
    #[serde(default)]
    #[schema(max_length = 1000)]
    note: Option<String>,
}

/// Grant a certification directly (admins): recognises someone certified outside Cinco and
/// roots the cascade.
#[utoipa::path(
    tag = "certifications",
    security(("bearer" = ["admin"])),
    request_body = GrantBody,
    responses(
        (status = 201, description = "Granted", body = CertificationView),
        (status = 422, description = "`validation_failed`: `unknown_user`, `invalid_level`, `unknown_competency`, `invalid_title`, `invalid_validity` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/certifications", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn grant(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<GrantBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = Grant {
        holder: UserId::from_uuid(body.holder_id),
        level: body.level,
        scope: body.scope,
        title: body.title,
        validity_months: body.validity_months,
        note: body.note,
    };
    let c = manage::grant(&state.app, &auth.actor(), cmd).await?;
    let mut v = views(&state, &auth, vec![c]).await?;
    Ok(HttpResponse::Created().json(v.pop()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RevokeBody {
    /// Why, in at most 1,000 characters (kept in the history; the public page says only
    /// that it was revoked).
    #[schema(max_length = 1000, pattern = r"\S")]
    reason: String,
}

/// Revoke a certification with a reason (admins). It stops counting at once.
#[utoipa::path(
    tag = "certifications",
    security(("bearer" = ["admin"])),
    params(("certification_id" = uuid::Uuid, Path, description = "Certification id")),
    request_body = RevokeBody,
    responses(
        (status = 200, description = "Revoked", body = CertificationView),
        (status = 404, description = "No such certification", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_revoked`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_reason`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/certifications/{certification_id}/revoke",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn revoke(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<RevokeBody>,
) -> Result<HttpResponse, ApiError> {
    let c = manage::revoke(&state.app, &auth.actor(), id.into_inner(), &body.reason).await?;
    let mut v = views(&state, &auth, vec![c]).await?;
    Ok(HttpResponse::Ok().json(v.pop()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RenewBody {
    /// 1…60; the new certification runs this long from today.
    #[schema(minimum = 1, maximum = 60)]
    validity_months: u32,
}

/// Renew a certification (admins): a new one with the same level and scope, from today,
/// that names the one it renews. A revoked certification is not renewed.
#[utoipa::path(
    tag = "certifications",
    security(("bearer" = ["admin"])),
    params(("certification_id" = uuid::Uuid, Path, description = "Certification id")),
    request_body = RenewBody,
    responses(
        (status = 201, description = "The new certification", body = CertificationView),
        (status = 404, description = "No such certification", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_revoked` or `already_renewed`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_validity`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/certifications/{certification_id}/renew",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn renew(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<RenewBody>,
) -> Result<HttpResponse, ApiError> {
    let new = manage::renew(
        &state.app,
        &auth.actor(),
        id.into_inner(),
        body.validity_months,
    )
    .await?;
    let mut v = views(&state, &auth, vec![new]).await?;
    Ok(HttpResponse::Created().json(v.pop()))
}
