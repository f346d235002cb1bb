//! The agent's mail when their suggestion is answered, in their language.

use cinco_domain::Locale;
use cinco_domain::suggestion::{Answer, ChangeKind};
use cinco_persistence::outbox::OutgoingMail;

use super::coaching::{Line, To, Words, render};

fn words(locale: Locale, accepted: bool) -> Words {
    match (locale, accepted) {
        (Locale::Es, true) => Words {
            subject: "Tu sugerencia se ha aceptado",
            greeting: "Hola, {name}:",
            intro: "Tu sugerencia sobre una norma en {org} se ha aceptado. Esto es lo que cambia.",
            first: "Tu sugerencia",
            second: "Lo que cambia",
            action: "Ver mis sugerencias",
        },
        (Locale::Es, false) => Words {
            subject: "Tu sugerencia tiene respuesta",
            greeting: "Hola, {name}:",
            intro: "Tu sugerencia sobre una norma en {org} no se ha aceptado esta vez. Este es el motivo.",
            first: "Tu sugerencia",
            second: "Motivo",
            action: "Ver mis sugerencias",
        },
        (Locale::En, true) => Words {
            subject: "Your suggestion was accepted",
            greeting: "Hello {name},",
            intro: "Your suggestion about a rule at {org} was accepted. Here is what changes.",
            first: "Your suggestion",
            second: "What changes",
            action: "See my suggestions",
        },
        (Locale::En, false) => Words {
            subject: "Your suggestion has an answer",
            greeting: "Hello {name},",
            intro: "Your suggestion about a rule at {org} was not accepted this time. Here is why.",
            first: "Your suggestion",
            second: "Reason",
            action: "See my suggestions",
        },
        (Locale::It, true) => Words {
            subject: "Il tuo suggerimento è stato accettato",
            greeting: "Ciao {name},",
            intro: "Il tuo suggerimento su una regola in {org} è stato accettato. Ecco cosa cambia.",
            first: "Il tuo suggerimento",
            second: "Cosa cambia",
            action: "Vedi i miei suggerimenti",
        },
        (Locale::It, false) => Words {
            subject: "Il tuo suggerimento ha una risposta",
            greeting: "Ciao {name},",
            intro: "Il tuo suggerimento su una regola in {org} questa volta non è stato accettato. Ecco il motivo.",
            first: "Il tuo suggerimento",
            second: "Motivo",
            action: "Vedi i miei suggerimenti",
        },
    }
}

fn change_name(locale: Locale, change: ChangeKind) -> &'static str {
    match (locale, change) {
        (Locale::Es, ChangeKind::Limit) => "Límite de autonomía",
        (Locale::Es, ChangeKind::Lesson) => "Lección",
        (Locale::Es, ChangeKind::ProcedureNote) => "Nota de procedimiento",
        (Locale::En, ChangeKind::Limit) => "Authority limit",
        (Locale::En, ChangeKind::Lesson) => "Lesson",
        (Locale::En, ChangeKind::ProcedureNote) => "Procedure note",
        (Locale::It, ChangeKind::Limit) => "Limite di autonomia",
        (Locale::It, ChangeKind::Lesson) => "Lezione",
        (Locale::It, ChangeKind::ProcedureNote) => "Nota di procedura",
    }
}

/// The agent's mail: the rule they flagged, and the answer (what changed, or why not).
pub fn answered(to: To<'_>, rule: &str, answer: &Answer, link: &str) -> OutgoingMail {
    let (accepted, when) = match answer {
        Answer::Accepted { change, .. } => (true, change_name(to.locale, *change).to_owned()),
        Answer::Declined { .. } => (false, String::new()),
    };
    let flagged = Line {
        text: rule.to_owned(),
        when: String::new(),
    };
    let reply = Line {
        text: answer.text().to_owned(),
        when,
    };
    render(
        &words(to.locale, accepted),
        to,
        &[flagged],
        &[reply],
        link,
        "suggestion_answered",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use cinco_domain::OrganisationId;

    #[test]
    fn the_answer_reaches_the_agent_in_their_language_escaped() {
        let to = To {
            name: "Ana",
            email: "ana@example.com",
            org_name: "Demo",
            org: OrganisationId::new(),
            locale: Locale::Es,
        };
        let answer = Answer::Declined {
            reason: "<b>Ley</b> de protección de datos".to_owned(),
        };
        let mail = answered(
            to,
            "Solo el titular",
            &answer,
            "https://cinco.example/suggestions",
        );
        assert_eq!(mail.subject, "Tu sugerencia tiene respuesta");
        assert!(
            mail.body_text
                .contains("Motivo:\n- <b>Ley</b> de protección de datos")
        );
        assert!(mail.body_html.contains("&lt;b&gt;Ley&lt;/b&gt;"));
    }
}
