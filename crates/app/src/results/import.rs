//! Importing KPI values: rows are checked one by one (each refusal names its line and why),
//! then stored all at once, or only the valid ones, as the person chooses. A value for the
//! same agent, metric and period replaces the one before, so importing a file again changes
//! nothing.
//!
//! A row names its agent by address, by external id (what the WFM or dialler calls them), or
//! both: when a row has an address it is matched by the address alone, otherwise by the
//! external id.

use std::collections::{HashMap, HashSet};

use cinco_domain::UserId;
use cinco_domain::results::{MetricKey, Period};
use cinco_domain::user::ExternalId;
use cinco_persistence::results::{self, Import, Metric, NewValue};
use cinco_persistence::user;

use crate::path::scope;
use crate::{Actor, App, AppError, ErrorCode};

/// Rows one import may carry through the API (bigger files go through `import-kpis`).
pub const MAX_ROWS: usize = 20_000;

/// One row as it arrived: which agent, metric and period, and the value, all as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    /// Where it was in the file (the header is line 1), or its position in a list.
    pub line: usize,
    /// The agent's address; blank when the row names them by external id.
    pub agent: String,
    /// The agent's external id; used when the row has no address.
    pub external_id: String,
    pub metric: String,
    pub period: String,
    pub value: String,
}

/// Which column of a CSV holds what (by header name). At least one of `agent` (the address)
/// and `external_id` is named; with both, a row's address wins when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub agent: Option<String>,
    pub external_id: Option<String>,
    pub metric: String,
    pub period: String,
    pub value: String,
}

/// A row refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    pub code: &'static str,
    pub message: String,
}

/// The outcome of checking rows: what would be stored, and what not.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub total: usize,
    pub values: Vec<NewValue>,
    pub problems: Vec<RowProblem>,
}

/// Where each mapped column is in a file's header.
struct Columns {
    agent: Option<usize>,
    external_id: Option<usize>,
    metric: usize,
    period: usize,
    value: usize,
}

impl Columns {
    /// Finds the mapped columns (names compare without case); a missing one is refused, and
    /// so is a mapping that names neither an address nor an external id column.
    fn find(headers: &csv::StringRecord, mapping: &Mapping) -> Result<Self, AppError> {
        let column = |field: &str, name: &str| {
            headers
                .iter()
                .position(|h| {
                    h.trim_start_matches('\u{feff}')
                        .eq_ignore_ascii_case(name.trim())
                })
                .ok_or_else(|| {
                    AppError::field(
                        &format!("mapping.{field}"),
                        "unknown_column",
                        format!("the file has no column named {name:?}"),
                    )
                })
        };
        let named = |name: &Option<String>| name.clone().filter(|n| !n.trim().is_empty());
        let (agent, external_id) = (named(&mapping.agent), named(&mapping.external_id));
        if agent.is_none() && external_id.is_none() {
            return Err(AppError::field(
                "mapping.agent",
                "no_agent_column",
                "name the column with the agent's address, the one with their external id, or both",
            ));
        }
        Ok(Self {
            agent: agent.map(|n| column("agent", &n)).transpose()?,
            external_id: external_id.map(|n| column("external_id", &n)).transpose()?,
            metric: column("metric", &mapping.metric)?,
            period: column("period", &mapping.period)?,
            value: column("value", &mapping.value)?,
        })
    }

    fn row(&self, record: &csv::StringRecord, line: usize) -> RawRow {
        let get = |at: Option<usize>| {
            at.and_then(|at| record.get(at))
                .unwrap_or_default()
                .to_owned()
        };
        RawRow {
            line,
            agent: get(self.agent),
            external_id: get(self.external_id),
            metric: get(Some(self.metric)),
            period: get(Some(self.period)),
            value: get(Some(self.value)),
        }
    }
}

/// Reads CSV text into rows, taking each field from the column `mapping` names. A file that
/// is not CSV, lacks a mapped column or has too many rows is refused whole.
pub fn read_csv(text: &str, mapping: &Mapping) -> Result<Vec<RawRow>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().map_err(bad_csv)?.clone();
    let columns = Columns::find(&headers, mapping)?;
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(bad_csv)?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(AppError::field(
                "csv",
                "too_many_rows",
                format!("at most {MAX_ROWS} rows at once; use the import-kpis command for more"),
            ));
        }
        let line = record.position().map_or(i + 2, |p| p.line() as usize);
        rows.push(columns.row(&record, line));
    }
    Ok(rows)
}

fn bad_csv(err: csv::Error) -> AppError {
    AppError::Rejected {
        code: ErrorCode::InvalidCsv,
        detail: format!("the file could not be read as CSV: {err}"),
    }
}

/// What rows are checked against: the agents the actor may import for (by address here; by
/// external id as each batch of rows asks), and the organisation's metrics by key.
#[derive(Debug)]
pub struct Lookup {
    org: cinco_domain::OrganisationId,
    scope: Option<HashSet<UserId>>,
    agents: HashMap<String, UserId>,
    metrics: HashMap<MetricKey, Metric>,
}

impl Lookup {
    /// Admins import for everyone; leads for the agents of the teams they lead.
    pub async fn for_actor(app: &App, actor: &Actor) -> Result<Self, AppError> {
        let scope = scope::coachable(&app.db, actor).await?;
        Self::load(app, actor.org, scope).await
    }

    /// Everyone of `org` (the import command), or only `scope`.
    pub async fn load(
        app: &App,
        org: cinco_domain::OrganisationId,
        scope: Option<HashSet<UserId>>,
    ) -> Result<Self, AppError> {
        let mut agents = user::ids_by_email(&app.db, org).await?;
        if let Some(scope) = &scope {
            agents.retain(|_, id| scope.contains(id));
        }
        let metrics = results::metrics(&app.db, org, app.clock.now())
            .await?
            .into_iter()
            .map(|m| (m.def.key.clone(), m))
            .collect();
        Ok(Self {
            org,
            scope,
            agents,
            metrics,
        })
    }

    /// Checks rows; within them, the same agent, metric and period twice is refused the
    /// second time. The external ids the rows name are looked up together (one query per
    /// thousand ids), never row by row.
    pub async fn check(&self, app: &App, rows: &[RawRow]) -> Result<Checked, AppError> {
        let wanted: HashSet<ExternalId> = rows
            .iter()
            .filter(|r| r.agent.trim().is_empty())
            .filter_map(|r| ExternalId::parse(&r.external_id).ok())
            .collect();
        let mut by_external_id = if wanted.is_empty() {
            HashMap::new()
        } else {
            let wanted: Vec<ExternalId> = wanted.into_iter().collect();
            user::ids_by_external_id(&app.db, self.org, &wanted).await?
        };
        if let Some(scope) = &self.scope {
            by_external_id.retain(|_, id| scope.contains(id));
        }
        Ok(self.check_with(rows, &by_external_id))
    }

    fn check_with(&self, rows: &[RawRow], by_external_id: &HashMap<ExternalId, UserId>) -> Checked {
        let mut checked = Checked {
            total: rows.len(),
            ..Checked::default()
        };
        let mut seen: HashMap<(UserId, uuid::Uuid, Period), usize> = HashMap::new();
        for row in rows {
            match self.check_row(row, by_external_id) {
                Ok(value) => match seen.get(&(value.user, value.metric, value.period)) {
                    Some(first) => checked.problems.push(RowProblem {
                        line: row.line,
                        code: "duplicate_row",
                        message: format!("the same agent, metric and period as line {first}"),
                    }),
                    None => {
                        seen.insert((value.user, value.metric, value.period), row.line);
                        checked.values.push(value);
                    }
                },
                Err((code, message)) => checked.problems.push(RowProblem {
                    line: row.line,
                    code,
                    message,
                }),
            }
        }
        checked
    }

    fn check_row(
        &self,
        row: &RawRow,
        by_external_id: &HashMap<ExternalId, UserId>,
    ) -> Result<NewValue, (&'static str, String)> {
        let user = self.agent(row, by_external_id)?;
        let key = MetricKey::parse(&row.metric)
            .map_err(|_| ("unknown_metric", format!("no metric {:?}", row.metric)))?;
        let metric = self
            .metrics
            .get(&key)
            .ok_or_else(|| ("unknown_metric", format!("no metric {:?}", row.metric)))?;
        let period = Period::parse(&row.period).map_err(|e| (e.code(), e.to_string()))?;
        let value: f64 = row
            .value
            .trim()
            .replace(',', ".")
            .parse()
            .map_err(|_| ("invalid_value", format!("{:?} is not a number", row.value)))?;
        let value = metric.def.check(value).map_err(|e| {
            let range = match (metric.def.minimum, metric.def.maximum) {
                (Some(a), Some(b)) => format!(" ({a}–{b})"),
                _ => String::new(),
            };
            (e.code(), format!("{}{range}", e))
        })?;
        Ok(NewValue {
            user,
            metric: metric.id,
            period,
            value,
        })
    }

    /// The row's agent: by address when it has one, otherwise by external id.
    fn agent(
        &self,
        row: &RawRow,
        by_external_id: &HashMap<ExternalId, UserId>,
    ) -> Result<UserId, (&'static str, String)> {
        let email = row.agent.trim().to_lowercase();
        if !email.is_empty() {
            return self.agents.get(&email).copied().ok_or_else(|| {
                (
                    "unknown_agent",
                    format!(
                        "no agent {:?} among the people you may import for",
                        row.agent
                    ),
                )
            });
        }
        if row.external_id.trim().is_empty() {
            return Err((
                "unknown_agent",
                "the row names no agent (neither an address nor an external id)".to_owned(),
            ));
        }
        ExternalId::parse(&row.external_id)
            .ok()
            .and_then(|id| by_external_id.get(&id).copied())
            .ok_or_else(|| {
                (
                    "unknown_agent",
                    format!(
                        "no agent with the external id {:?} among the people you may import for",
                        row.external_id
                    ),
                )
            })
    }
}

/// Whether to store the rows only if every one is valid, or the valid ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    All,
    ValidOnly,
}

/// Where an import came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Csv,
    Api,
    Cli,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Csv => "csv",
            Source::Api => "api",
            Source::Cli => "cli",
        }
    }
}

/// Stores checked rows in one transaction and records the import; with [`Mode::All`] a
/// single refused row stores nothing (422, each refused line named).
pub async fn store(
    app: &App,
    org: cinco_domain::OrganisationId,
    by: Option<UserId>,
    checked: &Checked,
    mode: Mode,
    source: Source,
    file_name: &str,
) -> Result<Import, AppError> {
    if mode == Mode::All && !checked.problems.is_empty() {
        return Err(AppError::Invalid {
            detail: format!(
                "{} of {} rows were refused; nothing was stored",
                checked.problems.len(),
                checked.total
            ),
            problems: checked
                .problems
                .iter()
                .take(100)
                .map(|p| crate::error::FieldProblem {
                    field: format!("line {}", p.line),
                    code: p.code,
                    message: p.message.clone(),
                })
                .collect(),
        });
    }
    let now = app.clock.now();
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let import = Import {
        id: uuid::Uuid::now_v7(),
        created_by: by,
        source: source.as_str().to_owned(),
        file_name: file_name.to_owned(),
        rows_total: count(checked.total),
        rows_imported: count(checked.values.len()),
        rows_rejected: count(checked.problems.len()),
        created_at: now,
    };
    let tx = app.db.begin().await?;
    results::upsert_values(&tx, org, &checked.values, Some(import.id), now).await?;
    results::record_import(&tx, org, &import).await?;
    qa_results(app, &tx, org, by, &checked.values, now).await?;
    tx.commit().await?;
    Ok(import)
}

/// Tells the QA loop of the values of metrics linked to a competency: one event per agent
/// and competency (the lowest value), so the work is bounded by agents × linked metrics
/// whatever the number of rows, and nothing at all while the loop is off.
async fn qa_results(
    app: &App,
    ex: &impl cinco_persistence::Executor,
    org: cinco_domain::OrganisationId,
    by: Option<UserId>,
    values: &[NewValue],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    if !cinco_persistence::coaching::loop_settings(ex, org)
        .await?
        .enabled
    {
        return Ok(());
    }
    let linked: HashMap<uuid::Uuid, String> = results::metrics(ex, org, at)
        .await?
        .into_iter()
        .filter_map(|m| m.competency.map(|c| (m.id, c)))
        .collect();
    if linked.is_empty() {
        return Ok(());
    }
    let mut lowest: std::collections::BTreeMap<(UserId, &str), f64> =
        std::collections::BTreeMap::new();
    for v in values {
        if let Some(c) = linked.get(&v.metric) {
            let e = lowest.entry((v.user, c.as_str())).or_insert(v.value);
            *e = e.min(v.value);
        }
    }
    for ((user, competency), value) in lowest {
        #[allow(clippy::cast_possible_truncation)]
        let percent = value.floor().clamp(-1.0, 1000.0) as i32;
        let event = cinco_domain::learning::LearningEvent::QaScored {
            org,
            user,
            by: by.unwrap_or(user),
            competency: competency.to_owned(),
            percent,
            at,
        };
        crate::learning::publish(app, ex, &event).await?;
    }
    Ok(())
}

/// Rows checked and stored together by [`stream`].
const STREAM_CHUNK: usize = 5_000;
/// Refused rows [`stream`] keeps to report (it counts them all).
const STREAM_PROBLEMS: usize = 1_000;

/// Imports a CSV of any size for everyone of `org` (the `import-kpis` command), reading it
/// [`STREAM_CHUNK`] rows at a time so memory stays flat: each chunk is checked and its
/// valid rows stored in one transaction; refused rows are counted (the first
/// [`STREAM_PROBLEMS`] are returned). `progress` hears the bytes read after each chunk.
/// A duplicate within a chunk is refused; across chunks the later row wins. The table's
/// statistics are refreshed at the end.
pub async fn stream<R: std::io::Read>(
    app: &App,
    org: cinco_domain::OrganisationId,
    reader: R,
    mapping: &Mapping,
    file_name: &str,
    mut progress: impl FnMut(u64),
) -> Result<(Import, Vec<RowProblem>), AppError> {
    let lookup = Lookup::load(app, org, None).await?;
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let headers = csv.headers().map_err(bad_csv)?.clone();
    let columns = Columns::find(&headers, mapping)?;
    let now = app.clock.now();
    let import_id = uuid::Uuid::now_v7();
    let (mut total, mut stored, mut refused) = (0usize, 0usize, 0usize);
    let mut problems = Vec::new();
    let mut chunk = Vec::with_capacity(STREAM_CHUNK);
    let mut records = csv.records();
    loop {
        let next = records.next();
        let done = next.is_none();
        if let Some(record) = next {
            let record = record.map_err(bad_csv)?;
            if record.iter().all(str::is_empty) {
                continue;
            }
            let line = record.position().map_or(0, |p| p.line() as usize);
            chunk.push(columns.row(&record, line));
        }
        if chunk.len() == STREAM_CHUNK || (done && !chunk.is_empty()) {
            let checked = lookup.check(app, &chunk).await?;
            total += checked.total;
            stored += checked.values.len();
            refused += checked.problems.len();
            let room = STREAM_PROBLEMS.saturating_sub(problems.len());
            problems.extend(checked.problems.into_iter().take(room));
            let tx = app.db.begin().await?;
            results::upsert_values(&tx, org, &checked.values, Some(import_id), now).await?;
            qa_results(app, &tx, org, None, &checked.values, now).await?;
            tx.commit().await?;
            chunk.clear();
            progress(records.reader().position().byte());
        }
        if done {
            break;
        }
    }
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let import = Import {
        id: import_id,
        created_by: None,
        source: Source::Cli.as_str().to_owned(),
        file_name: file_name.to_owned(),
        rows_total: count(total),
        rows_imported: count(stored),
        rows_rejected: count(refused),
        created_at: now,
    };
    results::record_import(&app.db, org, &import).await?;
    // The table may have grown many times over: the planner must know before the next read.
    results::refresh_statistics(&app.db).await?;
    Ok((import, problems))
}
