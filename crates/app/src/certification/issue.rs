//! Issuing a certification: the last module of an enrolment done closes it and issues what
//! the enrolment certifies, in the same transaction as the module, so a certification exists
//! exactly when every module is done.

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::certification::expires_at;
use cinco_domain::certification::{EnrolmentStatus, SubmissionStatus};
use cinco_persistence::certification::{self, Certification, Evidence, SubmissionFilter};
use cinco_persistence::{Executor, organisation, outbox, user};

use crate::mail::certification::issued;
use crate::mail::coaching::Line;
use crate::{App, AppError};

/// A module of the enrolment was done at `at`: when it was the last, the enrolment
/// completes and issues its certification, and the holder gets a mail linking to it from
/// `mail_from`'s public address (none when it is `None`, as for the demo). Returns the
/// certification's id when one was issued.
pub async fn issue_when_done(
    mail_from: Option<&App>,
    ex: &impl Executor,
    org: OrganisationId,
    enrolment: uuid::Uuid,
    at: DateTime<Utc>,
) -> Result<Option<uuid::Uuid>, AppError> {
    certification::lock(ex, org, enrolment).await?;
    let e = certification::enrolment(ex, org, enrolment).await?;
    if e.status != EnrolmentStatus::Active || e.modules.iter().any(|m| m.completed_at.is_none()) {
        return Ok(None);
    }
    let passed = certification::submissions(
        ex,
        org,
        SubmissionFilter {
            status: Some(SubmissionStatus::Passed),
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
                kind: m.kind,
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
    certification::close(ex, org, e.id, EnrolmentStatus::Completed, at, Some(c.id)).await?;
    certification::insert_certification(ex, &c, "").await?;
    user::touch_learning(ex, org, e.user_id).await?;
    if let Some(app) = mail_from {
        let holder = user::get(ex, org, e.user_id).await?;
        let org_name = organisation::get(ex, org).await?.name.as_str().to_owned();
        let link = app.link(&format!("/certifications/{}", c.id));
        let mail = issued(
            crate::reminders::to(&holder, &org_name),
            Line {
                text: c.title.clone(),
                when: holder.time_zone.local_date(c.expires_at).to_string(),
            },
            &link,
        );
        outbox::enqueue(ex, mail, at).await?;
    }
    Ok(Some(c.id))
}
