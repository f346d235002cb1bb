use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::*;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid date"))
}

fn rating() -> impl Strategy<Value = Rating> {
    prop_oneof![
        Just(Rating::Again),
        Just(Rating::Hard),
        Just(Rating::Good),
        Just(Rating::Easy)
    ]
}

proptest! {
    /// Whatever the answers and whenever they come, intervals are whole positive days and the
    /// next due date is after the review.
    #[test]
    fn intervals_are_never_negative(
        ratings in proptest::collection::vec(rating(), 1..30),
        delays in proptest::collection::vec(-3i64..400, 30),
        retention in 0.70f32..0.99,
    ) {
        let scheduler = Scheduler::new(&[], retention).unwrap_or_else(|e| panic!("{e}"));
        let mut card = CardState::new(start());
        let mut now = start();
        for (rating, delay) in ratings.into_iter().zip(delays) {
            now += Duration::days(delay);
            let step = scheduler.review(&card, rating, now);
            prop_assert!(step.interval_days >= 1);
            prop_assert!(step.card.due > now);
            let memory = step.card.memory.unwrap_or_else(|| panic!("reviewed"));
            prop_assert!(memory.stability.is_finite() && memory.stability > 0.0);
            prop_assert!((1.0..=10.0).contains(&memory.difficulty));
            card = step.card;
        }
    }

    /// Reviewed on time and remembered, a card's interval keeps growing.
    #[test]
    fn intervals_grow_with_good_answers(
        ratings in proptest::collection::vec(prop_oneof![Just(Rating::Good), Just(Rating::Easy)], 2..12),
    ) {
        let scheduler = Scheduler::standard();
        let mut card = CardState::new(start());
        let mut now = start();
        let mut last_interval = 0;
        for rating in ratings {
            let step = scheduler.review(&card, rating, now);
            prop_assert!(step.interval_days >= last_interval,
                "{} after {}", step.interval_days, last_interval);
            last_interval = step.interval_days;
            now = step.card.due;
            card = step.card;
        }
    }

    /// Forgetting a card that was being remembered brings it back sooner.
    #[test]
    fn a_lapse_shrinks_the_interval(goods in 2usize..8) {
        let scheduler = Scheduler::standard();
        let mut card = CardState::new(start());
        let mut now = start();
        let mut interval = 0;
        for _ in 0..goods {
            let step = scheduler.review(&card, Rating::Good, now);
            interval = step.interval_days;
            now = step.card.due;
            card = step.card;
        }
        let lapse = scheduler.review(&card, Rating::Again, now);
        prop_assert!(lapse.interval_days < interval, "{} vs {}", lapse.interval_days, interval);
        prop_assert_eq!(lapse.card.lapses, 1);
    }
}

#[test]
fn a_wrong_answer_is_again_and_a_quick_sure_one_is_easy() {
    let answered = |correct, duration_ms, confidence| Answered {
        correct,
        duration_ms,
        estimate_seconds: 20,
        confidence,
    };
    assert_eq!(rate(answered(false, Some(3_000), None)), Rating::Again);
    assert_eq!(rate(answered(true, Some(5_000), None)), Rating::Easy);
    assert_eq!(rate(answered(true, Some(15_000), None)), Rating::Good);
    assert_eq!(rate(answered(true, Some(45_000), None)), Rating::Hard);
    assert_eq!(rate(answered(true, None, None)), Rating::Good);
    assert_eq!(
        rate(answered(true, Some(5_000), Some(Confidence::Unsure))),
        Rating::Hard
    );
    assert_eq!(
        rate(answered(true, Some(5_000), Some(Confidence::Sure))),
        Rating::Easy
    );
}

#[test]
fn retention_outside_the_range_is_refused() {
    assert_eq!(
        Scheduler::new(&[], 0.5).map(|_| ()),
        Err(SchedulerError::Retention)
    );
    assert!(Scheduler::new(&[1.0, 2.0], 0.9).is_err());
}

#[test]
fn a_late_offline_answer_never_moves_the_last_review_back() {
    let scheduler = Scheduler::standard();
    let first = scheduler.review(&CardState::new(start()), Rating::Good, start());
    let late = scheduler.review(&first.card, Rating::Good, start() - Duration::hours(5));
    assert_eq!(late.card.last_review, Some(start()));
    assert_eq!(late.elapsed_days, 0);
}
