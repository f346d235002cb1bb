//! The validator and the runner on a real scenario, and properties over arbitrary graphs:
//! nothing panics, and a valid graph always ends.

use super::*;

mod properties;

fn key(raw: &str) -> Key {
    Key::parse(raw).unwrap_or_else(|| panic!("bad key {raw}"))
}

fn reply(id: &str, next: &str, seconds: u32, sentiment: i8, resolution: Resolution) -> Choice {
    Choice {
        id: id.to_owned(),
        text: format!("Reply {id}"),
        next: next.to_owned(),
        feedback: format!("Feedback on {id}"),
        evidence: vec![Evidence {
            competency: key("empathy"),
            value: sentiment,
        }],
        seconds,
        sentiment,
        resolution,
        action: None,
    }
}

fn talk(id: &str, start: bool, choices: Vec<Choice>) -> Node {
    Node {
        id: id.to_owned(),
        start,
        speaker: Speaker::Customer,
        text: format!("The customer speaks at {id}."),
        kind: NodeKind::Choices(choices),
    }
}

fn end(id: &str) -> Node {
    Node {
        id: id.to_owned(),
        start: false,
        speaker: Speaker::Narrator,
        text: "The call ends.".to_owned(),
        kind: NodeKind::End {
            outcome: format!("Outcome {id}"),
        },
    }
}

/// A $35 late fee: waive it (an action), quote the policy, or transfer.
fn late_fee() -> Scenario {
    let mut waive = reply("waive", "solved", 40, 2, Resolution::Resolves);
    waive.action = Some(Action {
        decision: key("fee-waiver"),
        amount_cents: 3500,
        escalation: "approval".to_owned(),
    });
    Scenario {
        key: key("late-fee"),
        title: "A late fee".to_owned(),
        locale: Locale::En,
        persona: Persona::default(),
        brief: "A loyal customer calls about a fee.".to_owned(),
        competencies: vec![key("empathy")],
        nodes: vec![
            talk(
                "start",
                true,
                vec![
                    waive,
                    reply("policy", "angry", 15, -2, Resolution::None),
                    reply("transfer", "transferred", 25, -1, Resolution::Transfers),
                ],
            ),
            talk(
                "approval",
                false,
                vec![
                    reply("wait", "solved-later", 120, 0, Resolution::Resolves),
                    reply("sorry", "angry", 10, -1, Resolution::None),
                ],
            ),
            talk(
                "angry",
                false,
                vec![
                    reply("apologise", "unsolved", 20, 1, Resolution::None),
                    reply("repeat", "unsolved", 10, -2, Resolution::None),
                ],
            ),
            end("solved"),
            end("solved-later"),
            end("unsolved"),
            end("transferred"),
        ],
    }
}

fn limits(cents: i64) -> Limits {
    Limits::new([(key("fee-waiver"), cents)])
}

fn codes(s: &Scenario) -> Vec<(IssueCode, Option<String>, Option<String>)> {
    validate(s)
        .into_iter()
        .map(|i| (i.code, i.node, i.choice))
        .collect()
}

#[test]
fn a_well_formed_scenario_passes() {
    assert_eq!(codes(&late_fee()), vec![]);
}

#[test]
fn problems_name_their_node_and_reply() {
    let mut s = late_fee();
    s.nodes[1].start = true;
    let mut broken = s.nodes[0].choices().to_vec();
    broken[1].next = "nowhere".to_owned();
    broken[2].feedback = " ".to_owned();
    s.nodes[0].kind = NodeKind::Choices(broken);
    s.nodes.push(talk("orphan", false, vec![]));
    let found = codes(&s);
    let some = |n: &str| Some(n.to_owned());
    assert!(found.contains(&(IssueCode::SeveralStarts, some("start"), None)));
    assert!(found.contains(&(IssueCode::SeveralStarts, some("approval"), None)));
    assert!(found.contains(&(IssueCode::DanglingChoice, some("start"), some("policy"))));
    assert!(found.contains(&(IssueCode::MissingFeedback, some("start"), some("transfer"))));
    assert!(found.contains(&(IssueCode::DeadEnd, some("orphan"), None)));
}

#[test]
fn unreachable_nodes_loops_and_long_paths_are_refused() {
    let mut s = late_fee();
    s.nodes.push(end("island"));
    assert_eq!(
        codes(&s),
        vec![(IssueCode::Unreachable, Some("island".to_owned()), None)]
    );

    let mut looped = late_fee();
    let mut back = looped.nodes[2].choices().to_vec();
    back[1].next = "start".to_owned();
    looped.nodes[2].kind = NodeKind::Choices(back);
    assert!(codes(&looped).contains(&(
        IssueCode::Cycle,
        Some("angry".to_owned()),
        Some("repeat".to_owned())
    )));

    let mut long = late_fee();
    long.nodes[0].text = "word ".repeat(1000);
    let issues = validate(&long);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].code, IssueCode::TooLong);
    assert!(
        issues[0].message.contains("over the 5:00 limit"),
        "{}",
        issues[0].message
    );
}

#[test]
fn play_time_follows_the_longest_path() {
    let time = play_time(&late_fee(), "start");
    // Through the escalation branch: it is a path too.
    assert_eq!(time.path, ["start", "approval", "angry", "unsolved"]);
    assert!(time.seconds > 10 && time.seconds < 60, "{time:?}");
}

#[test]
fn within_the_limit_the_fee_is_waived_on_the_call() {
    let s = late_fee();
    let step = choose(&s, &[], "waive", &limits(5000)).unwrap_or_else(|e| panic!("{e}"));
    assert!(!step.escalated);
    let steps = [step];
    assert_eq!(
        position(&s, &steps).map(|p| p.node.id.as_str()),
        Ok("solved")
    );
    let d = debrief(&s, &steps, &limits(5000)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.end.as_deref(), Some("solved"));
    assert_eq!(
        (d.handle_time_seconds, d.first_contact_resolution, d.csat),
        (40, true, 5)
    );
    assert_eq!(d.competencies[0].percent, 100);
    assert_eq!(
        choose(&s, &steps, "waive", &limits(5000)),
        Err(RunError::Ended)
    );
}

#[test]
fn over_the_limit_the_call_takes_the_escalation_branch() {
    let s = late_fee();
    let low = limits(2000);
    let first = choose(&s, &[], "waive", &low).unwrap_or_else(|e| panic!("{e}"));
    assert!(first.escalated);
    assert_eq!(
        position(&s, std::slice::from_ref(&first)).map(|p| p.node.id.as_str()),
        Ok("approval")
    );
    let second =
        choose(&s, std::slice::from_ref(&first), "wait", &low).unwrap_or_else(|e| panic!("{e}"));
    let d = debrief(&s, &[first, second], &low).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.steps[0].resolution, Resolution::Escalates);
    assert_eq!(d.steps[0].limit_cents, Some(2000));
    // Escalated, so not resolved first time, and the long wait shows in handle time.
    assert_eq!(
        (d.handle_time_seconds, d.first_contact_resolution),
        (160, false)
    );
    assert_eq!(d.csat, 2);
    // The best path open to this agent still goes through approval; with a higher limit
    // it is the waiver on the call.
    let best = d.best.unwrap_or_else(|| panic!("no best path"));
    assert_eq!(
        best.steps
            .iter()
            .map(|s| s.choice.as_str())
            .collect::<Vec<_>>(),
        ["waive", "wait"]
    );
    let best = best_of(&s, 5000);
    assert_eq!(
        (
            best.handle_time_seconds,
            best.first_contact_resolution,
            best.csat
        ),
        (40, true, 5)
    );
}

fn best_of(s: &Scenario, cents: i64) -> BestPath {
    let step = choose(s, &[], "policy", &limits(cents)).unwrap_or_else(|e| panic!("{e}"));
    let step2 = choose(s, std::slice::from_ref(&step), "repeat", &limits(cents))
        .unwrap_or_else(|e| panic!("{e}"));
    debrief(s, &[step, step2], &limits(cents))
        .unwrap_or_else(|e| panic!("{e}"))
        .best
        .unwrap_or_else(|| panic!("no best path"))
}

#[test]
fn csat_follows_the_documented_formula() {
    let s = late_fee();
    let steps = ["policy", "repeat"]
        .iter()
        .try_fold(Vec::new(), |mut acc, c| {
            let step = choose(&s, &acc, c, &limits(0))?;
            acc.push(step);
            Ok::<_, RunError>(acc)
        });
    let d = debrief(&s, &steps.unwrap_or_else(|e| panic!("{e}")), &limits(0))
        .unwrap_or_else(|e| panic!("{e}"));
    // mood −4: 3 − 2 − 0.75 = 0.25 → kept at 1.
    assert_eq!((d.mood, d.csat, d.first_contact_resolution), (-4, 1, false));
    assert_eq!(d.competencies[0].percent, 0);
}

#[test]
fn a_replayed_path_that_does_not_fit_is_refused() {
    let s = late_fee();
    let wrong = Step {
        node: "angry".to_owned(),
        choice: "apologise".to_owned(),
        escalated: false,
    };
    assert_eq!(position(&s, &[wrong]), Err(RunError::BrokenPath));
    assert_eq!(
        choose(&s, &[], "nope", &limits(0)),
        Err(RunError::UnknownChoice)
    );
}

#[test]
fn the_format_limits_nodes_and_replies() {
    use super::{MAX_CHOICES, MAX_NODES, SizeError, check_size};
    assert_eq!(check_size(MAX_NODES, [MAX_CHOICES, 0, 2]), Ok(()));
    assert_eq!(
        check_size(MAX_NODES + 1, []),
        Err(SizeError::Nodes(MAX_NODES + 1))
    );
    assert_eq!(
        check_size(3, [2, MAX_CHOICES + 1, 2]),
        Err(SizeError::Replies {
            index: 1,
            replies: MAX_CHOICES + 1
        })
    );
}
