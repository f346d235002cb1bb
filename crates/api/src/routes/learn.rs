//! Taking lessons: the published lessons in the agent's language (else the organisation's),
//! attempts and answers with client-generated ids, graded by the server.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_domain::lesson::{Block, Card, Item, LessonContent, Response, markdown};
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::attempt::{self, Recorded};
use cinco_persistence::lesson::LessonVersion;
use cinco_persistence::{Database, RepoError, organisation, user};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonSummary {
    key: String,
    title: String,
    locale: &'static str,
    version_id: uuid::Uuid,
    estimate_seconds: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DialogueLineView {
    /// `customer`, `agent` or `narrator`.
    speaker: &'static str,
    text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StepView {
    /// The step's id: send these in the order you think is right.
    id: usize,
    text: String,
}

/// One card, without the answers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CardView {
    Text {
        markdown: String,
    },
    Tip {
        markdown: String,
    },
    Checklist {
        items: Vec<String>,
    },
    Dialogue {
        lines: Vec<DialogueLineView>,
    },
    Image {
        src: String,
        alt: String,
    },
    Single {
        prompt: String,
        options: Vec<String>,
    },
    Multiple {
        prompt: String,
        options: Vec<String>,
    },
    TrueFalse {
        statement: String,
    },
    /// Steps shown shuffled.
    Ordering {
        prompt: String,
        steps: Vec<StepView>,
    },
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonToTake {
    key: String,
    title: String,
    locale: &'static str,
    version_id: uuid::Uuid,
    estimate_seconds: i32,
    cards: Vec<CardView>,
}

fn card_view(card: &Card, version: uuid::Uuid) -> CardView {
    let texts =
        |options: &[cinco_domain::lesson::Choice]| options.iter().map(|o| o.text.clone()).collect();
    match card {
        Card::Block(Block::Text(md)) => CardView::Text {
            markdown: md.clone(),
        },
        Card::Block(Block::Tip(md)) => CardView::Tip {
            markdown: md.clone(),
        },
        Card::Block(Block::Checklist(items)) => CardView::Checklist {
            items: items.clone(),
        },
        Card::Block(Block::Dialogue(lines)) => CardView::Dialogue {
            lines: lines
                .iter()
                .map(|l| DialogueLineView {
                    speaker: l.speaker.as_str(),
                    text: l.text.clone(),
                })
                .collect(),
        },
        Card::Block(Block::Image { src, alt }) => CardView::Image {
            src: src.clone(),
            alt: alt.clone(),
        },
        Card::Item(Item::Single {
            prompt, options, ..
        }) => CardView::Single {
            prompt: prompt.clone(),
            options: texts(options),
        },
        Card::Item(Item::Multiple {
            prompt, options, ..
        }) => CardView::Multiple {
            prompt: prompt.clone(),
            options: texts(options),
        },
        Card::Item(Item::TrueFalse { statement, .. }) => CardView::TrueFalse {
            statement: statement.clone(),
        },
        Card::Item(Item::Ordering { prompt, steps, .. }) => {
            // The same shuffle every time for a version, so a resumed lesson looks the same.
            let mut shown: Vec<StepView> = steps
                .iter()
                .enumerate()
                .map(|(id, text)| StepView {
                    id,
                    text: text.clone(),
                })
                .collect();
            shown
                .sort_by_key(|s| Sha256::digest(format!("{version}:{}", s.id).as_bytes()).to_vec());
            CardView::Ordering {
                prompt: prompt.clone(),
                steps: shown,
            }
        }
    }
}

/// Picks the variant in `preferred`, else in `fallback`, else any.
fn pick(
    mut variants: Vec<LessonVersion>,
    preferred: Locale,
    fallback: Locale,
) -> Option<LessonVersion> {
    variants.sort_by_key(|v| {
        if v.locale == preferred {
            0
        } else if v.locale == fallback {
            1
        } else {
            2
        }
    });
    variants.into_iter().next()
}

async fn locales(db: &Database, auth: &AuthUser) -> Result<(Locale, Locale), ApiError> {
    let me = user::get(db, auth.org, auth.user_id).await?;
    let org = organisation::get(db, auth.org).await?;
    Ok((me.locale, org.default_locale))
}

/// Published lessons, one per lesson, in the caller's language when it exists.
#[utoipa::path(
    tag = "learn",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Lessons to take", body = Vec<LessonSummary>))
)]
#[get("/learn/lessons", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let (preferred, fallback) = locales(&state.db, &auth).await?;
    let mut by_key: std::collections::BTreeMap<String, Vec<LessonVersion>> =
        std::collections::BTreeMap::new();
    for v in cinco_persistence::lesson::list_published(&state.db, auth.org).await? {
        by_key.entry(v.key.as_str().to_owned()).or_default().push(v);
    }
    let lessons: Vec<LessonSummary> = by_key
        .into_values()
        .filter_map(|variants| pick(variants, preferred, fallback))
        .map(|v| LessonSummary {
            key: v.key.as_str().to_owned(),
            title: v.title,
            locale: v.locale.code(),
            version_id: v.id,
            estimate_seconds: v.estimate_seconds,
        })
        .collect();
    Ok(HttpResponse::Ok().json(lessons))
}

/// A published lesson to take, in the caller's language when it exists, else the
/// organisation's, else any.
#[utoipa::path(
    tag = "learn",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("lesson_key" = String, Path, description = "Lesson key")),
    responses(
        (status = 200, description = "The lesson", body = LessonToTake),
        (status = 404, description = "No published lesson with that key", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/learn/lessons/{lesson_key}", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn take(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = path.into_inner();
    let (preferred, fallback) = locales(&state.db, &auth).await?;
    let variants: Vec<LessonVersion> =
        cinco_persistence::lesson::list_published(&state.db, auth.org)
            .await?
            .into_iter()
            .filter(|v| v.key.as_str() == key)
            .collect();
    let version = pick(variants, preferred, fallback).ok_or(ApiError::NotFound)?;
    let content = markdown::parse(&version.source).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().json(LessonToTake {
        key: version.key.as_str().to_owned(),
        title: version.title.clone(),
        locale: version.locale.code(),
        version_id: version.id,
        estimate_seconds: version.estimate_seconds,
        cards: content
            .cards
            .iter()
            .map(|c| card_view(c, version.id))
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StartAttempt {
    /// Generated by the client (a UUID), so a retried start is recognised.
    id: uuid::Uuid,
    lesson_version_id: uuid::Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptView {
    id: uuid::Uuid,
    lesson_version_id: uuid::Uuid,
    /// Cards already answered (to resume where the agent left).
    answered_cards: Vec<i32>,
    completed: bool,
}

async fn attempt_view(db: &Database, a: &attempt::Attempt) -> Result<AttemptView, ApiError> {
    let answered = attempt::answers(db, a.id).await?;
    Ok(AttemptView {
        id: a.id,
        lesson_version_id: a.lesson_version_id,
        answered_cards: answered.iter().map(|x| x.card).collect(),
        completed: a.completed_at.is_some(),
    })
}

/// Start (or resume) an attempt at a lesson version that is or was published.
#[utoipa::path(
    tag = "learn",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    request_body = StartAttempt,
    responses(
        (status = 201, description = "Started", body = AttemptView),
        (status = 200, description = "Already started with this id: resumed", body = AttemptView),
        (status = 404, description = "No such published version", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`attempt_id_taken`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/learn/attempts", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn start(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<StartAttempt>,
) -> Result<HttpResponse, ApiError> {
    let version =
        cinco_persistence::lesson::get(&state.db, auth.org, body.lesson_version_id).await?;
    if version.published_at.is_none() {
        return Err(ApiError::NotFound);
    }
    let (a, created) = attempt::start(&state.db, auth.org, auth.user_id, body.id, version.id)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => ApiError::Conflict {
                code: "attempt_id_taken",
                detail: "that attempt id is already used".to_owned(),
            },
            other => other.into(),
        })?;
    let view = attempt_view(&state.db, &a).await?;
    Ok(if created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// An answer: exactly one of the fields, by item kind.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResponseBody {
    /// Indexes of the chosen options (single and multiple choice).
    Choices(Vec<usize>),
    TrueFalse(bool),
    /// Step ids in the order the agent put them.
    Order(Vec<usize>),
}

impl ResponseBody {
    fn to_domain(&self) -> Response {
        match self {
            ResponseBody::Choices(c) => Response::Choices(c.clone()),
            ResponseBody::TrueFalse(b) => Response::TrueFalse(*b),
            ResponseBody::Order(o) => Response::Order(o.clone()),
        }
    }

    fn from_domain(r: &Response) -> Self {
        match r {
            Response::Choices(c) => ResponseBody::Choices(c.clone()),
            Response::TrueFalse(b) => ResponseBody::TrueFalse(*b),
            Response::Order(o) => ResponseBody::Order(o.clone()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    /// Generated by the client: a replayed submission is accepted once.
    id: uuid::Uuid,
    /// The card index of the item.
    card: usize,
    response: ResponseBody,
    #[serde(default)]
    duration_ms: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerResult {
    correct: bool,
    explanation: String,
    solution: ResponseBody,
    /// True when this card had been answered before: the first answer stands.
    already_answered: bool,
}

/// Answer a knowledge check; the server grades it and returns the explanation.
#[utoipa::path(
    tag = "learn",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("attempt_id" = uuid::Uuid, Path, description = "Attempt id")),
    request_body = AnswerBody,
    responses(
        (status = 200, description = "Graded", body = AnswerResult),
        (status = 404, description = "No such attempt of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`not_an_item` or `response_mismatch`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/learn/attempts/{attempt_id}/answers",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn answer(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: web::Json<AnswerBody>,
) -> Result<HttpResponse, ApiError> {
    let a = own_attempt(&state.db, &auth, path.into_inner()).await?;
    let content = version_content(&state.db, auth.org, a.lesson_version_id).await?;
    let Some(Card::Item(item)) = content.cards.get(body.card) else {
        return Err(ApiError::field(
            "card",
            "not_an_item",
            "that card is not a knowledge check",
        ));
    };
    let response = body.response.to_domain();
    let correct = item.grade(&response).ok_or_else(|| {
        ApiError::field(
            "response",
            "response_mismatch",
            "the response does not fit this item",
        )
    })?;
    let stored = serde_json::to_string(&body.response).map_err(ApiError::internal)?;
    let competencies: Vec<String> = content
        .competencies
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let card = i32::try_from(body.card).map_err(ApiError::internal)?;
    let tx = state.db.begin().await?;
    let recorded = attempt::record_answer(
        &tx,
        auth.org,
        &a,
        body.id,
        card,
        &stored,
        correct,
        body.duration_ms,
        &competencies,
    )
    .await?;
    tx.commit().await?;
    let (correct, already_answered) = match recorded {
        Recorded::New(answer) => (answer.correct, false),
        Recorded::Existing(answer) => (answer.correct, true),
    };
    Ok(HttpResponse::Ok().json(AnswerResult {
        correct,
        explanation: item.explanation().to_owned(),
        solution: ResponseBody::from_domain(&item.solution()),
        already_answered,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptResult {
    correct: usize,
    items: usize,
}

/// Finish an attempt; returns the score.
#[utoipa::path(
    tag = "learn",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("attempt_id" = uuid::Uuid, Path, description = "Attempt id")),
    responses(
        (status = 200, description = "Completed", body = AttemptResult),
        (status = 404, description = "No such attempt of the caller's", body = Problem, content_type = "application/problem+json")
    )
)]
#[post(
    "/learn/attempts/{attempt_id}/complete",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn complete(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let a = own_attempt(&state.db, &auth, path.into_inner()).await?;
    let content = version_content(&state.db, auth.org, a.lesson_version_id).await?;
    attempt::complete(&state.db, auth.org, a.id).await?;
    let answers = attempt::answers(&state.db, a.id).await?;
    Ok(HttpResponse::Ok().json(AttemptResult {
        correct: answers.iter().filter(|x| x.correct).count(),
        items: content.items().count(),
    }))
}

async fn own_attempt(
    db: &Database,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<attempt::Attempt, ApiError> {
    attempt::find(db, auth.org, id)
        .await?
        .filter(|a| a.user_id == auth.user_id)
        .ok_or(ApiError::NotFound)
}

async fn version_content(
    db: &Database,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<LessonContent, ApiError> {
    let version = cinco_persistence::lesson::get(db, org, id).await?;
    markdown::parse(&version.source).map_err(ApiError::internal)
}
