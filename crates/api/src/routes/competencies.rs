//! The competency framework: everyone reads it, trainers and admins write it.

use cinco_app::ErrorCode;
use std::collections::BTreeMap;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, post, put, web};
use cinco_domain::competency::{Competency, Kind, Level, LocalizedText, check_levels};
use cinco_domain::lesson::Key;
use cinco_domain::{Locale, Role};
use cinco_persistence::{RepoError, competency};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, ANY, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
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
    /// The levels count up from 1, without gaps.
    #[schema(minimum = 1, maximum = 6)]
    level: u8,
    /// How to recognise the level: at least one.
    #[schema(value_type = Vec<crate::contract::Texts>, min_items = 1)]
    indicators: Vec<Texts>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyView {
    key: String,
    kind: crate::states::CompetencyKindView,
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
            kind: c.kind.into(),
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

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Include archived competencies (trainers and admins only; ignored for others).
    #[serde(default)]
    include_archived: bool,
}

/// The framework, by category then key. Archived competencies are left out unless a
/// trainer or admin asks for them.
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(ListQuery),
    responses((status = 200, description = "Competencies", body = Vec<CompetencyView>))
)]
#[get("/competencies", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let authoring = auth.is(Role::Admin) || auth.is(Role::Trainer);
    let all = competency::list(&state.db, auth.org, query.include_archived && authoring).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(CompetencyView::from).collect::<Vec<_>>()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CompetencyBody {
    #[schema(value_type = crate::contract::Key)]
    key: String,
    #[schema(value_type = crate::states::CompetencyKindView)]
    kind: String,
    /// The category's key.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    category: Option<String>,
    #[schema(value_type = crate::contract::Texts)]
    name: Texts,
    #[serde(default)]
    #[schema(value_type = crate::contract::OptionalTexts)]
    description: Texts,
    #[schema(value_type = crate::contract::Levels)]
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
        (status = 422, description = "`validation_failed`: `invalid_key`, `invalid_kind`, `unsupported_locale`, `missing_text` or `invalid_levels` (numbered 1, 2, 3 … without gaps, each with an indicator)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/competencies", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CompetencyBody>,
) -> Result<HttpResponse, ApiError> {
    let c = parse_competency(&auth, &body)?;
    competency::insert(&state.db, &c, state.settings.clock.now())
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => ApiError::Conflict {
                code: ErrorCode::CompetencyKeyTaken,
                detail: "another competency has that key".to_owned(),
            },
            other => other.into(),
        })?;
    Ok(HttpResponse::Created().json(CompetencyView::from(&c)))
}

fn key_in_path(raw: &str) -> Result<Key, ApiError> {
    Key::parse(raw).ok_or(ApiError::NotFound)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CompetencyUpdate {
    #[schema(value_type = crate::states::CompetencyKindView)]
    kind: String,
    /// The category's key.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    category: Option<String>,
    #[schema(value_type = crate::contract::Texts)]
    name: Texts,
    #[serde(default)]
    #[schema(value_type = crate::contract::OptionalTexts)]
    description: Texts,
    #[schema(value_type = crate::contract::Levels)]
    levels: Vec<LevelBody>,
}

/// Replace a competency's texts, kind, category and levels (what is left out is cleared).
/// The key stays, since lessons and evidence refer to it, and so does whether it is
/// archived.
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer"])),
    params(("competency_key" = crate::contract::Key, Path, description = "Competency key")),
    request_body = CompetencyUpdate,
    responses(
        (status = 200, description = "Updated", body = CompetencyView),
        (status = 404, description = "No such competency", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_key`, `invalid_kind`, `unsupported_locale`, `missing_text` or `invalid_levels` (numbered 1, 2, 3 … without gaps, each with an indicator)", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/competencies/{competency_key}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Json<CompetencyUpdate>,
) -> Result<HttpResponse, ApiError> {
    let key = key_in_path(&path)?;
    let current = competency::get(&state.db, auth.org, &key).await?;
    let body = body.into_inner();
    let mut updated = parse_competency(
        &auth,
        &CompetencyBody {
            key: key.as_str().to_owned(),
            kind: body.kind,
            category: body.category,
            name: body.name,
            description: body.description,
            levels: body.levels,
        },
    )?;
    updated.archived = current.archived;
    competency::update(&state.db, &updated, state.settings.clock.now()).await?;
    Ok(HttpResponse::Ok().json(CompetencyView::from(&updated)))
}

async fn set_archived(
    auth: &AuthUser,
    state: &AppState,
    raw_key: &str,
    archived: bool,
) -> Result<HttpResponse, ApiError> {
    let key = key_in_path(raw_key)?;
    competency::set_archived(
        &state.db,
        auth.org,
        &key,
        archived,
        state.settings.clock.now(),
    )
    .await?;
    let c = competency::get(&state.db, auth.org, &key).await?;
    Ok(HttpResponse::Ok().json(CompetencyView::from(&c)))
}

/// Archive a competency: it leaves the framework people see, and everything that refers
/// to it (lessons, evidence) keeps working.
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer"])),
    params(("competency_key" = crate::contract::Key, Path, description = "Competency key")),
    responses(
        (status = 200, description = "Archived", body = CompetencyView),
        (status = 404, description = "No such competency", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/competencies/{competency_key}/archive",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn archive(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    set_archived(&auth, &state, &path, true).await
}

/// Bring an archived competency back into the framework.
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer"])),
    params(("competency_key" = crate::contract::Key, Path, description = "Competency key")),
    responses(
        (status = 200, description = "Restored", body = CompetencyView),
        (status = 404, description = "No such competency", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/competencies/{competency_key}/restore",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn restore(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    set_archived(&auth, &state, &path, false).await
}

/// Delete a competency nothing refers to. One that a lesson or a scenario uses, or that
/// has evidence, is refused with `competency_in_use`: archive it instead.
#[utoipa::path(
    tag = "competencies",
    security(("bearer" = ["admin", "trainer"])),
    params(("competency_key" = crate::contract::Key, Path, description = "Competency key")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such competency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`competency_in_use`: archive it instead", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete(
    "/competencies/{competency_key}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn remove(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = key_in_path(&path)?;
    competency::get(&state.db, auth.org, &key).await?;
    let lessons = cinco_persistence::lesson::list_all(&state.db, auth.org).await?;
    let tagged = lessons.iter().find(|v| {
        cinco_domain::lesson::markdown::parse(&v.source)
            .is_ok_and(|content| content.competencies.contains(&key))
    });
    if let Some(lesson) = tagged {
        return Err(ApiError::Conflict {
            code: ErrorCode::CompetencyInUse,
            detail: format!(
                "the lesson \u{201c}{}\u{201d} is tagged with it: archive the competency instead",
                lesson.title
            ),
        });
    }
    let scenarios = cinco_persistence::scenario::list_versions(&state.db, auth.org, None).await?;
    let used = scenarios.iter().find(|v| {
        serde_json::from_str::<cinco_app::scenario::file::ScenarioFile>(&v.source).is_ok_and(|f| {
            f.competencies.iter().any(|c| c == key.as_str())
                || f.nodes.iter().any(|n| {
                    n.choices
                        .iter()
                        .flatten()
                        .any(|c| c.evidence.contains_key(key.as_str()))
                })
        })
    });
    if let Some(scenario) = used {
        return Err(ApiError::Conflict {
            code: ErrorCode::CompetencyInUse,
            detail: format!(
                "the scenario \u{201c}{}\u{201d} trains it: archive the competency instead",
                scenario.title
            ),
        });
    }
    if competency::has_evidence(&state.db, auth.org, &key).await? {
        return Err(ApiError::Conflict {
            code: ErrorCode::CompetencyInUse,
            detail: "agents have evidence for it: archive the competency instead".to_owned(),
        });
    }
    competency::delete(&state.db, auth.org, &key).await?;
    Ok(HttpResponse::NoContent().finish())
}
