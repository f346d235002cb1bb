//! Scorecard templates: the competencies and indicators a lead rates a call on.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::programme::words::Translation;
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::entities::scorecards;
use crate::executor::Executor;
use crate::words::Translatable;
use crate::{RepoError, corrupt};

/// One line of a scorecard template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardItem {
    pub competency_key: String,
    pub indicator: String,
}

#[derive(Debug, Clone)]
pub struct Scorecard {
    pub id: uuid::Uuid,
    pub title: String,
    pub items: Vec<ScorecardItem>,
    pub created_at: DateTime<Utc>,
    /// The language it is written in; `None`: the organisation's.
    pub source_locale: Option<Locale>,
    /// Its title and indicators in other languages (`programme::words`, an indicator per
    /// step).
    pub translations: BTreeMap<Locale, Translation>,
}

pub async fn insert_scorecard(
    ex: &impl Executor,
    org: OrganisationId,
    card: &Scorecard,
    created_by: UserId,
) -> Result<(), RepoError> {
    let items =
        serde_json::to_string(&card.items).map_err(|e| RepoError::Corrupt(e.to_string()))?;
    scorecards::Entity::insert(scorecards::ActiveModel {
        id: Set(card.id),
        organisation_id: Set(org.as_uuid()),
        title: Set(card.title.clone()),
        items: Set(items),
        created_by: Set(created_by.as_uuid()),
        created_at: Set(card.created_at),
        source_locale: Set(card.source_locale.map(|l| l.code().to_owned())),
        translations: Set(crate::words::translations_to(&card.translations)),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

fn to_scorecard(r: scorecards::Model) -> Result<Scorecard, RepoError> {
    Ok(Scorecard {
        items: serde_json::from_str(&r.items)
            .map_err(|_| corrupt(&format!("scorecards {}", r.id), "items"))?,
        id: r.id,
        title: r.title,
        created_at: r.created_at,
        source_locale: r.source_locale.as_deref().and_then(|l| l.parse().ok()),
        translations: crate::words::translations_from(r.translations.as_deref()),
    })
}

pub async fn scorecards(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<Scorecard>, RepoError> {
    scorecards::Entity::find()
        .filter(scorecards::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_asc(scorecards::Column::Title)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_scorecard)
        .collect()
}

pub async fn scorecard(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Scorecard, RepoError> {
    scorecards::Entity::find_by_id(id)
        .filter(scorecards::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_scorecard)
}

/// Takes the scorecard's row lock for the rest of the transaction (see
/// `path::lock_template`).
pub async fn lock_scorecard(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<(), RepoError> {
    scorecards::Entity::update_many()
        .col_expr(
            scorecards::Column::Title,
            Expr::col(scorecards::Column::Title),
        )
        .filter(scorecards::Column::OrganisationId.eq(org.as_uuid()))
        .filter(scorecards::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Keeps `translation` as the scorecard's words in `locale`, replacing any before, and names
/// `source` as the language it is written in (for scorecards saved before languages were
/// kept).
pub async fn set_scorecard_translation(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    source: Locale,
    (locale, translation): (Locale, Translation),
) -> Result<(), RepoError> {
    let mut translations = scorecard(ex, org, id).await?.translations;
    translations.insert(locale, translation);
    let columns = Translatable {
        org: scorecards::Column::OrganisationId,
        id: scorecards::Column::Id,
        source_locale: scorecards::Column::SourceLocale,
        translations: scorecards::Column::Translations,
    };
    crate::words::write::<scorecards::Entity>(ex, columns, (org, id), source, &translations).await
}
