//! Enrolments: a trainee on a track, with their own copy of its modules.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::Locale;
use cinco_domain::certification::{EnrolmentStatus, ModuleType};
use cinco_domain::certification::{Level, Track};
use cinco_domain::lesson::Key;
use cinco_domain::programme::words::Words;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::entities::{enrolment_modules, enrolments};
use crate::executor::Executor;
use crate::programme::{self, EnrolmentModules};
use crate::{RepoError, corrupt};
use cinco_domain::programme::Kind;

/// One module of an enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledModule {
    pub id: uuid::Uuid,
    pub enrolment_id: uuid::Uuid,
    pub user_id: UserId,
    pub position: i32,
    pub title: String,
    pub kind: ModuleType,
    pub target_key: Option<String>,
    pub pass_percent: Option<i32>,
    pub instructions: String,
    pub rubric: Vec<String>,
    pub completed_at: Option<DateTime<Utc>>,
    pub score: Option<i32>,
}

/// A trainee's enrolment on a track.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub id: uuid::Uuid,
    pub track_id: uuid::Uuid,
    pub user_id: UserId,
    /// What the track certified when they enrolled (title, description, level, scope,
    /// validity); editing the track later changes neither this nor its certification.
    pub title: String,
    pub description: String,
    pub level: Level,
    pub scope: Vec<Key>,
    pub validity_months: u32,
    pub enrolled_by: UserId,
    pub enrolled_at: DateTime<Utc>,
    pub status: EnrolmentStatus,
    pub closed_at: Option<DateTime<Utc>>,
    pub certification_id: Option<uuid::Uuid>,
    pub modules: Vec<EnrolledModule>,
    /// The track's words (title, description, a module's title, instructions and criteria
    /// by position) in every language it had when they enrolled; empty: only the columns'.
    pub texts: BTreeMap<Locale, Words>,
}

/// Enrols `user` on a track, copying its modules and its words in every language (`texts`).
pub async fn insert_enrolment(
    ex: &impl Executor,
    org: OrganisationId,
    (track_id, track, texts): (uuid::Uuid, &Track, &BTreeMap<Locale, Words>),
    user: UserId,
    by: UserId,
    at: DateTime<Utc>,
) -> Result<uuid::Uuid, RepoError> {
    let id = uuid::Uuid::now_v7();
    enrolments::Entity::insert(enrolments::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        track_id: Set(track_id),
        user_id: Set(user.as_uuid()),
        title: Set(track.title.clone()),
        description: Set(track.description.clone()),
        level: Set(track.level.as_str().to_owned()),
        scope: Set(super::tracks::scope_json(track)),
        validity_months: Set(i32::try_from(track.validity_months).unwrap_or(i32::MAX)),
        enrolled_by: Set(by.as_uuid()),
        enrolled_at: Set(at),
        status: Set(EnrolmentStatus::Active.as_str().to_owned()),
        closed_at: Set(None),
        certification_id: Set(None),
        texts: Set(crate::words::words_to(texts)),
    })
    .exec_without_returning(ex.conn())
    .await?;
    if track.modules.is_empty() {
        return Ok(id);
    }
    let rows = track.modules.iter().enumerate().map(|(i, m)| {
        let parts = m.parts();
        enrolment_modules::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            organisation_id: Set(org.as_uuid()),
            enrolment_id: Set(id),
            user_id: Set(user.as_uuid()),
            position: Set(programme::position(i)),
            title: Set(parts.title),
            kind: Set(parts.kind.as_str().to_owned()),
            target_key: Set(parts.target_key),
            pass_percent: Set(parts.pass_percent.map(i32::from)),
            instructions: Set(parts.instructions.unwrap_or_default()),
            rubric: Set((!parts.rubric.is_empty())
                .then(|| serde_json::to_string(&parts.rubric).unwrap_or_default())),
            completed_at: Set(None),
            score: Set(None),
        }
    });
    enrolment_modules::Entity::insert_many(rows)
        .exec_without_returning(ex.conn())
        .await?;
    Ok(id)
}

/// Which enrolments to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    pub user: Option<UserId>,
    pub track: Option<uuid::Uuid>,
    pub status: Option<EnrolmentStatus>,
}

/// Enrolments, newest first.
pub async fn enrolments(
    ex: &impl Executor,
    org: OrganisationId,
    f: Filter,
) -> Result<Vec<Enrolment>, RepoError> {
    let mut q =
        enrolments::Entity::find().filter(enrolments::Column::OrganisationId.eq(org.as_uuid()));
    if let Some(user) = f.user {
        q = q.filter(enrolments::Column::UserId.eq(user.as_uuid()));
    }
    if let Some(track) = f.track {
        q = q.filter(enrolments::Column::TrackId.eq(track));
    }
    if let Some(status) = f.status {
        q = q.filter(enrolments::Column::Status.eq(status.as_str()));
    }
    let rows = q
        .order_by_desc(enrolments::Column::EnrolledAt)
        .all(ex.conn())
        .await?;
    with_modules(ex, org, rows).await
}

pub async fn enrolment(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Enrolment, RepoError> {
    let row = enrolments::Entity::find_by_id(id)
        .filter(enrolments::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    with_modules(ex, org, vec![row])
        .await?
        .pop()
        .ok_or(RepoError::NotFound)
}

async fn with_modules(
    ex: &impl Executor,
    org: OrganisationId,
    rows: Vec<enrolments::Model>,
) -> Result<Vec<Enrolment>, RepoError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
    let mut by_enrolment = programme::of_parents::<EnrolmentModules>(ex, org, &ids).await?;
    rows.into_iter()
        .map(|r| {
            let what = format!("enrolment {}", r.id);
            Ok(Enrolment {
                id: r.id,
                track_id: r.track_id,
                user_id: UserId::from_uuid(r.user_id),
                title: r.title,
                description: r.description,
                level: Level::parse(&r.level).ok_or_else(|| corrupt(&what, "level"))?,
                scope: super::tracks::parse_scope(&r.scope)
                    .ok_or_else(|| corrupt(&what, "scope"))?,
                validity_months: u32::try_from(r.validity_months)
                    .map_err(|_| corrupt(&what, "validity_months"))?,
                enrolled_by: UserId::from_uuid(r.enrolled_by),
                enrolled_at: r.enrolled_at,
                status: EnrolmentStatus::parse(&r.status)
                    .ok_or_else(|| corrupt(&what, "status"))?,
                closed_at: r.closed_at,
                certification_id: r.certification_id,
                modules: by_enrolment
                    .remove(&r.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(module)
                    .collect::<Result<_, _>>()?,
                texts: crate::words::words_from(r.texts.as_deref()),
            })
        })
        .collect()
}

fn module(m: enrolment_modules::Model) -> Result<EnrolledModule, RepoError> {
    Ok(EnrolledModule {
        id: m.id,
        enrolment_id: m.enrolment_id,
        user_id: UserId::from_uuid(m.user_id),
        position: m.position,
        title: m.title,
        kind: Kind::parse(&m.kind).ok_or_else(|| corrupt("enrolment_modules", "kind"))?,
        target_key: m.target_key,
        pass_percent: m.pass_percent,
        instructions: m.instructions,
        rubric: m
            .rubric
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or_default(),
        completed_at: m.completed_at,
        score: m.score,
    })
}

/// The open modules of a person's active enrolments, with when they enrolled.
pub async fn open_modules(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<(EnrolledModule, DateTime<Utc>)>, RepoError> {
    let active = enrolments(
        ex,
        org,
        Filter {
            user: Some(user),
            status: Some(EnrolmentStatus::Active),
            ..Filter::default()
        },
    )
    .await?;
    Ok(active
        .into_iter()
        .flat_map(|e| {
            let at = e.enrolled_at;
            e.modules
                .into_iter()
                .filter(|m| m.completed_at.is_none())
                .map(move |m| (m, at))
        })
        .collect())
}

/// Marks a module done; false when it was done already.
pub async fn complete_module(
    ex: &impl Executor,
    org: OrganisationId,
    module: uuid::Uuid,
    at: DateTime<Utc>,
    score: Option<i32>,
) -> Result<bool, RepoError> {
    programme::complete::<EnrolmentModules>(ex, org, module, at, score, Vec::new()).await
}

/// Closes an active enrolment (completed with its certification, or withdrawn); false when
/// it was not active.
pub async fn close(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    status: EnrolmentStatus,
    at: DateTime<Utc>,
    certification: Option<uuid::Uuid>,
) -> Result<bool, RepoError> {
    let done = enrolments::Entity::update_many()
        .col_expr(enrolments::Column::Status, Expr::value(status.as_str()))
        .col_expr(enrolments::Column::ClosedAt, Expr::value(at))
        .col_expr(
            enrolments::Column::CertificationId,
            Expr::value(certification),
        )
        .filter(enrolments::Column::OrganisationId.eq(org.as_uuid()))
        .filter(enrolments::Column::Id.eq(id))
        .filter(enrolments::Column::Status.eq(EnrolmentStatus::Active.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected > 0)
}

/// Takes the enrolment's row lock for the rest of the transaction (PostgreSQL; SQLite has
/// one writer anyway), so two modules completing at once issue one certification.
pub async fn lock(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<(), RepoError> {
    enrolments::Entity::update_many()
        .col_expr(
            enrolments::Column::Status,
            Expr::col(enrolments::Column::Status),
        )
        .filter(enrolments::Column::OrganisationId.eq(org.as_uuid()))
        .filter(enrolments::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(())
}
