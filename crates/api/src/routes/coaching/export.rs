//! The team's progress as CSV, one row per agent, for spreadsheets.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_domain::coaching::BehindReason;
use cinco_domain::{Locale, TeamId, impact};
use serde::Deserialize;
use utoipa::IntoParams;

use super::dashboard::{TeamDashboard, dashboard};
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::states::LocaleView;

/// A spreadsheet cell that cannot run as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The CSV's words in one language: column names, yes and no, and why an agent is behind.
struct Words {
    agent: &'static str,
    minutes_this_week: &'static str,
    open_steps: &'static str,
    overdue_steps: &'static str,
    completed_steps: &'static str,
    missed_sessions: &'static str,
    last_session: &'static str,
    days_since_session: &'static str,
    behind: &'static str,
    reasons: &'static str,
    yes: &'static str,
    no: &'static str,
    /// `OverdueSteps`, `MissedSession`, `NoSession`.
    reason: [&'static str; 3],
}

const ES: Words = Words {
    agent: "Agente",
    minutes_this_week: "Minutos esta semana",
    open_steps: "Pasos abiertos",
    overdue_steps: "Pasos vencidos",
    completed_steps: "Pasos hechos",
    missed_sessions: "Sesiones perdidas",
    last_session: "Última sesión",
    days_since_session: "Días desde la última sesión",
    behind: "Con retraso",
    reasons: "Motivos",
    yes: "Sí",
    no: "No",
    reason: [
        "Pasos vencidos",
        "Sesión de coaching perdida",
        "Sin sesión de coaching reciente",
    ],
};

const EN: Words = Words {
    agent: "Agent",
    minutes_this_week: "Minutes this week",
    open_steps: "Open steps",
    overdue_steps: "Overdue steps",
    completed_steps: "Steps done",
    missed_sessions: "Missed sessions",
    last_session: "Last session",
    days_since_session: "Days since last session",
    behind: "Behind",
    reasons: "Reasons",
    yes: "Yes",
    no: "No",
    reason: [
        "Overdue steps",
        "Missed coaching session",
        "No recent coaching session",
    ],
};

const IT: Words = Words {
    agent: "Operatore",
    minutes_this_week: "Minuti questa settimana",
    open_steps: "Passi aperti",
    overdue_steps: "Passi scaduti",
    completed_steps: "Passi fatti",
    missed_sessions: "Sessioni saltate",
    last_session: "Ultima sessione",
    days_since_session: "Giorni dall'ultima sessione",
    behind: "In ritardo",
    reasons: "Motivi",
    yes: "Sì",
    no: "No",
    reason: [
        "Passi scaduti",
        "Sessione di coaching saltata",
        "Nessuna sessione di coaching recente",
    ],
};

const fn words(locale: Locale) -> &'static Words {
    match locale {
        Locale::Es => &ES,
        Locale::En => &EN,
        Locale::It => &IT,
    }
}

impl Words {
    const fn reason(&self, reason: BehindReason) -> &'static str {
        match reason {
            BehindReason::OverdueSteps => self.reason[0],
            BehindReason::MissedSession => self.reason[1],
            BehindReason::NoSession => self.reason[2],
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CsvQuery {
    /// The reader's language for column names and values; their profile's when left out.
    locale: Option<LocaleView>,
}

/// The dashboard as CSV in `locale`: one row per agent, then a column per competency with
/// the level named ("Competente (3)").
fn write(d: &TeamDashboard, locale: Locale) -> Result<Vec<u8>, ApiError> {
    let w = words(locale);
    // A byte-order mark first, so that spreadsheet programs read the accents as UTF-8.
    let mut out = ::csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let mut header: Vec<String> = [
        w.agent,
        w.minutes_this_week,
        w.open_steps,
        w.overdue_steps,
        w.completed_steps,
        w.missed_sessions,
        w.last_session,
        w.days_since_session,
        w.behind,
        w.reasons,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(d.competencies.iter().map(|c| cell(&c.name)));
    out.write_record(&header).map_err(ApiError::internal)?;
    for a in &d.agents {
        let reasons: Vec<&str> = a
            .reasons
            .iter()
            .map(|r| w.reason(BehindReason::from(*r)))
            .collect();
        let mut rec = vec![
            cell(&a.agent.display_name),
            a.minutes_this_week.to_string(),
            a.open_steps.to_string(),
            a.overdue_steps.to_string(),
            a.completed_steps.to_string(),
            a.missed_sessions.to_string(),
            a.last_session_at
                .map(|t| t.date_naive().to_string())
                .unwrap_or_default(),
            a.days_since_session
                .map(|d| d.to_string())
                .unwrap_or_default(),
            (if a.behind { w.yes } else { w.no }).to_owned(),
            reasons.join("; "),
        ];
        rec.extend(d.competencies.iter().map(|c| {
            a.levels
                .get(&c.key)
                .copied()
                .flatten()
                .map(|l| format!("{} ({l})", impact::level_name(locale, l)))
                .unwrap_or_default()
        }));
        out.write_record(&rec).map_err(ApiError::internal)?;
    }
    out.into_inner().map_err(ApiError::internal)
}

/// The team's progress as CSV, one row per agent, in the reader's language.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("team_id" = uuid::Uuid, Path, description = "Team id"), CsvQuery),
    responses(
        (status = 200, description = "CSV (UTF-8)", content_type = "text/csv", body = String),
        (status = 400, description = "`invalid_query`: an unknown `locale`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such team in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/teams/{team_id}/dashboard.csv",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn csv(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let d = dashboard(&state, &auth, TeamId::from_uuid(id.into_inner())).await?;
    let locale = match query.locale {
        Some(l) => l.into(),
        None => super::sessions::auth_locale(&state, &auth).await?,
    };
    let body = write(&d, locale)?;
    let name: String = d
        .team
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"team-{name}.csv\""),
        ))
        .body(body))
}
