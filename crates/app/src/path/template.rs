//! Saving and archiving path templates: the steps a lead or trainer puts together for
//! agents. Paths already given keep their own copy of the steps.

use cinco_domain::Locale;
use cinco_domain::coaching::{PathError, PathTemplate, Step, StepType};
use cinco_domain::programme::Parts;
use cinco_domain::text::{TITLE_MAX, bounded};
use cinco_persistence::organisation;
use cinco_persistence::path::{self, TemplateInput};

use crate::programme::check_published;
use crate::{Actor, App, AppError};

/// A template as an editor sends it.
#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub description: String,
    pub steps: Vec<Parts<StepType>>,
    /// The language it is written in, for a new template (the organisation's when none).
    pub locale: Option<Locale>,
}

/// Checks a draft: its shape (the domain's rules) and that each lesson and scenario it names
/// is published.
async fn checked(app: &App, actor: &Actor, draft: &Draft) -> Result<PathTemplate, AppError> {
    bounded(&draft.title, TITLE_MAX)
        .map_err(|e| AppError::field("title", "invalid_path", e.to_string()))?;
    let mut steps = Vec::with_capacity(draft.steps.len());
    for (i, parts) in draft.steps.iter().enumerate() {
        let field = format!("steps[{i}]");
        bounded(&parts.title, TITLE_MAX).map_err(|e| {
            AppError::field(&field, "invalid_path", format!("a step title has {e}"))
        })?;
        steps.push(
            Step::from_parts(parts).ok_or_else(|| {
                AppError::field(&field, "invalid_path", "this step is incomplete")
            })?,
        );
    }
    check_published(&app.db, actor.org, "steps", &draft.steps).await?;
    PathTemplate::new(&draft.title, steps).map_err(|e| path_error(&e))
}

fn path_error(e: &PathError) -> AppError {
    let field = match e {
        PathError::NoTitle => "title".to_owned(),
        PathError::StepCount => "steps".to_owned(),
        PathError::StepTitle(n)
        | PathError::PassMark(n)
        | PathError::NoInstructions(n)
        | PathError::DueOrder(n)
        | PathError::DueTooFar(n) => format!("steps[{}]", n - 1),
    };
    AppError::field(&field, "invalid_path", e.to_string())
}

/// Creates a template; its id.
pub async fn create(app: &App, actor: &Actor, draft: &Draft) -> Result<uuid::Uuid, AppError> {
    let template = checked(app, actor, draft).await?;
    let id = uuid::Uuid::now_v7();
    let source_locale = match draft.locale {
        Some(l) => l,
        None => organisation::get(&app.db, actor.org).await?.default_locale,
    };
    let input = TemplateInput {
        path: &template,
        description: draft.description.trim(),
        source_locale: Some(source_locale),
    };
    let now = app.clock.now();
    path::insert_template(&app.db, actor.org, id, input, actor.user, now).await?;
    Ok(id)
}

/// Replaces a template's title, description and steps.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    draft: &Draft,
) -> Result<(), AppError> {
    let template = checked(app, actor, draft).await?;
    let input = TemplateInput {
        path: &template,
        description: draft.description.trim(),
        source_locale: None,
    };
    path::update_template(&app.db, actor.org, id, input, app.clock.now()).await?;
    Ok(())
}

/// Archives a template: it can no longer be given; running paths go on.
pub async fn archive(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<(), AppError> {
    path::archive_template(&app.db, actor.org, id, app.clock.now()).await?;
    Ok(())
}
