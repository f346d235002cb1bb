use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone as _, Utc};

use super::*;
use crate::programme::DEFAULT_PASS_PERCENT;
use crate::user::TimeZone;

fn key(k: &str) -> Key {
    Key::parse(k).unwrap_or_else(|| panic!("key {k}"))
}

fn lesson_step(title: &str, due: Option<u32>) -> Step {
    Step {
        title: title.to_owned(),
        kind: StepKind::Lesson {
            lesson: key("listen-first"),
            pass_percent: DEFAULT_PASS_PERCENT,
        },
        due_after_days: due,
    }
}

#[test]
fn a_template_needs_a_title_steps_and_sensible_steps() {
    assert!(PathTemplate::new("Empowerment basics", vec![lesson_step("Listen", Some(3))]).is_ok());
    assert_eq!(
        PathTemplate::new("  ", vec![lesson_step("x", None)]),
        Err(PathError::NoTitle)
    );
    assert_eq!(PathTemplate::new("P", vec![]), Err(PathError::StepCount));
    let task = Step {
        title: "On calls".to_owned(),
        kind: StepKind::PracticeTask {
            instructions: " ".to_owned(),
        },
        due_after_days: None,
    };
    assert_eq!(
        PathTemplate::new("P", vec![lesson_step("a", None), task]),
        Err(PathError::NoInstructions(2))
    );
    let late_then_early = vec![lesson_step("a", Some(7)), lesson_step("b", Some(3))];
    assert_eq!(
        PathTemplate::new("P", late_then_early),
        Err(PathError::DueOrder(2))
    );
    let mut over = lesson_step("a", None);
    over.kind = StepKind::Scenario {
        scenario: key("late-fee"),
        pass_percent: 101,
    };
    assert_eq!(
        PathTemplate::new("P", vec![over]),
        Err(PathError::PassMark(1))
    );
}

fn madrid() -> TimeZone {
    TimeZone::parse("Europe/Madrid").unwrap_or_else(|e| panic!("{e}"))
}

fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, m, 0)
        .single()
        .unwrap_or_else(|| panic!("time"))
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_else(|| panic!("time"))
}

fn quiet() -> Option<QuietHours> {
    Some(QuietHours {
        start: hm(21, 0),
        end: hm(8, 0),
    })
}

fn step(n: u128, due: DateTime<Utc>) -> StepDue {
    StepDue {
        step: uuid::Uuid::from_u128(n),
        due,
        reminded_before: false,
        last_overdue_reminder: None,
    }
}

#[test]
fn quiet_hours_may_run_over_midnight() {
    let q = QuietHours {
        start: hm(22, 0),
        end: hm(7, 0),
    };
    assert!(q.contains(hm(23, 30)) && q.contains(hm(6, 59)));
    assert!(!q.contains(hm(7, 0)) && !q.contains(hm(12, 0)));
    let day = QuietHours {
        start: hm(12, 0),
        end: hm(14, 0),
    };
    assert!(day.contains(hm(13, 0)) && !day.contains(hm(14, 0)));
}

#[test]
fn everything_due_goes_in_one_mail_overdue_first() {
    // 10:00 in Madrid (UTC+1 in December).
    let now = at(3, 9, 0);
    let steps = [
        step(1, at(4, 9, 0)),
        step(2, at(2, 9, 0)),
        step(3, at(20, 9, 0)),
    ];
    let r = plan_reminder(&steps, now, &madrid(), quiet(), Duration::days(2), None)
        .unwrap_or_else(|| panic!("a reminder"));
    assert_eq!(r.send_at, now);
    assert_eq!(
        r.steps,
        vec![
            (uuid::Uuid::from_u128(2), ReminderKind::Overdue),
            (uuid::Uuid::from_u128(1), ReminderKind::Upcoming)
        ],
        "the step due in 17 days waits"
    );
}

#[test]
fn never_two_mails_a_day_nor_the_same_reminder_twice() {
    let now = at(3, 9, 0);
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_else(|| panic!("date"));
    let steps = [step(1, at(2, 9, 0))];
    assert_eq!(
        plan_reminder(&steps, now, &madrid(), None, Duration::days(2), Some(today)),
        None
    );
    let mut upcoming = step(2, at(4, 9, 0));
    upcoming.reminded_before = true;
    let mut overdue = step(3, at(1, 9, 0));
    overdue.last_overdue_reminder = Some(today);
    assert_eq!(
        plan_reminder(
            &[upcoming, overdue],
            now,
            &madrid(),
            None,
            Duration::days(2),
            None
        ),
        None
    );
    // The next day, the overdue step is named again.
    let tomorrow = at(4, 9, 0);
    let r = plan_reminder(
        &[overdue],
        tomorrow,
        &madrid(),
        None,
        Duration::days(2),
        Some(today),
    );
    assert_eq!(r.map(|r| r.steps.len()), Some(1));
}

#[test]
fn a_reminder_in_quiet_hours_waits_for_their_end_in_the_agents_zone() {
    // 23:30 in Madrid on the 3rd: sent at 08:00 Madrid on the 4th (07:00 UTC).
    let now = at(3, 22, 30);
    let steps = [step(1, at(3, 12, 0))];
    let r = plan_reminder(&steps, now, &madrid(), quiet(), Duration::days(2), None)
        .unwrap_or_else(|| panic!("a reminder"));
    assert_eq!(r.send_at, at(4, 7, 0));
    // 06:00 in Madrid: the same morning at 08:00.
    let early = at(4, 5, 0);
    let r = plan_reminder(&steps, early, &madrid(), quiet(), Duration::days(2), None)
        .unwrap_or_else(|| panic!("a reminder"));
    assert_eq!(r.send_at, at(4, 7, 0));
    // The same instant is 18:30 in Mexico City: no quiet hours there yet.
    let mexico = TimeZone::parse("America/Mexico_City").unwrap_or_else(|e| panic!("{e}"));
    let r = plan_reminder(&steps, now, &mexico, quiet(), Duration::days(2), None)
        .unwrap_or_else(|| panic!("a reminder"));
    assert_eq!(r.send_at, now);
}

#[test]
fn a_step_due_beyond_ten_years_is_refused() {
    let step = |days| Step {
        title: "Call back".to_owned(),
        kind: StepKind::CoachingSession,
        due_after_days: Some(days),
    };
    assert!(PathTemplate::new("Path", vec![step(MAX_DUE_DAYS)]).is_ok());
    assert_eq!(
        PathTemplate::new("Path", vec![step(MAX_DUE_DAYS + 1)]),
        Err(PathError::DueTooFar(1))
    );
}

#[test]
fn an_assignment_status_reads_back_what_it_writes() {
    for status in super::AssignmentStatus::ALL {
        assert_eq!(
            super::AssignmentStatus::parse(status.as_str()),
            Some(status)
        );
    }
    assert_eq!(super::AssignmentStatus::parse("paused"), None);
}

#[test]
fn a_session_status_reads_back_what_it_writes() {
    for status in super::SessionStatus::ALL {
        assert_eq!(super::SessionStatus::parse(status.as_str()), Some(status));
    }
    assert_eq!(super::SessionStatus::parse("held"), None);
}
