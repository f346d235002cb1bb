//! Publishing a scenario version (refused while it has any issue; the version published
//! before it is archived) and archiving one.

use cinco_domain::OrganisationId;
use cinco_domain::lesson::LessonStatus;
use cinco_persistence::Database;
use cinco_persistence::scenario::ScenarioVersion;

use super::{Known, check, parse};
use crate::AppError;
use crate::error::FieldProblem;

/// Publishes version `id` if the lifecycle allows it and it has no issue (graph rules, the
/// five-minute rule, unknown competencies or decision types); answers it and what the
/// organisation knows, for its view.
pub async fn publish_version(
    db: &Database,
    org: OrganisationId,
    id: uuid::Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(ScenarioVersion, Known), AppError> {
    let version = cinco_persistence::scenario::get(db, org, id).await?;
    version.status.transition(LessonStatus::Published, false)?;
    let known = Known::load(db, org).await?;
    let issues = check(&parse(&version)?, &known);
    if !issues.is_empty() {
        return Err(AppError::Invalid {
            detail: format!(
                "{} problem{} to fix before publishing: {}",
                issues.len(),
                if issues.len() == 1 { "" } else { "s" },
                issues
                    .iter()
                    .map(|i| i.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            problems: issues
                .into_iter()
                .map(|i| FieldProblem {
                    field: match (&i.node, &i.choice) {
                        (Some(n), Some(c)) => format!("nodes/{n}/choices/{c}"),
                        (Some(n), None) => format!("nodes/{n}"),
                        _ => "scenario".to_owned(),
                    },
                    code: i.code,
                    message: i.message,
                })
                .collect(),
        });
    }
    let updated = set_status(db, org, &version, LessonStatus::Published, now).await?;
    Ok((updated, known))
}

/// Archives a published version: agents no longer get it; runs that point at it stay.
pub async fn archive(
    db: &Database,
    org: OrganisationId,
    id: uuid::Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ScenarioVersion, AppError> {
    let version = cinco_persistence::scenario::get(db, org, id).await?;
    version.status.transition(LessonStatus::Archived, false)?;
    set_status(db, org, &version, LessonStatus::Archived, now).await
}

async fn set_status(
    db: &Database,
    org: OrganisationId,
    version: &ScenarioVersion,
    to: LessonStatus,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ScenarioVersion, AppError> {
    let tx = db.begin().await?;
    cinco_persistence::scenario::set_status(&tx, org, version, to, None, now)
        .await
        .map_err(AppError::status_race)?;
    let updated = cinco_persistence::scenario::get(&tx, org, version.id).await?;
    tx.commit().await?;
    Ok(updated)
}
