//! Demo content from the `content/` folder: the competency framework
//! (`competencies.toml`), the customer-experience statement (`cx-statement.toml`) and the
//! lessons (`lessons/<key>.<locale>.md`), all published. Only what is missing is added.

use anyhow::Context;
use cinco_domain::competency::{Competency, Kind, Level};
use cinco_domain::lesson::{Key, LessonStatus, markdown};
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::{Database, competency, cx_statement, lesson};
use serde::Deserialize;

use super::source::DemoContent;
use super::texts::{Texts, localized};
use cinco_app::lesson::publish::publish_version;
use cinco_app::lesson::save_draft::{Save, store_draft};

#[derive(Debug, Deserialize)]
struct Framework {
    competency: Vec<CompetencyFile>,
}

#[derive(Debug, Deserialize)]
struct CompetencyFile {
    key: String,
    kind: String,
    category: Option<String>,
    name: Texts,
    description: Texts,
    level: Vec<LevelFile>,
}

#[derive(Debug, Deserialize)]
struct LevelFile {
    level: u8,
    indicators: Vec<Texts>,
}

#[derive(Debug, Deserialize)]
struct CxFile {
    text: Texts,
}

/// What was added.
#[derive(Debug, Default)]
pub struct ContentReport {
    pub competencies: usize,
    pub lessons: usize,
    pub decisions: usize,
    pub scenarios: usize,
}

/// Loads whatever of `content` the organisation does not have yet.
pub async fn load(
    db: &Database,
    org: OrganisationId,
    author: UserId,
    content: &DemoContent,
) -> anyhow::Result<ContentReport> {
    let mut report = ContentReport::default();
    let framework: Framework = toml::from_str(&content.require("competencies.toml")?)
        .context("content/competencies.toml")?;
    for c in framework.competency {
        let key = Key::parse(&c.key).with_context(|| format!("competency key {}", c.key))?;
        if competency::get(db, org, &key).await.is_ok() {
            continue;
        }
        let levels = c
            .level
            .iter()
            .map(|l| {
                Ok(Level {
                    level: l.level,
                    indicators: l
                        .indicators
                        .iter()
                        .map(localized)
                        .collect::<anyhow::Result<_>>()?,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        competency::insert(
            db,
            &Competency {
                organisation_id: org,
                key,
                kind: Kind::parse(&c.kind).context("competency kind")?,
                category: c.category.as_deref().and_then(Key::parse),
                name: localized(&c.name)?,
                description: localized(&c.description)?,
                levels,
                archived: false,
            },
            chrono::Utc::now(),
        )
        .await?;
        report.competencies += 1;
    }

    if cx_statement::history(db, org).await?.is_empty() {
        let cx: CxFile = toml::from_str(&content.require("cx-statement.toml")?)
            .context("content/cx-statement.toml")?;
        cx_statement::publish(db, org, &localized(&cx.text)?, author, chrono::Utc::now()).await?;
    }

    for path in content.files("lessons", "md")? {
        let source = content.require(&path)?;
        let parsed = markdown::parse(&source).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        let latest = lesson::latest(db, org, &parsed.key, parsed.locale).await?;
        if latest.is_some_and(|v| v.status == LessonStatus::Published) {
            continue;
        }
        let draft = store_draft(db, org, author, &source, Save::Draft, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        publish_version(db, org, draft.id, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        report.lessons += 1;
    }
    report.decisions = super::scenarios::load_authority(db, org, content).await?;
    report.scenarios = super::scenarios::load_scenarios(db, org, author, content).await?;
    Ok(report)
}
