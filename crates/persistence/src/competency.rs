//! The competency framework of an organisation, addressed by key.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::competency::{Competency, Kind, Level};
use cinco_domain::lesson::Key;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use serde_json::{Value, json};

use crate::entities::competencies;
use crate::executor::Executor;
use crate::localized::{from_json, to_json};
use crate::{RepoError, corrupt};

fn levels_to_json(levels: &[Level]) -> String {
    let levels: Vec<Value> = levels
        .iter()
        .map(|l| {
            let indicators: Vec<Value> = l
                .indicators
                .iter()
                .map(|i| serde_json::from_str(&to_json(i)).unwrap_or(Value::Null))
                .collect();
            json!({"level": l.level, "indicators": indicators})
        })
        .collect();
    Value::Array(levels).to_string()
}

fn levels_from_json(json: &str) -> Option<Vec<Level>> {
    let value: Value = serde_json::from_str(json).ok()?;
    value
        .as_array()?
        .iter()
        .map(|l| {
            Some(Level {
                level: u8::try_from(l["level"].as_u64()?).ok()?,
                indicators: l["indicators"]
                    .as_array()?
                    .iter()
                    .map(|i| from_json(&i.to_string()))
                    .collect::<Option<Vec<_>>>()?,
            })
        })
        .collect()
}

/// Stores a new competency. A key already used in the organisation is
/// `Conflict("competencies.key")`.
pub async fn insert(
    ex: &impl Executor,
    c: &Competency,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = competencies::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(c.organisation_id.as_uuid()),
        key: Set(c.key.as_str().to_owned()),
        kind: Set(c.kind.as_str().to_owned()),
        category: Set(c.category.as_ref().map(|k| k.as_str().to_owned())),
        names: Set(to_json(&c.name)),
        descriptions: Set(to_json(&c.description)),
        levels: Set(levels_to_json(&c.levels)),
        archived: Set(c.archived),
        created_at: Set(now),
        updated_at: Set(now),
    };
    competencies::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("competencies.key"))?;
    Ok(())
}

/// Replaces everything but the key and whether it is archived (that is [`set_archived`]'s,
/// so an edit and an archive at the same time cannot undo each other).
pub async fn update(
    ex: &impl Executor,
    c: &Competency,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let mut row = find_row(ex, c.organisation_id, &c.key)
        .await?
        .into_active_model();
    row.kind = Set(c.kind.as_str().to_owned());
    row.category = Set(c.category.as_ref().map(|k| k.as_str().to_owned()));
    row.names = Set(to_json(&c.name));
    row.descriptions = Set(to_json(&c.description));
    row.levels = Set(levels_to_json(&c.levels));
    row.updated_at = Set(now);
    row.update(ex.conn()).await?;
    Ok(())
}

/// Archives or restores a competency.
pub async fn set_archived(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let mut row = find_row(ex, org, key).await?.into_active_model();
    row.archived = Set(archived);
    row.updated_at = Set(now);
    row.update(ex.conn()).await?;
    Ok(())
}

pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
) -> Result<Competency, RepoError> {
    find_row(ex, org, key).await.and_then(to_domain)
}

/// The framework, by category then key.
pub async fn list(
    ex: &impl Executor,
    org: OrganisationId,
    include_archived: bool,
) -> Result<Vec<Competency>, RepoError> {
    let mut query =
        competencies::Entity::find().filter(competencies::Column::OrganisationId.eq(org.as_uuid()));
    if !include_archived {
        query = query.filter(competencies::Column::Archived.eq(false));
    }
    let rows = query
        .order_by_asc(competencies::Column::Category)
        .order_by_asc(competencies::Column::Key)
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_domain).collect()
}

async fn find_row(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
) -> Result<competencies::Model, RepoError> {
    competencies::Entity::find()
        .filter(competencies::Column::OrganisationId.eq(org.as_uuid()))
        .filter(competencies::Column::Key.eq(key.as_str()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
}

fn to_domain(row: competencies::Model) -> Result<Competency, RepoError> {
    let what = format!("competency {}", row.id);
    Ok(Competency {
        organisation_id: OrganisationId::from_uuid(row.organisation_id),
        key: Key::parse(&row.key).ok_or_else(|| corrupt(&what, "key"))?,
        kind: Kind::parse(&row.kind).ok_or_else(|| corrupt(&what, "kind"))?,
        category: row
            .category
            .as_deref()
            .map(|c| Key::parse(c).ok_or_else(|| corrupt(&what, "category")))
            .transpose()?,
        name: from_json(&row.names).ok_or_else(|| corrupt(&what, "names"))?,
        description: from_json(&row.descriptions).unwrap_or_default(),
        levels: levels_from_json(&row.levels).ok_or_else(|| corrupt(&what, "levels"))?,
        archived: row.archived,
    })
}

/// Whether any evidence was recorded for the competency: then it can only be archived.
pub async fn has_evidence(
    ex: &impl Executor,
    org: OrganisationId,
    key: &Key,
) -> Result<bool, RepoError> {
    use sea_orm::PaginatorTrait;
    let count = crate::entities::evidence::Entity::find()
        .filter(crate::entities::evidence::Column::OrganisationId.eq(org.as_uuid()))
        .filter(crate::entities::evidence::Column::CompetencyKey.eq(key.as_str()))
        .count(ex.conn())
        .await?;
    Ok(count > 0)
}

/// Removes a competency nothing refers to (the caller checked).
pub async fn delete(ex: &impl Executor, org: OrganisationId, key: &Key) -> Result<(), RepoError> {
    let result = competencies::Entity::delete_many()
        .filter(competencies::Column::OrganisationId.eq(org.as_uuid()))
        .filter(competencies::Column::Key.eq(key.as_str()))
        .exec(ex.conn())
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}
