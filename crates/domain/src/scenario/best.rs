//! The best path of a scenario for a player with given limits, shown in the debrief to
//! compare with the path taken.

use std::collections::HashMap;

use super::review::{Limits, StepReview, csat, review, totals};
use super::{Resolution, Scenario};

/// The path that would have gone best, for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BestPath {
    pub steps: Vec<StepReview>,
    pub outcome: String,
    pub handle_time_seconds: u32,
    pub first_contact_resolution: bool,
    pub csat: u8,
}

/// The path an agent with these limits would best have taken: the highest CSAT first, then
/// first-contact resolution, then resolution at all, then the most competency evidence,
/// then the shortest call.
///
/// CSAT depends on the whole path's mood and resolution, so paths are compared by dynamic
/// programming over (node, mood so far, resolved, handed on): for each such state only the
/// best prefix (most evidence, then shortest) is kept. That is linear in the size of the
/// graph instead of exponential in its depth. A graph with a loop (validation refuses
/// these) has no best path.
pub fn best_path(s: &Scenario, limits: &Limits) -> Option<BestPath> {
    let index: HashMap<&str, usize> = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let start = s.nodes.iter().position(|n| n.start)?;
    // One edge per reply: (choice index, target node, escalated).
    let edges: Vec<Vec<(usize, usize, bool)>> = s
        .nodes
        .iter()
        .map(|n| {
            n.choices()
                .iter()
                .enumerate()
                .filter_map(|(c, choice)| {
                    let escalated = choice.action.as_ref().is_some_and(|a| !limits.allows(a));
                    let target = match (&choice.action, escalated) {
                        (Some(a), true) => &a.escalation,
                        _ => &choice.next,
                    };
                    index.get(target.as_str()).map(|&t| (c, t, escalated))
                })
                .collect()
        })
        .collect();
    let order = topological(start, &edges)?;

    /// (mood so far, resolved, handed on)
    type State = (i32, bool, bool);
    /// Best prefix into a state: evidence, handle time, and where it came from.
    #[derive(Clone, Copy)]
    struct Best {
        evidence: i32,
        handle: u32,
        from: Option<(usize, State, usize, bool)>,
    }
    let mut table: Vec<HashMap<State, Best>> = vec![HashMap::new(); s.nodes.len()];
    table[start].insert(
        (0, false, false),
        Best {
            evidence: 0,
            handle: 0,
            from: None,
        },
    );
    for &at in &order {
        let states: Vec<(State, Best)> = table[at].iter().map(|(k, v)| (*k, *v)).collect();
        for &(c, to, escalated) in &edges[at] {
            let choice = &s.nodes[at].choices()[c];
            let (mood, resolution) = if escalated {
                (-1, Resolution::Escalates)
            } else {
                (i32::from(choice.sentiment), choice.resolution)
            };
            let gained: i32 = choice.evidence.iter().map(|e| i32::from(e.value)).sum();
            for &((m, resolved, handed), best) in &states {
                let next_state = (
                    m + mood,
                    resolved || resolution == Resolution::Resolves,
                    handed || matches!(resolution, Resolution::Escalates | Resolution::Transfers),
                );
                let candidate = Best {
                    evidence: best.evidence + gained,
                    handle: best.handle + choice.seconds,
                    from: Some((at, (m, resolved, handed), c, escalated)),
                };
                let better = |old: &Best| {
                    (candidate.evidence, std::cmp::Reverse(candidate.handle))
                        > (old.evidence, std::cmp::Reverse(old.handle))
                };
                match table[to].get(&next_state) {
                    Some(old) if !better(old) => {}
                    _ => {
                        table[to].insert(next_state, candidate);
                    }
                }
            }
        }
    }
    // The best complete path, over every end and state.
    let mut winner: Option<(Rank, usize, State)> = None;
    for (i, _) in s.nodes.iter().enumerate().filter(|(_, n)| n.is_end()) {
        for (&(mood, resolved, handed), best) in &table[i] {
            let fcr = resolved && !handed;
            let rank = (
                csat(mood, fcr),
                fcr,
                resolved,
                best.evidence,
                -i64::from(best.handle),
            );
            if winner.as_ref().is_none_or(|(r, _, _)| rank > *r) {
                winner = Some((rank, i, (mood, resolved, handed)));
            }
        }
    }
    let (_, end, mut state) = winner?;
    let mut steps = Vec::new();
    let mut at = end;
    while let Some((from, prev, c, escalated)) = table[at].get(&state).and_then(|b| b.from) {
        let node = &s.nodes[from];
        steps.push(review(node, &node.choices()[c], escalated, limits));
        at = from;
        state = prev;
    }
    steps.reverse();
    let t = totals(&steps);
    Some(BestPath {
        outcome: match &s.nodes[end].kind {
            super::NodeKind::End { outcome } => outcome.clone(),
            super::NodeKind::Choices(_) => String::new(),
        },
        handle_time_seconds: t.handle,
        first_contact_resolution: t.fcr,
        csat: t.csat,
        steps,
    })
}

/// How a complete path ranks: CSAT, FCR, resolved at all, evidence, minus handle time.
type Rank = (u8, bool, bool, i32, i64);

/// Nodes reachable from `start`, each before the nodes it leads to; `None` on a loop.
fn topological(start: usize, edges: &[Vec<(usize, usize, bool)>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; edges.len()];
    let mut post = Vec::new();
    let mut stack = vec![(start, 0usize)];
    marks[start] = Mark::Open;
    while let Some((node, next)) = stack.pop() {
        match edges[node].get(next) {
            Some(&(_, to, _)) => {
                stack.push((node, next + 1));
                match marks[to] {
                    Mark::Open => return None,
                    Mark::Done => {}
                    Mark::New => {
                        marks[to] = Mark::Open;
                        stack.push((to, 0));
                    }
                }
            }
            None => {
                marks[node] = Mark::Done;
                post.push(node);
            }
        }
    }
    post.reverse();
    Some(post)
}
