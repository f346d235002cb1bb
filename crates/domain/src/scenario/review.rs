//! How one reply counts: what the debrief shows of it (its seconds, its effect on the
//! customer, whether it went over the agent's authority limit), and the totals of a list of
//! replies (handle time, mood, first-contact resolution, estimated CSAT). Runs and the best
//! path are scored alike from here.

use std::collections::{HashMap, HashSet};

use super::{Action, Choice, Node, Resolution};
use crate::lesson::Key;

/// What an agent may grant without approval: per amount type, in cents, and the
/// permissions (types without an amount) they hold. A decision type that is not listed may
/// not be granted at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    amounts: HashMap<String, i64>,
    permissions: HashSet<String>,
}

impl Limits {
    pub fn new(limits: impl IntoIterator<Item = (Key, i64)>) -> Self {
        Self {
            amounts: limits
                .into_iter()
                .map(|(k, v)| (k.as_str().to_owned(), v))
                .collect(),
            permissions: HashSet::new(),
        }
    }

    /// The same limits, with these permissions held too.
    pub fn with_permissions(mut self, held: impl IntoIterator<Item = Key>) -> Self {
        self.permissions
            .extend(held.into_iter().map(|k| k.as_str().to_owned()));
        self
    }

    /// The amount the agent may grant of an amount type (`None`: nothing).
    pub fn get(&self, decision: &Key) -> Option<i64> {
        self.amounts.get(decision.as_str()).copied()
    }

    /// Whether the agent holds a permission.
    pub fn permits(&self, decision: &Key) -> bool {
        self.permissions.contains(decision.as_str())
    }

    pub fn allows(&self, action: &Action) -> bool {
        self.permits(&action.decision)
            || self
                .get(&action.decision)
                .is_some_and(|limit| action.amount_cents <= limit)
    }
}

/// One reply as the debrief shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepReview {
    pub node: String,
    /// What the customer (or narrator) said.
    pub said: String,
    pub choice: String,
    pub reply: String,
    pub feedback: String,
    pub seconds: u32,
    /// The effect that counted (an escalated reply counts −1).
    pub sentiment: i8,
    pub resolution: Resolution,
    pub action: Option<Action>,
    /// The reply went over the agent's limit: the amount they may grant.
    pub escalated: bool,
    pub limit_cents: Option<i64>,
}

pub(super) fn review(node: &Node, choice: &Choice, escalated: bool, limits: &Limits) -> StepReview {
    StepReview {
        node: node.id.clone(),
        said: node.text.clone(),
        choice: choice.id.clone(),
        reply: choice.text.clone(),
        feedback: choice.feedback.clone(),
        seconds: choice.seconds,
        sentiment: if escalated { -1 } else { choice.sentiment },
        resolution: if escalated {
            Resolution::Escalates
        } else {
            choice.resolution
        },
        action: choice.action.clone(),
        escalated,
        limit_cents: choice
            .action
            .as_ref()
            .filter(|_| escalated)
            .map(|a| limits.get(&a.decision).unwrap_or(0)),
    }
}

pub(super) struct Totals {
    pub(super) handle: u32,
    pub(super) mood: i32,
    pub(super) fcr: bool,
    pub(super) csat: u8,
}

pub(super) fn totals(steps: &[StepReview]) -> Totals {
    let handle = steps.iter().map(|s| s.seconds).sum();
    let mood: i32 = steps.iter().map(|s| i32::from(s.sentiment)).sum();
    let resolved = steps.iter().any(|s| s.resolution == Resolution::Resolves);
    let handed_on = steps
        .iter()
        .any(|s| matches!(s.resolution, Resolution::Escalates | Resolution::Transfers));
    let fcr = resolved && !handed_on;
    Totals {
        handle,
        mood,
        fcr,
        csat: csat(mood, fcr),
    }
}

/// 3 + mood ÷ 2 ± 0.75, rounded half up, within 1…5 (in quarters, to stay in integers).
pub(super) fn csat(mood: i32, fcr: bool) -> u8 {
    let quarters = 12 + 2 * mood + if fcr { 3 } else { -3 };
    u8::try_from((quarters + 2).div_euclid(4).clamp(1, 5)).unwrap_or(1)
}
