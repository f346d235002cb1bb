//! The cascade view for admins and trainers: the tree of who certified whom, each team's
//! coverage (which competencies have a certified coach among the team's leads) and the
//! certifications expiring in the next 60 days.

use std::collections::{BTreeMap, HashSet};

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Duration, Utc};
use cinco_domain::UserId;
use cinco_domain::certification::Standing;
use cinco_domain::lesson::Key;
use cinco_persistence::certification::{self, Certification};
use cinco_persistence::{competency, team};
use serde::Serialize;
use utoipa::ToSchema;

use super::standing;
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::ApiError;
use crate::routes::coaching::sessions::auth_locale;
use crate::routes::coaching::{Names, PersonRef};
use crate::state::AppState;

/// Certifications expiring within this many days are listed.
const EXPIRING_DAYS: i64 = 60;

#[derive(Debug, Serialize, ToSchema)]
pub struct HeldCertification {
    id: uuid::Uuid,
    title: String,
    level: crate::states::LevelView,
    /// Revoked ones are left out of the tree.
    status: crate::states::StandingView,
    expires_at: DateTime<Utc>,
}

/// A person in the tree, with the people they certified.
#[derive(Debug, Serialize, ToSchema)]
pub struct CascadeNode {
    person: PersonRef,
    certifications: Vec<HeldCertification>,
    #[schema(no_recursion)]
    certified: Vec<CascadeNode>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyCoverage {
    key: String,
    name: String,
    /// The team's leads certified for it now.
    coaches: Vec<PersonRef>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamCoverage {
    team_id: uuid::Uuid,
    team_name: String,
    leads: Vec<PersonRef>,
    competencies: Vec<CompetencyCoverage>,
    /// Competencies with at least one certified coach.
    covered: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExpiringCertification {
    id: uuid::Uuid,
    holder: PersonRef,
    title: String,
    level: crate::states::LevelView,
    expires_at: DateTime<Utc>,
    days_left: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CascadeView {
    /// People nobody here certified (who granted or hold outside certifications) at the top.
    tree: Vec<CascadeNode>,
    coverage: Vec<TeamCoverage>,
    expiring: Vec<ExpiringCertification>,
}

/// Who certified whom, coverage per team and what expires soon (admins and trainers).
#[utoipa::path(
    tag = "certifications",
    security(("bearer" = ["admin", "trainer"])),
    responses((status = 200, description = "The cascade", body = CascadeView))
)]
#[get(
    "/certifications/cascade",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn cascade(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.settings.clock.now();
    let names = Names::load(&state.db, auth.org).await?;
    let locale = auth_locale(&state, &auth).await?;
    let all: Vec<Certification> = certification::certifications(&state.db, auth.org, None)
        .await?
        .into_iter()
        .filter(|c| standing(c, now) != Standing::Revoked)
        .collect();

    // What each person is certified for now.
    let mut covers: BTreeMap<UserId, HashSet<&Key>> = BTreeMap::new();
    for c in all.iter().filter(|c| standing(c, now) == Standing::Active) {
        covers
            .entry(c.holder_id)
            .or_default()
            .extend(c.scope.iter());
    }
    let comps = competency::list(&state.db, auth.org, false).await?;
    let mut coverage = Vec::new();
    for t in team::list(&state.db, auth.org).await? {
        let competencies: Vec<CompetencyCoverage> = comps
            .iter()
            .map(|c| CompetencyCoverage {
                key: c.key.as_str().to_owned(),
                name: c.name.get(locale, locale).to_owned(),
                coaches: t
                    .leads
                    .iter()
                    .filter(|lead| covers.get(*lead).is_some_and(|k| k.contains(&c.key)))
                    .map(|lead| names.person(*lead))
                    .collect(),
            })
            .collect();
        coverage.push(TeamCoverage {
            team_id: t.team.id.as_uuid(),
            team_name: t.team.name.as_str().to_owned(),
            leads: t.leads.iter().map(|l| names.person(*l)).collect(),
            covered: competencies
                .iter()
                .filter(|c| !c.coaches.is_empty())
                .count(),
            competencies,
        });
    }

    let renewed: HashSet<uuid::Uuid> = all.iter().filter_map(|c| c.renews_id).collect();
    let mut expiring: Vec<ExpiringCertification> = all
        .iter()
        .filter(|c| {
            standing(c, now) == Standing::Active
                && c.expires_at - now <= Duration::days(EXPIRING_DAYS)
                && !renewed.contains(&c.id)
        })
        .map(|c| ExpiringCertification {
            id: c.id,
            holder: names.person(c.holder_id),
            title: c.title.clone(),
            level: c.level.into(),
            expires_at: c.expires_at,
            days_left: (c.expires_at - now).num_days(),
        })
        .collect();
    expiring.sort_by_key(|e| e.expires_at);

    Ok(HttpResponse::Ok().json(CascadeView {
        tree: tree(&all, &names, now),
        coverage,
        expiring,
    }))
}

/// The tree of who certified whom: each holder hangs under whoever issued their most
/// recent certification; people nobody here certified are the roots.
fn tree(all: &[Certification], names: &Names, now: DateTime<Utc>) -> Vec<CascadeNode> {
    let mut parent: BTreeMap<UserId, UserId> = BTreeMap::new();
    let mut held: BTreeMap<UserId, Vec<&Certification>> = BTreeMap::new();
    // Newest first: the first issuer seen for a holder is their most recent one.
    for c in all {
        held.entry(c.holder_id).or_default().push(c);
        if c.issued_by != c.holder_id {
            parent.entry(c.holder_id).or_insert(c.issued_by);
        }
    }
    let mut people: HashSet<UserId> = held.keys().copied().collect();
    people.extend(parent.values().copied());
    let mut children: BTreeMap<UserId, Vec<UserId>> = BTreeMap::new();
    for (child, p) in &parent {
        children.entry(*p).or_default().push(*child);
    }
    let mut roots: Vec<UserId> = people
        .iter()
        .filter(|p| !parent.contains_key(p))
        .copied()
        .collect();
    // A ring of people certifying each other has no root: start it at its first member.
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    roots.sort_by_key(|p| names.person(*p).display_name);
    for r in roots {
        out.push(node(r, &children, &held, names, now, &mut seen));
    }
    let mut rest: Vec<UserId> = people
        .iter()
        .filter(|p| !seen.contains(*p))
        .copied()
        .collect();
    rest.sort();
    for r in rest {
        if !seen.contains(&r) {
            out.push(node(r, &children, &held, names, now, &mut seen));
        }
    }
    out
}

fn node(
    person: UserId,
    children: &BTreeMap<UserId, Vec<UserId>>,
    held: &BTreeMap<UserId, Vec<&Certification>>,
    names: &Names,
    now: DateTime<Utc>,
    seen: &mut HashSet<UserId>,
) -> CascadeNode {
    seen.insert(person);
    let mut certified = Vec::new();
    let mut kids: Vec<UserId> = children.get(&person).cloned().unwrap_or_default();
    kids.sort_by_key(|p| names.person(*p).display_name);
    for k in kids {
        if !seen.contains(&k) {
            certified.push(node(k, children, held, names, now, seen));
        }
    }
    CascadeNode {
        person: names.person(person),
        certifications: held
            .get(&person)
            .map(|list| {
                list.iter()
                    .map(|c| HeldCertification {
                        id: c.id,
                        title: c.title.clone(),
                        level: c.level.into(),
                        status: standing(c, now).into(),
                        expires_at: c.expires_at,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        certified,
    }
}
