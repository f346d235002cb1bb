//! Path templates: the steps a lead or trainer puts together, stored as JSON.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::coaching::{PathTemplate, Step, StepType};
use cinco_domain::programme::words::Translation;
use cinco_domain::{Locale, OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::entities::path_templates;
use crate::executor::Executor;
use crate::programme;
use crate::words::Translatable;
use crate::{RepoError, corrupt};

/// A stored template.
#[derive(Debug, Clone)]
pub struct Template {
    pub id: uuid::Uuid,
    pub path: PathTemplate,
    pub description: String,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    /// When its own words or steps last changed (a translation does not change it).
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
    /// The language it is written in; `None`: the organisation's.
    pub source_locale: Option<Locale>,
    pub translations: BTreeMap<Locale, Translation>,
}

/// What a template is made of when it is saved.
#[derive(Debug, Clone)]
pub struct TemplateInput<'a> {
    pub path: &'a PathTemplate,
    pub description: &'a str,
    /// The language it is written in, when it is inserted; an update keeps the stored one.
    pub source_locale: Option<Locale>,
}

fn steps_json(path: &PathTemplate) -> Result<String, RepoError> {
    Ok(programme::to_json(path.steps.iter().map(Step::parts)))
}

fn to_template(r: path_templates::Model) -> Result<Template, RepoError> {
    let what = format!("path_templates {}", r.id);
    let steps = programme::from_json::<StepType>(&r.steps)
        .and_then(|parts| {
            parts
                .iter()
                .map(Step::from_parts)
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| corrupt(&what, "steps"))?;
    let path = PathTemplate::new(&r.title, steps).map_err(|_| corrupt(&what, "steps"))?;
    Ok(Template {
        id: r.id,
        path,
        description: r.description,
        created_by: UserId::from_uuid(r.created_by),
        created_at: r.created_at,
        updated_at: r.updated_at,
        archived: r.archived_at.is_some(),
        source_locale: r.source_locale.as_deref().and_then(|l| l.parse().ok()),
        translations: crate::words::translations_from(r.translations.as_deref()),
    })
}

pub async fn insert_template(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    input: TemplateInput<'_>,
    created_by: UserId,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    path_templates::Entity::insert(path_templates::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        title: Set(input.path.title.clone()),
        description: Set(input.description.to_owned()),
        steps: Set(steps_json(input.path)?),
        created_by: Set(created_by.as_uuid()),
        created_at: Set(now),
        updated_at: Set(now),
        archived_at: Set(None),
        source_locale: Set(input.source_locale.map(|l| l.code().to_owned())),
        translations: Set(None),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// Replaces a template's title, description and steps (running paths keep their copy).
pub async fn update_template(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    input: TemplateInput<'_>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let done = path_templates::Entity::update_many()
        .col_expr(
            path_templates::Column::Title,
            Expr::value(input.path.title.clone()),
        )
        .col_expr(
            path_templates::Column::Description,
            Expr::value(input.description.to_owned()),
        )
        .col_expr(
            path_templates::Column::Steps,
            Expr::value(steps_json(input.path)?),
        )
        .col_expr(path_templates::Column::UpdatedAt, Expr::value(now))
        .filter(path_templates::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_templates::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    if done.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}

/// Takes the template's row lock for the rest of the transaction (PostgreSQL; SQLite has one
/// writer anyway), so that a translation is checked against the source it is stored beside
/// and two translations saved at once both stay.
pub async fn lock_template(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<(), RepoError> {
    path_templates::Entity::update_many()
        .col_expr(
            path_templates::Column::Title,
            Expr::col(path_templates::Column::Title),
        )
        .filter(path_templates::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_templates::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Keeps `translation` as the template's words in `locale`, replacing any before, and names
/// `source` as the language it is written in (for templates saved before languages were
/// kept); the template's own `updated_at` stays (it says when the source changed).
pub async fn set_translation(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    source: Locale,
    (locale, translation): (Locale, Translation),
) -> Result<(), RepoError> {
    let mut translations = template(ex, org, id).await?.translations;
    translations.insert(locale, translation);
    let columns = Translatable {
        org: path_templates::Column::OrganisationId,
        id: path_templates::Column::Id,
        source_locale: path_templates::Column::SourceLocale,
        translations: path_templates::Column::Translations,
    };
    crate::words::write::<path_templates::Entity>(ex, columns, (org, id), source, &translations)
        .await
}

pub async fn archive_template(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let done = path_templates::Entity::update_many()
        .col_expr(path_templates::Column::ArchivedAt, Expr::value(now))
        .filter(path_templates::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_templates::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    if done.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}

/// The organisation's templates (archived ones too), by title.
pub async fn templates(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<Vec<Template>, RepoError> {
    path_templates::Entity::find()
        .filter(path_templates::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_asc(path_templates::Column::Title)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(to_template)
        .collect()
}

pub async fn template(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Template, RepoError> {
    let row = path_templates::Entity::find_by_id(id)
        .filter(path_templates::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    to_template(row)
}
