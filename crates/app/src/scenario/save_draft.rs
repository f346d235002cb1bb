//! Storing a scenario as the draft of its variant: a draft is replaced; a version in review,
//! published or archived is followed by a new draft version.

use cinco_domain::scenario::{self, Scenario, play_time};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::scenario::{Draft, ScenarioVersion};
use cinco_persistence::{Database, RepoError};

use super::file;
use crate::{AppError, ErrorCode};

/// Stores `s` as the draft of its variant, by `by` at `now`.
pub async fn store_draft(
    db: &Database,
    org: OrganisationId,
    by: UserId,
    s: &Scenario,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ScenarioVersion, AppError> {
    let source = file::write(s).map_err(AppError::internal)?;
    // The play time is known once the graph has a start and no loops.
    let estimate = match s.start() {
        Some(start)
            if !scenario::validate(s).iter().any(|i| {
                matches!(
                    i.code,
                    scenario::IssueCode::Cycle
                        | scenario::IssueCode::DanglingChoice
                        | scenario::IssueCode::DuplicateNode
                )
            }) =>
        {
            play_time(s, &start.id).seconds
        }
        _ => 0,
    };
    let draft = Draft {
        key: &s.key,
        locale: s.locale,
        title: &s.title,
        source: &source,
        estimate_seconds: i32::try_from(estimate).unwrap_or(i32::MAX),
    };
    cinco_persistence::scenario::save_draft(db, org, draft, by, now)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => AppError::Conflict {
                code: ErrorCode::EditConflict,
                detail: "someone saved this scenario at the same time; try again".to_owned(),
            },
            other => other.into(),
        })
}
