//! The durable mail outbox. Mails are enqueued in the transaction of the change that causes
//! them; workers on any number of nodes claim due rows (with `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL and a lease), send them and record the outcome.

use chrono::{DateTime, Duration, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::mail::DeliveryStatus;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entities::outbox;
use crate::executor::Executor;
use crate::{Database, RepoError, corrupt};

/// A mail to send.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub organisation_id: Option<OrganisationId>,
    /// What caused it, e.g. `invitation`.
    pub kind: &'static str,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// A mail as stored, with its delivery state.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub id: uuid::Uuid,
    pub organisation_id: Option<OrganisationId>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub delivered_via: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Queues a mail for sending as soon as possible.
pub async fn enqueue(
    ex: &impl Executor,
    mail: OutgoingMail,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = outbox::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(mail.organisation_id.map(|o| o.as_uuid())),
        kind: Set(mail.kind.to_owned()),
        recipient: Set(mail.recipient),
        subject: Set(mail.subject),
        body_text: Set(mail.body_text),
        body_html: Set(mail.body_html),
        status: Set(DeliveryStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        delivered_via: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    };
    outbox::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await?;
    Ok(())
}

/// Claims up to `limit` due mails for `lease`; no other worker gets them until the lease
/// runs out or they are marked sent or failed.
pub async fn claim_due(
    db: &Database,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> Result<Vec<QueuedMail>, RepoError> {
    let tx = db.begin().await?;
    let mut query = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(DeliveryStatus::Pending.as_str()))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(
            Condition::any()
                .add(outbox::Column::LockedUntil.is_null())
                .add(outbox::Column::LockedUntil.lt(now)),
        )
        .order_by_asc(outbox::Column::NextAttemptAt)
        .limit(limit);
    if tx.conn().get_database_backend() == DbBackend::Postgres {
        query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = query.all(tx.conn()).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(now + lease))
        .filter(outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(tx.conn())
        .await?;
    tx.commit().await?;
    rows.into_iter().map(to_queued).collect()
}

/// Extends the claims on `ids` to `until`, for those still claimed (not yet sent, failed
/// or given back for a retry).
pub async fn renew_claims(
    db: &Database,
    ids: &[uuid::Uuid],
    until: DateTime<Utc>,
) -> Result<(), RepoError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(until))
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::Status.eq(DeliveryStatus::Pending.as_str()))
        .filter(outbox::Column::LockedUntil.is_not_null())
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Records a delivery.
pub async fn mark_sent(
    db: &Database,
    id: uuid::Uuid,
    via: &str,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(DeliveryStatus::Sent.as_str()),
        )
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(outbox::Column::DeliveredVia, Expr::value(via))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up on when `None`.
pub async fn mark_attempt_failed(
    db: &Database,
    id: uuid::Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), RepoError> {
    let mut update = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(error.chars().take(2000).collect::<String>()),
        )
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    update = match retry_at {
        Some(at) => update.col_expr(outbox::Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(
            outbox::Column::Status,
            Expr::value(DeliveryStatus::Failed.as_str()),
        ),
    };
    update
        .filter(outbox::Column::Id.eq(id))
        .exec(db.conn())
        .await?;
    Ok(())
}

/// The organisation's most recent mails, newest first (the development mailbox).
pub async fn recent(
    ex: &impl Executor,
    org: OrganisationId,
    limit: u64,
) -> Result<Vec<QueuedMail>, RepoError> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::OrganisationId.eq(org.as_uuid()))
        .order_by_desc(outbox::Column::CreatedAt)
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_queued).collect()
}

/// Every mail to one address, oldest first (for tests and support).
pub async fn to_recipient(
    ex: &impl Executor,
    recipient: &str,
) -> Result<Vec<QueuedMail>, RepoError> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(recipient))
        .order_by_asc(outbox::Column::CreatedAt)
        .order_by_asc(outbox::Column::Id)
        .all(ex.conn())
        .await?;
    rows.into_iter().map(to_queued).collect()
}

fn to_queued(row: outbox::Model) -> Result<QueuedMail, RepoError> {
    Ok(QueuedMail {
        id: row.id,
        organisation_id: row.organisation_id.map(OrganisationId::from_uuid),
        kind: row.kind,
        recipient: row.recipient,
        subject: row.subject,
        body_text: row.body_text,
        body_html: row.body_html,
        status: DeliveryStatus::parse(&row.status).ok_or_else(|| corrupt("outbox", "status"))?,
        attempts: row.attempts,
        last_error: row.last_error,
        delivered_via: row.delivered_via,
        created_at: row.created_at,
        sent_at: row.sent_at,
    })
}
