//! Building today's session: who the agent is today (their local day), what the composer
//! needs to know about them, the stored plan, and which of its activities are done.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, Utc};
use cinco_domain::coaching::StepType;
use cinco_domain::learning::ContentKind;
use cinco_domain::lesson::Card;
use cinco_domain::locale::pick;
use cinco_domain::proficiency::{self, Observation, Source};
use cinco_domain::today::{self, Activity, Candidate, DueReview, Inputs, ItemKind, Planned};
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::daily::StoredItem;
use cinco_persistence::{daily, evidence, review};

use super::learner::Learner;
use super::paths;
use crate::{App, AppError};

/// Everything the composer weighs, for the day (`until` is when due reviews count).
pub async fn inputs(
    app: &App,
    learner: &Learner,
    until: DateTime<Utc>,
) -> Result<(Inputs, Vec<review::ReviewCard>), AppError> {
    let org = learner.org();
    let user = learner.user.id;
    let due_cards = review::due(&app.db, org, user, until, 40).await?;
    let due = due_cards
        .iter()
        .map(|c| DueReview {
            card: c.id,
            due: c.state.due,
            estimate_seconds: c.estimate_seconds,
        })
        .collect();
    let mut done_lessons = HashSet::new();
    for f in evidence::completed_lessons(&app.db, org, user).await? {
        let lesson = app.content.lesson(&app.db, org, f.version).await?;
        done_lessons.insert(lesson.version.key.as_str().to_owned());
    }
    let mut done_scenarios = HashSet::new();
    for f in evidence::finished_scenarios(&app.db, org, user).await? {
        let play = app.content.scenario(&app.db, org, f.version).await?;
        done_scenarios.insert(play.version.key.as_str().to_owned());
    }
    // A lesson or scenario a path asks for comes as that path's step, not as new material.
    let open_steps = paths::open(app, learner).await?;
    for o in &open_steps {
        let key = o.step.target_key.clone().unwrap_or_default();
        match o.step.kind {
            StepType::Lesson => done_lessons.insert(key),
            StepType::Scenario => done_scenarios.insert(key),
            StepType::CoachingSession | StepType::PracticeTask => false,
        };
    }
    let locales = (learner.user.locale, learner.org_locale);
    let keys =
        |list: &[cinco_domain::lesson::Key]| list.iter().map(|k| k.as_str().to_owned()).collect();
    let mut candidates = Vec::new();
    let lessons = cinco_persistence::lesson::list_published(&app.db, org).await?;
    for v in not_done(
        lessons,
        |v| (v.key.as_str(), v.locale),
        &done_lessons,
        locales,
    ) {
        let lesson = app.content.lesson_from(org, v)?;
        candidates.push(Candidate {
            kind: ContentKind::Lesson,
            key: lesson.version.key.as_str().to_owned(),
            version: lesson.version.id,
            estimate_seconds: u32::try_from(lesson.version.estimate_seconds).unwrap_or(300),
            competencies: keys(&lesson.content.competencies),
        });
    }
    let scenarios = cinco_persistence::scenario::list_published(&app.db, org).await?;
    for v in not_done(
        scenarios,
        |v| (v.key.as_str(), v.locale),
        &done_scenarios,
        locales,
    ) {
        let play = app.content.scenario_from(org, v)?;
        candidates.push(Candidate {
            kind: ContentKind::Scenario,
            key: play.version.key.as_str().to_owned(),
            version: play.version.id,
            estimate_seconds: u32::try_from(play.version.estimate_seconds).unwrap_or(300),
            competencies: keys(&play.scenario.competencies),
        });
    }
    let path_steps = paths::next_of(&open_steps);
    let observations = observations(&evidence::of_user(&app.db, org, user).await?);
    let scores = by_competency(&observations)
        .into_iter()
        .map(|(k, list)| (k, proficiency::estimate(&list, learner.now).score))
        .collect();
    Ok((
        Inputs {
            due,
            path_steps: path_steps.iter().map(|o| (o.step.id, seconds(o))).collect(),
            candidates,
            scores,
            prefer_scenario: learner.day.num_days_from_ce() % 2 == 1,
        },
        due_cards,
    ))
}

/// One published variant per key not in `done`, in the agent's language when it exists
/// (else the organisation's, else any).
fn not_done<V>(
    versions: Vec<V>,
    key_and_locale: impl Fn(&V) -> (&str, Locale),
    done: &HashSet<String>,
    (preferred, fallback): (Locale, Locale),
) -> Vec<V> {
    let mut by_key: BTreeMap<String, Vec<V>> = BTreeMap::new();
    for v in versions {
        let key = key_and_locale(&v).0.to_owned();
        if !done.contains(&key) {
            by_key.entry(key).or_default().push(v);
        }
    }
    by_key
        .into_values()
        .filter_map(|variants| pick(variants, |v| key_and_locale(v).1, preferred, fallback))
        .collect()
}

/// How long a path step takes, as the composer counts it.
fn seconds(o: &cinco_persistence::path::OpenStep) -> u32 {
    match o.step.kind {
        StepType::Lesson | StepType::Scenario => 300,
        StepType::CoachingSession | StepType::PracticeTask => 60,
    }
}

/// Stored evidence as the proficiency model's observations (unknown sources are skipped).
pub fn observations(pieces: &[evidence::Piece]) -> Vec<(String, Observation)> {
    pieces
        .iter()
        .filter_map(|p| {
            Source::parse(&p.source).map(|source| {
                (
                    p.competency.clone(),
                    Observation {
                        source,
                        value: p.value,
                        at: p.at,
                    },
                )
            })
        })
        .collect()
}

pub fn by_competency(list: &[(String, Observation)]) -> BTreeMap<String, Vec<Observation>> {
    let mut map: BTreeMap<String, Vec<Observation>> = BTreeMap::new();
    for (k, o) in list {
        map.entry(k.clone()).or_default().push(*o);
    }
    map
}

/// Planned activities as stored: titles and keys filled in from the content.
pub async fn to_stored(
    app: &App,
    org: OrganisationId,
    plan: &[Planned],
    cards: &[review::ReviewCard],
) -> Result<Vec<StoredItem>, AppError> {
    let mut out = Vec::with_capacity(plan.len());
    for p in plan {
        let item = match &p.activity {
            Activity::Review { card } => {
                let Some(c) = cards.iter().find(|c| c.id == *card) else {
                    continue;
                };
                let lesson = app
                    .content
                    .lesson(&app.db, org, c.lesson_version_id)
                    .await?;
                StoredItem {
                    kind: ItemKind::Review,
                    id: c.id,
                    key: lesson.version.key.as_str().to_owned(),
                    title: lesson.version.title.clone(),
                    lesson_version_id: Some(c.lesson_version_id),
                    card: Some(c.card),
                    estimate_seconds: p.estimate_seconds,
                    path_step_id: None,
                    path_title: None,
                    step_kind: None,
                    detail: None,
                }
            }
            Activity::PathStep { step } => StoredItem {
                kind: ItemKind::PathStep,
                id: *step,
                key: String::new(),
                title: String::new(),
                lesson_version_id: None,
                card: None,
                estimate_seconds: p.estimate_seconds,
                path_step_id: None,
                path_title: None,
                step_kind: None,
                detail: None,
            },
            Activity::Material { kind, key, version } => {
                let title = match kind {
                    ContentKind::Lesson => app
                        .content
                        .lesson(&app.db, org, *version)
                        .await?
                        .version
                        .title
                        .clone(),
                    ContentKind::Scenario => app
                        .content
                        .scenario(&app.db, org, *version)
                        .await?
                        .version
                        .title
                        .clone(),
                };
                StoredItem {
                    kind: (*kind).into(),
                    id: *version,
                    key: key.clone(),
                    title,
                    lesson_version_id: None,
                    card: None,
                    estimate_seconds: p.estimate_seconds,
                    path_step_id: None,
                    path_title: None,
                    step_kind: None,
                    detail: None,
                }
            }
        };
        out.push(item);
    }
    Ok(out)
}

/// The stored plan back as the composer's activities (for "one more").
pub fn to_planned(items: &[StoredItem]) -> Vec<Planned> {
    items
        .iter()
        .filter_map(|i| {
            let activity = match (i.kind, i.kind.content()) {
                (ItemKind::Review, _) => Activity::Review { card: i.id },
                (ItemKind::PathStep, _) => Activity::PathStep { step: i.id },
                (_, Some(kind)) => Activity::Material {
                    kind,
                    key: i.key.clone(),
                    version: i.id,
                },
                (ItemKind::Lesson | ItemKind::Scenario, None) => return None,
            };
            Some(Planned {
                activity,
                estimate_seconds: i.estimate_seconds,
            })
        })
        .collect()
}

/// The day's session: the stored one, else composed now and stored (two devices opening
/// the app at once get the same one). A stored one is titled in the learner's language as
/// it is now.
pub async fn session(
    app: &App,
    learner: &Learner,
) -> Result<(daily::DailySession, Vec<StoredItem>), AppError> {
    let day = learner.day.to_string();
    let org = learner.org();
    if let Some(existing) = daily::find(&app.db, org, learner.user.id, &day).await? {
        let items = daily::parse_items(&existing.items)?;
        let (session, mut items) = paths::join_session(app, learner, existing, items).await?;
        super::language::retitle(app, learner, &mut items).await?;
        return Ok((session, items));
    }
    let (inputs, cards) = inputs(app, learner, learner.end_of(learner.day)).await?;
    let plan = today::compose(&inputs);
    let items = to_stored(app, org, &plan, &cards).await?;
    let steps = paths::next_steps(app, learner).await?;
    let items = paths::resolve(app, learner, items, &steps).await?;
    let json = daily::items_json(&items)?;
    let tx = app.db.begin().await?;
    let stored = daily::create(&tx, org, learner.user.id, &day, &json, learner.now).await?;
    tx.commit().await?;
    let items = daily::parse_items(&stored.items)?;
    Ok((stored, items))
}

/// The knowledge item behind a review card, from its (immutable) lesson version.
pub fn item_card(lesson: &crate::content::Lesson, card: i32) -> Option<&Card> {
    usize::try_from(card)
        .ok()
        .and_then(|i| lesson.content.cards.get(i))
}
