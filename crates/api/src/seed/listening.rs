//! Demo procedures that listen and the pulse, from the articles' stories adapted to the
//! demo contact centre: the customer whose suggestion an agent could not even pass on, the
//! drop-off point "for employees only", the $35 late fee over the agent's limit — some
//! answered (accepted with a changed limit, lesson or procedure note; declined with a
//! reason), some open, one waiting for weeks. And four months of pulse answers for Equipo
//! Valencia (enough to show) and three for Equipo Madrid this month (not enough).

use chrono::{DateTime, Duration, Utc};
use cinco_domain::pulse::{Answers, Month, Score};
use cinco_domain::suggestion::{Answer, ChangeKind};
use cinco_domain::user::{Email, TimeZone};
use cinco_domain::{OrganisationId, TeamId, UserId};
use cinco_persistence::suggestion::{self, Answered, Filter, Suggestion};
use cinco_persistence::{Database, organisation, pulse, user};

use super::DOMAIN;

/// A demo suggestion: author, days ago, what happened, the rule, the proposal, the decision
/// type, and the answer (who, days ago, the answer).
struct Story {
    author: &'static str,
    days_ago: i64,
    what_happened: &'static str,
    rule: &'static str,
    proposal: &'static str,
    decision: Option<&'static str>,
    answer: Option<(&'static str, i64, Answer)>,
}

fn stories() -> Vec<Story> {
    vec![
        Story {
            author: "agent01",
            days_ago: 41,
            what_happened: "Una clienta quería proponer que el horario de atención por teléfono se alargara los sábados. No había dónde registrar su sugerencia: solo pude decirle que no se podía hacer nada.",
            rule: "Solo se atiende la consulta del cliente; las sugerencias de clientes no se registran",
            proposal: "Un código en la ficha para pasar la sugerencia del cliente al equipo que decide, y decirle al cliente que llegará.",
            decision: None,
            answer: Some(("trainer", 34, Answer::Accepted {
                change: ChangeKind::ProcedureNote,
                what: "Desde este mes las sugerencias de clientes se registran con el código SUG en la ficha; calidad las revisa cada lunes y contesta al cliente en diez días.".to_owned(),
            })),
        },
        Story {
            author: "agent02",
            days_ago: 27,
            what_happened: "Un cliente con el router averiado vive al lado de la sede y quería dejarlo en el punto de recogida de la entrada. El cartel dice «solo para empleados» y tuve que decirle que no.",
            rule: "El punto de recogida de la sede es solo para empleados",
            proposal: "Que los clientes puedan dejar ahí su equipo averiado con el número de incidencia.",
            decision: Some("free-replacement"),
            answer: Some(("admin", 20, Answer::Declined {
                reason: "El punto de la sede no tiene seguro para equipos de clientes. El cambio de router a domicilio ya es gratuito y llega en 48 horas: ofrécelo en la misma llamada.".to_owned(),
            })),
        },
        Story {
            author: "agent06",
            days_ago: 18,
            what_happened: "A customer was charged a $35 late fee while she was in hospital. My limit to waive fees was $20, so I had to pass her to my lead and she called back angry.",
            rule: "Agents may waive late fees up to $20",
            proposal: "Let agents waive one late fee up to $50 a year without asking anyone.",
            decision: Some("fee-waiver"),
            answer: Some(("admin", 15, Answer::Accepted {
                change: ChangeKind::Limit,
                what: "The agents' fee-waiver limit is now $50 (see the authority limits). Most of these decisions cost under $50: take them.".to_owned(),
            })),
        },
        Story {
            author: "agent03",
            days_ago: 12,
            what_happened: "Un cliente quería bajar de tarifa sin permanencia y no sabía si podía ofrecérselo sin pasar a retenciones.",
            rule: "Los cambios de tarifa con permanencia pasan siempre por retenciones",
            proposal: "Explicar en una lección qué cambios de tarifa podemos hacer nosotros.",
            decision: None,
            answer: Some(("trainer", 9, Answer::Accepted {
                change: ChangeKind::Lesson,
                what: "Hemos añadido a la lección de decisiones con autonomía qué cambios de tarifa puedes hacer tú y cuáles pasan a retenciones.".to_owned(),
            })),
        },
        Story {
            author: "agent07",
            days_ago: 22,
            what_happened: "Il cliente voleva spostare la consegna di un giorno, ma la procedura chiede una email firmata e lui era in viaggio con il solo telefono.",
            rule: "Il cambio della data di consegna richiede una email firmata dal cliente",
            proposal: "Accettare la conferma con il codice SMS che già usiamo per l'identificazione.",
            decision: Some("policy-exception"),
            answer: None,
        },
        Story {
            author: "agent11",
            days_ago: 2,
            what_happened: "A customer's parcel arrived two days late. I wanted to give a $10 goodwill credit, but the script says to open a claim and wait for the courier's answer.",
            rule: "Late deliveries: open a courier claim first, no credit before the answer",
            proposal: "Allow a small goodwill credit on the call when the tracking already shows the delay.",
            decision: Some("goodwill-credit"),
            answer: None,
        },
    ]
}

async fn person(db: &Database, local: &str) -> anyhow::Result<UserId> {
    user::credentials_by_email(db, &Email::parse(&format!("{local}@{DOMAIN}"))?)
        .await?
        .map(|c| c.user.id)
        .ok_or_else(|| anyhow::anyhow!("the demo person {local} is missing"))
}

/// Adds the demo's suggestions and pulse when the organisation has none; answers how many
/// suggestions were added.
pub async fn seed(
    db: &Database,
    org: OrganisationId,
    teams: &[TeamId],
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let zone = TimeZone::parse("Europe/Madrid")?;
    organisation::set_time_zone(db, org, &zone).await?;
    let mut added = 0;
    if suggestion::list(db, org, Filter::default())
        .await?
        .is_empty()
    {
        for story in stories() {
            let author = person(db, story.author).await?;
            let s = Suggestion {
                id: uuid::Uuid::now_v7(),
                author,
                team: cinco_app::path::scope::team_of(db, org, author).await?,
                what_happened: story.what_happened.to_owned(),
                rule: story.rule.to_owned(),
                competency_key: None,
                decision_key: story.decision.map(str::to_owned),
                proposal: story.proposal.to_owned(),
                created_at: now - Duration::days(story.days_ago),
                answer: None,
            };
            suggestion::insert(db, org, &s).await?;
            if let Some((who, days_ago, answer)) = story.answer {
                let answered = Answered {
                    answer,
                    by: person(db, who).await?,
                    at: now - Duration::days(days_ago),
                };
                suggestion::answer(db, org, s.id, &answered).await?;
            }
            added += 1;
        }
    }
    let month = Month::of(zone.local_date(now));
    let months = month.last(4);
    if pulse::tallies(db, org, teams, &months).await?.is_empty() {
        pulse_seed(db, org, teams, &months).await?;
    }
    Ok(added)
}

/// A deterministic spread of answers around `mean` (tenths): person `j`'s score.
fn score(mean_tenths: u32, j: u32, statement: u32) -> anyhow::Result<Score> {
    let whole = mean_tenths / 10;
    let up = u32::from((j * 7 + statement * 3) % 10 < mean_tenths % 10);
    let spread: i64 = [-1, 0, 1, 0, 0][((j * 3 + statement) % 5) as usize];
    let raw = (i64::from(whole + up) + spread).clamp(1, 5);
    Ok(Score::parse(raw)?)
}

async fn pulse_seed(
    db: &Database,
    org: OrganisationId,
    teams: &[TeamId],
    months: &[Month],
) -> anyhow::Result<()> {
    // Equipo Valencia: most of its sixty agents answer each month, and the trend rises as
    // limits are made explicit. The current month is still filling up.
    let valencia = teams.get(super::RESULTS_TEAM).copied();
    let means = [(31, 26, 34), (34, 28, 35), (36, 31, 37), (38, 33, 39)];
    let answered = [44u32, 47, 41, 23];
    if let Some(team) = valencia {
        for (i, month) in months.iter().enumerate() {
            let (k, a, b) = means[i % means.len()];
            for j in 0..answered[i % answered.len()] {
                let answers = Answers {
                    know_limits: score(k, j, 0)?,
                    not_afraid: score(a, j, 1)?,
                    lead_backs_me: score(b, j, 2)?,
                };
                pulse::count(db, org, team, *month, &answers).await?;
                if let Ok(who) = person(db, &format!("valencia{:02}", j + 1)).await {
                    pulse::mark_answered(db, org, who, *month).await.ok();
                }
            }
        }
    }
    // Equipo Madrid: three answers this month, fewer than five, so nothing is shown yet.
    // Ana López (agent01) has not answered: she meets the pulse in Today.
    if let (Some(team), Some(month)) = (teams.first().copied(), months.last().copied()) {
        for (j, local) in ["agent02", "agent03", "agent04"].into_iter().enumerate() {
            let j = u32::try_from(j)?;
            let answers = Answers {
                know_limits: score(35, j, 0)?,
                not_afraid: score(30, j, 1)?,
                lead_backs_me: score(40, j, 2)?,
            };
            pulse::count(db, org, team, month, &answers).await?;
            pulse::mark_answered(db, org, person(db, local).await?, month).await?;
        }
    }
    Ok(())
}
