//! What was uploaded (images for lessons): type, size, checksum and owner. The bytes
//! themselves live in a blob store the API layer chooses; this is the catalogue.

use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::RepoError;
use crate::entities::media;
use crate::executor::Executor;

#[derive(Debug, Clone)]
pub struct Media {
    pub id: uuid::Uuid,
    pub organisation_id: OrganisationId,
    pub content_type: String,
    pub bytes: i64,
    /// Hex SHA-256 of the bytes: the ETag, and the blob's name in the store.
    pub sha256: String,
    pub file_name: String,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

/// Records an upload whose bytes are already in the blob store.
pub async fn insert(ex: &impl Executor, m: &Media) -> Result<(), RepoError> {
    let row = media::ActiveModel {
        id: Set(m.id),
        organisation_id: Set(m.organisation_id.as_uuid()),
        content_type: Set(m.content_type.clone()),
        bytes: Set(m.bytes),
        sha256: Set(m.sha256.clone()),
        file_name: Set(m.file_name.clone()),
        created_by: Set(m.created_by.as_uuid()),
        created_at: Set(m.created_at),
    };
    media::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await?;
    Ok(())
}

/// An upload of the organisation.
pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Media, RepoError> {
    media::Entity::find_by_id(id)
        .filter(media::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .map(to_domain)
        .ok_or(RepoError::NotFound)
}

/// An upload by its unguessable id alone, for serving it to `<img>` tags, which cannot
/// carry a token: the random id is the capability, like a signed storage URL.
pub async fn get_by_capability(ex: &impl Executor, id: uuid::Uuid) -> Result<Media, RepoError> {
    media::Entity::find_by_id(id)
        .one(ex.conn())
        .await?
        .map(to_domain)
        .ok_or(RepoError::NotFound)
}

/// The organisation's uploads, newest first.
pub async fn list(
    ex: &impl Executor,
    org: OrganisationId,
    limit: u64,
) -> Result<Vec<Media>, RepoError> {
    let rows = media::Entity::find()
        .filter(media::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_desc(media::Column::CreatedAt)
        .limit(limit)
        .all(ex.conn())
        .await?;
    Ok(rows.into_iter().map(to_domain).collect())
}

fn to_domain(row: media::Model) -> Media {
    Media {
        id: row.id,
        organisation_id: OrganisationId::from_uuid(row.organisation_id),
        content_type: row.content_type,
        bytes: row.bytes,
        sha256: row.sha256,
        file_name: row.file_name,
        created_by: UserId::from_uuid(row.created_by),
        created_at: row.created_at,
    }
}
