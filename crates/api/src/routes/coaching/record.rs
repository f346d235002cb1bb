//! Recording a coaching session (the use case is `cinco_app::coaching::record`).

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, Utc};
use cinco_app::coaching::record::{ActionInput, RatingInput, Record};
use serde::Deserialize;
use utoipa::ToSchema;

use super::sessions::{CoachingSessionView, current};
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::fields;
use crate::state::AppState;
use crate::states::ObservationView;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RatingBody {
    competency_key: String,
    /// At most 300 characters.
    #[schema(max_length = 300)]
    indicator: String,
    /// 1…4, or `null` for N/A.
    #[schema(minimum = 1, maximum = 4)]
    rating: Option<i32>,
    /// At most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ActionBody {
    /// At most 200 characters.
    #[schema(max_length = 200, pattern = r"\S")]
    text: String,
    #[schema(value_type = Option<crate::contract::Day>)]
    due_on: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RecordBody {
    #[schema(value_type = ObservationView)]
    observation: String,
    /// At most 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    call_reference: Option<String>,
    /// When the session took place (now when absent).
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Instant>)]
    held_at: Option<DateTime<Utc>>,
    #[serde(default)]
    ratings: Vec<RatingBody>,
    /// At most 5,000 characters.
    #[serde(default)]
    #[schema(max_length = 5000)]
    notes: Option<String>,
    #[serde(default)]
    actions: Vec<ActionBody>,
}

/// Record a session: the scorecard ratings, notes and agreed actions. Once only.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("coaching_session_id" = uuid::Uuid, Path, description = "Session id")),
    request_body = RecordBody,
    responses(
        (status = 200, description = "Recorded", body = CoachingSessionView),
        (status = 403, description = "`not_your_session` or `not_certified`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_recorded` or `session_cancelled`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_observation`, `invalid_rating`, `unknown_competency`, `invalid_action`, `too_long` or `invalid_date`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/coaching/sessions/{coaching_session_id}/record",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn record(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<RecordBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut actions = Vec::with_capacity(body.actions.len());
    for (i, a) in body.actions.into_iter().enumerate() {
        let field = format!("actions[{i}]");
        let due_on = match a.due_on.as_deref().filter(|d| !d.is_empty()) {
            Some(d) => Some(fields::day(&field, d)?),
            None => None,
        };
        actions.push(ActionInput {
            field,
            text: a.text,
            due_on,
        });
    }
    let cmd = Record {
        observation: body.observation,
        call_reference: body.call_reference,
        held_at: fields::instant("held_at", body.held_at)?,
        ratings: body
            .ratings
            .into_iter()
            .map(|r| RatingInput {
                competency_key: r.competency_key,
                indicator: r.indicator,
                rating: r.rating,
                note: r.note,
            })
            .collect(),
        notes: body.notes,
        actions,
    };
    let id = id.into_inner();
    cinco_app::coaching::record::record(&state.app, &auth.actor(), id, cmd).await?;
    Ok(HttpResponse::Ok().json(current(&state, &auth, id).await?))
}
