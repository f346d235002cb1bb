//! Demo coaching: two path templates from the seed articles, each given to one team (and to
//! agents who join it later), with some agents ahead and some behind; a scorecard; and a few
//! coaching sessions, so that the leads' dashboards tell a story on the first run.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use cinco_domain::coaching::{Observation, SessionStatus};
use cinco_domain::coaching::{PathTemplate, Step, StepKind};
use cinco_domain::lesson::Key;
use cinco_domain::programme::words::{StepWords, Translation, Words};
use cinco_domain::{Locale, OrganisationId, TeamId, UserId};
use cinco_persistence::coaching::{self, Rating, Recording, Scorecard, ScorecardItem, Session};
use cinco_persistence::path::{self, OpenStep, TeamRule, TemplateInput};
use cinco_persistence::{Database, lesson, scenario, team, user};

use cinco_app::coaching::scorecard;
use cinco_app::learning::complete_step;
use cinco_app::path::give::{Giving, give};
use cinco_app::path::language::source_words;

fn lesson_step(title: &str, key: &str, days: u32) -> anyhow::Result<Step> {
    Ok(Step {
        title: title.to_owned(),
        kind: StepKind::Lesson {
            lesson: Key::parse(key).ok_or_else(|| anyhow::anyhow!("bad key {key}"))?,
            pass_percent: 70,
        },
        due_after_days: Some(days),
    })
}

fn scenario_step(title: &str, key: &str, days: u32) -> anyhow::Result<Step> {
    Ok(Step {
        title: title.to_owned(),
        kind: StepKind::Scenario {
            scenario: Key::parse(key).ok_or_else(|| anyhow::anyhow!("bad key {key}"))?,
            pass_percent: 70,
        },
        due_after_days: Some(days),
    })
}

fn task(title: &str, instructions: &str, days: u32) -> Step {
    Step {
        title: title.to_owned(),
        kind: StepKind::PracticeTask {
            instructions: instructions.to_owned(),
        },
        due_after_days: Some(days),
    }
}

fn session_step(title: &str, days: u32) -> Step {
    Step {
        title: title.to_owned(),
        kind: StepKind::CoachingSession,
        due_after_days: Some(days),
    }
}

fn templates() -> anyhow::Result<Vec<(PathTemplate, &'static str)>> {
    Ok(vec![
        (
            PathTemplate::new(
                "Empowerment basics",
                vec![
                    lesson_step(
                        "The three elements of empowerment",
                        "three-elements-of-empowerment",
                        3,
                    )?,
                    lesson_step("Decide under your limit", "the-under-50-decision", 5)?,
                    scenario_step("Practise: the late-fee waiver", "late-fee-waiver", 7)?,
                    task(
                        "Solve one call yourself",
                        "On your next shift, solve one customer problem within your authority limit without transferring the call. Note what you decided and why.",
                        10,
                    ),
                    session_step("Review a call with your lead", 14),
                ],
            )?,
            "Agents learn what they may decide on their own, practise it, use it on a real call and review it with their lead.",
        ),
        (
            PathTemplate::new(
                "Empathy when customers are anxious",
                vec![
                    lesson_step("Empathy and compassion", "empathy-and-compassion", 3)?,
                    scenario_step("Practise: the lost order", "lost-order-pandemic", 6)?,
                    task(
                        "Use the empathy checklist on 5 calls",
                        "On your next 5 calls with a worried customer: name the feeling, say what you will do, and tell them when they will hear from you.",
                        9,
                    ),
                    session_step("Review an anxious caller with your lead", 14),
                ],
            )?,
            "Recognise anxiety, answer it with empathy and a concrete next step, and practise it on real calls.",
        ),
    ])
}

/// A step's words: its title, and instructions for a practice task.
fn said(title: &str, instructions: Option<&str>) -> StepWords {
    StepWords {
        title: title.to_owned(),
        instructions: instructions.map(str::to_owned),
        rubric: Vec::new(),
    }
}

/// The demo templates in Spanish and Italian (they are written in English).
fn translations(title: &str) -> Vec<(Locale, Words)> {
    let words = |title: &str, description: &str, steps: Vec<StepWords>| Words {
        title: title.to_owned(),
        description: description.to_owned(),
        steps,
    };
    match title {
        "Empowerment basics" => vec![
            (
                Locale::Es,
                words(
                    "Empoderamiento: lo básico",
                    "Los agentes aprenden qué pueden decidir por sí mismos, lo practican, lo aplican en una llamada real y la revisan con su líder.",
                    vec![
                        said("Los tres elementos del empoderamiento", None),
                        said("Decide por debajo de tu límite", None),
                        said("Practica: la anulación del recargo por demora", None),
                        said(
                            "Resuelve tú una llamada",
                            Some(
                                "En tu próximo turno, resuelve un problema de un cliente dentro de tu límite de autoridad sin transferir la llamada. Anota qué decidiste y por qué.",
                            ),
                        ),
                        said("Revisa una llamada con tu líder", None),
                    ],
                ),
            ),
            (
                Locale::It,
                words(
                    "Le basi dell'empowerment",
                    "Gli operatori imparano cosa possono decidere da soli, lo praticano, lo usano in una chiamata reale e la rivedono con il proprio responsabile.",
                    vec![
                        said("I tre elementi dell'empowerment", None),
                        said("Decidi entro il tuo limite", None),
                        said("Esercitati: lo storno della penale di ritardo", None),
                        said(
                            "Risolvi tu una chiamata",
                            Some(
                                "Nel tuo prossimo turno, risolvi un problema di un cliente entro il tuo limite di autorità senza trasferire la chiamata. Annota cosa hai deciso e perché.",
                            ),
                        ),
                        said("Rivedi una chiamata con il tuo responsabile", None),
                    ],
                ),
            ),
        ],
        "Empathy when customers are anxious" => vec![
            (
                Locale::Es,
                words(
                    "Empatía cuando el cliente está preocupado",
                    "Reconoce la ansiedad, respóndela con empatía y un siguiente paso concreto, y practícalo en llamadas reales.",
                    vec![
                        said("Empatía y compasión", None),
                        said("Practica: el pedido perdido", None),
                        said(
                            "Usa la lista de empatía en 5 llamadas",
                            Some(
                                "En tus próximas 5 llamadas con un cliente preocupado: nombra lo que siente, di qué vas a hacer y cuándo tendrá noticias tuyas.",
                            ),
                        ),
                        said(
                            "Revisa con tu líder una llamada con un cliente preocupado",
                            None,
                        ),
                    ],
                ),
            ),
            (
                Locale::It,
                words(
                    "Empatia quando il cliente è in ansia",
                    "Riconosci l'ansia, rispondi con empatia e un passo successivo concreto, ed esercitati nelle chiamate reali.",
                    vec![
                        said("Empatia e compassione", None),
                        said("Esercitati: l'ordine smarrito", None),
                        said(
                            "Usa la checklist dell'empatia in 5 chiamate",
                            Some(
                                "Nelle tue prossime 5 chiamate con un cliente preoccupato: dai un nome a ciò che prova, di' cosa farai e quando avrà tue notizie.",
                            ),
                        ),
                        said(
                            "Rivedi con il tuo responsabile una chiamata con un cliente in ansia",
                            None,
                        ),
                    ],
                ),
            ),
        ],
        _ => Vec::new(),
    }
}

/// Adds the demo coaching when the organisation has no path templates yet. Returns how many
/// paths were assigned.
pub(super) async fn seed(
    db: &Database,
    org: OrganisationId,
    teams: &[TeamId],
    trainer: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    if !path::templates(db, org).await?.is_empty() {
        return Ok(0);
    }
    let lessons = lesson::list_published(db, org).await?;
    let scenarios = scenario::list_published(db, org).await?;
    let mut assigned = 0;
    for ((template, description), team_id) in templates()?.into_iter().zip(teams) {
        let published = template.steps.iter().all(|s| match &s.kind {
            StepKind::Lesson { lesson, .. } => lessons.iter().any(|v| &v.key == lesson),
            StepKind::Scenario { scenario, .. } => scenarios.iter().any(|v| &v.key == scenario),
            _ => true,
        });
        if !published {
            continue;
        }
        let id = uuid::Uuid::now_v7();
        let input = TemplateInput {
            path: &template,
            description,
            source_locale: Some(Locale::En),
        };
        let created = now - Duration::days(30);
        path::insert_template(db, org, id, input, trainer, created).await?;
        let of = source_words(&path::template(db, org, id).await?);
        for (locale, words) in translations(&template.title) {
            let translation = Translation {
                words,
                of: of.clone(),
                updated_at: created,
            };
            path::set_translation(db, org, id, Locale::En, (locale, translation)).await?;
        }
        let t = path::template(db, org, id).await?;
        let team = team::get(db, org, *team_id).await?;
        let Some(lead) = team.leads.first().copied() else {
            continue;
        };
        let assigned_at = now - Duration::days(8);
        let rule = TeamRule {
            id: uuid::Uuid::now_v7(),
            team_id: *team_id,
            template_id: t.id,
            created_by: lead,
            created_at: assigned_at,
        };
        path::insert_rule(db, org, &rule).await?;
        for (i, agent) in team.agents.iter().enumerate() {
            let person = user::get(db, org, *agent).await?;
            let how = Giving {
                by: lead,
                team: Some(*team_id),
                rule: Some(rule.id),
                due_on: None,
                now: assigned_at,
                joined: false,
            };
            let Some(a) = give(db, org, &t, &person, &how).await? else {
                continue;
            };
            assigned += 1;
            // Ahead, on track, behind, in turn: the first agents did most of the path.
            let done = match i % 3 {
                0 => a.steps.len().saturating_sub(1),
                1 => 3,
                _ => 0,
            };
            for (n, step) in a.steps.iter().take(done).enumerate() {
                let at = assigned_at + Duration::days(2 * i64::try_from(n + 1).unwrap_or(1));
                let open = OpenStep {
                    step: step.clone(),
                    path_title: a.title.clone(),
                    path_texts: a.texts.clone(),
                    assigned_at,
                };
                let (score, note) = match step.kind.as_str() {
                    "lesson" | "scenario" => {
                        (Some(80 + 5 * i32::try_from(n % 3).unwrap_or(0)), None)
                    }
                    _ => (None, Some("Done on Tuesday's calls.".to_owned())),
                };
                complete_step(db, org, &open, at, score, note)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
        }
        sessions(db, org, &team.agents, lead, now).await?;
    }
    let created_at = now - Duration::days(30);
    let mut card = Scorecard {
        id: uuid::Uuid::now_v7(),
        title: SCORECARD_TITLE[0].to_owned(),
        items: INDICATORS
            .iter()
            .map(|(key, said)| item(key, said[0]))
            .collect(),
        created_at,
        source_locale: Some(Locale::En),
        translations: BTreeMap::new(),
    };
    let of = scorecard::words(&card);
    card.translations = [(1, Locale::Es), (2, Locale::It)]
        .into_iter()
        .map(|(i, locale)| {
            let words = Words {
                title: SCORECARD_TITLE[i].to_owned(),
                description: String::new(),
                steps: INDICATORS
                    .iter()
                    .map(|(_, said)| said_as(said[i]))
                    .collect(),
            };
            let translation = Translation {
                words,
                of: of.clone(),
                updated_at: created_at,
            };
            (locale, translation)
        })
        .collect();
    if coaching::scorecards(db, org).await?.is_empty() && assigned > 0 {
        coaching::insert_scorecard(db, org, &card, trainer).await?;
    }
    Ok(assigned)
}

/// The demo scorecard's title and indicators in English, Spanish and Italian.
const SCORECARD_TITLE: [&str; 3] = [
    "Call review: empowerment and empathy",
    "Revisión de llamada: empoderamiento y empatía",
    "Revisione della chiamata: empowerment ed empatia",
];
const INDICATORS: [(&str, [&str; 3]); 4] = [
    (
        "empathy",
        [
            "Names the customer's feeling before solving",
            "Nombra lo que siente el cliente antes de resolver",
            "Dà un nome a ciò che prova il cliente prima di risolvere",
        ],
    ),
    (
        "empowered-decision-making",
        [
            "Decides within their authority limit without transferring",
            "Decide dentro de su límite de autoridad sin transferir",
            "Decide entro il proprio limite di autorità senza trasferire",
        ],
    ),
    (
        "ownership",
        [
            "Tells the customer what happens next and when",
            "Dice al cliente qué pasará y cuándo",
            "Dice al cliente cosa succederà e quando",
        ],
    ),
    (
        "first-contact-resolution",
        [
            "Solves the problem on this call",
            "Resuelve el problema en esta llamada",
            "Risolve il problema in questa chiamata",
        ],
    ),
];

fn said_as(title: &str) -> StepWords {
    said(title, None)
}

/// A demo indicator (its English text) in each language.
fn indicator_texts(indicator: &str) -> BTreeMap<Locale, String> {
    INDICATORS
        .iter()
        .find(|(_, said)| said[0] == indicator)
        .map(|(_, said)| {
            [Locale::En, Locale::Es, Locale::It]
                .into_iter()
                .zip(said.iter().map(|s| (*s).to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn item(competency: &str, indicator: &str) -> ScorecardItem {
    ScorecardItem {
        competency_key: competency.to_owned(),
        indicator: indicator.to_owned(),
    }
}

/// A recorded and acknowledged session with the first agent, a disputed one with the
/// second, a missed one with the fourth, and one coming up with the fifth.
async fn sessions(
    db: &Database,
    org: OrganisationId,
    agents: &[UserId],
    lead: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let plan: [(usize, i64, &str); 4] = [
        (0, -5, "recorded"),
        (1, -9, "disputed"),
        (3, -3, "missed"),
        (4, 2, "upcoming"),
    ];
    for (i, days, kind) in plan {
        let Some(agent) = agents.get(i).copied() else {
            continue;
        };
        let at = now + Duration::days(days);
        let s = Session {
            id: uuid::Uuid::now_v7(),
            agent_id: agent,
            lead_id: lead,
            status: SessionStatus::Scheduled,
            scheduled_at: Some(at),
            held_at: None,
            observation: None,
            call_reference: Some(format!("CALL-{}", 48_000 + i * 17)),
            scorecard_id: None,
            notes: None,
            actions_assignment_id: None,
            acknowledged_at: None,
            agent_comment: None,
            disputed: false,
            created_at: at - Duration::days(2),
        };
        coaching::insert_session(db, org, &s).await?;
        if kind == "missed" || kind == "upcoming" {
            continue;
        }
        let rating = |key: &str, indicator: &str, value: Option<i32>, note: &str| Rating {
            competency_key: key.to_owned(),
            indicator: indicator.to_owned(),
            rating: value,
            note: Some(note.to_owned()),
            texts: indicator_texts(indicator),
        };
        let rec = Recording {
            held_at: at,
            observation: if kind == "recorded" {
                Observation::Recorded
            } else {
                Observation::Live
            },
            call_reference: s.call_reference.clone(),
            notes: Some("Good call overall: the customer left with a solution. Next time, offer the goodwill credit yourself instead of asking.".to_owned()),
            ratings: vec![
                rating("empathy", "Names the customer's feeling before solving", Some(3), "Acknowledged the worry early."),
                rating("empowered-decision-making", "Decides within their authority limit without transferring", Some(2), "Asked for approval on a 20 € credit that was within the limit."),
                rating("first-contact-resolution", "Solves the problem on this call", None, "Not applicable: the order was still in transit."),
            ],
            actions_assignment_id: None,
        };
        coaching::record(db, org, &s, &rec).await?;
        let (comment, disputed) = if kind == "disputed" {
            (Some("I asked because the system showed a warning on the account; I did not know I could override it.".to_owned()), true)
        } else {
            (Some("Thanks, I will try it this week.".to_owned()), false)
        };
        coaching::acknowledge(db, org, s.id, at + Duration::hours(20), comment, disputed).await?;
    }
    Ok(())
}
