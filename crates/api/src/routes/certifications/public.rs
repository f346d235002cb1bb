//! The public check of one certification: anyone with the link may see who holds it, what
//! it certifies, who issued it, on what evidence, and whether it still stands. The fields
//! are the ones an Open Badges credential needs (issuer, achievement, criteria, evidence).

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use cinco_persistence::certification;
use cinco_persistence::{RepoError, competency, organisation};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ScopeItem, scope_items, standing, verify_url};
use crate::error::{ApiError, Problem};
use crate::routes::coaching::Names;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicIssuer {
    /// The organisation that issued it.
    name: String,
    url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicAchievement {
    name: String,
    level: crate::states::LevelView,
    description: String,
    /// What earning it takes, in words.
    criteria: String,
    competencies: Vec<ScopeItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicEvidence {
    title: String,
    kind: crate::states::ModuleKindView,
    completed_at: DateTime<Utc>,
    score: Option<i32>,
    /// The assessor, for assessed modules.
    assessed_by: Option<String>,
}

/// A certification as anyone with its link sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicCertification {
    id: uuid::Uuid,
    url: String,
    status: crate::states::StandingView,
    holder_name: String,
    issuer: PublicIssuer,
    achievement: PublicAchievement,
    /// The person who certified the holder.
    certified_by: String,
    issued_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    evidence: Vec<PublicEvidence>,
}

/// Check a certification by its link (no sign-in).
#[utoipa::path(
    tag = "certifications",
    params(("certification_id" = uuid::Uuid, Path, description = "Certification id, from its link")),
    responses(
        (status = 200, description = "The certification", body = PublicCertification),
        (status = 404, description = "No such certification", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/public/certifications/{certification_id}")]
pub async fn verify(
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = certification::public_certification(&state.db, id.into_inner())
        .await
        .map_err(|e| match e {
            RepoError::NotFound => ApiError::NotFound,
            other => other.into(),
        })?;
    let org = organisation::get(&state.db, c.organisation_id).await?;
    let locale = org.default_locale;
    let names = Names::load(&state.db, c.organisation_id).await?;
    let criteria = c
        .evidence
        .iter()
        .map(|e| e.title.as_str())
        .collect::<Vec<_>>()
        .join(" · ");
    let now = state.settings.clock.now();
    let body = PublicCertification {
        id: c.id,
        url: verify_url(&state, c.id),
        status: standing(&c, now).into(),
        holder_name: names.person(c.holder_id).display_name,
        issuer: PublicIssuer {
            name: org.name.as_str().to_owned(),
            url: state.settings.public_url.clone(),
        },
        achievement: PublicAchievement {
            name: c.title.clone(),
            level: c.level.into(),
            description: c.description.clone(),
            criteria,
            competencies: scope_items(
                &competency::list(&state.db, c.organisation_id, true).await?,
                &c.scope,
                locale,
            ),
        },
        certified_by: names.person(c.issued_by).display_name,
        issued_at: c.issued_at,
        expires_at: c.expires_at,
        revoked_at: c.revoked_at,
        evidence: c
            .evidence
            .iter()
            .map(|e| PublicEvidence {
                title: e.title.clone(),
                kind: e.kind.into(),
                completed_at: e.completed_at,
                score: e.score,
                assessed_by: e.assessed_by.map(|a| {
                    names
                        .person(cinco_domain::UserId::from_uuid(a))
                        .display_name
                }),
            })
            .collect(),
    };
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(body))
}
