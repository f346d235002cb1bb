//! The demo scaled up for benchmarks (`cinco seed-demo --agents 1000 --lessons 200`): extra
//! agents with the demo password and a learning history, and copies of the demo lessons
//! under new keys until the organisation has the number of published lessons asked for.

use cinco_domain::lesson::{LessonStatus, markdown};
use cinco_domain::password::NewPassword;
use cinco_domain::team::Membership;
use cinco_domain::user::{DisplayName, Email, Roles, TimeZone, User};
use cinco_domain::{Locale, OrganisationId, Role, TeamId, UserId};
use cinco_persistence::{Database, lesson, team, user};

use super::{DEMO_PASSWORD, DOMAIN};
use cinco_app::lesson::publish::publish_version;
use cinco_app::lesson::save_draft::{Save, store_draft};

/// Adds agents `bench0001…` until there are `agents` of them; returns how many were added.
pub(super) async fn agents(
    db: &Database,
    org: OrganisationId,
    teams: &[TeamId],
    agents: usize,
) -> anyhow::Result<Vec<User>> {
    let first = Email::parse(&format!("bench0001@{DOMAIN}"))?;
    // One hash for all: the same password, hashed once (argon2 is slow on purpose).
    let hash =
        cinco_app::account::password::hash(NewPassword::parse(DEMO_PASSWORD, &first)?).await?;
    let mut added = Vec::new();
    for n in 1..=agents {
        let email = Email::parse(&format!("bench{n:04}@{DOMAIN}"))?;
        if user::email_taken(db, &email).await? {
            continue;
        }
        let person = User {
            id: UserId::new(),
            organisation_id: org,
            email,
            display_name: DisplayName::parse(&format!("Agente {n:04}"))?,
            roles: Roles::new([Role::Agent])?,
            locale: Locale::Es,
            time_zone: TimeZone::parse("Europe/Madrid")?,
            active: true,
            external_id: None,
        };
        user::insert(db, &person, &hash, chrono::Utc::now()).await?;
        team::add_member(
            db,
            org,
            teams[n % teams.len()],
            person.id,
            Membership::Agent,
        )
        .await?;
        added.push(person);
    }
    Ok(added)
}

/// Publishes copies of the demo's Spanish lessons until `total` are published.
pub(super) async fn lessons(
    db: &Database,
    org: OrganisationId,
    author: UserId,
    total: usize,
) -> anyhow::Result<usize> {
    let published = lesson::list_published(db, org).await?;
    let originals: Vec<_> = published
        .iter()
        .filter(|v| v.locale == Locale::Es && !v.key.as_str().starts_with("copy-"))
        .collect();
    if originals.is_empty() {
        return Ok(0);
    }
    let mut count = published.len();
    let mut added = 0;
    let mut n = 0;
    while count < total {
        n += 1;
        let original = originals[n % originals.len()];
        let key = format!("copy-{n:03}-{}", original.key.as_str());
        let key = &key[..key.len().min(64)];
        let mut content = markdown::parse(&original.source)?;
        content.key = cinco_domain::lesson::Key::parse(key.trim_end_matches('-'))
            .ok_or_else(|| anyhow::anyhow!("bad key {key}"))?;
        content.title = format!("{} ({n})", content.title);
        let source = markdown::render(&content);
        let latest = lesson::latest(db, org, &content.key, Locale::Es).await?;
        if latest.is_some_and(|v| v.status == LessonStatus::Published) {
            continue;
        }
        let draft = store_draft(db, org, author, &source, Save::Draft, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{key}: {e}"))?;
        publish_version(db, org, draft.id, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{key}: {e}"))?;
        count += 1;
        added += 1;
    }
    Ok(added)
}
