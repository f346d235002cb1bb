//! The competency framework: everyone reads it, trainers and admins write it.

use std::collections::BTreeMap;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_domain::Locale;
use cinco_domain::competency::{Competency, Kind, Level, LocalizedText, check_levels};
use cinco_domain::lesson::Key;
use cinco_persistence::{RepoError, competency};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// A text per locale code, e.g. `{"es": "Empatía", "en": "Empathy"}`.
pub type Texts = BTreeMap<String, String>;

fn texts(t: &LocalizedText) -> Texts {
    t.iter()
        .map(|(l, s)| (l.code().to_owned(), s.to_owned()))
        .collect()
}

/// Localised texts from a request, as a 422 on `field` when a locale is unsupported or all are blank.
pub fn parse_texts_in_request(field: &str, raw: &Texts) -> Result<LocalizedText, ApiError> {
    parse_texts(field, raw)
}

fn parse_texts(field: &str, raw: &Texts) -> Result<LocalizedText, ApiError> {
    let mut pairs = Vec::new();
    for (code, text) in raw {
        let locale: Locale =
            code.parse()
                .map_err(|e: cinco_domain::locale::UnsupportedLocale| {
                    ApiError::field(field, "unsupported_locale", e.to_string())
                })?;
        pairs.push((locale, text.clone()));
    }
    LocalizedText::new(pairs).ok_or_else(|| {
        ApiError::field(
            field,
            "missing_text",
            "give the text in at least one language",
        )
    })
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LevelBody {
    level: u8,
    indicators: Vec<Texts>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyView {
    key: String,
    /// `skill`, `knowledge` or `behaviour`.
    kind: &'static str,
    category: Option<String>,
    name: Texts,
    description: Texts,
    levels: Vec<LevelBody>,
    archived: bool,
}

impl From<&Competency> for CompetencyView {
    fn from(c: &Competency) -> Self {
        Self {
            key: c.key.as_str().to_owned(),
            kind: c.kind.as_str(),
            category: c.category.as_ref().map(|k| k.as_str().to_owned()),
            name: texts(&c.name),
            description: texts(&c.description),
            levels: c
                .levels
                .iter()
                .map(|l| LevelBody {
                    level: l.level,
                    indicators: l.indicators.iter().map(texts).collect(),
                })
                .collect(),
            archived: c.archived,
        }
    }
}

/// The framework, by category then key (archived competencies left out).
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Competencies", body = Vec<CompetencyView>))
)]
#[get("/competencies", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = competency::list(&state.db, auth.org, false).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(CompetencyView::from).collect::<Vec<_>>()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CompetencyBody {
    key: String,
    kind: String,
    #[serde(default)]
    category: Option<String>,
    name: Texts,
    #[serde(default)]
    description: Texts,
    levels: Vec<LevelBody>,
}

/// Parses a competency from a request.
pub fn parse_competency(auth: &AuthUser, body: &CompetencyBody) -> Result<Competency, ApiError> {
    let key = Key::parse(&body.key).ok_or_else(|| {
        ApiError::field("key", "invalid_key", "lowercase letters, digits and dashes")
    })?;
    let kind = Kind::parse(&body.kind)
        .ok_or_else(|| ApiError::field("kind", "invalid_kind", "skill, knowledge or behaviour"))?;
    let category = body
        .category
        .as_deref()
        .map(|c| {
            Key::parse(c).ok_or_else(|| {
                ApiError::field(
                    "category",
                    "invalid_key",
                    "lowercase letters, digits and dashes",
                )
            })
        })
        .transpose()?;
    let levels = body
        .levels
        .iter()
        .map(|l| {
            Ok(Level {
                level: l.level,
                indicators: l
                    .indicators
                    .iter()
                    .map(|i| parse_texts("levels", i))
                    .collect::<Result<_, ApiError>>()?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    check_levels(&levels)
        .map_err(|e| ApiError::field("levels", "invalid_levels", e.to_string()))?;
    Ok(Competency {
        organisation_id: auth.org,
        key,
        kind,
        category,
        name: parse_texts("name", &body.name)?,
        description: if body.description.is_empty() {
            LocalizedText::default()
        } else {
            parse_texts("description", &body.description)?
        },
        levels,
        archived: false,
    })
}

/// Add a competency to the framework (trainers, admins).
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer"])),
    request_body = CompetencyBody,
    responses(
        (status = 201, description = "Created", body = CompetencyView),
        (status = 409, description = "`competency_key_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field was refused", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/competencies", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<CompetencyBody>,
) -> Result<HttpResponse, ApiError> {
    let c = parse_competency(&auth, &body)?;
    competency::insert(&state.db, &c)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => ApiError::Conflict {
                code: "competency_key_taken",
                detail: "another competency has that key".to_owned(),
            },
            other => other.into(),
        })?;
    Ok(HttpResponse::Created().json(CompetencyView::from(&c)))
}
