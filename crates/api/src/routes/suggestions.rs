//! Procedures that listen: an agent flags a rule that stopped them helping a customer and
//! reads the answers to theirs; trainers and admins answer, once; leads read their teams'.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use cinco_app::suggestion::answer::answer;
use cinco_app::suggestion::flag::{NewSuggestion, flag};
use cinco_app::suggestion::list::{inbox, mine};
use cinco_domain::suggestion::{Answer, age_days, overdue};
use cinco_persistence::suggestion::Suggestion;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, AGENT, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;
use crate::states::{ChangeKindView, SuggestionStatusView};

#[derive(Debug, Deserialize, ToSchema)]
pub struct SuggestionBody {
    /// What happened with the customer; required, at most 2,000 characters.
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    what_happened: String,
    /// The rule or procedure, in the agent's words; required, at most 500 characters.
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    rule: String,
    /// What they would change; required, at most 2,000 characters.
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    proposal: String,
    /// A competency the rule touches.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    competency_key: Option<String>,
    /// A decision type of the authority limits the rule is about.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    decision_key: Option<String>,
}

/// Accepted or declined.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionOutcome {
    Accepted,
    Declined,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SuggestionAnswerBody {
    outcome: SuggestionOutcome,
    /// What changed; required when accepted, ignored when declined.
    #[serde(default)]
    change_kind: Option<ChangeKindView>,
    /// What changed (accepted) or why not (declined); required, at most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    text: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionAnswerView {
    /// Set when accepted.
    change_kind: Option<ChangeKindView>,
    /// What changed, or the reason it was declined.
    text: String,
    answered_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionView {
    id: uuid::Uuid,
    status: SuggestionStatusView,
    what_happened: String,
    rule: String,
    proposal: String,
    competency_key: Option<String>,
    decision_key: Option<String>,
    created_at: DateTime<Utc>,
    /// Whole days it waited: until now while open, until its answer after.
    age_days: i64,
    /// Open for more than 14 days.
    overdue: bool,
    /// Who flagged it (in the inbox; absent in one's own list).
    author_name: Option<String>,
    answer: Option<SuggestionAnswerView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InboxView {
    /// Open suggestions older than 14 days.
    overdue: usize,
    /// Whether the caller answers (trainers and admins); leads read only.
    may_answer: bool,
    /// Open ones oldest first, then answered ones, latest answer first.
    suggestions: Vec<SuggestionView>,
}

fn view(s: &Suggestion, author_name: Option<String>, now: DateTime<Utc>) -> SuggestionView {
    let until = s.answer.as_ref().map_or(now, |a| a.at);
    SuggestionView {
        id: s.id,
        status: s.status().into(),
        what_happened: s.what_happened.clone(),
        rule: s.rule.clone(),
        proposal: s.proposal.clone(),
        competency_key: s.competency_key.clone(),
        decision_key: s.decision_key.clone(),
        created_at: s.created_at,
        age_days: age_days(s.created_at, until),
        overdue: overdue(s.status(), s.created_at, now),
        author_name,
        answer: s.answer.as_ref().map(|a| SuggestionAnswerView {
            change_kind: match a.answer {
                Answer::Accepted { change, .. } => Some(change.into()),
                Answer::Declined { .. } => None,
            },
            text: a.answer.text().to_owned(),
            answered_at: a.at,
        }),
    }
}

/// Flag a rule that stopped the caller helping a customer.
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = ["agent"])),
    request_body = SuggestionBody,
    responses(
        (status = 201, description = "Flagged; open until a trainer or an admin answers", body = SuggestionView),
        (status = 422, description = "`validation_failed`: `required` (a blank text), `too_long`, `unknown_competency` or `unknown_decision`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/suggestions", wrap = "from_fn(require::<{ AGENT }>)")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<SuggestionBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let s = flag(
        &state.app,
        &auth.actor(),
        NewSuggestion {
            what_happened: body.what_happened,
            rule: body.rule,
            competency_key: body.competency_key,
            decision_key: body.decision_key,
            proposal: body.proposal,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(view(&s, None, state.app.clock.now())))
}

/// The caller's suggestions with their answers, newest first.
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = ["agent"])),
    responses((status = 200, description = "Newest first", body = Vec<SuggestionView>))
)]
#[get("/me/suggestions", wrap = "from_fn(require::<{ AGENT }>)")]
pub async fn list_mine(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let now = state.app.clock.now();
    let own = mine(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(own.iter().map(|s| view(s, None, now)).collect::<Vec<_>>()))
}

/// The suggestions to answer (trainers and admins: all) or to read (leads: their teams').
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = ["admin", "trainer", "lead"])),
    responses((status = 200, description = "Oldest unanswered first", body = InboxView))
)]
#[get(
    "/suggestions",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.app.clock.now();
    let inbox = inbox(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(InboxView {
        overdue: inbox.overdue,
        may_answer: inbox.may_answer,
        suggestions: inbox
            .suggestions
            .into_iter()
            .map(|l| view(&l.suggestion, Some(l.author_name), now))
            .collect(),
    }))
}

/// Answer a suggestion: accepted with what changed, or declined with a reason. Once; an
/// answer is never changed or removed, and the agent gets a mail.
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = ["admin", "trainer"])),
    params(("suggestion_id" = uuid::Uuid, Path, description = "Suggestion id")),
    request_body = SuggestionAnswerBody,
    responses(
        (status = 200, description = "Answered", body = SuggestionView),
        (status = 404, description = "`not_found`: no such suggestion", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_answered`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `change_kind_required`, `change_required` (accepting says what changed), `reason_required` (declining says why) or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/suggestions/{suggestion_id}/answer",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn answer_one(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    body: Json<SuggestionAnswerBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let parsed = Answer::parse(
        matches!(body.outcome, SuggestionOutcome::Accepted),
        body.change_kind.map(Into::into),
        body.text.as_deref(),
    )
    .map_err(|e| ApiError::field(e.field(), e.code(), e.to_string()))?;
    let s = answer(&state.app, &auth.actor(), id.into_inner(), parsed).await?;
    Ok(HttpResponse::Ok().json(view(&s, None, state.app.clock.now())))
}
