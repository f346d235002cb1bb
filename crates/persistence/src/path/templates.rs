//! Path templates: the steps a lead or trainer puts together, stored as JSON.

use chrono::{DateTime, Utc};
use cinco_domain::coaching::{PathTemplate, Step, StepKind};
use cinco_domain::lesson::Key;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

use crate::entities::path_templates;
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A step as stored in a template's JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredStep {
    pub title: String,
    pub kind: String,
    #[serde(default)]
    pub target_key: Option<String>,
    #[serde(default)]
    pub pass_percent: Option<u8>,
    #[serde(default)]
    pub instructions: Option<String>,
    #[serde(default)]
    pub due_after_days: Option<u32>,
}

impl StoredStep {
    pub fn from_domain(step: &Step) -> Self {
        let (kind, target_key, pass_percent, instructions) = match &step.kind {
            StepKind::Lesson {
                lesson,
                pass_percent,
            } => ("lesson", Some(lesson.as_str()), Some(*pass_percent), None),
            StepKind::Scenario {
                scenario,
                pass_percent,
            } => (
                "scenario",
                Some(scenario.as_str()),
                Some(*pass_percent),
                None,
            ),
            StepKind::CoachingSession => ("coaching_session", None, None, None),
            StepKind::PracticeTask { instructions } => {
                ("practice_task", None, None, Some(instructions.clone()))
            }
        };
        Self {
            title: step.title.clone(),
            kind: kind.to_owned(),
            target_key: target_key.map(str::to_owned),
            pass_percent,
            instructions,
            due_after_days: step.due_after_days,
        }
    }

    pub fn to_domain(&self) -> Option<Step> {
        let key = || self.target_key.as_deref().and_then(Key::parse);
        let pass = self
            .pass_percent
            .unwrap_or(cinco_domain::coaching::DEFAULT_PASS_PERCENT);
        let kind = match self.kind.as_str() {
            "lesson" => StepKind::Lesson {
                lesson: key()?,
                pass_percent: pass,
            },
            "scenario" => StepKind::Scenario {
                scenario: key()?,
                pass_percent: pass,
            },
            "coaching_session" => StepKind::CoachingSession,
            "practice_task" => StepKind::PracticeTask {
                instructions: self.instructions.clone().unwrap_or_default(),
            },
            _ => return None,
        };
        Some(Step {
            title: self.title.clone(),
            kind,
            due_after_days: self.due_after_days,
        })
    }
}

/// A stored template.
#[derive(Debug, Clone)]
pub struct Template {
    pub id: uuid::Uuid,
    pub path: PathTemplate,
    pub description: String,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
}

/// What a template is made of when it is saved.
#[derive(Debug, Clone)]
pub struct TemplateInput<'a> {
    pub path: &'a PathTemplate,
    pub description: &'a str,
}

fn steps_json(path: &PathTemplate) -> Result<String, RepoError> {
    let steps: Vec<StoredStep> = path.steps.iter().map(StoredStep::from_domain).collect();
    serde_json::to_string(&steps).map_err(|e| RepoError::Corrupt(e.to_string()))
}

fn to_template(r: path_templates::Model) -> Result<Template, RepoError> {
    let what = format!("path_templates {}", r.id);
    let stored: Vec<StoredStep> =
        serde_json::from_str(&r.steps).map_err(|_| corrupt(&what, "steps"))?;
    let steps = stored
        .iter()
        .map(StoredStep::to_domain)
        .collect::<Option<Vec<_>>>()
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
