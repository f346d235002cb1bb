//! Good practices (shared decision stories) with their language variants, and who has read
//! which. Every call takes the organisation id.

use chrono::{DateTime, Utc};
use cinco_domain::lesson::Key;
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{good_practice_reads, good_practice_texts, good_practices};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A good practice with its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoodPractice {
    pub id: uuid::Uuid,
    /// The decision whose story it tells.
    pub decision_id: uuid::Uuid,
    pub agent_id: UserId,
    /// The agent's name is not shown.
    pub anonymous: bool,
    /// The decision's type and amount (cents).
    pub key: Key,
    pub amount: Option<i64>,
    /// The language it was written in.
    pub source: Locale,
    pub promoted_by: UserId,
    pub created_at: DateTime<Utc>,
    pub retired_at: Option<DateTime<Utc>>,
    /// One per language, in no particular order.
    pub texts: Vec<PracticeText>,
}

/// One language variant of a good practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeText {
    pub locale: Locale,
    pub title: String,
    pub story: String,
    pub updated_by: UserId,
    pub updated_at: DateTime<Utc>,
}

impl GoodPractice {
    pub fn text(&self, locale: Locale) -> Option<&PracticeText> {
        self.texts.iter().find(|t| t.locale == locale)
    }
}

fn locale(raw: &str, table: &'static str, column: &'static str) -> Result<Locale, RepoError> {
    raw.parse().map_err(|_| corrupt(table, column))
}

fn to_text(row: good_practice_texts::Model) -> Result<(uuid::Uuid, PracticeText), RepoError> {
    Ok((
        row.practice_id,
        PracticeText {
            locale: locale(&row.locale, "good_practice_texts", "locale")?,
            title: row.title,
            story: row.story,
            updated_by: UserId::from_uuid(row.updated_by),
            updated_at: row.updated_at,
        },
    ))
}

fn to_practice(row: good_practices::Model) -> Result<GoodPractice, RepoError> {
    Ok(GoodPractice {
        id: row.id,
        decision_id: row.decision_id,
        agent_id: UserId::from_uuid(row.agent_id),
        anonymous: row.anonymous,
        key: Key::parse(&row.decision_key)
            .ok_or_else(|| corrupt("good_practices", "decision_key"))?,
        amount: row.amount_cents,
        source: locale(&row.source_locale, "good_practices", "source_locale")?,
        promoted_by: UserId::from_uuid(row.promoted_by),
        created_at: row.created_at,
        retired_at: row.retired_at,
        texts: Vec::new(),
    })
}

/// Stores a new practice and its texts; a decision shared a second time is
/// `Conflict("good_practices.decision")`.
pub async fn insert(
    ex: &impl Executor,
    org: OrganisationId,
    p: &GoodPractice,
) -> Result<(), RepoError> {
    good_practices::Entity::insert(good_practices::ActiveModel {
        id: Set(p.id),
        organisation_id: Set(org.as_uuid()),
        decision_id: Set(p.decision_id),
        agent_id: Set(p.agent_id.as_uuid()),
        anonymous: Set(p.anonymous),
        decision_key: Set(p.key.as_str().to_owned()),
        amount_cents: Set(p.amount),
        source_locale: Set(p.source.code().to_owned()),
        promoted_by: Set(p.promoted_by.as_uuid()),
        created_at: Set(p.created_at),
        retired_at: Set(p.retired_at),
    })
    .exec_without_returning(ex.conn())
    .await
    .map_err(RepoError::on_unique("good_practices.decision"))?;
    for t in &p.texts {
        put_text(ex, org, p.id, t).await?;
    }
    Ok(())
}

/// Stores the variant of `practice` in `t.locale`, replacing the one there was.
pub async fn put_text(
    ex: &impl Executor,
    org: OrganisationId,
    practice: uuid::Uuid,
    t: &PracticeText,
) -> Result<(), RepoError> {
    good_practice_texts::Entity::insert(good_practice_texts::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(org.as_uuid()),
        practice_id: Set(practice),
        locale: Set(t.locale.code().to_owned()),
        title: Set(t.title.clone()),
        story: Set(t.story.clone()),
        updated_by: Set(t.updated_by.as_uuid()),
        updated_at: Set(t.updated_at),
    })
    .on_conflict(
        OnConflict::columns([
            good_practice_texts::Column::PracticeId,
            good_practice_texts::Column::Locale,
        ])
        .update_columns([
            good_practice_texts::Column::Title,
            good_practice_texts::Column::Story,
            good_practice_texts::Column::UpdatedBy,
            good_practice_texts::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

async fn with_texts(
    ex: &impl Executor,
    org: OrganisationId,
    mut practices: Vec<GoodPractice>,
) -> Result<Vec<GoodPractice>, RepoError> {
    let at: std::collections::HashMap<uuid::Uuid, usize> = practices
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let ids: Vec<uuid::Uuid> = practices.iter().map(|p| p.id).collect();
    for chunk in ids.chunks(500) {
        let rows = good_practice_texts::Entity::find()
            .filter(good_practice_texts::Column::OrganisationId.eq(org.as_uuid()))
            .filter(good_practice_texts::Column::PracticeId.is_in(chunk.iter().copied()))
            .all(ex.conn())
            .await?;
        for row in rows {
            let (practice, text) = to_text(row)?;
            if let Some(p) = at.get(&practice).and_then(|i| practices.get_mut(*i)) {
                p.texts.push(text);
            }
        }
    }
    Ok(practices)
}

/// The organisation's practices, newest first: only the current ones unless
/// `with_retired`.
pub async fn list(
    ex: &impl Executor,
    org: OrganisationId,
    with_retired: bool,
) -> Result<Vec<GoodPractice>, RepoError> {
    let mut q = good_practices::Entity::find()
        .filter(good_practices::Column::OrganisationId.eq(org.as_uuid()));
    if !with_retired {
        q = q.filter(good_practices::Column::RetiredAt.is_null());
    }
    let rows = q
        .order_by_desc(good_practices::Column::CreatedAt)
        .order_by_desc(good_practices::Column::Id)
        .all(ex.conn())
        .await?;
    let practices = rows
        .into_iter()
        .map(to_practice)
        .collect::<Result<Vec<_>, _>>()?;
    with_texts(ex, org, practices).await
}

/// The newest current practice `user` has not read, with its texts: this week's card.
pub async fn newest_unread(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Option<GoodPractice>, RepoError> {
    let read = Query::select()
        .column(good_practice_reads::Column::PracticeId)
        .from(good_practice_reads::Entity)
        .and_where(good_practice_reads::Column::OrganisationId.eq(org.as_uuid()))
        .and_where(good_practice_reads::Column::UserId.eq(user.as_uuid()))
        .to_owned();
    let Some(row) = good_practices::Entity::find()
        .filter(good_practices::Column::OrganisationId.eq(org.as_uuid()))
        .filter(good_practices::Column::RetiredAt.is_null())
        .filter(good_practices::Column::Id.not_in_subquery(read))
        .order_by_desc(good_practices::Column::CreatedAt)
        .order_by_desc(good_practices::Column::Id)
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    Ok(with_texts(ex, org, vec![to_practice(row)?]).await?.pop())
}

/// One practice; another organisation's is not found.
pub async fn get(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<GoodPractice, RepoError> {
    let row = good_practices::Entity::find_by_id(id)
        .filter(good_practices::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    let mut one = with_texts(ex, org, vec![to_practice(row)?]).await?;
    one.pop().ok_or(RepoError::NotFound)
}

/// Which of these decisions were shared, as (decision, practice).
pub async fn of_decisions(
    ex: &impl Executor,
    org: OrganisationId,
    decisions: &[uuid::Uuid],
) -> Result<Vec<(uuid::Uuid, uuid::Uuid)>, RepoError> {
    let mut out = Vec::new();
    for chunk in decisions.chunks(500) {
        let rows = good_practices::Entity::find()
            .filter(good_practices::Column::OrganisationId.eq(org.as_uuid()))
            .filter(good_practices::Column::DecisionId.is_in(chunk.iter().copied()))
            .all(ex.conn())
            .await?;
        out.extend(rows.into_iter().map(|r| (r.decision_id, r.id)));
    }
    Ok(out)
}

/// Retires a practice at `at`: agents no longer meet it. `false` when it already was.
pub async fn retire(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    at: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let done = good_practices::Entity::update_many()
        .col_expr(good_practices::Column::RetiredAt, Expr::value(Some(at)))
        .filter(good_practices::Column::OrganisationId.eq(org.as_uuid()))
        .filter(good_practices::Column::Id.eq(id))
        .filter(good_practices::Column::RetiredAt.is_null())
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected == 1)
}

/// Notes that `user` read `practice` at `at`; reading it again changes nothing.
pub async fn mark_read(
    ex: &impl Executor,
    org: OrganisationId,
    practice: uuid::Uuid,
    user: UserId,
    at: DateTime<Utc>,
) -> Result<(), RepoError> {
    good_practice_reads::Entity::insert(good_practice_reads::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(org.as_uuid()),
        practice_id: Set(practice),
        user_id: Set(user.as_uuid()),
        read_at: Set(at),
    })
    .on_conflict(
        OnConflict::columns([
            good_practice_reads::Column::PracticeId,
            good_practice_reads::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// What `user` has read, as (practice, when).
pub async fn reads_of(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<(uuid::Uuid, DateTime<Utc>)>, RepoError> {
    Ok(good_practice_reads::Entity::find()
        .filter(good_practice_reads::Column::OrganisationId.eq(org.as_uuid()))
        .filter(good_practice_reads::Column::UserId.eq(user.as_uuid()))
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|r| (r.practice_id, r.read_at))
        .collect())
}
