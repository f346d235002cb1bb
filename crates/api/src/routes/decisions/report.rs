//! The empowerment report: leads their teams, admins everything.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use chrono::Days;
use cinco_app::decision::report::{self, Span};
use cinco_app::scenario::file::amount;
use cinco_domain::TeamId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::fields;
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// One team (a lead's own); every team the caller may see when absent.
    team: Option<uuid::Uuid>,
    /// First day, `YYYY-MM-DD`; 29 days before `to` when absent.
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// Last day, `YYYY-MM-DD`; today when absent.
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TypeRowView {
    decision_key: String,
    team_id: Option<uuid::Uuid>,
    count: usize,
    /// Of them, within the limit.
    empowered: usize,
    /// Summed, in the currency.
    amount: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BucketView {
    /// Upper bound of the bucket in the currency (`null`: no bound).
    up_to: Option<f64>,
    count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeadRecognitionView {
    lead: PersonRef,
    /// Recognitions given in the report's days.
    in_span: usize,
    last_30_days: usize,
    last_90_days: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EmpowermentReport {
    team_id: Option<uuid::Uuid>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    currency: String,
    decisions: usize,
    by_type: Vec<TypeRowView>,
    /// Nothing (0), then up to 25, 50, 100, 250 and above.
    cost_buckets: Vec<BucketView>,
    /// Share (0–1) of decisions under 50 in the currency.
    share_under_50: Option<f64>,
    approvals_requested: usize,
    approved: usize,
    declined: usize,
    awaiting: usize,
    answer_median_seconds: Option<i64>,
    answer_p90_seconds: Option<i64>,
    /// Share (0–1) of contacts with a decision resolved first time.
    fcr_rate: Option<f64>,
    /// Mean CSAT (1–5) of contacts with a decision that have one.
    mean_csat: Option<f64>,
    csat_count: usize,
    /// The team's FCR KPI (%) in the same days, from imported results.
    kpi_fcr: Option<f64>,
    /// The team's CSAT KPI (1–5) in the same days.
    kpi_csat: Option<f64>,
    recognitions: usize,
    by_lead: Vec<LeadRecognitionView>,
}

/// The empowerment report over a span of days: decisions by type and team, their cost,
/// approvals and time to answer, first-contact resolution and CSAT (beside the FCR and
/// CSAT KPIs where imported), and recognitions per lead.
#[utoipa::path(
    tag = "decisions",
    security(("bearer" = ["admin", "lead"])),
    params(ReportQuery),
    responses(
        (status = 200, description = "The report", body = EmpowermentReport),
        (status = 404, description = "No such team among the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `invalid_date` or `invalid_span`", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/empowerment/report", wrap = "from_fn(require::<{ ADMIN | LEAD }>)")]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let to = match &query.to {
        Some(raw) => fields::day("to", raw)?,
        None => state.settings.clock.now().date_naive(),
    };
    let from = match &query.from {
        Some(raw) => fields::day("from", raw)?,
        None => to.checked_sub_days(Days::new(29)).unwrap_or(to),
    };
    let span = Span {
        team: query.team.map(TeamId::from_uuid),
        from,
        to,
    };
    let r = report::report(&state.app, &auth.actor(), span).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let bounds = cinco_domain::decision::BUCKETS
        .iter()
        .map(|b| Some(amount(*b)))
        .chain(std::iter::once(None));
    Ok(HttpResponse::Ok().json(EmpowermentReport {
        team_id: query.team,
        from,
        to,
        currency: r.currency,
        decisions: r.decisions,
        by_type: r
            .by_type
            .into_iter()
            .map(|t| TypeRowView {
                decision_key: t.key,
                team_id: t.team.map(|t| t.as_uuid()),
                count: t.count,
                empowered: t.empowered,
                amount: amount(t.amount),
            })
            .collect(),
        cost_buckets: bounds
            .zip(r.cost_buckets)
            .map(|(up_to, count)| BucketView { up_to, count })
            .collect(),
        share_under_50: r.share_under_50,
        approvals_requested: r.approvals_requested,
        approved: r.approved,
        declined: r.declined,
        awaiting: r.awaiting,
        answer_median_seconds: r.answer_median_seconds,
        answer_p90_seconds: r.answer_p90_seconds,
        fcr_rate: r.fcr_rate,
        mean_csat: r.mean_csat,
        csat_count: r.csat_count,
        kpi_fcr: r.kpi_fcr,
        kpi_csat: r.kpi_csat,
        recognitions: r.recognitions,
        by_lead: r
            .by_lead
            .into_iter()
            .map(|l| LeadRecognitionView {
                lead: names.person(l.lead),
                in_span: l.in_span,
                last_30_days: l.last_30_days,
                last_90_days: l.last_90_days,
            })
            .collect(),
    }))
}
