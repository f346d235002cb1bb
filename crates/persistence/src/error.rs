use sea_orm::{DbErr, SqlErr};

/// What a repository call can fail with. Callers decide what each means to a user; the
/// database's own text stays inside `Database` and is only ever logged.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// Nothing with that id in that organisation (another tenant's row is "not found" too).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken; the name says which (e.g. `organisations.slug`).
    #[error("conflict on {0}")]
    Conflict(&'static str),
    /// Stored data no longer parses into the domain type (a bug or a manual edit).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The database cannot be reached now (down, restarting, or no connection free in
    /// time): nothing happened, and the same request may be sent again shortly.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] DbErr),
    #[error("database error: {0}")]
    Database(#[source] DbErr),
}

impl RepoError {
    /// Maps a unique-constraint violation to [`RepoError::Conflict`] with a stable name, and
    /// anything else to [`RepoError::Database`].
    pub(crate) fn on_unique(name: &'static str) -> impl FnOnce(DbErr) -> RepoError {
        move |err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => RepoError::Conflict(name),
            _ => RepoError::from(err),
        }
    }
}

impl From<DbErr> for RepoError {
    fn from(err: DbErr) -> Self {
        match err {
            DbErr::RecordNotFound(_) => RepoError::NotFound,
            other if lost_connection(&other) => RepoError::Unavailable(other),
            other => RepoError::Database(other),
        }
    }
}

/// Whether the error says the database could not be reached or went away, rather than
/// refusing the statement: no connection to be had, a broken one, or the server shutting
/// down (SQLSTATE classes 08, connection exception, and 57P, operator intervention).
fn lost_connection(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                Sqlx::Io(_)
                | Sqlx::Tls(_)
                | Sqlx::Protocol(_)
                | Sqlx::PoolTimedOut
                | Sqlx::PoolClosed
                | Sqlx::WorkerCrashed => true,
                Sqlx::Database(db) => db
                    .code()
                    .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
                _ => false,
            }
        }
        _ => false,
    }
}

/// A stored value no longer parses into its domain type.
pub(crate) fn corrupt(what: &str, field: &str) -> RepoError {
    RepoError::Corrupt(format!("{what}: {field}"))
}
