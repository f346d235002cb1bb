//! Playing scenarios (every role): the server runs the conversation. A run is started with
//! a client-generated id, each reply is sent with its own id and position, so a retried or
//! replayed submission is accepted once; the run can be resumed anywhere. At the end the
//! answer carries the debrief.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_domain::authority::limits_for;
use cinco_domain::scenario::{self, Limits, NodeKind, Scenario, Step, StepReview};
use cinco_persistence::scenario::ScenarioVersion;
use cinco_persistence::scenario_run::{self, Outcome, Run};
use cinco_persistence::{RepoError, authority};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::format::amount;
use super::parse_source;
use crate::auth::ANY;
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::routes::learn::{locales, pick};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ScenarioSummary {
    key: String,
    title: String,
    locale: &'static str,
    version_id: uuid::Uuid,
    /// Play time of the longest path.
    estimate_seconds: i32,
    persona: String,
    brief: String,
}

/// Published scenarios, one per scenario, in the caller's language when it exists.
#[utoipa::path(
    tag = "play",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Scenarios to play", body = Vec<ScenarioSummary>))
)]
#[get("/play/scenarios", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let (preferred, fallback) = locales(&state.db, &auth).await?;
    let mut by_key: std::collections::BTreeMap<String, Vec<ScenarioVersion>> = Default::default();
    for v in cinco_persistence::scenario::list_published(&state.db, auth.org).await? {
        by_key.entry(v.key.as_str().to_owned()).or_default().push(v);
    }
    let mut out = Vec::new();
    for variants in by_key.into_values() {
        let Some(v) = pick(variants, |v| v.locale, preferred, fallback) else {
            continue;
        };
        let s = parse_source(&v)?;
        out.push(ScenarioSummary {
            key: v.key.as_str().to_owned(),
            title: v.title.clone(),
            locale: v.locale.code(),
            version_id: v.id,
            estimate_seconds: v.estimate_seconds,
            persona: s.persona.name,
            brief: s.brief,
        });
    }
    out.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FactView {
    label: String,
    value: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonaView {
    name: String,
    mood: String,
    facts: Vec<FactView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReplyView {
    id: String,
    text: String,
}

/// Where the conversation is: what is said, and the replies to pick from (none at an end).
#[derive(Debug, Serialize, ToSchema)]
pub struct NodeView {
    id: String,
    /// `customer` or `narrator`.
    speaker: &'static str,
    text: String,
    replies: Vec<ReplyView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionView {
    decision: String,
    /// In the organisation's currency.
    amount: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StepReviewView {
    node: String,
    /// What the customer (or narrator) said.
    said: String,
    choice: String,
    reply: String,
    feedback: String,
    seconds: u32,
    sentiment: i8,
    /// `resolves`, `escalates`, `transfers` or `none`.
    resolution: &'static str,
    action: Option<ActionView>,
    /// The reply granted more than the player's authority limit: the call went to approval.
    escalated: bool,
    /// The player's limit for that decision, when it was exceeded.
    limit: Option<f64>,
}

impl From<&StepReview> for StepReviewView {
    fn from(s: &StepReview) -> Self {
        Self {
            node: s.node.clone(),
            said: s.said.clone(),
            choice: s.choice.clone(),
            reply: s.reply.clone(),
            feedback: s.feedback.clone(),
            seconds: s.seconds,
            sentiment: s.sentiment,
            resolution: s.resolution.as_str(),
            action: s.action.as_ref().map(|a| ActionView {
                decision: a.decision.as_str().to_owned(),
                amount: amount(a.amount_cents),
            }),
            escalated: s.escalated,
            limit: s.limit_cents.map(amount),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyScoreView {
    competency: String,
    total: i32,
    count: u32,
    /// Mean evidence (−2…+2) as 0–100.
    percent: u8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BestPathView {
    steps: Vec<StepReviewView>,
    outcome: String,
    handle_time_seconds: u32,
    first_contact_resolution: bool,
    csat: u8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DebriefView {
    outcome: String,
    /// Simulated handle time: the seconds of every reply taken.
    handle_time_seconds: u32,
    first_contact_resolution: bool,
    /// Estimated CSAT, 1–5: 3 + mood ÷ 2 ± 0.75 for (not) resolving first time.
    csat: u8,
    /// The sum of the replies' effects on the customer's mood.
    mood: i32,
    competencies: Vec<CompetencyScoreView>,
    /// The path taken, with feedback for every reply.
    steps: Vec<StepReviewView>,
    /// The best path open to the player, to compare.
    best: Option<BestPathView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunView {
    id: uuid::Uuid,
    version_id: uuid::Uuid,
    key: String,
    title: String,
    locale: &'static str,
    persona: PersonaView,
    brief: String,
    /// ISO 4217 code of amounts.
    currency: String,
    /// Replies picked so far: send the next one with this position.
    position: usize,
    node: NodeView,
    /// The conversation so far.
    transcript: Vec<StepReviewView>,
    finished: bool,
    debrief: Option<DebriefView>,
}

async fn limits(state: &AppState, auth: &AuthUser) -> Result<Limits, ApiError> {
    let decisions = authority::list(&state.db, auth.org).await?;
    Ok(limits_for(&decisions, &auth.roles, &[]))
}

async fn run_view(
    state: &AppState,
    auth: &AuthUser,
    run: &Run,
    version: &ScenarioVersion,
    s: &Scenario,
    steps: &[Step],
    limits: &Limits,
) -> Result<RunView, ApiError> {
    let at = scenario::position(s, steps)
        .map_err(ApiError::internal)?
        .node;
    let d = scenario::debrief(s, steps, limits).map_err(ApiError::internal)?;
    let transcript: Vec<StepReviewView> = d.steps.iter().map(StepReviewView::from).collect();
    let finished = at.is_end();
    Ok(RunView {
        id: run.id,
        version_id: version.id,
        key: version.key.as_str().to_owned(),
        title: version.title.clone(),
        locale: version.locale.code(),
        persona: PersonaView {
            name: s.persona.name.clone(),
            mood: s.persona.mood.clone(),
            facts: s
                .persona
                .facts
                .iter()
                .map(|f| FactView {
                    label: f.label.clone(),
                    value: f.value.clone(),
                })
                .collect(),
        },
        brief: s.brief.clone(),
        currency: authority::currency(&state.db, auth.org).await?,
        position: steps.len(),
        node: NodeView {
            id: at.id.clone(),
            speaker: at.speaker.as_str(),
            text: at.text.clone(),
            replies: match &at.kind {
                NodeKind::Choices(c) => c
                    .iter()
                    .map(|c| ReplyView {
                        id: c.id.clone(),
                        text: c.text.clone(),
                    })
                    .collect(),
                NodeKind::End { .. } => Vec::new(),
            },
        },
        debrief: finished.then(|| DebriefView {
            outcome: d.outcome.clone().unwrap_or_default(),
            handle_time_seconds: d.handle_time_seconds,
            first_contact_resolution: d.first_contact_resolution,
            csat: d.csat,
            mood: d.mood,
            competencies: d
                .competencies
                .iter()
                .map(|c| CompetencyScoreView {
                    competency: c.competency.as_str().to_owned(),
                    total: c.total,
                    count: c.count,
                    percent: c.percent,
                })
                .collect(),
            steps: d.steps.iter().map(StepReviewView::from).collect(),
            best: d.best.as_ref().map(|b| BestPathView {
                steps: b.steps.iter().map(StepReviewView::from).collect(),
                outcome: b.outcome.clone(),
                handle_time_seconds: b.handle_time_seconds,
                first_contact_resolution: b.first_contact_resolution,
                csat: b.csat,
            }),
        }),
        transcript,
        finished,
    })
}

/// The caller's run with its version and steps; another person's run is not found.
async fn load(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<(Run, ScenarioVersion, Scenario, Vec<Step>), ApiError> {
    let run = scenario_run::find(&state.db, auth.org, id)
        .await?
        .filter(|r| r.user_id == auth.user_id)
        .ok_or(ApiError::NotFound)?;
    let version =
        cinco_persistence::scenario::get(&state.db, auth.org, run.scenario_version_id).await?;
    let s = parse_source(&version)?;
    let steps = scenario_run::steps(&state.db, run.id)
        .await?
        .into_iter()
        .map(|s| s.step)
        .collect();
    Ok((run, version, s, steps))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StartRun {
    /// Generated by the client: starting again with the same id resumes the run.
    id: uuid::Uuid,
    scenario_version_id: uuid::Uuid,
}

/// Start (or resume) a run of a published scenario.
#[utoipa::path(
    tag = "play",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    request_body = StartRun,
    responses(
        (status = 201, description = "Started", body = RunView),
        (status = 200, description = "Already started: where it stands", body = RunView),
        (status = 404, description = "No such published scenario", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`id_taken`: the id belongs to another run", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/play/runs", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn start(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: web::Json<StartRun>,
) -> Result<HttpResponse, ApiError> {
    let version =
        cinco_persistence::scenario::get(&state.db, auth.org, body.scenario_version_id).await?;
    let (run, created) = match scenario_run::find(&state.db, auth.org, body.id).await? {
        Some(existing)
            if existing.user_id == auth.user_id && existing.scenario_version_id == version.id =>
        {
            (existing, false)
        }
        Some(_) => return Err(id_taken()),
        None if version.status != cinco_domain::lesson::LessonStatus::Published => {
            return Err(ApiError::NotFound);
        }
        None => scenario_run::start(&state.db, auth.org, auth.user_id, body.id, version.id)
            .await
            .map_err(|e| match e {
                RepoError::Conflict(_) => id_taken(),
                other => other.into(),
            })?,
    };
    let s = parse_source(&version)?;
    let steps: Vec<Step> = scenario_run::steps(&state.db, run.id)
        .await?
        .into_iter()
        .map(|s| s.step)
        .collect();
    let limits = limits(&state, &auth).await?;
    let view = run_view(&state, &auth, &run, &version, &s, &steps, &limits).await?;
    Ok(if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    }
    .json(view))
}

fn id_taken() -> ApiError {
    ApiError::Conflict {
        code: "id_taken",
        detail: "that id belongs to another run".to_owned(),
    }
}

/// Where a run stands (to resume it), with the debrief once it is over.
#[utoipa::path(
    tag = "play",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("run_id" = uuid::Uuid, Path, description = "Run id")),
    responses(
        (status = 200, description = "The run", body = RunView),
        (status = 404, description = "No such run of yours", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/play/runs/{run_id}", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (run, version, s, steps) = load(&state, &auth, path.into_inner()).await?;
    let limits = limits(&state, &auth).await?;
    Ok(
        HttpResponse::Ok()
            .json(run_view(&state, &auth, &run, &version, &s, &steps, &limits).await?),
    )
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChooseReply {
    /// Generated by the client: a replayed reply is accepted once.
    id: uuid::Uuid,
    /// How many replies came before this one (the run's `position` when it was shown).
    position: usize,
    /// The reply's id at the current node.
    choice: String,
}

/// Pick a reply. The server moves the conversation on (to the escalation branch when the
/// reply grants more than the player's limit) and answers where it stands; at an end, with
/// the debrief.
#[utoipa::path(
    tag = "play",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    params(("run_id" = uuid::Uuid, Path, description = "Run id")),
    request_body = ChooseReply,
    responses(
        (status = 200, description = "Where the run stands now", body = RunView),
        (status = 404, description = "No such run of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`out_of_turn` (another reply is at that position; the detail says where the run is) or `run_finished`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`unknown_choice`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/play/runs/{run_id}/choices", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn choose(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
    body: web::Json<ChooseReply>,
) -> Result<HttpResponse, ApiError> {
    let (run, version, s, mut steps) = load(&state, &auth, path.into_inner()).await?;
    let limits = limits(&state, &auth).await?;
    let stored = scenario_run::steps(&state.db, run.id).await?;
    // A replay of a reply already recorded: accepted once, answered with where the run is.
    if stored.iter().any(|st| st.id == body.id) {
        return Ok(HttpResponse::Ok()
            .json(run_view(&state, &auth, &run, &version, &s, &steps, &limits).await?));
    }
    if body.position != steps.len() {
        return Err(ApiError::Conflict {
            code: "out_of_turn",
            detail: format!("the run is at reply {}, not {}", steps.len(), body.position),
        });
    }
    let step = scenario::choose(&s, &steps, &body.choice, &limits).map_err(|e| match e {
        scenario::RunError::Ended => ApiError::Conflict {
            code: "run_finished",
            detail: "the conversation is over".to_owned(),
        },
        scenario::RunError::UnknownChoice => ApiError::field(
            "choice",
            "unknown_choice",
            "no such reply at this point of the conversation",
        ),
        other => ApiError::internal(other),
    })?;
    let evidence: Vec<(String, f64)> = s
        .node(&step.node)
        .and_then(|n| n.choices().iter().find(|c| c.id == step.choice))
        .map(|c| {
            c.evidence
                .iter()
                .map(|e| (e.competency.as_str().to_owned(), f64::from(e.value)))
                .collect()
        })
        .unwrap_or_default();
    let position = i32::try_from(steps.len()).unwrap_or(i32::MAX);
    let tx = state.db.begin().await?;
    scenario_run::record_step(&tx, auth.org, &run, body.id, position, &step, &evidence)
        .await
        .map_err(|e| match e {
            RepoError::Conflict("scenario_run_steps.id") => id_taken(),
            RepoError::Conflict(_) => ApiError::Conflict {
                code: "out_of_turn",
                detail: "another reply was recorded at this position first".to_owned(),
            },
            other => other.into(),
        })?;
    steps.push(step);
    let d = scenario::debrief(&s, &steps, &limits).map_err(ApiError::internal)?;
    if d.end.is_some() {
        let outcome = Outcome {
            handle_time_seconds: i32::try_from(d.handle_time_seconds).unwrap_or(i32::MAX),
            first_contact_resolution: d.first_contact_resolution,
            csat: i32::from(d.csat),
        };
        scenario_run::complete(&tx, auth.org, run.id, outcome).await?;
    }
    tx.commit().await?;
    Ok(
        HttpResponse::Ok()
            .json(run_view(&state, &auth, &run, &version, &s, &steps, &limits).await?),
    )
}
