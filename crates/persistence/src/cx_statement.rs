//! The organisation's customer-experience statement: every change is a new version.

use chrono::{DateTime, Utc};
use cinco_domain::competency::LocalizedText;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::cx_statements;
use crate::executor::Executor;
use crate::localized::{from_json, to_json};
use crate::{RepoError, corrupt};

#[derive(Debug, Clone)]
pub struct CxStatement {
    pub version: i32,
    pub text: LocalizedText,
    pub created_at: DateTime<Utc>,
}

/// Every version, newest first.
pub async fn history(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<CxStatement>, RepoError> {
    let rows = cx_statements::Entity::find()
        .filter(cx_statements::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_desc(cx_statements::Column::Version)
        .all(ex.conn())
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CxStatement {
                version: r.version,
                text: from_json(&r.texts)
                    .ok_or_else(|| corrupt(&format!("cx statement {}", r.id), "texts"))?,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// Stores `text` as the next version. Two writers racing for the same number: the loser
/// gets `Conflict("cx_statements.version")`.
pub async fn publish(
    ex: &impl Executor,
    org: OrganisationId,
    text: &LocalizedText,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<CxStatement, RepoError> {
    let version = history(ex, org).await?.first().map_or(1, |s| s.version + 1);
    let row = cx_statements::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(org.as_uuid()),
        version: Set(version),
        texts: Set(to_json(text)),
        created_by: Set(by.as_uuid()),
        created_at: Set(now),
    };
    cx_statements::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("cx_statements.version"))?;
    Ok(CxStatement {
        version,
        text: text.clone(),
        created_at: now,
    })
}
