//! Path progress, a subscriber of learning events: a lesson or scenario finished after the
//! assignment with a passing score completes the open steps naming it (a score below the
//! mark is kept on the open step, as an attempt); a recorded coaching
//! session completes the agent's oldest open coaching-session step; an assignment completes
//! when its last step does.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::coaching::{AssignmentStatus, PathEvent, StepType};
use cinco_domain::learning::LearningEvent;
use cinco_domain::programme::{Done, GivenStep, StepOutcome};
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
            let done = Done {
                kind: *kind,
                key,
                result: *result,
                at: *at,
            };
            for o in path::open_steps(ex, *org, *user).await? {
                let step = GivenStep {
                    kind: o.step.kind,
                    target_key: o.step.target_key.as_deref(),
                    pass_percent: o.step.pass_percent,
                    given_at: o.assigned_at,
                };
                match step.outcome(&done) {
                    Some(StepOutcome::Passed(score)) => {
                        complete_step(ex, *org, &o, *at, Some(i32::from(score)), None).await?;
                    }
                    // Kept on the open step, so the agent and their lead see it was tried.
                    Some(StepOutcome::NotPassed(score)) => {
                        path::record_attempt(ex, *org, &o.step, i32::from(score)).await?;
                    }
                    None => {}
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
        LearningEvent::ModuleAssessed { .. }
        | LearningEvent::ReviewAnswered { .. }
        | LearningEvent::QaScored { .. } => {}
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
        PathEvent::StepCompleted,
        &open.step.title,
    )
    .await?;
    let assignment = path::assignment(ex, org, a).await?;
    if assignment.steps.iter().all(|s| s.completed_at.is_some())
        && path::close(ex, org, &assignment, AssignmentStatus::Completed, at).await?
    {
        path::add_event(ex, org, a, at, None, PathEvent::Completed, "").await?;
    }
    Ok(true)
}
