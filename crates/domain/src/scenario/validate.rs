//! Checks a scenario graph before it is published. Every problem names the node (and the
//! choice) it is on, so the editor can show it where it is.
//!
//! The five-minute rule itself is in [`super::play_time`].

use std::collections::{HashMap, HashSet};

use super::play_time::play_time;
use super::{EVIDENCE_RANGE, MAX_CHOICES, MIN_CHOICES, Node, NodeKind, SENTIMENT_RANGE, Scenario};
use crate::lesson::FIVE_MINUTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueCode {
    NoStart,
    SeveralStarts,
    DuplicateNode,
    DuplicateChoice,
    EmptyText,
    MissingOutcome,
    /// A speaking node with no replies: the conversation would stop without an end.
    DeadEnd,
    /// One reply, or more than four.
    ChoiceCount,
    /// A reply (or its escalation branch) points at a node that does not exist.
    DanglingChoice,
    MissingFeedback,
    EvidenceOutOfRange,
    SentimentOutOfRange,
    InvalidAmount,
    Unreachable,
    Cycle,
    TooLong,
}

impl IssueCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            IssueCode::NoStart => "no_start",
            IssueCode::SeveralStarts => "several_starts",
            IssueCode::DuplicateNode => "duplicate_node",
            IssueCode::DuplicateChoice => "duplicate_choice",
            IssueCode::EmptyText => "empty_text",
            IssueCode::MissingOutcome => "missing_outcome",
            IssueCode::DeadEnd => "dead_end",
            IssueCode::ChoiceCount => "choice_count",
            IssueCode::DanglingChoice => "dangling_choice",
            IssueCode::MissingFeedback => "missing_feedback",
            IssueCode::EvidenceOutOfRange => "evidence_out_of_range",
            IssueCode::SentimentOutOfRange => "sentiment_out_of_range",
            IssueCode::InvalidAmount => "invalid_amount",
            IssueCode::Unreachable => "unreachable",
            IssueCode::Cycle => "cycle",
            IssueCode::TooLong => "too_long",
        }
    }

    /// The field of the node (or of its reply, when the issue names one) that is at fault,
    /// so the editor can mark it there: `text`, `outcome`, `replies`, `next`, `feedback`,
    /// `evidence`, `sentiment` or `amount`; `None` for problems of the whole graph.
    pub const fn field(self) -> Option<&'static str> {
        match self {
            IssueCode::EmptyText => Some("text"),
            IssueCode::MissingOutcome => Some("outcome"),
            IssueCode::DeadEnd | IssueCode::ChoiceCount => Some("replies"),
            IssueCode::DanglingChoice => Some("next"),
            IssueCode::MissingFeedback => Some("feedback"),
            IssueCode::EvidenceOutOfRange => Some("evidence"),
            IssueCode::SentimentOutOfRange => Some("sentiment"),
            IssueCode::InvalidAmount => Some("amount"),
            IssueCode::NoStart
            | IssueCode::SeveralStarts
            | IssueCode::DuplicateNode
            | IssueCode::DuplicateChoice
            | IssueCode::Unreachable
            | IssueCode::Cycle
            | IssueCode::TooLong => None,
        }
    }
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub code: IssueCode,
    pub node: Option<String>,
    pub choice: Option<String>,
    pub message: String,
}

fn issue(code: IssueCode, node: Option<&str>, choice: Option<&str>, message: String) -> Issue {
    Issue {
        code,
        node: node.map(str::to_owned),
        choice: choice.map(str::to_owned),
        message,
    }
}

/// Every problem of the graph; empty means it can be published.
pub fn validate(s: &Scenario) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut ids = HashSet::new();
    for node in &s.nodes {
        if !ids.insert(node.id.as_str()) {
            issues.push(issue(
                IssueCode::DuplicateNode,
                Some(&node.id),
                None,
                format!("two nodes are called `{}`", node.id),
            ));
        }
    }
    let starts: Vec<&Node> = s.nodes.iter().filter(|n| n.start).collect();
    match starts.len() {
        0 => issues.push(issue(
            IssueCode::NoStart,
            None,
            None,
            "no node starts the conversation".to_owned(),
        )),
        1 => {}
        _ => {
            for n in &starts {
                issues.push(issue(
                    IssueCode::SeveralStarts,
                    Some(&n.id),
                    None,
                    format!(
                        "`{}` is one of {} start nodes; keep one",
                        n.id,
                        starts.len()
                    ),
                ));
            }
        }
    }
    for node in &s.nodes {
        check_node(node, &ids, &mut issues);
    }
    let dangling = issues
        .iter()
        .any(|i| matches!(i.code, IssueCode::DanglingChoice | IssueCode::DuplicateNode));
    if let ([start], false) = (starts.as_slice(), dangling) {
        let reachable = reachable_from(s, &start.id);
        for node in s
            .nodes
            .iter()
            .filter(|n| !reachable.contains(n.id.as_str()))
        {
            issues.push(issue(
                IssueCode::Unreachable,
                Some(&node.id),
                None,
                format!("no path from the start reaches `{}`", node.id),
            ));
        }
    }
    if !dangling {
        let cycles = cycles(s);
        let acyclic = cycles.is_empty();
        issues.extend(cycles);
        if let (Some(start), true) = (s.start(), acyclic) {
            let time = play_time(s, &start.id);
            if time.seconds > FIVE_MINUTES {
                issues.push(issue(
                    IssueCode::TooLong,
                    time.path.last().map(String::as_str),
                    None,
                    format!(
                        "the longest path takes {}:{:02} to play, over the 5:00 limit: {}",
                        time.seconds / 60,
                        time.seconds % 60,
                        time.path.join(" → ")
                    ),
                ));
            }
        }
    }
    issues
}

fn check_node(node: &Node, ids: &HashSet<&str>, issues: &mut Vec<Issue>) {
    let id = Some(node.id.as_str());
    if node.text.trim().is_empty() {
        issues.push(issue(
            IssueCode::EmptyText,
            id,
            None,
            format!("`{}` says nothing", node.id),
        ));
    }
    let choices = match &node.kind {
        NodeKind::End { outcome } => {
            if outcome.trim().is_empty() {
                issues.push(issue(
                    IssueCode::MissingOutcome,
                    id,
                    None,
                    format!("the end `{}` has no outcome summary", node.id),
                ));
            }
            return;
        }
        NodeKind::Choices(choices) => choices,
    };
    if choices.is_empty() {
        issues.push(issue(
            IssueCode::DeadEnd,
            id,
            None,
            format!(
                "`{}` has no replies and is not an end: the conversation stops there",
                node.id
            ),
        ));
    } else if !(MIN_CHOICES..=MAX_CHOICES).contains(&choices.len()) {
        issues.push(issue(
            IssueCode::ChoiceCount,
            id,
            None,
            format!(
                "`{}` offers {} replies; offer 2 to 4",
                node.id,
                choices.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    for c in choices {
        let choice = Some(c.id.as_str());
        let at = format!("reply `{}` of `{}`", c.id, node.id);
        if !seen.insert(c.id.as_str()) {
            issues.push(issue(
                IssueCode::DuplicateChoice,
                id,
                choice,
                format!("{at} is there twice"),
            ));
        }
        if c.text.trim().is_empty() {
            issues.push(issue(
                IssueCode::EmptyText,
                id,
                choice,
                format!("{at} has no text"),
            ));
        }
        if !ids.contains(c.next.as_str()) {
            issues.push(issue(
                IssueCode::DanglingChoice,
                id,
                choice,
                format!("{at} goes to `{}`, which does not exist", c.next),
            ));
        }
        if c.feedback.trim().is_empty() {
            issues.push(issue(
                IssueCode::MissingFeedback,
                id,
                choice,
                format!("{at} has no feedback"),
            ));
        }
        for e in &c.evidence {
            if !EVIDENCE_RANGE.contains(&e.value) {
                issues.push(issue(
                    IssueCode::EvidenceOutOfRange,
                    id,
                    choice,
                    format!(
                        "{at} gives {} to `{}`; use −2 to +2",
                        e.value,
                        e.competency.as_str()
                    ),
                ));
            }
        }
        if !SENTIMENT_RANGE.contains(&c.sentiment) {
            issues.push(issue(
                IssueCode::SentimentOutOfRange,
                id,
                choice,
                format!("{at} moves the mood by {}; use −2 to +2", c.sentiment),
            ));
        }
        if let Some(action) = &c.action {
            // Whether an amount is needed at all depends on the decision type (an amount or
            // a permission), which the organisation defines: checked where it is known.
            if action.amount_cents < 0 {
                issues.push(issue(
                    IssueCode::InvalidAmount,
                    id,
                    choice,
                    format!("{at} grants a negative amount"),
                ));
            }
            if !ids.contains(action.escalation.as_str()) {
                issues.push(issue(
                    IssueCode::DanglingChoice,
                    id,
                    choice,
                    format!(
                        "{at} escalates to `{}`, which does not exist",
                        action.escalation
                    ),
                ));
            }
        }
    }
}

/// A node on the search stack: its edges (reply, target) and the next one to follow.
type Frame<'a> = (&'a Node, Vec<(&'a str, &'a str)>, usize);

/// A node's edges: each reply's next node and, for a reply with an action, its escalation.
fn edges(node: &Node) -> Vec<(&str, &str)> {
    node.choices()
        .iter()
        .flat_map(|c| {
            std::iter::once((c.id.as_str(), c.next.as_str())).chain(
                c.action
                    .as_ref()
                    .map(|a| (c.id.as_str(), a.escalation.as_str())),
            )
        })
        .collect()
}

fn reachable_from<'a>(s: &'a Scenario, start: &'a str) -> HashSet<&'a str> {
    let by_id: HashMap<&str, &Node> = s.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut seen = HashSet::from([start]);
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        if let Some(node) = by_id.get(id) {
            for t in node.targets() {
                if seen.insert(t) {
                    stack.push(t);
                }
            }
        }
    }
    seen
}

/// Every edge that closes a loop, found by depth-first search (iterative, so a long graph
/// cannot overflow the stack).
fn cycles(s: &Scenario) -> Vec<Issue> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let by_id: HashMap<&str, &Node> = s.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut found = Vec::new();
    for root in &s.nodes {
        if marks.contains_key(root.id.as_str()) {
            continue;
        }
        // (node, its edges — listed once —, index of the next edge to follow)
        let mut stack: Vec<Frame<'_>> = vec![(root, edges(root), 0)];
        marks.insert(&root.id, Mark::Open);
        while let Some((node, node_edges, edge)) = stack.pop() {
            let Some(&(choice, target)) = node_edges.get(edge) else {
                marks.insert(&node.id, Mark::Done);
                continue;
            };
            stack.push((node, node_edges, edge + 1));
            match marks.get(target) {
                Some(Mark::Open) => found.push(issue(
                    IssueCode::Cycle,
                    Some(&node.id),
                    Some(choice),
                    format!(
                        "reply `{choice}` of `{}` goes back to `{target}`: the conversation could loop forever",
                        node.id
                    ),
                )),
                Some(Mark::Done) => {}
                None => {
                    if let Some(next) = by_id.get(target) {
                        marks.insert(&next.id, Mark::Open);
                        stack.push((next, edges(next), 0));
                    }
                }
            }
        }
    }
    found
}
