//! Organisations (tenants).

use chrono::{DateTime, Utc};
use cinco_domain::organisation::{Organisation, OrganisationName, Slug};
use cinco_domain::{Locale, OrganisationId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::RepoError;
use crate::entities::organisations;
use crate::executor::Executor;

/// Stores a new organisation. A taken slug is `RepoError::Conflict("organisations.slug")`.
pub async fn insert(
    ex: &impl Executor,
    org: &Organisation,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = organisations::ActiveModel {
        id: Set(org.id.as_uuid()),
        name: Set(org.name.as_str().to_owned()),
        slug: Set(org.slug.as_str().to_owned()),
        default_locale: Set(org.default_locale.code().to_owned()),
        offered_locales: Set(join_locales(&org.offered_locales)),
        created_at: Set(now),
        lesson_review_required: Set(org.lesson_review_required),
        // The column's default (USD) until an admin changes it.
        currency: sea_orm::ActiveValue::NotSet,
        desired_retention: Set(0.9),
        fsrs_parameters: Set(None),
        // The column's default (UTC); founding sets the founder's.
        time_zone: sea_orm::ActiveValue::NotSet,
    };
    organisations::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("organisations.slug"))?;
    Ok(())
}

/// The organisation with that id.
pub async fn get(ex: &impl Executor, id: OrganisationId) -> Result<Organisation, RepoError> {
    organisations::Entity::find_by_id(id.as_uuid())
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_domain)
}

/// The organisation with that slug, if any.
pub async fn find_by_slug(
    ex: &impl Executor,
    slug: &Slug,
) -> Result<Option<Organisation>, RepoError> {
    organisations::Entity::find()
        .filter(organisations::Column::Slug.eq(slug.as_str()))
        .one(ex.conn())
        .await?
        .map(to_domain)
        .transpose()
}

fn join_locales(locales: &[Locale]) -> String {
    locales
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn to_domain(row: organisations::Model) -> Result<Organisation, RepoError> {
    let corrupt = |what: &str| RepoError::Corrupt(format!("organisation {}: {what}", row.id));
    let offered = row
        .offered_locales
        .split(',')
        .map(str::parse)
        .collect::<Result<Vec<Locale>, _>>()
        .map_err(|_| corrupt("offered_locales"))?;
    Ok(Organisation {
        id: OrganisationId::from_uuid(row.id),
        name: OrganisationName::parse(&row.name).map_err(|_| corrupt("name"))?,
        slug: Slug::parse(&row.slug).map_err(|_| corrupt("slug"))?,
        default_locale: row
            .default_locale
            .parse()
            .map_err(|_| corrupt("default_locale"))?,
        offered_locales: offered,
        lesson_review_required: row.lesson_review_required,
    })
}

/// Saves the organisation's name, languages and settings.
pub async fn update(ex: &impl Executor, org: &Organisation) -> Result<(), RepoError> {
    organisations::Entity::update_many()
        .col_expr(organisations::Column::Name, Expr::value(org.name.as_str()))
        .col_expr(
            organisations::Column::DefaultLocale,
            Expr::value(org.default_locale.code()),
        )
        .col_expr(
            organisations::Column::OfferedLocales,
            Expr::value(join_locales(&org.offered_locales)),
        )
        .col_expr(
            organisations::Column::LessonReviewRequired,
            Expr::value(org.lesson_review_required),
        )
        .filter(organisations::Column::Id.eq(org.id.as_uuid()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Every organisation's id (for background work that visits each one).
pub async fn ids(ex: &impl Executor) -> Result<Vec<OrganisationId>, RepoError> {
    use sea_orm::QuerySelect;
    Ok(organisations::Entity::find()
        .select_only()
        .column(organisations::Column::Id)
        .into_tuple::<uuid::Uuid>()
        .all(ex.conn())
        .await?
        .into_iter()
        .map(OrganisationId::from_uuid)
        .collect())
}

/// The organisation's time zone: when its months begin (the pulse). A stored name that no
/// longer parses is a corrupt row.
pub async fn time_zone(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<cinco_domain::user::TimeZone, RepoError> {
    let row = organisations::Entity::find_by_id(org.as_uuid())
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    cinco_domain::user::TimeZone::parse(&row.time_zone)
        .map_err(|_| RepoError::Corrupt(format!("organisation {}: time_zone", row.id)))
}

/// Sets the organisation's time zone.
pub async fn set_time_zone(
    ex: &impl Executor,
    org: OrganisationId,
    zone: &cinco_domain::user::TimeZone,
) -> Result<(), RepoError> {
    organisations::Entity::update_many()
        .col_expr(organisations::Column::TimeZone, Expr::value(zone.as_str()))
        .filter(organisations::Column::Id.eq(org.as_uuid()))
        .exec(ex.conn())
        .await?;
    Ok(())
}
