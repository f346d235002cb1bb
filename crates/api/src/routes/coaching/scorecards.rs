//! Scorecard templates: trainers list the competencies and indicators a call is rated on.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use cinco_app::coaching::scorecard;
use cinco_domain::Locale;
use cinco_domain::organisation::Organisation;
use cinco_persistence::coaching::{self, Scorecard};
use cinco_persistence::{organisation, user};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;
use crate::states::LocaleView;
use crate::words::{LanguagesView, WordsBody};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ScorecardItemBody {
    competency_key: String,
    /// At most 300 characters.
    #[schema(max_length = 300, pattern = r"\S")]
    indicator: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScorecardBody {
    /// At most 200 characters.
    #[schema(max_length = 200, pattern = r"\S")]
    title: String,
    /// 1 to 30 items.
    #[schema(min_items = 1, max_items = 30)]
    items: Vec<ScorecardItemBody>,
    /// The language it is written in (the organisation's when absent).
    #[serde(default)]
    locale: Option<LocaleView>,
}

/// A scorecard in the reader's language (theirs, else the organisation's, else the one it
/// is written in), with its languages for those who translate it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScorecardView {
    id: uuid::Uuid,
    title: String,
    items: Vec<ScorecardItemBody>,
    /// The language `title` and `items` are shown in.
    locale: LocaleView,
    languages: LanguagesView,
}

fn scorecard_view(mut c: Scorecard, reader: Locale, org: &Organisation) -> ScorecardView {
    let languages = LanguagesView::new(
        &scorecard::languages(&c, org.default_locale),
        &scorecard::words(&c),
        &org.offered_locales,
    );
    let locale = scorecard::read_in(&mut c, reader, org.default_locale).into();
    ScorecardView {
        id: c.id,
        locale,
        languages,
        title: c.title,
        items: c
            .items
            .into_iter()
            .map(|i| ScorecardItemBody {
                competency_key: i.competency_key,
                indicator: i.indicator,
            })
            .collect(),
    }
}

/// Scorecard templates.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead"])),
    responses((status = 200, description = "By title", body = Vec<ScorecardView>))
)]
#[get(
    "/coaching/scorecards",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn scorecards(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let cards = coaching::scorecards(&state.db, auth.org).await?;
    let (reader, org) = reader(&state, &auth).await?;
    Ok(HttpResponse::Ok().json(
        cards
            .into_iter()
            .map(|c| scorecard_view(c, reader, &org))
            .collect::<Vec<_>>(),
    ))
}

/// Create a scorecard template from competencies and their indicators.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer"])),
    request_body = ScorecardBody,
    responses(
        (status = 201, description = "Created", body = ScorecardView),
        (status = 422, description = "`validation_failed`: `invalid_scorecard`, `unknown_competency` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/scorecards",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn create_scorecard(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<ScorecardBody>,
) -> Result<HttpResponse, ApiError> {
    let items: Vec<scorecard::NewItem> = body
        .items
        .iter()
        .map(|i| scorecard::NewItem {
            competency_key: i.competency_key.clone(),
            indicator: i.indicator.clone(),
        })
        .collect();
    let locale = body.locale.map(Locale::from);
    let card = scorecard::create(&state.app, &auth.actor(), &body.title, &items, locale).await?;
    let (reader, org) = reader(&state, &auth).await?;
    Ok(HttpResponse::Created().json(scorecard_view(card, reader, &org)))
}

/// The caller's language and their organisation.
async fn reader(state: &AppState, auth: &AuthUser) -> Result<(Locale, Organisation), ApiError> {
    let me = user::get(&state.db, auth.org, auth.user_id).await?;
    Ok((me.locale, organisation::get(&state.db, auth.org).await?))
}

/// Write a scorecard in another language: its title and one text per indicator, in order.
/// Sessions rated on it from then on read in each reader's language.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer"])),
    params(
        ("scorecard_id" = uuid::Uuid, Path, description = "Scorecard id"),
        ("locale" = LocaleView, Path, description = "The language of the words")
    ),
    request_body = WordsBody,
    responses(
        (status = 200, description = "Saved; the scorecard as it is now", body = ScorecardView),
        (status = 404, description = "No such scorecard or language", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_translation` (the source's own language, or not one text per indicator)", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/coaching/scorecards/{scorecard_id}/texts/{locale}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn translate(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(uuid::Uuid, String)>,
    body: Json<WordsBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, locale) = path.into_inner();
    let locale: Locale = locale.parse().map_err(|_| ApiError::NotFound)?;
    scorecard::translate(&state.app, &auth.actor(), id, locale, (&*body).into()).await?;
    let card = coaching::scorecard(&state.db, auth.org, id).await?;
    let (reader, org) = reader(&state, &auth).await?;
    Ok(HttpResponse::Ok().json(scorecard_view(card, reader, &org)))
}
