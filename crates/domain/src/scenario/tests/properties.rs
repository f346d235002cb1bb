//! Properties over generated graphs: nothing panics, valid graphs always end, and the best
//! path is the best of all paths.

use proptest::prelude::*;

use super::*;

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
