//! Published content, parsed once. A published lesson or scenario version never changes (a
//! new publication is a new version), so a parsed copy keyed by organisation and version id
//! stays true for ever and needs no invalidation; drafts are never cached. Every node keeps
//! its own copy.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use cinco_domain::OrganisationId;
use cinco_domain::lesson::{Estimate, LessonContent, estimate, markdown};
use cinco_domain::scenario::Scenario;
use cinco_persistence::lesson::LessonVersion;
use cinco_persistence::scenario::ScenarioVersion;

use crate::error::AppError;

/// A published lesson version and its parsed content.
#[derive(Debug)]
pub struct Lesson {
    pub version: LessonVersion,
    pub content: LessonContent,
    pub estimate: Estimate,
}

/// A published scenario version and its parsed graph.
#[derive(Debug)]
pub struct Play {
    pub version: ScenarioVersion,
    pub scenario: Scenario,
}

/// Entries kept before the cache starts over (a few megabytes).
const CAPACITY: usize = 4096;

#[derive(Debug, Default)]
pub struct ContentCache {
    lessons: RwLock<HashMap<(OrganisationId, uuid::Uuid), Arc<Lesson>>>,
    scenarios: RwLock<HashMap<(OrganisationId, uuid::Uuid), Arc<Play>>>,
}

impl ContentCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// A lesson version of the organisation; parsed once if it was ever published.
    pub async fn lesson(
        &self,
        db: &impl cinco_persistence::Executor,
        org: OrganisationId,
        id: uuid::Uuid,
    ) -> Result<Arc<Lesson>, AppError> {
        if let Some(hit) = read(&self.lessons).get(&(org, id)) {
            return Ok(hit.clone());
        }
        let version = cinco_persistence::lesson::get(db, org, id).await?;
        self.lesson_from(org, version)
    }

    /// The parsed lesson for a version already loaded (a list of published versions).
    pub fn lesson_from(
        &self,
        org: OrganisationId,
        version: LessonVersion,
    ) -> Result<Arc<Lesson>, AppError> {
        if let Some(hit) = read(&self.lessons).get(&(org, version.id)) {
            return Ok(hit.clone());
        }
        let content = markdown::parse(&version.source).map_err(AppError::internal)?;
        let estimate = estimate(&content);
        let keep = version.published_at.is_some();
        let entry = Arc::new(Lesson {
            version,
            content,
            estimate,
        });
        if keep {
            insert(&self.lessons, (org, entry.version.id), entry.clone());
        }
        Ok(entry)
    }

    /// A scenario version of the organisation; parsed once if it was ever published.
    pub async fn scenario(
        &self,
        db: &impl cinco_persistence::Executor,
        org: OrganisationId,
        id: uuid::Uuid,
    ) -> Result<Arc<Play>, AppError> {
        if let Some(hit) = read(&self.scenarios).get(&(org, id)) {
            return Ok(hit.clone());
        }
        let version = cinco_persistence::scenario::get(db, org, id).await?;
        self.scenario_from(org, version)
    }

    pub fn scenario_from(
        &self,
        org: OrganisationId,
        version: ScenarioVersion,
    ) -> Result<Arc<Play>, AppError> {
        if let Some(hit) = read(&self.scenarios).get(&(org, version.id)) {
            return Ok(hit.clone());
        }
        let scenario = crate::scenario::parse(&version)?;
        let keep = version.published_at.is_some();
        let entry = Arc::new(Play { version, scenario });
        if keep {
            insert(&self.scenarios, (org, entry.version.id), entry.clone());
        }
        Ok(entry)
    }
}

fn read<K, V>(lock: &RwLock<HashMap<K, V>>) -> std::sync::RwLockReadGuard<'_, HashMap<K, V>> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn insert<K: std::hash::Hash + Eq, V>(lock: &RwLock<HashMap<K, V>>, key: K, value: V) {
    let mut map = lock
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if map.len() >= CAPACITY {
        map.clear();
    }
    map.insert(key, value);
}
