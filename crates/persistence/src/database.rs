//! Opening the database: an embedded SQLite file by default, PostgreSQL when the URL says so.

use std::path::PathBuf;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, DatabaseConnection, DbBackend, DbErr};

/// Which database engine is behind a [`Database`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where and how to connect.
#[derive(Debug, Clone)]
pub enum DatabaseConfig {
    /// An embedded SQLite file, created if missing.
    Sqlite { path: PathBuf },
    /// A PostgreSQL server with a pool of at most `max_connections`.
    Postgres { url: String, max_connections: u32 },
}

/// A connection pool plus the knowledge of which engine it talks to. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Database {
    conn: DatabaseConnection,
}

impl Database {
    /// Opens the pool. For SQLite: WAL journal, foreign keys on and a busy timeout, so
    /// concurrent requests wait for the writer instead of failing.
    pub async fn connect(config: &DatabaseConfig) -> Result<Self, DbErr> {
        let options = match config {
            DatabaseConfig::Sqlite { path } => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        DbErr::Custom(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
                let mut options = ConnectOptions::new(format!("sqlite://{}", path.display()));
                // SQLite has one writer at a time, and a deferred transaction that tries to
                // upgrade from reading to writing fails at once (SQLITE_BUSY) instead of
                // waiting. One connection serialises all access and removes that failure;
                // the embedded database serves one node, where this is fast enough.
                options
                    .max_connections(1)
                    .min_connections(1)
                    .map_sqlx_sqlite_opts(|o| {
                        o.create_if_missing(true)
                            .journal_mode(SqliteJournalMode::Wal)
                            .synchronous(SqliteSynchronous::Normal)
                            .foreign_keys(true)
                            .busy_timeout(Duration::from_secs(5))
                    });
                options
            }
            DatabaseConfig::Postgres {
                url,
                max_connections,
            } => {
                let mut options = ConnectOptions::new(url.clone());
                options
                    .max_connections(*max_connections)
                    .min_connections(1)
                    .acquire_timeout(Duration::from_secs(5));
                options
            }
        };
        let mut options = options;
        options.sqlx_logging(false);
        let conn = sea_orm::Database::connect(options).await?;
        Ok(Self { conn })
    }

    pub fn backend(&self) -> Backend {
        match self.conn.get_database_backend() {
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }

    /// Closes every pooled connection.
    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }

    /// Runs a `SELECT COUNT(*) …` written by hand and returns the count: for checks made from
    /// outside the application (tests, operations), never for application logic.
    pub async fn count(&self, sql: &str) -> Result<i64, DbErr> {
        use sea_orm::{ConnectionTrait, Statement};
        let row = self
            .conn
            .query_one_raw(Statement::from_string(
                self.conn.get_database_backend(),
                sql.to_owned(),
            ))
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(sql.to_owned()))?;
        row.try_get_by_index::<i64>(0)
            .map_err(|e| DbErr::Custom(e.to_string()))
    }

    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }
}
