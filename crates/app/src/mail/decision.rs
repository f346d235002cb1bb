//! Decision mails in the recipient's language: a lead asked to approve a decision above an
//! agent's limit, the agent told the answer, and the agent told their decision was
//! recognised.

use cinco_domain::Locale;
use cinco_persistence::outbox::OutgoingMail;

use super::coaching::{Line, To, Words, render};

fn approval_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Una decisión espera tu aprobación",
            greeting: "Hola, {name}:",
            intro: "Alguien de tu equipo en {org} ha tomado una decisión por encima de su límite. Respóndele pronto: está con el cliente.",
            first: "Espera tu respuesta",
            second: "",
            action: "Responder",
        },
        Locale::En => Words {
            subject: "A decision awaits your approval",
            greeting: "Hello {name},",
            intro: "Someone in your team at {org} made a decision above their limit. Answer soon: they are with the customer.",
            first: "Awaiting your answer",
            second: "",
            action: "Answer",
        },
        Locale::It => Words {
            subject: "Una decisione attende la tua approvazione",
            greeting: "Ciao {name},",
            intro: "Qualcuno della tua squadra in {org} ha preso una decisione oltre il suo limite. Rispondi presto: è con il cliente.",
            first: "Attende la tua risposta",
            second: "",
            action: "Rispondi",
        },
    }
}

fn answer_words(locale: Locale, approved: bool) -> Words {
    match (locale, approved) {
        (Locale::Es, true) => Words {
            subject: "Tu decisión está aprobada",
            greeting: "Hola, {name}:",
            intro: "Tu responsable en {org} ha aprobado tu decisión.",
            first: "Aprobada",
            second: "",
            action: "Ver mis decisiones",
        },
        (Locale::Es, false) => Words {
            subject: "Tu decisión no se ha aprobado",
            greeting: "Hola, {name}:",
            intro: "Tu responsable en {org} no ha aprobado tu decisión y te explica por qué.",
            first: "No aprobada",
            second: "",
            action: "Ver mis decisiones",
        },
        (Locale::En, true) => Words {
            subject: "Your decision is approved",
            greeting: "Hello {name},",
            intro: "Your lead at {org} approved your decision.",
            first: "Approved",
            second: "",
            action: "See my decisions",
        },
        (Locale::En, false) => Words {
            subject: "Your decision was not approved",
            greeting: "Hello {name},",
            intro: "Your lead at {org} did not approve your decision and tells you why.",
            first: "Not approved",
            second: "",
            action: "See my decisions",
        },
        (Locale::It, true) => Words {
            subject: "La tua decisione è approvata",
            greeting: "Ciao {name},",
            intro: "Il tuo responsabile in {org} ha approvato la tua decisione.",
            first: "Approvata",
            second: "",
            action: "Vedi le mie decisioni",
        },
        (Locale::It, false) => Words {
            subject: "La tua decisione non è stata approvata",
            greeting: "Ciao {name},",
            intro: "Il tuo responsabile in {org} non ha approvato la tua decisione e ti spiega perché.",
            first: "Non approvata",
            second: "",
            action: "Vedi le mie decisioni",
        },
    }
}

fn recognition_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Han reconocido tu decisión",
            greeting: "Hola, {name}:",
            intro: "Alguien de {org} ha reconocido una decisión que tomaste por un cliente. Así se hace.",
            first: "Reconocimiento",
            second: "",
            action: "Ver mis decisiones",
        },
        Locale::En => Words {
            subject: "Your decision was recognised",
            greeting: "Hello {name},",
            intro: "Someone at {org} recognised a decision you made for a customer. Well done.",
            first: "Recognition",
            second: "",
            action: "See my decisions",
        },
        Locale::It => Words {
            subject: "La tua decisione è stata riconosciuta",
            greeting: "Ciao {name},",
            intro: "Qualcuno in {org} ha riconosciuto una decisione che hai preso per un cliente. Ben fatto.",
            first: "Riconoscimento",
            second: "",
            action: "Vedi le mie decisioni",
        },
    }
}

/// A lead's mail: a decision of their team waits for their answer.
pub fn approval_requested(to: To<'_>, line: Line, link: &str) -> OutgoingMail {
    render(
        &approval_words(to.locale),
        to,
        &[line],
        &[],
        link,
        "decision_approval",
    )
}

/// The agent's mail: their lead answered.
pub fn answered(to: To<'_>, approved: bool, line: Line, link: &str) -> OutgoingMail {
    render(
        &answer_words(to.locale, approved),
        to,
        &[line],
        &[],
        link,
        "decision_answered",
    )
}

/// The agent's mail: someone recognised their decision.
pub fn recognised(to: To<'_>, line: Line, link: &str) -> OutgoingMail {
    render(
        &recognition_words(to.locale),
        to,
        &[line],
        &[],
        link,
        "decision_recognised",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use cinco_domain::OrganisationId;

    #[test]
    fn every_language_has_its_words_and_values_are_escaped() {
        for locale in [Locale::Es, Locale::En, Locale::It] {
            let to = To {
                name: "Ana",
                email: "ana@example.com",
                org_name: "Demo",
                org: OrganisationId::new(),
                locale,
            };
            let line = Line {
                text: "<b>Goodwill</b> 120.00 USD".to_owned(),
                when: "7 Dec".to_owned(),
            };
            let mail = approval_requested(to, line, "https://cinco.example/decisions/approvals");
            assert!(mail.body_html.contains("&lt;b&gt;Goodwill&lt;/b&gt;"));
            assert_eq!(mail.kind, "decision_approval");
            assert!(mail.body_text.contains("Demo"));
        }
    }
}
