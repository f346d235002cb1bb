//! Closing the QA loop, a subscriber of learning events: a coaching rating or a QA result on
//! a competency at or below the organisation's threshold gives the agent a short remediation
//! path (a lesson and a scenario that train the competency, then a follow-up coaching
//! session a week later), titled with why. While one is active for the same agent and
//! competency, a further low score only adds a line to its history. The rules are in
//! [`cinco_domain::coaching::remediation`].

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use cinco_domain::coaching::remediation::{self, Choice, DUE_DAYS, LowScore, RATING_SCALE};
use cinco_domain::coaching::{AssignmentStatus, PathEvent, StepType};
use cinco_domain::learning::LearningEvent;
use cinco_domain::lesson::Key;
use cinco_domain::locale::pick;
use cinco_domain::text::TITLE_MAX;
use cinco_domain::user::User;
use cinco_domain::{Locale, OrganisationId, UserId};
use cinco_persistence::path::{self, Assignment, NewStep};
use cinco_persistence::versioned::Version;
use cinco_persistence::{Executor, coaching, competency, evidence, organisation, user};

use crate::path::scope::team_of;
use crate::{App, AppError};

pub(super) async fn on_event(
    app: &App,
    ex: &impl Executor,
    event: &LearningEvent,
) -> Result<(), AppError> {
    match event {
        LearningEvent::CoachingSessionRecorded {
            org,
            agent,
            session,
            at,
        } => {
            let settings = coaching::loop_settings(ex, *org).await?;
            if !settings.enabled {
                return Ok(());
            }
            let s = coaching::session(ex, *org, *session).await?;
            // Several indicators may rate one competency: the lowest counts.
            let mut lowest: BTreeMap<String, i32> = BTreeMap::new();
            for r in coaching::ratings(ex, *org, *session).await? {
                if let Some(v) = r.rating {
                    let e = lowest.entry(r.competency_key).or_insert(v);
                    *e = (*e).min(v);
                }
            }
            let low = Low {
                by: s.lead_id,
                on: s.held_at.unwrap_or(*at),
                threshold: settings.rating_at_or_below.into(),
                at: *at,
            };
            for (key, rating) in lowest {
                if settings.rating_is_low(rating) {
                    remediate(
                        app,
                        ex,
                        *org,
                        *agent,
                        &key,
                        LowScore::Coaching { rating },
                        &low,
                    )
                    .await?;
                }
            }
        }
        LearningEvent::QaScored {
            org,
            user,
            by,
            competency,
            percent,
            at,
        } => {
            let settings = coaching::loop_settings(ex, *org).await?;
            if settings.qa_is_low(f64::from(*percent)) {
                let low = Low {
                    by: *by,
                    on: *at,
                    threshold: settings.qa_percent_below.into(),
                    at: *at,
                };
                let score = LowScore::Qa {
                    percent: f64::from(*percent),
                };
                remediate(app, ex, *org, *user, competency, score, &low).await?;
            }
        }
        LearningEvent::ContentFinished { .. }
        | LearningEvent::ModuleAssessed { .. }
        | LearningEvent::ReviewAnswered { .. } => {}
    }
    Ok(())
}

/// Who gave the low score, on which day, against which threshold, and when it is noted.
struct Low {
    by: UserId,
    on: DateTime<Utc>,
    threshold: i32,
    at: DateTime<Utc>,
}

async fn remediate(
    app: &App,
    ex: &impl Executor,
    org: OrganisationId,
    agent: UserId,
    key: &str,
    score: LowScore,
    low: &Low,
) -> Result<(), AppError> {
    let Some(comp_key) = Key::parse(key) else {
        return Ok(());
    };
    let agent = user::get(ex, org, agent).await?;
    let org_locale = organisation::get(ex, org).await?.default_locale;
    let name = match competency::get(ex, org, &comp_key).await {
        Ok(c) => c.name.get(agent.locale, org_locale).to_owned(),
        Err(_) => key.to_owned(),
    };
    let why = reason(agent.locale, &name, score, &agent, low);
    if let Some(open) = path::open_remediation(ex, org, agent.id, key).await? {
        path::add_event(
            ex,
            org,
            open,
            low.at,
            Some(low.by),
            PathEvent::LowScore,
            &why,
        )
        .await?;
        return Ok(());
    }
    let locales = (agent.locale, org_locale);
    let lesson = choose(
        cinco_persistence::lesson::list_all(ex, org).await?,
        cinco_persistence::lesson::list_published(ex, org).await?,
        evidence::completed_lessons(ex, org, agent.id).await?,
        locales,
        |v| {
            let lesson = app.content.lesson_from(org, v)?;
            Ok(lesson.content.competencies.contains(&comp_key))
        },
    )?;
    let scenario = choose(
        cinco_persistence::scenario::list_versions(ex, org, None).await?,
        cinco_persistence::scenario::list_published(ex, org).await?,
        evidence::finished_scenarios(ex, org, agent.id).await?,
        locales,
        |v| {
            let play = app.content.scenario_from(org, v)?;
            Ok(play.scenario.competencies.contains(&comp_key))
        },
    )?;
    let today = agent.time_zone.local_date(low.at);
    let due = |days: u32| {
        Some(
            agent.time_zone.end_of(
                today
                    .checked_add_days(chrono::Days::new(u64::from(days)))
                    .unwrap_or(today),
            ),
        )
    };
    let pass = Some(i32::from(cinco_domain::programme::DEFAULT_PASS_PERCENT));
    let mut steps = Vec::with_capacity(3);
    if let Some((key, title)) = lesson {
        steps.push(NewStep {
            title,
            kind: StepType::Lesson,
            target_key: Some(key.as_str().to_owned()),
            pass_percent: pass,
            instructions: None,
            due_at: due(DUE_DAYS[0]),
            texts: BTreeMap::new(),
        });
    }
    if let Some((key, title)) = scenario {
        steps.push(NewStep {
            title,
            kind: StepType::Scenario,
            target_key: Some(key.as_str().to_owned()),
            pass_percent: pass,
            instructions: None,
            due_at: due(DUE_DAYS[1]),
            texts: BTreeMap::new(),
        });
    }
    steps.push(NewStep {
        title: follow_up(agent.locale, &name),
        kind: StepType::CoachingSession,
        target_key: None,
        pass_percent: None,
        instructions: None,
        due_at: due(DUE_DAYS[2]),
        texts: BTreeMap::new(),
    });
    let a = Assignment {
        id: uuid::Uuid::now_v7(),
        user_id: agent.id,
        title: title(agent.locale, &name, score, &agent, low),
        template_id: None,
        team_id: team_of(ex, org, agent.id).await?,
        team_rule_id: None,
        session_id: None,
        assigned_by: low.by,
        assigned_at: low.at,
        status: AssignmentStatus::Active,
        closed_at: None,
        steps: Vec::new(),
        texts: BTreeMap::new(),
    };
    let id = if path::insert_remediation(ex, org, &a, &steps, "", key).await? {
        a.id
    } else {
        // Another low score gave it first.
        match path::open_remediation(ex, org, agent.id, key).await? {
            Some(id) => id,
            None => return Ok(()),
        }
    };
    path::add_event(ex, org, id, low.at, Some(low.by), PathEvent::LowScore, &why).await?;
    Ok(())
}

/// Of the published content of one kind (`every` version, the `published` ones, what the
/// agent `finished`), the piece that `trains` the competency which the agent never finished
/// or finished longest ago, in their language, with its title.
fn choose<T>(
    every: Vec<Version<T>>,
    published: Vec<Version<T>>,
    finished: Vec<evidence::Finished>,
    (preferred, fallback): (Locale, Locale),
    trains: impl Fn(Version<T>) -> Result<bool, AppError>,
) -> Result<Option<(Key, String)>, AppError> {
    let key_of: HashMap<uuid::Uuid, String> = every
        .into_iter()
        .map(|v| (v.id, v.key.as_str().to_owned()))
        .collect();
    let done = last_done(finished, &key_of);
    let mut by_key: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for v in published {
        by_key.entry(v.key.as_str().to_owned()).or_default().push(v);
    }
    let mut choices = Vec::new();
    let mut titles = HashMap::new();
    for variants in by_key.into_values() {
        let Some(v) = pick(variants, |v| v.locale, preferred, fallback) else {
            continue;
        };
        let (key, title) = (v.key.clone(), v.title.clone());
        if trains(v)? {
            titles.insert(key.as_str().to_owned(), title);
            choices.push(Choice {
                last_done: done.get(key.as_str()).copied(),
                key,
            });
        }
    }
    Ok(remediation::pick(&choices).map(|k| {
        let title = titles.remove(k.as_str()).unwrap_or_default();
        (k.clone(), title)
    }))
}

/// When the agent last finished each content key.
fn last_done(
    finished: Vec<evidence::Finished>,
    key_of: &HashMap<uuid::Uuid, String>,
) -> HashMap<String, DateTime<Utc>> {
    let mut out: HashMap<String, DateTime<Utc>> = HashMap::new();
    for f in finished {
        if let Some(key) = key_of.get(&f.version) {
            let e = out.entry(key.clone()).or_insert(f.at);
            *e = (*e).max(f.at);
        }
    }
    out
}

/// The path's title, in the agent's language: the competency and, in short, why (so the
/// agent sees it in Today and My paths, and the lead on the dashboard), within the title's
/// length.
fn title(locale: Locale, name: &str, score: LowScore, agent: &User, low: &Low) -> String {
    let day = agent.time_zone.local_date(low.on).format("%Y-%m-%d");
    let t = low.threshold;
    let text = match (score, locale) {
        (LowScore::Coaching { rating }, Locale::Es) => {
            format!("Refuerzo: {name} — valorado {rating}/{RATING_SCALE} el {day} (umbral {t})")
        }
        (LowScore::Coaching { rating }, Locale::En) => {
            format!("Refresher: {name} — rated {rating}/{RATING_SCALE} on {day} (threshold {t})")
        }
        (LowScore::Coaching { rating }, Locale::It) => {
            format!("Ripasso: {name} — valutato {rating}/{RATING_SCALE} il {day} (soglia {t})")
        }
        (LowScore::Qa { percent }, Locale::Es) => {
            format!("Refuerzo: {name} — calidad {percent} % el {day} (umbral {t} %)")
        }
        (LowScore::Qa { percent }, Locale::En) => {
            format!("Refresher: {name} — QA {percent} % on {day} (threshold {t} %)")
        }
        (LowScore::Qa { percent }, Locale::It) => {
            format!("Ripasso: {name} — qualità {percent} % il {day} (soglia {t} %)")
        }
    };
    text.chars().take(TITLE_MAX).collect()
}

/// The follow-up step's title.
fn follow_up(locale: Locale, name: &str) -> String {
    match locale {
        Locale::Es => format!("Seguimiento de {name} con tu responsable"),
        Locale::En => format!("Follow-up on {name} with your lead"),
        Locale::It => format!("Verifica di {name} con il tuo responsabile"),
    }
}

/// Why the path was given (or noted again), in the agent's language.
fn reason(locale: Locale, name: &str, score: LowScore, agent: &User, low: &Low) -> String {
    let day = agent.time_zone.local_date(low.on).format("%Y-%m-%d");
    let t = low.threshold;
    match (score, locale) {
        (LowScore::Coaching { rating }, Locale::Es) => format!(
            "{name}: valorado {rating}/{RATING_SCALE} en la sesión de coaching del {day}; el umbral de la organización es {t}"
        ),
        (LowScore::Coaching { rating }, Locale::En) => format!(
            "{name} rated {rating}/{RATING_SCALE} in the coaching session of {day}; the organisation's threshold is {t}"
        ),
        (LowScore::Coaching { rating }, Locale::It) => format!(
            "{name}: valutato {rating}/{RATING_SCALE} nella sessione di coaching del {day}; la soglia dell'organizzazione è {t}"
        ),
        (LowScore::Qa { percent }, Locale::Es) => format!(
            "{name}: {percent} % en la evaluación de calidad del {day}; el umbral de la organización es {t} %"
        ),
        (LowScore::Qa { percent }, Locale::En) => format!(
            "{name} scored {percent} % in QA on {day}; the organisation's threshold is {t} %"
        ),
        (LowScore::Qa { percent }, Locale::It) => format!(
            "{name}: {percent} % nella valutazione di qualità del {day}; la soglia dell'organizzazione è {t} %"
        ),
    }
}
