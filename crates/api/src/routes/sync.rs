//! The offline queue's way in: a batch of results recorded on the device (lesson answers and
//! completions, review answers, scenario replies), each with an id the client generated.
//! Every result is applied at most once, whatever the duplicates and the order of arrival;
//! each gets its own outcome, so one bad result never holds back the rest.
//!
//! Conflict rules:
//! - A result whose id was already recorded is a `duplicate`: nothing changes.
//! - A lesson answer may arrive before its attempt's start: it carries the lesson version
//!   and starts the attempt (with the same rules as `POST /learn/attempts`). A version archived while the agent was offline still takes
//!   answers (the attempt points at exactly what was shown).
//! - A second answer to the same card of an attempt is a `duplicate`: the first stands.
//! - Scenario replies are applied in position order within a batch; one ahead of the run
//!   (an earlier reply has not arrived yet) is `retry` and stays in the queue; one at a
//!   position already taken by another reply is `rejected` (`out_of_turn`).
//! - Times are the device's, kept within the last 30 days and never in the future.
//! - Anything the server refuses (unknown version, malformed answer) is `rejected` with the
//!   problem's code, and the device drops it.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, Duration, Utc};
use cinco_app::ErrorCode;
use cinco_persistence::scenario_run;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::learn::{ConfidenceBody, ResponseBody, record_answer, start_attempt};
use crate::routes::scenarios::play::{ChooseReply, reply, start_run};
use crate::state::AppState;
use cinco_app::attempt::answer::LessonAnswer;
use cinco_app::today::Learner;

/// Results accepted in one request.
const MAX_BATCH: usize = 500;
/// How far back a device's clock is believed.
const MAX_AGE_DAYS: i64 = 30;

/// One result from the device.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncItem {
    LessonAnswer {
        id: uuid::Uuid,
        attempt_id: uuid::Uuid,
        lesson_version_id: uuid::Uuid,
        #[schema(maximum = 4294967295_u64)]
        card: usize,
        response: ResponseBody,
        #[serde(default)]
        duration_ms: Option<i32>,
        #[serde(default)]
        confidence: Option<ConfidenceBody>,
        answered_at: DateTime<Utc>,
    },
    LessonCompletion {
        attempt_id: uuid::Uuid,
        lesson_version_id: uuid::Uuid,
        completed_at: DateTime<Utc>,
    },
    ReviewAnswer {
        id: uuid::Uuid,
        /// The review card.
        card_id: uuid::Uuid,
        response: ResponseBody,
        #[serde(default)]
        duration_ms: Option<i32>,
        #[serde(default)]
        confidence: Option<ConfidenceBody>,
        answered_at: DateTime<Utc>,
    },
    ScenarioReply {
        id: uuid::Uuid,
        run_id: uuid::Uuid,
        scenario_version_id: uuid::Uuid,
        #[schema(maximum = 4294967295_u64)]
        position: usize,
        choice: String,
    },
}

impl SyncItem {
    /// The result's own id (a completion is identified by its attempt).
    fn id(&self) -> uuid::Uuid {
        match self {
            SyncItem::LessonAnswer { id, .. }
            | SyncItem::ReviewAnswer { id, .. }
            | SyncItem::ScenarioReply { id, .. } => *id,
            SyncItem::LessonCompletion { attempt_id, .. } => *attempt_id,
        }
    }

    /// When the device says it happened (replies carry no time: they count as now).
    fn at(&self) -> Option<DateTime<Utc>> {
        match self {
            SyncItem::LessonAnswer { answered_at, .. }
            | SyncItem::ReviewAnswer { answered_at, .. } => Some(*answered_at),
            SyncItem::LessonCompletion { completed_at, .. } => Some(*completed_at),
            SyncItem::ScenarioReply { .. } => None,
        }
    }

    /// Application order: answers, then replies by run and position, then completions.
    fn order(&self) -> (u8, uuid::Uuid, usize) {
        match self {
            SyncItem::LessonAnswer { .. } | SyncItem::ReviewAnswer { .. } => {
                (0, uuid::Uuid::nil(), 0)
            }
            SyncItem::ScenarioReply {
                run_id, position, ..
            } => (1, *run_id, *position),
            SyncItem::LessonCompletion { .. } => (2, uuid::Uuid::nil(), 0),
        }
    }
}

/// One result as a device sends it: read as a [`SyncItem`]. Anything else is taken too and
/// answered `rejected` with `invalid_result` in its outcome, so one bad result in a queue
/// never holds back the others.
#[derive(Debug)]
pub struct SentResult;

impl utoipa::PartialSchema for SentResult {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, SchemaType};
        AnyOfBuilder::new()
            .description(Some(
                "A `SyncItem`; anything else is answered `rejected` (`invalid_result`) on its own.",
            ))
            .item(utoipa::openapi::Ref::from_schema_name("SyncItem"))
            .item(ObjectBuilder::new().schema_type(SchemaType::AnyValue))
            .into()
    }
}

impl ToSchema for SentResult {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        schemas.push((
            SyncItem::name().into(),
            <SyncItem as utoipa::PartialSchema>::schema(),
        ));
        <SyncItem as ToSchema>::schemas(schemas);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SyncBody {
    /// Whose results these are (the person signed in on the device when they were
    /// recorded). A batch for someone else is refused whole with `wrong_user`, so a shared
    /// device never files one person's work under another's account.
    #[serde(default)]
    user_id: Option<uuid::Uuid>,
    /// At most 500. One that cannot be read is rejected on its own (`invalid_result`).
    #[schema(value_type = Vec<SentResult>, max_items = 500)]
    results: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SyncStatus {
    /// Recorded now.
    Accepted,
    /// Recorded before: nothing changed.
    Duplicate,
    /// Refused for good (`code` says why): drop it.
    Rejected,
    /// Not yet (an earlier result is missing): keep it and send it again later.
    Retry,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SyncOutcome {
    id: uuid::Uuid,
    status: SyncStatus,
    /// The problem code when rejected or to retry.
    code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SyncReport {
    /// In the order the results were sent.
    outcomes: Vec<SyncOutcome>,
    accepted: usize,
    duplicates: usize,
    rejected: usize,
    retry: usize,
}

/// Send results recorded offline; each is applied at most once.
#[utoipa::path(
    tag = "today",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    request_body = SyncBody,
    responses(
        (status = 200, description = "One outcome per result", body = SyncReport),
        (status = 409, description = "`wrong_user`: the results belong to someone else than the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `too_many` (more than 500 results)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/sync", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn sync(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<SyncBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    if body.user_id.is_some_and(|u| u != auth.user_id.as_uuid()) {
        return Err(ApiError::Conflict {
            code: ErrorCode::WrongUser,
            detail: "these results belong to someone else signed in on this device".to_owned(),
        });
    }
    let results: Vec<Result<SyncItem, uuid::Uuid>> = body
        .results
        .into_iter()
        .map(|raw| {
            let id = ["id", "attempt_id"]
                .iter()
                .find_map(|k| raw.get(*k).and_then(|v| v.as_str()))
                .and_then(|s| s.parse().ok())
                .unwrap_or_default();
            serde_json::from_value(raw).map_err(|_| id)
        })
        .collect();
    if results.len() > MAX_BATCH {
        return Err(ApiError::field(
            "results",
            "too_many",
            "send at most 500 results at a time",
        ));
    }
    let now = state.settings.clock.now();
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by_key(|&i| {
        results[i]
            .as_ref()
            .map_or((3, uuid::Uuid::nil(), 0), SyncItem::order)
    });
    let mut outcomes: Vec<Option<SyncOutcome>> = (0..results.len()).map(|_| None).collect();
    let mut days_touched = Vec::new();
    for i in order {
        let item = match &results[i] {
            Ok(item) => item,
            Err(id) => {
                outcomes[i] = Some(SyncOutcome {
                    id: *id,
                    status: SyncStatus::Rejected,
                    code: Some("invalid_result".to_owned()),
                });
                continue;
            }
        };
        let status = match apply(&state, &auth, item, now).await {
            Ok(true) => (SyncStatus::Accepted, None),
            Ok(false) => (SyncStatus::Duplicate, None),
            Err(ApiError::Conflict {
                code: ErrorCode::OutOfTurnAhead,
                ..
            }) => (SyncStatus::Retry, Some("out_of_turn".to_owned())),
            Err(err) => match err.refusal_code() {
                Some(code) => (SyncStatus::Rejected, Some(code)),
                // A failure of ours: the device keeps it and tries again.
                None => match err {
                    ApiError::Unavailable(code) => {
                        (SyncStatus::Retry, Some(code.as_str().to_owned()))
                    }
                    _ => (SyncStatus::Retry, Some("server_error".to_owned())),
                },
            },
        };
        if status.0 == SyncStatus::Accepted {
            days_touched.push(believable(item.at().unwrap_or(now), now));
        }
        outcomes[i] = Some(SyncOutcome {
            id: item.id(),
            status: status.0,
            code: status.1,
        });
    }
    let outcomes: Vec<SyncOutcome> = outcomes.into_iter().flatten().collect();
    let count = |s: SyncStatus| outcomes.iter().filter(|o| o.status == s).count();
    let report = SyncReport {
        accepted: count(SyncStatus::Accepted),
        duplicates: count(SyncStatus::Duplicate),
        rejected: count(SyncStatus::Rejected),
        retry: count(SyncStatus::Retry),
        outcomes,
    };
    if !days_touched.is_empty() {
        // The sessions of the days these results were recorded on may be complete now (the
        // streak counts them), even when they arrive after midnight.
        let learner = Learner::load(&state.app, auth.org, auth.user_id).await?;
        let mut days: Vec<_> = days_touched
            .iter()
            .map(|at| learner.user.time_zone.local_date(*at))
            .collect();
        days.sort();
        days.dedup();
        for day in days {
            cinco_app::today::complete::mark_if_complete(&state.app, &learner, day).await?;
        }
    }
    Ok(HttpResponse::Ok().json(report))
}

/// The device's time, believed within the last 30 days and not in the future.
fn believable(at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    at.clamp(now - Duration::days(MAX_AGE_DAYS), now)
}

/// Applies one result; `Ok(false)` when it had been applied before.
async fn apply(
    state: &AppState,
    auth: &AuthUser,
    item: &SyncItem,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    match item {
        SyncItem::LessonAnswer {
            id,
            attempt_id,
            lesson_version_id,
            card,
            response,
            duration_ms,
            confidence,
            answered_at,
        } => {
            let a = start_attempt(state, auth, *attempt_id, *lesson_version_id)
                .await?
                .0;
            let result = record_answer(
                state,
                auth,
                &a,
                LessonAnswer {
                    id: *id,
                    card: *card,
                    response: response.to_domain(),
                    duration_ms: *duration_ms,
                    confidence: confidence.map(ConfidenceBody::to_domain),
                    answered_at: believable(*answered_at, now),
                },
            )
            .await?;
            Ok(!result.already_answered)
        }
        SyncItem::LessonCompletion {
            attempt_id,
            lesson_version_id,
            completed_at,
        } => {
            let a = start_attempt(state, auth, *attempt_id, *lesson_version_id)
                .await?
                .0;
            let at = believable(*completed_at, now);
            Ok(
                cinco_app::attempt::complete::complete(&state.app, auth.org, &a, at)
                    .await?
                    .newly_completed,
            )
        }
        SyncItem::ReviewAnswer {
            id,
            card_id,
            response,
            duration_ms,
            confidence,
            answered_at,
        } => Ok(cinco_app::review::answer::review_answer(
            &state.app,
            auth.org,
            auth.user_id,
            *id,
            *card_id,
            &response.to_domain(),
            *duration_ms,
            confidence.map(ConfidenceBody::to_domain),
            believable(*answered_at, now),
        )
        .await?),
        SyncItem::ScenarioReply {
            id,
            run_id,
            scenario_version_id,
            position,
            choice,
            ..
        } => {
            start_run(state, auth, *run_id, *scenario_version_id).await?;
            let at = scenario_run::steps(&state.db, *run_id).await?.len();
            if *position > at {
                // An earlier reply of this run is still on its way.
                return Err(ApiError::Conflict {
                    code: ErrorCode::OutOfTurnAhead,
                    detail: format!("the run is at reply {at}"),
                });
            }
            let replied = reply(
                state,
                auth,
                *run_id,
                ChooseReply {
                    id: *id,
                    position: *position,
                    choice: choice.clone(),
                },
            )
            .await?;
            Ok(replied.debrief.is_some())
        }
    }
}

#[cfg(test)]
mod tests {
    /// The document's limit is the one enforced.
    #[test]
    fn the_contract_states_the_batch_limit() {
        let doc = serde_json::to_value(crate::openapi::document()).unwrap_or_default();
        let results = &doc["components"]["schemas"]["SyncBody"]["properties"]["results"];
        assert_eq!(results["maxItems"], super::MAX_BATCH);
    }
}
