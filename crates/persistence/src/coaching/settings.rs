//! Each organisation's coaching settings, and the log that keeps coaching mails to one per
//! person and period.

use chrono::{DateTime, Utc};
use cinco_domain::coaching::remediation::LoopSettings;
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::RepoError;
use crate::entities::{coaching_mails, organisation_coaching};
use crate::executor::Executor;

/// An organisation's coaching settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Local "HH:MM" times.
    pub quiet_hours: Option<(String, String)>,
    pub reminder_notice_hours: i32,
    pub idle_days: i32,
    /// Only people certified for a competency may sign off coaching ratings of it, and only
    /// certified trainers assess teach-backs and observed sessions.
    pub enforce_certified_coaching: bool,
}

pub async fn settings(ex: &impl Executor, org: OrganisationId) -> Result<Settings, RepoError> {
    let r = organisation_coaching::Entity::find_by_id(org.as_uuid())
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    Ok(Settings {
        quiet_hours: r.quiet_hours_start.zip(r.quiet_hours_end),
        reminder_notice_hours: r.reminder_notice_hours,
        idle_days: r.idle_days,
        enforce_certified_coaching: r.enforce_certified_coaching,
    })
}

pub async fn set_settings(
    ex: &impl Executor,
    org: OrganisationId,
    s: &Settings,
) -> Result<(), RepoError> {
    let (start, end) = s.quiet_hours.clone().unzip();
    organisation_coaching::Entity::update_many()
        .col_expr(
            organisation_coaching::Column::QuietHoursStart,
            Expr::value(start),
        )
        .col_expr(
            organisation_coaching::Column::QuietHoursEnd,
            Expr::value(end),
        )
        .col_expr(
            organisation_coaching::Column::ReminderNoticeHours,
            Expr::value(s.reminder_notice_hours),
        )
        .col_expr(
            organisation_coaching::Column::IdleDays,
            Expr::value(s.idle_days),
        )
        .col_expr(
            organisation_coaching::Column::EnforceCertifiedCoaching,
            Expr::value(s.enforce_certified_coaching),
        )
        .filter(organisation_coaching::Column::Id.eq(org.as_uuid()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Claims the one coaching mail of `kind` for a person and period (a local day, an ISO
/// week); false when it was claimed already (by this node or another).
pub async fn claim_mail(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    kind: &str,
    period: &str,
    at: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let row = coaching_mails::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(org.as_uuid()),
        user_id: Set(user.as_uuid()),
        kind: Set(kind.to_owned()),
        period: Set(period.to_owned()),
        sent_at: Set(at),
    };
    match coaching_mails::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("coaching_mails.period"))
    {
        Ok(_) => Ok(true),
        Err(RepoError::Conflict(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The last period a person got a coaching mail of `kind` for.
pub async fn last_mail(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    kind: &str,
) -> Result<Option<String>, RepoError> {
    Ok(coaching_mails::Entity::find()
        .filter(coaching_mails::Column::OrganisationId.eq(org.as_uuid()))
        .filter(coaching_mails::Column::UserId.eq(user.as_uuid()))
        .filter(coaching_mails::Column::Kind.eq(kind))
        .order_by_desc(coaching_mails::Column::SentAt)
        .one(ex.conn())
        .await?
        .map(|r| r.period))
}

/// The organisation's QA-loop thresholds.
pub async fn loop_settings(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<LoopSettings, RepoError> {
    let r = organisation_coaching::Entity::find_by_id(org.as_uuid())
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    LoopSettings::new(
        r.qa_loop_enabled,
        i64::from(r.qa_loop_rating_max),
        i64::from(r.qa_loop_percent_below),
    )
    .map_err(|_| crate::corrupt("organisations", "qa_loop"))
}

pub async fn set_loop_settings(
    ex: &impl Executor,
    org: OrganisationId,
    s: &LoopSettings,
) -> Result<(), RepoError> {
    organisation_coaching::Entity::update_many()
        .col_expr(
            organisation_coaching::Column::QaLoopEnabled,
            Expr::value(s.enabled),
        )
        .col_expr(
            organisation_coaching::Column::QaLoopRatingMax,
            Expr::value(i32::from(s.rating_at_or_below)),
        )
        .col_expr(
            organisation_coaching::Column::QaLoopPercentBelow,
            Expr::value(i32::from(s.qa_percent_below)),
        )
        .filter(organisation_coaching::Column::Id.eq(org.as_uuid()))
        .exec(ex.conn())
        .await?;
    Ok(())
}
