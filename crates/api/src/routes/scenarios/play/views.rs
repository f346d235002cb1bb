//! What a player sees of a run: the node, the conversation so far, and the debrief.

use cinco_domain::scenario::{self, Debrief, Limits, NodeKind, Scenario, Step, StepReview};
use cinco_persistence::scenario::ScenarioVersion;
use cinco_persistence::scenario_run::Run;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use cinco_app::scenario::file::amount;

/// The caller as a player: the limits they play with and the currency amounts are in.
pub(super) struct Player {
    pub(super) limits: Limits,
    pub(super) currency: String,
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
    /// In the organisation's currency; `null` for a permission (no amount).
    amount: Option<f64>,
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
                amount: (a.amount_cents != 0).then(|| amount(a.amount_cents)),
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
    /// Once finished: the coaching-path steps and train-the-trainer modules this run
    /// completed.
    counted: Vec<CountedView>,
}

/// A path step or track module a run completed.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountedView {
    /// `path` or `track`.
    programme: &'static str,
    /// The path's or track's title.
    title: String,
    /// The step's or module's title.
    step: String,
}

impl From<cinco_app::scenario_run::counted::Counted> for CountedView {
    fn from(c: cinco_app::scenario_run::counted::Counted) -> Self {
        use cinco_app::scenario_run::counted::Programme;
        Self {
            programme: match c.programme {
                Programme::Path => "path",
                Programme::Track => "track",
            },
            title: c.title,
            step: c.step,
        }
    }
}

impl RunView {
    /// The view with what the run counted towards, once it is finished.
    pub(super) async fn with_counted(
        mut self,
        state: &crate::state::AppState,
        auth: &crate::auth::AuthUser,
    ) -> Result<Self, ApiError> {
        if self.finished {
            self.counted =
                cinco_app::scenario_run::counted::counted(&state.app, &auth.actor(), self.id)
                    .await?
                    .into_iter()
                    .map(CountedView::from)
                    .collect();
        }
        Ok(self)
    }
}

/// Where a run stands, as the player sees it: the debrief too once it reached an end.
pub(super) fn run_view(
    run: &Run,
    version: &ScenarioVersion,
    s: &Scenario,
    steps: &[Step],
    player: &Player,
) -> Result<RunView, ApiError> {
    let d = scenario::debrief(s, steps, &player.limits).map_err(ApiError::internal)?;
    view_with(run, version, s, steps, player, d)
}

/// The same, with the debrief the caller already worked out.
pub(super) fn view_with(
    run: &Run,
    version: &ScenarioVersion,
    s: &Scenario,
    steps: &[Step],
    player: &Player,
    d: Debrief,
) -> Result<RunView, ApiError> {
    let at = scenario::position(s, steps)
        .map_err(ApiError::internal)?
        .node;
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
        currency: player.currency.clone(),
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
        counted: Vec::new(),
    })
}
