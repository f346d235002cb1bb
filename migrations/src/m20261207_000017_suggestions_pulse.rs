//! Procedures that listen and the monthly pulse: an agent's suggestion about a rule that
//! stopped them helping a customer, with its one answer; the pulse's tallies per team and
//! month (no person in them) and, apart, who has answered which month; and the
//! organisation's time zone, which says when a month begins.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .add_column(string_len(Organisations::TimeZone, 64).default("UTC"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProcedureSuggestions::Table)
                .col(pk_uuid(ProcedureSuggestions::Id))
                .col(uuid(ProcedureSuggestions::OrganisationId))
                .col(uuid(ProcedureSuggestions::AuthorId))
                // The author's team when they flagged it: whose lead reads it.
                .col(uuid_null(ProcedureSuggestions::TeamId))
                .col(text(ProcedureSuggestions::WhatHappened))
                .col(string_len(ProcedureSuggestions::RuleText, 500))
                .col(string_len_null(ProcedureSuggestions::CompetencyKey, 64))
                .col(string_len_null(ProcedureSuggestions::DecisionKey, 64))
                .col(text(ProcedureSuggestions::Proposal))
                .col(string_len(ProcedureSuggestions::Status, 16))
                .col(string_len_null(ProcedureSuggestions::ChangeKind, 16))
                .col(text_null(ProcedureSuggestions::AnswerText))
                .col(uuid_null(ProcedureSuggestions::AnsweredBy))
                .col(timestamp_with_time_zone_null(
                    ProcedureSuggestions::AnsweredAt,
                ))
                .col(timestamp_with_time_zone(ProcedureSuggestions::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ProcedureSuggestions::Table,
                            ProcedureSuggestions::OrganisationId,
                        )
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProcedureSuggestions::Table, ProcedureSuggestions::AuthorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_procedure_suggestions_org_status",
            ProcedureSuggestions::Table,
            &[
                ProcedureSuggestions::OrganisationId,
                ProcedureSuggestions::Status,
                ProcedureSuggestions::CreatedAt,
            ],
            false,
        )
        .await?;
        index(
            m,
            "idx_procedure_suggestions_author",
            ProcedureSuggestions::Table,
            &[
                ProcedureSuggestions::OrganisationId,
                ProcedureSuggestions::AuthorId,
            ],
            false,
        )
        .await?;
        // How many gave each score to each statement, per team and month: a count, never a
        // row per answer, so not even the order of rows can tie an answer to a person.
        m.create_table(
            Table::create()
                .table(PulseTallies::Table)
                .col(pk_uuid(PulseTallies::Id))
                .col(uuid(PulseTallies::OrganisationId))
                .col(uuid(PulseTallies::TeamId))
                .col(string_len(PulseTallies::Month, 7))
                .col(string_len(PulseTallies::Statement, 16))
                .col(small_integer(PulseTallies::Score))
                .col(integer(PulseTallies::Answers))
                .foreign_key(
                    ForeignKey::create()
                        .from(PulseTallies::Table, PulseTallies::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(PulseTallies::Table, PulseTallies::TeamId)
                        .to(Teams::Table, Teams::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "uq_pulse_tallies_cell",
            PulseTallies::Table,
            &[
                PulseTallies::OrganisationId,
                PulseTallies::TeamId,
                PulseTallies::Month,
                PulseTallies::Statement,
                PulseTallies::Score,
            ],
            true,
        )
        .await?;
        // Who has answered which month: what keeps the pulse to once a month, and nothing
        // about what they answered.
        m.create_table(
            Table::create()
                .table(PulseRespondents::Table)
                .col(pk_uuid(PulseRespondents::Id))
                .col(uuid(PulseRespondents::OrganisationId))
                .col(uuid(PulseRespondents::UserId))
                .col(string_len(PulseRespondents::Month, 7))
                .foreign_key(
                    ForeignKey::create()
                        .from(PulseRespondents::Table, PulseRespondents::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(PulseRespondents::Table, PulseRespondents::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "uq_pulse_respondents_month",
            PulseRespondents::Table,
            &[
                PulseRespondents::OrganisationId,
                PulseRespondents::UserId,
                PulseRespondents::Month,
            ],
            true,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PulseRespondents::Table.into_iden(),
            PulseTallies::Table.into_iden(),
            ProcedureSuggestions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .drop_column(Organisations::TimeZone)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcedureSuggestions {
    Table,
    Id,
    OrganisationId,
    AuthorId,
    TeamId,
    WhatHappened,
    RuleText,
    CompetencyKey,
    DecisionKey,
    Proposal,
    Status,
    ChangeKind,
    AnswerText,
    AnsweredBy,
    AnsweredAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PulseTallies {
    Table,
    Id,
    OrganisationId,
    TeamId,
    Month,
    Statement,
    Score,
    Answers,
}

#[derive(DeriveIden, Clone, Copy)]
enum PulseRespondents {
    Table,
    Id,
    OrganisationId,
    UserId,
    Month,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    TimeZone,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}
