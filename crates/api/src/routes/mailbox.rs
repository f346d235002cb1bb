//! The development mailbox: mails of the organisation as queued and sent, for admins. With
//! no SMTP server configured this is where invitations and reset links can be read.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use cinco_persistence::outbox;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::ADMIN;
use crate::auth::{AuthUser, require};
use crate::error::ApiError;
use crate::state::AppState;
use crate::states::DeliveryStatusView;

#[derive(Debug, Serialize, ToSchema)]
pub struct MailView {
    id: uuid::Uuid,
    /// What caused the mail, e.g. `invitation`, `password_reset`.
    kind: String,
    recipient: String,
    subject: String,
    body_text: String,
    status: DeliveryStatusView,
    attempts: i32,
    last_error: Option<String>,
    /// `smtp` or `mailbox`.
    delivered_via: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The organisation's 100 most recent mails, newest first (admins). Bodies are shown only
/// while no SMTP server is configured (the development mailbox).
#[utoipa::path(
    tag = "mailbox",
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "Mails", body = Vec<MailView>))
)]
#[get("/mailbox", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mails = outbox::recent(&state.db, auth.org, 100).await?;
    // Mails that went out by SMTP carry live links meant for their recipients only.
    let show_bodies = state.settings.smtp_url.is_none();
    let views: Vec<MailView> = mails
        .into_iter()
        .map(|m| MailView {
            id: m.id,
            kind: m.kind,
            recipient: m.recipient,
            subject: m.subject,
            body_text: if show_bodies {
                m.body_text
            } else {
                String::new()
            },
            status: m.status.into(),
            attempts: m.attempts,
            last_error: m.last_error,
            delivered_via: m.delivered_via,
            created_at: m.created_at,
            sent_at: m.sent_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(views))
}
