//! Versioned, publishable content: lessons and scenarios alike. Each variant (a key in one
//! language) has numbered versions; the stored file is the source of truth, a published
//! version never changes again (edits make a new draft version), and at most one version per
//! variant is published at a time. Lifecycle: draft → in review → published → archived.
//!
//! One mechanism, two tables: [`Table`] says which table and which of its columns holds the
//! key; every query below works on either.

use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use cinco_domain::lesson::{Key, LessonStatus};
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// The columns every version table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Organisation,
    /// The content's key (`lesson_key`, `scenario_key`).
    Key,
    Locale,
    Version,
    Status,
    Title,
    Source,
    EstimateSeconds,
    ReviewComment,
    UpdatedAt,
    PublishedAt,
}

/// A stored version's columns, whatever the table.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub id: uuid::Uuid,
    pub organisation_id: uuid::Uuid,
    pub key: String,
    pub locale: String,
    pub version: i32,
    pub status: String,
    pub title: String,
    pub source: String,
    pub estimate_seconds: i32,
    pub review_comment: Option<String>,
    pub created_by: uuid::Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// A table of versions of one kind of content.
pub(crate) trait Table: Send + Sync + 'static {
    type Entity: EntityTrait;
    /// How a version is named in errors, e.g. `lesson version`.
    const WHAT: &'static str;
    /// The unique index on (organisation, key, locale, version), as `table.version`.
    const UNIQUE_VERSION: &'static str;

    fn column(field: Field) -> <Self::Entity as EntityTrait>::Column;
    fn read(model: <Self::Entity as EntityTrait>::Model) -> Row;
    fn write(row: Row) -> <Self::Entity as EntityTrait>::ActiveModel;
}

/// One version of a lesson or scenario variant (`T` says which).
#[derive(Debug, Clone)]
pub struct Version<T> {
    pub id: uuid::Uuid,
    pub key: Key,
    pub locale: Locale,
    pub version: i32,
    pub status: LessonStatus,
    pub title: String,
    /// The file as stored.
    pub source: String,
    /// Reading or play time, in seconds.
    pub estimate_seconds: i32,
    pub review_comment: Option<String>,
    /// Who wrote this version (a reviewer must be someone else).
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    table: PhantomData<fn() -> T>,
}

/// What a new draft or a replaced one stores.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    pub key: &'a Key,
    pub locale: Locale,
    pub title: &'a str,
    pub source: &'a str,
    pub estimate_seconds: i32,
}

fn col<T: Table>(field: Field) -> <T::Entity as EntityTrait>::Column {
    T::column(field)
}

fn of_org<T: Table>(org: OrganisationId) -> sea_orm::Select<T::Entity> {
    T::Entity::find().filter(col::<T>(Field::Organisation).eq(org.as_uuid()))
}

fn to_domain<T: Table>(row: Row) -> Result<Version<T>, RepoError> {
    let what = format!("{} {}", T::WHAT, row.id);
    Ok(Version {
        id: row.id,
        key: Key::parse(&row.key).ok_or_else(|| corrupt(&what, "key"))?,
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
        table: PhantomData,
    })
}

fn read_all<T: Table>(
    models: Vec<<T::Entity as EntityTrait>::Model>,
) -> Result<Vec<Version<T>>, RepoError> {
    models.into_iter().map(|m| to_domain(T::read(m))).collect()
}

/// A title as stored: at most 200 characters.
fn stored_title(title: &str) -> String {
    title.chars().take(200).collect()
}

pub(crate) async fn get<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Version<T>, RepoError> {
    let model = of_org::<T>(org)
        .filter(col::<T>(Field::Id).eq(id))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    to_domain(T::read(model))
}

/// The newest version of a variant, whatever its status.
pub(crate) async fn latest<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
    locale: Locale,
) -> Result<Option<Version<T>>, RepoError> {
    of_org::<T>(org)
        .filter(col::<T>(Field::Key).eq(key.as_str()))
        .filter(col::<T>(Field::Locale).eq(locale.code()))
        .order_by_desc(col::<T>(Field::Version))
        .one(ex.conn())
        .await?
        .map(|m| to_domain(T::read(m)))
        .transpose()
}

/// Stores `draft` as the next version of its variant, a draft by `by`.
pub(crate) async fn insert_draft<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
    draft: Draft<'_>,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<Version<T>, RepoError> {
    let version = latest::<T>(ex, org, draft.key, draft.locale)
        .await?
        .map_or(1, |v| v.version + 1);
    let id = uuid::Uuid::now_v7();
    let row = Row {
        id,
        organisation_id: org.as_uuid(),
        key: draft.key.as_str().to_owned(),
        locale: draft.locale.code().to_owned(),
        version,
        status: LessonStatus::Draft.as_str().to_owned(),
        title: stored_title(draft.title),
        source: draft.source.to_owned(),
        estimate_seconds: draft.estimate_seconds,
        review_comment: None,
        created_by: by.as_uuid(),
        created_at: now,
        updated_at: now,
        published_at: None,
    };
    T::Entity::insert(T::write(row))
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique(T::UNIQUE_VERSION))?;
    get(ex, org, id).await
}

/// Replaces the content of draft `id`. Anything but a draft is left alone (`NotFound`).
pub(crate) async fn replace_draft<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    draft: Draft<'_>,
    now: DateTime<Utc>,
) -> Result<Version<T>, RepoError> {
    let updated = T::Entity::update_many()
        .col_expr(
            col::<T>(Field::Title),
            Expr::value(stored_title(draft.title)),
        )
        .col_expr(col::<T>(Field::Source), Expr::value(draft.source))
        .col_expr(
            col::<T>(Field::EstimateSeconds),
            Expr::value(draft.estimate_seconds),
        )
        .col_expr(col::<T>(Field::UpdatedAt), Expr::value(now))
        .filter(col::<T>(Field::Organisation).eq(org.as_uuid()))
        .filter(col::<T>(Field::Id).eq(id))
        .filter(col::<T>(Field::Status).eq(LessonStatus::Draft.as_str()))
        .exec(ex.conn())
        .await?;
    if updated.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    get(ex, org, id).await
}

/// Moves a version to `status` (the caller checked the transition), with the reviewer's
/// comment if any. Publishing archives the version of the variant published before it.
pub(crate) async fn set_status<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
    version: &Version<T>,
    status: LessonStatus,
    review_comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    if status == LessonStatus::Published {
        T::Entity::update_many()
            .col_expr(
                col::<T>(Field::Status),
                Expr::value(LessonStatus::Archived.as_str()),
            )
            .filter(col::<T>(Field::Organisation).eq(org.as_uuid()))
            .filter(col::<T>(Field::Key).eq(version.key.as_str()))
            .filter(col::<T>(Field::Locale).eq(version.locale.code()))
            .filter(col::<T>(Field::Status).eq(LessonStatus::Published.as_str()))
            .exec(ex.conn())
            .await?;
    }
    let mut update = T::Entity::update_many()
        .col_expr(col::<T>(Field::Status), Expr::value(status.as_str()))
        .col_expr(
            col::<T>(Field::ReviewComment),
            Expr::value(review_comment.map(str::to_owned)),
        )
        .col_expr(col::<T>(Field::UpdatedAt), Expr::value(now));
    if status == LessonStatus::Published {
        update = update.col_expr(col::<T>(Field::PublishedAt), Expr::value(now));
    }
    update
        .filter(col::<T>(Field::Organisation).eq(org.as_uuid()))
        .filter(col::<T>(Field::Id).eq(version.id))
        .filter(col::<T>(Field::Status).eq(version.status.as_str()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// The newest version of every variant, by title.
pub(crate) async fn list_latest<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<Version<T>>, RepoError> {
    Ok(list_latest_with_origins(ex, org).await?.0)
}

/// When each variant began: its first version's creation (a translation began after its
/// source).
pub type Origins = std::collections::BTreeMap<(Key, Locale), DateTime<Utc>>;

/// [`list_latest`], and when each variant began.
pub(crate) async fn list_latest_with_origins<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<(Vec<Version<T>>, Origins), RepoError> {
    let rows = of_org::<T>(org)
        .order_by_desc(col::<T>(Field::Version))
        .all(ex.conn())
        .await?;
    let mut seen = std::collections::HashSet::new();
    let mut latest: Vec<Version<T>> = Vec::new();
    let mut first: std::collections::HashMap<(String, String), DateTime<Utc>> =
        std::collections::HashMap::new();
    for row in rows.into_iter().map(T::read) {
        let variant = (row.key.clone(), row.locale.clone());
        first
            .entry(variant.clone())
            .and_modify(|at| *at = (*at).min(row.created_at))
            .or_insert(row.created_at);
        if seen.insert(variant) {
            latest.push(to_domain(row)?);
        }
    }
    latest.sort_by(|a, b| a.title.cmp(&b.title).then(a.locale.cmp(&b.locale)));
    let origins = latest
        .iter()
        .filter_map(|v| {
            first
                .get(&(v.key.as_str().to_owned(), v.locale.code().to_owned()))
                .map(|at| ((v.key.clone(), v.locale), *at))
        })
        .collect();
    Ok((latest, origins))
}

/// Every version of every variant of `key`, or of all, whatever its status.
pub(crate) async fn list_versions<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
    key: Option<&Key>,
) -> Result<Vec<Version<T>>, RepoError> {
    let mut query = of_org::<T>(org);
    if let Some(key) = key {
        query = query.filter(col::<T>(Field::Key).eq(key.as_str()));
    }
    read_all(query.all(ex.conn()).await?)
}

/// The published version of every variant, by key.
pub(crate) async fn list_published<T: Table>(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<Version<T>>, RepoError> {
    let rows = of_org::<T>(org)
        .filter(col::<T>(Field::Status).eq(LessonStatus::Published.as_str()))
        .order_by_asc(col::<T>(Field::Key))
        .all(ex.conn())
        .await?;
    read_all(rows)
}
