//! Tracks: the modules a trainer puts together, stored as JSON.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::certification::{Level, Module, ModuleType, Track};
use cinco_domain::lesson::Key;
use cinco_domain::programme::words::Translation;
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::entities::tracks;
use crate::executor::Executor;
use crate::programme;
use crate::words::Translatable;
use crate::{RepoError, corrupt};

/// A stored track.
#[derive(Debug, Clone)]
pub struct StoredTrack {
    pub id: uuid::Uuid,
    pub track: Track,
    pub created_by: UserId,
    /// When its own words or modules last changed (a translation does not change it).
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
    /// The language it is written in; `None`: the organisation's.
    pub source_locale: Option<Locale>,
    pub translations: BTreeMap<Locale, Translation>,
}

fn modules_json(track: &Track) -> String {
    programme::to_json(track.modules.iter().map(Module::parts))
}

pub(crate) fn scope_json(track: &Track) -> String {
    let keys: Vec<&str> = track.scope.iter().map(Key::as_str).collect();
    serde_json::to_string(&keys).unwrap_or_else(|_| "[]".to_owned())
}

/// Competency keys stored as a JSON array.
pub(crate) fn parse_scope(json: &str) -> Option<Vec<Key>> {
    let raw: Vec<String> = serde_json::from_str(json).ok()?;
    raw.iter().map(|k| Key::parse(k)).collect()
}

/// Stores a new track written in `locale`.
pub async fn insert_track(
    ex: &impl Executor,
    org: OrganisationId,
    (track, locale): (&Track, Locale),
    by: UserId,
    at: DateTime<Utc>,
) -> Result<uuid::Uuid, RepoError> {
    let id = uuid::Uuid::now_v7();
    tracks::Entity::insert(tracks::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        title: Set(track.title.clone()),
        description: Set(track.description.clone()),
        level: Set(track.level.as_str().to_owned()),
        scope: Set(scope_json(track)),
        validity_months: Set(i32::try_from(track.validity_months).unwrap_or(i32::MAX)),
        modules: Set(modules_json(track)),
        created_by: Set(by.as_uuid()),
        created_at: Set(at),
        updated_at: Set(at),
        archived_at: Set(None),
        source_locale: Set(Some(locale.code().to_owned())),
        translations: Set(None),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(id)
}

/// Replaces a track's content (running enrolments keep their copy); false when not found.
pub async fn update_track(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    track: &Track,
    at: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let done = tracks::Entity::update_many()
        .col_expr(tracks::Column::Title, Expr::value(track.title.clone()))
        .col_expr(
            tracks::Column::Description,
            Expr::value(track.description.clone()),
        )
        .col_expr(tracks::Column::Level, Expr::value(track.level.as_str()))
        .col_expr(tracks::Column::Scope, Expr::value(scope_json(track)))
        .col_expr(
            tracks::Column::ValidityMonths,
            Expr::value(i32::try_from(track.validity_months).unwrap_or(i32::MAX)),
        )
        .col_expr(tracks::Column::Modules, Expr::value(modules_json(track)))
        .col_expr(tracks::Column::UpdatedAt, Expr::value(at))
        .filter(tracks::Column::OrganisationId.eq(org.as_uuid()))
        .filter(tracks::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected > 0)
}

/// Keeps `translation` as the track's words in `locale`, replacing any before, and names
/// `source` as the language it is written in (for tracks saved before languages were kept);
/// the track's own `updated_at` stays (it says when the source changed).
pub async fn set_track_translation(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    source: Locale,
    (locale, translation): (Locale, Translation),
) -> Result<(), RepoError> {
    let mut translations = track(ex, org, id).await?.translations;
    translations.insert(locale, translation);
    let columns = Translatable {
        org: tracks::Column::OrganisationId,
        id: tracks::Column::Id,
        source_locale: tracks::Column::SourceLocale,
        translations: tracks::Column::Translations,
    };
    crate::words::write::<tracks::Entity>(ex, columns, (org, id), source, &translations).await
}

/// Archives (or restores) a track; false when not found.
pub async fn set_archived(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    archived_at: Option<DateTime<Utc>>,
) -> Result<bool, RepoError> {
    let done = tracks::Entity::update_many()
        .col_expr(tracks::Column::ArchivedAt, Expr::value(archived_at))
        .filter(tracks::Column::OrganisationId.eq(org.as_uuid()))
        .filter(tracks::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected > 0)
}

/// The organisation's tracks, by title.
pub async fn tracks(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<StoredTrack>, RepoError> {
    tracks::Entity::find()
        .filter(tracks::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_asc(tracks::Column::Title)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

pub async fn track(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<StoredTrack, RepoError> {
    let row = tracks::Entity::find_by_id(id)
        .filter(tracks::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    to_domain(row)
}

fn to_domain(r: tracks::Model) -> Result<StoredTrack, RepoError> {
    let what = format!("track {}", r.id);
    let modules = programme::from_json::<ModuleType>(&r.modules)
        .and_then(|parts| {
            parts
                .iter()
                .map(Module::from_parts)
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| corrupt(&what, "modules"))?;
    Ok(StoredTrack {
        id: r.id,
        track: Track {
            title: r.title,
            description: r.description,
            level: Level::parse(&r.level).ok_or_else(|| corrupt(&what, "level"))?,
            scope: parse_scope(&r.scope).ok_or_else(|| corrupt(&what, "scope"))?,
            validity_months: u32::try_from(r.validity_months)
                .map_err(|_| corrupt(&what, "validity_months"))?,
            modules,
        },
        created_by: UserId::from_uuid(r.created_by),
        updated_at: r.updated_at,
        archived: r.archived_at.is_some(),
        source_locale: r.source_locale.as_deref().and_then(|l| l.parse().ok()),
        translations: crate::words::translations_from(r.translations.as_deref()),
    })
}

/// Takes the track's row lock for the rest of the transaction (PostgreSQL; SQLite has one
/// writer anyway), so two enrolments of the same person at once see each other.
pub async fn lock_track(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<(), RepoError> {
    tracks::Entity::update_many()
        .col_expr(tracks::Column::Title, Expr::col(tracks::Column::Title))
        .filter(tracks::Column::OrganisationId.eq(org.as_uuid()))
        .filter(tracks::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(())
}
