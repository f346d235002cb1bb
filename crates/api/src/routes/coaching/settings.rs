//! The organisation's coaching settings: quiet hours for reminders, how early reminders come,
//! and when an agent has gone too long without a coaching session.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, put, web};
use chrono::NaiveTime;
use cinco_app::coaching::qa_loop;
use cinco_domain::OrganisationId;
use cinco_domain::coaching::remediation::LoopSettings;
use cinco_domain::coaching::{IDLE_DAYS_MAX, REMINDER_NOTICE_HOURS_MAX};
use cinco_persistence::coaching::{self, Settings};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CoachingSettings {
    /// Local time when reminders stop; `null` with `quiet_hours_end` for none.
    #[schema(value_type = Option<crate::contract::TimeOfDay>)]
    quiet_hours_start: Option<String>,
    /// Local time when reminders may go out again; may be the next morning.
    #[schema(value_type = Option<crate::contract::TimeOfDay>)]
    quiet_hours_end: Option<String>,
    /// How long before a due date the agent hears of it (1–336).
    #[schema(minimum = 1, maximum = 336)]
    reminder_notice_hours: i32,
    /// Days without a coaching session after which the dashboard flags an agent (1–365).
    #[schema(minimum = 1, maximum = 365)]
    idle_days: i32,
    /// Only people certified for a competency may sign off coaching ratings of it, and only
    /// certified trainers assess teach-backs. Left out when saving: unchanged.
    #[serde(default)]
    enforce_certified_coaching: Option<bool>,
}

fn time(field: &str, raw: &str) -> Result<NaiveTime, ApiError> {
    NaiveTime::parse_from_str(raw, "%H:%M")
        .map_err(|_| ApiError::field(field, "invalid_time", "expected a time as HH:MM"))
}

/// Coaching settings of the caller's organisation.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "The settings", body = CoachingSettings))
)]
#[get(
    "/organisation/coaching-settings",
    wrap = "from_fn(require::<{ ANY }>)"
)]
pub async fn get(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    current(&state, auth.org).await
}

async fn current(state: &AppState, org: OrganisationId) -> Result<HttpResponse, ApiError> {
    let s = coaching::settings(&state.db, org).await?;
    let (start, end) = s.quiet_hours.unzip();
    Ok(HttpResponse::Ok().json(CoachingSettings {
        quiet_hours_start: start,
        quiet_hours_end: end,
        reminder_notice_hours: s.reminder_notice_hours,
        idle_days: s.idle_days,
        enforce_certified_coaching: Some(s.enforce_certified_coaching),
    }))
}

/// Change the coaching settings (admins).
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin"])),
    request_body = CoachingSettings,
    responses(
        (status = 200, description = "Saved", body = CoachingSettings),
        (status = 422, description = "`validation_failed`: `invalid_time`, `quiet_hours_incomplete` or `out_of_range`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/organisation/coaching-settings",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CoachingSettings>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let quiet_hours = match (&body.quiet_hours_start, &body.quiet_hours_end) {
        (None, None) => None,
        (Some(start), Some(end)) => {
            let (s, e) = (
                time("quiet_hours_start", start)?,
                time("quiet_hours_end", end)?,
            );
            Some((s.format("%H:%M").to_string(), e.format("%H:%M").to_string()))
        }
        _ => {
            return Err(ApiError::field(
                "quiet_hours_end",
                "quiet_hours_incomplete",
                "give both ends of the quiet hours, or neither",
            ));
        }
    };
    if !(1..=REMINDER_NOTICE_HOURS_MAX).contains(&body.reminder_notice_hours) {
        return Err(ApiError::field(
            "reminder_notice_hours",
            "out_of_range",
            "between 1 and 336 hours",
        ));
    }
    if !(1..=IDLE_DAYS_MAX).contains(&body.idle_days) {
        return Err(ApiError::field(
            "idle_days",
            "out_of_range",
            "between 1 and 365 days",
        ));
    }
    let enforce = match body.enforce_certified_coaching {
        Some(on) => on,
        None => {
            coaching::settings(&state.db, auth.org)
                .await?
                .enforce_certified_coaching
        }
    };
    let settings = Settings {
        quiet_hours,
        reminder_notice_hours: body.reminder_notice_hours,
        idle_days: body.idle_days,
        enforce_certified_coaching: enforce,
    };
    coaching::set_settings(&state.db, auth.org, &settings).await?;
    current(&state, auth.org).await
}

/// The QA loop: a coaching rating or QA result on a competency at or below these
/// thresholds gives the agent a remediation path (a lesson, a scenario, a follow-up session).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QaLoopSettings {
    /// Whether low scores give remediation paths at all.
    enabled: bool,
    /// A coaching rating (of 4) at or below this starts the loop (1–3).
    #[schema(minimum = 1, maximum = 3)]
    rating_at_or_below: i64,
    /// A QA result (a metric linked to a competency, in percent) below this starts the loop
    /// (1–100).
    #[schema(minimum = 1, maximum = 100)]
    qa_percent_below: i64,
}

impl From<LoopSettings> for QaLoopSettings {
    fn from(s: LoopSettings) -> Self {
        Self {
            enabled: s.enabled,
            rating_at_or_below: s.rating_at_or_below.into(),
            qa_percent_below: s.qa_percent_below.into(),
        }
    }
}

/// The QA-loop thresholds of the caller's organisation (leads and admins).
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    responses((status = 200, description = "The thresholds", body = QaLoopSettings))
)]
#[get("/organisation/qa-loop", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn get_qa_loop(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let s = qa_loop::get(&state.app, &auth.actor()).await?;
    Ok(HttpResponse::Ok().json(QaLoopSettings::from(s)))
}

/// Change the QA-loop thresholds (admins).
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin"])),
    request_body = QaLoopSettings,
    responses(
        (status = 200, description = "Saved", body = QaLoopSettings),
        (status = 422, description = "`validation_failed`: `out_of_range`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/organisation/qa-loop", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn update_qa_loop(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<QaLoopSettings>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let s = qa_loop::set(
        &state.app,
        &auth.actor(),
        b.enabled,
        b.rating_at_or_below,
        b.qa_percent_below,
    )
    .await?;
    Ok(HttpResponse::Ok().json(QaLoopSettings::from(s)))
}
