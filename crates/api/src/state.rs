use std::sync::Arc;

use cinco_persistence::Database;

use crate::config::Settings;

/// What every handler can reach: the database and the settings. Cloned per worker.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    pub settings: Arc<Settings>,
}
