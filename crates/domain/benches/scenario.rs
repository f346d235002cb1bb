//! The scenario runner's cost per step, without I/O: replaying a run to pick the next reply
//! (`choose`), writing the debrief (with the best path over every path), and validating a
//! graph before it is published. Run with `cargo bench -p cinco-domain`.

// A benchmark reports its figures on standard output.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::Instant;

use cinco_domain::Locale;
use cinco_domain::lesson::Key;
use cinco_domain::scenario::{
    Action, Choice, Evidence, Limits, Node, NodeKind, Persona, Resolution, Scenario, Speaker, Step,
    choose, debrief, validate,
};

fn key(raw: &str) -> Key {
    Key::parse(raw).unwrap_or_else(|| panic!("bad key {raw}"))
}

/// `depth` speaking nodes of three replies each, every reply going one or two nodes on, an
/// escalation branch on the first reply, and two ends: a busy five-minute scenario.
fn scenario(depth: usize) -> Scenario {
    let id = |i: usize| format!("n{i}");
    let mut nodes: Vec<Node> = (0..depth)
        .map(|i| Node {
            id: id(i),
            start: i == 0,
            speaker: Speaker::Customer,
            text: "I have been waiting for my order for two weeks and nobody tells me anything."
                .to_owned(),
            kind: NodeKind::Choices(
                (0..3)
                    .map(|c| Choice {
                        id: format!("c{c}"),
                        text: "I understand, let me check that for you right now.".to_owned(),
                        next: id((i + 1 + c % 2).min(depth)),
                        feedback: "Acknowledge first, then act.".to_owned(),
                        evidence: vec![Evidence {
                            competency: key("empathy"),
                            value: 1,
                        }],
                        seconds: 30,
                        sentiment: if c == 2 { -1 } else { 1 },
                        resolution: if c == 0 {
                            Resolution::Resolves
                        } else {
                            Resolution::None
                        },
                        action: (c == 0).then(|| Action {
                            decision: key("free-replacement"),
                            amount_cents: 3000,
                            escalation: id(depth + 1),
                        }),
                    })
                    .collect(),
            ),
        })
        .collect();
    for end in [depth, depth + 1] {
        nodes.push(Node {
            id: id(end),
            start: false,
            speaker: Speaker::Narrator,
            text: "The call ends.".to_owned(),
            kind: NodeKind::End {
                outcome: "Done.".to_owned(),
            },
        });
    }
    Scenario {
        key: key("bench"),
        title: "Bench".to_owned(),
        locale: Locale::En,
        persona: Persona::default(),
        brief: String::new(),
        competencies: vec![key("empathy")],
        nodes,
    }
}

fn per_call(n: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_secs_f64() / f64::from(n) * 1e6
}

fn main() {
    let s = scenario(8);
    let limits = Limits::new([(key("free-replacement"), 5000)]);
    // A full run: always the second reply, to the end.
    let mut steps: Vec<Step> = Vec::new();
    while let Ok(step) = choose(&s, &steps, "c1", &limits) {
        steps.push(step);
    }
    let half = &steps[..steps.len() / 2];
    println!(
        "scenario: {} nodes, a run of {} replies",
        s.nodes.len(),
        steps.len()
    );
    let n = 20_000;
    println!(
        "choose (replay {} replies, pick the next): {:.2} µs",
        half.len(),
        per_call(n, || {
            black_box(choose(black_box(&s), black_box(half), "c0", &limits).is_ok());
        })
    );
    println!(
        "debrief of a finished run (with the best of every path): {:.2} µs",
        per_call(2_000, || {
            black_box(debrief(black_box(&s), black_box(&steps), &limits).is_ok());
        })
    );
    println!(
        "validate the graph: {:.2} µs",
        per_call(n, || {
            black_box(validate(black_box(&s)).len());
        })
    );
}
