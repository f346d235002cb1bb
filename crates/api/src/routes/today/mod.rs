//! Today's session: about five minutes per agent and local day (reviews due, coaching path
//! steps, then new material for the weakest competencies), the same all day, with "one
//! more", minutes learned, the streak and a preview of tomorrow; and the offline pack.

use actix_web::middleware::from_fn;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, post, web};
use chrono::Duration;
use cinco_domain::today::{self, Streak};
use serde::Serialize;
use utoipa::ToSchema;

pub(crate) mod pack;

use crate::view_cache::{Cached, ViewKind};
use cinco_app::today::complete::complete_if_done;
use cinco_app::today::progress::{self, Progress};
use cinco_app::today::{Learner, plan};
use cinco_persistence::daily::StoredItem;

use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::states::{ItemKindView, StepKindView};

#[derive(Debug, Serialize, ToSchema)]
pub struct TodayItemView {
    kind: ItemKindView,
    /// The review card, the lesson or scenario version, or the path step.
    id: uuid::Uuid,
    /// The lesson or scenario key (for a review, its lesson's).
    key: String,
    title: String,
    /// For a review: the lesson version and card the item comes from.
    lesson_version_id: Option<uuid::Uuid>,
    card: Option<i32>,
    estimate_seconds: u32,
    done: bool,
    /// Set when the item is a step of a coaching path.
    path_step_id: Option<uuid::Uuid>,
    /// The path's title.
    path_title: Option<String>,
    /// For a path's step: its kind.
    step_kind: Option<StepKindView>,
    /// A practice task's instructions.
    detail: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StreakView {
    /// Days with a completed session in the current streak.
    days: u32,
    today_done: bool,
    /// A missed day this week would still be forgiven.
    freeze_left: bool,
    /// Missed days the weekly allowance covered (YYYY-MM-DD), newest first.
    frozen: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NextView {
    /// Reviews due by the end of tomorrow.
    reviews: usize,
    /// The next new material: `lesson` or `scenario`, and its title.
    kind: Option<String>,
    title: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TodayView {
    /// The agent's local date (YYYY-MM-DD).
    day: String,
    items: Vec<TodayItemView>,
    /// Every activity is done (an empty session never is).
    complete: bool,
    planned_seconds: u32,
    minutes_today: i64,
    minutes_this_week: i64,
    minutes_total: i64,
    streak: StreakView,
    /// Tomorrow's session, once today's is complete.
    next: Option<NextView>,
    /// The next module of each train-the-trainer track the person is on.
    tracks: Vec<crate::routes::tracks::today::TrackNextView>,
}

/// Today's session for the caller: composed on the first visit of their local day, the same
/// on every later visit that day.
#[utoipa::path(
    tag = "today",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Today's session", body = TodayView))
)]
#[get("/today", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.settings.clock.now();
    let cached = state
        .views
        .get(auth.user_id, ViewKind::Today, auth.learning_revision, now);
    let body = match cached {
        Some(hit) => hit.body,
        None => {
            let learner = Learner::load(&state.app, auth.org, auth.user_id).await?;
            let body = Bytes::from(
                serde_json::to_vec(&view(&state, &learner).await?).map_err(ApiError::internal)?,
            );
            let view = Cached {
                body: body.clone(),
                etag: None,
            };
            let until = learner.end_of(learner.day);
            state.views.put(
                auth.user_id,
                ViewKind::Today,
                auth.learning_revision,
                until,
                view,
            );
            body
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(body))
}

/// "One more": adds the next activity (a due review, else new material) to today's session.
#[utoipa::path(
    tag = "today",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses(
        (status = 200, description = "The session with one more activity", body = TodayView),
        (status = 409, description = "`nothing_more`: everything available is done or planned", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/today/more", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn more(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let learner = Learner::load(&state.app, auth.org, auth.user_id).await?;
    cinco_app::today::more::one_more(&state.app, &learner).await?;
    Ok(HttpResponse::Ok().json(view(&state, &learner).await?))
}

/// The session as the agent sees it; marks it complete when everything in it is done.
pub(crate) async fn view(state: &AppState, learner: &Learner) -> Result<TodayView, ApiError> {
    Ok(view_and_plan(state, learner).await?.0)
}

/// The view, and the planned activities it shows (as stored).
pub(crate) async fn view_and_plan(
    state: &AppState,
    learner: &Learner,
) -> Result<(TodayView, Vec<StoredItem>), ApiError> {
    let (session, items) = plan::session(&state.app, learner).await?;
    let progress = Progress::load(&state.app, learner, learner.day).await?;
    let complete = complete_if_done(&state.app, learner, &session, &items, &progress).await?;
    let mut days = progress::completed_days(&state.app, learner).await?;
    if complete {
        days.insert(learner.day);
    }
    let streak = today::streak(&days, learner.day);
    let zone = &learner.user.time_zone;
    let start_today = zone.start_of(learner.day);
    let monday = cinco_domain::calendar::monday_of(learner.day);
    let minutes = progress::minutes_learned(
        &state.app,
        learner,
        &progress,
        start_today,
        zone.start_of(monday),
    )
    .await?;
    let next = if complete {
        Some(next_preview(state, learner, &items).await?)
    } else {
        None
    };
    let view = TodayView {
        day: learner.day.to_string(),
        planned_seconds: items.iter().map(|i| i.estimate_seconds).sum(),
        items: items.iter().map(|i| item_view(i, &progress)).collect(),
        complete,
        minutes_today: minutes.today,
        minutes_this_week: minutes.week,
        minutes_total: minutes.total,
        streak: streak_view(streak),
        next,
        tracks: crate::routes::tracks::today::next_modules(state, learner.org(), learner.user.id)
            .await?,
    };
    Ok((view, items))
}

fn item_view(i: &StoredItem, progress: &Progress) -> TodayItemView {
    TodayItemView {
        done: progress.done(i),
        kind: i.kind.into(),
        id: i.id,
        key: i.key.clone(),
        title: i.title.clone(),
        lesson_version_id: i.lesson_version_id,
        card: i.card,
        estimate_seconds: i.estimate_seconds,
        path_step_id: i.path_step_id,
        path_title: i.path_title.clone(),
        step_kind: i.step_kind.map(Into::into),
        detail: i.detail.clone(),
    }
}

fn streak_view(s: Streak) -> StreakView {
    StreakView {
        days: s.days,
        today_done: s.today_done,
        freeze_left: s.freeze_left,
        frozen: s.frozen.iter().map(ToString::to_string).collect(),
    }
}

/// What tomorrow holds: the reviews due by its end and the next new material.
async fn next_preview(
    state: &AppState,
    learner: &Learner,
    items: &[StoredItem],
) -> Result<NextView, ApiError> {
    let tomorrow = learner.day + Duration::days(1);
    let (inputs, _) = plan::inputs(&state.app, learner, learner.end_of(tomorrow)).await?;
    let planned = plan::to_planned(items);
    let material = today::one_more(
        &today::Inputs {
            due: Vec::new(),
            ..inputs.clone()
        },
        &planned,
    );
    let (kind, title) = match material.map(|p| p.activity) {
        Some(today::Activity::Material { kind, version, .. }) => {
            let (kind, title) = match kind {
                cinco_domain::learning::ContentKind::Lesson => (
                    "lesson",
                    state
                        .app
                        .content
                        .lesson(&state.db, learner.org(), version)
                        .await?
                        .version
                        .title
                        .clone(),
                ),
                cinco_domain::learning::ContentKind::Scenario => (
                    "scenario",
                    state
                        .app
                        .content
                        .scenario(&state.db, learner.org(), version)
                        .await?
                        .version
                        .title
                        .clone(),
                ),
            };
            (Some(kind.to_owned()), Some(title))
        }
        _ => (None, None),
    };
    Ok(NextView {
        reviews: inputs.due.len(),
        kind,
        title,
    })
}
