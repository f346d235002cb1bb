//! Repository functions run on the pool or inside a transaction alike, so a change and the
//! mail it causes can be written atomically.

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};

use crate::{Database, RepoError};

/// Something repository calls can run on: [`Database`] or [`Tx`].
pub trait Executor: Sync {
    #[doc(hidden)]
    type Conn: ConnectionTrait + Sync;
    #[doc(hidden)]
    fn conn(&self) -> &Self::Conn;
}

impl Executor for Database {
    type Conn = DatabaseConnection;
    fn conn(&self) -> &DatabaseConnection {
        Database::conn(self)
    }
}

/// An open transaction; dropped without [`Tx::commit`] it rolls back.
#[derive(Debug)]
pub struct Tx(DatabaseTransaction);

impl Tx {
    pub async fn commit(self) -> Result<(), RepoError> {
        self.0.commit().await.map_err(RepoError::from)
    }
}

impl Executor for Tx {
    type Conn = DatabaseTransaction;
    fn conn(&self) -> &DatabaseTransaction {
        &self.0
    }
}

impl Database {
    /// Starts a transaction.
    pub async fn begin(&self) -> Result<Tx, RepoError> {
        Ok(Tx(self.conn().begin().await?))
    }
}
