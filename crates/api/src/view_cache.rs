//! Rendered views of a person's day (today's session, the offline pack), kept per node and
//! reused while nothing changed: an entry is keyed by the person's learning revision, which
//! every write to their day bumps in the same transaction (`user::touch_learning`) and which
//! authentication reads anyway, and it ends at the person's local midnight. So a hit needs no
//! query of its own, and a change made through any node is seen at once.

use std::collections::HashMap;
use std::sync::RwLock;

use actix_web::web::Bytes;
use chrono::{DateTime, Utc};
use cinco_domain::UserId;

/// What is cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewKind {
    Today,
    Pack,
}

/// A cached view: the body as sent, and its ETag when it has one.
#[derive(Debug, Clone)]
pub struct Cached {
    pub body: Bytes,
    pub etag: Option<String>,
}

#[derive(Debug)]
struct Entry {
    revision: i64,
    until: DateTime<Utc>,
    view: Cached,
}

/// Entries kept before the cache starts over.
const CAPACITY: usize = 50_000;

#[derive(Debug, Default)]
pub struct ViewCache {
    entries: RwLock<HashMap<(UserId, ViewKind), Entry>>,
}

impl ViewCache {
    /// The cached view if the person's revision is the one it was made at and their day has
    /// not ended.
    pub fn get(
        &self,
        user: UserId,
        kind: ViewKind,
        revision: i64,
        now: DateTime<Utc>,
    ) -> Option<Cached> {
        let entries = self
            .entries
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries
            .get(&(user, kind))
            .filter(|e| e.revision == revision && now < e.until)
            .map(|e| e.view.clone())
    }

    /// Keeps a view made at `revision` (read before it was made), valid until `until`.
    pub fn put(
        &self,
        user: UserId,
        kind: ViewKind,
        revision: i64,
        until: DateTime<Utc>,
        view: Cached,
    ) {
        let mut entries = self
            .entries
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(
            (user, kind),
            Entry {
                revision,
                until,
                view,
            },
        );
    }
}
