//! Importing KPI values: a CSV with its column mapping (checked first, every bad row listed
//! with its line and reason, then stored), and rows as JSON or NDJSON from other systems.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use cinco_app::results::import::{self, Checked, Lookup, Mapping, Mode, RawRow, Source};
use cinco_persistence::results::{self, Import};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct MappingBody {
    /// The column with the agent's address. Map it, `external_id`, or both: a row with an
    /// address is matched by it, one without by its external id.
    #[serde(default)]
    #[schema(min_length = 1)]
    agent: Option<String>,
    /// The column with the agent's external id (what the WFM or dialler calls them).
    #[serde(default)]
    #[schema(min_length = 1)]
    external_id: Option<String>,
    /// The column with the metric's key (`aht`, `fcr`, `csat`, `qa` or the organisation's).
    #[schema(min_length = 1)]
    metric: String,
    /// The column with the period: a day (`2026-11-30`) or an ISO week (`2026-W49`).
    #[schema(min_length = 1)]
    period: String,
    /// The column with the value.
    #[schema(min_length = 1)]
    value: String,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Store nothing unless every row is valid.
    All,
    /// Store the valid rows; the others are listed and left out.
    ValidOnly,
}

impl From<ImportMode> for Mode {
    fn from(m: ImportMode) -> Self {
        match m {
            ImportMode::All => Mode::All,
            ImportMode::ValidOnly => Mode::ValidOnly,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CsvImportBody {
    /// The file's text (UTF-8, comma-separated, a header row first).
    csv: String,
    /// Shown in the import history.
    #[serde(default)]
    #[schema(max_length = 200)]
    file_name: Option<String>,
    mapping: MappingBody,
    /// Only when storing: `all` or `valid_only`.
    #[serde(default)]
    mode: Option<ImportMode>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RowProblemView {
    /// The row's line in the file (the header is line 1), or its position in a list.
    line: usize,
    /// `unknown_agent`, `unknown_metric`, `invalid_period`, `invalid_value`,
    /// `out_of_range` or `duplicate_row`.
    code: &'static str,
    message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewView {
    rows: usize,
    valid: usize,
    /// Every refused row, in file order.
    problems: Vec<RowProblemView>,
}

impl From<&Checked> for PreviewView {
    fn from(c: &Checked) -> Self {
        Self {
            rows: c.total,
            valid: c.values.len(),
            problems: c
                .problems
                .iter()
                .map(|p| RowProblemView {
                    line: p.line,
                    code: p.code,
                    message: p.message.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportView {
    id: uuid::Uuid,
    /// `csv`, `api` or `cli`.
    source: String,
    file_name: String,
    rows_total: i32,
    rows_imported: i32,
    rows_rejected: i32,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Import> for ImportView {
    fn from(i: &Import) -> Self {
        Self {
            id: i.id,
            source: i.source.clone(),
            file_name: i.file_name.clone(),
            rows_total: i.rows_total,
            rows_imported: i.rows_imported,
            rows_rejected: i.rows_rejected,
            created_at: i.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedView {
    import: ImportView,
    /// The rows left out (with `valid_only`).
    problems: Vec<RowProblemView>,
}

async fn check_csv(
    state: &AppState,
    auth: &AuthUser,
    body: &CsvImportBody,
) -> Result<Checked, ApiError> {
    let mapping = Mapping {
        agent: body.mapping.agent.clone(),
        external_id: body.mapping.external_id.clone(),
        metric: body.mapping.metric.clone(),
        period: body.mapping.period.clone(),
        value: body.mapping.value.clone(),
    };
    let rows = import::read_csv(&body.csv, &mapping)?;
    let lookup = Lookup::for_actor(&state.app, &auth.actor()).await?;
    Ok(lookup.check(&state.app, &rows).await?)
}

/// Check a CSV without storing anything: every refused row with its line and reason.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    request_body = CsvImportBody,
    responses(
        (status = 200, description = "What would be stored", body = PreviewView),
        (status = 400, description = "`invalid_csv`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`unknown_column` (a mapped column is missing), `no_agent_column` (neither `agent` nor `external_id` is mapped) or `too_many_rows` (over 20,000)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/results/imports/preview",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn preview(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CsvImportBody>,
) -> Result<HttpResponse, ApiError> {
    let checked = check_csv(&state, &auth, &body).await?;
    Ok(HttpResponse::Ok().json(PreviewView::from(&checked)))
}

/// Store a CSV: every row (`all`, the default: nothing if one is refused) or the valid ones
/// (`valid_only`). A value for the same agent, metric and period replaces the one before.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    request_body = CsvImportBody,
    responses(
        (status = 201, description = "Stored", body = ImportedView),
        (status = 400, description = "`invalid_csv`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` (with `all`, each refused line in `errors`), `unknown_column`, `no_agent_column` or `too_many_rows`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/results/imports", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CsvImportBody>,
) -> Result<HttpResponse, ApiError> {
    let checked = check_csv(&state, &auth, &body).await?;
    let stored = import::store(
        &state.app,
        auth.org,
        Some(auth.user_id),
        &checked,
        body.mode.unwrap_or(ImportMode::All).into(),
        Source::Csv,
        body.file_name.as_deref().unwrap_or("upload.csv"),
    )
    .await?;
    Ok(HttpResponse::Created().json(ImportedView {
        import: ImportView::from(&stored),
        problems: PreviewView::from(&checked).problems,
    }))
}

/// One value from another system. The agent is named by `agent` (their address) or
/// `external_id`; with both, the address is used.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ValueRow {
    /// The agent's address.
    #[serde(default)]
    agent: Option<String>,
    /// The agent's external id, for rows without an address.
    #[serde(default)]
    external_id: Option<String>,
    metric: String,
    /// `2026-11-30` or `2026-W49`.
    period: String,
    value: f64,
}

/// Store values sent by another system: a JSON array of rows (`application/json`) or one
/// row per line (`application/x-ndjson`). Rows that are refused are listed and left out;
/// the others are stored, replacing earlier values for the same agent, metric and period.
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    request_body(content = Vec<ValueRow>, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored", body = ImportedView),
        (status = 400, description = "`malformed_json`: a row (or line) is not a value row", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported_media_type`: neither JSON nor NDJSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`too_many_rows` (over 20,000)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/results/values", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn values(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let malformed = |e: serde_json::Error| ApiError::BadRequest {
        code: cinco_app::ErrorCode::MalformedJson,
        detail: format!("not a list of value rows: {e}"),
    };
    let rows: Vec<ValueRow> = match content_type.as_str() {
        "application/json" => serde_json::from_slice(&body).map_err(malformed)?,
        "application/x-ndjson" => body
            .split(|b| *b == b'\n')
            .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
            .map(serde_json::from_slice)
            .collect::<Result<_, _>>()
            .map_err(malformed)?,
        _ => return Err(ApiError::UnsupportedMediaType),
    };
    if rows.len() > import::MAX_ROWS {
        return Err(ApiError::field(
            "rows",
            "too_many_rows",
            format!("at most {} rows at once", import::MAX_ROWS),
        ));
    }
    let raw: Vec<RawRow> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| RawRow {
            line: i + 1,
            agent: r.agent.unwrap_or_default(),
            external_id: r.external_id.unwrap_or_default(),
            metric: r.metric,
            period: r.period,
            value: r.value.to_string(),
        })
        .collect();
    let lookup = Lookup::for_actor(&state.app, &auth.actor()).await?;
    let checked = lookup.check(&state.app, &raw).await?;
    let stored = import::store(
        &state.app,
        auth.org,
        Some(auth.user_id),
        &checked,
        Mode::ValidOnly,
        Source::Api,
        "api",
    )
    .await?;
    Ok(HttpResponse::Created().json(ImportedView {
        import: ImportView::from(&stored),
        problems: PreviewView::from(&checked).problems,
    }))
}

/// The organisation's imports, newest first (the last 100).
#[utoipa::path(
    tag = "results",
    security(("bearer" = ["admin", "lead"])),
    responses((status = 200, description = "Newest first", body = Vec<ImportView>))
)]
#[get("/results/imports", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let imports = results::imports(&state.db, auth.org, 100).await?;
    Ok(HttpResponse::Ok().json(imports.iter().map(ImportView::from).collect::<Vec<_>>()))
}
