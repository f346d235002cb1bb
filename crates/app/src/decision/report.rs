//! The empowerment report: is it working? For a team (or every team the reader may see) over
//! a span of days — decisions by type and team, what they cost (buckets and the share under
//! 50), approvals and how fast leads answer, first-contact resolution and CSAT of contacts
//! with a decision beside the team's FCR and CSAT KPIs for the same days, and the
//! recognitions each lead gives ("are the managers on board?").

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, Utc};
use cinco_domain::decision::{DecisionStatus, buckets, quantile, share_small};
use cinco_domain::results::Period;
use cinco_domain::{Role, TeamId, UserId};
use cinco_persistence::decision::{self, DecisionFilter};
use cinco_persistence::results::{self, ValueFilter};
use cinco_persistence::{authority, team};

use crate::path::scope::visible_team;
use crate::{Actor, App, AppError};

/// What the report covers: one team or all the reader may see, and days `from..=to`.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub team: Option<TeamId>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Decisions of one type in one team.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRow {
    pub key: String,
    pub team: Option<TeamId>,
    pub count: usize,
    /// Of them, within the limit.
    pub empowered: usize,
    /// Cents, summed over those with an amount.
    pub amount: i64,
}

/// The recognitions one lead gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadRow {
    pub lead: UserId,
    /// In the report's days.
    pub in_span: usize,
    pub last_30_days: usize,
    pub last_90_days: usize,
}

/// The report's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub currency: String,
    pub decisions: usize,
    pub by_type: Vec<TypeRow>,
    /// Counts per cost bucket (see `cinco_domain::decision::buckets`).
    pub cost_buckets: [usize; 6],
    /// The share (0–1) under 50 in the currency.
    pub share_under_50: Option<f64>,
    /// Decisions that asked for approval, and how they stand.
    pub approvals_requested: usize,
    pub approved: usize,
    pub declined: usize,
    pub awaiting: usize,
    /// Seconds from asking to the answer.
    pub answer_median_seconds: Option<i64>,
    pub answer_p90_seconds: Option<i64>,
    /// Share (0–1) of decisions whose contact was resolved first time.
    pub fcr_rate: Option<f64>,
    /// Mean CSAT (1–5) of the decisions that have one, and how many have one.
    pub mean_csat: Option<f64>,
    pub csat_count: usize,
    /// The mean of the team's FCR and CSAT KPI values in the weeks of those days, when
    /// imported.
    pub kpi_fcr: Option<f64>,
    pub kpi_csat: Option<f64>,
    pub recognitions: usize,
    pub by_lead: Vec<LeadRow>,
}

fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The report for `span` as `actor` may see it: leads their teams, admins everything.
pub async fn report(app: &App, actor: &Actor, span: Span) -> Result<Report, AppError> {
    if span.to < span.from {
        return Err(AppError::field(
            "from",
            "invalid_span",
            "`from` is after `to`",
        ));
    }
    let teams: Option<Vec<TeamId>> = match span.team {
        Some(t) => {
            visible_team(&app.db, actor, t).await?;
            Some(vec![t])
        }
        None if actor.is(Role::Admin) => None,
        None => Some(actor.led_teams(&app.db).await?),
    };
    let from = start_of(span.from);
    let to = start_of(span.to + Days::new(1));
    let filter = DecisionFilter {
        teams: teams.as_deref(),
        from: Some(from),
        to: Some(to),
        ..DecisionFilter::default()
    };
    let list = decision::list(&app.db, actor.org, &filter).await?;

    let mut rows: BTreeMap<(String, Option<TeamId>), TypeRow> = BTreeMap::new();
    for d in &list {
        let row = rows
            .entry((d.key.as_str().to_owned(), d.team_id))
            .or_insert_with(|| TypeRow {
                key: d.key.as_str().to_owned(),
                team: d.team_id,
                count: 0,
                empowered: 0,
                amount: 0,
            });
        row.count += 1;
        row.empowered += usize::from(d.status == DecisionStatus::Empowered);
        row.amount += d.amount.unwrap_or(0);
    }
    let amounts: Vec<Option<i64>> = list.iter().map(|d| d.amount).collect();
    let asked = |s: DecisionStatus| list.iter().filter(|d| d.status == s).count();
    let answer_times: Vec<i64> = list
        .iter()
        .filter_map(|d| Some((d.answered_at? - d.decided_at).num_seconds()))
        .collect();
    let csats: Vec<f64> = list
        .iter()
        .filter_map(|d| d.csat.map(|c| f64::from(c.get())))
        .collect();

    // The recognitions each lead gave, over the span and the last 30 and 90 days.
    let now = app.clock.now();
    let day_90 = now - chrono::Duration::days(90);
    let day_30 = now - chrono::Duration::days(30);
    let given = decision::recognitions_since(&app.db, actor.org, from.min(day_90)).await?;
    let all_teams = team::list(&app.db, actor.org).await?;
    let leads: Vec<UserId> = {
        let mut seen = HashSet::new();
        all_teams
            .iter()
            .filter(|t| teams.as_ref().is_none_or(|ts| ts.contains(&t.team.id)))
            .flat_map(|t| t.leads.iter().copied())
            .filter(|l| seen.insert(*l))
            .collect()
    };
    let by_lead = leads
        .into_iter()
        .map(|lead| {
            let mine = || given.iter().filter(move |r| r.by == lead);
            LeadRow {
                lead,
                in_span: mine()
                    .filter(|r| r.created_at >= from && r.created_at < to)
                    .count(),
                last_30_days: mine().filter(|r| r.created_at >= day_30).count(),
                last_90_days: mine().filter(|r| r.created_at >= day_90).count(),
            }
        })
        .collect();
    let ids: Vec<uuid::Uuid> = list.iter().map(|d| d.id).collect();
    let recognitions = decision::recognitions(&app.db, actor.org, &ids)
        .await?
        .len();

    // The team's own KPIs over the same days, where the results module has them.
    let agents: Option<Vec<UserId>> = teams.as_ref().map(|ts| {
        all_teams
            .iter()
            .filter(|t| ts.contains(&t.team.id))
            .flat_map(|t| t.agents.iter().copied())
            .collect()
    });
    let metrics = results::metrics(&app.db, actor.org, now).await?;
    let kpi = |key: &str| {
        metrics
            .iter()
            .find(|m| m.def.key.as_str() == key)
            .map(|m| m.id)
    };
    let (fcr_metric, csat_metric) = (kpi("fcr"), kpi("csat"));
    let kpi_mean = async |metric: Option<uuid::Uuid>| -> Result<Option<f64>, AppError> {
        let Some(metric) = metric else {
            return Ok(None);
        };
        let filter = ValueFilter {
            users: agents.as_deref(),
            metric: Some(metric),
            // The weeks the days fall in: KPIs are mostly imported by week.
            ..ValueFilter::between(Period::week_of(span.from).start, span.to)
        };
        Ok(mean(
            results::metric_values(&app.db, actor.org, &filter)
                .await?
                .iter()
                .map(|(_, _, value)| *value),
        ))
    };
    let kpi_fcr = kpi_mean(fcr_metric).await?;
    let kpi_csat = kpi_mean(csat_metric).await?;

    Ok(Report {
        currency: authority::currency(&app.db, actor.org).await?,
        decisions: list.len(),
        by_type: rows.into_values().collect(),
        cost_buckets: buckets(&amounts),
        share_under_50: share_small(&amounts),
        approvals_requested: list
            .iter()
            .filter(|d| d.status != DecisionStatus::Empowered)
            .count(),
        approved: asked(DecisionStatus::Approved),
        declined: asked(DecisionStatus::Declined),
        awaiting: asked(DecisionStatus::AwaitingApproval),
        answer_median_seconds: quantile(&answer_times, 0.5),
        answer_p90_seconds: quantile(&answer_times, 0.9),
        fcr_rate: mean(
            list.iter()
                .map(|d| if d.resolved_first_contact { 1.0 } else { 0.0 }),
        ),
        mean_csat: mean(csats.iter().copied()),
        csat_count: csats.len(),
        kpi_fcr,
        kpi_csat,
        recognitions,
        by_lead,
    })
}
