//! Building today's session: who the agent is today (their local day), what the composer
//! needs to know about them, the stored plan, and which of its activities are done.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use cinco_domain::lesson::Card;
use cinco_domain::proficiency::{self, Observation, Source};
use cinco_domain::review::Scheduler;
use cinco_domain::today::{self, Activity, Candidate, DueReview, Inputs, MaterialKind, Planned};
use cinco_domain::user::User;
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::{daily, evidence, organisation, review, user};
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::learn::pick;
use crate::state::AppState;

/// The caller on their local day.
#[derive(Debug)]
pub(crate) struct Learner {
    pub user: User,
    pub org_locale: Locale,
    pub now: DateTime<Utc>,
    pub day: NaiveDate,
}

impl Learner {
    pub(crate) async fn load(state: &AppState, auth: &AuthUser) -> Result<Self, ApiError> {
        let user = user::get(&state.db, auth.org, auth.user_id).await?;
        let org = organisation::get(&state.db, auth.org).await?;
        let now = state.settings.clock.now();
        Ok(Self {
            day: user.time_zone.local_date(now),
            user,
            org_locale: org.default_locale,
            now,
        })
    }

    pub(crate) fn org(&self) -> OrganisationId {
        self.user.organisation_id
    }

    /// When the local day after `day` begins.
    pub(crate) fn end_of(&self, day: NaiveDate) -> DateTime<Utc> {
        self.user.time_zone.start_of(day + Duration::days(1))
    }
}

/// The organisation's scheduler (its fitted parameters and desired retention).
pub(crate) async fn scheduler(
    state: &AppState,
    org: OrganisationId,
) -> Result<Scheduler, ApiError> {
    let settings = review::scheduling(&state.db, org).await?;
    Scheduler::new(&settings.parameters, settings.desired_retention)
        .or_else(|_| Scheduler::new(&[], settings.desired_retention))
        .map_err(ApiError::internal)
}

/// One planned activity as stored with the day's session: enough to show it without
/// another lookup.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct StoredItem {
    /// `review`, `lesson`, `scenario` or `path_step`.
    pub kind: String,
    /// The review card, the lesson or scenario version, or the path step.
    pub id: uuid::Uuid,
    /// The lesson or scenario key; for a review, the lesson's.
    pub key: String,
    pub title: String,
    /// For a review: the lesson version and the card in it.
    #[serde(default)]
    pub lesson_version_id: Option<uuid::Uuid>,
    #[serde(default)]
    pub card: Option<i32>,
    pub estimate_seconds: u32,
    /// The coaching path step this item is (a lesson or scenario step is played as such).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_step_id: Option<uuid::Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_title: Option<String>,
    /// For a path step: `lesson`, `scenario` or `practice_task`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_kind: Option<String>,
    /// A practice task's instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Everything the composer weighs, for the day (`until` is when due reviews count).
pub(crate) async fn inputs(
    state: &AppState,
    learner: &Learner,
    until: DateTime<Utc>,
) -> Result<(Inputs, Vec<review::ReviewCard>), ApiError> {
    let org = learner.org();
    let user = learner.user.id;
    let due_cards = review::due(&state.db, org, user, until, 40).await?;
    let due = due_cards
        .iter()
        .map(|c| DueReview {
            card: c.id,
            due: c.state.due,
            estimate_seconds: c.estimate_seconds,
        })
        .collect();
    let mut done_lessons = HashSet::new();
    for f in evidence::completed_lessons(&state.db, org, user).await? {
        let lesson = state.app.content.lesson(&state.db, org, f.version).await?;
        done_lessons.insert(lesson.version.key.as_str().to_owned());
    }
    let mut done_scenarios = HashSet::new();
    for f in evidence::finished_scenarios(&state.db, org, user).await? {
        let play = state
            .app
            .content
            .scenario(&state.db, org, f.version)
            .await?;
        done_scenarios.insert(play.version.key.as_str().to_owned());
    }
    // A lesson or scenario a path asks for comes as that path's step, not as new material.
    let open_steps = super::paths::open(state, learner).await?;
    for o in &open_steps {
        let key = o.step.target_key.clone().unwrap_or_default();
        match o.step.kind.as_str() {
            "lesson" => done_lessons.insert(key),
            "scenario" => done_scenarios.insert(key),
            _ => false,
        };
    }
    let locales = (learner.user.locale, learner.org_locale);
    let keys =
        |list: &[cinco_domain::lesson::Key]| list.iter().map(|k| k.as_str().to_owned()).collect();
    let mut candidates = Vec::new();
    let lessons = cinco_persistence::lesson::list_published(&state.db, org).await?;
    for v in not_done(
        lessons,
        |v| (v.key.as_str(), v.locale),
        &done_lessons,
        locales,
    ) {
        let lesson = state.app.content.lesson_from(org, v)?;
        candidates.push(Candidate {
            kind: MaterialKind::Lesson,
            key: lesson.version.key.as_str().to_owned(),
            version: lesson.version.id,
            estimate_seconds: u32::try_from(lesson.version.estimate_seconds).unwrap_or(300),
            competencies: keys(&lesson.content.competencies),
        });
    }
    let scenarios = cinco_persistence::scenario::list_published(&state.db, org).await?;
    for v in not_done(
        scenarios,
        |v| (v.key.as_str(), v.locale),
        &done_scenarios,
        locales,
    ) {
        let play = state.app.content.scenario_from(org, v)?;
        candidates.push(Candidate {
            kind: MaterialKind::Scenario,
            key: play.version.key.as_str().to_owned(),
            version: play.version.id,
            estimate_seconds: u32::try_from(play.version.estimate_seconds).unwrap_or(300),
            competencies: keys(&play.scenario.competencies),
        });
    }
    let path_steps = super::paths::next_of(&open_steps);
    let observations = observations(&evidence::of_user(&state.db, org, user).await?);
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
    match o.step.kind.as_str() {
        "lesson" | "scenario" => 300,
        _ => 60,
    }
}

/// Stored evidence as the proficiency model's observations (unknown sources are skipped).
pub(crate) fn observations(pieces: &[evidence::Piece]) -> Vec<(String, Observation)> {
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

pub(crate) fn by_competency(list: &[(String, Observation)]) -> BTreeMap<String, Vec<Observation>> {
    let mut map: BTreeMap<String, Vec<Observation>> = BTreeMap::new();
    for (k, o) in list {
        map.entry(k.clone()).or_default().push(*o);
    }
    map
}

/// Planned activities as stored: titles and keys filled in from the content.
pub(crate) async fn to_stored(
    state: &AppState,
    org: OrganisationId,
    plan: &[Planned],
    cards: &[review::ReviewCard],
) -> Result<Vec<StoredItem>, ApiError> {
    let mut out = Vec::with_capacity(plan.len());
    for p in plan {
        let item = match &p.activity {
            Activity::Review { card } => {
                let Some(c) = cards.iter().find(|c| c.id == *card) else {
                    continue;
                };
                let lesson = state
                    .app
                    .content
                    .lesson(&state.db, org, c.lesson_version_id)
                    .await?;
                StoredItem {
                    kind: "review".to_owned(),
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
                kind: "path_step".to_owned(),
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
                let (kind, title) = match kind {
                    MaterialKind::Lesson => (
                        "lesson",
                        state
                            .app
                            .content
                            .lesson(&state.db, org, *version)
                            .await?
                            .version
                            .title
                            .clone(),
                    ),
                    MaterialKind::Scenario => (
                        "scenario",
                        state
                            .app
                            .content
                            .scenario(&state.db, org, *version)
                            .await?
                            .version
                            .title
                            .clone(),
                    ),
                };
                StoredItem {
                    kind: kind.to_owned(),
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
pub(crate) fn to_planned(items: &[StoredItem]) -> Vec<Planned> {
    items
        .iter()
        .filter_map(|i| {
            let activity = match i.kind.as_str() {
                "review" => Activity::Review { card: i.id },
                "path_step" => Activity::PathStep { step: i.id },
                "lesson" | "scenario" => Activity::Material {
                    kind: if i.kind == "lesson" {
                        MaterialKind::Lesson
                    } else {
                        MaterialKind::Scenario
                    },
                    key: i.key.clone(),
                    version: i.id,
                },
                _ => return None,
            };
            Some(Planned {
                activity,
                estimate_seconds: i.estimate_seconds,
            })
        })
        .collect()
}

/// The day's session: the stored one, else composed now and stored (two devices opening
/// the app at once get the same one).
pub(crate) async fn session(
    state: &AppState,
    learner: &Learner,
) -> Result<(daily::DailySession, Vec<StoredItem>), ApiError> {
    let day = learner.day.to_string();
    let org = learner.org();
    if let Some(existing) = daily::find(&state.db, org, learner.user.id, &day).await? {
        let items = parse_items(&existing.items)?;
        return super::paths::join_session(state, learner, existing, items).await;
    }
    let (inputs, cards) = inputs(state, learner, learner.end_of(learner.day)).await?;
    let plan = today::compose(&inputs);
    let items = to_stored(state, org, &plan, &cards).await?;
    let steps = super::paths::next_steps(state, learner).await?;
    let items = super::paths::resolve(state, learner, items, &steps).await?;
    let json = serde_json::to_string(&items).map_err(ApiError::internal)?;
    let tx = state.db.begin().await?;
    let stored = daily::create(&tx, org, learner.user.id, &day, &json, learner.now).await?;
    tx.commit().await?;
    let items = parse_items(&stored.items)?;
    Ok((stored, items))
}

pub(crate) fn parse_items(raw: &str) -> Result<Vec<StoredItem>, ApiError> {
    serde_json::from_str(raw).map_err(ApiError::internal)
}

/// The knowledge item behind a review card, from its (immutable) lesson version.
pub(crate) fn item_card(lesson: &cinco_app::content::Lesson, card: i32) -> Option<&Card> {
    usize::try_from(card)
        .ok()
        .and_then(|i| lesson.content.cards.get(i))
}
