//! `cinco generate-kpis`: a KPI file for an organisation's agents, made by the synthetic
//! model the tests and the impact benchmark use (`cinco_domain::impact::synthetic`), in the
//! format `cinco import-kpis` and the import screen read. FCR carries a planted effect after
//! each agent's first finished coaching path; AHT, CSAT and QA move with the weeks and the
//! agents but not with training, so the impact screen should find nothing for them.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Context;
use chrono::{Days, NaiveDate, Utc};
use cinco_domain::coaching::AssignmentStatus;
use cinco_domain::impact::synthetic::Model;
use cinco_domain::organisation::Slug;
use cinco_domain::results::Period;
use cinco_domain::{Role, UserId};
use cinco_persistence::path::{self, Filter};
use cinco_persistence::user::{self, UserFilter};
use cinco_persistence::{Database, organisation};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The first this many agents by address (all when `None`).
    pub agents: Option<usize>,
    /// Weeks, ending with the current one.
    pub weeks: u16,
    pub seed: u64,
    /// Share of agent-weeks left out (the model's 5 % when `None`).
    pub missing: Option<f64>,
    /// FCR points gained once the training is in place.
    pub effect: f64,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub agents: usize,
    pub trained: usize,
    pub rows: usize,
}

/// The four built-in metrics, each an agent-level model; only FCR responds to training.
fn models(agents: usize, weeks: u16, options: &Options) -> [(&'static str, Model, usize); 4] {
    let base = Model::new(agents, weeks);
    let missing = options.missing.unwrap_or(base.missing);
    let fcr = Model {
        effect: options.effect,
        ramp_weeks: 3,
        missing,
        ..base.clone()
    };
    // Seconds: about six minutes, a slow summer, busy weeks hit everyone.
    let aht = Model {
        level: 360.0,
        agent_spread: 45.0,
        seasonality: 12.0,
        week_shock: 8.0,
        noise: 30.0,
        missing,
        bounds: Some((60.0, 3_600.0)),
        ..base.clone()
    };
    let csat = Model {
        level: 4.2,
        agent_spread: 0.25,
        seasonality: 0.05,
        week_shock: 0.05,
        noise: 0.2,
        missing,
        bounds: Some((1.0, 5.0)),
        ..base.clone()
    };
    let qa = Model {
        level: 82.0,
        agent_spread: 6.0,
        seasonality: 1.0,
        week_shock: 1.0,
        noise: 5.0,
        missing,
        bounds: Some((0.0, 100.0)),
        ..base
    };
    [
        ("fcr", fcr, 1),
        ("aht", aht, 0),
        ("csat", csat, 2),
        ("qa", qa, 1),
    ]
}

/// Writes `agent,metric,period,value` rows for the agents of the organisation `slug`, week
/// by week (the order a weekly export grows in), to `out`.
pub async fn run(
    db: &Database,
    slug: &str,
    options: &Options,
    out: impl Write,
) -> anyhow::Result<Written> {
    anyhow::ensure!(options.weeks >= 1, "at least one week");
    let slug = Slug::parse(slug).map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
    let org = organisation::find_by_slug(db, &slug)
        .await?
        .with_context(|| format!("no organisation {}", slug.as_str()))?;
    let filter = UserFilter {
        role: Some(Role::Agent),
        ..UserFilter::default()
    };
    let (mut agents, _) = user::list(db, org.id, &filter, 1_000_000, 0).await?;
    agents.sort_by(|a, b| a.email.as_str().cmp(b.email.as_str()));
    if let Some(n) = options.agents {
        anyhow::ensure!(
            n <= agents.len(),
            "{n} agents asked for; the organisation has {}",
            agents.len()
        );
        agents.truncate(n);
    }
    let this_week = Period::week_of(Utc::now().date_naive()).start;
    let first = this_week - Days::new(7 * u64::from(options.weeks - 1));
    let week_index = |day: NaiveDate| {
        let monday = Period::week_of(day).start;
        i32::try_from((monday - first).num_weeks()).unwrap_or(i32::MAX)
    };
    // Each agent's first finished path, as a week of the window (negative: before it).
    let completed = path::assignments(
        db,
        org.id,
        Filter {
            users: None,
            status: Some(AssignmentStatus::Completed),
        },
    )
    .await?;
    let mut trained: HashMap<UserId, i32> = HashMap::new();
    for a in completed {
        if let Some(closed) = a.closed_at {
            let week = week_index(closed.date_naive());
            let first = trained.entry(a.user_id).or_insert(week);
            *first = (*first).min(week);
        }
    }
    let first_trained: Vec<Option<i32>> =
        agents.iter().map(|a| trained.get(&a.id).copied()).collect();
    let generated: Vec<_> = models(agents.len(), options.weeks, options)
        .into_iter()
        .enumerate()
        .map(|(i, (key, model, decimals))| {
            let seed = options.seed.wrapping_add(i as u64);
            (key, model.generate_for(&first_trained, seed), decimals)
        })
        .collect();
    let mut csv = csv::Writer::from_writer(std::io::BufWriter::new(out));
    csv.write_record(["agent", "metric", "period", "value"])?;
    let mut rows = 0;
    for week in 0..usize::from(options.weeks) {
        let label = Period::week_of(first + Days::new(7 * week as u64)).label();
        for (a, agent) in agents.iter().enumerate() {
            for (key, data, decimals) in &generated {
                let Some(value) = data.agents[a].values[week] else {
                    continue;
                };
                csv.write_record([
                    agent.email.as_str(),
                    key,
                    &label,
                    &format!("{value:.decimals$}"),
                ])?;
                rows += 1;
            }
        }
    }
    csv.flush()?;
    Ok(Written {
        agents: agents.len(),
        trained: first_trained.iter().flatten().count(),
        rows,
    })
}
