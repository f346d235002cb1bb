//! How track modules complete: a lesson or scenario passed after enrolling (in the same
//! transaction as the attempt or run), or a passing assessment; and how the last module done
//! issues the certification, in the same transaction.

use chrono::{DateTime, Utc};
use cinco_domain::certification::expires_at;
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::certification::{
    self, ACTIVE, COMPLETED, Certification, EnrolledModule, Evidence, PASSED, SubmissionFilter,
};
use cinco_persistence::{Executor, organisation, outbox, user};

use crate::error::ApiError;
use crate::mail::certification::issued;
use crate::mail::coaching::Line;
use crate::routes::coaching::progress::{Finished, score_of};
use crate::state::AppState;

/// The trainee's open modules of `kind` with when they enrolled (empty for most people, so
/// a finished lesson or scenario needs its key looked up only when there are some).
pub(crate) async fn open_of_kind(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    kind: &str,
) -> Result<Vec<(EnrolledModule, DateTime<Utc>)>, ApiError> {
    let mut open = certification::open_modules(ex, org, user).await?;
    open.retain(|(m, _)| m.kind == kind);
    Ok(open)
}

/// A lesson or scenario was finished at `at`: the `open` modules (from [`open_of_kind`])
/// naming it complete when the score passes their mark.
pub(crate) async fn content_finished(
    state: &AppState,
    ex: &impl Executor,
    org: OrganisationId,
    open: &[(EnrolledModule, DateTime<Utc>)],
    what: Finished,
    key: &str,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    for (m, _) in open
        .iter()
        .filter(|(m, enrolled_at)| m.target_key.as_deref() == Some(key) && *enrolled_at <= at)
    {
        let mark = m
            .pass_percent
            .and_then(|p| u8::try_from(p).ok())
            .unwrap_or(cinco_domain::coaching::DEFAULT_PASS_PERCENT);
        let (score, passes) = score_of(what, mark);
        if passes && certification::complete_module(ex, org, m.id, at, Some(score)).await? {
            module_done(
                Some(&state.settings.public_url),
                ex,
                org,
                m.enrolment_id,
                at,
            )
            .await?;
        }
    }
    Ok(())
}

/// A module of the enrolment was done at `at`: when it was the last, the enrolment
/// completes and issues its certification, and the holder gets a mail linking to
/// `public_url` (none when it is `None`, as for the demo). Returns the certification's id
/// when one was issued.
pub(crate) async fn module_done(
    public_url: Option<&str>,
    ex: &impl Executor,
    org: OrganisationId,
    enrolment: uuid::Uuid,
    at: DateTime<Utc>,
) -> Result<Option<uuid::Uuid>, ApiError> {
    certification::lock(ex, org, enrolment).await?;
    let e = certification::enrolment(ex, org, enrolment).await?;
    if e.status != ACTIVE || e.modules.iter().any(|m| m.completed_at.is_none()) {
        return Ok(None);
    }
    let passed = certification::submissions(
        ex,
        org,
        SubmissionFilter {
            status: Some(PASSED),
            enrolment: Some(e.id),
            ..SubmissionFilter::default()
        },
    )
    .await?;
    let evidence: Vec<Evidence> = e
        .modules
        .iter()
        .map(|m| {
            let assessment = passed.iter().find(|s| s.module_id == m.id);
            Evidence {
                title: m.title.clone(),
                kind: m.kind.clone(),
                completed_at: m.completed_at.unwrap_or(at),
                score: m.score,
                assessed_by: assessment.and_then(|s| s.assessor_id).map(|a| a.as_uuid()),
                ratings: assessment.map(|s| s.ratings.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let certifier = passed
        .iter()
        .filter_map(|s| Some((s.assessed_at?, s.assessor_id?)))
        .max_by_key(|(when, _)| *when)
        .map_or(e.enrolled_by, |(_, who)| who);
    let c = Certification {
        id: uuid::Uuid::new_v4(),
        organisation_id: org,
        holder_id: e.user_id,
        track_id: Some(e.track_id),
        enrolment_id: Some(e.id),
        title: e.title.clone(),
        description: e.description.clone(),
        level: e.level,
        scope: e.scope.clone(),
        evidence,
        issued_at: at,
        expires_at: expires_at(at, e.validity_months),
        issued_by: certifier,
        renews_id: None,
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
    };
    // Under the enrolment's lock it is still active, so this closes it.
    certification::close(ex, org, e.id, COMPLETED, at, Some(c.id)).await?;
    certification::insert_certification(ex, &c, "").await?;
    user::touch_learning(ex, org, e.user_id).await?;
    if let Some(public_url) = public_url {
        let holder = user::get(ex, org, e.user_id).await?;
        let org_name = organisation::get(ex, org).await?.name.as_str().to_owned();
        let link = format!(
            "{}/certifications/{}",
            public_url.trim_end_matches('/'),
            c.id
        );
        let mail = issued(
            crate::reminders::to(&holder, &org_name),
            Line {
                text: c.title.clone(),
                when: holder.time_zone.local_date(c.expires_at).to_string(),
            },
            &link,
        );
        outbox::enqueue(ex, mail).await?;
    }
    Ok(Some(c.id))
}
