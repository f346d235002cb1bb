//! Demo data for `cinco seed-demo` and `make run`: the organisation "Demo Contact Center"
//! (Spanish by default, English and Italian offered) with an admin, a trainer, two leads and
//! twelve agents in two teams, and a third team of sixty agents with a lead of its own whose
//! KPI history lets the results screens estimate what training changed. Safe to run again:
//! it only adds what is missing.

mod certification;
mod coaching;
mod content;
mod decisions;
mod history;
mod listening;
mod results;
mod scaled;
mod scenarios;
mod source;
mod texts;

pub use source::DemoContent;

use std::fmt;

use cinco_domain::organisation::{Organisation, OrganisationName, Slug, offered_locales};
use cinco_domain::password::NewPassword;
use cinco_domain::team::{Membership, Team, TeamName};
use cinco_domain::user::{DisplayName, Email, Roles, TimeZone, User};
use cinco_domain::{Locale, OrganisationId, Role, TeamId, UserId};
use cinco_persistence::{Database, lesson, organisation, team, user};

/// Every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "cinco-demo-2026";
const DEMO_NAME: &str = "Demo Contact Center";
const DEMO_SLUG: &str = "demo-contact-center";
const DOMAIN: &str = "demo.cinco.test";

/// A demo person: local part of the address, name, roles, language, index of their team.
type DemoPerson = (
    &'static str,
    &'static str,
    &'static [Role],
    Locale,
    Option<usize>,
);

const PEOPLE: [DemoPerson; 17] = [
    ("admin", "Marta Admin", &[Role::Admin], Locale::Es, None),
    (
        "trainer",
        "Tomás Formador",
        &[Role::Trainer],
        Locale::Es,
        None,
    ),
    ("lead1", "Laura Gómez", &[Role::Lead], Locale::Es, Some(0)),
    ("lead2", "Luca Bianchi", &[Role::Lead], Locale::It, Some(1)),
    ("lead3", "Irene Vidal", &[Role::Lead], Locale::Es, Some(2)),
    ("agent01", "Ana López", &[Role::Agent], Locale::Es, Some(0)),
    (
        "agent02",
        "Carlos Ruiz",
        &[Role::Agent],
        Locale::Es,
        Some(0),
    ),
    (
        "agent03",
        "Lucía Fernández",
        &[Role::Agent],
        Locale::Es,
        Some(0),
    ),
    (
        "agent04",
        "Javier Moreno",
        &[Role::Agent],
        Locale::Es,
        Some(0),
    ),
    (
        "agent05",
        "Sofía Navarro",
        &[Role::Agent],
        Locale::Es,
        Some(0),
    ),
    (
        "agent06",
        "Diego Torres",
        &[Role::Agent],
        Locale::En,
        Some(0),
    ),
    (
        "agent07",
        "Giulia Rossi",
        &[Role::Agent],
        Locale::It,
        Some(1),
    ),
    (
        "agent08",
        "Marco Esposito",
        &[Role::Agent],
        Locale::It,
        Some(1),
    ),
    (
        "agent09",
        "Chiara Romano",
        &[Role::Agent],
        Locale::It,
        Some(1),
    ),
    ("agent10", "Paula Díaz", &[Role::Agent], Locale::Es, Some(1)),
    ("agent11", "Emma Walsh", &[Role::Agent], Locale::En, Some(1)),
    (
        "agent12",
        "Andrea Conti",
        &[Role::Agent],
        Locale::It,
        Some(1),
    ),
];
const TEAMS: [&str; 3] = ["Equipo Madrid", "Squadra Milano", "Equipo Valencia"];
/// The team whose KPI history is long and wide enough for an impact estimate.
const RESULTS_TEAM: usize = 2;

/// What the seed did, printed for the person running `make run`.
#[derive(Debug)]
pub struct SeedReport {
    pub organisation_created: bool,
    pub people_created: usize,
    pub competencies_created: usize,
    pub lessons_published: usize,
    pub decisions_created: usize,
    /// Decisions on real contacts logged by the demo agents (with approvals and recognitions).
    pub contact_decisions: usize,
    pub scenarios_published: usize,
    /// Past daily sessions given to the demo agents.
    pub history_sessions: usize,
    pub paths_assigned: usize,
    /// Certifications of the demo train-the-trainer track (and granted ones).
    pub certifications: usize,
    /// Agents of the results team added, and weekly KPI values stored.
    pub results_agents: usize,
    pub kpi_values: usize,
    /// Procedure suggestions added (the pulse's answers come with them).
    pub suggestions: usize,
    pub logins: Vec<(String, String)>,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.organisation_created {
            "created"
        } else {
            "already present"
        };
        writeln!(
            f,
            "Demo organisation \"{DEMO_NAME}\" {verb}; {} people added.",
            self.people_created
        )?;
        writeln!(
            f,
            "Demo content added: {} competencies, {} lessons, {} authority limits, {} scenarios.",
            self.competencies_created,
            self.lessons_published,
            self.decisions_created,
            self.scenarios_published
        )?;
        writeln!(
            f,
            "Demo procedure suggestions added: {}; pulse answers for Equipo Valencia and Equipo Madrid.",
            self.suggestions
        )?;
        writeln!(
            f,
            "Demo learning history added: {} past sessions.",
            self.history_sessions
        )?;
        writeln!(
            f,
            "Demo coaching added: {} assigned paths, {} certifications.",
            self.paths_assigned, self.certifications
        )?;
        writeln!(
            f,
            "Demo results added: {} agents in Equipo Valencia (valencia01…valencia60@{DOMAIN}), {} weekly KPI values.",
            self.results_agents, self.kpi_values
        )?;
        writeln!(
            f,
            "Demo decisions on real contacts added: {}.",
            self.contact_decisions
        )?;
        writeln!(f, "Demo logins (password for all: {DEMO_PASSWORD}):")?;
        for (email, roles) in &self.logins {
            writeln!(f, "  {email:<28} {roles}")?;
        }
        Ok(())
    }
}

/// How far to scale the demo up (benchmarks); zero adds nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scale {
    /// Extra agents `bench0001…`, with a learning history each.
    pub agents: usize,
    /// Published lessons in all (copies of the demo's are added).
    pub lessons: usize,
    /// Extra agents go in teams of this many of their own, each with a lead, and most finish
    /// a bench path (results benchmarks); zero puts them in the demo's two teams.
    pub team_size: usize,
    /// Leave the extra agents without a learning history (it is most of the seeding time:
    /// tens of queries per past session).
    pub without_history: bool,
}

/// Creates whatever of the demo is missing from the demo `content`.
pub async fn demo(db: &Database, content: &DemoContent) -> anyhow::Result<SeedReport> {
    demo_scaled(db, content, Scale::default()).await
}

/// The demo, scaled up by `scale`.
pub async fn demo_scaled(
    db: &Database,
    content: &DemoContent,
    scale: Scale,
) -> anyhow::Result<SeedReport> {
    let slug = Slug::parse(DEMO_SLUG)?;
    let (org_id, organisation_created) = match organisation::find_by_slug(db, &slug).await? {
        Some(org) => (org.id, false),
        None => {
            let org = Organisation {
                id: OrganisationId::new(),
                name: OrganisationName::parse(DEMO_NAME)?,
                slug,
                default_locale: Locale::Es,
                offered_locales: offered_locales(Locale::Es, Locale::ALL)?,
                lesson_review_required: false,
            };
            organisation::insert(db, &org, chrono::Utc::now()).await?;
            (org.id, true)
        }
    };
    let teams = ensure_teams(db, org_id).await?;
    let mut people_created = 0;
    let mut logins = Vec::new();
    for (local, name, roles, locale, team_index) in PEOPLE {
        let email = Email::parse(&format!("{local}@{DOMAIN}"))?;
        let roles = Roles::new(roles.iter().copied())?;
        logins.push((email.as_str().to_owned(), roles.to_list()));
        if user::email_taken(db, &email).await? {
            continue;
        }
        let person = User {
            id: UserId::new(),
            organisation_id: org_id,
            email: email.clone(),
            display_name: DisplayName::parse(name)?,
            roles: roles.clone(),
            locale,
            time_zone: TimeZone::parse(if locale == Locale::It {
                "Europe/Rome"
            } else {
                "Europe/Madrid"
            })?,
            active: true,
            external_id: None,
        };
        let hash =
            cinco_app::account::password::hash(NewPassword::parse(DEMO_PASSWORD, &email)?).await?;
        user::insert(db, &person, &hash, chrono::Utc::now()).await?;
        if let Some(i) = team_index {
            let membership = if roles.contains(Role::Lead) {
                Membership::Lead
            } else {
                Membership::Agent
            };
            team::add_member(db, org_id, teams[i], person.id, membership).await?;
        }
        people_created += 1;
    }
    let trainer = user::credentials_by_email(db, &Email::parse(&format!("trainer@{DOMAIN}"))?)
        .await?
        .map(|c| c.user.id)
        .ok_or_else(|| anyhow::anyhow!("the demo trainer is missing"))?;
    let added = content::load(db, org_id, trainer, content).await?;
    if lesson::list_published(db, org_id).await?.is_empty() {
        anyhow::bail!(
            "{} holds no lessons: the demo would have nothing to learn",
            content.describe()
        );
    }
    let mut agents = Vec::new();
    for (local, ..) in PEOPLE.iter().filter(|p| p.0.starts_with("agent")) {
        let email = Email::parse(&format!("{local}@{DOMAIN}"))?;
        if let Some(c) = user::credentials_by_email(db, &email).await? {
            agents.push(c.user);
        }
    }
    let mut history_sessions = history::seed(db, org_id, &agents, chrono::Utc::now()).await?;
    if scale.lessons > 0 {
        scaled::lessons(db, org_id, trainer, scale.lessons).await?;
    }
    let mut bench_agents = Vec::new();
    if scale.agents > 0 {
        bench_agents = scaled::agents(db, org_id, &teams, scale.agents, scale.team_size).await?;
        if !scale.without_history {
            let people: Vec<User> = bench_agents.iter().map(|a| a.user.clone()).collect();
            history_sessions += history::seed(db, org_id, &people, chrono::Utc::now()).await?;
        }
    }
    let mut paths_assigned =
        coaching::seed(db, org_id, &teams, trainer, chrono::Utc::now()).await?;
    if scale.team_size > 0 {
        // After the demo's coaching, which only runs while there are no paths.
        paths_assigned += scaled::trainings(
            db,
            org_id,
            trainer,
            &bench_agents,
            scale.agents,
            chrono::Utc::now(),
        )
        .await?;
    }
    let certifications = certification::seed(db, org_id, chrono::Utc::now()).await?;
    let results = results::seed(db, org_id, teams[RESULTS_TEAM], chrono::Utc::now()).await?;
    let contact_decisions = decisions::seed(db, org_id, chrono::Utc::now()).await?;
    let suggestions = listening::seed(db, org_id, &teams, chrono::Utc::now()).await?;
    Ok(SeedReport {
        results_agents: results.agents,
        suggestions,
        kpi_values: results.values,
        history_sessions,
        paths_assigned,
        certifications,
        organisation_created,
        people_created,
        competencies_created: added.competencies,
        lessons_published: added.lessons,
        decisions_created: added.decisions,
        contact_decisions,
        scenarios_published: added.scenarios,
        logins,
    })
}

async fn ensure_teams(db: &Database, org: OrganisationId) -> anyhow::Result<Vec<TeamId>> {
    let existing = team::list(db, org).await?;
    let mut ids = Vec::new();
    for name in TEAMS {
        match existing.iter().find(|t| t.team.name.as_str() == name) {
            Some(t) => ids.push(t.team.id),
            None => {
                let t = Team {
                    id: TeamId::new(),
                    organisation_id: org,
                    name: TeamName::parse(name)?,
                };
                team::insert(db, &t, chrono::Utc::now()).await?;
                ids.push(t.id);
            }
        }
    }
    Ok(ids)
}
