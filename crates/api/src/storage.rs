//! Where uploaded files' bytes live. The catalogue (type, size, owner) is in the database;
//! the bytes go to a [`BlobStore`]: local disk by default, and any object store (S3 and
//! compatible) can be added by implementing the trait, without touching the routes.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// A boxed future, so the trait stays usable as `dyn BlobStore`.
pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

/// Stores immutable blobs by name. Names are `<organisation>/<sha256>`: the same bytes
/// uploaded twice by one organisation are stored once, and a blob never changes.
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `name`; storing the same name again is harmless.
    fn put<'a>(&'a self, name: &'a str, bytes: Vec<u8>) -> BlobFuture<'a, ()>;
    /// The blob's bytes, or `None` when there is no such blob.
    fn get<'a>(&'a self, name: &'a str) -> BlobFuture<'a, Option<Vec<u8>>>;
}

/// Blobs as files under a directory (`<data_dir>/media` by default).
#[derive(Debug, Clone)]
pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Only names made of the characters our own names use are accepted, so a name can
    /// never climb out of the root.
    fn path(&self, name: &str) -> io::Result<PathBuf> {
        let safe = !name.is_empty()
            && name.split('/').all(|part| {
                !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if safe {
            Ok(self.root.join(name))
        } else {
            Err(io::Error::new(io::ErrorKind::InvalidInput, "bad blob name"))
        }
    }
}

async fn write_atomically(path: &Path, bytes: Vec<u8>) -> io::Result<()> {
    if tokio::fs::try_exists(path).await? {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    // Written beside its final name and renamed, so a reader never sees half a file.
    // Flushed to disk before it takes its name: an upload is served as immutable for a year,
    // so a file cut short by a power loss must never become the blob.
    let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
    let mut file = tokio::fs::File::create(&tmp).await?;
    tokio::io::AsyncWriteExt::write_all(&mut file, &bytes).await?;
    file.sync_all().await?;
    drop(file);
    tokio::fs::rename(&tmp, path).await
}

impl BlobStore for LocalDisk {
    fn put<'a>(&'a self, name: &'a str, bytes: Vec<u8>) -> BlobFuture<'a, ()> {
        Box::pin(async move { write_atomically(&self.path(name)?, bytes).await })
    }

    fn get<'a>(&'a self, name: &'a str) -> BlobFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            match tokio::fs::read(self.path(name)?).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_and_reads_back_and_refuses_escaping_names() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let store = LocalDisk::new(dir.path());
        store
            .put("org-1/abc", b"png".to_vec())
            .await
            .unwrap_or_else(|e| panic!("put: {e}"));
        assert_eq!(
            store.get("org-1/abc").await.ok().flatten(),
            Some(b"png".to_vec())
        );
        assert_eq!(store.get("org-1/missing").await.ok().flatten(), None);
        assert!(store.get("../etc/passwd").await.is_err());
        assert!(store.put("a//b", vec![]).await.is_err());
    }
}
