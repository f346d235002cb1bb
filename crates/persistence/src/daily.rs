//! Daily sessions: what the composer planned for an agent on a local day, stored so that the
//! same session comes back all day, and marked complete when everything in it is done.

use chrono::{DateTime, Utc};
use cinco_domain::coaching::StepType;
use cinco_domain::today::ItemKind;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::RepoError;
use crate::entities::daily_sessions;
use crate::executor::Executor;

#[derive(Debug, Clone)]
pub struct DailySession {
    pub id: uuid::Uuid,
    /// `YYYY-MM-DD` in the agent's time zone.
    pub day: String,
    /// The planned activities, JSON: a list of [`StoredItem`].
    pub items: String,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

pub async fn find(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    day: &str,
) -> Result<Option<DailySession>, RepoError> {
    Ok(daily_sessions::Entity::find()
        .filter(daily_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(daily_sessions::Column::UserId.eq(user.as_uuid()))
        .filter(daily_sessions::Column::LocalDay.eq(day))
        .one(ex.conn())
        .await?
        .map(to_session))
}

/// Stores the day's session unless one exists already (two devices opening the app at once
/// get the same session); returns the stored one.
pub async fn create(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    day: &str,
    items: &str,
    now: DateTime<Utc>,
) -> Result<DailySession, RepoError> {
    let row = daily_sessions::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(org.as_uuid()),
        user_id: Set(user.as_uuid()),
        local_day: Set(day.to_owned()),
        items: Set(items.to_owned()),
        created_at: Set(now),
        completed_at: Set(None),
    };
    daily_sessions::Entity::insert(row)
        .on_conflict_do_nothing_on([
            daily_sessions::Column::UserId,
            daily_sessions::Column::LocalDay,
        ])
        .exec_without_returning(ex.conn())
        .await?;
    crate::user::touch_learning(ex, org, user).await?;
    find(ex, org, user, day).await?.ok_or(RepoError::NotFound)
}

/// Replaces the planned activities ("one more").
pub async fn set_items(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    id: uuid::Uuid,
    items: &str,
) -> Result<(), RepoError> {
    daily_sessions::Entity::update_many()
        .col_expr(daily_sessions::Column::Items, Expr::value(items))
        .filter(daily_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(daily_sessions::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    crate::user::touch_learning(ex, org, user).await?;
    Ok(())
}

/// Marks the session complete; the first completion time stands.
pub async fn complete(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    id: uuid::Uuid,
    at: DateTime<Utc>,
) -> Result<(), RepoError> {
    daily_sessions::Entity::update_many()
        .col_expr(daily_sessions::Column::CompletedAt, Expr::value(at))
        .filter(daily_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(daily_sessions::Column::Id.eq(id))
        .filter(daily_sessions::Column::CompletedAt.is_null())
        .exec(ex.conn())
        .await?;
    crate::user::touch_learning(ex, org, user).await?;
    Ok(())
}

/// The local days on which the agent completed a session, oldest first.
pub async fn completed_days(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<String>, RepoError> {
    Ok(daily_sessions::Entity::find()
        .filter(daily_sessions::Column::OrganisationId.eq(org.as_uuid()))
        .filter(daily_sessions::Column::UserId.eq(user.as_uuid()))
        .filter(daily_sessions::Column::CompletedAt.is_not_null())
        .order_by_asc(daily_sessions::Column::LocalDay)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|r| r.local_day)
        .collect())
}

fn to_session(r: daily_sessions::Model) -> DailySession {
    DailySession {
        id: r.id,
        day: r.local_day,
        items: r.items,
        created_at: r.created_at,
        completed_at: r.completed_at,
    }
}

/// One planned activity as stored with the day's session: enough to show it without
/// another lookup.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredItem {
    #[serde(with = "item_kind")]
    pub kind: ItemKind,
    /// The review card, the lesson or scenario version, or the path step.
    pub id: uuid::Uuid,
    /// The lesson or scenario key; for a review, the lesson's.
    pub key: String,
    pub title: String,
    /// For a review: the lesson version and the card in it.
    #[serde(default)]
    pub lesson_version_id: Option<uuid::Uuid>,
    #[serde(default)]
    pub card: Option<i32>,
    pub estimate_seconds: u32,
    /// The coaching path step this item is (a lesson or scenario step is played as such).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_step_id: Option<uuid::Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_title: Option<String>,
    /// For a path step: its kind.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::programme::kind_name::option"
    )]
    pub step_kind: Option<StepType>,
    /// A practice task's instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The day's planned items from their stored form.
pub fn parse_items(raw: &str) -> Result<Vec<StoredItem>, RepoError> {
    serde_json::from_str(raw).map_err(|e| RepoError::Corrupt(format!("daily_sessions.items: {e}")))
}

/// The day's planned items in their stored form.
pub fn items_json(items: &[StoredItem]) -> Result<String, RepoError> {
    serde_json::to_string(items)
        .map_err(|e| RepoError::Corrupt(format!("daily_sessions.items: {e}")))
}

/// An item's kind stored by its stable name.
mod item_kind {
    use cinco_domain::today::ItemKind;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(kind: &ItemKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ItemKind, D::Error> {
        let raw = String::deserialize(d)?;
        ItemKind::parse(&raw).ok_or_else(|| D::Error::custom(format!("unknown item kind `{raw}`")))
    }
}
