//! Mail templates in plain text and HTML, in the recipient's language. Every value put into
//! HTML is escaped; links are built from the configured public URL.

use cinco_domain::Locale;
use cinco_domain::OrganisationId;
use cinco_persistence::outbox::OutgoingMail;
use html_escape::{encode_double_quoted_attribute, encode_text};

/// The words of one template in one language.
struct Words {
    subject: &'static str,
    greeting: &'static str,
    body: &'static str,
    action: &'static str,
    footer: &'static str,
}

fn invitation_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Te han invitado a Cinco — {org}",
            greeting: "Hola, {name}:",
            body: "{inviter} te invita a unirte a {org} en Cinco: cinco minutos al día para resolver mejor los problemas de tus clientes.",
            action: "Aceptar la invitación",
            footer: "El enlace funciona una sola vez y caduca en 7 días. Si no esperabas este mensaje, ignóralo.",
        },
        Locale::En => Words {
            subject: "You're invited to Cinco — {org}",
            greeting: "Hello {name},",
            body: "{inviter} invites you to join {org} on Cinco: five minutes a day to solve your customers' problems better.",
            action: "Accept the invitation",
            footer: "The link works once and expires in 7 days. If you did not expect this message, ignore it.",
        },
        Locale::It => Words {
            subject: "Sei stato invitato su Cinco — {org}",
            greeting: "Ciao {name},",
            body: "{inviter} ti invita a unirti a {org} su Cinco: cinque minuti al giorno per risolvere meglio i problemi dei tuoi clienti.",
            action: "Accetta l'invito",
            footer: "Il link funziona una sola volta e scade tra 7 giorni. Se non ti aspettavi questo messaggio, ignoralo.",
        },
    }
}

fn reset_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Restablece tu contraseña de Cinco",
            greeting: "Hola, {name}:",
            body: "Alguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta de {org}.",
            action: "Elegir una contraseña nueva",
            footer: "El enlace funciona una sola vez y caduca en 1 hora. Si no lo pediste, ignora este mensaje: tu contraseña no cambia.",
        },
        Locale::En => Words {
            subject: "Reset your Cinco password",
            greeting: "Hello {name},",
            body: "Someone (we hope you) asked to reset the password of your {org} account.",
            action: "Choose a new password",
            footer: "The link works once and expires in 1 hour. If you did not ask for it, ignore this message: your password stays the same.",
        },
        Locale::It => Words {
            subject: "Reimposta la tua password di Cinco",
            greeting: "Ciao {name},",
            body: "Qualcuno (speriamo tu) ha chiesto di reimpostare la password del tuo account di {org}.",
            action: "Scegli una nuova password",
            footer: "Il link funziona una sola volta e scade tra 1 ora. Se non l'hai chiesto tu, ignora questo messaggio: la password non cambia.",
        },
    }
}

fn invitation_elsewhere_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Te han invitado a {org} en Cinco",
            greeting: "Hola, {name}:",
            body: "{inviter} te invita a unirte a {org} en Cinco, pero esta dirección ya tiene una cuenta de Cinco en otra organización, y cada dirección pertenece a una sola. Pide a {inviter} que te invite con otra dirección.",
            action: "Entrar con tu cuenta actual",
            footer: "Si no esperabas este mensaje, ignóralo: tu cuenta no cambia.",
        },
        Locale::En => Words {
            subject: "You're invited to {org} on Cinco",
            greeting: "Hello {name},",
            body: "{inviter} invites you to join {org} on Cinco, but this address already has a Cinco account with another organisation, and each address belongs to one. Ask {inviter} to invite another address of yours.",
            action: "Sign in to your current account",
            footer: "If you did not expect this message, ignore it: your account stays the same.",
        },
        Locale::It => Words {
            subject: "Sei stato invitato su {org} in Cinco",
            greeting: "Ciao {name},",
            body: "{inviter} ti invita a unirti a {org} su Cinco, ma questo indirizzo ha già un account Cinco in un'altra organizzazione, e ogni indirizzo appartiene a una sola. Chiedi a {inviter} di invitare un altro tuo indirizzo.",
            action: "Accedi al tuo account attuale",
            footer: "Se non ti aspettavi questo messaggio, ignoralo: il tuo account non cambia.",
        },
    }
}

fn sign_up_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Confirma tu dirección para crear {org} en Cinco",
            greeting: "Hola, {name}:",
            body: "Para crear la organización {org} en Cinco, confirma que esta dirección es tuya.",
            action: "Confirmar y crear la organización",
            footer: "El enlace funciona una sola vez y caduca en 24 horas. Si no lo pediste, ignora este mensaje: no se crea nada.",
        },
        Locale::En => Words {
            subject: "Confirm your address to create {org} on Cinco",
            greeting: "Hello {name},",
            body: "To create the organisation {org} on Cinco, confirm that this address is yours.",
            action: "Confirm and create the organisation",
            footer: "The link works once and expires in 24 hours. If you did not ask for it, ignore this message: nothing is created.",
        },
        Locale::It => Words {
            subject: "Conferma il tuo indirizzo per creare {org} su Cinco",
            greeting: "Ciao {name},",
            body: "Per creare l'organizzazione {org} su Cinco, conferma che questo indirizzo è tuo.",
            action: "Conferma e crea l'organizzazione",
            footer: "Il link funziona una sola volta e scade tra 24 ore. Se non l'hai chiesto tu, ignora questo messaggio: non viene creato nulla.",
        },
    }
}

fn existing_account_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Alguien intentó crear una organización con tu dirección",
            greeting: "Hola:",
            body: "Alguien intentó crear la organización {org} en Cinco con esta dirección, que ya tiene una cuenta. No se ha creado nada. Si fuiste tú, entra con tu cuenta o restablece tu contraseña.",
            action: "Entrar en Cinco",
            footer: "Si no fuiste tú, ignora este mensaje: tu cuenta no cambia.",
        },
        Locale::En => Words {
            subject: "Someone tried to create an organisation with your address",
            greeting: "Hello,",
            body: "Someone tried to create the organisation {org} on Cinco with this address, which already has an account. Nothing was created. If it was you, sign in with your account or reset your password.",
            action: "Sign in to Cinco",
            footer: "If it was not you, ignore this message: your account stays the same.",
        },
        Locale::It => Words {
            subject: "Qualcuno ha provato a creare un'organizzazione con il tuo indirizzo",
            greeting: "Ciao,",
            body: "Qualcuno ha provato a creare l'organizzazione {org} su Cinco con questo indirizzo, che ha già un account. Non è stato creato nulla. Se sei stato tu, accedi con il tuo account o reimposta la password.",
            action: "Accedi a Cinco",
            footer: "Se non sei stato tu, ignora questo messaggio: il tuo account non cambia.",
        },
    }
}

/// Values substituted into a template.
#[derive(Debug, Clone, Copy)]
pub struct Vars<'a> {
    pub name: &'a str,
    pub org: &'a str,
    pub inviter: &'a str,
}

fn fill(template: &str, vars: Vars<'_>) -> String {
    template
        .replace("{name}", vars.name)
        .replace("{org}", vars.org)
        .replace("{inviter}", vars.inviter)
}

fn render(
    words: &Words,
    vars: Vars<'_>,
    link: &str,
    kind: &'static str,
    recipient: &str,
    org: Option<OrganisationId>,
) -> OutgoingMail {
    let subject = fill(words.subject, vars);
    let greeting = fill(words.greeting, vars);
    let body = fill(words.body, vars);
    let body_text = format!(
        "{greeting}\n\n{body}\n\n{action}: {link}\n\n{footer}\n\n— Cinco\n",
        action = words.action,
        footer = words.footer,
    );
    let body_html = format!(
        "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5;color:#1b1b1f\">\
         <p>{greeting}</p><p>{body}</p>\
         <p><a href=\"{href}\" style=\"background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none\">{action}</a></p>\
         <p style=\"color:#555;font-size:14px\">{footer}</p><p>— Cinco</p></body></html>",
        greeting = encode_text(&greeting),
        body = encode_text(&body),
        href = encode_double_quoted_attribute(link),
        action = encode_text(words.action),
        footer = encode_text(words.footer),
    );
    OutgoingMail {
        organisation_id: org,
        kind,
        recipient: recipient.to_owned(),
        subject,
        body_text,
        body_html,
    }
}

/// An invitation with its single-use link.
pub fn invitation(
    locale: Locale,
    vars: Vars<'_>,
    link: &str,
    recipient: &str,
    org: OrganisationId,
) -> OutgoingMail {
    render(
        &invitation_words(locale),
        vars,
        link,
        "invitation",
        recipient,
        Some(org),
    )
}

/// A password-reset link.
pub fn password_reset(
    locale: Locale,
    vars: Vars<'_>,
    link: &str,
    recipient: &str,
    org: OrganisationId,
) -> OutgoingMail {
    render(
        &reset_words(locale),
        vars,
        link,
        "password_reset",
        recipient,
        Some(org),
    )
}

/// An invitation to an address that has an account in another organisation: no link.
pub fn invitation_elsewhere(
    locale: Locale,
    vars: Vars<'_>,
    link: &str,
    recipient: &str,
    org: OrganisationId,
) -> OutgoingMail {
    render(
        &invitation_elsewhere_words(locale),
        vars,
        link,
        "invitation_elsewhere",
        recipient,
        Some(org),
    )
}

/// The link that confirms a sign-up's address and creates its organisation.
pub fn sign_up_confirmation(
    locale: Locale,
    vars: Vars<'_>,
    link: &str,
    recipient: &str,
) -> OutgoingMail {
    render(
        &sign_up_words(locale),
        vars,
        link,
        "sign_up_confirmation",
        recipient,
        None,
    )
}

/// To the owner of an address someone tried to sign up with: nothing was created.
pub fn sign_up_existing_account(
    locale: Locale,
    vars: Vars<'_>,
    link: &str,
    recipient: &str,
) -> OutgoingMail {
    render(
        &existing_account_words(locale),
        vars,
        link,
        "sign_up_existing_account",
        recipient,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_in_html_but_kept_in_text() {
        let vars = Vars {
            name: "<script>alert(1)</script>",
            org: "Demo & Co",
            inviter: "Ana",
        };
        let mail = invitation(
            Locale::En,
            vars,
            "https://cinco.example/accept?token=a\"b",
            "x@example.com",
            OrganisationId::new(),
        );
        assert!(!mail.body_html.contains("<script>"));
        assert!(mail.body_html.contains("&lt;script&gt;"));
        assert!(mail.body_html.contains("Demo &amp; Co"));
        assert!(!mail.body_html.contains("token=a\"b"));
        assert!(mail.body_text.contains("Demo & Co"));
        assert_eq!(mail.subject, "You're invited to Cinco — Demo & Co");
    }

    #[test]
    fn every_language_has_its_own_words() {
        let vars = Vars {
            name: "Lucía",
            org: "Demo",
            inviter: "Ana",
        };
        let subjects: Vec<String> = Locale::ALL
            .iter()
            .map(|l| {
                password_reset(
                    *l,
                    vars,
                    "http://x/r",
                    "x@example.com",
                    OrganisationId::new(),
                )
                .subject
            })
            .collect();
        assert_eq!(subjects.len(), 3);
        assert!(subjects[0] != subjects[1] && subjects[1] != subjects[2]);
        assert!(subjects[0].contains("contraseña"));
    }
}
