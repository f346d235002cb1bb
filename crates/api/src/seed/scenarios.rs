//! Demo authority limits (`content/authority-limits.toml`) and role-play scenarios
//! (`content/scenarios/<key>.<locale>.json`), all published. Only what is missing is added.

use std::collections::BTreeMap;

use anyhow::Context;
use cinco_domain::authority::{Decision, Grant};
use cinco_domain::lesson::{Key, LessonStatus};
use cinco_domain::{OrganisationId, Role, UserId};
use cinco_persistence::{Database, authority, scenario};
use serde::Deserialize;

use super::source::DemoContent;
use super::texts::{Texts, localized};

use cinco_app::scenario::file::{ScenarioFile, cents};
use cinco_app::scenario::publish::publish_version;
use cinco_app::scenario::save_draft::store_draft;

#[derive(Debug, Deserialize)]
struct LimitsFile {
    currency: String,
    decision: Vec<DecisionFile>,
}

#[derive(Debug, Deserialize)]
struct DecisionFile {
    key: String,
    name: Texts,
    description: Texts,
    /// `amount` (the default) or `permission`.
    #[serde(default)]
    grant: Option<String>,
    /// An amount type: role → the most it may grant.
    #[serde(default)]
    limits: BTreeMap<String, f64>,
    /// A permission: the roles that may make it.
    #[serde(default)]
    allowed: Vec<String>,
    /// Certification level → the most its holders may grant.
    #[serde(default)]
    certification_limits: BTreeMap<String, f64>,
}

/// Adds the decision types the organisation does not have; returns how many.
pub async fn load_authority(
    db: &Database,
    org: OrganisationId,
    content: &DemoContent,
) -> anyhow::Result<usize> {
    let Some(text) = content.read("authority-limits.toml")? else {
        return Ok(0);
    };
    let file: LimitsFile = toml::from_str(&text).context("authority-limits.toml")?;
    let existing = authority::list(db, org).await?;
    if existing.is_empty() {
        authority::set_currency(db, org, &file.currency).await?;
    }
    let mut added = 0;
    for d in file.decision {
        let key = Key::parse(&d.key).with_context(|| format!("decision key {}", d.key))?;
        let grant = match d.grant.as_deref() {
            None => Grant::Amount,
            Some(raw) => Grant::parse(raw).with_context(|| format!("grant {raw}"))?,
        };
        // A type the organisation has is left as it is, except a demo permission an earlier
        // version stored as an amount ("1" for one exception): it becomes the permission its
        // file says, or the demo's role-plays, which grant it without an amount, would not
        // publish.
        if let Some(e) = existing.iter().find(|e| e.key == key)
            && !(e.grant == Grant::Amount && grant == Grant::Permission)
        {
            continue;
        }
        let role = |raw: &str| -> anyhow::Result<Role> {
            raw.parse().map_err(|_| anyhow::anyhow!("role {raw}"))
        };
        let role_limits = match grant {
            Grant::Amount => d
                .limits
                .iter()
                .map(|(r, value)| Ok((role(r)?, cents(*value).context("amount")?)))
                .collect::<anyhow::Result<_>>()?,
            Grant::Permission => d
                .allowed
                .iter()
                .map(|r| Ok((role(r)?, 0)))
                .collect::<anyhow::Result<_>>()?,
        };
        let decision = Decision {
            key,
            name: localized(&d.name)?,
            description: localized(&d.description)?,
            grant,
            role_limits,
            certification_limits: d
                .certification_limits
                .iter()
                .map(|(level, value)| {
                    let level = cinco_domain::certification::Level::parse(level)
                        .ok_or_else(|| anyhow::anyhow!("certification level {level}"))?;
                    Ok((level.as_str().to_owned(), cents(*value).context("amount")?))
                })
                .collect::<anyhow::Result<_>>()?,
        };
        authority::upsert(db, org, &decision, chrono::Utc::now()).await?;
        added += 1;
    }
    Ok(added)
}

/// Imports and publishes the scenarios the organisation does not have published yet.
pub async fn load_scenarios(
    db: &Database,
    org: OrganisationId,
    author: UserId,
    content: &DemoContent,
) -> anyhow::Result<usize> {
    let mut added = 0;
    for what in content.files("scenarios", "json")? {
        let file: ScenarioFile =
            serde_json::from_str(&content.require(&what)?).with_context(|| what.clone())?;
        let s = file
            .to_domain()
            .map_err(|e| anyhow::anyhow!("{what}: {}: {}", e.path, e.message))?;
        let latest = scenario::latest(db, org, &s.key, s.locale).await?;
        if latest.is_some_and(|v| v.status == LessonStatus::Published) {
            continue;
        }
        let draft = store_draft(db, org, author, &s, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{what}: {e}"))?;
        publish_version(db, org, draft.id, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{what}: {e}"))?;
        added += 1;
    }
    Ok(added)
}
