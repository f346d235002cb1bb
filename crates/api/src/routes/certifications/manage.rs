//! Reading, granting, revoking and renewing certifications.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::ErrorCode;
use cinco_domain::certification::{Level, MAX_VALIDITY_MONTHS, Standing, expires_at};
use cinco_domain::lesson::Key;
use cinco_domain::{Role, UserId};
use cinco_persistence::certification::{self, Certification};
use cinco_persistence::{RepoError, competency, user};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{CertificationView, standing};
use crate::auth::{ADMIN, ANY, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
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
    /// `coach`, `trainer` or `master_trainer`.
    level: String,
    /// Competency keys the certification covers.
    scope: Vec<String>,
    title: String,
    /// 1…60.
    validity_months: u32,
    /// Why it is granted without a track (e.g. an outside certification).
    #[serde(default)]
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
        (status = 422, description = "`unknown_user`, `invalid_level`, `unknown_competency`, `invalid_title`, `invalid_validity` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/certifications", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn grant(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<GrantBody>,
) -> Result<HttpResponse, ApiError> {
    let holder = user::get(&state.db, auth.org, UserId::from_uuid(body.holder_id))
        .await
        .map_err(|e| match e {
            RepoError::NotFound => {
                ApiError::field("holder_id", "unknown_user", "no such person here")
            }
            other => other.into(),
        })?;
    let level = Level::parse(&body.level).ok_or_else(|| {
        ApiError::field("level", "invalid_level", "coach, trainer or master_trainer")
    })?;
    let scope = parse_scope(&state, &auth, &body.scope).await?;
    let title = body.title.trim();
    if !(1..=200).contains(&title.chars().count()) {
        return Err(ApiError::field(
            "title",
            "invalid_title",
            "1 to 200 characters",
        ));
    }
    if !(1..=MAX_VALIDITY_MONTHS).contains(&body.validity_months) {
        return Err(ApiError::field(
            "validity_months",
            "invalid_validity",
            format!("1 to {MAX_VALIDITY_MONTHS} months"),
        ));
    }
    let now = state.settings.clock.now();
    let c = Certification {
        id: uuid::Uuid::new_v4(),
        organisation_id: auth.org,
        holder_id: holder.id,
        track_id: None,
        enrolment_id: None,
        title: title.to_owned(),
        description: String::new(),
        level,
        scope,
        evidence: Vec::new(),
        issued_at: now,
        expires_at: expires_at(now, body.validity_months),
        issued_by: auth.user_id,
        renews_id: None,
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
    };
    let note = crate::fields::text("note", body.note.as_deref(), 1000)?.unwrap_or_default();
    let note = note.as_str();
    let tx = state.db.begin().await?;
    certification::insert_certification(&tx, &c, note).await?;
    // Limits in the holder's cached views (today's pack) change with it.
    user::touch_learning(&tx, auth.org, c.holder_id).await?;
    tx.commit().await?;
    let mut v = views(&state, &auth, vec![c]).await?;
    Ok(HttpResponse::Created().json(v.pop()))
}

/// Competency keys from a request: known to the organisation, at least one.
pub(crate) async fn parse_scope(
    state: &AppState,
    auth: &AuthUser,
    raw: &[String],
) -> Result<Vec<Key>, ApiError> {
    let comps = competency::list(&state.db, auth.org, false).await?;
    let mut keys = Vec::with_capacity(raw.len());
    for k in raw {
        let key = Key::parse(k.trim())
            .filter(|key| comps.iter().any(|c| c.key == *key))
            .ok_or_else(|| {
                ApiError::field(
                    "scope",
                    "unknown_competency",
                    format!("no competency `{k}`"),
                )
            })?;
        keys.push(key);
    }
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        return Err(ApiError::field(
            "scope",
            "unknown_competency",
            "name at least one competency",
        ));
    }
    Ok(keys)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RevokeBody {
    /// Why (kept in the history; the public page says only that it was revoked).
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
        (status = 422, description = "`invalid_reason`", body = Problem, content_type = "application/problem+json")
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
    body: web::Json<RevokeBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = body.reason.trim();
    if !(1..=1000).contains(&reason.chars().count()) {
        return Err(ApiError::field(
            "reason",
            "invalid_reason",
            "say why, in 1 to 1000 characters",
        ));
    }
    certification::certification(&state.db, auth.org, id).await?;
    let now = state.settings.clock.now();
    let tx = state.db.begin().await?;
    if !certification::revoke(&tx, auth.org, id, auth.user_id, now, reason).await? {
        return Err(ApiError::Conflict {
            code: ErrorCode::AlreadyRevoked,
            detail: "this certification was revoked already".into(),
        });
    }
    let holder = certification::certification(&tx, auth.org, id)
        .await?
        .holder_id;
    user::touch_learning(&tx, auth.org, holder).await?;
    tx.commit().await?;
    let c = certification::certification(&state.db, auth.org, id).await?;
    let mut v = views(&state, &auth, vec![c]).await?;
    Ok(HttpResponse::Ok().json(v.pop()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RenewBody {
    /// 1…60; the new certification runs this long from today.
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
        (status = 422, description = "`invalid_validity`", body = Problem, content_type = "application/problem+json")
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
    body: web::Json<RenewBody>,
) -> Result<HttpResponse, ApiError> {
    let old = certification::certification(&state.db, auth.org, id.into_inner()).await?;
    let now = state.settings.clock.now();
    if standing(&old, now) == Standing::Revoked {
        return Err(ApiError::Conflict {
            code: ErrorCode::AlreadyRevoked,
            detail: "a revoked certification is not renewed".into(),
        });
    }
    if !(1..=MAX_VALIDITY_MONTHS).contains(&body.validity_months) {
        return Err(ApiError::field(
            "validity_months",
            "invalid_validity",
            format!("1 to {MAX_VALIDITY_MONTHS} months"),
        ));
    }
    let new = Certification {
        id: uuid::Uuid::new_v4(),
        issued_at: now,
        expires_at: expires_at(now, body.validity_months),
        issued_by: auth.user_id,
        renews_id: Some(old.id),
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
        ..old.clone()
    };
    let tx = state.db.begin().await?;
    let revoked = certification::certification(&tx, auth.org, old.id)
        .await?
        .revoked_at
        .is_some();
    if revoked
        || !certification::claim_event(
            &tx,
            auth.org,
            old.id,
            now,
            Some(auth.user_id),
            "renewed",
            &new.id.to_string(),
        )
        .await?
    {
        return Err(ApiError::Conflict {
            code: if revoked {
                ErrorCode::AlreadyRevoked
            } else {
                ErrorCode::AlreadyRenewed
            },
            detail: "this certification was revoked or renewed meanwhile".into(),
        });
    }
    certification::insert_certification(&tx, &new, "").await?;
    user::touch_learning(&tx, auth.org, new.holder_id).await?;
    tx.commit().await?;
    let mut v = views(&state, &auth, vec![new]).await?;
    Ok(HttpResponse::Created().json(v.pop()))
}
