//! Role-play scenarios: a customer conversation as a graph. The customer (or a narrator)
//! speaks at each node; the agent picks one of two to four replies; each reply carries
//! feedback, competency evidence, a handle-time cost, an effect on the customer's mood and
//! on resolution, and maybe an empowerment action (waive a $35 fee) checked against the
//! agent's authority limit. End nodes give the outcome.
//!
//! [`validate`] checks a graph before it is published; [`run`] plays one and writes the
//! debrief: a score per competency, simulated handle time, first-contact resolution and an
//! estimated CSAT, with the best path to compare.

mod best;
mod from_story;
mod play_time;
mod review;
mod run;
#[cfg(test)]
mod tests;
pub mod twee;
mod validate;

pub use best::{BestPath, best_path};
pub use from_story::{Story, from_story};
pub use play_time::{PlayTime, SECONDS_PER_DECISION, play_time};
pub use review::{Limits, StepReview};
pub use run::{CompetencyScore, Debrief, Position, RunError, Step, choose, debrief, position};
pub use validate::{Issue, IssueCode, validate};

use crate::Locale;
use crate::lesson::Key;

/// Speaking nodes let the agent choose 2 to 4 replies.
pub const MIN_CHOICES: usize = 2;
pub const MAX_CHOICES: usize = 4;
/// The most nodes a scenario may have: a five-minute conversation has a few dozen.
pub const MAX_NODES: usize = 200;

/// A scenario bigger than the format allows, refused before any graph work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    #[error("{0} nodes; a scenario has at most {MAX_NODES}")]
    Nodes(usize),
    #[error("node {index} offers {replies} replies; a node offers at most {MAX_CHOICES}")]
    Replies { index: usize, replies: usize },
}

/// Whether a scenario of `node_count` nodes, whose nodes offer `replies` replies each, fits
/// the format's limits.
pub fn check_size(
    node_count: usize,
    replies: impl IntoIterator<Item = usize>,
) -> Result<(), SizeError> {
    if node_count > MAX_NODES {
        return Err(SizeError::Nodes(node_count));
    }
    match replies
        .into_iter()
        .enumerate()
        .find(|(_, r)| *r > MAX_CHOICES)
    {
        Some((index, replies)) => Err(SizeError::Replies { index, replies }),
        None => Ok(()),
    }
}
/// Evidence a single reply gives a competency, from −2 (works against it) to +2.
pub const EVIDENCE_RANGE: std::ops::RangeInclusive<i8> = -2..=2;
/// A reply's effect on the customer's mood, from −2 to +2.
pub const SENTIMENT_RANGE: std::ops::RangeInclusive<i8> = -2..=2;

/// One language variant of a scenario, as authored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub key: Key,
    pub title: String,
    pub locale: Locale,
    pub persona: Persona,
    /// What the agent knows before the call starts.
    pub brief: String,
    /// The competencies the scenario trains.
    pub competencies: Vec<Key>,
    pub nodes: Vec<Node>,
}

/// Who is calling, and what the agent can see on screen about them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Persona {
    pub name: String,
    pub mood: String,
    pub facts: Vec<Fact>,
}

/// A fact on the agent's screen, e.g. "Account status: active, 6 years".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Customer,
    Narrator,
}

impl Speaker {
    pub const fn as_str(self) -> &'static str {
        match self {
            Speaker::Customer => "customer",
            Speaker::Narrator => "narrator",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "customer" => Some(Speaker::Customer),
            "narrator" => Some(Speaker::Narrator),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Unique within the scenario; choices point at it.
    pub id: String,
    /// Exactly one node starts the conversation.
    pub start: bool,
    pub speaker: Speaker,
    pub text: String,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// The agent replies with one of these.
    Choices(Vec<Choice>),
    /// The conversation is over; the summary is shown in the debrief.
    End { outcome: String },
}

impl Node {
    /// The nodes a reply can lead to: each reply's next node, and its escalation branch.
    pub(crate) fn targets(&self) -> impl Iterator<Item = &str> {
        self.choices().iter().flat_map(|c| {
            std::iter::once(c.next.as_str()).chain(c.action.as_ref().map(|a| a.escalation.as_str()))
        })
    }

    pub fn choices(&self) -> &[Choice] {
        match &self.kind {
            NodeKind::Choices(c) => c,
            NodeKind::End { .. } => &[],
        }
    }

    pub fn is_end(&self) -> bool {
        matches!(self.kind, NodeKind::End { .. })
    }
}

/// What a reply does to the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The customer's problem is solved.
    Resolves,
    /// Handed up for approval or to a supervisor.
    Escalates,
    /// Sent to another team.
    Transfers,
    None,
}

impl Resolution {
    pub const fn as_str(self) -> &'static str {
        match self {
            Resolution::Resolves => "resolves",
            Resolution::Escalates => "escalates",
            Resolution::Transfers => "transfers",
            Resolution::None => "none",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "resolves" => Some(Resolution::Resolves),
            "escalates" => Some(Resolution::Escalates),
            "transfers" => Some(Resolution::Transfers),
            "none" => Some(Resolution::None),
            _ => None,
        }
    }
}

/// Something the agent grants on their own authority, e.g. waiving a fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// A decision type of the organisation's authority limits, e.g. `fee-waiver`.
    pub decision: Key,
    /// In cents of the organisation's currency.
    pub amount_cents: i64,
    /// Where the conversation goes when the amount is over the agent's limit: the customer
    /// hears that approval is needed.
    pub escalation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Unique within its node.
    pub id: String,
    pub text: String,
    /// The node the conversation goes to.
    pub next: String,
    /// Shown in the debrief: why this reply helps or hurts.
    pub feedback: String,
    pub evidence: Vec<Evidence>,
    /// Simulated handle time this reply costs.
    pub seconds: u32,
    /// Effect on the customer's mood, −2…+2.
    pub sentiment: i8,
    pub resolution: Resolution,
    pub action: Option<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub competency: Key,
    /// −2…+2.
    pub value: i8,
}

impl Scenario {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn start(&self) -> Option<&Node> {
        self.nodes.iter().find(|n| n.start)
    }
}

/// Words in a text, for reading-time estimates.
pub(crate) fn words(text: &str) -> usize {
    text.split_whitespace().count()
}
