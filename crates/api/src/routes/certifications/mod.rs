//! Certifications: what a finished track issues (level, scope, expiry), granted directly by
//! an admin to root the cascade, revoked with a reason, renewed; who holds what (which gates
//! coaching sign-off and raises authority limits); the public check; the cascade view. The
//! contract is `docs/certification.md`.

use chrono::{DateTime, Utc};
use cinco_domain::competency::Competency;
use cinco_domain::{Locale, OrganisationId, UserId};
use cinco_persistence::certification::{self, Certification};
use cinco_persistence::competency;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;

pub mod cascade;
pub mod manage;
pub mod public;

pub(crate) use cinco_app::certification::held::{authority_keys, held, standing};

#[derive(Debug, Serialize, ToSchema)]
pub struct ScopeItem {
    key: String,
    name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionView {
    pub criterion: String,
    /// 1 (not yet) … 4 (exemplary).
    pub rating: u8,
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceView {
    title: String,
    kind: crate::states::ModuleKindView,
    completed_at: DateTime<Utc>,
    score: Option<i32>,
    assessed_by: Option<PersonRef>,
    ratings: Vec<CriterionView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationEventView {
    at: DateTime<Utc>,
    actor: Option<PersonRef>,
    kind: crate::states::CertificationEventKindView,
    detail: String,
}

/// A certification as its holder, admins and trainers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationView {
    id: uuid::Uuid,
    holder: PersonRef,
    title: String,
    level: crate::states::LevelView,
    scope: Vec<ScopeItem>,
    issued_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    status: crate::states::StandingView,
    /// Who certified the holder.
    issued_by: PersonRef,
    track_id: Option<uuid::Uuid>,
    /// The certification this one renews.
    renews_id: Option<uuid::Uuid>,
    revoked_at: Option<DateTime<Utc>>,
    revoke_reason: Option<String>,
    /// The public page anyone with the link can check.
    verify_url: String,
    evidence: Vec<EvidenceView>,
    history: Vec<CertificationEventView>,
}

/// Competency keys with their names in `locale`, from the organisation's competencies.
pub(crate) fn scope_items(
    comps: &[Competency],
    keys: &[cinco_domain::lesson::Key],
    locale: Locale,
) -> Vec<ScopeItem> {
    keys.iter()
        .map(|k| ScopeItem {
            key: k.as_str().to_owned(),
            name: comps.iter().find(|c| c.key == *k).map_or_else(
                || k.as_str().to_owned(),
                |c| c.name.get(locale, locale).to_owned(),
            ),
        })
        .collect()
}

pub(crate) fn verify_url(state: &AppState, id: uuid::Uuid) -> String {
    format!(
        "{}/verify/{id}",
        state.settings.public_url.trim_end_matches('/')
    )
}

/// Certifications with their evidence and history, read in a fixed number of queries.
pub(crate) async fn views(
    state: &AppState,
    org: OrganisationId,
    list: Vec<Certification>,
    locale: Locale,
) -> Result<Vec<CertificationView>, ApiError> {
    let now = state.settings.clock.now();
    let names = Names::load(&state.db, org).await?;
    let comps = competency::list(&state.db, org, true).await?;
    let ids: Vec<uuid::Uuid> = list.iter().map(|c| c.id).collect();
    let mut events = certification::events_of(&state.db, org, &ids).await?;
    Ok(list
        .into_iter()
        .map(|c| CertificationView {
            id: c.id,
            holder: names.person(c.holder_id),
            title: c.title.clone(),
            level: c.level.into(),
            scope: scope_items(&comps, &c.scope, locale),
            issued_at: c.issued_at,
            expires_at: c.expires_at,
            status: standing(&c, now).into(),
            issued_by: names.person(c.issued_by),
            track_id: c.track_id,
            renews_id: c.renews_id,
            revoked_at: c.revoked_at,
            revoke_reason: c.revoke_reason.clone(),
            verify_url: verify_url(state, c.id),
            evidence: evidence_views(&c, &names),
            history: events
                .remove(&c.id)
                .unwrap_or_default()
                .into_iter()
                .map(|e| CertificationEventView {
                    at: e.at,
                    actor: e.actor.map(|a| names.person(a)),
                    kind: e.kind.into(),
                    detail: e.detail,
                })
                .collect(),
        })
        .collect())
}

fn evidence_views(c: &Certification, names: &Names) -> Vec<EvidenceView> {
    c.evidence
        .iter()
        .map(|e| EvidenceView {
            title: e.title.clone(),
            kind: e.kind.into(),
            completed_at: e.completed_at,
            score: e.score,
            assessed_by: e.assessed_by.map(|a| names.person(UserId::from_uuid(a))),
            ratings: e
                .ratings
                .iter()
                .map(|r| CriterionView {
                    criterion: r.criterion.clone(),
                    rating: r.rating,
                    comment: r.comment.clone(),
                })
                .collect(),
        })
        .collect()
}
