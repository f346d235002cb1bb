//! Problems the PWA met on a user's device (a failed render, an unhandled rejection), sent
//! here so they reach the server log with the rest of the story.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::{ApiError, FieldError, Problem};

/// One report from the PWA.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientReport {
    /// What went wrong, as the PWA saw it (at most 2,000 characters).
    message: String,
    /// The app route where it happened, e.g. `/sign-in`.
    #[serde(default)]
    route: Option<String>,
    /// The PWA build that sent it.
    #[serde(default)]
    app_version: Option<String>,
}

/// Log a problem seen by the PWA.
#[utoipa::path(
    tag = "meta",
    request_body = ClientReport,
    responses(
        (status = 202, description = "Logged"),
        (status = 422, description = "Refused", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/client-reports")]
pub async fn create(report: web::Json<ClientReport>) -> Result<HttpResponse, ApiError> {
    let report = report.into_inner();
    let too_long = |field: &str, value: &str, max: usize| {
        (value.chars().count() > max).then(|| FieldError {
            field: field.to_owned(),
            code: "too_long".to_owned(),
            message: format!("at most {max} characters"),
        })
    };
    let errors: Vec<FieldError> = [
        too_long("message", &report.message, 2000),
        too_long("route", report.route.as_deref().unwrap_or_default(), 300),
        too_long(
            "app_version",
            report.app_version.as_deref().unwrap_or_default(),
            50,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation {
            detail: "the report was refused".to_owned(),
            errors,
        });
    }
    tracing::warn!(
        message = %report.message,
        route = report.route.as_deref().unwrap_or("-"),
        app_version = report.app_version.as_deref().unwrap_or("-"),
        "client report"
    );
    Ok(HttpResponse::Accepted().finish())
}
