//! Demo train-the-trainer: the track "Coach for empowerment" built from the demo lessons and
//! scenarios; the trainer certified as master trainer (granted by the admin, the root of the
//! cascade); Laura (lead of Equipo Madrid) certified through the track, assessed by the
//! trainer; Luca (lead of Squadra Milano) halfway, with his teach-back waiting in the
//! trainer's queue and an outside certification that expires within 60 days.

use chrono::{DateTime, Duration, Utc};
use cinco_app::certification::language;
use cinco_domain::Locale;
use cinco_domain::certification::{Level, Module, ModuleKind, Track, expires_at};
use cinco_domain::certification::{ModuleType, SubmissionStatus};
use cinco_domain::coaching::SessionStatus;
use cinco_domain::lesson::Key;
use cinco_domain::programme::words::{StepWords, Translation, Words};
use cinco_domain::user::Email;
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::certification::{
    self, Assessment, Certification, CriterionRating, EnrolledModule, Submission,
};
use cinco_persistence::{Database, coaching, lesson, scenario, user};

use cinco_app::certification::issue::issue_when_done;

fn key(raw: &str) -> anyhow::Result<Key> {
    Key::parse(raw).ok_or_else(|| anyhow::anyhow!("bad key {raw}"))
}

fn criteria(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| (*c).to_owned()).collect()
}

fn track() -> anyhow::Result<Track> {
    let lesson = |title: &str, k: &str| -> anyhow::Result<Module> {
        Ok(Module {
            title: title.to_owned(),
            kind: ModuleKind::Lesson {
                lesson: key(k)?,
                pass_percent: 70,
            },
            instructions: String::new(),
        })
    };
    Ok(Track::new(Track {
        title: "Coach for empowerment".to_owned(),
        description: "Para líderes que acompañan a sus agentes a resolver el problema del cliente, no solo a cerrar la llamada: entender el empoderamiento, practicarlo, enseñarlo al equipo y demostrarlo en una sesión de coaching observada.".to_owned(),
        level: Level::Coach,
        scope: vec![
            key("empowered-decision-making")?,
            key("ownership")?,
            key("authority-limits")?,
        ],
        validity_months: 24,
        modules: vec![
            lesson("Los tres elementos del empoderamiento", "three-elements-of-empowerment")?,
            lesson("El miedo a decidir", "fear-of-deciding")?,
            Module {
                title: "Practica: anular el recargo por demora".to_owned(),
                kind: ModuleKind::Scenario {
                    scenario: key("late-fee-waiver")?,
                    pass_percent: 70,
                },
                instructions: String::new(),
            },
            Module {
                title: "Enseña la reunión de empoderamiento".to_owned(),
                kind: ModuleKind::TeachBack {
                    rubric: criteria(&[
                        "Fija un objetivo claro para la sesión",
                        "Usa un ejemplo real de llamada",
                        "Hace practicar al equipo",
                        "Cierra con un compromiso concreto de cada agente",
                    ]),
                },
                instructions: "Prepara y da a tu equipo una reunión de 10 minutos sobre qué pueden decidir solos y hasta qué importe. Envía el guion, tus notas y, si la grabaste, el enlace.".to_owned(),
            },
            Module {
                title: "Coaching observado con un agente".to_owned(),
                kind: ModuleKind::ObservedSession {
                    rubric: criteria(&[
                        "Pregunta antes de decir",
                        "Conecta la conducta con el resultado del cliente",
                        "Acuerda una acción concreta con fecha",
                    ]),
                },
                instructions: "Haz una sesión de coaching sobre una llamada real mientras tu formador observa. Regístrala en Cinco y envíala aquí.".to_owned(),
            },
        ],
    })?)
}

/// The demo track in English and Italian (it is written in Spanish).
fn translations() -> Vec<(Locale, Words)> {
    let step = |title: &str, instructions: Option<&str>, rubric: &[&str]| StepWords {
        title: title.to_owned(),
        instructions: instructions.map(str::to_owned),
        rubric: criteria(rubric),
    };
    vec![
        (
            Locale::En,
            Words {
                title: "Coach for empowerment".to_owned(),
                description: "For leads who help their agents solve the customer's problem, not just close the call: understand empowerment, practise it, teach it to the team and show it in an observed coaching session.".to_owned(),
                steps: vec![
                    step("The three elements of empowerment", None, &[]),
                    step("The fear of deciding", None, &[]),
                    step("Practise: waiving the late fee", None, &[]),
                    step(
                        "Teach the empowerment huddle",
                        Some("Prepare and give your team a 10-minute huddle on what they may decide on their own and up to what amount. Send the script, your notes and, if you recorded it, the link."),
                        &[
                            "Sets a clear goal for the session",
                            "Uses a real call as the example",
                            "Has the team practise",
                            "Closes with a concrete commitment from each agent",
                        ],
                    ),
                    step(
                        "Observed coaching with an agent",
                        Some("Coach an agent on a real call while your trainer observes. Record it in Cinco and submit it here."),
                        &[
                            "Asks before telling",
                            "Links the behaviour to the customer's outcome",
                            "Agrees a concrete action with a date",
                        ],
                    ),
                ],
            },
        ),
        (
            Locale::It,
            Words {
                title: "Coach per l'empowerment".to_owned(),
                description: "Per i responsabili che aiutano i propri operatori a risolvere il problema del cliente, non solo a chiudere la chiamata: capire l'empowerment, praticarlo, insegnarlo al team e dimostrarlo in una sessione di coaching osservata.".to_owned(),
                steps: vec![
                    step("I tre elementi dell'empowerment", None, &[]),
                    step("La paura di decidere", None, &[]),
                    step("Esercitati: lo storno della penale di ritardo", None, &[]),
                    step(
                        "Insegna la riunione sull'empowerment",
                        Some("Prepara e tieni al tuo team una riunione di 10 minuti su cosa possono decidere da soli e fino a quale importo. Invia la scaletta, i tuoi appunti e, se l'hai registrata, il link."),
                        &[
                            "Fissa un obiettivo chiaro per la sessione",
                            "Usa come esempio una chiamata reale",
                            "Fa esercitare il team",
                            "Chiude con un impegno concreto di ogni operatore",
                        ],
                    ),
                    step(
                        "Coaching osservato con un operatore",
                        Some("Fai una sessione di coaching su una chiamata reale mentre il tuo formatore osserva. Registrala in Cinco e inviala qui."),
                        &[
                            "Chiede prima di dire",
                            "Collega il comportamento al risultato per il cliente",
                            "Concorda un'azione concreta con una data",
                        ],
                    ),
                ],
            },
        ),
    ]
}

async fn person(db: &Database, local: &str) -> anyhow::Result<UserId> {
    let email = Email::parse(&format!("{local}@{}", super::DOMAIN))?;
    user::credentials_by_email(db, &email)
        .await?
        .map(|c| c.user.id)
        .ok_or_else(|| anyhow::anyhow!("the demo person {local} is missing"))
}

/// Adds the demo track when the organisation has none; answers how many certifications
/// were issued.
pub(super) async fn seed(
    db: &Database,
    org: OrganisationId,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    if !certification::tracks(db, org).await?.is_empty() {
        return Ok(0);
    }
    let track = track()?;
    let lessons = lesson::list_published(db, org).await?;
    let scenarios = scenario::list_published(db, org).await?;
    let published = track.modules.iter().all(|m| match &m.kind {
        ModuleKind::Lesson { lesson, .. } => lessons.iter().any(|v| &v.key == lesson),
        ModuleKind::Scenario { scenario, .. } => scenarios.iter().any(|v| &v.key == scenario),
        _ => true,
    });
    if !published {
        return Ok(0);
    }
    let (admin, trainer) = (person(db, "admin").await?, person(db, "trainer").await?);
    let (laura, luca) = (person(db, "lead1").await?, person(db, "lead2").await?);
    let tx = db.begin().await?;
    let day = |n: i64| now - Duration::days(n);

    // The root of the cascade: the admin recognises the trainer as a master trainer.
    let master = Certification {
        id: uuid::Uuid::new_v4(),
        organisation_id: org,
        holder_id: trainer,
        track_id: None,
        enrolment_id: None,
        title: "Master trainer".to_owned(),
        description: String::new(),
        level: Level::MasterTrainer,
        scope: [track.scope.clone(), vec![key("empathy")?]].concat(),
        evidence: Vec::new(),
        issued_at: day(200),
        expires_at: expires_at(day(200), 36),
        issued_by: admin,
        renews_id: None,
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
    };
    certification::insert_certification(
        &tx,
        &master,
        "Certificación externa de formador de formadores",
    )
    .await?;
    // Luca's outside coach certification, expiring in 45 days: he is taking the track to renew.
    let outside = Certification {
        id: uuid::Uuid::new_v4(),
        holder_id: luca,
        title: "Coach (certificación anterior)".to_owned(),
        level: Level::Coach,
        scope: vec![key("empathy")?],
        issued_at: now + Duration::days(45) - Duration::days(365),
        expires_at: now + Duration::days(45),
        ..master.clone()
    };
    certification::insert_certification(&tx, &outside, "Certificación anterior a Cinco").await?;

    let track_id =
        certification::insert_track(&tx, org, (&track, Locale::Es), trainer, day(90)).await?;
    let of = language::source_words(&certification::track(&tx, org, track_id).await?);
    for (locale, words) in translations() {
        let translation = Translation {
            words,
            of: of.clone(),
            updated_at: day(90),
        };
        certification::set_track_translation(&tx, org, track_id, Locale::Es, (locale, translation))
            .await?;
    }
    let languages = language::every(&certification::track(&tx, org, track_id).await?);
    // Laura: every module done, assessed by the trainer: certified.
    let e = certification::insert_enrolment(
        &tx,
        org,
        (track_id, &track, &languages),
        laura,
        trainer,
        day(60),
    )
    .await?;
    let modules = certification::enrolment(&tx, org, e).await?.modules;
    let observed = coaching::sessions(&tx, org, None)
        .await?
        .into_iter()
        .find(|s| s.lead_id == laura && s.status == SessionStatus::Recorded)
        .map(|s| s.id);
    for (i, m) in modules.iter().enumerate() {
        let at = day(55 - 8 * i64::try_from(i).unwrap_or(0));
        if m.rubric.is_empty() {
            certification::complete_module(&tx, org, m.id, at, Some(90)).await?;
        } else {
            let plan = "1. Objetivo: que cada agente sepa qué puede decidir solo. 2. Caso real: el recargo por demora. 3. Práctica por parejas. 4. Un compromiso por persona.";
            let sub = submission(
                e,
                m,
                laura,
                at,
                plan,
                observed.filter(|_| m.kind == ModuleType::ObservedSession),
            );
            certification::insert_submission(&tx, org, &sub).await?;
            let ratings: Vec<CriterionRating> = m
                .rubric
                .iter()
                .map(|c| CriterionRating {
                    criterion: c.clone(),
                    rating: 3,
                    comment: None,
                })
                .collect();
            let comment =
                Some("Muy clara y práctica. Deja más silencio para que respondan.".to_owned());
            let assessed = at + Duration::days(1);
            certification::assess(
                &tx,
                org,
                sub.id,
                Assessment {
                    assessor: trainer,
                    at: assessed,
                    passed: true,
                    ratings: &ratings,
                    comment,
                },
            )
            .await?;
            certification::complete_module(&tx, org, m.id, assessed, None).await?;
        }
    }
    let mut issued = usize::from(issue_when_done(None, &tx, org, e, day(20)).await?.is_some());

    // Luca: the lessons done, his teach-back waiting for the trainer.
    let e = certification::insert_enrolment(
        &tx,
        org,
        (track_id, &track, &languages),
        luca,
        trainer,
        day(20),
    )
    .await?;
    let modules = certification::enrolment(&tx, org, e).await?.modules;
    for m in modules.iter().filter(|m| m.kind == ModuleType::Lesson) {
        certification::complete_module(&tx, org, m.id, day(15), Some(100)).await?;
    }
    if let Some(teach) = modules.iter().find(|m| m.kind == ModuleType::TeachBack) {
        let plan = "Obiettivo: ogni agente sa cosa può decidere da solo. Caso reale, pratica a coppie, un impegno a testa.";
        certification::insert_submission(&tx, org, &submission(e, teach, luca, day(2), plan, None))
            .await?;
    }
    tx.commit().await?;
    issued += 2;
    Ok(issued)
}

fn submission(
    enrolment: uuid::Uuid,
    m: &EnrolledModule,
    trainee: UserId,
    at: DateTime<Utc>,
    plan: &str,
    session: Option<uuid::Uuid>,
) -> Submission {
    let observed = m.kind == ModuleType::ObservedSession;
    Submission {
        id: uuid::Uuid::now_v7(),
        enrolment_id: enrolment,
        module_id: m.id,
        user_id: trainee,
        plan: if observed {
            String::new()
        } else {
            plan.to_owned()
        },
        notes: Some("El equipo propuso dos casos propios.".to_owned()).filter(|_| !observed),
        recording_url: None,
        coaching_session_id: session,
        submitted_at: at,
        status: SubmissionStatus::Pending,
        assessor_id: None,
        assessed_at: None,
        ratings: Vec::new(),
        comment: None,
    }
}
