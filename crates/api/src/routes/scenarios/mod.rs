//! Scenario authoring (trainers and admins): import a scenario file (JSON, or Twee from
//! Twine), read and save it from the visual editor, validate, publish, archive, export,
//! and see how runs went.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use cinco_domain::scenario::{Scenario, twee};
use cinco_persistence::scenario::ScenarioVersion;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::Json;
use crate::state::AppState;
use crate::translations::{TranslationView, statuses};

mod lifecycle;
mod outcomes;
pub mod play;

use cinco_app::scenario::file::{self, ScenarioFile};
use cinco_app::scenario::save_draft::store_draft;
use cinco_app::scenario::{Issue, Known, check};
pub use lifecycle::{archive, publish};
pub use outcomes::analytics;

/// One problem of a scenario, where it is: the editor shows it on the node.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IssueView {
    /// e.g. `no_start`, `unreachable`, `dangling_choice`, `cycle`, `too_long`,
    /// `unknown_competency`, `unknown_decision`.
    code: String,
    node: Option<String>,
    choice: Option<String>,
    /// The field at fault, on the node or (with `choice`) on its reply: `text`, `outcome`,
    /// `replies`, `next`, `feedback`, `evidence`, `sentiment`, `amount` or `decision`.
    field: Option<&'static str>,
    /// In English, for logs and tools; screens translate `code` (with `field`) instead.
    message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScenarioVersionView {
    id: uuid::Uuid,
    key: String,
    locale: &'static str,
    version: i32,
    /// `draft`, `in_review`, `published` or `archived`.
    status: &'static str,
    title: String,
    /// Play time of the longest path: words at 180 a minute + 5 s per decision.
    estimate_seconds: i32,
    competencies: Vec<String>,
    /// What stops it from being published; empty when it can be.
    issues: Vec<IssueView>,
    review_comment: Option<String>,
    updated_at: chrono::DateTime<chrono::Utc>,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    /// In the list only: how this language stands against the scenario's source language.
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<TranslationView>,
}

/// The scenario with its version, for the editor.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScenarioDetail {
    version: ScenarioVersionView,
    scenario: ScenarioFile,
}

pub(crate) fn parse_source(v: &ScenarioVersion) -> Result<Scenario, ApiError> {
    Ok(cinco_app::scenario::parse(v)?)
}

impl From<Issue> for IssueView {
    fn from(i: Issue) -> Self {
        Self {
            code: i.code.to_owned(),
            node: i.node,
            choice: i.choice,
            field: i.field,
            message: i.message,
        }
    }
}

pub(crate) fn view(v: &ScenarioVersion, known: &Known) -> Result<ScenarioVersionView, ApiError> {
    let s = parse_source(v)?;
    Ok(ScenarioVersionView {
        id: v.id,
        key: v.key.as_str().to_owned(),
        locale: v.locale.code(),
        version: v.version,
        status: v.status.as_str(),
        title: v.title.clone(),
        estimate_seconds: v.estimate_seconds,
        competencies: s
            .competencies
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect(),
        issues: check(&s, known).into_iter().map(IssueView::from).collect(),
        review_comment: v.review_comment.clone(),
        updated_at: v.updated_at,
        published_at: v.published_at,
        translation: None,
    })
}

fn file_error(e: file::FileError) -> ApiError {
    ApiError::Validation {
        detail: format!("{}: {}", e.path, e.message),
        errors: vec![FieldError {
            field: e.path,
            code: "invalid_scenario_file".to_owned(),
            message: e.message,
        }],
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ImportScenario {
    /// A scenario file (docs/scenario-format.md).
    #[serde(default)]
    scenario: Option<ScenarioFile>,
    /// Or a Twee 3 file exported from Twine, following the conventions in the same document.
    #[serde(default)]
    twee: Option<String>,
}

/// Import a scenario (JSON or Twee). It becomes the draft of its variant: a draft is
/// replaced, a published version stays and a new draft version follows it. The answer lists
/// what would stop it from being published.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    request_body = ImportScenario,
    responses(
        (status = 200, description = "Stored as a draft", body = ScenarioVersionView),
        (status = 422, description = "`validation_failed`: `invalid_scenario_file` (the error names the field), `invalid_twee` (the line) or `one_source` (neither or both sent)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/scenarios/import", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn import(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<ImportScenario>,
) -> Result<HttpResponse, ApiError> {
    let s = match (&body.scenario, &body.twee) {
        (Some(file), None) => file.to_domain().map_err(file_error)?,
        (None, Some(source)) => twee::parse(source).map_err(|e| ApiError::Validation {
            detail: e.to_string(),
            errors: vec![FieldError {
                field: "twee".to_owned(),
                code: "invalid_twee".to_owned(),
                message: e.to_string(),
            }],
        })?,
        _ => {
            return Err(ApiError::field(
                "scenario",
                "one_source",
                "send either `scenario` (JSON) or `twee`",
            ));
        }
    };
    let version = store_draft(
        &state.db,
        auth.org,
        auth.user_id,
        &s,
        state.settings.clock.now(),
    )
    .await?;
    let known = Known::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(view(&version, &known)?))
}

/// The newest version of every scenario variant, by title; each says which languages its
/// scenario still misses and whether it is out of date against the source.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    responses((status = 200, description = "Scenarios", body = Vec<ScenarioVersionView>))
)]
#[get("/scenarios", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let known = Known::load(&state.db, auth.org).await?;
    let (versions, origins) =
        cinco_persistence::scenario::list_latest_with_origins(&state.db, auth.org).await?;
    let org = cinco_persistence::organisation::get(&state.db, auth.org).await?;
    let mut statuses = statuses(
        &versions,
        &origins,
        &org.offered_locales,
        org.default_locale,
    );
    let views = versions
        .iter()
        .map(|v| {
            Ok(ScenarioVersionView {
                translation: statuses.remove(&(v.key.clone(), v.locale)),
                ..view(v, &known)?
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(HttpResponse::Ok().json(views))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TranslateScenario {
    /// The new variant's language.
    locale: crate::states::LocaleView,
}

/// Start a translation: a copy of this version as the draft of the same scenario in another
/// language, to translate in the editor (the graph, replies' effects and actions stay as in
/// the source). An existing variant is never overwritten.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    params(("scenario_version_id" = uuid::Uuid, Path, description = "The source version")),
    request_body = TranslateScenario,
    responses(
        (status = 201, description = "The new draft", body = ScenarioVersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`lesson_exists`: the scenario already exists in that language", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/scenario-versions/{scenario_version_id}/translate",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn translate(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<TranslateScenario>,
) -> Result<HttpResponse, ApiError> {
    let v = cinco_app::scenario::translate::start(
        &state.app,
        &auth.actor(),
        path.into_inner(),
        body.locale.into(),
    )
    .await?;
    let known = Known::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Created().json(view(&v, &known)?))
}

/// A version with its whole scenario, for the editor.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    params(("scenario_version_id" = uuid::Uuid, Path, description = "Scenario version id")),
    responses(
        (status = 200, description = "The scenario", body = ScenarioDetail),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/scenario-versions/{scenario_version_id}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let version = cinco_persistence::scenario::get(&state.db, auth.org, path.into_inner()).await?;
    let known = Known::load(&state.db, auth.org).await?;
    let s = parse_source(&version)?;
    Ok(HttpResponse::Ok().json(ScenarioDetail {
        version: view(&version, &known)?,
        scenario: ScenarioFile::from_domain(&s),
    }))
}

/// Save the editor's scenario over this version's variant: the draft is replaced, or a new
/// draft version follows a version that is in review, published or archived. The key and
/// language stay those of the version.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    params(("scenario_version_id" = uuid::Uuid, Path, description = "Scenario version id")),
    request_body = ScenarioFile,
    responses(
        (status = 200, description = "Saved as a draft", body = ScenarioDetail),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_scenario_file` or `key_changed`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/scenario-versions/{scenario_version_id}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn save(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<ScenarioFile>,
) -> Result<HttpResponse, ApiError> {
    let current = cinco_persistence::scenario::get(&state.db, auth.org, path.into_inner()).await?;
    let s = body.to_domain().map_err(file_error)?;
    if s.key != current.key || s.locale != current.locale {
        return Err(ApiError::field(
            "key",
            "key_changed",
            "the key and language of a scenario stay as they are: import it as a new one instead",
        ));
    }
    let saved = store_draft(
        &state.db,
        auth.org,
        auth.user_id,
        &s,
        state.settings.clock.now(),
    )
    .await?;
    let known = Known::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(ScenarioDetail {
        version: view(&saved, &known)?,
        scenario: ScenarioFile::from_domain(&s),
    }))
}

/// The scenario file, to keep in git or edit elsewhere.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    params(("scenario_version_id" = uuid::Uuid, Path, description = "Scenario version id")),
    responses(
        (status = 200, description = "The scenario file", body = ScenarioFile),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/scenario-versions/{scenario_version_id}/export",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn export(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let version = cinco_persistence::scenario::get(&state.db, auth.org, path.into_inner()).await?;
    let file = format!("{}.{}.json", version.key.as_str(), version.locale);
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"{file}\""),
        ))
        .body(version.source))
}
