//! Path progress, a subscriber of learning events: a lesson or scenario finished after the
//! assignment with a passing score completes the open steps naming it; a recorded coaching
//! session completes the agent's oldest open coaching-session step; an assignment completes
//! when its last step does.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::coaching::pass_mark;
use cinco_domain::coaching::{AssignmentStatus, StepType};
use cinco_domain::learning::LearningEvent;
use cinco_persistence::Executor;
use cinco_persistence::path::{self, OpenStep};

use crate::AppError;

pub(super) async fn on_event(ex: &impl Executor, event: &LearningEvent) -> Result<(), AppError> {
    match event {
        LearningEvent::ContentFinished {
            org,
            user,
            kind,
            key,
            result,
            at,
            ..
        } => {
            let kind = kind.step_type();
            let open = path::open_steps(ex, *org, *user).await?;
            for o in open.iter().filter(|o| {
                o.step.kind == kind
                    && o.step.target_key.as_deref() == Some(key.as_str())
                    && o.assigned_at <= *at
            }) {
                if result.passes(pass_mark(o.step.pass_percent)) {
                    let score = Some(i32::from(result.percent()));
                    complete_step(ex, *org, o, *at, score, None).await?;
                }
            }
        }
        LearningEvent::CoachingSessionRecorded { org, agent, at, .. } => {
            let open = path::open_steps(ex, *org, *agent).await?;
            if let Some(o) = open
                .iter()
                .filter(|o| o.step.kind == StepType::CoachingSession && o.assigned_at <= *at)
                .min_by_key(|o| (o.assigned_at, o.step.position))
            {
                complete_step(ex, *org, o, *at, None, None).await?;
            }
        }
        LearningEvent::ModuleAssessed { .. } | LearningEvent::ReviewAnswered { .. } => {}
    }
    Ok(())
}

/// Marks a step done, writes it in the history and closes the assignment when it was the
/// last open step. False when the step was done already.
pub async fn complete_step(
    ex: &impl Executor,
    org: OrganisationId,
    open: &OpenStep,
    at: DateTime<Utc>,
    score: Option<i32>,
    note: Option<String>,
) -> Result<bool, AppError> {
    path::lock(ex, org, open.step.assignment_id).await?;
    if !path::complete_step(ex, org, &open.step, at, score, note).await? {
        return Ok(false);
    }
    let a = open.step.assignment_id;
    path::add_event(
        ex,
        org,
        a,
        at,
        Some(open.step.user_id),
        "step_completed",
        &open.step.title,
    )
    .await?;
    let assignment = path::assignment(ex, org, a).await?;
    if assignment.steps.iter().all(|s| s.completed_at.is_some())
        && path::close(ex, org, &assignment, AssignmentStatus::Completed, at).await?
    {
        path::add_event(ex, org, a, at, None, "completed", "").await?;
    }
    Ok(true)
}
