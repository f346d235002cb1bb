//! Today's session: about five minutes, composed per agent and local day — reviews that are
//! due first, then the next steps of assigned coaching paths, then new material (a lesson or
//! a scenario) aimed at the agent's weakest competencies — and the streak of days with a
//! completed session.

mod streak;
#[cfg(test)]
mod tests;

pub use streak::{FREEZES_PER_WEEK, Streak, streak};

use crate::learning::ContentKind;
use std::collections::{BTreeMap, HashSet};

/// The length the composer aims at, in seconds.
pub const BUDGET_SECONDS: u32 = 300;
/// At most this much of a session goes to reviews when there is new material to take.
pub const REVIEW_SHARE_SECONDS: u32 = 180;
/// New material is added when less than this is planned.
const ROOM_FOR_NEW_SECONDS: u32 = 240;

/// What a planned item of the day is, as stored with the day and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A review card.
    Review,
    /// A lesson version to read (new material, or a path's lesson step).
    Lesson,
    /// A scenario version to play (new material, or a path's scenario step).
    Scenario,
    /// A path step that is neither: a practice task.
    PathStep,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Review,
        ItemKind::Lesson,
        ItemKind::Scenario,
        ItemKind::PathStep,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ItemKind::Review => "review",
            ItemKind::Lesson => "lesson",
            ItemKind::Scenario => "scenario",
            ItemKind::PathStep => "path_step",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// The content a lesson or scenario item is.
    pub const fn content(self) -> Option<ContentKind> {
        match self {
            ItemKind::Lesson => Some(ContentKind::Lesson),
            ItemKind::Scenario => Some(ContentKind::Scenario),
            ItemKind::Review | ItemKind::PathStep => None,
        }
    }
}

impl From<ContentKind> for ItemKind {
    fn from(kind: ContentKind) -> Self {
        match kind {
            ContentKind::Lesson => ItemKind::Lesson,
            ContentKind::Scenario => ItemKind::Scenario,
        }
    }
}

/// One thing to do in a session.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Activity {
    /// A knowledge item to recall: a review card.
    Review { card: uuid::Uuid },
    /// A step of an assigned coaching path (filled in by coaching paths).
    PathStep { step: uuid::Uuid },
    /// New material: a published lesson or scenario version.
    Material {
        kind: ContentKind,
        key: String,
        version: uuid::Uuid,
    },
}

/// An activity with its expected length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub activity: Activity,
    pub estimate_seconds: u32,
}

/// A review card that is due.
#[derive(Debug, Clone, PartialEq)]
pub struct DueReview {
    pub card: uuid::Uuid,
    pub due: chrono::DateTime<chrono::Utc>,
    pub estimate_seconds: u32,
}

/// Lesson or scenario the agent has not done yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kind: ContentKind,
    pub key: String,
    pub version: uuid::Uuid,
    pub estimate_seconds: u32,
    pub competencies: Vec<String>,
}

/// What the composer knows of one agent on one day.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub due: Vec<DueReview>,
    /// The next steps of the agent's assigned coaching paths, in order, with their length.
    pub path_steps: Vec<(uuid::Uuid, u32)>,
    pub candidates: Vec<Candidate>,
    /// Proficiency score (−1…+1) per competency; a competency missing here has no evidence.
    pub scores: BTreeMap<String, f64>,
    /// Alternates lesson and scenario between days when they are equally useful.
    pub prefer_scenario: bool,
}

/// The session for one day.
pub fn compose(inputs: &Inputs) -> Vec<Planned> {
    let mut plan = Vec::new();
    let has_new = !inputs.candidates.is_empty() || !inputs.path_steps.is_empty();
    let review_budget = if has_new {
        REVIEW_SHARE_SECONDS
    } else {
        BUDGET_SECONDS
    };
    let mut due: Vec<&DueReview> = inputs.due.iter().collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then(a.card.cmp(&b.card)));
    let mut total = 0;
    for review in due {
        if total + review.estimate_seconds > review_budget && total > 0 {
            break;
        }
        total += review.estimate_seconds;
        plan.push(Planned {
            activity: Activity::Review { card: review.card },
            estimate_seconds: review.estimate_seconds,
        });
    }
    // What the lead assigned always goes in, before new material, even when it makes the day
    // longer: the caller passes only each path's next step, and a few at most.
    for &(step, seconds) in &inputs.path_steps {
        total += seconds;
        plan.push(Planned {
            activity: Activity::PathStep { step },
            estimate_seconds: seconds,
        });
    }
    if total < ROOM_FOR_NEW_SECONDS
        && let Some(next) = next_material(inputs, &plan)
    {
        plan.push(next);
    }
    plan
}

/// "One more": the next thing after what `plan` already holds — a due review not yet in it,
/// else the most useful material not yet in it. `None` when there is nothing left.
pub fn one_more(inputs: &Inputs, plan: &[Planned]) -> Option<Planned> {
    let taken: HashSet<&Activity> = plan.iter().map(|p| &p.activity).collect();
    let mut due: Vec<&DueReview> = inputs.due.iter().collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then(a.card.cmp(&b.card)));
    due.into_iter()
        .map(|r| Planned {
            activity: Activity::Review { card: r.card },
            estimate_seconds: r.estimate_seconds,
        })
        .find(|p| !taken.contains(&p.activity))
        .or_else(|| next_material(inputs, plan))
}

/// The candidate aimed at the weakest competency, not already planned.
fn next_material(inputs: &Inputs, plan: &[Planned]) -> Option<Planned> {
    let planned: HashSet<&str> = plan
        .iter()
        .filter_map(|p| match &p.activity {
            Activity::Material { key, .. } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    let preferred = if inputs.prefer_scenario {
        ContentKind::Scenario
    } else {
        ContentKind::Lesson
    };
    inputs
        .candidates
        .iter()
        .filter(|c| !planned.contains(c.key.as_str()))
        .min_by(|a, b| {
            weakness(inputs, a)
                .total_cmp(&weakness(inputs, b))
                .then((a.kind != preferred).cmp(&(b.kind != preferred)))
                .then(a.estimate_seconds.cmp(&b.estimate_seconds))
                .then(a.key.cmp(&b.key))
        })
        .map(|c| Planned {
            activity: Activity::Material {
                kind: c.kind,
                key: c.key.clone(),
                version: c.version,
            },
            estimate_seconds: c.estimate_seconds,
        })
}

/// The lowest score among the candidate's competencies (no evidence counts as 0); material
/// that trains nothing known comes last.
fn weakness(inputs: &Inputs, candidate: &Candidate) -> f64 {
    candidate
        .competencies
        .iter()
        .map(|c| inputs.scores.get(c).copied().unwrap_or(0.0))
        .fold(None, |min: Option<f64>, s| {
            Some(min.map_or(s, |m| m.min(s)))
        })
        .unwrap_or(2.0)
}
