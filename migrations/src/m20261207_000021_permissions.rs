//! A decision type grants an amount of money, or a permission without an amount (bend a
//! cut-off time): `grant_kind` says which. Every existing type grants an amount.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuthorityDecisions::Table)
                .add_column(string_len(AuthorityDecisions::GrantKind, 16).default("amount"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuthorityDecisions::Table)
                .drop_column(AuthorityDecisions::GrantKind)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum AuthorityDecisions {
    Table,
    GrantKind,
}
