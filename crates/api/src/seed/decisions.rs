//! Demo decisions on real contacts, from the source articles' stories adapted to the demo
//! contact centre: a $35 late-fee waiver within the agent's limit, a $120 goodwill credit
//! over it (approved) and a $120 upgrade — the article's room-to-suite — waiting for the
//! lead, the cashier's helpful unscripted suggestion, and recognitions from leads and
//! peers; the late fee and the unscripted tip are shared as good practices in es, en and it. Written in each agent's language, through the same use cases the API calls, over
//! the last days. Only when the organisation has no decisions yet.

use chrono::{DateTime, Duration, Utc};
use cinco_app::decision::{answer::answer, log::NewDecision, log::log, recognise::recognise};
use cinco_app::good_practice::share::{NewPractice, share, translate};
use cinco_app::{Actor, App, Clock};
use cinco_domain::user::{Email, User};
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::decision::{self, DecisionFilter};
use cinco_persistence::{Database, user};

use super::DOMAIN;

/// A demo decision: the agent, days ago, type, cents, what the customer needed, what the
/// agent did, resolved first time, CSAT, and who recognises it (with their note).
struct Story {
    agent: &'static str,
    days_ago: i64,
    key: &'static str,
    cents: Option<i64>,
    need: &'static str,
    action: &'static str,
    fcr: bool,
    csat: Option<i64>,
    /// The lead's answer after this many minutes (approved), if it asked for approval.
    approved_after: Option<i64>,
    recognitions: &'static [(&'static str, &'static str)],
    /// Shared as a good practice by this lead, in these languages (the first is the source).
    shared: Option<(&'static str, &'static [Practice])>,
}

/// A good practice's words in one language: locale, title, story.
type Practice = (Locale, &'static str, &'static str);

const LATE_FEE: [Practice; 3] = [
    (
        Locale::Es,
        "Un recargo de 35 $ que no valía un cliente",
        "Una clienta pagó un día tarde porque estaba en el hospital. La agente anuló el recargo de 35 $ sin pasarla a nadie —estaba dentro de su límite— y le activó un aviso antes del siguiente vencimiento. Resuelto a la primera, CSAT 5. Si está dentro de tu límite y resuelve el problema, decide tú.",
    ),
    (
        Locale::En,
        "A $35 fee not worth a customer",
        "A customer paid a day late because she was in hospital. The agent waived the $35 late fee without passing her on — it was within her limit — and set a reminder before the next due date. Solved first time, CSAT 5. If it is within your limit and solves the problem, decide.",
    ),
    (
        Locale::It,
        "Una mora di 35 $ non vale un cliente",
        "Una cliente ha pagato un giorno in ritardo perché era in ospedale. L'agente ha stornato la mora di 35 $ senza passarla a nessuno — era nel suo limite — e ha attivato un promemoria prima della scadenza successiva. Risolto al primo contatto, CSAT 5. Se è nel tuo limite e risolve il problema, decidi tu.",
    ),
];

const ROAMING: [Practice; 3] = [
    (
        Locale::It,
        "Un consiglio fuori copione che ha tenuto una cliente",
        "Una cliente voleva disdire perché il roaming all'estero le costava troppo. Non era nel copione, ma l'agente le ha suggerito l'opzione viaggio da 5 € per quel paese: è rimasta e ha ringraziato. Ascoltare il problema vero vale più del copione.",
    ),
    (
        Locale::Es,
        "Un consejo fuera del guion que retuvo a una clienta",
        "Una clienta quería darse de baja porque el roaming en el extranjero le salía carísimo. No estaba en el guion, pero la agente le propuso la opción viaje de 5 € para ese país: se quedó y dio las gracias. Escuchar el problema real vale más que el guion.",
    ),
    (
        Locale::En,
        "An unscripted tip that kept a customer",
        "A customer wanted to cancel because roaming abroad cost her too much. It was not in the script, but the agent suggested the €5 travel option for that country: she stayed, and thanked her. Listening to the real problem beats the script.",
    ),
];

const STORIES: [Story; 6] = [
    Story {
        agent: "agent01",
        days_ago: 6,
        key: "fee-waiver",
        cents: Some(3_500),
        need: "Pagó la factura un día tarde porque estaba ingresada en el hospital y el recargo de 35 $ la tenía indignada.",
        action: "Le anulé el recargo por retraso sin pasarla a nadie y le activé un aviso dos días antes del vencimiento.",
        fcr: true,
        csat: Some(5),
        approved_after: None,
        recognitions: &[
            (
                "lead1",
                "Justo lo que queremos: decidir dentro de tu límite y resolver a la primera.",
            ),
            (
                "agent02",
                "Me lo apunto para la próxima vez que me pase algo así.",
            ),
        ],
        shared: Some(("lead1", &LATE_FEE)),
    },
    Story {
        agent: "agent02",
        days_ago: 4,
        key: "goodwill-credit",
        cents: Some(12_000),
        need: "El técnico faltó dos veces a la cita de instalación; el cliente había pedido dos días libres en el trabajo.",
        action: "Pedí aprobación para un crédito de cortesía de 120 $ en la próxima factura y le reservé la primera cita de la mañana.",
        fcr: true,
        csat: Some(4),
        approved_after: Some(6),
        recognitions: &[(
            "lead1",
            "Bien pedido y bien explicado: aprobado en minutos.",
        )],
        shared: None,
    },
    Story {
        agent: "agent07",
        days_ago: 3,
        key: "policy-exception",
        cents: None,
        need: "Una cliente chiamava per disdire perché all'estero il roaming le costava troppo.",
        action: "Non era nel copione: le ho suggerito l'opzione viaggio da 5 € che copre quel paese. È rimasta, e ha ringraziato.",
        fcr: true,
        csat: Some(5),
        approved_after: None,
        recognitions: &[
            (
                "lead2",
                "Un consiglio non previsto dal copione che ha tenuto una cliente. Bravissima.",
            ),
            ("agent08", "Ottima idea, la userò anch'io."),
        ],
        shared: Some(("lead2", &ROAMING)),
    },
    Story {
        agent: "agent08",
        days_ago: 2,
        key: "fee-waiver",
        cents: Some(2_000),
        need: "Il cliente ha chiamato alle 18:05 per annullare un ordine: il limite era le 18:00 e c'era una penale.",
        action: "Ho piegato l'orario limite di cinque minuti e tolto la penale di 20 $.",
        fcr: true,
        csat: Some(4),
        approved_after: None,
        recognitions: &[("lead2", "Cinque minuti non valgono un cliente. Ben fatto.")],
        shared: None,
    },
    Story {
        agent: "agent05",
        days_ago: 1,
        key: "refund",
        cents: Some(1_500),
        need: "Le cobramos dos veces el envío de un pedido.",
        action: "Le devolví los 15 $ en el momento y se lo confirmé por correo.",
        fcr: true,
        csat: None,
        approved_after: None,
        recognitions: &[],
        shared: None,
    },
    Story {
        agent: "agent04",
        days_ago: 0,
        key: "upgrade",
        cents: Some(12_000),
        need: "Un cliente de empresa se quedó sin servicio toda la mañana por una avería nuestra, en plena campaña.",
        action: "Pido aprobación para pasarle al plan superior el resto del mes (120 $ de diferencia), como quien cambia una habitación por una suite.",
        fcr: false,
        csat: None,
        approved_after: None,
        recognitions: &[],
        shared: None,
    },
];

/// Shares decision `id` as a good practice in `texts`' first language, then adds the others.
async fn share_practice(
    app: &App,
    clock: &Clock,
    lead: &Actor,
    id: uuid::Uuid,
    texts: &[Practice],
) -> anyhow::Result<()> {
    let Some(((locale, title, story), others)) = texts.split_first() else {
        return Ok(());
    };
    clock.advance(Duration::hours(2));
    let new = NewPractice {
        locale: *locale,
        title: (*title).to_owned(),
        story: (*story).to_owned(),
        anonymous: false,
    };
    let p = share(app, lead, id, new)
        .await
        .map_err(|e| anyhow::anyhow!("a demo good practice: {e}"))?;
    for (locale, title, story) in others {
        translate(app, lead, p.id, *locale, title, story)
            .await
            .map_err(|e| anyhow::anyhow!("a demo good practice's translation: {e}"))?;
    }
    Ok(())
}

async fn person(db: &Database, local: &str) -> anyhow::Result<User> {
    let email = Email::parse(&format!("{local}@{DOMAIN}"))?;
    Ok(user::credentials_by_email(db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo person {local} is missing"))?
        .user)
}

fn actor(org: OrganisationId, u: &User) -> Actor {
    Actor {
        org,
        user: u.id,
        roles: u.roles.clone(),
    }
}

/// Logs the demo decisions; returns how many.
pub async fn seed(db: &Database, org: OrganisationId, now: DateTime<Utc>) -> anyhow::Result<usize> {
    if !decision::list(db, org, &DecisionFilter::default())
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let clock = Clock::manual(now);
    let app = App::new(db.clone(), clock.clone(), String::new());
    for story in &STORIES {
        let agent = person(db, story.agent).await?;
        // Mid-morning, `days_ago` days back (today: an hour ago).
        clock.set(now - Duration::days(story.days_ago) - Duration::hours(1));
        let d = log(
            &app,
            &actor(org, &agent),
            NewDecision {
                decision_key: story.key.to_owned(),
                amount: story.cents,
                customer_need: story.need.to_owned(),
                action_taken: story.action.to_owned(),
                resolved_first_contact: story.fcr,
                csat: story.csat,
                contact_reference: None,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo decision of {}: {e}", story.agent))?;
        if let Some(minutes) = story.approved_after {
            clock.advance(Duration::minutes(minutes));
            let lead = person(
                db,
                if story.agent >= "agent07" {
                    "lead2"
                } else {
                    "lead1"
                },
            )
            .await?;
            answer(&app, &actor(org, &lead), d.id, true, None)
                .await
                .map_err(|e| anyhow::anyhow!("approving a demo decision: {e}"))?;
        }
        for (who, note) in story.recognitions {
            clock.advance(Duration::minutes(30));
            let by = person(db, who).await?;
            recognise(&app, &actor(org, &by), d.id, note)
                .await
                .map_err(|e| anyhow::anyhow!("a demo recognition: {e}"))?;
        }
        if let Some((lead, texts)) = story.shared {
            share_practice(
                &app,
                &clock,
                &actor(org, &person(db, lead).await?),
                d.id,
                texts,
            )
            .await?;
        }
    }
    Ok(STORIES.len())
}
