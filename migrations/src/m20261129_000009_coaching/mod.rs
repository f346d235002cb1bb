//! Coaching: path templates, the paths assigned to agents (each a copy of its template's
//! steps, so editing a template never changes a running path), their history, team rules
//! that give a path to later joiners, scorecards, coaching sessions with their ratings, the
//! reminder log that keeps reminders to one mail a day, and each organisation's quiet hours.

use sea_orm_migration::{prelude::*, schema::*};

mod idens;

use idens::*;

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Local "HH:MM"; both unset means no quiet hours.
        add_column(m, string_len_null(Organisations::QuietHoursStart, 5)).await?;
        add_column(m, string_len_null(Organisations::QuietHoursEnd, 5)).await?;
        add_column(
            m,
            integer(Organisations::ReminderNoticeHours)
                .default(48)
                .to_owned(),
        )
        .await?;
        add_column(m, integer(Organisations::IdleDays).default(14).to_owned()).await?;

        m.create_table(
            Table::create()
                .table(PathTemplates::Table)
                .col(pk_uuid(PathTemplates::Id))
                .col(uuid(PathTemplates::OrganisationId))
                .col(string_len(PathTemplates::Title, 200))
                .col(text(PathTemplates::Description))
                // The steps as JSON, checked by `cinco_domain::coaching::PathTemplate`.
                .col(text(PathTemplates::Steps))
                .col(uuid(PathTemplates::CreatedBy))
                .col(timestamp_with_time_zone(PathTemplates::CreatedAt))
                .col(timestamp_with_time_zone(PathTemplates::UpdatedAt))
                .col(timestamp_with_time_zone_null(PathTemplates::ArchivedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_path_templates_org",
            PathTemplates::Table,
            &[PathTemplates::OrganisationId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PathTeamRules::Table)
                .col(pk_uuid(PathTeamRules::Id))
                .col(uuid(PathTeamRules::OrganisationId))
                .col(uuid(PathTeamRules::TeamId))
                .col(uuid(PathTeamRules::TemplateId))
                .col(uuid(PathTeamRules::CreatedBy))
                .col(timestamp_with_time_zone(PathTeamRules::CreatedAt))
                .col(timestamp_with_time_zone_null(PathTeamRules::EndedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_path_team_rules_team",
            PathTeamRules::Table,
            &[PathTeamRules::OrganisationId, PathTeamRules::TeamId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PathAssignments::Table)
                .col(pk_uuid(PathAssignments::Id))
                .col(uuid(PathAssignments::OrganisationId))
                .col(uuid(PathAssignments::UserId))
                .col(string_len(PathAssignments::Title, 200))
                .col(uuid_null(PathAssignments::TemplateId))
                .col(uuid_null(PathAssignments::TeamId))
                .col(uuid_null(PathAssignments::TeamRuleId))
                // Set when the path holds the actions agreed in a coaching session.
                .col(uuid_null(PathAssignments::SessionId))
                .col(uuid(PathAssignments::AssignedBy))
                .col(timestamp_with_time_zone(PathAssignments::AssignedAt))
                // `active`, `completed` or `cancelled`.
                .col(string_len(PathAssignments::Status, 16))
                .col(timestamp_with_time_zone_null(PathAssignments::ClosedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_path_assignments_user",
            PathAssignments::Table,
            &[
                PathAssignments::OrganisationId,
                PathAssignments::UserId,
                PathAssignments::Status,
            ],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PathSteps::Table)
                .col(pk_uuid(PathSteps::Id))
                .col(uuid(PathSteps::OrganisationId))
                .col(uuid(PathSteps::AssignmentId))
                .col(uuid(PathSteps::UserId))
                .col(integer(PathSteps::Position))
                .col(string_len(PathSteps::Title, 200))
                // `lesson`, `scenario`, `coaching_session` or `practice_task`.
                .col(string_len(PathSteps::Kind, 20))
                .col(string_len_null(PathSteps::TargetKey, 80))
                .col(integer_null(PathSteps::PassPercent))
                .col(text_null(PathSteps::Instructions))
                .col(timestamp_with_time_zone_null(PathSteps::DueAt))
                .col(timestamp_with_time_zone_null(PathSteps::CompletedAt))
                .col(integer_null(PathSteps::Score))
                .col(text_null(PathSteps::Note))
                .col(boolean(PathSteps::RemindedBefore).default(false))
                // The agent's local day (YYYY-MM-DD) of the last overdue reminder naming it.
                .col(string_len_null(PathSteps::LastOverdueReminder, 10))
                .foreign_key(
                    ForeignKey::create()
                        .from(PathSteps::Table, PathSteps::AssignmentId)
                        .to(PathAssignments::Table, PathAssignments::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_path_steps_user",
            PathSteps::Table,
            &[PathSteps::OrganisationId, PathSteps::UserId],
            false,
        )
        .await?;
        index(
            m,
            "idx_path_steps_assignment",
            PathSteps::Table,
            &[PathSteps::AssignmentId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PathEvents::Table)
                .col(pk_uuid(PathEvents::Id))
                .col(uuid(PathEvents::OrganisationId))
                .col(uuid(PathEvents::AssignmentId))
                .col(timestamp_with_time_zone(PathEvents::At))
                .col(uuid_null(PathEvents::ActorId))
                .col(string_len(PathEvents::Kind, 20))
                .col(text(PathEvents::Detail))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_path_events_assignment",
            PathEvents::Table,
            &[PathEvents::AssignmentId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Scorecards::Table)
                .col(pk_uuid(Scorecards::Id))
                .col(uuid(Scorecards::OrganisationId))
                .col(string_len(Scorecards::Title, 200))
                // `[{competency_key, indicator}]` as JSON.
                .col(text(Scorecards::Items))
                .col(uuid(Scorecards::CreatedBy))
                .col(timestamp_with_time_zone(Scorecards::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CoachingSessions::Table)
                .col(pk_uuid(CoachingSessions::Id))
                .col(uuid(CoachingSessions::OrganisationId))
                .col(uuid(CoachingSessions::AgentId))
                .col(uuid(CoachingSessions::LeadId))
                // `scheduled`, `recorded` or `cancelled`.
                .col(string_len(CoachingSessions::Status, 16))
                .col(timestamp_with_time_zone_null(CoachingSessions::ScheduledAt))
                .col(timestamp_with_time_zone_null(CoachingSessions::HeldAt))
                // `live` or `recorded`: how the call was observed (no audio is stored).
                .col(string_len_null(CoachingSessions::Observation, 16))
                .col(string_len_null(CoachingSessions::CallReference, 200))
                .col(uuid_null(CoachingSessions::ScorecardId))
                .col(text_null(CoachingSessions::Notes))
                .col(uuid_null(CoachingSessions::ActionsAssignmentId))
                .col(timestamp_with_time_zone_null(
                    CoachingSessions::AcknowledgedAt,
                ))
                .col(text_null(CoachingSessions::AgentComment))
                .col(boolean(CoachingSessions::Disputed).default(false))
                .col(timestamp_with_time_zone(CoachingSessions::CreatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_coaching_sessions_agent",
            CoachingSessions::Table,
            &[CoachingSessions::OrganisationId, CoachingSessions::AgentId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CoachingRatings::Table)
                .col(pk_uuid(CoachingRatings::Id))
                .col(uuid(CoachingRatings::OrganisationId))
                .col(uuid(CoachingRatings::SessionId))
                .col(integer(CoachingRatings::Position))
                .col(string_len(CoachingRatings::CompetencyKey, 80))
                .col(string_len(CoachingRatings::Indicator, 300))
                // 1…4; unset is N/A.
                .col(integer_null(CoachingRatings::Rating))
                .col(text_null(CoachingRatings::Note))
                .foreign_key(
                    ForeignKey::create()
                        .from(CoachingRatings::Table, CoachingRatings::SessionId)
                        .to(CoachingSessions::Table, CoachingSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_coaching_ratings_session",
            CoachingRatings::Table,
            &[CoachingRatings::SessionId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CoachingMails::Table)
                .col(pk_uuid(CoachingMails::Id))
                .col(uuid(CoachingMails::OrganisationId))
                .col(uuid(CoachingMails::UserId))
                // `reminder` (period: local day) or `digest` (period: ISO week).
                .col(string_len(CoachingMails::Kind, 16))
                .col(string_len(CoachingMails::Period, 10))
                .col(timestamp_with_time_zone(CoachingMails::SentAt))
                .to_owned(),
        )
        .await?;
        // One reminder mail per agent and day, one digest per lead and week, even with
        // several nodes running the worker.
        index(
            m,
            "uq_coaching_mails_period",
            CoachingMails::Table,
            &[
                CoachingMails::UserId,
                CoachingMails::Kind,
                CoachingMails::Period,
            ],
            true,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CoachingMails::Table.into_iden(),
            CoachingRatings::Table.into_iden(),
            CoachingSessions::Table.into_iden(),
            Scorecards::Table.into_iden(),
            PathEvents::Table.into_iden(),
            PathSteps::Table.into_iden(),
            PathAssignments::Table.into_iden(),
            PathTeamRules::Table.into_iden(),
            PathTemplates::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [
            Organisations::IdleDays,
            Organisations::ReminderNoticeHours,
            Organisations::QuietHoursEnd,
            Organisations::QuietHoursStart,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

async fn add_column(m: &SchemaManager<'_>, column: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table(Organisations::Table)
            .add_column(column)
            .to_owned(),
    )
    .await
}

async fn index<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    m: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: &[C],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    if unique {
        stmt.unique();
    }
    for column in columns {
        stmt.col(*column);
    }
    m.create_index(stmt.to_owned()).await
}
