//! Goals on results: for a team or the whole organisation, one to three targets on metrics
//! ("FCR ≥ 75 % with AHT ≤ 420 s"), by a date.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(KpiGoals::Table)
                .col(pk_uuid(KpiGoals::Id))
                .col(uuid(KpiGoals::OrganisationId))
                .col(uuid_null(KpiGoals::TeamId))
                .col(string_len(KpiGoals::Title, 120))
                .col(text(KpiGoals::Targets))
                .col(date(KpiGoals::DueOn))
                .col(uuid(KpiGoals::CreatedBy))
                .col(timestamp_with_time_zone(KpiGoals::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(KpiGoals::Table, KpiGoals::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_kpi_goals_org_due",
            KpiGoals::Table,
            &[KpiGoals::OrganisationId, KpiGoals::DueOn],
            false,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(KpiGoals::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum KpiGoals {
    Table,
    Id,
    OrganisationId,
    TeamId,
    Title,
    Targets,
    DueOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}
