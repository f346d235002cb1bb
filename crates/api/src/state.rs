use std::sync::Arc;

use cinco_persistence::Database;

use crate::auth::jwt::JwtKeys;
use crate::config::Settings;
use crate::storage::BlobStore;

/// What every handler can reach. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    pub settings: Arc<Settings>,
    pub jwt: Arc<JwtKeys>,
    /// Where uploaded images' bytes live.
    pub blobs: Arc<dyn BlobStore>,
    /// The use cases' handles (the same database and clock).
    pub app: cinco_app::App,
    /// Rendered views of each person's day, valid while their learning revision holds.
    pub views: Arc<crate::view_cache::ViewCache>,
    /// How often each client address may send problem reports (per node).
    pub reports: Arc<crate::report_limit::ReportLimiter>,
}
