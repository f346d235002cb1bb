//! Good practices: decision stories shared so everyone knows what is expected, each in one
//! or more languages, and which agent has read which (one card a week in Today).

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(GoodPractices::Table)
                .col(pk_uuid(GoodPractices::Id))
                .col(uuid(GoodPractices::OrganisationId))
                .col(uuid(GoodPractices::DecisionId))
                .col(uuid(GoodPractices::AgentId))
                // The agent's name is not shown (names removed on request).
                .col(boolean(GoodPractices::Anonymous))
                .col(string_len(GoodPractices::DecisionKey, 64))
                .col(big_integer_null(GoodPractices::AmountCents))
                // The language it was written in: other variants are checked against it.
                .col(string_len(GoodPractices::SourceLocale, 8))
                .col(uuid(GoodPractices::PromotedBy))
                .col(timestamp_with_time_zone(GoodPractices::CreatedAt))
                .col(timestamp_with_time_zone_null(GoodPractices::RetiredAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(GoodPractices::Table, GoodPractices::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // A decision is shared once.
        index(
            m,
            "uq_good_practices_decision",
            GoodPractices::Table,
            &[GoodPractices::OrganisationId, GoodPractices::DecisionId],
            true,
        )
        .await?;
        index(
            m,
            "idx_good_practices_org_created",
            GoodPractices::Table,
            &[GoodPractices::OrganisationId, GoodPractices::CreatedAt],
            false,
        )
        .await?;
        m.create_table(
            Table::create()
                .table(GoodPracticeTexts::Table)
                .col(pk_uuid(GoodPracticeTexts::Id))
                .col(uuid(GoodPracticeTexts::OrganisationId))
                .col(uuid(GoodPracticeTexts::PracticeId))
                .col(string_len(GoodPracticeTexts::Locale, 8))
                .col(string_len(GoodPracticeTexts::Title, 200))
                .col(text(GoodPracticeTexts::Story))
                .col(uuid(GoodPracticeTexts::UpdatedBy))
                .col(timestamp_with_time_zone(GoodPracticeTexts::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(GoodPracticeTexts::Table, GoodPracticeTexts::PracticeId)
                        .to(GoodPractices::Table, GoodPractices::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "uq_good_practice_texts_locale",
            GoodPracticeTexts::Table,
            &[GoodPracticeTexts::PracticeId, GoodPracticeTexts::Locale],
            true,
        )
        .await?;
        m.create_table(
            Table::create()
                .table(GoodPracticeReads::Table)
                .col(pk_uuid(GoodPracticeReads::Id))
                .col(uuid(GoodPracticeReads::OrganisationId))
                .col(uuid(GoodPracticeReads::PracticeId))
                .col(uuid(GoodPracticeReads::UserId))
                .col(timestamp_with_time_zone(GoodPracticeReads::ReadAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(GoodPracticeReads::Table, GoodPracticeReads::PracticeId)
                        .to(GoodPractices::Table, GoodPractices::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "uq_good_practice_reads_user",
            GoodPracticeReads::Table,
            &[GoodPracticeReads::PracticeId, GoodPracticeReads::UserId],
            true,
        )
        .await?;
        index(
            m,
            "idx_good_practice_reads_org_user",
            GoodPracticeReads::Table,
            &[
                GoodPracticeReads::OrganisationId,
                GoodPracticeReads::UserId,
                GoodPracticeReads::ReadAt,
            ],
            false,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(GoodPracticeReads::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(GoodPracticeTexts::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(GoodPractices::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum GoodPractices {
    Table,
    Id,
    OrganisationId,
    DecisionId,
    AgentId,
    Anonymous,
    DecisionKey,
    AmountCents,
    SourceLocale,
    PromotedBy,
    CreatedAt,
    RetiredAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GoodPracticeTexts {
    Table,
    Id,
    OrganisationId,
    PracticeId,
    Locale,
    Title,
    Story,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GoodPracticeReads {
    Table,
    Id,
    OrganisationId,
    PracticeId,
    UserId,
    ReadAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}
