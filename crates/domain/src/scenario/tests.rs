//! The validator and the runner on a real scenario, and properties over arbitrary graphs:
//! nothing panics, and a valid graph always ends.

use proptest::prelude::*;

use super::*;

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

/// Arbitrary graphs over a few ids, some pointing nowhere, some looping.
fn arbitrary_scenario() -> impl Strategy<Value = Scenario> {
    let ids = || prop::sample::select(vec!["a", "b", "c", "d", "e", "f", "ghost"]);
    let choice = (
        ids(),
        any::<i8>(),
        0u32..500,
        prop::option::of((ids(), 1i64..10_000)),
    )
        .prop_map(|(next, sentiment, seconds, action)| (next, sentiment, seconds, action));
    let node = (
        ids(),
        any::<bool>(),
        prop::collection::vec(choice, 0..5),
        any::<bool>(),
    );
    prop::collection::vec(node, 0..8).prop_map(|nodes| {
        let mut s = late_fee();
        s.nodes = nodes
            .into_iter()
            .map(|(id, start, choices, is_end)| {
                if is_end {
                    return Node { start, ..end(id) };
                }
                let choices = choices
                    .into_iter()
                    .enumerate()
                    .map(|(i, (next, sentiment, seconds, action))| Choice {
                        sentiment,
                        seconds,
                        action: action.map(|(escalation, cents)| Action {
                            decision: key("fee-waiver"),
                            amount_cents: cents,
                            escalation: escalation.to_owned(),
                        }),
                        ..reply(&format!("c{i}"), next, seconds, 0, Resolution::None)
                    })
                    .collect();
                talk(id, start, choices)
            })
            .collect();
        s
    })
}

/// Valid graphs: node n only points at later nodes, and the last two nodes are ends.
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    (3usize..12)
        .prop_flat_map(|n| {
            let talkers = n - 2;
            let edges = prop::collection::vec(
                prop::collection::vec(
                    (
                        any::<prop::sample::Index>(),
                        -2i8..=2,
                        0u32..120,
                        any::<bool>(),
                    ),
                    2..=4,
                ),
                talkers,
            );
            (Just(n), edges)
        })
        .prop_map(|(n, edges)| {
            let mut s = late_fee();
            let id = |i: usize| format!("n{i}");
            s.nodes = edges
                .into_iter()
                .enumerate()
                .map(|(i, choices)| {
                    let choices = choices
                        .into_iter()
                        .enumerate()
                        .map(|(c, (to, sentiment, seconds, act))| {
                            // Always forward; the first reply goes to the next node so all are reachable.
                            let target = if c == 0 {
                                i + 1
                            } else {
                                i + 1 + to.index(n - i - 1)
                            };
                            let mut r = reply(
                                &format!("c{c}"),
                                &id(target),
                                seconds,
                                sentiment,
                                Resolution::Resolves,
                            );
                            if act {
                                r.action = Some(Action {
                                    decision: key("fee-waiver"),
                                    amount_cents: 3500,
                                    escalation: id(n - 1),
                                });
                            }
                            r
                        })
                        .collect();
                    talk(&id(i), i == 0, choices)
                })
                .chain((n - 2..n).map(|i| end(&id(i))))
                .collect();
            // The second-to-last end must be reachable: the last talker's first reply goes there.
            s
        })
}

proptest! {
    #[test]
    fn arbitrary_graphs_never_panic(s in arbitrary_scenario(), picks in prop::collection::vec(0usize..5, 0..12), cents in 0i64..10_000) {
        let issues = validate(&s);
        let limits = limits(cents);
        let mut steps: Vec<Step> = Vec::new();
        for pick in picks {
            let Ok(at) = position(&s, &steps) else { break };
            let Some(choice) = at.node.choices().get(pick).map(|c| c.id.clone()) else { break };
            match choose(&s, &steps, &choice, &limits) {
                Ok(step) => steps.push(step),
                Err(_) => break,
            }
        }
        let _ = debrief(&s, &steps, &limits);
        if issues.is_empty() {
            prop_assert!(s.start().is_some());
        }
    }

    #[test]
    fn valid_graphs_always_end(s in valid_scenario(), picks in prop::collection::vec(any::<prop::sample::Index>(), 0..32), cents in 0i64..10_000) {
        let issues: Vec<_> = validate(&s).into_iter().filter(|i| i.code != IssueCode::Unreachable && i.code != IssueCode::TooLong).collect();
        prop_assert!(issues.is_empty(), "{:?}", issues);
        let limits = limits(cents);
        let mut steps = Vec::new();
        let mut picks = picks.into_iter().cycle();
        for _ in 0..=s.nodes.len() {
            let at = position(&s, &steps).map_err(|e| TestCaseError::fail(e.to_string()))?;
            if at.node.is_end() { break; }
            let choices = at.node.choices();
            let pick = picks.next().map_or(0, |p| p.index(choices.len()));
            let step = choose(&s, &steps, &choices[pick].id, &limits).map_err(|e| TestCaseError::fail(e.to_string()))?;
            steps.push(step);
        }
        let d = debrief(&s, &steps, &limits).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(d.end.is_some(), "did not end within {} steps", s.nodes.len());
        prop_assert!((1..=5).contains(&d.csat));
        prop_assert!(d.best.is_some());
    }
}

/// Every complete path's (CSAT, FCR, resolved, evidence, −handle), by brute force.
fn best_rank_by_enumeration(s: &Scenario, limits: &Limits) -> Option<(u8, bool, bool, i32, i64)> {
    let mut best = None;
    let mut stack: Vec<Vec<Step>> = vec![Vec::new()];
    while let Some(steps) = stack.pop() {
        let at = position(s, &steps).ok()?.node;
        if at.is_end() {
            let d = debrief(s, &steps, limits).ok()?;
            let resolved = d.steps.iter().any(|r| r.resolution == Resolution::Resolves);
            let evidence: i32 = d.competencies.iter().map(|c| c.total).sum();
            let rank = (
                d.csat,
                d.first_contact_resolution,
                resolved,
                evidence,
                -i64::from(d.handle_time_seconds),
            );
            if best.is_none_or(|b| rank > b) {
                best = Some(rank);
            }
            continue;
        }
        for c in at.choices() {
            let mut next = steps.clone();
            next.push(choose(s, &steps, &c.id, limits).ok()?);
            stack.push(next);
        }
    }
    best
}

proptest! {
    #[test]
    fn the_best_path_is_the_best_of_all_paths(s in valid_scenario(), cents in 0i64..10_000) {
        let limits = limits(cents);
        let best = best_path(&s, &limits).ok_or_else(|| TestCaseError::fail("no best path"))?;
        let resolved = best.steps.iter().any(|r| r.resolution == Resolution::Resolves);
        let evidence: i32 = best.steps.iter().map(|r| {
            s.node(&r.node).and_then(|n| n.choices().iter().find(|c| c.id == r.choice))
                .map_or(0, |c| c.evidence.iter().map(|e| i32::from(e.value)).sum::<i32>())
        }).sum();
        let found = (best.csat, best.first_contact_resolution, resolved, evidence, -i64::from(best.handle_time_seconds));
        prop_assert_eq!(Some(found), best_rank_by_enumeration(&s, &limits));
    }
}
