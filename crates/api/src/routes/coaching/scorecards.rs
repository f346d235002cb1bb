//! Scorecard templates: trainers list the competencies and indicators a call is rated on.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_persistence::coaching::{self, Scorecard, ScorecardItem};
use cinco_persistence::competency;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sessions::short;
use crate::auth::{ADMIN, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ScorecardItemBody {
    competency_key: String,
    indicator: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScorecardBody {
    title: String,
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
        (status = 422, description = "`invalid_scorecard` or `unknown_competency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/scorecards",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn create_scorecard(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<ScorecardBody>,
) -> Result<HttpResponse, ApiError> {
    let title = short("title", Some(&body.title), 200)?.ok_or_else(|| {
        ApiError::field("title", "invalid_scorecard", "a scorecard needs a title")
    })?;
    if body.items.is_empty() || body.items.len() > 30 {
        return Err(ApiError::field(
            "items",
            "invalid_scorecard",
            "between 1 and 30 items",
        ));
    }
    let comps = competency::list(&state.db, auth.org, false).await?;
    let mut items = Vec::with_capacity(body.items.len());
    for (i, item) in body.items.iter().enumerate() {
        let field = format!("items[{i}]");
        if !comps.iter().any(|c| c.key.as_str() == item.competency_key) {
            return Err(ApiError::field(
                &field,
                "unknown_competency",
                format!("no competency `{}`", item.competency_key),
            ));
        }
        let indicator = short(&field, Some(&item.indicator), 300)?.ok_or_else(|| {
            ApiError::field(&field, "invalid_scorecard", "an item needs an indicator")
        })?;
        items.push(ScorecardItem {
            competency_key: item.competency_key.clone(),
            indicator,
        });
    }
    let card = Scorecard {
        id: uuid::Uuid::now_v7(),
        title,
        items,
        created_at: state.settings.clock.now(),
    };
    coaching::insert_scorecard(&state.db, auth.org, &card, auth.user_id).await?;
    Ok(HttpResponse::Created().json(scorecard_view(card)))
}
