//! Coaching paths: ordered steps a lead assigns (lessons, scenarios, coaching sessions,
//! practice tasks), when a step counts as done, and when to remind the agent.

pub mod remediation;
mod reminders;
mod standing;
#[cfg(test)]
mod tests;

pub use reminders::{QuietHours, Reminder, ReminderKind, StepDue, plan_reminder};
pub use standing::{AgentStanding, BehindReason, missed, overdue};

use crate::learning::ContentKind;
use crate::lesson::Key;
use crate::programme::Parts;

/// Items on a scorecard, at most.
pub const MAX_SCORECARD_ITEMS: usize = 30;
/// Steps in a path, at most.
pub const MAX_STEPS: usize = 20;
/// A step is due at most this many days after the assignment (ten years).
pub const MAX_DUE_DAYS: u32 = 3650;
/// A reminder comes at most this many hours before a due date (two weeks).
pub const REMINDER_NOTICE_HOURS_MAX: i32 = 336;
/// An agent is flagged after at most this many days without a coaching session (a year).
pub const IDLE_DAYS_MAX: i32 = 365;

/// Where a path given to an agent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssignmentStatus {
    /// Steps remain to do.
    Active,
    /// Every step is done.
    Completed,
    /// A lead or admin called it off (or handed it to someone else).
    Cancelled,
}

impl AssignmentStatus {
    pub const ALL: [AssignmentStatus; 3] = [
        AssignmentStatus::Active,
        AssignmentStatus::Completed,
        AssignmentStatus::Cancelled,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            AssignmentStatus::Active => "active",
            AssignmentStatus::Completed => "completed",
            AssignmentStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// A line of a path assignment's history: what happened to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathEvent {
    /// Given to the agent.
    Assigned,
    /// One of its steps was done.
    StepCompleted,
    /// A lead moved its due dates.
    Extended,
    /// A lead handed it to another agent.
    Reassigned,
    /// A lead or admin called it off.
    Cancelled,
    /// Its last step was done.
    Completed,
    /// A low score on its competency gave a remediation path, or came while it was open.
    LowScore,
}

impl PathEvent {
    pub const ALL: [PathEvent; 7] = [
        PathEvent::Assigned,
        PathEvent::StepCompleted,
        PathEvent::Extended,
        PathEvent::Reassigned,
        PathEvent::Cancelled,
        PathEvent::Completed,
        PathEvent::LowScore,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            PathEvent::Assigned => "assigned",
            PathEvent::StepCompleted => "step_completed",
            PathEvent::Extended => "extended",
            PathEvent::Reassigned => "reassigned",
            PathEvent::Cancelled => "cancelled",
            PathEvent::Completed => "completed",
            PathEvent::LowScore => "low_score",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// Where a coaching session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionStatus {
    /// Arranged, not held yet.
    Scheduled,
    /// Held and rated.
    Recorded,
    /// Called off before it was held.
    Cancelled,
}

impl SessionStatus {
    pub const ALL: [SessionStatus; 3] = [
        SessionStatus::Scheduled,
        SessionStatus::Recorded,
        SessionStatus::Cancelled,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Scheduled => "scheduled",
            SessionStatus::Recorded => "recorded",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// How the lead observed the contact a coaching session rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Observation {
    /// Listening in while it happened.
    Live,
    /// From the recording afterwards.
    Recorded,
}

impl Observation {
    pub const ALL: [Observation; 2] = [Observation::Live, Observation::Recorded];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Observation::Live => "live",
            Observation::Recorded => "recorded",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == raw)
    }
}

/// The kind of a path step, without what it points at: how an assigned step is stored and
/// shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepType {
    Lesson,
    Scenario,
    CoachingSession,
    PracticeTask,
}

impl StepType {
    pub const ALL: [StepType; 4] = [
        StepType::Lesson,
        StepType::Scenario,
        StepType::CoachingSession,
        StepType::PracticeTask,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            StepType::Lesson => "lesson",
            StepType::Scenario => "scenario",
            StepType::CoachingSession => "coaching_session",
            StepType::PracticeTask => "practice_task",
        }
    }
}

impl crate::programme::Kind for StepType {
    const ALL: &'static [Self] = &StepType::ALL;

    fn as_str(self) -> &'static str {
        StepType::as_str(self)
    }

    fn content(self) -> Option<ContentKind> {
        match self {
            StepType::Lesson => Some(ContentKind::Lesson),
            StepType::Scenario => Some(ContentKind::Scenario),
            StepType::CoachingSession | StepType::PracticeTask => None,
        }
    }
}

/// What a step asks of the agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepKind {
    /// A published lesson, by key; done when an attempt scores at least the pass mark.
    Lesson { lesson: Key, pass_percent: u8 },
    /// A published scenario, by key; done when a run scores at least the pass mark.
    Scenario { scenario: Key, pass_percent: u8 },
    /// A coaching session with the lead; done when the session is recorded.
    CoachingSession,
    /// Something to do on real calls ("use the empathy checklist on your next 5 calls");
    /// done when the agent reports it.
    PracticeTask { instructions: String },
}

impl StepKind {
    pub const fn step_type(&self) -> StepType {
        match self {
            StepKind::Lesson { .. } => StepType::Lesson,
            StepKind::Scenario { .. } => StepType::Scenario,
            StepKind::CoachingSession => StepType::CoachingSession,
            StepKind::PracticeTask { .. } => StepType::PracticeTask,
        }
    }
}

/// One step of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: String,
    pub kind: StepKind,
    /// Days after the assignment the step is due, when steps have their own due dates.
    pub due_after_days: Option<u32>,
}

impl Step {
    /// The step in its flat form.
    pub fn parts(&self) -> Parts<StepType> {
        let mut parts = Parts::new(&self.title, self.kind.step_type());
        parts.due_after_days = self.due_after_days;
        match &self.kind {
            StepKind::Lesson {
                lesson: key,
                pass_percent,
            }
            | StepKind::Scenario {
                scenario: key,
                pass_percent,
            } => {
                parts.target_key = Some(key.as_str().to_owned());
                parts.pass_percent = Some(*pass_percent);
            }
            StepKind::CoachingSession => {}
            StepKind::PracticeTask { instructions } => {
                parts.instructions = Some(instructions.clone());
            }
        }
        parts
    }

    /// The step of these parts; `None` when a lesson or scenario step names no valid key.
    /// Fields its kind does not use are dropped.
    pub fn from_parts(parts: &Parts<StepType>) -> Option<Step> {
        let kind = match parts.kind {
            StepType::Lesson => StepKind::Lesson {
                lesson: parts.key()?,
                pass_percent: parts.pass(),
            },
            StepType::Scenario => StepKind::Scenario {
                scenario: parts.key()?,
                pass_percent: parts.pass(),
            },
            StepType::CoachingSession => StepKind::CoachingSession,
            StepType::PracticeTask => StepKind::PracticeTask {
                instructions: parts.instructions.clone().unwrap_or_default(),
            },
        };
        Some(Step {
            title: parts.title.clone(),
            kind,
            due_after_days: parts.due_after_days,
        })
    }
}

/// Why a path template was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    #[error("a path needs a title")]
    NoTitle,
    #[error("a path needs between 1 and {MAX_STEPS} steps")]
    StepCount,
    #[error("step {0} needs a title")]
    StepTitle(usize),
    #[error("step {0}: the pass mark must be between 0 and 100")]
    PassMark(usize),
    #[error("step {0}: a practice task needs instructions")]
    NoInstructions(usize),
    #[error("step {0} is due before the step before it")]
    DueOrder(usize),
    #[error("step {0}: due at most {MAX_DUE_DAYS} days after the assignment")]
    DueTooFar(usize),
}

/// A path template: the steps, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    pub title: String,
    pub steps: Vec<Step>,
}

impl PathTemplate {
    /// Checks a template; steps are numbered from 1 in errors.
    pub fn new(title: &str, steps: Vec<Step>) -> Result<Self, PathError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(PathError::NoTitle);
        }
        if steps.is_empty() || steps.len() > MAX_STEPS {
            return Err(PathError::StepCount);
        }
        let mut last_due = 0;
        for (i, step) in steps.iter().enumerate() {
            let n = i + 1;
            if step.title.trim().is_empty() {
                return Err(PathError::StepTitle(n));
            }
            match &step.kind {
                StepKind::Lesson { pass_percent, .. } | StepKind::Scenario { pass_percent, .. }
                    if *pass_percent > 100 =>
                {
                    return Err(PathError::PassMark(n));
                }
                StepKind::PracticeTask { instructions } if instructions.trim().is_empty() => {
                    return Err(PathError::NoInstructions(n));
                }
                _ => {}
            }
            if let Some(due) = step.due_after_days {
                if due > MAX_DUE_DAYS {
                    return Err(PathError::DueTooFar(n));
                }
                if due < last_due {
                    return Err(PathError::DueOrder(n));
                }
                last_due = due;
            }
        }
        Ok(Self {
            title: title.to_owned(),
            steps,
        })
    }
}
