//! A trainee's tracks in today's session: the next module of each active enrolment, shown
//! beside the day's activities (lessons and scenarios of a track count when played from
//! there; teach-backs and observed sessions are submitted from the track).

use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::certification::{self, ACTIVE, EnrolmentFilter};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackNextView {
    enrolment_id: uuid::Uuid,
    track_title: String,
    module_id: uuid::Uuid,
    module_title: String,
    /// `lesson`, `scenario`, `teach_back` or `observed_session`.
    kind: String,
    /// The lesson or scenario key.
    target_key: Option<String>,
    done: usize,
    total: usize,
}

/// The next module of each of the person's active enrolments.
pub(crate) async fn next_modules(
    state: &AppState,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<TrackNextView>, ApiError> {
    let active = certification::enrolments(
        &state.db,
        org,
        EnrolmentFilter {
            user: Some(user),
            status: Some(ACTIVE),
            ..EnrolmentFilter::default()
        },
    )
    .await?;
    if active.is_empty() {
        return Ok(Vec::new());
    }
    Ok(active
        .into_iter()
        .filter_map(|e| {
            let next = e.modules.iter().find(|m| m.completed_at.is_none())?;
            Some(TrackNextView {
                enrolment_id: e.id,
                track_title: e.title.clone(),
                module_id: next.id,
                module_title: next.title.clone(),
                kind: next.kind.clone(),
                target_key: next.target_key.clone(),
                done: e
                    .modules
                    .iter()
                    .filter(|m| m.completed_at.is_some())
                    .count(),
                total: e.modules.len(),
            })
        })
        .collect())
}
