//! Where the demo content comes from: the copy built into the binary (the repository's
//! `content/` folder), or a folder named by `--content` / `CINCO_DEMO_CONTENT`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use rust_embed::Embed;

/// The repository's `content/` folder, embedded in release builds (read from the source
/// tree in debug builds).
#[derive(Embed)]
#[folder = "../../content/"]
#[allow_missing = true]
struct Embedded;

/// The demo content files.
#[derive(Debug, Clone)]
pub enum DemoContent {
    /// The copy built into the binary.
    Embedded,
    /// A folder on disk.
    Dir(PathBuf),
}

impl DemoContent {
    /// The folder when one is given, else the built-in copy.
    pub fn from_option(dir: Option<&Path>) -> Self {
        dir.map_or(DemoContent::Embedded, |d| DemoContent::Dir(d.to_owned()))
    }

    /// Where it comes from, for messages.
    pub fn describe(&self) -> String {
        match self {
            DemoContent::Embedded => "the built-in demo content".to_owned(),
            DemoContent::Dir(dir) => dir.display().to_string(),
        }
    }

    /// A file's text by its path inside the content (`lessons/x.es.md`); `None` when absent.
    pub fn read(&self, path: &str) -> anyhow::Result<Option<String>> {
        match self {
            DemoContent::Embedded => Embedded::get(path)
                .map(|f| String::from_utf8(f.data.into_owned()).with_context(|| path.to_owned()))
                .transpose(),
            DemoContent::Dir(dir) => {
                let full = dir.join(path);
                if full.is_file() {
                    Ok(Some(
                        std::fs::read_to_string(&full)
                            .with_context(|| full.display().to_string())?,
                    ))
                } else {
                    Ok(None)
                }
            }
        }
    }

    /// A file that must be there.
    pub fn require(&self, path: &str) -> anyhow::Result<String> {
        self.read(path)?
            .with_context(|| format!("{path} is missing from {}", self.describe()))
    }

    /// The paths of the files directly in `folder` ending in `.{extension}`, sorted.
    pub fn files(&self, folder: &str, extension: &str) -> anyhow::Result<Vec<String>> {
        let suffix = format!(".{extension}");
        let mut out: Vec<String> = match self {
            DemoContent::Embedded => {
                let prefix = format!("{folder}/");
                Embedded::iter()
                    .filter(|p| {
                        p.strip_prefix(&prefix)
                            .is_some_and(|name| !name.contains('/'))
                    })
                    .map(|p| p.into_owned())
                    .collect()
            }
            DemoContent::Dir(dir) => {
                let full = dir.join(folder);
                if !full.is_dir() {
                    return Ok(Vec::new());
                }
                std::fs::read_dir(&full)
                    .with_context(|| full.display().to_string())?
                    .flatten()
                    .filter_map(|e| e.file_name().to_str().map(|n| format!("{folder}/{n}")))
                    .collect()
            }
        };
        out.retain(|p| p.ends_with(&suffix));
        out.sort();
        Ok(out)
    }
}
