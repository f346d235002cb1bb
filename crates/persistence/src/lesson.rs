//! Lesson versions. The stored lesson file is the source of truth; a published version is
//! never changed again (edits make a new draft version), and at most one version per lesson
//! and locale is published at a time.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::{Key, LessonContent, LessonStatus};
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::lesson_versions;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

#[derive(Debug, Clone)]
pub struct LessonVersion {
    pub id: uuid::Uuid,
    pub key: Key,
    pub locale: Locale,
    pub version: i32,
    pub status: LessonStatus,
    pub title: String,
    /// The lesson file as written.
    pub source: String,
    pub estimate_seconds: i32,
    pub review_comment: Option<String>,
    /// Who wrote this version (a reviewer must be someone else).
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// The newest version of a lesson variant, whatever its status.
pub async fn latest(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
    locale: Locale,
) -> Result<Option<LessonVersion>, RepoError> {
    lesson_versions::Entity::find()
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(lesson_versions::Column::LessonKey.eq(key.as_str()))
        .filter(lesson_versions::Column::Locale.eq(locale.code()))
        .order_by_desc(lesson_versions::Column::Version)
        .one(ex.conn())
        .await?
        .map(to_domain)
        .transpose()
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
    let version = latest(ex, org, &content.key, content.locale)
        .await?
        .map_or(1, |v| v.version + 1);
    let id = uuid::Uuid::now_v7();
    let row = lesson_versions::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        lesson_key: Set(content.key.as_str().to_owned()),
        locale: Set(content.locale.code().to_owned()),
        version: Set(version),
        status: Set(LessonStatus::Draft.as_str().to_owned()),
        title: Set(content.title.chars().take(200).collect()),
        source: Set(source.to_owned()),
        estimate_seconds: Set(estimate_seconds),
        review_comment: Set(None),
        created_by: Set(by.as_uuid()),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(None),
    };
    lesson_versions::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("lesson_versions.version"))?;
    get(ex, org, id).await
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
    let updated = lesson_versions::Entity::update_many()
        .col_expr(
            lesson_versions::Column::Title,
            Expr::value(content.title.chars().take(200).collect::<String>()),
        )
        .col_expr(lesson_versions::Column::Source, Expr::value(source))
        .col_expr(
            lesson_versions::Column::EstimateSeconds,
            Expr::value(estimate_seconds),
        )
        .col_expr(lesson_versions::Column::UpdatedAt, Expr::value(now))
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(lesson_versions::Column::Id.eq(id))
        .filter(lesson_versions::Column::Status.eq(LessonStatus::Draft.as_str()))
        .exec(ex.conn())
        .await?;
    if updated.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    get(ex, org, id).await
}

/// Moves a version to `status` (the caller checked the transition), with the reviewer's
/// comment if any. Publishing archives the version published before it.
pub async fn set_status(
    ex: &impl Executor,
    org: OrganisationId,
    version: &LessonVersion,
    status: LessonStatus,
    review_comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    if status == LessonStatus::Published {
        lesson_versions::Entity::update_many()
            .col_expr(
                lesson_versions::Column::Status,
                Expr::value(LessonStatus::Archived.as_str()),
            )
            .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
            .filter(lesson_versions::Column::LessonKey.eq(version.key.as_str()))
            .filter(lesson_versions::Column::Locale.eq(version.locale.code()))
            .filter(lesson_versions::Column::Status.eq(LessonStatus::Published.as_str()))
            .exec(ex.conn())
            .await?;
    }
    let mut update = lesson_versions::Entity::update_many()
        .col_expr(
            lesson_versions::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(
            lesson_versions::Column::ReviewComment,
            Expr::value(review_comment.map(str::to_owned)),
        )
        .col_expr(lesson_versions::Column::UpdatedAt, Expr::value(now));
    if status == LessonStatus::Published {
        update = update.col_expr(lesson_versions::Column::PublishedAt, Expr::value(now));
    }
    update
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(lesson_versions::Column::Id.eq(version.id))
        .filter(lesson_versions::Column::Status.eq(version.status.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<LessonVersion, RepoError> {
    lesson_versions::Entity::find_by_id(id)
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_domain)
}

/// The newest version of every lesson variant, by title.
pub async fn list_latest(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<LessonVersion>, RepoError> {
    let rows = lesson_versions::Entity::find()
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_desc(lesson_versions::Column::Version)
        .all(ex.conn())
        .await?;
    let mut seen = std::collections::HashSet::new();
    let mut latest: Vec<LessonVersion> = Vec::new();
    for row in rows {
        if seen.insert((row.lesson_key.clone(), row.locale.clone())) {
            latest.push(to_domain(row)?);
        }
    }
    latest.sort_by(|a, b| a.title.cmp(&b.title).then(a.locale.cmp(&b.locale)));
    Ok(latest)
}

/// Every version of every lesson variant, whatever its status.
pub async fn list_all(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<LessonVersion>, RepoError> {
    let rows = lesson_versions::Entity::find()
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_domain).collect()
}

/// The published version of every lesson variant.
pub async fn list_published(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<LessonVersion>, RepoError> {
    let rows = lesson_versions::Entity::find()
        .filter(lesson_versions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(lesson_versions::Column::Status.eq(LessonStatus::Published.as_str()))
        .order_by_asc(lesson_versions::Column::LessonKey)
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_domain).collect()
}

fn to_domain(row: lesson_versions::Model) -> Result<LessonVersion, RepoError> {
    let what = format!("lesson version {}", row.id);
    Ok(LessonVersion {
        id: row.id,
        key: Key::parse(&row.lesson_key).ok_or_else(|| corrupt(&what, "lesson_key"))?,
        locale: row.locale.parse().map_err(|_| corrupt(&what, "locale"))?,
        version: row.version,
        status: LessonStatus::parse(&row.status).ok_or_else(|| corrupt(&what, "status"))?,
        title: row.title,
        source: row.source,
        estimate_seconds: row.estimate_seconds,
        review_comment: row.review_comment,
        created_by: UserId::from_uuid(row.created_by),
        created_at: row.created_at,
        updated_at: row.updated_at,
        published_at: row.published_at,
    })
}
