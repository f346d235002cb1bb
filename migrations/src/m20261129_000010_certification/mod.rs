//! Train-the-trainer: tracks (their modules as checked JSON), enrolments (each a copy of its
//! track's modules, so editing a track never changes a running enrolment), teach-back and
//! observed-session submissions with their assessments, certifications with their history,
//! and each organisation's "enforce certified coaching" setting.

use sea_orm_migration::{prelude::*, schema::*};

mod idens;

use crate::helpers::index;
use idens::*;

#[derive(Debug)]
pub struct Migration;

// Named by hand: the derive takes the file's stem, which for a `mod.rs` is "mod" (the
// coaching migration is recorded under that name and must stay so).
impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000010_certification"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .add_column(
                    boolean(Organisations::EnforceCertifiedCoaching)
                        .default(false)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Tracks::Table)
                .col(pk_uuid(Tracks::Id))
                .col(uuid(Tracks::OrganisationId))
                .col(string_len(Tracks::Title, 200))
                .col(text(Tracks::Description))
                // `coach`, `trainer` or `master_trainer`.
                .col(string_len(Tracks::Level, 20))
                // Competency keys as a JSON array.
                .col(text(Tracks::Scope))
                .col(integer(Tracks::ValidityMonths))
                // Checked by `cinco_domain::certification::Track`.
                .col(text(Tracks::Modules))
                .col(uuid(Tracks::CreatedBy))
                .col(timestamp_with_time_zone(Tracks::CreatedAt))
                .col(timestamp_with_time_zone(Tracks::UpdatedAt))
                .col(timestamp_with_time_zone_null(Tracks::ArchivedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_tracks_org",
            Tracks::Table,
            &[Tracks::OrganisationId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Enrolments::Table)
                .col(pk_uuid(Enrolments::Id))
                .col(uuid(Enrolments::OrganisationId))
                .col(uuid(Enrolments::TrackId))
                .col(uuid(Enrolments::UserId))
                // What the track certified when the trainee enrolled: editing the track
                // later changes neither this enrolment nor the certification it issues.
                .col(string_len(Enrolments::Title, 200))
                .col(text(Enrolments::Description))
                .col(string_len(Enrolments::Level, 20))
                .col(text(Enrolments::Scope))
                .col(integer(Enrolments::ValidityMonths))
                .col(uuid(Enrolments::EnrolledBy))
                .col(timestamp_with_time_zone(Enrolments::EnrolledAt))
                // `active`, `completed` or `withdrawn`.
                .col(string_len(Enrolments::Status, 16))
                .col(timestamp_with_time_zone_null(Enrolments::ClosedAt))
                .col(uuid_null(Enrolments::CertificationId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Enrolments::Table, Enrolments::TrackId)
                        .to(Tracks::Table, Tracks::Id),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_enrolments_user",
            Enrolments::Table,
            &[
                Enrolments::OrganisationId,
                Enrolments::UserId,
                Enrolments::Status,
            ],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EnrolmentModules::Table)
                .col(pk_uuid(EnrolmentModules::Id))
                .col(uuid(EnrolmentModules::OrganisationId))
                .col(uuid(EnrolmentModules::EnrolmentId))
                .col(uuid(EnrolmentModules::UserId))
                .col(integer(EnrolmentModules::Position))
                .col(string_len(EnrolmentModules::Title, 200))
                // `lesson`, `scenario`, `teach_back` or `observed_session`.
                .col(string_len(EnrolmentModules::Kind, 20))
                .col(string_len_null(EnrolmentModules::TargetKey, 80))
                .col(integer_null(EnrolmentModules::PassPercent))
                .col(text(EnrolmentModules::Instructions))
                // The criteria as a JSON array (assessed modules).
                .col(text_null(EnrolmentModules::Rubric))
                .col(timestamp_with_time_zone_null(EnrolmentModules::CompletedAt))
                .col(integer_null(EnrolmentModules::Score))
                .foreign_key(
                    ForeignKey::create()
                        .from(EnrolmentModules::Table, EnrolmentModules::EnrolmentId)
                        .to(Enrolments::Table, Enrolments::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_enrolment_modules_user",
            EnrolmentModules::Table,
            &[EnrolmentModules::OrganisationId, EnrolmentModules::UserId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TrackSubmissions::Table)
                .col(pk_uuid(TrackSubmissions::Id))
                .col(uuid(TrackSubmissions::OrganisationId))
                .col(uuid(TrackSubmissions::EnrolmentId))
                .col(uuid(TrackSubmissions::ModuleId))
                .col(uuid(TrackSubmissions::UserId))
                .col(text(TrackSubmissions::Plan))
                .col(text_null(TrackSubmissions::Notes))
                .col(string_len_null(TrackSubmissions::RecordingUrl, 500))
                .col(uuid_null(TrackSubmissions::CoachingSessionId))
                .col(timestamp_with_time_zone(TrackSubmissions::SubmittedAt))
                // `pending`, `passed` or `needs_work`.
                .col(string_len(TrackSubmissions::Status, 16))
                .col(uuid_null(TrackSubmissions::AssessorId))
                .col(timestamp_with_time_zone_null(TrackSubmissions::AssessedAt))
                // [{criterion, rating, comment}] as JSON, once assessed.
                .col(text_null(TrackSubmissions::Ratings))
                .col(text_null(TrackSubmissions::Comment))
                .foreign_key(
                    ForeignKey::create()
                        .from(TrackSubmissions::Table, TrackSubmissions::ModuleId)
                        .to(EnrolmentModules::Table, EnrolmentModules::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_track_submissions_status",
            TrackSubmissions::Table,
            &[TrackSubmissions::OrganisationId, TrackSubmissions::Status],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Certifications::Table)
                // Random (v4): the id is also the public verification link.
                .col(pk_uuid(Certifications::Id))
                .col(uuid(Certifications::OrganisationId))
                .col(uuid(Certifications::HolderId))
                .col(uuid_null(Certifications::TrackId))
                .col(uuid_null(Certifications::EnrolmentId))
                .col(string_len(Certifications::Title, 200))
                .col(text(Certifications::Description))
                .col(string_len(Certifications::Level, 20))
                .col(text(Certifications::Scope))
                // What the holder did to earn it, as JSON (modules, assessments).
                .col(text(Certifications::Criteria))
                .col(timestamp_with_time_zone(Certifications::IssuedAt))
                .col(timestamp_with_time_zone(Certifications::ExpiresAt))
                .col(uuid(Certifications::IssuedBy))
                .col(uuid_null(Certifications::RenewsId))
                .col(timestamp_with_time_zone_null(Certifications::RevokedAt))
                .col(uuid_null(Certifications::RevokedBy))
                .col(text_null(Certifications::RevokeReason))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_certifications_holder",
            Certifications::Table,
            &[Certifications::OrganisationId, Certifications::HolderId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertificationEvents::Table)
                .col(pk_uuid(CertificationEvents::Id))
                .col(uuid(CertificationEvents::OrganisationId))
                .col(uuid(CertificationEvents::CertificationId))
                .col(timestamp_with_time_zone(CertificationEvents::At))
                .col(uuid_null(CertificationEvents::ActorId))
                // `issued`, `renewal_reminder_30`, `renewal_reminder_7`, `renewed`, `revoked`.
                .col(string_len(CertificationEvents::Kind, 40))
                .col(text(CertificationEvents::Detail))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            CertificationEvents::Table,
                            CertificationEvents::CertificationId,
                        )
                        .to(Certifications::Table, Certifications::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // Each kind happens once per certification; a reminder claims its row before its
        // mail is queued, so several nodes send it once.
        index(
            m,
            "idx_certification_events_once",
            CertificationEvents::Table,
            &[
                CertificationEvents::CertificationId,
                CertificationEvents::Kind,
            ],
            true,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CertificationEvents::Table.into_iden(),
            Certifications::Table.into_iden(),
            TrackSubmissions::Table.into_iden(),
            EnrolmentModules::Table.into_iden(),
            Enrolments::Table.into_iden(),
            Tracks::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .drop_column(Organisations::EnforceCertifiedCoaching)
                .to_owned(),
        )
        .await
    }
}
