//! What every use case can reach.

use std::sync::Arc;

use cinco_persistence::Database;

use crate::clock::Clock;
use crate::content::ContentCache;
use crate::results::impact::ImpactCache;

/// The application's handles: the database, the clock, the caches and the address links
/// in mails point at. Cheap to clone; nothing global, so two apps can run side by side in
/// one process.
#[derive(Debug, Clone)]
pub struct App {
    pub db: Database,
    pub clock: Clock,
    /// Published lessons and scenarios, parsed once.
    pub content: Arc<ContentCache>,
    /// Impact estimates, kept until the organisation's next import.
    pub impact: Arc<ImpactCache>,
    /// Where the PWA is served, for links in mails (e.g. `https://cinco.example`).
    pub public_url: String,
}

impl App {
    /// An app with empty caches.
    pub fn new(db: Database, clock: Clock, public_url: String) -> Self {
        App {
            db,
            clock,
            content: Arc::new(ContentCache::new()),
            impact: Arc::new(ImpactCache::default()),
            public_url,
        }
    }

    /// `public_url` joined with an absolute `path` of the PWA.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}
