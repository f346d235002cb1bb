//! The organisation itself: its name and languages.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, patch, web};
use cinco_domain::Locale;
use cinco_domain::organisation::{Organisation, OrganisationName, offered_locales};
use cinco_persistence::organisation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    pub id: uuid::Uuid,
    pub name: String,
    pub slug: String,
    pub default_locale: &'static str,
    pub offered_locales: Vec<&'static str>,
    /// Lessons need a second trainer's approval before they are published.
    pub lesson_review_required: bool,
}

impl From<&Organisation> for OrganisationView {
    fn from(org: &Organisation) -> Self {
        Self {
            id: org.id.as_uuid(),
            name: org.name.as_str().to_owned(),
            slug: org.slug.as_str().to_owned(),
            default_locale: org.default_locale.code(),
            offered_locales: org.offered_locales.iter().map(|l| l.code()).collect(),
            lesson_review_required: org.lesson_review_required,
        }
    }
}

/// The caller's organisation.
#[utoipa::path(
    tag = "organisation",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "The organisation", body = OrganisationView))
)]
#[get("/organisation", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let org = organisation::get(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(OrganisationView::from(&org)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    #[schema(value_type = Option<crate::contract::OrganisationName>)]
    name: Option<String>,
    /// One of the offered languages (as they are after this change).
    #[schema(value_type = Option<crate::states::LocaleView>)]
    default_locale: Option<String>,
    /// The languages people may choose; they include the default language.
    #[schema(value_type = Option<Vec<crate::states::LocaleView>>, min_items = 1)]
    offered_locales: Option<Vec<String>>,
    lesson_review_required: Option<bool>,
}

/// Rename the organisation or change its languages (admins).
#[utoipa::path(
    tag = "organisation",
    security(("bearer" = ["admin"])),
    request_body = UpdateOrganisation,
    responses(
        (status = 200, description = "Saved", body = OrganisationView),
        (status = 422, description = "`validation_failed`: `invalid_organisation_name`, `unsupported_locale` or `default_locale_not_offered`", body = Problem, content_type = "application/problem+json")
    )
)]
#[patch("/organisation", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<UpdateOrganisation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut org = organisation::get(&state.db, auth.org).await?;
    if let Some(name) = body.name {
        org.name = OrganisationName::parse(&name)
            .map_err(|e| ApiError::field("name", "invalid_organisation_name", e.to_string()))?;
    }
    let parse = |field: &str, code: &str| {
        code.parse::<Locale>()
            .map_err(|e| ApiError::field(field, "unsupported_locale", e.to_string()))
    };
    let default = match body.default_locale {
        Some(code) => parse("default_locale", &code)?,
        None => org.default_locale,
    };
    let offered = match body.offered_locales {
        Some(codes) => codes
            .iter()
            .map(|c| parse("offered_locales", c))
            .collect::<Result<Vec<_>, _>>()?,
        None => org.offered_locales.clone(),
    };
    org.offered_locales = offered_locales(default, offered).map_err(|e| {
        ApiError::field(
            "default_locale",
            "default_locale_not_offered",
            e.to_string(),
        )
    })?;
    org.default_locale = default;
    if let Some(required) = body.lesson_review_required {
        org.lesson_review_required = required;
    }
    organisation::update(&state.db, &org).await?;
    Ok(HttpResponse::Ok().json(OrganisationView::from(&org)))
}
