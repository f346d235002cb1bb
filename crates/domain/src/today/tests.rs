use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::*;

fn id(n: u128) -> uuid::Uuid {
    uuid::Uuid::from_u128(n)
}

fn review(n: u128, days_overdue: i64) -> DueReview {
    DueReview {
        card: id(n),
        due: Utc
            .with_ymd_and_hms(2026, 3, 10, 8, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("date"))
            - Duration::days(days_overdue),
        estimate_seconds: 30,
    }
}

fn candidate(kind: ContentKind, key: &str, competency: &str) -> Candidate {
    Candidate {
        kind,
        key: key.to_owned(),
        version: id(1000 + key.len() as u128),
        estimate_seconds: 150,
        competencies: vec![competency.to_owned()],
    }
}

#[test]
fn reviews_come_first_oldest_first_then_new_material_for_the_weakest_competency() {
    let inputs = Inputs {
        due: vec![review(1, 1), review(2, 3)],
        candidates: vec![
            candidate(ContentKind::Lesson, "empathy", "empathy"),
            candidate(ContentKind::Lesson, "ownership", "ownership"),
        ],
        scores: [("empathy".to_owned(), 0.6), ("ownership".to_owned(), -0.2)].into(),
        ..Inputs::default()
    };
    let plan = compose(&inputs);
    assert_eq!(plan[0].activity, Activity::Review { card: id(2) });
    assert_eq!(plan[1].activity, Activity::Review { card: id(1) });
    assert!(matches!(&plan[2].activity, Activity::Material { key, .. } if key == "ownership"));
    assert_eq!(plan.len(), 3);
}

#[test]
fn reviews_leave_room_for_new_material_but_fill_the_session_when_there_is_none() {
    let due: Vec<DueReview> = (0..20).map(|n| review(n, 1)).collect();
    let with_new = compose(&Inputs {
        due: due.clone(),
        candidates: vec![candidate(ContentKind::Scenario, "refund", "ownership")],
        ..Inputs::default()
    });
    assert_eq!(with_new.len(), 7, "six reviews (180 s) and the scenario");
    let only_reviews = compose(&Inputs {
        due,
        ..Inputs::default()
    });
    assert_eq!(only_reviews.len(), 10);
    assert!(only_reviews.iter().map(|p| p.estimate_seconds).sum::<u32>() <= BUDGET_SECONDS);
}

#[test]
fn assigned_steps_go_in_even_after_reviews_and_leave_no_room_for_more() {
    let plan = compose(&Inputs {
        due: vec![review(1, 0), review(2, 0), review(3, 0)],
        path_steps: vec![(id(77), 300), (id(78), 300)],
        candidates: vec![candidate(ContentKind::Lesson, "empathy", "empathy")],
        ..Inputs::default()
    });
    let steps: Vec<_> = plan
        .iter()
        .filter(|p| matches!(p.activity, Activity::PathStep { .. }))
        .collect();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].activity, Activity::PathStep { step: id(77) });
    assert_eq!(steps[1].activity, Activity::PathStep { step: id(78) });
    assert!(
        !plan
            .iter()
            .any(|p| matches!(p.activity, Activity::Material { .. }))
    );
}

#[test]
fn path_steps_come_after_reviews_and_before_new_material() {
    let plan = compose(&Inputs {
        due: vec![review(1, 0)],
        path_steps: vec![(id(77), 60)],
        candidates: vec![candidate(ContentKind::Lesson, "empathy", "empathy")],
        ..Inputs::default()
    });
    assert_eq!(plan[1].activity, Activity::PathStep { step: id(77) });
    assert!(matches!(plan[2].activity, Activity::Material { .. }));
}

#[test]
fn equally_useful_material_alternates_by_day() {
    let candidates = vec![
        candidate(ContentKind::Lesson, "a-lesson", "empathy"),
        candidate(ContentKind::Scenario, "a-scenario", "empathy"),
    ];
    let kind = |prefer_scenario| {
        let plan = compose(&Inputs {
            candidates: candidates.clone(),
            prefer_scenario,
            ..Inputs::default()
        });
        match &plan[0].activity {
            Activity::Material { kind, .. } => *kind,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(kind(false), ContentKind::Lesson);
    assert_eq!(kind(true), ContentKind::Scenario);
}

#[test]
fn one_more_adds_what_is_not_planned_yet_and_then_nothing() {
    let inputs = Inputs {
        candidates: vec![
            candidate(ContentKind::Lesson, "one", "x"),
            candidate(ContentKind::Lesson, "two", "x"),
        ],
        ..Inputs::default()
    };
    let mut plan = compose(&inputs);
    assert_eq!(plan.len(), 1);
    let next = one_more(&inputs, &plan).unwrap_or_else(|| panic!("a second lesson"));
    assert_ne!(next.activity, plan[0].activity);
    plan.push(next);
    assert_eq!(one_more(&inputs, &plan), None);
}

#[test]
fn nothing_to_do_is_an_empty_session() {
    assert!(compose(&Inputs::default()).is_empty());
}

fn day(d: u32) -> NaiveDate {
    // March 2026: the 2nd is a Monday.
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_else(|| panic!("date"))
}

fn days(list: &[u32]) -> BTreeSet<NaiveDate> {
    list.iter().map(|d| day(*d)).collect()
}

#[test]
fn a_streak_counts_consecutive_days_and_today_is_not_over() {
    let s = streak(&days(&[3, 4, 5]), day(6));
    assert_eq!((s.days, s.today_done), (3, false));
    let s = streak(&days(&[3, 4, 5, 6]), day(6));
    assert_eq!((s.days, s.today_done), (4, true));
}

#[test]
fn one_missed_day_a_week_is_frozen_two_break_the_streak() {
    let s = streak(&days(&[2, 3, 5, 6]), day(6));
    assert_eq!(s.days, 4);
    assert_eq!(s.frozen, vec![day(4)]);
    assert!(!s.freeze_left);
    let s = streak(&days(&[2, 5, 6]), day(6));
    assert_eq!(s.days, 2, "the 3rd and the 4th were both missed");
    assert!(s.frozen.is_empty());
}

#[test]
fn each_week_has_its_own_freeze() {
    // Missed Thursday the 5th and Tuesday the 10th (next week).
    let s = streak(&days(&[2, 3, 4, 6, 7, 8, 9, 11]), day(11));
    assert_eq!(s.days, 8);
    assert_eq!(s.frozen, vec![day(10), day(5)]);
}

#[test]
fn no_sessions_no_streak() {
    let s = streak(&BTreeSet::new(), day(6));
    assert_eq!(
        s,
        Streak {
            freeze_left: true,
            ..Streak::default()
        }
    );
}
