//! Scenario versions: the `scenario_versions` table of [`versioned`](crate::versioned)
//! content. The stored scenario file (normalised JSON) is the source of truth.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::{Key, LessonStatus};
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::ActiveValue::Set;

use crate::RepoError;
use crate::entities::scenario_versions::{self, Column};
use crate::executor::Executor;
use crate::versioned::{self, Field, Row, Table, Version};

pub use crate::versioned::Draft;

/// The scenario table.
#[derive(Debug, Clone, Copy)]
pub struct Scenarios;

impl Table for Scenarios {
    type Entity = scenario_versions::Entity;
    const WHAT: &'static str = "scenario version";
    const UNIQUE_VERSION: &'static str = "scenario_versions.version";

    fn column(field: Field) -> Column {
        match field {
            Field::Id => Column::Id,
            Field::Organisation => Column::OrganisationId,
            Field::Key => Column::ScenarioKey,
            Field::Locale => Column::Locale,
            Field::Version => Column::Version,
            Field::Status => Column::Status,
            Field::Title => Column::Title,
            Field::Source => Column::Source,
            Field::EstimateSeconds => Column::EstimateSeconds,
            Field::ReviewComment => Column::ReviewComment,
            Field::UpdatedAt => Column::UpdatedAt,
            Field::PublishedAt => Column::PublishedAt,
        }
    }

    fn read(m: scenario_versions::Model) -> Row {
        Row {
            id: m.id,
            organisation_id: m.organisation_id,
            key: m.scenario_key,
            locale: m.locale,
            version: m.version,
            status: m.status,
            title: m.title,
            source: m.source,
            estimate_seconds: m.estimate_seconds,
            review_comment: m.review_comment,
            created_by: m.created_by,
            created_at: m.created_at,
            updated_at: m.updated_at,
            published_at: m.published_at,
        }
    }

    fn write(r: Row) -> scenario_versions::ActiveModel {
        scenario_versions::ActiveModel {
            id: Set(r.id),
            organisation_id: Set(r.organisation_id),
            scenario_key: Set(r.key),
            locale: Set(r.locale),
            version: Set(r.version),
            status: Set(r.status),
            title: Set(r.title),
            source: Set(r.source),
            estimate_seconds: Set(r.estimate_seconds),
            review_comment: Set(r.review_comment),
            created_by: Set(r.created_by),
            created_at: Set(r.created_at),
            updated_at: Set(r.updated_at),
            published_at: Set(r.published_at),
        }
    }
}

/// A version of a scenario variant.
pub type ScenarioVersion = Version<Scenarios>;

/// Moves a version to `status` (the caller checked the transition), with the reviewer's
/// comment if any. Publishing archives the version of the variant published before it.
pub async fn set_status(
    ex: &impl Executor,
    org: OrganisationId,
    version: &ScenarioVersion,
    status: LessonStatus,
    review_comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    versioned::set_status(ex, org, version, status, review_comment, now).await
}

/// The newest version of a scenario variant, whatever its status.
pub async fn latest(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
    locale: Locale,
) -> Result<Option<ScenarioVersion>, RepoError> {
    versioned::latest(ex, org, key, locale).await
}

/// Saves `draft`: it replaces the current draft of its variant, or becomes the next version
/// after a version that is in review, published or archived (which stays as it was).
pub async fn save_draft(
    ex: &impl Executor,
    org: OrganisationId,
    draft: Draft<'_>,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<ScenarioVersion, RepoError> {
    match latest(ex, org, draft.key, draft.locale).await? {
        Some(current) if current.status == LessonStatus::Draft => {
            versioned::replace_draft(ex, org, current.id, draft, now).await
        }
        _ => versioned::insert_draft(ex, org, draft, by, now).await,
    }
}

pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<ScenarioVersion, RepoError> {
    versioned::get(ex, org, id).await
}

/// The newest version of every scenario variant, by title.
pub async fn list_latest(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<ScenarioVersion>, RepoError> {
    versioned::list_latest(ex, org).await
}

/// [`list_latest`], and when each variant began (its first version).
pub async fn list_latest_with_origins(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<(Vec<ScenarioVersion>, versioned::Origins), RepoError> {
    versioned::list_latest_with_origins(ex, org).await
}

/// Every version of every variant of one scenario (for its analytics), or of all.
pub async fn list_versions(
    ex: &impl Executor,
    org: OrganisationId,
    key: Option<&Key>,
) -> Result<Vec<ScenarioVersion>, RepoError> {
    versioned::list_versions(ex, org, key).await
}

/// The published version of every scenario variant.
pub async fn list_published(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<ScenarioVersion>, RepoError> {
    versioned::list_published(ex, org).await
}
