//! A trainee's tracks in today's session: the next module of each active enrolment (the
//! first one not waiting for an assessment), shown beside the day's activities. Lessons and
//! scenarios of a track count wherever they are played; teach-backs and observed sessions
//! are submitted from the track.

use cinco_domain::certification::{EnrolmentStatus, SubmissionStatus};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::certification::{self, EnrolmentFilter, SubmissionFilter};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::state::AppState;
use crate::states::ModuleKindView;

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackNextView {
    enrolment_id: uuid::Uuid,
    track_title: String,
    module_id: uuid::Uuid,
    module_title: String,
    kind: ModuleKindView,
    /// The lesson or scenario key.
    target_key: Option<String>,
    done: usize,
    total: usize,
    /// Every module left is waiting for an assessment: nothing to do but wait.
    waiting: bool,
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
            status: Some(EnrolmentStatus::Active),
            ..EnrolmentFilter::default()
        },
    )
    .await?;
    if active.is_empty() {
        return Ok(Vec::new());
    }
    let me = cinco_persistence::user::get(&state.db, org, user).await?;
    let org_default = cinco_persistence::organisation::get(&state.db, org)
        .await?
        .default_locale;
    let pending = certification::submissions(
        &state.db,
        org,
        SubmissionFilter {
            status: Some(SubmissionStatus::Pending),
            user: Some(user),
            ..SubmissionFilter::default()
        },
    )
    .await?;
    Ok(active
        .into_iter()
        .filter_map(|mut e| {
            cinco_app::certification::language::read_in(&mut e, me.locale, org_default);
            let open: Vec<_> = e
                .modules
                .iter()
                .filter(|m| m.completed_at.is_none())
                .collect();
            let waits = |id: uuid::Uuid| pending.iter().any(|s| s.module_id == id);
            // The first module the trainee can do something about; else the first waiting.
            let next = open
                .iter()
                .find(|m| !waits(m.id))
                .or_else(|| open.first())?;
            Some(TrackNextView {
                enrolment_id: e.id,
                track_title: e.title.clone(),
                module_id: next.id,
                module_title: next.title.clone(),
                kind: next.kind.into(),
                target_key: next.target_key.clone(),
                done: e
                    .modules
                    .iter()
                    .filter(|m| m.completed_at.is_some())
                    .count(),
                total: e.modules.len(),
                waiting: waits(next.id),
            })
        })
        .collect())
}
