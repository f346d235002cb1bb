//! Decisions on real contacts: an agent logs one, a lead answers one above the agent's
//! limit, leads and peers recognise them, a lead opens a coaching session about one; and
//! the empowerment report (`report`). There is deliberately no route to mark a decision
//! wrong.

pub mod report;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use cinco_app::decision::read::Recognised;
use cinco_app::decision::{
    answer as answering, coach, log as logging, read, recognise as recognising,
};
use cinco_app::scenario::file::{amount, cents};
use cinco_domain::TeamId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, ANY, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;
use crate::states::DecisionStatusView;

#[derive(Debug, Serialize, ToSchema)]
pub struct RecognitionView {
    by: PersonRef,
    note: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactDecisionView {
    id: uuid::Uuid,
    agent: PersonRef,
    /// The agent's team when they logged it.
    team_id: Option<uuid::Uuid>,
    /// A decision type of the authority limits (its names are in `GET /authority-limits`).
    decision_key: String,
    /// In the organisation's currency; `null` for a type without an amount.
    amount: Option<f64>,
    /// The agent's limit for the type when they logged it (`null`: none).
    limit: Option<f64>,
    customer_need: String,
    action_taken: String,
    resolved_first_contact: bool,
    /// 1–5, when known.
    csat: Option<u8>,
    contact_reference: Option<String>,
    status: DecisionStatusView,
    decided_at: DateTime<Utc>,
    answered_by: Option<PersonRef>,
    answered_at: Option<DateTime<Utc>>,
    /// Seconds from asking to the answer.
    answer_seconds: Option<i64>,
    answer_reason: Option<String>,
    /// The coaching session opened about it (only the agent and their leads see it).
    coaching_session_id: Option<uuid::Uuid>,
    recognitions: Vec<RecognitionView>,
    /// Whether the caller recognised it already.
    recognised_by_me: bool,
    /// Whether the caller may recognise it (someone else's, in a team of theirs; any for
    /// admins).
    recognisable: bool,
    /// Whether the caller may answer it or open a coaching session about it.
    answerable: bool,
    /// Whether the caller may share it as a good practice or turn it into a scenario draft
    /// (trainers and admins; leads of its team share): it stood, within the limit or approved.
    shareable: bool,
    /// The good practice it became, once shared.
    good_practice_id: Option<uuid::Uuid>,
}

fn view(auth: &AuthUser, names: &Names, r: &Recognised) -> ContactDecisionView {
    let d = &r.decision;
    let private = d.agent_id == auth.user_id || r.answerable;
    ContactDecisionView {
        id: d.id,
        agent: names.person(d.agent_id),
        team_id: d.team_id.map(|t| t.as_uuid()),
        decision_key: d.key.as_str().to_owned(),
        amount: d.amount.map(amount),
        limit: d.limit.map(amount),
        customer_need: d.customer_need.clone(),
        action_taken: d.action_taken.clone(),
        resolved_first_contact: d.resolved_first_contact,
        csat: d.csat.map(|c| c.get()),
        contact_reference: d.contact_reference.clone(),
        status: d.status.into(),
        decided_at: d.decided_at,
        answered_by: d.answered_by.map(|u| names.person(u)),
        answered_at: d.answered_at,
        answer_seconds: d.answered_at.map(|a| (a - d.decided_at).num_seconds()),
        answer_reason: d.answer_reason.clone(),
        coaching_session_id: d.coaching_session_id.filter(|_| private),
        recognitions: r
            .recognitions
            .iter()
            .map(|x| RecognitionView {
                by: names.person(x.by),
                note: x.note.clone(),
                created_at: x.created_at,
            })
            .collect(),
        recognised_by_me: r.recognitions.iter().any(|x| x.by == auth.user_id),
        recognisable: r.recognisable,
        answerable: r.answerable,
        shareable: r.shareable,
        good_practice_id: r.good_practice,
    }
}

async fn views(
    state: &AppState,
    auth: &AuthUser,
    list: &[Recognised],
) -> Result<Vec<ContactDecisionView>, ApiError> {
    let names = Names::load(&state.db, auth.org).await?;
    Ok(list.iter().map(|r| view(auth, &names, r)).collect())
}

async fn one(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<ContactDecisionView, ApiError> {
    let r = read::get(&state.app, &auth.actor(), id).await?;
    let names = Names::load(&state.db, auth.org).await?;
    Ok(view(auth, &names, &r))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionLogBody {
    /// A decision type of the authority limits.
    #[schema(value_type = crate::contract::Key)]
    decision_key: String,
    /// In the organisation's currency, above zero, for a type that grants an amount; left
    /// out for a permission.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10000000)]
    amount: Option<f64>,
    /// What the customer needed, in a few lines.
    #[schema(min_length = 1, max_length = 600)]
    customer_need: String,
    /// What the agent did.
    #[schema(min_length = 1, max_length = 600)]
    action_taken: String,
    /// Whether the contact was resolved first time.
    resolved_first_contact: bool,
    /// The customer's satisfaction, 1–5, when known.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 5)]
    csat: Option<i64>,
    /// The contact centre's own reference of the contact.
    #[serde(default)]
    #[schema(max_length = 100)]
    contact_reference: Option<String>,
}

/// Log a decision taken on a real contact. Within the caller's limit for its type it is
/// empowered; above it, it awaits approval and the caller's leads (else the admins) get a
/// mail.
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    request_body = DecisionLogBody,
    responses(
        (status = 201, description = "Logged", body = ContactDecisionView),
        (status = 422, description = "`validation_failed`: `unknown_decision`, `invalid_amount` (not an amount), `required` (an amount type without an amount above zero, or a blank text), `not_an_amount` (an amount for a permission), `invalid_csat` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/decisions", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn log(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<DecisionLogBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let amount = match body.amount {
        Some(a) => Some(cents(a).ok_or_else(|| {
            ApiError::field("amount", "invalid_amount", "an amount of zero or more")
        })?),
        None => None,
    };
    let cmd = logging::NewDecision {
        decision_key: body.decision_key,
        amount,
        customer_need: body.customer_need,
        action_taken: body.action_taken,
        resolved_first_contact: body.resolved_first_contact,
        csat: body.csat,
        contact_reference: body.contact_reference,
    };
    let d = logging::log(&state.app, &auth.actor(), cmd).await?;
    Ok(HttpResponse::Created().json(one(&state, &auth, d.id).await?))
}

/// The caller's own decisions with their recognitions, newest first.
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Newest first", body = Vec<ContactDecisionView>))
)]
#[get("/decisions/mine", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn mine(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = read::mine(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(views(&state, &auth, &list).await?))
}

/// Decisions waiting for the caller's answer (leads: their teams'; admins: all), longest
/// waiting first.
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "lead"])),
    responses((status = 200, description = "Oldest first", body = Vec<ContactDecisionView>))
)]
#[get("/decisions/approvals", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn approvals(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let list = read::approvals(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(views(&state, &auth, &list).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// One of the caller's teams (any for admins); all of theirs when absent.
    team_id: Option<uuid::Uuid>,
    /// Only decisions someone recognised.
    #[serde(default)]
    recognised: bool,
}

/// A team's feed: its empowered and approved decisions of the last 90 days with their
/// recognitions, newest first.
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(FeedQuery),
    responses(
        (status = 200, description = "Newest first", body = Vec<ContactDecisionView>),
        (status = 404, description = "Not one of the caller's teams", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/decisions/feed", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn feed(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, ApiError> {
    let list = read::feed(
        &state.app,
        &auth.actor(),
        query.team_id.map(TeamId::from_uuid),
        query.recognised,
    )
    .await?;
    Ok(HttpResponse::Ok().json(views(&state, &auth, &list).await?))
}

/// One decision: the agent's own, their team's (leads and peers) or any (admins).
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("decision_id" = uuid::Uuid, Path, description = "The decision")),
    responses(
        (status = 200, description = "The decision", body = ContactDecisionView),
        (status = 404, description = "No such decision the caller may see", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/decisions/{decision_id}", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get_one(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(one(&state, &auth, path.into_inner()).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionAnswerBody {
    /// `true` approves, `false` declines.
    approve: bool,
    /// Required to decline.
    #[serde(default)]
    #[schema(max_length = 280)]
    reason: Option<String>,
}

/// Approve or decline a decision above the agent's limit (a lead of its team, or an admin).
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "lead"])),
    params(("decision_id" = uuid::Uuid, Path, description = "The decision")),
    request_body = DecisionAnswerBody,
    responses(
        (status = 200, description = "Answered; the agent gets a mail", body = ContactDecisionView),
        (status = 403, description = "`own_decision`: someone else answers yours", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such decision the caller may answer", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_answered` or `no_approval_needed` (it was within the limit)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `reason_required` (to decline) or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/decisions/{decision_id}/answer",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn answer(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<DecisionAnswerBody>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    answering::answer(
        &state.app,
        &auth.actor(),
        id,
        body.approve,
        body.reason.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(one(&state, &auth, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RecognitionBody {
    /// What was good about it, for the agent.
    #[schema(min_length = 1, max_length = 280)]
    note: String,
}

/// Recognise a decision (a lead or a peer of the agent's team, or an admin), once.
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("decision_id" = uuid::Uuid, Path, description = "The decision")),
    request_body = RecognitionBody,
    responses(
        (status = 201, description = "Recognised; the agent gets a mail", body = ContactDecisionView),
        (status = 403, description = "`own_decision`: others recognise yours", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such decision the caller may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_recognised`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `required` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/decisions/{decision_id}/recognitions",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn recognise(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<RecognitionBody>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    recognising::recognise(&state.app, &auth.actor(), id, &body.note).await?;
    Ok(HttpResponse::Created().json(one(&state, &auth, id).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CoachingOpened {
    /// The private coaching session about the decision (`/coaching/sessions/{id}`).
    coaching_session_id: uuid::Uuid,
}

/// Talk about it in coaching: opens (once) a private coaching session with the agent whose
/// notes name the decision — instead of marking anything wrong.
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "lead"])),
    params(("decision_id" = uuid::Uuid, Path, description = "The decision")),
    responses(
        (status = 200, description = "The session (opened now or before)", body = CoachingOpened),
        (status = 404, description = "No such decision of an agent the caller coaches", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/decisions/{decision_id}/coaching",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn coaching(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = coach::talk_about_it(&state.app, &auth.actor(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(CoachingOpened {
        coaching_session_id: id,
    }))
}
