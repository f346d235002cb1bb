//! The offline pack: today's session and everything needed to do it with no network — the
//! lessons with their answer keys, the review items, the scenarios' conversation graphs as
//! this agent plays them (over-the-limit grants already routed to the escalation branch) and
//! the images — plus the reviews and new material of the next days. Served with an ETag, so
//! a refresh of unchanged content costs a 304.

use std::collections::BTreeSet;

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::Duration;
use cinco_domain::authority::limits_for;
use cinco_domain::learning::ContentKind;
use cinco_domain::lesson::Card;
use cinco_domain::scenario::{Limits, NodeKind};
use cinco_domain::today::{self, Activity};
use cinco_persistence::authority;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::{TodayView, view_and_plan};
use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::ApiError;
use crate::routes::learn::{LessonToTake, card_view};
use crate::routes::lessons::versions::{AnswerKey, answer_keys};
use crate::state::AppState;
use crate::states::ItemKindView;
use crate::view_cache::{Cached, ViewKind};
use cinco_app::today::{Learner, plan};

/// How many days ahead the pack looks for reviews.
const DAYS_AHEAD: i64 = 3;
/// New material beyond today's, for the next days.
const MATERIAL_AHEAD: usize = 2;

#[derive(Debug, Serialize, ToSchema)]
pub struct PackLesson {
    lesson: LessonToTake,
    /// One entry per card: the answer key for knowledge checks, `null` for content.
    answers: Vec<Option<AnswerKey>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PackReview {
    /// The review card.
    id: uuid::Uuid,
    lesson_version_id: uuid::Uuid,
    card: i32,
    /// The lesson the item comes from.
    title: String,
    locale: &'static str,
    item: crate::routes::learn::CardView,
    answer: AnswerKey,
    estimate_seconds: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PackReply {
    id: String,
    text: String,
    /// Where the conversation goes for this agent (the escalation branch when the reply
    /// grants more than their limit).
    next: String,
    /// The reply grants more than this agent may: the customer hears approval is needed.
    escalated: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PackNode {
    id: String,
    start: bool,
    /// `customer` or `narrator`.
    speaker: &'static str,
    text: String,
    /// Empty at an end.
    replies: Vec<PackReply>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PackScenario {
    version_id: uuid::Uuid,
    key: String,
    title: String,
    locale: &'static str,
    estimate_seconds: i32,
    persona: String,
    brief: String,
    nodes: Vec<PackNode>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfflinePack {
    today: TodayView,
    lessons: Vec<PackLesson>,
    reviews: Vec<PackReview>,
    scenarios: Vec<PackScenario>,
    /// Image addresses the lessons show, to keep for offline use.
    images: Vec<String>,
}

/// Today's session with the content to do it offline, and the next days' likely content.
#[utoipa::path(
    tag = "today",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("If-None-Match" = Option<String>, Header, description = "The ETag of the pack the app holds")),
    responses(
        (status = 200, description = "The pack", body = OfflinePack),
        (status = 304, description = "Not modified: the app's pack is current")
    )
)]
#[get("/today/pack", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let now = state.settings.clock.now();
    let cached = state
        .views
        .get(auth.user_id, ViewKind::Pack, auth.learning_revision, now);
    let pack = match cached {
        Some(hit) => hit,
        None => {
            let learner = Learner::load(&state.app, auth.org, auth.user_id).await?;
            let body = serde_json::to_vec(&build(&state, &auth, &learner).await?)
                .map_err(ApiError::internal)?;
            let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
            let pack = Cached {
                body: Bytes::from(body),
                etag: Some(etag),
            };
            // Limits raised by a certification end when it expires: the pack is rebuilt then.
            let expiry =
                crate::routes::certifications::held(&state.db, auth.org, auth.user_id, now)
                    .await?
                    .iter()
                    .map(|c| c.expires_at)
                    .min();
            let until = expiry.map_or(learner.end_of(learner.day), |e| {
                e.min(learner.end_of(learner.day))
            });
            state.views.put(
                auth.user_id,
                ViewKind::Pack,
                auth.learning_revision,
                until,
                pack.clone(),
            );
            pack
        }
    };
    let etag = pack.etag.unwrap_or_default();
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"));
    Ok(if fresh {
        response.finish()
    } else {
        response.content_type("application/json").body(pack.body)
    })
}

/// The pack for the caller's day.
async fn build(
    state: &AppState,
    auth: &AuthUser,
    learner: &Learner,
) -> Result<OfflinePack, ApiError> {
    let (today, plan_today) = view_and_plan(state, learner).await?;
    let org = learner.org();

    let mut lesson_ids: BTreeSet<uuid::Uuid> = BTreeSet::new();
    let mut scenario_ids: BTreeSet<uuid::Uuid> = BTreeSet::new();
    let mut card_ids: BTreeSet<uuid::Uuid> = BTreeSet::new();
    for item in &today.items {
        match item.kind {
            ItemKindView::Lesson => {
                lesson_ids.insert(item.id);
            }
            ItemKindView::Scenario => {
                scenario_ids.insert(item.id);
            }
            ItemKindView::Review => {
                card_ids.insert(item.id);
            }
            ItemKindView::PathStep => {}
        }
    }
    // The next days: reviews falling due, and the material that would come next.
    let until = learner.end_of(learner.day + Duration::days(DAYS_AHEAD));
    let (inputs, due_cards) = plan::inputs(&state.app, learner, until).await?;
    card_ids.extend(due_cards.iter().map(|c| c.id));
    let mut planned = plan::to_planned(&plan_today);
    let ahead = today::Inputs {
        due: Vec::new(),
        ..inputs
    };
    for _ in 0..MATERIAL_AHEAD {
        let Some(next) = today::one_more(&ahead, &planned) else {
            break;
        };
        if let Activity::Material { kind, version, .. } = &next.activity {
            match kind {
                ContentKind::Lesson => lesson_ids.insert(*version),
                ContentKind::Scenario => scenario_ids.insert(*version),
            };
        }
        planned.push(next);
    }

    let mut images = BTreeSet::new();
    let mut lessons = Vec::new();
    for id in lesson_ids {
        let lesson = state.app.content.lesson(&state.db, org, id).await?;
        let v = &lesson.version;
        for card in &lesson.content.cards {
            if let Card::Block(cinco_domain::lesson::Block::Image { src, .. }) = card {
                images.insert(src.clone());
            }
        }
        lessons.push(PackLesson {
            lesson: LessonToTake {
                key: v.key.as_str().to_owned(),
                title: v.title.clone(),
                locale: v.locale.code(),
                version_id: v.id,
                estimate_seconds: v.estimate_seconds,
                path_steps: Vec::new(),
                cards: lesson
                    .content
                    .cards
                    .iter()
                    .map(|c| card_view(c, v.id))
                    .collect(),
            },
            answers: answer_keys(&lesson.content.cards),
        });
    }

    let ids: Vec<uuid::Uuid> = card_ids.into_iter().collect();
    let mut reviews = Vec::new();
    for card in cinco_persistence::review::get_many(&state.db, org, learner.user.id, &ids).await? {
        let lesson = state
            .app
            .content
            .lesson(&state.db, org, card.lesson_version_id)
            .await?;
        let Some(item @ Card::Item(_)) = plan::item_card(&lesson, card.card) else {
            continue;
        };
        let Some(Some(answer)) = answer_keys(std::slice::from_ref(item)).pop() else {
            continue;
        };
        reviews.push(PackReview {
            id: card.id,
            lesson_version_id: card.lesson_version_id,
            card: card.card,
            title: lesson.version.title.clone(),
            locale: lesson.version.locale.code(),
            item: card_view(item, card.lesson_version_id),
            answer,
            estimate_seconds: card.estimate_seconds,
        });
    }

    let mut scenarios = Vec::new();
    if !scenario_ids.is_empty() {
        let decisions = authority::list(&state.db, org).await?;
        let keys = crate::routes::authority::certification_keys(state, auth).await?;
        let limits = limits_for(&decisions, &auth.roles, &keys);
        for id in scenario_ids {
            let play = state.app.content.scenario(&state.db, org, id).await?;
            scenarios.push(scenario_for(&play, &limits));
        }
    }

    Ok(OfflinePack {
        today,
        lessons,
        reviews,
        scenarios,
        images: images.into_iter().collect(),
    })
}

fn scenario_for(play: &cinco_app::content::Play, limits: &Limits) -> PackScenario {
    let s = &play.scenario;
    PackScenario {
        version_id: play.version.id,
        key: play.version.key.as_str().to_owned(),
        title: play.version.title.clone(),
        locale: play.version.locale.code(),
        estimate_seconds: play.version.estimate_seconds,
        persona: s.persona.name.clone(),
        brief: s.brief.clone(),
        nodes: s
            .nodes
            .iter()
            .map(|n| PackNode {
                id: n.id.clone(),
                start: n.start,
                speaker: n.speaker.as_str(),
                text: n.text.clone(),
                replies: match &n.kind {
                    NodeKind::Choices(choices) => choices
                        .iter()
                        .map(|c| {
                            let over = c.action.as_ref().filter(|a| !limits.allows(a));
                            PackReply {
                                id: c.id.clone(),
                                text: c.text.clone(),
                                next: over.map_or_else(|| c.next.clone(), |a| a.escalation.clone()),
                                escalated: over.is_some(),
                            }
                        })
                        .collect(),
                    NodeKind::End { .. } => Vec::new(),
                },
            })
            .collect(),
    }
}
