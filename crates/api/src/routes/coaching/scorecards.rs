//! Scorecard templates: trainers list the competencies and indicators a call is rated on.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::coaching::scorecard;
use cinco_persistence::coaching::{self, Scorecard};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

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
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScorecardView {
    id: uuid::Uuid,
    title: String,
    items: Vec<ScorecardItemBody>,
}

fn scorecard_view(c: Scorecard) -> ScorecardView {
    ScorecardView {
        id: c.id,
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
    Ok(HttpResponse::Ok().json(cards.into_iter().map(scorecard_view).collect::<Vec<_>>()))
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
    let card = scorecard::create(&state.app, &auth.actor(), &body.title, &items).await?;
    Ok(HttpResponse::Created().json(scorecard_view(card)))
}
