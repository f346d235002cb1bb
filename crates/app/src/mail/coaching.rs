//! Coaching mails in the recipient's language: an agent's reminder of path steps coming up
//! or overdue (all of them in one mail), and a lead's weekly digest of their teams.

use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::outbox::OutgoingMail;
use html_escape::encode_text;

/// One line of a mail: a step and when it is due (already formatted for the recipient).
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub when: String,
}

pub(crate) struct Words {
    pub(crate) subject: &'static str,
    pub(crate) greeting: &'static str,
    pub(crate) intro: &'static str,
    pub(crate) first: &'static str,
    pub(crate) second: &'static str,
    pub(crate) action: &'static str,
}

fn reminder_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Tus pasos de formación pendientes",
            greeting: "Hola, {name}:",
            intro: "Un recordatorio de tus rutas de coaching en {org}.",
            first: "Vencidos",
            second: "Próximos",
            action: "Abrir Cinco",
        },
        Locale::En => Words {
            subject: "Your training steps due",
            greeting: "Hello {name},",
            intro: "A reminder of your coaching paths at {org}.",
            first: "Overdue",
            second: "Coming up",
            action: "Open Cinco",
        },
        Locale::It => Words {
            subject: "I tuoi passi di formazione in scadenza",
            greeting: "Ciao {name},",
            intro: "Un promemoria dei tuoi percorsi di coaching in {org}.",
            first: "Scaduti",
            second: "In arrivo",
            action: "Apri Cinco",
        },
    }
}

fn digest_words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            subject: "Tu equipo esta semana",
            greeting: "Hola, {name}:",
            intro: "Así va tu equipo en {org}.",
            first: "Van con retraso",
            second: "Han mejorado",
            action: "Abrir el panel",
        },
        Locale::En => Words {
            subject: "Your team this week",
            greeting: "Hello {name},",
            intro: "Here is how your team is doing at {org}.",
            first: "Behind",
            second: "Improved",
            action: "Open the dashboard",
        },
        Locale::It => Words {
            subject: "La tua squadra questa settimana",
            greeting: "Ciao {name},",
            intro: "Ecco come va la tua squadra in {org}.",
            first: "In ritardo",
            second: "Sono migliorati",
            action: "Apri la dashboard",
        },
    }
}

/// The recipient.
#[derive(Debug, Clone, Copy)]
pub struct To<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub org_name: &'a str,
    pub org: OrganisationId,
    pub locale: Locale,
}

pub(crate) fn render(
    words: &Words,
    to: To<'_>,
    first: &[Line],
    second: &[Line],
    link: &str,
    kind: &'static str,
) -> OutgoingMail {
    let fill = |t: &str| t.replace("{name}", to.name).replace("{org}", to.org_name);
    let greeting = fill(words.greeting);
    let intro = fill(words.intro);
    let mut text = format!("{greeting}\n\n{intro}\n");
    let mut html = format!(
        "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5;color:#1b1b1f\"><p>{}</p><p>{}</p>",
        encode_text(&greeting),
        encode_text(&intro)
    );
    for (heading, lines) in [(words.first, first), (words.second, second)] {
        if lines.is_empty() {
            continue;
        }
        text.push_str(&format!("\n{heading}:\n"));
        html.push_str(&format!(
            "<h2 style=\"font-size:16px\">{}</h2><ul>",
            encode_text(heading)
        ));
        for l in lines {
            // A line with nothing to say of when shows no empty brackets.
            if l.when.is_empty() {
                text.push_str(&format!("- {}\n", l.text));
                html.push_str(&format!("<li>{}</li>", encode_text(&l.text)));
                continue;
            }
            text.push_str(&format!("- {} ({})\n", l.text, l.when));
            html.push_str(&format!(
                "<li>{} ({})</li>",
                encode_text(&l.text),
                encode_text(&l.when)
            ));
        }
        html.push_str("</ul>");
    }
    text.push_str(&format!("\n{}: {link}\n\n— Cinco\n", words.action));
    html.push_str(&format!(
        "<p><a href=\"{}\" style=\"background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none\">{}</a></p><p>— Cinco</p></body></html>",
        html_escape::encode_double_quoted_attribute(link),
        encode_text(words.action)
    ));
    OutgoingMail {
        organisation_id: Some(to.org),
        kind,
        recipient: to.email.to_owned(),
        subject: words.subject.to_owned(),
        body_text: text,
        body_html: html,
    }
}

/// The agent's one reminder mail of the day: overdue steps first, then those coming up.
pub fn reminder(to: To<'_>, overdue: &[Line], upcoming: &[Line], link: &str) -> OutgoingMail {
    render(
        &reminder_words(to.locale),
        to,
        overdue,
        upcoming,
        link,
        "path_reminder",
    )
}

/// A lead's weekly digest: who is behind and who improved.
pub fn digest(to: To<'_>, behind: &[Line], improved: &[Line], link: &str) -> OutgoingMail {
    render(
        &digest_words(to.locale),
        to,
        behind,
        improved,
        link,
        "lead_digest",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_escaped_in_html_and_grouped() {
        let to = To {
            name: "Ana",
            email: "ana@example.com",
            org_name: "Demo",
            org: OrganisationId::new(),
            locale: Locale::En,
        };
        let overdue = [Line {
            text: "<b>Empathy</b>".to_owned(),
            when: "2 Dec".to_owned(),
        }];
        let mail = reminder(to, &overdue, &[], "https://cinco.example/paths");
        assert!(mail.body_html.contains("&lt;b&gt;Empathy&lt;/b&gt;"));
        assert!(
            mail.body_text
                .contains("Overdue:\n- <b>Empathy</b> (2 Dec)")
        );
        assert!(!mail.body_text.contains("Coming up"));
    }
}
