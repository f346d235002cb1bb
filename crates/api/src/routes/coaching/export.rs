//! The team's progress as CSV, one row per agent, for spreadsheets.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_domain::TeamId;

use super::dashboard::dashboard;
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// A spreadsheet cell that cannot run as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The team's progress as CSV, one row per agent.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("team_id" = uuid::Uuid, Path, description = "Team id")),
    responses(
        (status = 200, description = "CSV (UTF-8)", content_type = "text/csv", body = String),
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
) -> Result<HttpResponse, ApiError> {
    let d = dashboard(&state, &auth, TeamId::from_uuid(id.into_inner())).await?;
    // A byte-order mark first, so that spreadsheet programs read the accents as UTF-8.
    let mut w = ::csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let mut header: Vec<String> = [
        "agent",
        "minutes_this_week",
        "open_steps",
        "overdue_steps",
        "completed_steps",
        "missed_sessions",
        "last_session",
        "days_since_session",
        "behind",
        "reasons",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(d.competencies.iter().map(|c| cell(&c.name)));
    w.write_record(&header).map_err(ApiError::internal)?;
    for a in &d.agents {
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
            a.behind.to_string(),
            a.reasons.join(";"),
        ];
        rec.extend(d.competencies.iter().map(|c| {
            a.levels
                .get(&c.key)
                .copied()
                .flatten()
                .map(|l| l.to_string())
                .unwrap_or_default()
        }));
        w.write_record(&rec).map_err(ApiError::internal)?;
    }
    let body = w.into_inner().map_err(ApiError::internal)?;
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
