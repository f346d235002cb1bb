//! Uploaded images for lessons: the bytes live in a blob store (local disk by default), this
//! table keeps what each upload is and whose it is.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Media::Table)
                .col(pk_uuid(Media::Id))
                .col(uuid(Media::OrganisationId))
                .col(string_len(Media::ContentType, 64))
                .col(big_integer(Media::Bytes))
                .col(string_len(Media::Sha256, 64))
                .col(string_len(Media::FileName, 200))
                .col(uuid(Media::CreatedBy))
                .col(timestamp_with_time_zone(Media::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Media::Table, Media::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_media_org_created")
                .table(Media::Table)
                .col(Media::OrganisationId)
                .col(Media::CreatedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Media::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Media {
    Table,
    Id,
    OrganisationId,
    ContentType,
    Bytes,
    Sha256,
    FileName,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}
