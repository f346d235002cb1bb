//! Proficiency (per person and competency: a level 1–4 and a confidence from all evidence,
//! with weekly history; the model is in `cinco_domain::proficiency`) and the organisation's
//! spaced-reinforcement setting.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, put, web};
use cinco_domain::proficiency;
use cinco_domain::review::Scheduler;
use cinco_persistence::{competency, evidence, review};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;
use cinco_app::today::{Learner, plan};

/// Weeks of history returned.
const HISTORY_WEEKS: u32 = 12;

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryPoint {
    /// The last day of the week (YYYY-MM-DD).
    week_ending: String,
    level: u8,
    score: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProficiencyView {
    competency: String,
    /// In the caller's language.
    name: String,
    /// 1 (beginner) … 4 (expert).
    level: u8,
    /// What the framework says someone at this level does.
    indicators: Vec<String>,
    /// 0 (no evidence) … approaching 1.
    confidence: f64,
    score: f64,
    evidence: usize,
    history: Vec<HistoryPoint>,
}

/// The caller's proficiency in every competency of the framework (those with no evidence
/// yet included, at level 1 with no confidence).
#[utoipa::path(
    tag = "today",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Proficiency per competency", body = Vec<ProficiencyView>))
)]
#[get("/me/proficiency", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn mine(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let learner = Learner::load(&state.app, auth.org, auth.user_id).await?;
    let pieces = evidence::of_user(&state.db, auth.org, auth.user_id).await?;
    let by = plan::by_competency(&plan::observations(&pieces));
    let locale = learner.user.locale;
    let mut out = Vec::new();
    for c in competency::list(&state.db, auth.org, false).await? {
        let list = by.get(c.key.as_str()).cloned().unwrap_or_default();
        let e = proficiency::estimate(&list, learner.now);
        out.push(ProficiencyView {
            competency: c.key.as_str().to_owned(),
            name: c.name.get(locale, learner.org_locale).to_owned(),
            level: e.level,
            indicators: c
                .levels
                .iter()
                .find(|l| l.level == e.level)
                .map(|l| {
                    l.indicators
                        .iter()
                        .map(|i| i.get(locale, learner.org_locale).to_owned())
                        .collect()
                })
                .unwrap_or_default(),
            confidence: e.confidence,
            score: e.score,
            evidence: e.evidence,
            history: proficiency::history(&list, learner.day, HISTORY_WEEKS)
                .into_iter()
                .map(|(day, e)| HistoryPoint {
                    week_ending: day.to_string(),
                    level: e.level,
                    score: e.score,
                })
                .collect(),
        });
    }
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LearningSettings {
    /// The share of review items an agent should still remember when they come back:
    /// 0.70–0.99. Higher means more reviews.
    #[schema(minimum = 0.7, maximum = 0.99)]
    desired_retention: f32,
    /// The scheduler runs on parameters fitted to this organisation's reviews (`cinco
    /// fsrs-optimize`), not FSRS's defaults.
    #[serde(default)]
    fitted: bool,
}

/// The organisation's spaced-reinforcement settings.
#[utoipa::path(
    tag = "organisation",
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The settings", body = LearningSettings))
)]
#[get("/organisation/learning", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn settings(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let s = review::scheduling(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(LearningSettings {
        desired_retention: s.desired_retention,
        fitted: !s.parameters.is_empty(),
    }))
}

/// Change the desired retention.
#[utoipa::path(
    tag = "organisation",
    security(("bearer" = ["admin"])),
    request_body = LearningSettings,
    responses(
        (status = 200, description = "Saved", body = LearningSettings),
        (status = 422, description = "`validation_failed`: `out_of_range`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/organisation/learning", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn update_settings(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<LearningSettings>,
) -> Result<HttpResponse, ApiError> {
    let retention = body.desired_retention;
    if Scheduler::new(&[], retention).is_err() {
        return Err(ApiError::field(
            "desired_retention",
            "out_of_range",
            "the desired retention must be between 0.70 and 0.99",
        ));
    }
    review::set_desired_retention(&state.db, auth.org, retention).await?;
    let s = review::scheduling(&state.db, auth.org).await?;
    Ok(HttpResponse::Ok().json(LearningSettings {
        desired_retention: s.desired_retention,
        fitted: !s.parameters.is_empty(),
    }))
}
