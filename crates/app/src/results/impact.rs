//! Impact per competency: for each competency and KPI, how the KPI moved for agents after
//! they were trained in it, against agents not yet trained, over the same weeks (see
//! `cinco_domain::impact` and docs/impact.md). An agent counts as trained in a competency
//! from the week they finished a coaching path that teaches it (each path is estimated on
//! its own) or from the week their proficiency in it first reached
//! [`PROFICIENT`](cinco_domain::proficiency::PROFICIENT).
//!
//! Estimates are kept per reader until the organisation's next import (or an hour, so
//! trainings finished meanwhile show up): see [`ImpactCache`].

use cinco_domain::programme::words::pick_in;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};
use cinco_domain::coaching::{AssignmentStatus, StepKind};
use cinco_domain::impact::{self, Impact, Panel, Settings, Training};
use cinco_domain::lesson::Key;
use cinco_domain::proficiency::{self, Observation, PROFICIENT, Source};
use cinco_domain::results::{self as results_rules, MetricKey};
use cinco_domain::{Locale, OrganisationId, UserId};
use cinco_persistence::path::{self, Filter};
use cinco_persistence::results::{self, Metric, ValueFilter};
use cinco_persistence::{competency, lesson, organisation, scenario, team_activity};

use super::view::{WEEKS, agents_in_scope, window};
use crate::{Actor, App, AppError};

/// What counted as being trained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Treatment {
    /// Finished this coaching path.
    Path {
        template_id: uuid::Uuid,
        title: String,
    },
    /// Reached this proficiency level in the competency.
    Level { level: u8 },
}

/// How one KPI moved after one training.
#[derive(Debug, Clone)]
pub struct TrainingImpact {
    pub treatment: Treatment,
    pub impact: Impact,
    /// In the reader's language.
    pub sentence: String,
}

/// The trainings of one competency. `key` is `None` for paths that teach no competency.
#[derive(Debug, Clone)]
pub struct CompetencyImpact {
    pub key: Option<Key>,
    pub name: String,
    pub trainings: Vec<TrainingImpact>,
}

/// The answer for one metric.
#[derive(Debug, Clone)]
pub struct ImpactReport {
    pub metric: Metric,
    pub competencies: Vec<CompetencyImpact>,
}

/// The estimates for `metric`, per competency, over the agents the actor may see.
pub async fn report(
    app: &App,
    actor: &Actor,
    metric: &str,
    locale: Locale,
) -> Result<Arc<ImpactReport>, AppError> {
    let key = MetricKey::parse(metric).map_err(|_| AppError::NotFound)?;
    let revision = results::revision(&app.db, actor.org).await?;
    let cache_key = CacheKey {
        org: actor.org,
        reader: actor.user,
        metric: key.clone(),
        locale,
    };
    let now = app.clock.now();
    if let Some(hit) = app.impact.get(&cache_key, &revision, now) {
        return Ok(hit);
    }
    let report = Arc::new(compute(app, actor, &key, locale).await?);
    app.impact.put(cache_key, revision, now, report.clone());
    Ok(report)
}

async fn compute(
    app: &App,
    actor: &Actor,
    key: &MetricKey,
    locale: Locale,
) -> Result<ImpactReport, AppError> {
    let metric = results::metrics(&app.db, actor.org, app.clock.now())
        .await?
        .into_iter()
        .find(|m| m.def.key == *key)
        .ok_or(AppError::NotFound)?;
    let agents = agents_in_scope(app, actor, None).await?;
    let w = window(app);
    // Admins see everyone: no list of ids to send. This metric only.
    let everyone = actor.is(cinco_domain::Role::Admin);
    let filter = ValueFilter {
        users: (!everyone).then_some(agents.as_slice()),
        metric: Some(metric.id),
        ..ValueFilter::between(w.first_monday(), app.clock.now().date_naive())
    };
    // The reads do not depend on each other: on SQLite each connection reads on its own
    // thread, so they overlap.
    let (values, (org, competencies, taught), completed, evidence) = tokio::try_join!(
        async { Ok::<_, AppError>(results::metric_values(&app.db, actor.org, &filter).await?) },
        async {
            Ok::<_, AppError>((
                organisation::get(&app.db, actor.org).await?,
                competency::list(&app.db, actor.org, false).await?,
                taught_by_paths(app, actor.org).await?,
            ))
        },
        async {
            let completed = Filter {
                users: Some(&agents),
                status: Some(AssignmentStatus::Completed),
            };
            Ok::<_, AppError>(path::assignments(&app.db, actor.org, completed).await?)
        },
        async { Ok::<_, AppError>(team_activity::evidence_of(&app.db, actor.org, &agents).await?) },
    )?;
    // Each agent's weekly mean of this metric.
    let in_scope: HashSet<UserId> = agents.iter().copied().collect();
    let mut weekly: HashMap<UserId, BTreeMap<i32, (f64, usize)>> = HashMap::new();
    for (user, start, value) in values.iter().filter(|(user, ..)| in_scope.contains(user)) {
        let week = w.index(*start);
        if (0..i32::from(WEEKS)).contains(&week) {
            let cell = weekly.entry(*user).or_default().entry(week).or_default();
            cell.0 += value;
            cell.1 += 1;
        }
    }
    drop(values);
    let name = results_rules::built_in_name(&metric.def.key, locale).unwrap_or(&metric.def.name);
    let words = impact::Metric {
        name,
        unit: &metric.def.unit,
        decimals: 1,
    };
    let name_of = |key: &Key| {
        competencies
            .iter()
            .find(|c| c.key == *key)
            .map(|c| c.name.get(locale, org.default_locale).to_owned())
    };

    // Paths: when each agent first finished each.
    let mut paths: BTreeMap<uuid::Uuid, (String, HashMap<UserId, i32>)> = BTreeMap::new();
    for a in completed {
        let (Some(template), Some(closed)) = (a.template_id, a.closed_at) else {
            continue;
        };
        let entry = paths.entry(template).or_insert_with(|| {
            let title = pick_in(&a.texts, locale, org.default_locale)
                .map_or_else(|| a.title.clone(), |(_, t)| t.clone());
            (title, HashMap::new())
        });
        let week = w.index(closed.date_naive());
        let first = entry.1.entry(a.user_id).or_insert(week);
        *first = (*first).min(week);
    }

    // Levels: the week each agent's proficiency first reached the level, per competency.
    let ends = w.week_ends(app.clock.now());
    let mut reached: HashMap<String, HashMap<UserId, i32>> = HashMap::new();
    for (agent, pieces) in &evidence {
        let mut per_competency: HashMap<&str, Vec<Observation>> = HashMap::new();
        for p in pieces {
            if let Some(source) = Source::parse(&p.source) {
                per_competency
                    .entry(p.competency.as_str())
                    .or_default()
                    .push(Observation {
                        source,
                        value: p.value,
                        at: p.at,
                    });
            }
        }
        for (competency, observations) in per_competency {
            if let Some(week) = proficiency::first_reached(&observations, &ends, PROFICIENT) {
                reached
                    .entry(competency.to_owned())
                    .or_default()
                    .insert(*agent, i32::try_from(week).unwrap_or(i32::MAX));
            }
        }
    }
    drop(evidence);
    let levels: Vec<(Key, HashMap<UserId, i32>)> = competencies
        .iter()
        .filter_map(|c| {
            let trained = reached.remove(c.key.as_str()).unwrap_or_default();
            let taught_by_a_path = paths
                .keys()
                .any(|t| taught.get(t).is_some_and(|keys| keys.contains(&c.key)));
            (!trained.is_empty() || taught_by_a_path).then(|| (c.key.clone(), trained))
        })
        .collect();

    // The estimates (the bootstrap is CPU work: off the request threads).
    let jobs: Vec<HashMap<UserId, i32>> = paths
        .values()
        .map(|(_, finished)| finished.clone())
        .chain(levels.iter().map(|(_, trained)| trained.clone()))
        .collect();
    let direction = metric.def.direction;
    let mut impacts = tokio::task::spawn_blocking(move || {
        let estimate = |first_trained: &HashMap<UserId, i32>| {
            let mut panel = Panel::with_capacity(WEEKS, weekly.len());
            for agent in &agents {
                let Some(weeks) = weekly.get(agent) else {
                    continue;
                };
                panel.push_agent(
                    first_trained.get(agent).copied(),
                    weeks
                        .iter()
                        .map(|(week, (sum, n))| (*week, sum / *n as f64)),
                );
            }
            impact::estimate(&panel, direction, &Settings::default())
        };
        // The trainings are estimated apart from each other: one batch per core.
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let batch = jobs.len().div_ceil(cores).max(1);
        std::thread::scope(|scope| {
            let batches: Vec<_> = jobs
                .chunks(batch)
                .map(|chunk| scope.spawn(move || chunk.iter().map(estimate).collect::<Vec<_>>()))
                .collect();
            batches
                .into_iter()
                .flat_map(|b| {
                    b.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect::<Vec<_>>()
        })
    })
    .await
    .map_err(AppError::internal)?
    .into_iter();

    let mut by_competency: BTreeMap<Option<Key>, Vec<TrainingImpact>> = BTreeMap::new();
    for (template_id, (title, _)) in paths {
        let impact = impacts
            .next()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("an estimate is missing")))?;
        let sentence = impact::sentence(locale, &impact, Training::Path { title: &title }, words);
        let training = TrainingImpact {
            treatment: Treatment::Path { template_id, title },
            impact,
            sentence,
        };
        let keys: Vec<Key> = taught
            .get(&template_id)
            .into_iter()
            .flatten()
            .filter(|k| name_of(k).is_some())
            .cloned()
            .collect();
        if keys.is_empty() {
            by_competency.entry(None).or_default().push(training);
        } else {
            for key in keys {
                by_competency
                    .entry(Some(key))
                    .or_default()
                    .push(training.clone());
            }
        }
    }
    let level = impact::level_name(locale, PROFICIENT);
    for (key, _) in levels {
        let impact = impacts
            .next()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("an estimate is missing")))?;
        let competency = name_of(&key).unwrap_or_default();
        let sentence = impact::sentence(
            locale,
            &impact,
            Training::Level {
                competency: &competency,
                level,
            },
            words,
        );
        by_competency
            .entry(Some(key))
            .or_default()
            .push(TrainingImpact {
                treatment: Treatment::Level { level: PROFICIENT },
                impact,
                sentence,
            });
    }

    let mut out: Vec<CompetencyImpact> = by_competency
        .into_iter()
        .map(|(key, trainings)| CompetencyImpact {
            name: key.as_ref().and_then(&name_of).unwrap_or_default(),
            key,
            trainings,
        })
        .collect();
    // Named competencies by name; paths that teach none last.
    out.sort_by(|a, b| (a.key.is_none(), &a.name).cmp(&(b.key.is_none(), &b.name)));
    Ok(ImpactReport {
        metric,
        competencies: out,
    })
}

/// For each path template, the competencies its lessons and scenarios train.
async fn taught_by_paths(
    app: &App,
    org: OrganisationId,
) -> Result<HashMap<uuid::Uuid, BTreeSet<Key>>, AppError> {
    let mut lessons: HashMap<Key, BTreeSet<Key>> = HashMap::new();
    for version in lesson::list_published(&app.db, org).await? {
        let parsed = app.content.lesson_from(org, version)?;
        lessons
            .entry(parsed.content.key.clone())
            .or_default()
            .extend(parsed.content.competencies.iter().cloned());
    }
    let mut scenarios: HashMap<Key, BTreeSet<Key>> = HashMap::new();
    for version in scenario::list_published(&app.db, org).await? {
        let key = version.key.clone();
        let play = app.content.scenario_from(org, version)?;
        scenarios
            .entry(key)
            .or_default()
            .extend(play.scenario.competencies.iter().cloned());
    }
    let mut out = HashMap::new();
    for t in path::templates(&app.db, org).await? {
        let mut keys = BTreeSet::new();
        for step in &t.path.steps {
            let found = match &step.kind {
                StepKind::Lesson { lesson, .. } => lessons.get(lesson),
                StepKind::Scenario { scenario, .. } => scenarios.get(scenario),
                _ => None,
            };
            keys.extend(found.into_iter().flatten().cloned());
        }
        out.insert(t.id, keys);
    }
    Ok(out)
}

/// Whose estimate an entry is: the same reader sees the same agents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CacheKey {
    org: OrganisationId,
    reader: UserId,
    metric: MetricKey,
    locale: Locale,
}

#[derive(Debug)]
struct Entry {
    revision: results::Revision,
    until: DateTime<Utc>,
    report: Arc<ImpactReport>,
}

/// How long an estimate is kept when no import comes: trainings finished meanwhile change
/// it too, and an hour is how late they may show.
const KEEP: Duration = Duration::hours(1);
/// Entries kept before the cache starts over.
const CAPACITY: usize = 10_000;

/// Impact estimates, kept per node until the organisation's next import (its import
/// revision, read with one query, changes) or for [`KEEP`].
#[derive(Debug, Default)]
pub struct ImpactCache {
    entries: RwLock<HashMap<CacheKey, Entry>>,
}

impl ImpactCache {
    fn get(
        &self,
        key: &CacheKey,
        revision: &results::Revision,
        now: DateTime<Utc>,
    ) -> Option<Arc<ImpactReport>> {
        let entries = self
            .entries
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries
            .get(key)
            .filter(|e| e.revision == *revision && now < e.until)
            .map(|e| e.report.clone())
    }

    fn put(
        &self,
        key: CacheKey,
        revision: results::Revision,
        now: DateTime<Utc>,
        report: Arc<ImpactReport>,
    ) {
        let mut entries = self
            .entries
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                revision,
                until: now + KEEP,
                report,
            },
        );
    }
}
