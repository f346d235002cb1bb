//! The organisation's authority limits: decision types with the amount each role (and each
//! certification) may grant — or, for a permission, which roles may make it — and the
//! currency amounts are counted in.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::authority::{Decision, Grant};
use cinco_domain::lesson::Key;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use serde_json::{Map, Value};

use crate::entities::{authority_decisions, organisations};
use crate::executor::Executor;
use crate::localized::{from_json, to_json};
use crate::{RepoError, corrupt};

fn limits_to_json<K: ToString>(limits: &[(K, i64)]) -> String {
    let map: Map<String, Value> = limits
        .iter()
        .map(|(k, v)| (k.to_string(), Value::from(*v)))
        .collect();
    Value::Object(map).to_string()
}

fn limits_from_json(json: &str) -> Option<Vec<(String, i64)>> {
    let value: Value = serde_json::from_str(json).ok()?;
    value
        .as_object()?
        .iter()
        .map(|(k, v)| Some((k.clone(), v.as_i64()?)))
        .collect()
}

/// The decision types, in the order the admin set.
pub async fn list(ex: &impl Executor, org: OrganisationId) -> Result<Vec<Decision>, RepoError> {
    let rows = authority_decisions::Entity::find()
        .filter(authority_decisions::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_asc(authority_decisions::Column::Position)
        .order_by_asc(authority_decisions::Column::Key)
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_domain).collect()
}

/// Creates or replaces a decision type; returns whether it was created.
pub async fn upsert(
    ex: &impl Executor,
    org: OrganisationId,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let existing = authority_decisions::Entity::find()
        .filter(authority_decisions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(authority_decisions::Column::Key.eq(decision.key.as_str()))
        .one(ex.conn())
        .await?;
    let role_limits: Vec<(&str, i64)> = decision
        .role_limits
        .iter()
        .map(|(r, c)| (r.as_str(), *c))
        .collect();
    match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.names = Set(to_json(&decision.name));
            row.descriptions = Set(to_json(&decision.description));
            row.role_limits = Set(limits_to_json(&role_limits));
            row.certification_limits = Set(limits_to_json(&decision.certification_limits));
            row.grant_kind = Set(decision.grant.as_str().to_owned());
            row.updated_at = Set(now);
            row.update(ex.conn()).await?;
            Ok(false)
        }
        None => {
            let position = i32::try_from(list(ex, org).await?.len()).unwrap_or(i32::MAX);
            let row = authority_decisions::ActiveModel {
                id: Set(uuid::Uuid::now_v7()),
                organisation_id: Set(org.as_uuid()),
                key: Set(decision.key.as_str().to_owned()),
                names: Set(to_json(&decision.name)),
                descriptions: Set(to_json(&decision.description)),
                role_limits: Set(limits_to_json(&role_limits)),
                certification_limits: Set(limits_to_json(&decision.certification_limits)),
                grant_kind: Set(decision.grant.as_str().to_owned()),
                position: Set(position),
                created_at: Set(now),
                updated_at: Set(now),
            };
            authority_decisions::Entity::insert(row)
                .exec_without_returning(ex.conn())
                .await
                .map_err(RepoError::on_unique("authority_decisions.key"))?;
            Ok(true)
        }
    }
}

pub async fn delete(ex: &impl Executor, org: OrganisationId, key: &Key) -> Result<(), RepoError> {
    let result = authority_decisions::Entity::delete_many()
        .filter(authority_decisions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(authority_decisions::Column::Key.eq(key.as_str()))
        .exec(ex.conn())
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}

/// The ISO 4217 code amounts are counted in.
pub async fn currency(ex: &impl Executor, org: OrganisationId) -> Result<String, RepoError> {
    let row = organisations::Entity::find_by_id(org.as_uuid())
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    Ok(row.currency)
}

pub async fn set_currency(
    ex: &impl Executor,
    org: OrganisationId,
    currency: &str,
) -> Result<(), RepoError> {
    let mut row = organisations::Entity::find_by_id(org.as_uuid())
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?
        .into_active_model();
    row.currency = Set(currency.to_owned());
    row.update(ex.conn()).await?;
    Ok(())
}

fn to_domain(row: authority_decisions::Model) -> Result<Decision, RepoError> {
    let what = format!("authority decision {}", row.id);
    let role_limits = limits_from_json(&row.role_limits)
        .ok_or_else(|| corrupt(&what, "role_limits"))?
        .into_iter()
        .map(|(role, cents)| Ok((role.parse().map_err(|_| corrupt(&what, "role"))?, cents)))
        .collect::<Result<_, RepoError>>()?;
    Ok(Decision {
        key: Key::parse(&row.key).ok_or_else(|| corrupt(&what, "key"))?,
        name: from_json(&row.names).ok_or_else(|| corrupt(&what, "names"))?,
        description: from_json(&row.descriptions).unwrap_or_default(),
        grant: Grant::parse(&row.grant_kind).ok_or_else(|| corrupt(&what, "grant_kind"))?,
        role_limits,
        certification_limits: limits_from_json(&row.certification_limits)
            .ok_or_else(|| corrupt(&what, "certification_limits"))?,
    })
}
