//! An external id on people: the identifier other systems (the WFM, the dialler, the
//! quality tool) know an agent by, so KPI values can be matched by it as well as by address.
//! Optional, and unique within an organisation where set.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(string_len_null(Users::ExternalId, 100))
                .to_owned(),
        )
        .await?;
        // Both databases treat NULLs as distinct in a unique index, so any number of people
        // may have none.
        index(
            m,
            "idx_users_org_external_id",
            Users::Table,
            &[Users::OrganisationId, Users::ExternalId],
            true,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_users_org_external_id")
                .table(Users::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .drop_column(Users::ExternalId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    OrganisationId,
    ExternalId,
}
