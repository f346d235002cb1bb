//! Certification mails in the recipient's language: a certificate issued, and a reminder
//! that one expires soon.

use cinco_persistence::outbox::OutgoingMail;

use super::coaching::{Line, To, Words, render};
use cinco_domain::Locale;

fn issued_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Tienes una nueva certificación",
            greeting: "Hola, {name}:",
            intro: "Has completado tu itinerario en {org}. Enhorabuena.",
            first: "Certificación",
            second: "",
            action: "Ver el certificado",
        },
        Locale::En => Words {
            subject: "You have a new certification",
            greeting: "Hello {name},",
            intro: "You completed your track at {org}. Congratulations.",
            first: "Certification",
            second: "",
            action: "See the certificate",
        },
        Locale::It => Words {
            subject: "Hai una nuova certificazione",
            greeting: "Ciao {name},",
            intro: "Hai completato il tuo percorso in {org}. Complimenti.",
            first: "Certificazione",
            second: "",
            action: "Vedi il certificato",
        },
    }
}

fn renewal_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Tu certificación caduca pronto",
            greeting: "Hola, {name}:",
            intro: "Una certificación tuya en {org} caduca pronto. Habla con tu formador para renovarla.",
            first: "Caduca",
            second: "",
            action: "Ver mis certificaciones",
        },
        Locale::En => Words {
            subject: "Your certification expires soon",
            greeting: "Hello {name},",
            intro: "A certification of yours at {org} expires soon. Talk to your trainer to renew it.",
            first: "Expires",
            second: "",
            action: "See my certifications",
        },
        Locale::It => Words {
            subject: "La tua certificazione scade presto",
            greeting: "Ciao {name},",
            intro: "Una tua certificazione in {org} scade presto. Parla con il tuo formatore per rinnovarla.",
            first: "Scade",
            second: "",
            action: "Vedi le mie certificazioni",
        },
    }
}

/// The holder's mail when a finished track issues their certification.
pub fn issued(to: To<'_>, line: Line, link: &str) -> OutgoingMail {
    render(
        &issued_words(to.locale),
        to,
        &[line],
        &[],
        link,
        "certification_issued",
    )
}

/// The holder's reminder that a certification expires soon.
pub fn renewal(to: To<'_>, line: Line, link: &str) -> OutgoingMail {
    render(
        &renewal_words(to.locale),
        to,
        &[line],
        &[],
        link,
        "certification_renewal",
    )
}
