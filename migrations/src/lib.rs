//! Cinco's schema, as an ordered list of migrations.
//!
//! Every migration runs unchanged on SQLite and PostgreSQL, and every one can be rolled back:
//! a test applies them all, rolls them all back and applies them again on both databases.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261122_000001_organisations;
mod m20261122_000002_identity;
mod m20261122_000003_outbox;
mod m20261122_000004_content;
mod m20261122_000005_lesson_review;
mod m20261128_000006_media;
mod m20261128_000007_scenarios;
mod m20261129_000008_daily;
mod m20261129_000009_coaching;
mod m20261129_000010_certification;
mod m20261207_000011_sign_up_requests;
mod m20261207_000012_results;
mod m20261207_000013_goals;
mod m20261207_000014_user_external_ids;
mod m20261207_000015_qa_loop;
mod m20261207_000016_decisions;
mod m20261207_000017_suggestions_pulse;
mod m20261207_000019_kpi_values_covering;
mod m20261207_000020_good_practices;
mod m20261207_000021_permissions;
mod m20261207_000022_programme_languages;

/// The list of migrations, oldest first. Append; never reorder or edit a released one.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_organisations::Migration),
            Box::new(m20261122_000002_identity::Migration),
            Box::new(m20261122_000003_outbox::Migration),
            Box::new(m20261122_000004_content::Migration),
            Box::new(m20261122_000005_lesson_review::Migration),
            Box::new(m20261128_000006_media::Migration),
            Box::new(m20261128_000007_scenarios::Migration),
            Box::new(m20261129_000008_daily::Migration),
            Box::new(m20261129_000009_coaching::Migration),
            Box::new(m20261129_000010_certification::Migration),
            Box::new(m20261207_000011_sign_up_requests::Migration),
            Box::new(m20261207_000012_results::Migration),
            Box::new(m20261207_000013_goals::Migration),
            Box::new(m20261207_000014_user_external_ids::Migration),
            Box::new(m20261207_000015_qa_loop::Migration),
            Box::new(m20261207_000016_decisions::Migration),
            Box::new(m20261207_000017_suggestions_pulse::Migration),
            Box::new(m20261207_000019_kpi_values_covering::Migration),
            Box::new(m20261207_000020_good_practices::Migration),
            Box::new(m20261207_000021_permissions::Migration),
            Box::new(m20261207_000022_programme_languages::Migration),
        ]
    }
}
