//! Playing a scenario. A run is the list of replies the agent picked; where the agent is now
//! and how the call went are always worked out again from that list, so a run can be
//! stopped and resumed anywhere, and replaying it gives the same answer.
//!
//! The debrief, per run:
//! - **handle time**: the sum of the seconds every reply cost;
//! - **mood**: the sum of the replies' sentiment effects (each −2…+2);
//! - **first-contact resolution**: some reply resolved the problem and none escalated or
//!   transferred the call;
//! - **estimated CSAT** (1–5): `3 + mood ÷ 2 ± 0.75` (plus when resolved first time, minus
//!   when not), rounded and kept within 1…5;
//! - **per competency**: the evidence of every reply, summed; its mean (−2…+2) is shown as
//!   0–100 %.
//!
//! A reply that grants more than the agent's authority limit is handled as in real life:
//! the call takes the escalation branch the author wrote (the customer hears that approval
//! is needed), the reply counts as escalating, the customer's mood drops by one, and the
//! debrief names the limit.

use std::collections::BTreeMap;

use super::best::{BestPath, best_path};
use super::review::{Limits, StepReview, review, totals};
use super::{Node, Scenario};
use crate::lesson::Key;

/// One reply the agent picked, and whether it went over their limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub node: String,
    pub choice: String,
    pub escalated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    #[error("the scenario has no start")]
    NoStart,
    #[error("the conversation is over")]
    Ended,
    #[error("no such reply here")]
    UnknownChoice,
    #[error("the recorded path does not fit this scenario")]
    BrokenPath,
}

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position<'a> {
    pub node: &'a Node,
    /// How many replies were picked to get here.
    pub steps: usize,
}

fn follow<'a>(s: &'a Scenario, node: &'a Node, step: &Step) -> Result<&'a Node, RunError> {
    let choice = node
        .choices()
        .iter()
        .find(|c| c.id == step.choice)
        .ok_or(RunError::BrokenPath)?;
    let target = match (&choice.action, step.escalated) {
        (Some(action), true) => &action.escalation,
        _ => &choice.next,
    };
    s.node(target).ok_or(RunError::BrokenPath)
}

/// The node a run is at after `steps`.
pub fn position<'a>(s: &'a Scenario, steps: &[Step]) -> Result<Position<'a>, RunError> {
    let mut node = s.start().ok_or(RunError::NoStart)?;
    for step in steps {
        if step.node != node.id {
            return Err(RunError::BrokenPath);
        }
        node = follow(s, node, step)?;
    }
    Ok(Position {
        node,
        steps: steps.len(),
    })
}

/// Picks the reply `choice` at the current node: the step to record.
pub fn choose(
    s: &Scenario,
    steps: &[Step],
    choice: &str,
    limits: &Limits,
) -> Result<Step, RunError> {
    let at = position(s, steps)?.node;
    if at.is_end() {
        return Err(RunError::Ended);
    }
    let picked = at
        .choices()
        .iter()
        .find(|c| c.id == choice)
        .ok_or(RunError::UnknownChoice)?;
    Ok(Step {
        node: at.id.clone(),
        choice: picked.id.clone(),
        escalated: picked.action.as_ref().is_some_and(|a| !limits.allows(a)),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetencyScore {
    pub competency: Key,
    pub total: i32,
    pub count: u32,
    /// The mean evidence (−2…+2) as 0–100.
    pub percent: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debrief {
    pub steps: Vec<StepReview>,
    /// The end reached, and its summary (`None` while the run is not finished).
    pub end: Option<String>,
    pub outcome: Option<String>,
    pub handle_time_seconds: u32,
    pub first_contact_resolution: bool,
    pub csat: u8,
    pub mood: i32,
    pub competencies: Vec<CompetencyScore>,
    pub best: Option<BestPath>,
}

/// How a run went so far (or in full, when it reached an end).
pub fn debrief(s: &Scenario, steps: &[Step], limits: &Limits) -> Result<Debrief, RunError> {
    let mut node = s.start().ok_or(RunError::NoStart)?;
    let mut reviews = Vec::new();
    let mut evidence: BTreeMap<&str, (Key, i32, u32)> = BTreeMap::new();
    for step in steps {
        if step.node != node.id {
            return Err(RunError::BrokenPath);
        }
        let choice = node
            .choices()
            .iter()
            .find(|c| c.id == step.choice)
            .ok_or(RunError::BrokenPath)?;
        for e in &choice.evidence {
            let entry = evidence
                .entry(e.competency.as_str())
                .or_insert_with(|| (e.competency.clone(), 0, 0));
            entry.1 += i32::from(e.value);
            entry.2 += 1;
        }
        reviews.push(review(node, choice, step.escalated, limits));
        node = follow(s, node, step)?;
    }
    let t = totals(&reviews);
    let finished = node.is_end();
    Ok(Debrief {
        end: finished.then(|| node.id.clone()),
        outcome: match &node.kind {
            super::NodeKind::End { outcome } => Some(outcome.clone()),
            super::NodeKind::Choices(_) => None,
        },
        handle_time_seconds: t.handle,
        first_contact_resolution: t.fcr,
        csat: t.csat,
        mood: t.mood,
        competencies: evidence
            .into_values()
            .map(|(competency, total, count)| CompetencyScore {
                competency,
                total,
                count,
                percent: percent(total, count),
            })
            .collect(),
        best: if finished { best_path(s, limits) } else { None },
        steps: reviews,
    })
}

fn percent(total: i32, count: u32) -> u8 {
    if count == 0 {
        return 50;
    }
    let count = i64::from(count);
    // (mean + 2) / 4 × 100, rounded.
    let p = (i64::from(total) * 100 + 2 * 100 * count + 2 * count) / (4 * count);
    u8::try_from(p.clamp(0, 100)).unwrap_or(0)
}
