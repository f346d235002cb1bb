//! Results: the customer KPIs an organisation measures (built in and its own), their values
//! per agent and period, and the imports that brought them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(KpiMetrics::Table)
                .col(pk_uuid(KpiMetrics::Id))
                .col(uuid(KpiMetrics::OrganisationId))
                .col(string_len(KpiMetrics::Key, 40))
                .col(string_len(KpiMetrics::Name, 80))
                .col(string_len(KpiMetrics::Unit, 20))
                .col(string_len(KpiMetrics::Direction, 8))
                .col(double_null(KpiMetrics::Minimum))
                .col(double_null(KpiMetrics::Maximum))
                .col(timestamp_with_time_zone(KpiMetrics::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(KpiMetrics::Table, KpiMetrics::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_kpi_metrics_org_key",
            KpiMetrics::Table,
            &[KpiMetrics::OrganisationId, KpiMetrics::Key],
            true,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(KpiImports::Table)
                .col(pk_uuid(KpiImports::Id))
                .col(uuid(KpiImports::OrganisationId))
                .col(uuid_null(KpiImports::CreatedBy))
                .col(string_len(KpiImports::Source, 8))
                .col(string_len(KpiImports::FileName, 200))
                .col(integer(KpiImports::RowsTotal))
                .col(integer(KpiImports::RowsImported))
                .col(integer(KpiImports::RowsRejected))
                .col(timestamp_with_time_zone(KpiImports::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(KpiImports::Table, KpiImports::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_kpi_imports_org_created",
            KpiImports::Table,
            &[KpiImports::OrganisationId, KpiImports::CreatedAt],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(KpiValues::Table)
                .col(uuid(KpiValues::OrganisationId))
                .col(uuid(KpiValues::UserId))
                .col(uuid(KpiValues::MetricId))
                .col(string_len(KpiValues::PeriodKind, 4))
                .col(date(KpiValues::PeriodStart))
                .col(double(KpiValues::Value))
                .col(uuid_null(KpiValues::ImportId))
                .col(timestamp_with_time_zone(KpiValues::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(KpiValues::OrganisationId)
                        .col(KpiValues::UserId)
                        .col(KpiValues::MetricId)
                        .col(KpiValues::PeriodKind)
                        .col(KpiValues::PeriodStart),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(KpiValues::Table, KpiValues::MetricId)
                        .to(KpiMetrics::Table, KpiMetrics::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(KpiValues::Table, KpiValues::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_kpi_values_org_metric_period",
            KpiValues::Table,
            &[
                KpiValues::OrganisationId,
                KpiValues::MetricId,
                KpiValues::PeriodStart,
            ],
            false,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(KpiValues::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(KpiImports::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(KpiMetrics::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum KpiMetrics {
    Table,
    Id,
    OrganisationId,
    Key,
    Name,
    Unit,
    Direction,
    Minimum,
    Maximum,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum KpiImports {
    Table,
    Id,
    OrganisationId,
    CreatedBy,
    Source,
    FileName,
    RowsTotal,
    RowsImported,
    RowsRejected,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum KpiValues {
    Table,
    OrganisationId,
    UserId,
    MetricId,
    PeriodKind,
    PeriodStart,
    Value,
    ImportId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
