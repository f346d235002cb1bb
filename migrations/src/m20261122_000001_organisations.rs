//! Organisations: the tenants. Everything else in Cinco belongs to exactly one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .if_not_exists()
                    .col(pk_uuid(Organisations::Id))
                    .col(string_len(Organisations::Name, 200))
                    // A short, URL-safe handle, unique across the installation.
                    .col(string_len_uniq(Organisations::Slug, 64))
                    .col(string_len(Organisations::DefaultLocale, 8))
                    // Comma-separated locale codes offered to members, e.g. "es,en,it".
                    .col(string_len(Organisations::OfferedLocales, 64))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Organisations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    Slug,
    DefaultLocale,
    OfferedLocales,
    CreatedAt,
}
