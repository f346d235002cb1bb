//! Closing the QA loop: each organisation's thresholds (a coaching rating at or below, a QA
//! percent below), a metric's link to the competency it measures, and the competency a
//! remediation path was given for, one open per agent and competency.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

/// One open remediation per agent and competency: two low scores arriving at once cannot
/// both give a path. A partial unique index, the same SQL on SQLite and PostgreSQL.
const OPEN_REMEDIATION: &str = "CREATE UNIQUE INDEX idx_path_assignments_open_remediation \
     ON path_assignments (organisation_id, user_id, remediation_competency) \
     WHERE status = 'active' AND remediation_competency IS NOT NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [
            boolean(Organisations::QaLoopEnabled)
                .default(false)
                .to_owned(),
            integer(Organisations::QaLoopRatingMax)
                .default(2)
                .to_owned(),
            integer(Organisations::QaLoopPercentBelow)
                .default(70)
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(KpiMetrics::Table)
                .add_column(string_len_null(KpiMetrics::CompetencyKey, 80))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(PathAssignments::Table)
                .add_column(string_len_null(PathAssignments::RemediationCompetency, 80))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(OPEN_REMEDIATION)
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX idx_path_assignments_open_remediation")
            .await?;
        m.alter_table(
            Table::alter()
                .table(PathAssignments::Table)
                .drop_column(PathAssignments::RemediationCompetency)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(KpiMetrics::Table)
                .drop_column(KpiMetrics::CompetencyKey)
                .to_owned(),
        )
        .await?;
        for col in [
            Organisations::QaLoopEnabled,
            Organisations::QaLoopRatingMax,
            Organisations::QaLoopPercentBelow,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    QaLoopEnabled,
    QaLoopRatingMax,
    QaLoopPercentBelow,
}

#[derive(DeriveIden, Clone, Copy)]
enum KpiMetrics {
    Table,
    CompetencyKey,
}

#[derive(DeriveIden, Clone, Copy)]
enum PathAssignments {
    Table,
    RemediationCompetency,
}
