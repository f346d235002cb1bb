//! Results: metrics, their values per agent and period, and the imports that brought them.

use chrono::{DateTime, NaiveDate, Utc};
use cinco_domain::results::{Direction, MetricDef, MetricKey, Period, PeriodKind, built_in};
use cinco_domain::{OrganisationId, UserId};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entities::{kpi_imports, kpi_metrics, kpi_values};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A metric as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub id: uuid::Uuid,
    pub def: MetricDef,
    pub built_in: bool,
    /// The competency its values measure (in percent), for the QA loop.
    pub competency: Option<String>,
}

fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "higher",
        Direction::LowerIsBetter => "lower",
    }
}

fn to_metric(row: kpi_metrics::Model) -> Result<Metric, RepoError> {
    let direction = match row.direction.as_str() {
        "higher" => Direction::HigherIsBetter,
        "lower" => Direction::LowerIsBetter,
        _ => return Err(corrupt("kpi_metrics", "direction")),
    };
    let key = MetricKey::parse(&row.key).map_err(|_| corrupt("kpi_metrics", "key"))?;
    let built_in = built_in().iter().any(|b| b.key == key);
    Ok(Metric {
        id: row.id,
        def: MetricDef {
            key,
            name: row.name,
            unit: row.unit,
            direction,
            minimum: row.minimum,
            maximum: row.maximum,
        },
        built_in,
        competency: row.competency_key,
    })
}

fn row_of(
    id: uuid::Uuid,
    org: OrganisationId,
    def: &MetricDef,
    now: DateTime<Utc>,
) -> kpi_metrics::ActiveModel {
    kpi_metrics::ActiveModel {
        id: Set(id),
        organisation_id: Set(org.as_uuid()),
        key: Set(def.key.as_str().to_owned()),
        name: Set(def.name.clone()),
        unit: Set(def.unit.clone()),
        direction: Set(direction_name(def.direction).to_owned()),
        minimum: Set(def.minimum),
        maximum: Set(def.maximum),
        competency_key: Set(None),
        created_at: Set(now),
    }
}

/// The organisation's metrics, built-in first, then its own by key. The built-in ones are
/// stored the first time they are asked for.
pub async fn metrics(
    ex: &impl Executor,
    org: OrganisationId,
    now: DateTime<Utc>,
) -> Result<Vec<Metric>, RepoError> {
    let rows = kpi_metrics::Entity::find()
        .filter(kpi_metrics::Column::OrganisationId.eq(org.as_uuid()))
        .all(ex.conn())
        .await?;
    let missing: Vec<_> = built_in()
        .into_iter()
        .filter(|b| !rows.iter().any(|r| r.key == b.key.as_str()))
        .map(|b| row_of(uuid::Uuid::now_v7(), org, &b, now))
        .collect();
    let rows = if missing.is_empty() {
        rows
    } else {
        kpi_metrics::Entity::insert_many(missing)
            .on_conflict_do_nothing_on([
                kpi_metrics::Column::OrganisationId,
                kpi_metrics::Column::Key,
            ])
            .exec_without_returning(ex.conn())
            .await?;
        kpi_metrics::Entity::find()
            .filter(kpi_metrics::Column::OrganisationId.eq(org.as_uuid()))
            .all(ex.conn())
            .await?
    };
    let mut metrics = rows
        .into_iter()
        .map(to_metric)
        .collect::<Result<Vec<_>, _>>()?;
    let order: Vec<MetricKey> = built_in().into_iter().map(|b| b.key).collect();
    metrics.sort_by_key(|m| {
        (
            order
                .iter()
                .position(|k| *k == m.def.key)
                .unwrap_or(order.len()),
            m.def.key.clone(),
        )
    });
    Ok(metrics)
}

/// One of the organisation's metrics; `NotFound` when it has none with that id.
pub async fn metric(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Metric, RepoError> {
    kpi_metrics::Entity::find_by_id(id)
        .filter(kpi_metrics::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
        .and_then(to_metric)
}

/// Adds a metric of the organisation's own; `Conflict("kpi_metrics.key")` when the key is
/// taken.
pub async fn add_metric(
    ex: &impl Executor,
    org: OrganisationId,
    def: &MetricDef,
    now: DateTime<Utc>,
) -> Result<Metric, RepoError> {
    let id = uuid::Uuid::now_v7();
    kpi_metrics::Entity::insert(row_of(id, org, def, now))
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("kpi_metrics.key"))?;
    Ok(Metric {
        id,
        def: def.clone(),
        built_in: false,
        competency: None,
    })
}

/// Links a metric to the competency its values measure, or unlinks it (`None`).
pub async fn set_metric_competency(
    ex: &impl Executor,
    org: OrganisationId,
    metric: uuid::Uuid,
    competency: Option<&str>,
) -> Result<(), RepoError> {
    kpi_metrics::Entity::update_many()
        .col_expr(
            kpi_metrics::Column::CompetencyKey,
            sea_orm::sea_query::Expr::value(competency.map(str::to_owned)),
        )
        .filter(kpi_metrics::Column::OrganisationId.eq(org.as_uuid()))
        .filter(kpi_metrics::Column::Id.eq(metric))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// One value to store.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewValue {
    pub user: UserId,
    pub metric: uuid::Uuid,
    pub period: Period,
    pub value: f64,
}

/// Rows written per statement.
const CHUNK: usize = 500;

/// Stores values, replacing any for the same agent, metric and period. A value equal to the
/// one stored is left as it is (with the import that brought it), so importing a file again
/// writes nothing: no new row versions on PostgreSQL, no pages rewritten on SQLite.
pub async fn upsert_values(
    ex: &impl Executor,
    org: OrganisationId,
    values: &[NewValue],
    import: Option<uuid::Uuid>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    for chunk in values.chunks(CHUNK) {
        let rows = chunk.iter().map(|v| kpi_values::ActiveModel {
            organisation_id: Set(org.as_uuid()),
            user_id: Set(v.user.as_uuid()),
            metric_id: Set(v.metric),
            period_kind: Set(v.period.kind.as_str().to_owned()),
            period_start: Set(v.period.start),
            value: Set(v.value),
            import_id: Set(import),
            updated_at: Set(now),
        });
        kpi_values::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    kpi_values::Column::OrganisationId,
                    kpi_values::Column::UserId,
                    kpi_values::Column::MetricId,
                    kpi_values::Column::PeriodKind,
                    kpi_values::Column::PeriodStart,
                ])
                .update_columns([
                    kpi_values::Column::Value,
                    kpi_values::Column::ImportId,
                    kpi_values::Column::UpdatedAt,
                ])
                .action_and_where(ExprTrait::ne(
                    Expr::col((kpi_values::Entity, kpi_values::Column::Value)),
                    Expr::col((Alias::new("excluded"), kpi_values::Column::Value)),
                ))
                .to_owned(),
            )
            .exec_without_returning(ex.conn())
            .await?;
    }
    Ok(())
}

/// Refreshes the planner's statistics of `kpi_values` (`ANALYZE`), after a big import.
/// Without them PostgreSQL still believes the table as small as before the import and reads
/// a team's values through the organisation-metric-period index, visiting every row of the
/// organisation (a team of 500 among 10,000 agents: 0.4 s instead of 0.04 s) until
/// autovacuum gets to it.
pub async fn refresh_statistics(ex: &impl Executor) -> Result<(), RepoError> {
    ex.conn().execute_unprepared("ANALYZE kpi_values").await?;
    Ok(())
}

/// A stored value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    pub user: UserId,
    pub metric: uuid::Uuid,
    pub period: Period,
    pub value: f64,
}

/// Which values to read: those of periods starting in `from..=to`, narrowed to some people,
/// one metric or one kind of period.
#[derive(Debug, Clone, Copy)]
pub struct ValueFilter<'a> {
    /// `None`: everyone of the organisation.
    pub users: Option<&'a [UserId]>,
    pub metric: Option<uuid::Uuid>,
    pub kind: Option<PeriodKind>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl<'a> ValueFilter<'a> {
    /// Every value of periods starting in `from..=to`.
    pub fn between(from: NaiveDate, to: NaiveDate) -> Self {
        ValueFilter {
            users: None,
            metric: None,
            kind: None,
            from,
            to,
        }
    }
}

fn filtered(org: OrganisationId, filter: &ValueFilter<'_>) -> sea_orm::Select<kpi_values::Entity> {
    let mut query = kpi_values::Entity::find()
        .filter(kpi_values::Column::OrganisationId.eq(org.as_uuid()))
        .filter(kpi_values::Column::PeriodStart.between(filter.from, filter.to));
    if let Some(users) = filter.users {
        query = query.filter(kpi_values::Column::UserId.is_in(users.iter().map(|u| u.as_uuid())));
    }
    if let Some(metric) = filter.metric {
        query = query.filter(kpi_values::Column::MetricId.eq(metric));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(kpi_values::Column::PeriodKind.eq(kind.as_str()));
    }
    query
}

/// The values `filter` names, in no particular order.
pub async fn values(
    ex: &impl Executor,
    org: OrganisationId,
    filter: &ValueFilter<'_>,
) -> Result<Vec<Value>, RepoError> {
    let rows: Vec<(uuid::Uuid, uuid::Uuid, String, NaiveDate, f64)> = filtered(org, filter)
        .select_only()
        .columns([
            kpi_values::Column::UserId,
            kpi_values::Column::MetricId,
            kpi_values::Column::PeriodKind,
            kpi_values::Column::PeriodStart,
            kpi_values::Column::Value,
        ])
        .into_tuple()
        .all(ex.conn())
        .await?;
    rows.into_iter()
        .map(|(user, metric, kind, start, value)| {
            let kind =
                PeriodKind::parse(&kind).ok_or_else(|| corrupt("kpi_values", "period_kind"))?;
            Ok(Value {
                user: UserId::from_uuid(user),
                metric,
                period: Period { kind, start },
                value,
            })
        })
        .collect()
}

/// One metric's values that `filter` names, as (agent, period start, value), in no
/// particular order: the three columns the impact estimate needs, so that reading a quarter
/// of a million of them decodes no more than that. `filter.metric` is required.
pub async fn metric_values(
    ex: &impl Executor,
    org: OrganisationId,
    filter: &ValueFilter<'_>,
) -> Result<Vec<(UserId, NaiveDate, f64)>, RepoError> {
    debug_assert!(filter.metric.is_some(), "one metric's values");
    let rows: Vec<(uuid::Uuid, NaiveDate, f64)> = filtered(org, filter)
        .select_only()
        .columns([
            kpi_values::Column::UserId,
            kpi_values::Column::PeriodStart,
            kpi_values::Column::Value,
        ])
        .into_tuple()
        .all(ex.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(user, start, value)| (UserId::from_uuid(user), start, value))
        .collect())
}

/// Week values summed per metric and week by the database: the sum and how many agents had
/// one (an agent has at most one value per metric and week). `filter.kind` is ignored.
pub async fn week_sums(
    ex: &impl Executor,
    org: OrganisationId,
    filter: &ValueFilter<'_>,
) -> Result<Vec<(uuid::Uuid, NaiveDate, f64, i64)>, RepoError> {
    let weeks = ValueFilter {
        kind: Some(PeriodKind::Week),
        ..*filter
    };
    Ok(filtered(org, &weeks)
        .select_only()
        .column(kpi_values::Column::MetricId)
        .column(kpi_values::Column::PeriodStart)
        .column_as(kpi_values::Column::Value.sum(), "total")
        .column_as(kpi_values::Column::UserId.count(), "agents")
        .group_by(kpi_values::Column::MetricId)
        .group_by(kpi_values::Column::PeriodStart)
        .into_tuple()
        .all(ex.conn())
        .await?)
}

/// An import, as its history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub id: uuid::Uuid,
    pub created_by: Option<UserId>,
    /// `csv`, `api` or `cli`.
    pub source: String,
    pub file_name: String,
    pub rows_total: i32,
    pub rows_imported: i32,
    pub rows_rejected: i32,
    pub created_at: DateTime<Utc>,
}

/// Records an import.
pub async fn record_import(
    ex: &impl Executor,
    org: OrganisationId,
    import: &Import,
) -> Result<(), RepoError> {
    kpi_imports::Entity::insert(kpi_imports::ActiveModel {
        id: Set(import.id),
        organisation_id: Set(org.as_uuid()),
        created_by: Set(import.created_by.map(|u| u.as_uuid())),
        source: Set(import.source.clone()),
        file_name: Set(import.file_name.chars().take(200).collect()),
        rows_total: Set(import.rows_total),
        rows_imported: Set(import.rows_imported),
        rows_rejected: Set(import.rows_rejected),
        created_at: Set(import.created_at),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// The organisation's imports, newest first (at most `limit`).
pub async fn imports(
    ex: &impl Executor,
    org: OrganisationId,
    limit: u64,
) -> Result<Vec<Import>, RepoError> {
    let rows = kpi_imports::Entity::find()
        .filter(kpi_imports::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_desc(kpi_imports::Column::CreatedAt)
        .limit(limit)
        .all(ex.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Import {
            id: r.id,
            created_by: r.created_by.map(UserId::from_uuid),
            source: r.source,
            file_name: r.file_name,
            rows_total: r.rows_total,
            rows_imported: r.rows_imported,
            rows_rejected: r.rows_rejected,
            created_at: r.created_at,
        })
        .collect())
}

/// Where the organisation's values stand: how many imports it has had and when the last one
/// was. Every door (CSV, API, command) records an import, so a change of revision means
/// values may have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    pub imports: i64,
    pub latest: Option<DateTime<Utc>>,
}

/// The organisation's [`Revision`], in one query.
pub async fn revision(ex: &impl Executor, org: OrganisationId) -> Result<Revision, RepoError> {
    let (imports, latest) = kpi_imports::Entity::find()
        .select_only()
        .column_as(kpi_imports::Column::Id.count(), "imports")
        .column_as(kpi_imports::Column::CreatedAt.max(), "latest")
        .filter(kpi_imports::Column::OrganisationId.eq(org.as_uuid()))
        .into_tuple::<(i64, Option<DateTime<Utc>>)>()
        .one(ex.conn())
        .await?
        .unwrap_or((0, None));
    Ok(Revision { imports, latest })
}
