//! Recording an agent's reply in a role-play run: once per reply id and position, with its
//! evidence; the reply that ends the conversation completes the run and announces it, in
//! the same transaction.

use cinco_domain::OrganisationId;
use cinco_domain::scenario::{self, Debrief, Limits, Scenario, Step};
use cinco_persistence::RepoError;
use cinco_persistence::scenario::ScenarioVersion;
use cinco_persistence::scenario_run::{self, Outcome, Run};

use crate::{App, AppError, ErrorCode, learning};

/// The reply to record: its id from the client, and the step the domain chose for it.
#[derive(Debug)]
pub struct Reply {
    pub id: uuid::Uuid,
    pub step: Step,
}

/// Records `reply` after `steps` (the run so far) and answers the run's steps with it and
/// the debrief. Another reply recorded at the same position first is `out_of_turn`; the
/// reply's id used by another run is `id_taken`.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    app: &App,
    org: OrganisationId,
    run: &Run,
    version: &ScenarioVersion,
    s: &Scenario,
    mut steps: Vec<Step>,
    reply: Reply,
    limits: &Limits,
) -> Result<(Vec<Step>, Debrief), AppError> {
    let evidence: Vec<(String, f64)> = s
        .node(&reply.step.node)
        .and_then(|n| n.choices().iter().find(|c| c.id == reply.step.choice))
        .map(|c| {
            c.evidence
                .iter()
                .map(|e| (e.competency.as_str().to_owned(), f64::from(e.value)))
                .collect()
        })
        .unwrap_or_default();
    let position = i32::try_from(steps.len()).unwrap_or(i32::MAX);
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    scenario_run::record_step(
        &tx,
        org,
        run,
        reply.id,
        position,
        &reply.step,
        &evidence,
        now,
    )
    .await
    .map_err(|e| match e {
        RepoError::Conflict("scenario_run_steps.id") => id_taken(),
        RepoError::Conflict(_) => AppError::Conflict {
            code: ErrorCode::OutOfTurn,
            detail: "another reply was recorded at this position first".to_owned(),
        },
        other => other.into(),
    })?;
    steps.push(reply.step);
    let d = scenario::debrief(s, &steps, limits).map_err(AppError::internal)?;
    if d.end.is_some() {
        let outcome = Outcome {
            handle_time_seconds: i32::try_from(d.handle_time_seconds).unwrap_or(i32::MAX),
            first_contact_resolution: d.first_contact_resolution,
            csat: i32::from(d.csat),
        };
        scenario_run::complete(&tx, org, run, outcome, now).await?;
        let percents: Vec<u8> = d.competencies.iter().map(|c| c.percent).collect();
        let event = learning::run_ended(org, run.user_id, version, &percents, now);
        learning::publish(app, &tx, &event).await?;
    }
    tx.commit().await?;
    Ok((steps, d))
}

/// The id names another run's reply (or run).
pub fn id_taken() -> AppError {
    AppError::Conflict {
        code: ErrorCode::IdTaken,
        detail: "that id belongs to another run".to_owned(),
    }
}
