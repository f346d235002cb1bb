//! The customer-experience statement: what good is, in a few sentences. Everyone reads the
//! current version; admins write a new one.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, put, web};
use cinco_app::ErrorCode;
use cinco_persistence::cx_statement::{self, CxStatement};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::competencies::Texts;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct CxStatementView {
    version: i32,
    text: Texts,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&CxStatement> for CxStatementView {
    fn from(s: &CxStatement) -> Self {
        Self {
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
    Ok(HttpResponse::Ok().json(CxStatementView::from(current)))
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
        (status = 422, description = "`validation_failed`: `missing_text`, `unsupported_locale` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/cx-statement", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CxStatementBody>,
) -> Result<HttpResponse, ApiError> {
    let text = crate::routes::competencies::parse_texts_in_request("text", &body.text)?;
    if text
        .iter()
        .any(|(_, t)| cinco_domain::text::bounded(t, cinco_domain::text::CX_STATEMENT_MAX).is_err())
    {
        return Err(ApiError::field(
            "text",
            "too_long",
            "at most 1,000 characters per language",
        ));
    }
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
    Ok(HttpResponse::Ok().json(CxStatementView::from(&saved)))
}
