//! Coaching paths, scorecards and certification tracks in several languages. A template,
//! scorecard or track keeps the language it is written in (`source_locale`; empty means the
//! organisation's language) and its translations as JSON (`cinco_domain::programme::words`).
//! A path given to an agent, a rating and an enrolment carry every language they were given
//! in (`texts`), so a reader gets theirs; rows without `texts` have only their columns'
//! language.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName, Debug)]
pub struct Migration;

/// Each column on its own statement: SQLite alters one column at a time.
fn columns() -> Vec<(DynIden, ColumnDef)> {
    vec![
        (
            PathTemplates::Table.into_iden(),
            string_len_null(PathTemplates::SourceLocale, 8),
        ),
        (
            PathTemplates::Table.into_iden(),
            text_null(PathTemplates::Translations),
        ),
        (
            PathAssignments::Table.into_iden(),
            text_null(PathAssignments::Texts),
        ),
        (PathSteps::Table.into_iden(), text_null(PathSteps::Texts)),
        (
            Scorecards::Table.into_iden(),
            string_len_null(Scorecards::SourceLocale, 8),
        ),
        (
            Scorecards::Table.into_iden(),
            text_null(Scorecards::Translations),
        ),
        (
            CoachingRatings::Table.into_iden(),
            text_null(CoachingRatings::Texts),
        ),
        (
            Tracks::Table.into_iden(),
            string_len_null(Tracks::SourceLocale, 8),
        ),
        (Tracks::Table.into_iden(), text_null(Tracks::Translations)),
        (Enrolments::Table.into_iden(), text_null(Enrolments::Texts)),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut column) in columns() {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in columns().into_iter().rev() {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column(Alias::new(column.get_column_name()))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum PathTemplates {
    Table,
    SourceLocale,
    Translations,
}

#[derive(DeriveIden)]
enum PathAssignments {
    Table,
    Texts,
}

#[derive(DeriveIden)]
enum PathSteps {
    Table,
    Texts,
}

#[derive(DeriveIden)]
enum Scorecards {
    Table,
    SourceLocale,
    Translations,
}

#[derive(DeriveIden)]
enum CoachingRatings {
    Table,
    Texts,
}

#[derive(DeriveIden)]
enum Tracks {
    Table,
    SourceLocale,
    Translations,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    Texts,
}
