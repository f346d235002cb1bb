//! The tables and columns the coaching migration names.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Organisations {
    Table,
    QuietHoursStart,
    QuietHoursEnd,
    ReminderNoticeHours,
    IdleDays,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum PathTemplates {
    Table,
    Id,
    OrganisationId,
    Title,
    Description,
    Steps,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum PathTeamRules {
    Table,
    Id,
    OrganisationId,
    TeamId,
    TemplateId,
    CreatedBy,
    CreatedAt,
    EndedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum PathAssignments {
    Table,
    Id,
    OrganisationId,
    UserId,
    Title,
    TemplateId,
    TeamId,
    TeamRuleId,
    SessionId,
    AssignedBy,
    AssignedAt,
    Status,
    ClosedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum PathSteps {
    Table,
    Id,
    OrganisationId,
    AssignmentId,
    UserId,
    Position,
    Title,
    Kind,
    TargetKey,
    PassPercent,
    Instructions,
    DueAt,
    CompletedAt,
    Score,
    Note,
    RemindedBefore,
    LastOverdueReminder,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum PathEvents {
    Table,
    Id,
    OrganisationId,
    AssignmentId,
    At,
    ActorId,
    Kind,
    Detail,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Scorecards {
    Table,
    Id,
    OrganisationId,
    Title,
    Items,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum CoachingSessions {
    Table,
    Id,
    OrganisationId,
    AgentId,
    LeadId,
    Status,
    ScheduledAt,
    HeldAt,
    Observation,
    CallReference,
    ScorecardId,
    Notes,
    ActionsAssignmentId,
    AcknowledgedAt,
    AgentComment,
    Disputed,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum CoachingRatings {
    Table,
    Id,
    OrganisationId,
    SessionId,
    Position,
    CompetencyKey,
    Indicator,
    Rating,
    Note,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum CoachingMails {
    Table,
    Id,
    OrganisationId,
    UserId,
    Kind,
    Period,
    SentAt,
}
