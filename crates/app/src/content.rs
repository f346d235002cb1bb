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

/// Reads a stored scenario version's source into its graph. The stored file format belongs
/// to whoever writes it, so the cache is given the reader instead of knowing the format.
pub type ScenarioReader = fn(&ScenarioVersion) -> Result<Scenario, String>;

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

#[derive(Debug)]
pub struct ContentCache {
    lessons: RwLock<HashMap<(OrganisationId, uuid::Uuid), Arc<Lesson>>>,
    scenarios: RwLock<HashMap<(OrganisationId, uuid::Uuid), Arc<Play>>>,
    read_scenario: ScenarioReader,
}

impl ContentCache {
    /// An empty cache that reads scenario sources with `read_scenario`.
    pub fn new(read_scenario: ScenarioReader) -> Self {
        Self {
            lessons: RwLock::default(),
            scenarios: RwLock::default(),
            read_scenario,
        }
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
        let scenario = (self.read_scenario)(&version).map_err(|e| {
            AppError::internal(anyhow::anyhow!("stored scenario {}: {e}", version.id))
        })?;
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
