//! The mail outbox: mails are written in the same transaction as the change that causes
//! them and sent later by a worker, so a mail server that is down loses nothing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(pk_uuid(Outbox::Id))
                .col(uuid_null(Outbox::OrganisationId))
                // What caused the mail, e.g. "invitation", "password_reset".
                .col(string_len(Outbox::Kind, 32))
                .col(string_len(Outbox::Recipient, 254))
                .col(string_len(Outbox::Subject, 300))
                .col(text(Outbox::BodyText))
                .col(text(Outbox::BodyHtml))
                // "pending", "sent" or "failed" (gave up after the last retry).
                .col(string_len(Outbox::Status, 16))
                .col(integer(Outbox::Attempts))
                .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                // A worker that claims a row leases it until then; a crashed worker's
                // claim simply runs out.
                .col(timestamp_with_time_zone_null(Outbox::LockedUntil))
                .col(text_null(Outbox::LastError))
                // "smtp" or "mailbox" (the development mailbox).
                .col(string_len_null(Outbox::DeliveredVia, 16))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .col(timestamp_with_time_zone_null(Outbox::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_due")
                .table(Outbox::Table)
                .col(Outbox::Status)
                .col(Outbox::NextAttemptAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Outbox::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    OrganisationId,
    Kind,
    Recipient,
    Subject,
    BodyText,
    BodyHtml,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    DeliveredVia,
    CreatedAt,
    SentAt,
}
