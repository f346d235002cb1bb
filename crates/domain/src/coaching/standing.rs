//! Where an agent stands with coaching on a lead's dashboard: behind or not, and why, by one
//! rule that the dashboard, its CSV, the drill-down and the lead's weekly digest all read,
//! from when a step is overdue and when a session counts as missed.

use chrono::{DateTime, Duration, Utc};

/// Hours after its time a session still only scheduled counts as missed.
pub const MISSED_AFTER_HOURS: i64 = 24;

/// Whether a step not done (`done`: when it was, if it was) is past its due date at `now`.
pub fn overdue(
    done: Option<DateTime<Utc>>,
    due: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    done.is_none() && due.is_some_and(|d| d <= now)
}

/// Whether a session scheduled at `at` and still only scheduled at `now` was missed.
pub fn missed(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    at.is_some_and(|at| now - at > Duration::hours(MISSED_AFTER_HOURS))
}

/// Why an agent shows on the dashboard as needing attention, in the order they are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BehindReason {
    /// Path steps past their due date.
    OverdueSteps,
    /// Scheduled coaching sessions that were not held.
    MissedSession,
    /// No coaching session held for the team's idle days (or ever).
    NoSession,
}

impl BehindReason {
    pub const ALL: [BehindReason; 3] = [
        BehindReason::OverdueSteps,
        BehindReason::MissedSession,
        BehindReason::NoSession,
    ];

    /// The stable name clients switch on.
    pub const fn as_str(self) -> &'static str {
        match self {
            BehindReason::OverdueSteps => "overdue_steps",
            BehindReason::MissedSession => "missed_session",
            BehindReason::NoSession => "no_session",
        }
    }
}

/// What the reasons are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentStanding {
    pub overdue_steps: usize,
    pub missed_sessions: usize,
    /// Whole days since the last session held; `None` when none has been.
    pub days_since_session: Option<i64>,
    /// The organisation's days without a session before an agent is flagged.
    pub idle_days: i32,
}

impl AgentStanding {
    /// Why the agent needs attention. A missed session already says why none was held, so
    /// "no session" is told only when none was missed: one card never says both "1 session
    /// missed" and "no sessions yet".
    pub fn reasons(&self) -> Vec<BehindReason> {
        let mut reasons = Vec::new();
        if self.overdue_steps > 0 {
            reasons.push(BehindReason::OverdueSteps);
        }
        if self.missed_sessions > 0 {
            reasons.push(BehindReason::MissedSession);
        } else if self
            .days_since_session
            .is_none_or(|d| d >= i64::from(self.idle_days))
        {
            reasons.push(BehindReason::NoSession);
        }
        reasons
    }

    /// Behind: steps overdue or a session missed (going without a session is told, not
    /// counted as behind).
    pub fn behind(&self) -> bool {
        self.overdue_steps > 0 || self.missed_sessions > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_overdue_once_due_and_a_session_missed_a_day_after_its_time() {
        let now = DateTime::<Utc>::UNIX_EPOCH + Duration::days(10);
        assert!(overdue(None, Some(now), now));
        assert!(!overdue(None, Some(now + Duration::seconds(1)), now));
        assert!(
            !overdue(Some(now), Some(now - Duration::days(1)), now),
            "done"
        );
        assert!(!overdue(None, None, now), "no due date");
        assert!(missed(Some(now - Duration::hours(25)), now));
        assert!(!missed(Some(now - Duration::hours(24)), now));
        assert!(!missed(None, now));
    }

    const fn standing(overdue: usize, missed: usize, days: Option<i64>) -> AgentStanding {
        AgentStanding {
            overdue_steps: overdue,
            missed_sessions: missed,
            days_since_session: days,
            idle_days: 14,
        }
    }

    #[test]
    fn a_missed_session_is_the_reason_not_also_no_session() {
        assert_eq!(
            standing(0, 1, None).reasons(),
            vec![BehindReason::MissedSession]
        );
        assert_eq!(
            standing(2, 1, Some(30)).reasons(),
            vec![BehindReason::OverdueSteps, BehindReason::MissedSession]
        );
    }

    #[test]
    fn no_session_held_for_the_idle_days_is_told() {
        assert_eq!(
            standing(0, 0, None).reasons(),
            vec![BehindReason::NoSession]
        );
        assert_eq!(
            standing(0, 0, Some(14)).reasons(),
            vec![BehindReason::NoSession]
        );
        assert!(standing(0, 0, Some(13)).reasons().is_empty());
        assert!(!standing(0, 0, None).behind());
    }

    #[test]
    fn overdue_steps_or_missed_sessions_make_an_agent_behind() {
        assert!(standing(1, 0, Some(1)).behind());
        assert!(standing(0, 1, Some(1)).behind());
    }
}
