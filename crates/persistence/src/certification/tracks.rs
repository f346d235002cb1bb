//! Tracks: the modules a trainer puts together, stored as JSON.

use chrono::{DateTime, Utc};
use cinco_domain::certification::{Level, Module, ModuleKind, Track, default_pass_percent};
use cinco_domain::lesson::Key;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

use crate::entities::tracks;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A module as stored in a track's JSON (and copied into each enrolment).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredModule {
    pub title: String,
    pub kind: String,
    #[serde(default)]
    pub target_key: Option<String>,
    #[serde(default)]
    pub pass_percent: Option<u8>,
    #[serde(default)]
    pub instructions: String,
    #[serde(default)]
    pub rubric: Vec<String>,
}

impl StoredModule {
    pub fn from_domain(m: &Module) -> Self {
        let (target_key, pass_percent, rubric) = match &m.kind {
            ModuleKind::Lesson {
                lesson: key,
                pass_percent,
            }
            | ModuleKind::Scenario {
                scenario: key,
                pass_percent,
            } => (
                Some(key.as_str().to_owned()),
                Some(*pass_percent),
                Vec::new(),
            ),
            ModuleKind::TeachBack { rubric } | ModuleKind::ObservedSession { rubric } => {
                (None, None, rubric.clone())
            }
        };
        Self {
            title: m.title.clone(),
            kind: m.kind.as_str().to_owned(),
            target_key,
            pass_percent,
            instructions: m.instructions.clone(),
            rubric,
        }
    }

    pub fn to_domain(&self) -> Option<Module> {
        let key = || self.target_key.as_deref().and_then(Key::parse);
        let pass_percent = self.pass_percent.unwrap_or(default_pass_percent());
        let kind = match self.kind.as_str() {
            "lesson" => ModuleKind::Lesson {
                lesson: key()?,
                pass_percent,
            },
            "scenario" => ModuleKind::Scenario {
                scenario: key()?,
                pass_percent,
            },
            "teach_back" => ModuleKind::TeachBack {
                rubric: self.rubric.clone(),
            },
            "observed_session" => ModuleKind::ObservedSession {
                rubric: self.rubric.clone(),
            },
            _ => return None,
        };
        Some(Module {
            title: self.title.clone(),
            kind,
            instructions: self.instructions.clone(),
        })
    }
}

/// A stored track.
#[derive(Debug, Clone)]
pub struct StoredTrack {
    pub id: uuid::Uuid,
    pub track: Track,
    pub created_by: UserId,
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
}

fn modules_json(track: &Track) -> String {
    let stored: Vec<StoredModule> = track
        .modules
        .iter()
        .map(StoredModule::from_domain)
        .collect();
    serde_json::to_string(&stored).unwrap_or_else(|_| "[]".to_owned())
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

pub async fn insert_track(
    ex: &impl Executor,
    org: OrganisationId,
    track: &Track,
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
    let stored: Vec<StoredModule> =
        serde_json::from_str(&r.modules).map_err(|_| corrupt(&what, "modules"))?;
    let modules = stored
        .iter()
        .map(StoredModule::to_domain)
        .collect::<Option<Vec<_>>>()
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
