//! Decisions on real contacts (what an agent decided for a customer, checked against their
//! authority limit, with a lead's answer when it was above it) and the recognitions people
//! give them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Decisions::Table)
                .col(pk_uuid(Decisions::Id))
                .col(uuid(Decisions::OrganisationId))
                .col(uuid(Decisions::AgentId))
                // The agent's team when they logged it: the feed and the report count it there.
                .col(uuid_null(Decisions::TeamId))
                .col(string_len(Decisions::DecisionKey, 64))
                .col(big_integer_null(Decisions::AmountCents))
                .col(big_integer_null(Decisions::LimitCents))
                .col(text(Decisions::CustomerNeed))
                .col(text(Decisions::ActionTaken))
                .col(boolean(Decisions::ResolvedFirstContact))
                .col(small_integer_null(Decisions::Csat))
                .col(string_len_null(Decisions::ContactReference, 100))
                .col(string_len(Decisions::Status, 32))
                .col(timestamp_with_time_zone(Decisions::DecidedAt))
                .col(uuid_null(Decisions::AnsweredBy))
                .col(timestamp_with_time_zone_null(Decisions::AnsweredAt))
                .col(text_null(Decisions::AnswerReason))
                .col(uuid_null(Decisions::CoachingSessionId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Decisions::Table, Decisions::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_decisions_org_decided",
            Decisions::Table,
            &[Decisions::OrganisationId, Decisions::DecidedAt],
            false,
        )
        .await?;
        index(
            m,
            "idx_decisions_org_agent",
            Decisions::Table,
            &[Decisions::OrganisationId, Decisions::AgentId],
            false,
        )
        .await?;
        index(
            m,
            "idx_decisions_org_status",
            Decisions::Table,
            &[Decisions::OrganisationId, Decisions::Status],
            false,
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DecisionRecognitions::Table)
                .col(pk_uuid(DecisionRecognitions::Id))
                .col(uuid(DecisionRecognitions::OrganisationId))
                .col(uuid(DecisionRecognitions::DecisionId))
                .col(uuid(DecisionRecognitions::ByUserId))
                .col(text(DecisionRecognitions::Note))
                .col(timestamp_with_time_zone(DecisionRecognitions::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            DecisionRecognitions::Table,
                            DecisionRecognitions::DecisionId,
                        )
                        .to(Decisions::Table, Decisions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // One recognition per person and decision.
        index(
            m,
            "uq_decision_recognitions_by",
            DecisionRecognitions::Table,
            &[
                DecisionRecognitions::DecisionId,
                DecisionRecognitions::ByUserId,
            ],
            true,
        )
        .await?;
        index(
            m,
            "idx_decision_recognitions_org_created",
            DecisionRecognitions::Table,
            &[
                DecisionRecognitions::OrganisationId,
                DecisionRecognitions::CreatedAt,
            ],
            false,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DecisionRecognitions::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Decisions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Decisions {
    Table,
    Id,
    OrganisationId,
    AgentId,
    TeamId,
    DecisionKey,
    AmountCents,
    LimitCents,
    CustomerNeed,
    ActionTaken,
    ResolvedFirstContact,
    Csat,
    ContactReference,
    Status,
    DecidedAt,
    AnsweredBy,
    AnsweredAt,
    AnswerReason,
    CoachingSessionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum DecisionRecognitions {
    Table,
    Id,
    OrganisationId,
    DecisionId,
    ByUserId,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}
