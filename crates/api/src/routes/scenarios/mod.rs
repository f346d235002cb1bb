//! Scenario authoring (trainers and admins): import a scenario file (JSON, or Twee from
//! Twine), read and save it from the visual editor, validate, publish, archive, export,
//! and see how runs went.

use cinco_app::ErrorCode;
use std::collections::HashSet;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use cinco_domain::OrganisationId;
use cinco_domain::UserId;
use cinco_domain::lesson::Key;
use cinco_domain::scenario::{self, Scenario, play_time, twee};
use cinco_persistence::scenario::{Draft, ScenarioVersion};
use cinco_persistence::{Database, RepoError, authority, competency};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;

pub mod format;
mod lifecycle;
mod outcomes;
pub mod play;

use format::ScenarioFile;
pub use lifecycle::{archive, publish, publish_version};
pub use outcomes::analytics;

/// One problem of a scenario, where it is: the editor shows it on the node.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IssueView {
    /// e.g. `no_start`, `unreachable`, `dangling_choice`, `cycle`, `too_long`,
    /// `unknown_competency`, `unknown_decision`.
    code: String,
    node: Option<String>,
    choice: Option<String>,
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
}

/// The scenario with its version, for the editor.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScenarioDetail {
    version: ScenarioVersionView,
    scenario: ScenarioFile,
}

/// What the organisation's framework and limits know, to check references against.
pub(crate) struct Known {
    competencies: HashSet<String>,
    decisions: HashSet<String>,
}

impl Known {
    pub(crate) async fn load(db: &Database, org: OrganisationId) -> Result<Self, ApiError> {
        Ok(Self {
            competencies: competency::list(db, org, true)
                .await?
                .into_iter()
                .map(|c| c.key.as_str().to_owned())
                .collect(),
            decisions: authority::list(db, org)
                .await?
                .into_iter()
                .map(|d| d.key.as_str().to_owned())
                .collect(),
        })
    }
}

/// The validator's issues, plus references the organisation does not know.
fn check(s: &Scenario, known: &Known) -> Vec<IssueView> {
    let mut issues: Vec<IssueView> = scenario::validate(s)
        .into_iter()
        .map(|i| IssueView {
            code: i.code.as_str().to_owned(),
            node: i.node,
            choice: i.choice,
            message: i.message,
        })
        .collect();
    let unknown = |key: &Key| !known.competencies.contains(key.as_str());
    for k in s.competencies.iter().filter(|k| unknown(k)) {
        issues.push(IssueView {
            code: "unknown_competency".to_owned(),
            node: None,
            choice: None,
            message: format!("no competency `{}` in the framework", k.as_str()),
        });
    }
    for node in &s.nodes {
        for c in node.choices() {
            let at = |code: &str, message: String| IssueView {
                code: code.to_owned(),
                node: Some(node.id.clone()),
                choice: Some(c.id.clone()),
                message,
            };
            for e in c.evidence.iter().filter(|e| unknown(&e.competency)) {
                issues.push(at(
                    "unknown_competency",
                    format!(
                        "reply `{}` of `{}` gives evidence to `{}`, which is not in the framework",
                        c.id,
                        node.id,
                        e.competency.as_str()
                    ),
                ));
            }
            if let Some(a) = c
                .action
                .as_ref()
                .filter(|a| !known.decisions.contains(a.decision.as_str()))
            {
                issues.push(at(
                    "unknown_decision",
                    format!(
                        "reply `{}` of `{}` grants a `{}`, which is not among the authority limits",
                        c.id,
                        node.id,
                        a.decision.as_str()
                    ),
                ));
            }
        }
    }
    issues
}

pub(crate) fn parse_source(v: &ScenarioVersion) -> Result<Scenario, ApiError> {
    read_source(v).map_err(|e| ApiError::internal(anyhow::anyhow!("stored scenario {}: {e}", v.id)))
}

/// A stored scenario's graph, read from its file (the content cache is given this reader).
pub(crate) fn read_source(v: &ScenarioVersion) -> Result<Scenario, String> {
    let file: ScenarioFile = serde_json::from_str(&v.source).map_err(|e| e.to_string())?;
    file.to_domain().map_err(|e| e.message)
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
        issues: check(&s, known),
        review_comment: v.review_comment.clone(),
        updated_at: v.updated_at,
        published_at: v.published_at,
    })
}

/// Stores a scenario as the draft of its variant.
pub async fn store_draft(
    db: &Database,
    org: OrganisationId,
    by: UserId,
    s: &Scenario,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ScenarioVersion, ApiError> {
    let source =
        serde_json::to_string_pretty(&ScenarioFile::from_domain(s)).map_err(ApiError::internal)?;
    // The play time is known once the graph has a start and no loops.
    let estimate = match s.start() {
        Some(start)
            if !scenario::validate(s).iter().any(|i| {
                matches!(
                    i.code,
                    scenario::IssueCode::Cycle
                        | scenario::IssueCode::DanglingChoice
                        | scenario::IssueCode::DuplicateNode
                )
            }) =>
        {
            play_time(s, &start.id).seconds
        }
        _ => 0,
    };
    let draft = Draft {
        key: &s.key,
        locale: s.locale,
        title: &s.title,
        source: &source,
        estimate_seconds: i32::try_from(estimate).unwrap_or(i32::MAX),
    };
    cinco_persistence::scenario::save_draft(db, org, draft, by, now)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => ApiError::Conflict {
                code: ErrorCode::EditConflict,
                detail: "someone saved this scenario at the same time; try again".to_owned(),
            },
            other => other.into(),
        })
}

fn file_error(e: format::FileError) -> ApiError {
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
        (status = 422, description = "`invalid_scenario_file` (the error names the field) or `invalid_twee` (the line)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/scenarios/import", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn import(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<ImportScenario>,
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

/// The newest version of every scenario variant, by title.
#[utoipa::path(
    tag = "scenarios",
    security(("bearer" = ["admin", "trainer"])),
    responses((status = 200, description = "Scenarios", body = Vec<ScenarioVersionView>))
)]
#[get("/scenarios", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let known = Known::load(&state.db, auth.org).await?;
    let versions = cinco_persistence::scenario::list_latest(&state.db, auth.org).await?;
    let views = versions
        .iter()
        .map(|v| view(v, &known))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(views))
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
        (status = 422, description = "`invalid_scenario_file` or `key_changed`", body = Problem, content_type = "application/problem+json")
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
    body: web::Json<ScenarioFile>,
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
