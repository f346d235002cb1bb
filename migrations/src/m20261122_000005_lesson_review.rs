//! The organisation setting that makes a second trainer's review required before a lesson
//! is published.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .add_column(boolean(Organisations::LessonReviewRequired).default(false))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .drop_column(Organisations::LessonReviewRequired)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    LessonReviewRequired,
}
