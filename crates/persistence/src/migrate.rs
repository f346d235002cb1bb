//! Applying migrations safely when several server nodes start at once.

use cinco_migrations::{Migrator, MigratorTrait};
use sea_orm::DbErr;
use sea_orm::sqlx;

use crate::database::{Backend, Database};

/// The PostgreSQL advisory lock key that serialises migrations ("cinco" in ASCII).
const MIGRATION_LOCK_KEY: i64 = 0x63_69_6e_63_6f;

/// Applies every pending migration. On PostgreSQL the work runs while this node holds an
/// advisory lock on a dedicated connection, so nodes that start together migrate one after
/// the other (the later ones find nothing left to do). SQLite is embedded and single-node.
pub async fn run_pending(db: &Database) -> Result<(), DbErr> {
    match db.backend() {
        Backend::Sqlite => Migrator::up(db.conn(), None).await,
        Backend::Postgres => {
            let pool = db.conn().get_postgres_connection_pool();
            let mut lock_conn = pool.acquire().await.map_err(sqlx_err)?;
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(MIGRATION_LOCK_KEY)
                .execute(&mut *lock_conn)
                .await
                .map_err(sqlx_err)?;
            let outcome = Migrator::up(db.conn(), None).await;
            let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(MIGRATION_LOCK_KEY)
                .execute(&mut *lock_conn)
                .await;
            if let Err(err) = unlocked {
                // The lock is released anyway when the connection closes.
                tracing::warn!(error = %err, "could not release the migration lock");
                lock_conn.close_on_drop();
            }
            outcome
        }
    }
}

/// Rolls back every migration. Used by tests and by `cinco migrate --down-all`.
pub async fn roll_back_all(db: &Database) -> Result<(), DbErr> {
    Migrator::down(db.conn(), None).await
}

/// Names of applied migrations, oldest first.
pub async fn applied(db: &Database) -> Result<Vec<String>, DbErr> {
    let models = Migrator::get_applied_migrations(db.conn()).await?;
    Ok(models.into_iter().map(|m| m.name().to_owned()).collect())
}

fn sqlx_err(err: sqlx::Error) -> DbErr {
    DbErr::Custom(format!("migration lock: {err}"))
}
