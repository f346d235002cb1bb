//! Play time (the five-minute rule): along a path, every node's text and the replies it
//! offers are read at 180 words a minute, and each decision adds 5 seconds; the longest
//! path from the start must fit in five minutes.

use std::collections::HashMap;

use super::{Node, NodeKind, Scenario, words};
use crate::lesson::WORDS_PER_MINUTE;

/// Seconds an agent takes to pick a reply, on top of reading it.
pub const SECONDS_PER_DECISION: usize = 5;

/// How long the longest path takes to play, and which nodes it visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayTime {
    pub seconds: usize,
    pub path: Vec<String>,
}

fn node_seconds(node: &Node) -> usize {
    let read = words(&node.text)
        + match &node.kind {
            NodeKind::End { outcome } => words(outcome),
            NodeKind::Choices(c) => c.iter().map(|c| words(&c.text)).sum(),
        };
    let decide = if node.is_end() {
        0
    } else {
        SECONDS_PER_DECISION
    };
    (read * 60).div_ceil(WORDS_PER_MINUTE) + decide
}

/// The longest play time from `from` (the graph must have no cycles: call after
/// [`validate`] found none).
pub fn play_time(s: &Scenario, from: &str) -> PlayTime {
    let by_id: HashMap<&str, &Node> = s.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut memo: HashMap<&str, (usize, Option<&str>)> = HashMap::new();
    // Post-order without recursion: a node is computed once all its targets are.
    let mut stack = vec![(from, false)];
    let mut guard = 0usize;
    while let Some((id, expanded)) = stack.pop() {
        guard += 1;
        if guard > 1_000_000 || memo.contains_key(id) {
            continue;
        }
        let Some(node) = by_id.get(id) else {
            memo.insert(id, (0, None));
            continue;
        };
        if expanded {
            let best = node
                .targets()
                .map(|t| (memo.get(t).map_or(0, |m| m.0), t))
                .max_by_key(|(secs, _)| *secs);
            let own = node_seconds(node);
            memo.insert(id, (own + best.map_or(0, |b| b.0), best.map(|b| b.1)));
        } else {
            stack.push((id, true));
            for t in node.targets() {
                if !memo.contains_key(t) {
                    stack.push((t, false));
                }
            }
        }
    }
    let mut path = Vec::new();
    let mut at = Some(from);
    while let Some(id) = at {
        if path.len() > s.nodes.len() {
            break;
        }
        path.push(id.to_owned());
        at = memo.get(id).and_then(|m| m.1);
    }
    PlayTime {
        seconds: memo.get(from).map_or(0, |m| m.0),
        path,
    }
}
