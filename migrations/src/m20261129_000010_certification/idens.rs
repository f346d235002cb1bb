//! The tables and columns the certification migration names.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Organisations {
    Table,
    EnforceCertifiedCoaching,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Tracks {
    Table,
    Id,
    OrganisationId,
    Title,
    Description,
    Level,
    Scope,
    ValidityMonths,
    Modules,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Enrolments {
    Table,
    Id,
    OrganisationId,
    TrackId,
    UserId,
    Title,
    Description,
    Level,
    Scope,
    ValidityMonths,
    EnrolledBy,
    EnrolledAt,
    Status,
    ClosedAt,
    CertificationId,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum EnrolmentModules {
    Table,
    Id,
    OrganisationId,
    EnrolmentId,
    UserId,
    Position,
    Title,
    Kind,
    TargetKey,
    PassPercent,
    Instructions,
    Rubric,
    CompletedAt,
    Score,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum TrackSubmissions {
    Table,
    Id,
    OrganisationId,
    EnrolmentId,
    ModuleId,
    UserId,
    Plan,
    Notes,
    RecordingUrl,
    CoachingSessionId,
    SubmittedAt,
    Status,
    AssessorId,
    AssessedAt,
    Ratings,
    Comment,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Certifications {
    Table,
    Id,
    OrganisationId,
    HolderId,
    TrackId,
    EnrolmentId,
    Title,
    Description,
    Level,
    Scope,
    Criteria,
    IssuedAt,
    ExpiresAt,
    IssuedBy,
    RenewsId,
    RevokedAt,
    RevokedBy,
    RevokeReason,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum CertificationEvents {
    Table,
    Id,
    OrganisationId,
    CertificationId,
    At,
    ActorId,
    Kind,
    Detail,
}
