//! Problems the PWA met on a user's device (a failed render, an unhandled rejection), sent
//! here so they reach the server log with the rest of the story. Anyone may send one, so
//! each is small, its text cannot forge a log line, and each client address may send only a
//! few a minute.

use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields::text;
use crate::routes::auth::client_of;
use crate::state::AppState;

/// The largest report body, in bytes.
pub(super) const MAX_BODY: usize = 4 * 1024;
/// The longest message, route and app version, in characters.
const MESSAGE_MAX: usize = 2000;
const ROUTE_MAX: usize = 300;
const APP_VERSION_MAX: usize = 50;

/// One report from the PWA.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientReport {
    /// What went wrong, as the PWA saw it (at most 2,000 characters).
    #[schema(max_length = 2000)]
    message: String,
    /// The app route where it happened, e.g. `/sign-in` (at most 300 characters).
    #[serde(default)]
    #[schema(max_length = 300)]
    route: Option<String>,
    /// The PWA build that sent it (at most 50 characters).
    #[serde(default)]
    #[schema(max_length = 50)]
    app_version: Option<String>,
}

/// Text as it goes to the log: control characters (a line break, an escape sequence) are
/// written escaped, so a report can never start a log line of its own.
fn loggable(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Log a problem seen by the PWA.
#[utoipa::path(
    tag = "meta",
    request_body = ClientReport,
    responses(
        (status = 202, description = "Logged"),
        (status = 413, description = "`payload_too_large`: over 4 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is too long", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_requests`: this address sent too many reports; see `Retry-After`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    report: Json<ClientReport>,
) -> Result<HttpResponse, ApiError> {
    let address = client_of(&req, &state).ip;
    state
        .reports
        .admit(&address)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
    let report = report.into_inner();
    let message = text("message", Some(&report.message), MESSAGE_MAX)?.unwrap_or_default();
    let route = text("route", report.route.as_deref(), ROUTE_MAX)?;
    let app_version = text(
        "app_version",
        report.app_version.as_deref(),
        APP_VERSION_MAX,
    )?;
    tracing::warn!(
        message = %loggable(&message),
        route = %loggable(route.as_deref().unwrap_or("-")),
        app_version = %loggable(app_version.as_deref().unwrap_or("-")),
        "client report"
    );
    Ok(HttpResponse::Accepted().finish())
}

#[cfg(test)]
mod tests {
    use super::loggable;
    use crate::report_limit::ReportLimiter;

    #[test]
    fn control_characters_are_escaped_and_other_text_is_kept() {
        assert_eq!(
            loggable("boom\nINFO forged line\r\u{1b}[31m"),
            "boom\\nINFO forged line\\r\\u{1b}[31m"
        );
        assert_eq!(loggable("¿Qué pasó? ñ"), "¿Qué pasó? ñ");
    }

    #[test]
    fn an_address_gets_a_few_reports_a_minute_and_others_are_not_affected() {
        let limiter = ReportLimiter::default();
        for _ in 0..crate::report_limit::PER_MINUTE {
            assert_eq!(limiter.admit("198.51.100.7"), Ok(()));
        }
        let refused = limiter.admit("198.51.100.7");
        assert!(
            matches!(refused, Err(secs) if (1..=61).contains(&secs)),
            "{refused:?}"
        );
        assert_eq!(limiter.admit("198.51.100.8"), Ok(()));
    }

    /// The document's limits are the ones enforced.
    #[test]
    fn the_contract_states_the_limits() {
        let doc = serde_json::to_value(crate::openapi::document()).unwrap_or_default();
        let field =
            |name: &str| doc["components"]["schemas"]["ClientReport"]["properties"][name].clone();
        assert_eq!(field("message")["maxLength"], super::MESSAGE_MAX);
        assert_eq!(field("route")["maxLength"], super::ROUTE_MAX);
        assert_eq!(field("app_version")["maxLength"], super::APP_VERSION_MAX);
    }
}
