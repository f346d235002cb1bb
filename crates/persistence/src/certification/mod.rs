//! Train-the-trainer: tracks, enrolments with their modules, teach-back and observed-session
//! submissions, and the certifications a finished track issues, with their history. Every
//! call takes the organisation id, except the public check of one certification by its
//! (random) id.

mod enrolments;
mod submissions;
mod tracks;

pub use enrolments::{
    EnrolledModule, Enrolment, Filter as EnrolmentFilter, close, complete_module, enrolment,
    enrolments, insert_enrolment, lock, open_modules,
};
pub use submissions::{
    Assessment, CriterionRating, Filter as SubmissionFilter, Submission, assess, insert_submission,
    submission, submissions,
};
pub use tracks::{
    StoredTrack, insert_track, lock_track, set_archived, set_track_translation, track, tracks,
    update_track,
};

use chrono::{DateTime, Utc};
use cinco_domain::certification::{CertificationEvent, Level, ModuleType};
use cinco_domain::lesson::Key;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

use crate::entities::{certification_events, certifications};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// One piece of evidence behind a certification: a module the holder completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub title: String,
    #[serde(with = "crate::programme::kind_name")]
    pub kind: ModuleType,
    pub completed_at: DateTime<Utc>,
    #[serde(default)]
    pub score: Option<i32>,
    #[serde(default)]
    pub assessed_by: Option<uuid::Uuid>,
    #[serde(default)]
    pub ratings: Vec<CriterionRating>,
}

/// A certification, as issued (its standing is computed from the dates and revocation).
#[derive(Debug, Clone)]
pub struct Certification {
    pub id: uuid::Uuid,
    pub organisation_id: OrganisationId,
    pub holder_id: UserId,
    pub track_id: Option<uuid::Uuid>,
    pub enrolment_id: Option<uuid::Uuid>,
    pub title: String,
    /// What the certification stands for (the track's description; empty when granted).
    pub description: String,
    pub level: Level,
    pub scope: Vec<Key>,
    /// What the holder did: the modules completed (empty when granted directly).
    pub evidence: Vec<Evidence>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Who certified the holder: the assessor of the last assessed module, or whoever
    /// granted it.
    pub issued_by: UserId,
    pub renews_id: Option<uuid::Uuid>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<UserId>,
    pub revoke_reason: Option<String>,
}

/// Stores a certification (its id is random: it is also the public link) and its `issued`
/// event.
pub async fn insert_certification(
    ex: &impl Executor,
    c: &Certification,
    detail: &str,
) -> Result<(), RepoError> {
    let scope: Vec<&str> = c.scope.iter().map(Key::as_str).collect();
    certifications::Entity::insert(certifications::ActiveModel {
        id: Set(c.id),
        organisation_id: Set(c.organisation_id.as_uuid()),
        holder_id: Set(c.holder_id.as_uuid()),
        track_id: Set(c.track_id),
        enrolment_id: Set(c.enrolment_id),
        title: Set(c.title.clone()),
        description: Set(c.description.clone()),
        level: Set(c.level.as_str().to_owned()),
        scope: Set(serde_json::to_string(&scope).unwrap_or_else(|_| "[]".into())),
        criteria: Set(serde_json::to_string(&c.evidence).unwrap_or_else(|_| "[]".into())),
        issued_at: Set(c.issued_at),
        expires_at: Set(c.expires_at),
        issued_by: Set(c.issued_by.as_uuid()),
        renews_id: Set(c.renews_id),
        revoked_at: Set(None),
        revoked_by: Set(None),
        revoke_reason: Set(None),
    })
    .exec_without_returning(ex.conn())
    .await?;
    claim_event(
        ex,
        c.organisation_id,
        c.id,
        c.issued_at,
        Some(c.issued_by),
        CertificationEvent::Issued,
        detail,
    )
    .await?;
    Ok(())
}

/// One certification of the organisation.
pub async fn certification(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Certification, RepoError> {
    certifications::Entity::find_by_id(id)
        .filter(certifications::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_domain)
}

/// One certification by its id alone: the public check anyone with the link may make.
pub async fn public_certification(
    ex: &impl Executor,
    id: uuid::Uuid,
) -> Result<Certification, RepoError> {
    certifications::Entity::find_by_id(id)
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_domain)
}

/// The organisation's certifications (one holder's when given), newest first.
pub async fn certifications(
    ex: &impl Executor,
    org: OrganisationId,
    holder: Option<UserId>,
) -> Result<Vec<Certification>, RepoError> {
    let mut q = certifications::Entity::find()
        .filter(certifications::Column::OrganisationId.eq(org.as_uuid()));
    if let Some(h) = holder {
        q = q.filter(certifications::Column::HolderId.eq(h.as_uuid()));
    }
    q.order_by_desc(certifications::Column::IssuedAt)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// The organisation's unrevoked certifications expiring after `from` and by `to`.
pub async fn expiring(
    ex: &impl Executor,
    org: OrganisationId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Certification>, RepoError> {
    certifications::Entity::find()
        .filter(certifications::Column::OrganisationId.eq(org.as_uuid()))
        .filter(certifications::Column::RevokedAt.is_null())
        .filter(certifications::Column::ExpiresAt.gt(from))
        .filter(certifications::Column::ExpiresAt.lte(to))
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// Revokes a certification; false when it was revoked already.
pub async fn revoke(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    by: UserId,
    at: DateTime<Utc>,
    reason: &str,
) -> Result<bool, RepoError> {
    let done = certifications::Entity::update_many()
        .col_expr(certifications::Column::RevokedAt, Expr::value(at))
        .col_expr(certifications::Column::RevokedBy, Expr::value(by.as_uuid()))
        .col_expr(certifications::Column::RevokeReason, Expr::value(reason))
        .filter(certifications::Column::OrganisationId.eq(org.as_uuid()))
        .filter(certifications::Column::Id.eq(id))
        .filter(certifications::Column::RevokedAt.is_null())
        .exec(ex.conn())
        .await?;
    if done.rows_affected == 0 {
        return Ok(false);
    }
    claim_event(
        ex,
        org,
        id,
        at,
        Some(by),
        CertificationEvent::Revoked,
        reason,
    )
    .await
}

/// One line of a certification's history.
#[derive(Debug, Clone)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub actor: Option<UserId>,
    pub kind: CertificationEvent,
    pub detail: String,
}

/// Writes an event that happens once per certification (issued, revoked, renewed, each
/// renewal reminder); false when it had happened already (on this node or another).
pub async fn claim_event(
    ex: &impl Executor,
    org: OrganisationId,
    certification: uuid::Uuid,
    at: DateTime<Utc>,
    actor: Option<UserId>,
    kind: CertificationEvent,
    detail: &str,
) -> Result<bool, RepoError> {
    let row = certification_events::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(org.as_uuid()),
        certification_id: Set(certification),
        at: Set(at),
        actor_id: Set(actor.map(|a| a.as_uuid())),
        kind: Set(kind.as_str().to_owned()),
        detail: Set(detail.to_owned()),
    };
    match certification_events::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("certification_events.kind"))
    {
        Ok(_) => Ok(true),
        Err(RepoError::Conflict(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The certifications of the organisation that had an event of `kind`.
pub async fn with_event(
    ex: &impl Executor,
    org: OrganisationId,
    kind: CertificationEvent,
) -> Result<std::collections::HashSet<uuid::Uuid>, RepoError> {
    Ok(certification_events::Entity::find()
        .filter(certification_events::Column::OrganisationId.eq(org.as_uuid()))
        .filter(certification_events::Column::Kind.eq(kind.as_str()))
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|e| e.certification_id)
        .collect())
}

/// The history of each of these certifications, oldest first.
pub async fn events_of(
    ex: &impl Executor,
    org: OrganisationId,
    ids: &[uuid::Uuid],
) -> Result<std::collections::HashMap<uuid::Uuid, Vec<Event>>, RepoError> {
    let mut out: std::collections::HashMap<uuid::Uuid, Vec<Event>> =
        std::collections::HashMap::new();
    for e in certification_events::Entity::find()
        .filter(certification_events::Column::OrganisationId.eq(org.as_uuid()))
        .filter(certification_events::Column::CertificationId.is_in(ids.iter().copied()))
        .order_by_asc(certification_events::Column::At)
        .order_by_asc(certification_events::Column::Id)
        .all(ex.conn())
        .await?
    {
        out.entry(e.certification_id).or_default().push(Event {
            at: e.at,
            actor: e.actor_id.map(UserId::from_uuid),
            kind: CertificationEvent::parse(&e.kind)
                .ok_or_else(|| corrupt("certification_events", "kind"))?,
            detail: e.detail,
        });
    }
    Ok(out)
}

fn to_domain(r: certifications::Model) -> Result<Certification, RepoError> {
    let what = format!("certification {}", r.id);
    Ok(Certification {
        id: r.id,
        organisation_id: OrganisationId::from_uuid(r.organisation_id),
        holder_id: UserId::from_uuid(r.holder_id),
        track_id: r.track_id,
        enrolment_id: r.enrolment_id,
        title: r.title,
        description: r.description,
        level: Level::parse(&r.level).ok_or_else(|| corrupt(&what, "level"))?,
        scope: tracks::parse_scope(&r.scope).ok_or_else(|| corrupt(&what, "scope"))?,
        evidence: serde_json::from_str(&r.criteria).map_err(|_| corrupt(&what, "criteria"))?,
        issued_at: r.issued_at,
        expires_at: r.expires_at,
        issued_by: UserId::from_uuid(r.issued_by),
        renews_id: r.renews_id,
        revoked_at: r.revoked_at,
        revoked_by: r.revoked_by.map(UserId::from_uuid),
        revoke_reason: r.revoke_reason,
    })
}
