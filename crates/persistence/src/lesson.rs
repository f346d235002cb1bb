//! Lesson versions: the `lesson_versions` table of [`versioned`](crate::versioned) content.
//! The stored lesson file (Markdown) is the source of truth.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::{Key, LessonContent, LessonStatus};
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::ActiveValue::Set;

use crate::RepoError;
use crate::entities::lesson_versions::{self, Column};
use crate::executor::Executor;
use crate::versioned::{self, Draft, Field, Row, Table, Version};

/// The lesson table.
#[derive(Debug, Clone, Copy)]
pub struct Lessons;

impl Table for Lessons {
    type Entity = lesson_versions::Entity;
    const WHAT: &'static str = "lesson version";
    const UNIQUE_VERSION: &'static str = "lesson_versions.version";

    fn column(field: Field) -> Column {
        match field {
            Field::Id => Column::Id,
            Field::Organisation => Column::OrganisationId,
            Field::Key => Column::LessonKey,
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

    fn read(m: lesson_versions::Model) -> Row {
        Row {
            id: m.id,
            organisation_id: m.organisation_id,
            key: m.lesson_key,
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

    fn write(r: Row) -> lesson_versions::ActiveModel {
        lesson_versions::ActiveModel {
            id: Set(r.id),
            organisation_id: Set(r.organisation_id),
            lesson_key: Set(r.key),
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

/// A version of a lesson variant.
pub type LessonVersion = Version<Lessons>;

/// Moves a version to `status` (the caller checked the transition), with the reviewer's
/// comment if any. Publishing archives the version of the variant published before it.
pub async fn set_status(
    ex: &impl Executor,
    org: OrganisationId,
    version: &LessonVersion,
    status: LessonStatus,
    review_comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    versioned::set_status(ex, org, version, status, review_comment, now).await
}

fn draft<'a>(content: &'a LessonContent, source: &'a str, estimate_seconds: i32) -> Draft<'a> {
    Draft {
        key: &content.key,
        locale: content.locale,
        title: &content.title,
        source,
        estimate_seconds,
    }
}

/// The newest version of a lesson variant, whatever its status.
pub async fn latest(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
    locale: Locale,
) -> Result<Option<LessonVersion>, RepoError> {
    versioned::latest(ex, org, key, locale).await
}

/// Stores `content` as the next draft version of its lesson variant.
pub async fn insert_draft(
    ex: &impl Executor,
    org: OrganisationId,
    content: &LessonContent,
    source: &str,
    estimate_seconds: i32,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<LessonVersion, RepoError> {
    versioned::insert_draft(ex, org, draft(content, source, estimate_seconds), by, now).await
}

/// Replaces the content of a draft. Anything but a draft is left alone (`NotFound`).
pub async fn replace_draft(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    content: &LessonContent,
    source: &str,
    estimate_seconds: i32,
    now: DateTime<Utc>,
) -> Result<LessonVersion, RepoError> {
    versioned::replace_draft(ex, org, id, draft(content, source, estimate_seconds), now).await
}

pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<LessonVersion, RepoError> {
    versioned::get(ex, org, id).await
}

/// The newest version of every lesson variant, by title.
pub async fn list_latest(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<LessonVersion>, RepoError> {
    versioned::list_latest(ex, org).await
}

/// [`list_latest`], and when each variant began (its first version).
pub async fn list_latest_with_origins(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<(Vec<LessonVersion>, versioned::Origins), RepoError> {
    versioned::list_latest_with_origins(ex, org).await
}

/// Every version of every lesson variant, whatever its status.
pub async fn list_all(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<LessonVersion>, RepoError> {
    versioned::list_versions(ex, org, None).await
}

/// The published version of every lesson variant.
pub async fn list_published(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<LessonVersion>, RepoError> {
    versioned::list_published(ex, org).await
}
