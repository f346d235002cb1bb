//! How path steps complete themselves: a lesson or scenario finished after the assignment
//! with a passing score, a coaching session recorded; and an assignment completes when its
//! last step does.

use chrono::{DateTime, Utc};
use cinco_domain::coaching::passes;
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::Executor;
use cinco_persistence::path::{self, OpenStep};

use crate::error::ApiError;
use crate::state::AppState;

/// What the agent finished.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Finished {
    /// A lesson attempt: right answers of all knowledge checks.
    Lesson { correct: u32, total: u32 },
    /// A scenario run: its score in percent.
    Scenario { percent: u8 },
}

/// Marks a step done, writes it in the history and closes the assignment when it was the
/// last open step.
pub(crate) async fn complete(
    ex: &impl Executor,
    org: OrganisationId,
    open: &OpenStep,
    at: DateTime<Utc>,
    score: Option<i32>,
    note: Option<String>,
) -> Result<bool, ApiError> {
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
        && path::close(ex, org, &assignment, path::COMPLETED, at).await?
    {
        path::add_event(ex, org, a, at, None, "completed", "").await?;
    }
    Ok(true)
}

impl Finished {
    /// `lesson` or `scenario`.
    pub(crate) const fn kind(self) -> &'static str {
        match self {
            Finished::Lesson { .. } => "lesson",
            Finished::Scenario { .. } => "scenario",
        }
    }
}

/// The score in percent, and whether it passes `mark`.
pub(crate) fn score_of(what: Finished, mark: u8) -> (i32, bool) {
    match what {
        Finished::Lesson { correct, total } => {
            let score = (correct * 100).checked_div(total).unwrap_or(100);
            (
                i32::try_from(score).unwrap_or(100),
                passes(correct, total, mark),
            )
        }
        Finished::Scenario { percent } => (i32::from(percent), percent >= mark),
    }
}

/// A lesson or scenario version was finished at `at`: the open steps naming it complete when
/// the score passes their mark.
pub(crate) async fn finished(
    state: &AppState,
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    version: uuid::Uuid,
    what: Finished,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let open = path::open_steps(ex, org, user).await?;
    let kind = what.kind();
    let modules = crate::routes::tracks::progress::open_of_kind(ex, org, user, kind).await?;
    if modules.is_empty() && !open.iter().any(|o| o.step.kind == kind) {
        return Ok(());
    }
    let key = match what {
        Finished::Lesson { .. } => state
            .content
            .lesson(ex, org, version)
            .await?
            .version
            .key
            .as_str()
            .to_owned(),
        Finished::Scenario { .. } => state
            .content
            .scenario(ex, org, version)
            .await?
            .version
            .key
            .as_str()
            .to_owned(),
    };
    for o in open.iter().filter(|o| {
        o.step.kind == kind
            && o.step.target_key.as_deref() == Some(key.as_str())
            && o.assigned_at <= at
    }) {
        let mark = o
            .step
            .pass_percent
            .and_then(|p| u8::try_from(p).ok())
            .unwrap_or(cinco_domain::coaching::DEFAULT_PASS_PERCENT);
        let (score, pass) = score_of(what, mark);
        if pass {
            complete(ex, org, o, at, Some(score), None).await?;
        }
    }
    if !modules.is_empty() {
        crate::routes::tracks::progress::content_finished(state, ex, org, &modules, what, &key, at)
            .await?;
    }
    Ok(())
}

/// A coaching session with the agent was recorded: their oldest open coaching-session step
/// assigned before it completes.
pub(crate) async fn session_recorded(
    ex: &impl Executor,
    org: OrganisationId,
    agent: UserId,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let open = path::open_steps(ex, org, agent).await?;
    if let Some(o) = open
        .iter()
        .filter(|o| o.step.kind == "coaching_session" && o.assigned_at <= at)
        .min_by_key(|o| (o.assigned_at, o.step.position))
    {
        complete(ex, org, o, at, None, None).await?;
    }
    Ok(())
}

/// A lesson attempt was completed at `at`: its score may complete path steps (in the same
/// transaction as the completion).
pub(crate) async fn attempt_completed(
    state: &AppState,
    ex: &impl Executor,
    org: OrganisationId,
    attempt: &cinco_persistence::attempt::Attempt,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let lesson = state
        .content
        .lesson(ex, org, attempt.lesson_version_id)
        .await?;
    let total = u32::try_from(lesson.content.items().count()).unwrap_or(u32::MAX);
    let answers = cinco_persistence::attempt::answers(ex, attempt.id).await?;
    let correct = u32::try_from(answers.iter().filter(|a| a.correct).count()).unwrap_or(0);
    finished(
        state,
        ex,
        org,
        attempt.user_id,
        attempt.lesson_version_id,
        Finished::Lesson { correct, total },
        at,
    )
    .await
}

/// A scenario run ended at `at` with this debrief: its score may complete path steps (in the
/// same transaction as the run's end).
pub(crate) async fn run_ended(
    state: &AppState,
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    version: uuid::Uuid,
    debrief: &cinco_domain::scenario::Debrief,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let scores: Vec<u32> = debrief
        .competencies
        .iter()
        .map(|c| u32::from(c.percent))
        .collect();
    let percent = if scores.is_empty() {
        100
    } else {
        scores.iter().sum::<u32>() / u32::try_from(scores.len()).unwrap_or(1)
    };
    let percent = u8::try_from(percent.min(100)).unwrap_or(100);
    finished(
        state,
        ex,
        org,
        user,
        version,
        Finished::Scenario { percent },
        at,
    )
    .await
}
