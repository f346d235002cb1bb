//! Scenario versions. Like lessons: the stored file (normalised JSON) is the source of
//! truth, a published version never changes (edits make a new draft version), and at most
//! one version per scenario and locale is published at a time.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::{Key, LessonStatus};
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::scenario_versions;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

#[derive(Debug, Clone)]
pub struct ScenarioVersion {
    pub id: uuid::Uuid,
    pub key: Key,
    pub locale: Locale,
    pub version: i32,
    /// Scenarios share the lesson lifecycle: draft → in review → published → archived.
    pub status: LessonStatus,
    pub title: String,
    /// The scenario file (JSON) as stored.
    pub source: String,
    /// Play time of the longest path, in seconds.
    pub estimate_seconds: i32,
    pub review_comment: Option<String>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// What a save stores.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    pub key: &'a Key,
    pub locale: Locale,
    pub title: &'a str,
    pub source: &'a str,
    pub estimate_seconds: i32,
}

fn filter_org(org: OrganisationId) -> sea_orm::Select<scenario_versions::Entity> {
    scenario_versions::Entity::find()
        .filter(scenario_versions::Column::OrganisationId.eq(org.as_uuid()))
}

/// The newest version of a scenario variant, whatever its status.
pub async fn latest(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
    locale: Locale,
) -> Result<Option<ScenarioVersion>, RepoError> {
    filter_org(org)
        .filter(scenario_versions::Column::ScenarioKey.eq(key.as_str()))
        .filter(scenario_versions::Column::Locale.eq(locale.code()))
        .order_by_desc(scenario_versions::Column::Version)
        .one(ex.conn())
        .await?
        .map(to_domain)
        .transpose()
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
    let title: String = draft.title.chars().take(200).collect();
    let current = latest(ex, org, draft.key, draft.locale).await?;
    if let Some(current) = current.as_ref().filter(|v| v.status == LessonStatus::Draft) {
        scenario_versions::Entity::update_many()
            .col_expr(scenario_versions::Column::Title, Expr::value(title))
            .col_expr(scenario_versions::Column::Source, Expr::value(draft.source))
            .col_expr(
                scenario_versions::Column::EstimateSeconds,
                Expr::value(draft.estimate_seconds),
            )
            .col_expr(scenario_versions::Column::UpdatedAt, Expr::value(now))
            .filter(scenario_versions::Column::Id.eq(current.id))
            .filter(scenario_versions::Column::Status.eq(LessonStatus::Draft.as_str()))
            .exec(ex.conn())
            .await?;
        return get(ex, org, current.id).await;
    }
    let id = uuid::Uuid::now_v7();
    let row = scenario_versions::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        scenario_key: Set(draft.key.as_str().to_owned()),
        locale: Set(draft.locale.code().to_owned()),
        version: Set(current.map_or(1, |v| v.version + 1)),
        status: Set(LessonStatus::Draft.as_str().to_owned()),
        title: Set(title),
        source: Set(draft.source.to_owned()),
        estimate_seconds: Set(draft.estimate_seconds),
        review_comment: Set(None),
        created_by: Set(by.as_uuid()),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(None),
    };
    scenario_versions::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("scenario_versions.version"))?;
    get(ex, org, id).await
}

/// Moves a version to `status` (the caller checked the transition). Publishing archives the
/// version published before it.
pub async fn set_status(
    ex: &impl Executor,
    org: OrganisationId,
    version: &ScenarioVersion,
    status: LessonStatus,
    review_comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    if status == LessonStatus::Published {
        scenario_versions::Entity::update_many()
            .col_expr(
                scenario_versions::Column::Status,
                Expr::value(LessonStatus::Archived.as_str()),
            )
            .filter(scenario_versions::Column::OrganisationId.eq(org.as_uuid()))
            .filter(scenario_versions::Column::ScenarioKey.eq(version.key.as_str()))
            .filter(scenario_versions::Column::Locale.eq(version.locale.code()))
            .filter(scenario_versions::Column::Status.eq(LessonStatus::Published.as_str()))
            .exec(ex.conn())
            .await?;
    }
    let mut update = scenario_versions::Entity::update_many()
        .col_expr(
            scenario_versions::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(
            scenario_versions::Column::ReviewComment,
            Expr::value(review_comment.map(str::to_owned)),
        )
        .col_expr(scenario_versions::Column::UpdatedAt, Expr::value(now));
    if status == LessonStatus::Published {
        update = update.col_expr(scenario_versions::Column::PublishedAt, Expr::value(now));
    }
    let result = update
        .filter(scenario_versions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(scenario_versions::Column::Id.eq(version.id))
        .filter(scenario_versions::Column::Status.eq(version.status.as_str()))
        .exec(ex.conn())
        .await?;
    if result.rows_affected == 0 {
        // Someone moved it first.
        return Err(RepoError::Conflict("scenario_versions.status"));
    }
    Ok(())
}

pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<ScenarioVersion, RepoError> {
    filter_org(org)
        .filter(scenario_versions::Column::Id.eq(id))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_domain)
}

/// The newest version of every scenario variant, by title.
pub async fn list_latest(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<ScenarioVersion>, RepoError> {
    let rows = filter_org(org)
        .order_by_desc(scenario_versions::Column::Version)
        .all(ex.conn())
        .await?;
    let mut seen = std::collections::HashSet::new();
    let mut latest = Vec::new();
    for row in rows {
        if seen.insert((row.scenario_key.clone(), row.locale.clone())) {
            latest.push(to_domain(row)?);
        }
    }
    latest.sort_by(|a, b| a.title.cmp(&b.title).then(a.locale.cmp(&b.locale)));
    Ok(latest)
}

/// Every version of every variant of one scenario (for its analytics), or of all.
pub async fn list_versions(
    ex: &impl Executor,
    org: OrganisationId,
    key: Option<&Key>,
) -> Result<Vec<ScenarioVersion>, RepoError> {
    let mut query = filter_org(org);
    if let Some(key) = key {
        query = query.filter(scenario_versions::Column::ScenarioKey.eq(key.as_str()));
    }
    let rows = query.all(ex.conn()).await?;
    rows.into_iter().map(to_domain).collect()
}

/// The published version of every scenario variant.
pub async fn list_published(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<ScenarioVersion>, RepoError> {
    let rows = filter_org(org)
        .filter(scenario_versions::Column::Status.eq(LessonStatus::Published.as_str()))
        .order_by_asc(scenario_versions::Column::ScenarioKey)
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_domain).collect()
}

fn to_domain(row: scenario_versions::Model) -> Result<ScenarioVersion, RepoError> {
    let what = format!("scenario version {}", row.id);
    Ok(ScenarioVersion {
        id: row.id,
        key: Key::parse(&row.scenario_key).ok_or_else(|| corrupt(&what, "scenario_key"))?,
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
