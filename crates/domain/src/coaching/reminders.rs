//! When to remind an agent of their coaching path steps: before a due date and when
//! overdue, in the agent's time zone, never during the organisation's quiet hours, and never
//! more than one mail a day — everything due is batched into that one mail.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::user::TimeZone;

/// Local hours when no reminder is sent; may run over midnight (22:00–07:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    /// Quiet hours from two stored "HH:MM" local times; none when either does not parse or
    /// both are the same time (an empty window).
    pub fn parse(start: &str, end: &str) -> Option<Self> {
        let start = NaiveTime::parse_from_str(start, "%H:%M").ok()?;
        let end = NaiveTime::parse_from_str(end, "%H:%M").ok()?;
        (start != end).then_some(QuietHours { start, end })
    }

    /// Whether a local time falls in the quiet hours (start included, end excluded).
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }
}

/// A step still to do, with its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepDue {
    pub step: uuid::Uuid,
    pub due: DateTime<Utc>,
    /// A before-the-due-date reminder was already sent for it.
    pub reminded_before: bool,
    /// The last local day an overdue reminder named it.
    pub last_overdue_reminder: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    /// Due within the notice period.
    Upcoming,
    Overdue,
}

/// One mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Now, or when the quiet hours end.
    pub send_at: DateTime<Utc>,
    pub steps: Vec<(uuid::Uuid, ReminderKind)>,
}

/// The reminder to send the agent now or at the end of the quiet hours, if any.
///
/// `notice` is how long before a due date the agent hears of it; `last_mail_day` is the
/// agent's local day of their last reminder mail (one a day at most).
pub fn plan_reminder(
    steps: &[StepDue],
    now: DateTime<Utc>,
    zone: &TimeZone,
    quiet: Option<QuietHours>,
    notice: Duration,
    last_mail_day: Option<NaiveDate>,
) -> Option<Reminder> {
    let today = zone.local_date(now);
    if last_mail_day == Some(today) {
        return None;
    }
    let mut due: Vec<(uuid::Uuid, ReminderKind)> = steps
        .iter()
        .filter_map(|s| {
            if s.due <= now {
                (s.last_overdue_reminder != Some(today)).then_some((s.step, ReminderKind::Overdue))
            } else if s.due - now <= notice && !s.reminded_before {
                Some((s.step, ReminderKind::Upcoming))
            } else {
                None
            }
        })
        .collect();
    if due.is_empty() {
        return None;
    }
    due.sort_by_key(|(step, kind)| (*kind == ReminderKind::Upcoming, *step));
    let send_at = match quiet {
        Some(q) if q.contains(zone.local_time(now)) => zone.next_local(now, q.end),
        _ => now,
    };
    Some(Reminder {
        send_at,
        steps: due,
    })
}

#[cfg(test)]
mod quiet_hours_tests {
    use super::QuietHours;

    #[test]
    fn stored_times_parse_and_an_empty_window_is_none() {
        let q = QuietHours::parse("22:00", "07:00");
        assert_eq!(
            q.map(|q| (q.start.to_string(), q.end.to_string())),
            Some(("22:00:00".to_owned(), "07:00:00".to_owned()))
        );
        assert_eq!(QuietHours::parse("08:00", "08:00"), None);
        assert_eq!(QuietHours::parse("25:00", "07:00"), None);
    }
}
