//! Identity: people, their teams, sign-in sessions with rotating refresh tokens,
//! invitations, password resets and the sign-in throttle.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_uuid(Users::Id))
                .col(uuid(Users::OrganisationId))
                // Lower-cased; one account per address across the installation, so signing
                // in needs only the address.
                .col(string_len_uniq(Users::Email, 254))
                .col(string_len(Users::DisplayName, 100))
                .col(string_len(Users::PasswordHash, 200))
                // Comma-separated role names, e.g. "admin,lead".
                .col(string_len(Users::Roles, 64))
                .col(string_len(Users::Locale, 8))
                .col(string_len(Users::TimeZone, 64))
                .col(boolean(Users::Active))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .foreign_key(&mut fk(
                    Users::Table,
                    Users::OrganisationId,
                    Organisations::Table,
                    Cascade::No,
                ))
                .to_owned(),
        )
        .await?;
        index(m, Users::Table, "idx_users_org", &[Users::OrganisationId]).await?;

        m.create_table(
            Table::create()
                .table(Teams::Table)
                .col(pk_uuid(Teams::Id))
                .col(uuid(Teams::OrganisationId))
                .col(string_len(Teams::Name, 100))
                .col(timestamp_with_time_zone(Teams::CreatedAt))
                .foreign_key(&mut fk(
                    Teams::Table,
                    Teams::OrganisationId,
                    Organisations::Table,
                    Cascade::No,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_teams_org_name")
                .table(Teams::Table)
                .col(Teams::OrganisationId)
                .col(Teams::Name)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TeamMembers::Table)
                .col(uuid(TeamMembers::TeamId))
                .col(uuid(TeamMembers::UserId))
                .col(uuid(TeamMembers::OrganisationId))
                // "lead" or "agent".
                .col(string_len(TeamMembers::Role, 16))
                .primary_key(
                    Index::create()
                        .col(TeamMembers::TeamId)
                        .col(TeamMembers::UserId)
                        .col(TeamMembers::Role),
                )
                .foreign_key(&mut fk(
                    TeamMembers::Table,
                    TeamMembers::TeamId,
                    Teams::Table,
                    Cascade::Yes,
                ))
                .foreign_key(&mut fk(
                    TeamMembers::Table,
                    TeamMembers::UserId,
                    Users::Table,
                    Cascade::Yes,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            TeamMembers::Table,
            "idx_team_members_user",
            &[TeamMembers::UserId],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(pk_uuid(Sessions::Id))
                .col(uuid(Sessions::OrganisationId))
                .col(uuid(Sessions::UserId))
                .col(string_len(Sessions::UserAgent, 300))
                .col(string_len(Sessions::IpAddress, 64))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastUsedAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
                .col(string_len_null(Sessions::RevokedReason, 32))
                .foreign_key(&mut fk(
                    Sessions::Table,
                    Sessions::UserId,
                    Users::Table,
                    Cascade::Yes,
                ))
                .to_owned(),
        )
        .await?;
        index(m, Sessions::Table, "idx_sessions_user", &[Sessions::UserId]).await?;

        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(pk_uuid(RefreshTokens::Id))
                .col(uuid(RefreshTokens::SessionId))
                // SHA-256 of the token, hex; the token itself is never stored.
                .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                .foreign_key(&mut fk(
                    RefreshTokens::Table,
                    RefreshTokens::SessionId,
                    Sessions::Table,
                    Cascade::Yes,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            RefreshTokens::Table,
            "idx_refresh_tokens_session",
            &[RefreshTokens::SessionId],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Invitations::Table)
                .col(pk_uuid(Invitations::Id))
                .col(uuid(Invitations::OrganisationId))
                .col(string_len(Invitations::Email, 254))
                .col(string_len(Invitations::DisplayName, 100))
                .col(string_len(Invitations::Roles, 64))
                .col(uuid_null(Invitations::TeamId))
                .col(string_len(Invitations::Locale, 8))
                .col(uuid(Invitations::InvitedBy))
                .col(string_len_uniq(Invitations::TokenHash, 64))
                .col(timestamp_with_time_zone(Invitations::CreatedAt))
                .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                .col(timestamp_with_time_zone_null(Invitations::RevokedAt))
                .foreign_key(&mut fk(
                    Invitations::Table,
                    Invitations::OrganisationId,
                    Organisations::Table,
                    Cascade::No,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            Invitations::Table,
            "idx_invitations_org",
            &[Invitations::OrganisationId],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PasswordResets::Table)
                .col(pk_uuid(PasswordResets::Id))
                .col(uuid(PasswordResets::UserId))
                .col(string_len_uniq(PasswordResets::TokenHash, 64))
                .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                .foreign_key(&mut fk(
                    PasswordResets::Table,
                    PasswordResets::UserId,
                    Users::Table,
                    Cascade::Yes,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SignInThrottle::Table)
                // "account:<email>" or "ip:<address>".
                .col(string_len(SignInThrottle::Key, 300).primary_key())
                .col(integer(SignInThrottle::Failures))
                .col(timestamp_with_time_zone(SignInThrottle::LastFailureAt))
                .col(timestamp_with_time_zone(SignInThrottle::BlockedUntil))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SignInThrottle::Table.into_iden(),
            PasswordResets::Table.into_iden(),
            Invitations::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            TeamMembers::Table.into_iden(),
            Teams::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// Whether rows go when the row they point at goes.
enum Cascade {
    Yes,
    No,
}

fn fk<T: IntoIden + Copy + 'static, C: IntoIden + 'static, R: IntoIden + 'static>(
    table: T,
    column: C,
    references: R,
    cascade: Cascade,
) -> ForeignKeyCreateStatement {
    let mut fk = ForeignKey::create();
    fk.from(table, column).to(references, Alias::new("id"));
    if let Cascade::Yes = cascade {
        fk.on_delete(ForeignKeyAction::Cascade);
    }
    fk.to_owned()
}

async fn index<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    m: &SchemaManager<'_>,
    table: T,
    name: &str,
    columns: &[C],
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for column in columns {
        stmt.col(*column);
    }
    m.create_index(stmt.to_owned()).await
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    OrganisationId,
    Email,
    DisplayName,
    PasswordHash,
    Roles,
    Locale,
    TimeZone,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Teams {
    Table,
    Id,
    OrganisationId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TeamMembers {
    Table,
    TeamId,
    UserId,
    OrganisationId,
    Role,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    OrganisationId,
    UserId,
    UserAgent,
    IpAddress,
    CreatedAt,
    LastUsedAt,
    ExpiresAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum RefreshTokens {
    Table,
    Id,
    SessionId,
    TokenHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Invitations {
    Table,
    Id,
    OrganisationId,
    Email,
    DisplayName,
    Roles,
    TeamId,
    Locale,
    InvitedBy,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    RevokedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PasswordResets {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SignInThrottle {
    Table,
    Key,
    Failures,
    LastFailureAt,
    BlockedUntil,
}
