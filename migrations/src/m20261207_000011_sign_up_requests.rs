//! Sign-ups waiting for their address to be confirmed. Nothing here reserves the address:
//! an organisation and its admin exist only once the mailed link is opened.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SignUpRequests::Table)
                .col(pk_uuid(SignUpRequests::Id))
                .col(string_len_uniq(SignUpRequests::TokenHash, 64))
                .col(string_len(SignUpRequests::Email, 320))
                .col(string_len(SignUpRequests::OrganisationName, 200))
                .col(string_len(SignUpRequests::DisplayName, 200))
                .col(string_len(SignUpRequests::Locale, 8))
                .col(string_len(SignUpRequests::TimeZone, 64))
                .col(string_len(SignUpRequests::PasswordHash, 255))
                .col(timestamp_with_time_zone(SignUpRequests::CreatedAt))
                .col(timestamp_with_time_zone(SignUpRequests::ExpiresAt))
                .col(timestamp_with_time_zone_null(SignUpRequests::UsedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sign_up_requests_expires")
                .table(SignUpRequests::Table)
                .col(SignUpRequests::ExpiresAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignUpRequests::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SignUpRequests {
    Table,
    Id,
    TokenHash,
    Email,
    OrganisationName,
    DisplayName,
    Locale,
    TimeZone,
    PasswordHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}
