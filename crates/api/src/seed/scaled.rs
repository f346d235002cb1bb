//! The demo scaled up for benchmarks (`cinco seed-demo --agents 1000 --lessons 200`): extra
//! agents with the demo password and a learning history, and copies of the demo lessons
//! under new keys until the organisation has the number of published lessons asked for.
//!
//! For the results benchmarks (`--agents 10000 --team-size 500 --no-history`) the extra
//! agents go into teams of their own, each with a lead `benchlead001…`, and most of them
//! finish a one-step path in a week drawn by the synthetic KPI model
//! (`cinco_domain::impact::synthetic`), so that `cinco generate-kpis` can plant an effect
//! after it and the impact screen has a training to estimate.

use chrono::{DateTime, Days, Duration, Utc};
use cinco_domain::coaching::{PathTemplate, Step, StepKind};
use cinco_domain::impact::synthetic::Model;
use cinco_domain::lesson::{LessonStatus, markdown};
use cinco_domain::password::NewPassword;
use cinco_domain::results::Period;
use cinco_domain::team::{Membership, Team, TeamName};
use cinco_domain::user::{DisplayName, Email, Roles, TimeZone, User};
use cinco_domain::{Locale, OrganisationId, Role, TeamId, UserId};
use cinco_persistence::path::{self, OpenStep, TemplateInput};
use cinco_persistence::{Database, lesson, team, user};

use super::{DEMO_PASSWORD, DOMAIN};
use cinco_app::learning::complete_step;
use cinco_app::lesson::publish::publish_version;
use cinco_app::lesson::save_draft::{Save, store_draft};
use cinco_app::path::give::{Giving, give};
use cinco_app::results::view::WEEKS;

/// Agents written per transaction.
const BATCH: usize = 500;
/// The seed of the training weeks.
const TRAINING_SEED: u64 = 2026;
/// The bench path's title.
const BENCH_PATH: &str = "Bench: resolve it on the first contact";

/// An agent added by [`agents`]: their number (`bench0042` is 42) and their team.
pub(super) struct Added {
    pub number: usize,
    pub user: User,
    pub team: TeamId,
}

/// Adds agents `bench0001…` until there are `agents` of them, in the demo's teams, or in
/// teams of `team_size` of their own (`Bench 001…`, led by `benchlead001…`) when it is not
/// zero. Returns the agents added.
pub(super) async fn agents(
    db: &Database,
    org: OrganisationId,
    teams: &[TeamId],
    agents: usize,
    team_size: usize,
) -> anyhow::Result<Vec<Added>> {
    let first = Email::parse(&format!("bench0001@{DOMAIN}"))?;
    // One hash for all: the same password, hashed once (argon2 is slow on purpose).
    let hash =
        cinco_app::account::password::hash(NewPassword::parse(DEMO_PASSWORD, &first)?).await?;
    let teams = if team_size == 0 {
        teams.to_vec()
    } else {
        bench_teams(db, org, agents.div_ceil(team_size), &hash).await?
    };
    let team_of = |n: usize| match (n - 1).checked_div(team_size) {
        Some(i) => teams[i],
        None => teams[n % teams.len()],
    };
    let mut added = Vec::new();
    let numbers: Vec<usize> = (1..=agents).collect();
    for batch in numbers.chunks(BATCH) {
        let tx = db.begin().await?;
        for &n in batch {
            let email = Email::parse(&format!("bench{n:04}@{DOMAIN}"))?;
            if user::email_taken(&tx, &email).await? {
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
            user::insert(&tx, &person, &hash, Utc::now()).await?;
            let team = team_of(n);
            team::add_member(&tx, org, team, person.id, Membership::Agent).await?;
            added.push(Added {
                number: n,
                user: person,
                team,
            });
        }
        tx.commit().await?;
    }
    Ok(added)
}

/// Teams `Bench 001…` up to `count`, each with its lead.
async fn bench_teams(
    db: &Database,
    org: OrganisationId,
    count: usize,
    hash: &str,
) -> anyhow::Result<Vec<TeamId>> {
    let existing = team::list(db, org).await?;
    let mut ids = Vec::new();
    for n in 1..=count {
        let name = format!("Bench {n:03}");
        if let Some(t) = existing.iter().find(|t| t.team.name.as_str() == name) {
            ids.push(t.team.id);
            continue;
        }
        let t = Team {
            id: TeamId::new(),
            organisation_id: org,
            name: TeamName::parse(&name)?,
        };
        team::insert(db, &t, Utc::now()).await?;
        let lead = User {
            id: UserId::new(),
            organisation_id: org,
            email: Email::parse(&format!("benchlead{n:03}@{DOMAIN}"))?,
            display_name: DisplayName::parse(&format!("Líder {n:03}"))?,
            roles: Roles::new([Role::Lead])?,
            locale: Locale::Es,
            time_zone: TimeZone::parse("Europe/Madrid")?,
            active: true,
            external_id: None,
        };
        if !user::email_taken(db, &lead.email).await? {
            user::insert(db, &lead, hash, Utc::now()).await?;
            team::add_member(db, org, t.id, lead.id, Membership::Lead).await?;
        }
        ids.push(t.id);
    }
    Ok(ids)
}

/// Gives the agents of bench teams a one-step path, finished in the week the synthetic KPI
/// model draws for each agent (30 % never trained, the others spread over the weeks the
/// results screens show); returns how many finished it. Does nothing when the path exists.
pub(super) async fn trainings(
    db: &Database,
    org: OrganisationId,
    trainer: UserId,
    agents: &[Added],
    total: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let templates = path::templates(db, org).await?;
    if agents.is_empty() || templates.iter().any(|t| t.path.title == BENCH_PATH) {
        return Ok(0);
    }
    let template = PathTemplate::new(
        BENCH_PATH,
        vec![Step {
            title: "Solve five calls without a transfer".to_owned(),
            kind: StepKind::PracticeTask {
                instructions: "Solve five customer problems on the first contact and note how."
                    .to_owned(),
            },
            due_after_days: Some(7),
        }],
    )?;
    let id = uuid::Uuid::now_v7();
    let input = TemplateInput {
        path: &template,
        description: "Benchmark data: one practice task.",
        source_locale: Some(cinco_domain::Locale::En),
    };
    let first_monday =
        Period::week_of(now.date_naive()).start - Days::new(7 * u64::from(WEEKS - 1));
    path::insert_template(db, org, id, input, trainer, now - Duration::weeks(30)).await?;
    let t = path::template(db, org, id).await?;
    // The same draw as `Model::generate`: agent `benchN` is the model's agent N − 1.
    let drawn = Model::new(total, WEEKS).generate(TRAINING_SEED);
    let mut leads = std::collections::HashMap::new();
    let mut finished = 0;
    for batch in agents.chunks(BATCH) {
        let tx = db.begin().await?;
        for a in batch {
            let Some(week) = drawn.agents.get(a.number - 1).and_then(|d| d.first_trained) else {
                continue;
            };
            let lead = match leads.get(&a.team) {
                Some(lead) => *lead,
                None => {
                    let lead = team::get(&tx, org, a.team)
                        .await?
                        .leads
                        .first()
                        .copied()
                        .unwrap_or(trainer);
                    leads.insert(a.team, lead);
                    lead
                }
            };
            let day = first_monday + Days::new(7 * u64::try_from(week).unwrap_or(0));
            let given = a.user.time_zone.start_of(day) + Duration::hours(9);
            let done = given + Duration::days(2);
            let how = Giving {
                by: lead,
                team: Some(a.team),
                rule: None,
                due_on: None,
                now: given,
                joined: false,
            };
            let Some(assignment) = give(&tx, org, &t, &a.user, &how)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            else {
                continue;
            };
            for step in &assignment.steps {
                let open = OpenStep {
                    step: step.clone(),
                    path_title: assignment.title.clone(),
                    path_texts: assignment.texts.clone(),
                    assigned_at: given,
                };
                complete_step(&tx, org, &open, done, None, Some("Five calls.".to_owned()))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            finished += 1;
        }
        tx.commit().await?;
    }
    Ok(finished)
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
