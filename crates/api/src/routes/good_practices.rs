//! Good practices: decision stories shared so everyone knows what is expected. Trainers,
//! admins and the team's leads share one from a decision, in one language, and add the
//! others; everyone reads them in their language; agents meet one a week in Today. And
//! story → scenario: a trainer turns a decision story into a scenario draft.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use cinco_app::good_practice::read::{self, Shown};
use cinco_app::good_practice::share::{self, NewPractice};
use cinco_app::scenario::Known;
use cinco_app::scenario::file::amount;
use cinco_app::scenario::from_story::draft_from_decision;
use cinco_domain::Locale;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY, LEAD, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::scenarios::{ScenarioVersionView, view as scenario_view};
use crate::state::AppState;
use crate::states::LocaleView;

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeTextView {
    locale: LocaleView,
    title: String,
    story: String,
    updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoodPracticeView {
    id: uuid::Uuid,
    decision_id: uuid::Uuid,
    /// A decision type of the authority limits (its names are in `GET /authority-limits`).
    decision_key: String,
    /// In the organisation's currency; `null` for a type without an amount.
    amount: Option<f64>,
    /// The agent's name; `null` when it was shared without names.
    agent_name: Option<String>,
    /// The language shown: the reader's, else the organisation's, else the one it was
    /// written in. Screens say so when it is not the reader's.
    locale: LocaleView,
    title: String,
    story: String,
    /// The language it was written in; the others are translations of it.
    source_locale: LocaleView,
    /// Every variant (translators work from the source).
    texts: Vec<PracticeTextView>,
    /// Languages the organisation offers that have no variant yet.
    missing: Vec<LocaleView>,
    /// Variants written before the source last changed.
    out_of_date: Vec<LocaleView>,
    /// Whether the caller has read it.
    read: bool,
    /// Whether the caller may write its languages and retire it (trainers, admins, whoever
    /// shared it).
    editable: bool,
    created_at: DateTime<Utc>,
}

fn view(s: &Shown) -> GoodPracticeView {
    let p = &s.practice;
    let shown = p.text(s.locale);
    GoodPracticeView {
        id: p.id,
        decision_id: p.decision_id,
        decision_key: p.key.as_str().to_owned(),
        amount: p.amount.map(amount),
        agent_name: s.agent_name.clone(),
        locale: s.locale.into(),
        title: shown.map(|t| t.title.clone()).unwrap_or_default(),
        story: shown.map(|t| t.story.clone()).unwrap_or_default(),
        source_locale: p.source.into(),
        texts: p
            .texts
            .iter()
            .map(|t| PracticeTextView {
                locale: t.locale.into(),
                title: t.title.clone(),
                story: t.story.clone(),
                updated_at: t.updated_at,
            })
            .collect(),
        missing: s.missing.iter().map(|l| (*l).into()).collect(),
        out_of_date: s.out_of_date.iter().map(|l| (*l).into()).collect(),
        read: s.read,
        editable: s.editable,
        created_at: p.created_at,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ShareBody {
    /// The language the words are in.
    locale: LocaleView,
    /// Required, at most 120 characters.
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    title: String,
    /// What the customer needed, what the agent did and why it is the way to go; required,
    /// at most 1,200 characters.
    #[schema(min_length = 1, max_length = 1200, pattern = r"\S")]
    story: String,
    /// Leave the agent's name out (on their request, say).
    #[serde(default)]
    anonymous: bool,
}

/// Share a decision as a good practice (trainers, admins, and leads of the agent's team).
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer", "lead"])),
    params(("decision_id" = uuid::Uuid, Path, description = "The decision")),
    request_body = ShareBody,
    responses(
        (status = 201, description = "Shared", body = GoodPracticeView),
        (status = 403, description = "`forbidden`: a member of the team who does not lead it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such decision the caller may see (a lead of another team does not)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_shared`, or `not_promotable` (declined or still awaiting approval)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `required` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/decisions/{decision_id}/good-practice",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn share_decision(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<ShareBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = auth.actor();
    let p = share::share(
        &state.app,
        &actor,
        path.into_inner(),
        NewPractice {
            locale: body.locale.into(),
            title: body.title,
            story: body.story,
            anonymous: body.anonymous,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(view(&read::get(&state.app, &actor, p.id).await?)))
}

/// The organisation's good practices, newest first, each in the caller's language where it
/// has one.
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Newest first", body = Vec<GoodPracticeView>))
)]
#[get("/good-practices", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = read::list(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(view).collect::<Vec<_>>()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThisWeekView {
    /// The card to show; `null` once one was read this week (or none is left to read).
    practice: Option<GoodPracticeView>,
}

/// This week's good-practice card for Today: the newest one the caller has not read, unless
/// they read one since Monday (their time zone).
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "The card, or none", body = ThisWeekView))
)]
#[get("/good-practices/this-week", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn this_week(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let card = read::this_week(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(ThisWeekView {
        practice: card.as_ref().map(view),
    }))
}

/// One good practice.
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("practice_id" = uuid::Uuid, Path, description = "The good practice")),
    responses(
        (status = 200, description = "The practice", body = GoodPracticeView),
        (status = 404, description = "No such practice", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/good-practices/{practice_id}", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get_one(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let p = read::get(&state.app, &auth.actor(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view(&p)))
}

/// Mark a good practice read (this week's card is then done). Again changes nothing.
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("practice_id" = uuid::Uuid, Path, description = "The good practice")),
    responses(
        (status = 204, description = "Read"),
        (status = 404, description = "No such practice", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/good-practices/{practice_id}/read",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn mark_read(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    read::mark_read(&state.app, &auth.actor(), path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PracticeTextBody {
    /// Required, at most 120 characters.
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    title: String,
    /// Required, at most 1,200 characters.
    #[schema(min_length = 1, max_length = 1200, pattern = r"\S")]
    story: String,
}

/// Write a good practice in a language: a translation, or a correction of a variant (the
/// source too; the translations are then out of date). Trainers, admins and whoever shared it.
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer", "lead"])),
    params(
        ("practice_id" = uuid::Uuid, Path, description = "The good practice"),
        ("locale" = LocaleView, Path, description = "The language of the words")
    ),
    request_body = PracticeTextBody,
    responses(
        (status = 200, description = "Saved", body = GoodPracticeView),
        (status = 403, description = "`forbidden`: a lead who did not share it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such practice, or not a language Cinco speaks", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `required` or `too_long`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/good-practices/{practice_id}/texts/{locale}",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn put_text(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(uuid::Uuid, String)>,
    body: Json<PracticeTextBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, locale) = path.into_inner();
    let locale: Locale = locale.parse().map_err(|_| ApiError::NotFound)?;
    let actor = auth.actor();
    share::translate(&state.app, &actor, id, locale, &body.title, &body.story).await?;
    Ok(HttpResponse::Ok().json(view(&read::get(&state.app, &actor, id).await?)))
}

/// Retire a good practice: agents no longer meet it. Trainers, admins and whoever shared it.
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer", "lead"])),
    params(("practice_id" = uuid::Uuid, Path, description = "The good practice")),
    responses(
        (status = 204, description = "Retired"),
        (status = 403, description = "`forbidden`: a lead who did not share it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such practice", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/good-practices/{practice_id}/retire",
    wrap = "from_fn(require::<{ ADMIN | TRAINER | LEAD }>)"
)]
pub async fn retire(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    share::retire(&state.app, &auth.actor(), path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct StoryDraftBody {
    /// The draft's language; the caller's by default.
    #[serde(default)]
    #[schema(value_type = Option<LocaleView>)]
    locale: Option<LocaleView>,
    /// A competency of the framework the scenario trains (the best reply gives it evidence).
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::Key>)]
    competency: Option<String>,
}

/// Story → scenario: a scenario draft from a decision story — the customer's problem opens
/// it, the agent's decision is the best reply (with its action and amount), a policy-only
/// answer the poor one, each with its outcome — for the trainer to finish and publish.
/// Asking again for the same story and language gives the draft made before.
#[utoipa::path(
    tag = "good-practices",
    security(("bearer" = ["admin", "trainer"])),
    params(("decision_id" = uuid::Uuid, Path, description = "The decision")),
    request_body = StoryDraftBody,
    responses(
        (status = 200, description = "The draft (`/author/scenarios/{id}` edits it)", body = ScenarioVersionView),
        (status = 404, description = "No such decision", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_promotable`: declined or still awaiting approval", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `unknown_competency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/decisions/{decision_id}/scenario-draft",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn scenario_draft(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: Json<StoryDraftBody>,
) -> Result<HttpResponse, ApiError> {
    let actor = auth.actor();
    let v = draft_from_decision(
        &state.app,
        &actor,
        path.into_inner(),
        body.locale.map(Into::into),
        body.competency.as_deref(),
    )
    .await?;
    let known = Known::load(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(scenario_view(&v, &known)?))
}
