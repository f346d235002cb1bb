//! `cinco import-kpis FILE --organisation SLUG`: a KPI file of any size, streamed into the
//! organisation (see `cinco_app::results::import::stream`).

use anyhow::Context;
use cinco_app::results::import;
pub use cinco_app::results::import::{Mapping, RowProblem};
use cinco_domain::organisation::Slug;
use cinco_persistence::results::Import;
use cinco_persistence::{Database, organisation};

/// Imports `file` into the organisation `slug`; `progress` hears the bytes read so far.
pub async fn run(
    db: &Database,
    slug: &str,
    file: &std::path::Path,
    mapping: &Mapping,
    progress: impl FnMut(u64),
) -> anyhow::Result<(Import, Vec<RowProblem>)> {
    let slug = Slug::parse(slug).map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
    let org = organisation::find_by_slug(db, &slug)
        .await?
        .with_context(|| format!("no organisation {}", slug.as_str()))?;
    let app = cinco_app::App::new(db.clone(), cinco_app::Clock::system(), String::new());
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import::stream(&app, org.id, reader, mapping, &name, progress)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}
