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
    #[error("database error: {0}")]
    Database(#[source] DbErr),
}

impl RepoError {
    /// Maps a unique-constraint violation to [`RepoError::Conflict`] with a stable name, and
    /// anything else to [`RepoError::Database`].
    pub(crate) fn on_unique(name: &'static str) -> impl FnOnce(DbErr) -> RepoError {
        move |err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => RepoError::Conflict(name),
            _ => RepoError::Database(err),
        }
    }
}

impl From<DbErr> for RepoError {
    fn from(err: DbErr) -> Self {
        match err {
            DbErr::RecordNotFound(_) => RepoError::NotFound,
            other => RepoError::Database(other),
        }
    }
}

/// A stored value no longer parses into its domain type.
pub(crate) fn corrupt(what: &str, field: &str) -> RepoError {
    RepoError::Corrupt(format!("{what}: {field}"))
}
