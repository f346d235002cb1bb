//! Path templates: trainers, leads and admins put lessons, scenarios, coaching sessions and
//! practice tasks in order; leads then assign them.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, post, put, web};
use cinco_app::path::language;
use cinco_app::path::template::{self, Draft};
use cinco_domain::coaching::StepType;
use cinco_domain::organisation::Organisation;
use cinco_domain::programme::{Kind, Parts};
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::organisation;
use cinco_persistence::path::{self, Template};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Names, PersonRef};
use crate::auth::{ADMIN, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;
use crate::states::LocaleView;
use crate::words::{LanguagesView, WordsBody};

/// One step of a template.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StepBody {
    /// At most 200 characters.
    #[schema(max_length = 200, pattern = r"\S")]
    title: String,
    #[schema(value_type = crate::states::StepKindView)]
    kind: String,
    /// The lesson's or scenario's key (lesson and scenario steps).
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    target_key: Option<String>,
    /// Score needed to pass a lesson or scenario step (default 70).
    #[serde(default)]
    #[schema(maximum = 100)]
    pass_percent: Option<u8>,
    /// What to do, for a practice task (required there).
    #[serde(default)]
    instructions: Option<String>,
    /// Due this many days after the assignment (when the path has no single due date); no
    /// earlier than the step before.
    #[serde(default)]
    #[schema(maximum = 3650)]
    due_after_days: Option<u32>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PathBody {
    /// At most 200 characters.
    #[schema(max_length = 200, pattern = r"\S")]
    title: String,
    #[serde(default)]
    description: String,
    /// 1 to 20 steps, in order.
    #[schema(min_items = 1, max_items = 20)]
    steps: Vec<StepBody>,
    /// The language a new template is written in (the organisation's when absent); an
    /// update keeps the template's.
    #[serde(default)]
    locale: Option<LocaleView>,
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
    /// The language it is written in, its translations and the languages it lacks.
    languages: LanguagesView,
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
    let org = organisation::get(&state.db, org).await?;
    Ok(view_with(t, names, &active, &org))
}

fn view_with(
    t: Template,
    names: &Names,
    active: &std::collections::HashMap<uuid::Uuid, usize>,
    org: &Organisation,
) -> PathTemplateView {
    let languages = language::languages(&t, org.default_locale);
    PathTemplateView {
        languages: LanguagesView::new(
            &languages,
            &language::source_words(&t),
            &org.offered_locales,
        ),
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

/// The template an editor sent, its step kinds read.
fn draft(body: &PathBody) -> Result<Draft, ApiError> {
    let mut steps = Vec::with_capacity(body.steps.len());
    for (i, s) in body.steps.iter().enumerate() {
        let kind = <StepType as Kind>::parse(&s.kind).ok_or_else(|| {
            ApiError::field(
                &format!("steps[{i}]"),
                "invalid_path",
                "kind is lesson, scenario, coaching_session or practice_task",
            )
        })?;
        let mut parts = Parts::new(s.title.trim(), kind);
        parts.target_key = s.target_key.as_deref().map(|k| k.trim().to_owned());
        parts.pass_percent = s.pass_percent;
        parts.instructions = s.instructions.as_deref().map(|t| t.trim().to_owned());
        parts.due_after_days = s.due_after_days;
        steps.push(parts);
    }
    Ok(Draft {
        title: body.title.clone(),
        description: body.description.clone(),
        steps,
        locale: body.locale.map(Locale::from),
    })
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
    let org = organisation::get(&state.db, auth.org).await?;
    let out: Vec<PathTemplateView> = path::templates(&state.db, auth.org)
        .await?
        .into_iter()
        .map(|t| view_with(t, &names, &active, &org))
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
        (status = 422, description = "`validation_failed`: `invalid_path`, `unknown_lesson` or `unknown_scenario`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/paths",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<PathBody>,
) -> Result<HttpResponse, ApiError> {
    let id = template::create(&state.app, &auth.actor(), &draft(&body)?).await?;
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
        (status = 422, description = "`validation_failed`: `invalid_path`, `unknown_lesson` or `unknown_scenario`", body = Problem, content_type = "application/problem+json")
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
    body: Json<PathBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    template::update(&state.app, &auth.actor(), id, &draft(&body)?).await?;
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
    template::archive(&state.app, &auth.actor(), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Write a template in another language: one entry per step, the steps' kinds, content and
/// dates staying the source's. Paths given from then on carry it; paths given before keep
/// the languages they were given in.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    params(
        ("path_id" = uuid::Uuid, Path, description = "Template id"),
        ("locale" = LocaleView, Path, description = "The language of the words")
    ),
    request_body = WordsBody,
    responses(
        (status = 200, description = "Saved; the template as it is now", body = PathTemplateView),
        (status = 404, description = "No such template or language", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_translation` (the source's own language, or not one entry per step)", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/coaching/paths/{path_id}/texts/{locale}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn translate(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(uuid::Uuid, String)>,
    body: Json<WordsBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, locale) = path.into_inner();
    let locale: Locale = locale.parse().map_err(|_| ApiError::NotFound)?;
    language::translate(&state.app, &auth.actor(), id, locale, (&*body).into()).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let t = path::template(&state.db, auth.org, id).await?;
    Ok(HttpResponse::Ok().json(view(&state, auth.org, t, &names).await?))
}
