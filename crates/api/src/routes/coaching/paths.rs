//! Path templates: trainers, leads and admins put lessons, scenarios, coaching sessions and
//! practice tasks in order; leads then assign them.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, post, put, web};
use cinco_domain::OrganisationId;
use cinco_domain::coaching::{PathError, PathTemplate, Step, StepType};
use cinco_domain::learning::ContentKind;
use cinco_domain::programme::{Kind, Parts};
use cinco_domain::text::{TITLE_MAX, bounded};
use cinco_persistence::lesson::LessonVersion;
use cinco_persistence::path::{self, Template, TemplateInput};
use cinco_persistence::scenario::ScenarioVersion;
use cinco_persistence::{Executor, lesson, scenario};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Names, PersonRef};
use crate::auth::{ADMIN, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// One step of a template.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StepBody {
    title: String,
    #[schema(value_type = crate::states::StepKindView)]
    kind: String,
    /// The lesson's or scenario's key.
    #[serde(default)]
    target_key: Option<String>,
    /// Score needed to pass a lesson or scenario step (default 70).
    #[serde(default)]
    pass_percent: Option<u8>,
    /// What to do, for a practice task.
    #[serde(default)]
    instructions: Option<String>,
    /// Due this many days after the assignment (when the path has no single due date).
    #[serde(default)]
    due_after_days: Option<u32>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PathBody {
    title: String,
    #[serde(default)]
    description: String,
    steps: Vec<StepBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PathTemplateView {
    id: uuid::Uuid,
    title: String,
    description: String,
    steps: Vec<StepBody>,
    created_by: PersonRef,
    updated_at: chrono::DateTime<chrono::Utc>,
    archived: bool,
    /// Agents with this path active now.
    active_assignments: usize,
}

fn step_view(s: Parts<StepType>) -> StepBody {
    StepBody {
        title: s.title,
        kind: s.kind.as_str().to_owned(),
        target_key: s.target_key,
        pass_percent: s.pass_percent,
        instructions: s.instructions,
        due_after_days: s.due_after_days,
    }
}

async fn view(
    state: &AppState,
    org: OrganisationId,
    t: Template,
    names: &Names,
) -> Result<PathTemplateView, ApiError> {
    let active = path::active_counts(&state.db, org).await?;
    Ok(view_with(t, names, &active))
}

fn view_with(
    t: Template,
    names: &Names,
    active: &std::collections::HashMap<uuid::Uuid, usize>,
) -> PathTemplateView {
    PathTemplateView {
        id: t.id,
        title: t.path.title.clone(),
        description: t.description,
        steps: t.path.steps.iter().map(|s| step_view(s.parts())).collect(),
        created_by: names.person(t.created_by),
        updated_at: t.updated_at,
        archived: t.archived,
        active_assignments: active.get(&t.id).copied().unwrap_or(0),
    }
}

fn path_error(e: &PathError) -> ApiError {
    let field = match e {
        PathError::NoTitle => "title".to_owned(),
        PathError::StepCount => "steps".to_owned(),
        PathError::StepTitle(n)
        | PathError::PassMark(n)
        | PathError::NoInstructions(n)
        | PathError::DueOrder(n)
        | PathError::DueTooFar(n) => format!("steps[{}]", n - 1),
    };
    ApiError::field(&field, "invalid_path", e.to_string())
}

/// Refuses a lesson or scenario `key` (of a path step or a track module of that `kind`)
/// that names nothing published; other kinds pass.
pub(crate) fn published_target(
    field: &str,
    content: Option<ContentKind>,
    key: &str,
    lessons: &[LessonVersion],
    scenarios: &[ScenarioVersion],
) -> Result<(), ApiError> {
    match content {
        Some(ContentKind::Lesson) if !lessons.iter().any(|v| v.key.as_str() == key) => {
            Err(ApiError::field(
                field,
                "unknown_lesson",
                format!("no published lesson `{key}`"),
            ))
        }
        Some(ContentKind::Scenario) if !scenarios.iter().any(|v| v.key.as_str() == key) => {
            Err(ApiError::field(
                field,
                "unknown_scenario",
                format!("no published scenario `{key}`"),
            ))
        }
        _ => Ok(()),
    }
}

/// Checks a template body: its shape, and that each lesson and scenario it names is published.
async fn parse(
    ex: &impl Executor,
    org: OrganisationId,
    body: &PathBody,
) -> Result<PathTemplate, ApiError> {
    bounded(&body.title, TITLE_MAX)
        .map_err(|e| ApiError::field("title", "invalid_path", e.to_string()))?;
    let lessons = lesson::list_published(ex, org).await?;
    let scenarios = scenario::list_published(ex, org).await?;
    let mut steps = Vec::with_capacity(body.steps.len());
    for (i, s) in body.steps.iter().enumerate() {
        let field = format!("steps[{i}]");
        bounded(&s.title, TITLE_MAX).map_err(|e| {
            ApiError::field(&field, "invalid_path", format!("a step title has {e}"))
        })?;
        let kind = <StepType as Kind>::parse(&s.kind).ok_or_else(|| {
            ApiError::field(
                &field,
                "invalid_path",
                "kind is lesson, scenario, coaching_session or practice_task",
            )
        })?;
        let mut parts = Parts::new(s.title.trim(), kind);
        parts.target_key = s.target_key.as_deref().map(|k| k.trim().to_owned());
        parts.pass_percent = s.pass_percent;
        parts.instructions = s.instructions.as_deref().map(|t| t.trim().to_owned());
        parts.due_after_days = s.due_after_days;
        let key = parts.target_key.as_deref().unwrap_or_default();
        published_target(&field, kind.content(), key, &lessons, &scenarios)?;
        steps.push(
            Step::from_parts(&parts).ok_or_else(|| {
                ApiError::field(&field, "invalid_path", "this step is incomplete")
            })?,
        );
    }
    PathTemplate::new(&body.title, steps).map_err(|e| path_error(&e))
}

/// Path templates of the organisation, archived ones included.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    responses((status = 200, description = "Templates by title", body = Vec<PathTemplateView>))
)]
#[get(
    "/coaching/paths",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let names = Names::load(&state.db, auth.org).await?;
    let active = path::active_counts(&state.db, auth.org).await?;
    let out: Vec<PathTemplateView> = path::templates(&state.db, auth.org)
        .await?
        .into_iter()
        .map(|t| view_with(t, &names, &active))
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// Create a path template.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    request_body = PathBody,
    responses(
        (status = 201, description = "Created", body = PathTemplateView),
        (status = 422, description = "`invalid_path`, `unknown_lesson` or `unknown_scenario`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/paths",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<PathBody>,
) -> Result<HttpResponse, ApiError> {
    let template = parse(&state.db, auth.org, &body).await?;
    let id = uuid::Uuid::now_v7();
    let input = TemplateInput {
        path: &template,
        description: body.description.trim(),
    };
    let now = state.settings.clock.now();
    path::insert_template(&state.db, auth.org, id, input, auth.user_id, now).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let t = path::template(&state.db, auth.org, id).await?;
    Ok(HttpResponse::Created().json(view(&state, auth.org, t, &names).await?))
}

/// One path template.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    params(("path_id" = uuid::Uuid, Path, description = "Template id")),
    responses(
        (status = 200, description = "The template", body = PathTemplateView),
        (status = 404, description = "No such template", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/coaching/paths/{path_id}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let names = Names::load(&state.db, auth.org).await?;
    let t = path::template(&state.db, auth.org, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view(&state, auth.org, t, &names).await?))
}

/// Replace a template's title, description and steps; paths already assigned keep theirs.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    params(("path_id" = uuid::Uuid, Path, description = "Template id")),
    request_body = PathBody,
    responses(
        (status = 200, description = "Saved", body = PathTemplateView),
        (status = 404, description = "No such template", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_path`, `unknown_lesson` or `unknown_scenario`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/coaching/paths/{path_id}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: web::Json<PathBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let template = parse(&state.db, auth.org, &body).await?;
    let input = TemplateInput {
        path: &template,
        description: body.description.trim(),
    };
    path::update_template(&state.db, auth.org, id, input, state.settings.clock.now()).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let t = path::template(&state.db, auth.org, id).await?;
    Ok(HttpResponse::Ok().json(view(&state, auth.org, t, &names).await?))
}

/// Archive a template: it can no longer be assigned; running paths go on.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    params(("path_id" = uuid::Uuid, Path, description = "Template id")),
    responses(
        (status = 204, description = "Archived"),
        (status = 404, description = "No such template", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete(
    "/coaching/paths/{path_id}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn archive(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    path::archive_template(
        &state.db,
        auth.org,
        id.into_inner(),
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
