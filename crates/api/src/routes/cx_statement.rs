//! The customer-experience statement: what good is, in a few sentences. Everyone reads the
//! current version; admins write a new one.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, put, web};
use cinco_app::ErrorCode;
use cinco_domain::Locale;
use cinco_domain::competency::LocalizedText;
use cinco_domain::locale::pick;
use cinco_domain::text::{StatementError, statement};
use cinco_persistence::cx_statement::{self, CxStatement};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::competencies::Texts;
use crate::routes::learn::locales;
use crate::state::AppState;
use crate::states::LocaleView;

#[derive(Debug, Serialize, ToSchema)]
pub struct CxStatementView {
    version: i32,
    text: Texts,
    /// The language the caller reads it in: theirs, else the organisation's, else any (the
    /// rule every piece of content follows). Screens say so when it is not the reader's.
    locale: LocaleView,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl CxStatementView {
    fn new(s: &CxStatement, reader: Locale, org_default: Locale) -> Self {
        let available: Vec<Locale> = s.text.iter().map(|(l, _)| l).collect();
        Self {
            locale: pick(available, |l| *l, reader, org_default)
                .unwrap_or(org_default)
                .into(),
            version: s.version,
            text: s
                .text
                .iter()
                .map(|(l, t)| (l.code().to_owned(), t.to_owned()))
                .collect(),
            created_at: s.created_at,
        }
    }
}

/// The current statement.
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses(
        (status = 200, description = "The current version", body = CxStatementView),
        (status = 404, description = "None written yet", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/cx-statement", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let history = cx_statement::history(&state.db, auth.org).await?;
    let current = history.first().ok_or(ApiError::NotFound)?;
    let (reader, org_default) = locales(&state.db, &auth).await?;
    Ok(HttpResponse::Ok().json(CxStatementView::new(current, reader, org_default)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CxStatementBody {
    #[schema(value_type = crate::contract::StatementTexts)]
    text: Texts,
}

/// Write a new version of the statement (admins); earlier versions are kept.
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin"])),
    request_body = CxStatementBody,
    responses(
        (status = 200, description = "The new version", body = CxStatementView),
        (status = 422, description = "`validation_failed`: `missing_text` (no language), `required` (a language sent blank: leave it out instead), `unsupported_locale` or `too_long`, on `text.<code>`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/cx-statement", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CxStatementBody>,
) -> Result<HttpResponse, ApiError> {
    let mut pairs = Vec::new();
    for (code, raw) in &body.text {
        let field = format!("text.{code}");
        let locale: cinco_domain::Locale =
            code.parse()
                .map_err(|e: cinco_domain::locale::UnsupportedLocale| {
                    ApiError::field(&field, "unsupported_locale", e.to_string())
                })?;
        let text = statement(raw).map_err(|e| {
            let code = match e {
                StatementError::Blank => "required",
                StatementError::TooLong => "too_long",
            };
            ApiError::field(&field, code, e.to_string())
        })?;
        pairs.push((locale, text.to_owned()));
    }
    let text = LocalizedText::new(pairs).ok_or_else(|| {
        ApiError::field(
            "text",
            "missing_text",
            "give the text in at least one language",
        )
    })?;
    let saved = cx_statement::publish(
        &state.db,
        auth.org,
        &text,
        auth.user_id,
        state.settings.clock.now(),
    )
    .await
    .map_err(|e| match e {
        cinco_persistence::RepoError::Conflict(_) => ApiError::Conflict {
            code: ErrorCode::EditConflict,
            detail: "someone saved the statement at the same time; try again".to_owned(),
        },
        other => other.into(),
    })?;
    let (reader, org_default) = locales(&state.db, &auth).await?;
    Ok(HttpResponse::Ok().json(CxStatementView::new(&saved, reader, org_default)))
}
