//! The outbox worker: claims due mails, sends them, and records each attempt. Failed sends
//! are retried with exponential backoff; several nodes can run it at once because rows are
//! claimed with a lease (and `FOR UPDATE SKIP LOCKED` on PostgreSQL).

use std::time::Duration;

use cinco_persistence::Database;
use cinco_persistence::outbox::{self, QueuedMail};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::watch;

use crate::Clock;

/// Attempts before a mail is marked failed for good.
pub const MAX_ATTEMPTS: i32 = 10;
/// Mails claimed per round.
const BATCH: u64 = 5;
/// How long a claim lasts unless renewed. The worker renews the claims of its batch every
/// third of this while it sends, so a live node keeps its mails however slow the SMTP
/// server is, and a node that died releases them within this time.
pub const LEASE: Duration = Duration::from_secs(15);

/// Where mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// The development mailbox: the mail is logged and stays readable in the outbox.
    Mailbox,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::Mailbox => f.write_str("Transport::Mailbox"),
        }
    }
}

impl Transport {
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://host:465` (TLS), or
    /// `smtp://host:25` (plain, for a relay on the same network); none means the mailbox.
    pub fn from_url(url: Option<&str>) -> anyhow::Result<Self> {
        match url {
            None => Ok(Transport::Mailbox),
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(Duration::from_secs(10)))
                    .build(),
            )),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Transport::Smtp(_) => "smtp",
            Transport::Mailbox => "mailbox",
        }
    }
}

/// The worker and its settings.
#[derive(Debug, Clone)]
pub struct MailWorker {
    pub db: Database,
    /// The time, as the rest of the app sees it.
    pub clock: Clock,
    pub transport: Transport,
    pub from: Mailbox,
    /// How often to look for due mail.
    pub poll_interval: Duration,
    /// The first retry waits this long; each later one twice as long as the one before.
    pub retry_base: Duration,
    /// Whether the development mailbox prints whole mails (with their links) to the log.
    /// Off in production, where the log may be shipped elsewhere.
    pub log_bodies: bool,
    /// How long a claim on a mail lasts unless renewed ([`LEASE`]).
    pub lease: Duration,
}

impl MailWorker {
    /// Runs until `stop` turns true.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            if let Err(err) = self.drain_once().await {
                tracing::warn!(error = %err, "mail round failed");
            }
            tokio::select! {
                _ = tokio::time::sleep(self.poll_interval) => {}
                _ = stop.changed() => break,
            }
            if *stop.borrow() {
                break;
            }
        }
    }

    /// Sends every mail that is due now; returns how many were delivered.
    pub async fn drain_once(&self) -> anyhow::Result<usize> {
        let lease = chrono::Duration::from_std(self.lease)?;
        let mut delivered = 0;
        loop {
            let batch = outbox::claim_due(&self.db, self.clock.now(), BATCH, lease).await?;
            if batch.is_empty() {
                return Ok(delivered);
            }
            let ids: Vec<uuid::Uuid> = batch.iter().map(|m| m.id).collect();
            let send = async {
                let mut sent = 0;
                for mail in &batch {
                    if self.deliver(mail).await {
                        sent += 1;
                    }
                }
                sent
            };
            tokio::select! {
                sent = send => delivered += sent,
                () = self.renew(&ids, lease) => {}
            }
        }
    }

    /// Renews the claims on `ids` every third of the lease, for as long as it is polled.
    /// Mails already sent or given back are not claimed again.
    async fn renew(&self, ids: &[uuid::Uuid], lease: chrono::Duration) {
        let mut every = tokio::time::interval(self.lease / 3);
        every.tick().await;
        loop {
            every.tick().await;
            if let Err(err) = outbox::renew_claims(&self.db, ids, self.clock.now() + lease).await {
                tracing::warn!(error = %err, "could not renew mail claims");
            }
        }
    }

    async fn deliver(&self, mail: &QueuedMail) -> bool {
        let outcome = match &self.transport {
            Transport::Mailbox => {
                let body = if self.log_bodies {
                    mail.body_text.as_str()
                } else {
                    "(hidden in production)"
                };
                tracing::info!(
                    to = %mail.recipient,
                    subject = %mail.subject,
                    body,
                    "mail delivered to the development mailbox"
                );
                Ok(())
            }
            Transport::Smtp(smtp) => self.send_smtp(smtp, mail).await,
        };
        let recorded = match &outcome {
            Ok(()) => {
                outbox::mark_sent(&self.db, mail.id, self.transport.name(), self.clock.now()).await
            }
            Err(err) => {
                let attempt = mail.attempts + 1;
                let retry_at =
                    (attempt < MAX_ATTEMPTS).then(|| self.clock.now() + self.backoff(attempt));
                tracing::warn!(to = %mail.recipient, attempt, error = %err, "mail not sent");
                outbox::mark_attempt_failed(&self.db, mail.id, &err.to_string(), retry_at).await
            }
        };
        if let Err(err) = recorded {
            tracing::error!(error = %err, mail = %mail.id, "could not record a mail attempt");
        }
        outcome.is_ok()
    }

    async fn send_smtp(
        &self,
        smtp: &AsyncSmtpTransport<Tokio1Executor>,
        mail: &QueuedMail,
    ) -> anyhow::Result<()> {
        let message = Message::builder()
            .message_id(Some(message_id(mail.id, &self.from)))
            .from(self.from.clone())
            .to(mail.recipient.parse()?)
            .subject(&mail.subject)
            .multipart(MultiPart::alternative_plain_html(
                mail.body_text.clone(),
                mail.body_html.clone(),
            ))?;
        smtp.send(message).await?;
        Ok(())
    }

    /// Wait before attempt `attempt + 1`: base × 2^(attempt − 1), at most one hour.
    fn backoff(&self, attempt: i32) -> chrono::Duration {
        let factor = 1u32 << u32::try_from(attempt - 1).unwrap_or(0).min(16);
        let wait = self
            .retry_base
            .saturating_mul(factor)
            .min(Duration::from_secs(3600));
        chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1))
    }
}

/// The `Message-ID` of an outbox row: the same on every attempt, so a mail sent twice (a node
/// died after the SMTP server took it, before the outbox recorded it) is recognisable as one.
pub fn message_id(id: uuid::Uuid, from: &Mailbox) -> String {
    format!("<{}@{}>", id.simple(), from.email.domain())
}
