//! The lead's team dashboard: who is behind and why, a proficiency heatmap, minutes learned
//! this week, recent coaching sessions and who has gone without one; one agent in depth; the
//! same as CSV. Each is read in a fixed number of bulk queries, whatever the team's size.

use std::collections::{BTreeMap, HashMap};

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Duration, Utc};
use cinco_domain::coaching::{AgentStanding, SessionStatus, missed, overdue};
use cinco_domain::proficiency;
use cinco_domain::{TeamId, UserId};
use cinco_persistence::coaching::{self, Session};
use cinco_persistence::path::PathStep;
use cinco_persistence::{competency, path, team_activity, user};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Names, PersonRef, visible_team};
use crate::auth::{ADMIN, LEAD};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::states::{BehindReasonView, SessionStatusView};
use cinco_app::today::plan::{by_competency, observations};

#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyRef {
    pub(super) key: String,
    pub(super) name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgentRow {
    pub(super) agent: PersonRef,
    pub(super) minutes_this_week: i64,
    pub(super) open_steps: usize,
    pub(super) overdue_steps: usize,
    pub(super) completed_steps: usize,
    pub(super) missed_sessions: usize,
    pub(super) last_session_at: Option<DateTime<Utc>>,
    pub(super) days_since_session: Option<i64>,
    pub(super) behind: bool,
    /// Why the agent needs attention, in order (a missed session is not also "no session").
    pub(super) reasons: Vec<BehindReasonView>,
    /// Completed a step, or rose a proficiency level, in the last 7 days.
    pub(super) improved: bool,
    /// Proficiency level 1–4 per competency key; `null` without evidence.
    pub(super) levels: BTreeMap<String, Option<u8>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionSummary {
    pub(super) id: uuid::Uuid,
    pub(super) agent: PersonRef,
    pub(super) lead: PersonRef,
    pub(super) status: SessionStatusView,
    pub(super) scheduled_at: Option<DateTime<Utc>>,
    pub(super) held_at: Option<DateTime<Utc>>,
    pub(super) acknowledged: bool,
    pub(super) disputed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Totals {
    pub(super) agents: usize,
    pub(super) behind: usize,
    pub(super) minutes_this_week: i64,
    pub(super) completed_steps_this_week: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardTeam {
    pub(super) id: uuid::Uuid,
    pub(super) name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamDashboard {
    pub(super) team: DashboardTeam,
    pub(super) idle_days: i32,
    pub(super) competencies: Vec<CompetencyRef>,
    /// Behind first, then by name.
    pub(super) agents: Vec<AgentRow>,
    pub(super) recent_sessions: Vec<SessionSummary>,
    pub(super) totals: Totals,
}

struct Facts {
    now: DateTime<Utc>,
    week_start: DateTime<Utc>,
    idle_days: i32,
    steps: Vec<PathStep>,
    sessions: Vec<Session>,
    seconds: HashMap<UserId, i64>,
    levels: HashMap<UserId, BTreeMap<String, (u8, u8, f64)>>,
}

/// Everything about the agents, in bulk.
async fn facts(state: &AppState, auth: &AuthUser, agents: &[UserId]) -> Result<Facts, ApiError> {
    let org = auth.org;
    let now = state.settings.clock.now();
    let caller = user::get(&state.db, org, auth.user_id).await?;
    let today = caller.time_zone.local_date(now);
    let monday = cinco_domain::calendar::monday_of(today);
    let week_start = caller.time_zone.start_of(monday);
    let settings = coaching::settings(&state.db, org).await?;
    let evidence = team_activity::evidence_of(&state.db, org, agents).await?;
    let week_ago = now - Duration::days(7);
    let levels = evidence
        .into_iter()
        .map(|(user, pieces)| {
            let obs = observations(&pieces);
            let by = by_competency(&obs)
                .into_iter()
                .map(|(k, list)| {
                    let before: Vec<_> =
                        list.iter().copied().filter(|o| o.at <= week_ago).collect();
                    let e = proficiency::estimate(&list, now);
                    let then = if before.is_empty() {
                        0
                    } else {
                        proficiency::estimate(&before, week_ago).level
                    };
                    (k, (e.level, then, e.confidence))
                })
                .collect();
            (user, by)
        })
        .collect();
    Ok(Facts {
        now,
        week_start,
        idle_days: settings.idle_days,
        steps: path::steps_of_users(&state.db, org, agents).await?,
        sessions: coaching::sessions(&state.db, org, Some(agents)).await?,
        seconds: team_activity::seconds_since(&state.db, org, agents, week_start).await?,
        levels,
    })
}

fn row(f: &Facts, agent: UserId, names: &Names, comps: &[CompetencyRef]) -> AgentRow {
    let steps: Vec<&PathStep> = f.steps.iter().filter(|s| s.user_id == agent).collect();
    let open = steps.iter().filter(|s| s.completed_at.is_none()).count();
    let overdue = steps
        .iter()
        .filter(|s| overdue(s.completed_at, s.due_at, f.now))
        .count();
    let completed = steps.iter().filter(|s| s.completed_at.is_some()).count();
    let recent_step = steps.iter().any(|s| {
        s.completed_at
            .is_some_and(|at| f.now - at <= Duration::days(7))
    });
    let sessions: Vec<&Session> = f.sessions.iter().filter(|s| s.agent_id == agent).collect();
    let last = sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Recorded)
        .filter_map(|s| s.held_at)
        .max();
    let missed = sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Scheduled && missed(s.scheduled_at, f.now))
        .count();
    let days_since = last.map(|at| (f.now - at).num_days());
    let standing = AgentStanding {
        overdue_steps: overdue,
        missed_sessions: missed,
        days_since_session: days_since,
        idle_days: f.idle_days,
    };
    let reasons = standing.reasons().into_iter().map(Into::into).collect();
    let mine = f.levels.get(&agent);
    let levels = comps
        .iter()
        .map(|c| (c.key.clone(), mine.and_then(|m| m.get(&c.key)).map(|l| l.0)))
        .collect();
    let rose = mine.is_some_and(|m| m.values().any(|(now, then, _)| *then > 0 && now > then));
    AgentRow {
        agent: names.person(agent),
        minutes_this_week: f.seconds.get(&agent).copied().unwrap_or(0) / 60,
        open_steps: open,
        overdue_steps: overdue,
        completed_steps: completed,
        missed_sessions: missed,
        last_session_at: last,
        days_since_session: days_since,
        behind: standing.behind(),
        reasons,
        improved: recent_step || rose,
        levels,
    }
}

async fn competencies(state: &AppState, auth: &AuthUser) -> Result<Vec<CompetencyRef>, ApiError> {
    let locale = super::sessions::auth_locale(state, auth).await?;
    Ok(competency::list(&state.db, auth.org, false)
        .await?
        .into_iter()
        .map(|c| CompetencyRef {
            key: c.key.as_str().to_owned(),
            name: c.name.get(locale, locale).to_owned(),
        })
        .collect())
}

pub(super) async fn dashboard(
    state: &AppState,
    auth: &AuthUser,
    id: TeamId,
) -> Result<TeamDashboard, ApiError> {
    let team = visible_team(&state.db, auth, id).await?;
    let names = Names::load(&state.db, auth.org).await?;
    let comps = competencies(state, auth).await?;
    let f = facts(state, auth, &team.agents).await?;
    let mut agents: Vec<AgentRow> = team
        .agents
        .iter()
        .map(|a| row(&f, *a, &names, &comps))
        .collect();
    agents.sort_by(|a, b| {
        b.behind
            .cmp(&a.behind)
            .then_with(|| a.agent.display_name.cmp(&b.agent.display_name))
    });
    let recent_sessions = f
        .sessions
        .iter()
        .filter(|s| s.status != SessionStatus::Cancelled)
        .take(10)
        .map(|s| SessionSummary {
            id: s.id,
            agent: names.person(s.agent_id),
            lead: names.person(s.lead_id),
            status: s.status.into(),
            scheduled_at: s.scheduled_at,
            held_at: s.held_at,
            acknowledged: s.acknowledged_at.is_some(),
            disputed: s.disputed,
        })
        .collect();
    let totals = Totals {
        agents: agents.len(),
        behind: agents.iter().filter(|a| a.behind).count(),
        minutes_this_week: agents.iter().map(|a| a.minutes_this_week).sum(),
        completed_steps_this_week: f
            .steps
            .iter()
            .filter(|s| s.completed_at.is_some_and(|at| at >= f.week_start))
            .count(),
    };
    Ok(TeamDashboard {
        team: DashboardTeam {
            id: team.team.id.as_uuid(),
            name: team.team.name.as_str().to_owned(),
        },
        idle_days: f.idle_days,
        competencies: comps,
        agents,
        recent_sessions,
        totals,
    })
}

/// A team's dashboard (admins: any team; leads: the teams they lead).
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(("team_id" = uuid::Uuid, Path, description = "Team id")),
    responses(
        (status = 200, description = "The dashboard", body = TeamDashboard),
        (status = 404, description = "No such team in the caller's scope", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/teams/{team_id}/dashboard",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let d = dashboard(&state, &auth, TeamId::from_uuid(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(d))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgentProficiency {
    pub(super) competency: String,
    pub(super) name: String,
    pub(super) level: Option<u8>,
    pub(super) confidence: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgentDetail {
    #[serde(flatten)]
    pub(super) row: AgentRow,
    pub(super) proficiency: Vec<AgentProficiency>,
    pub(super) assignments: Vec<super::assignments::AssignmentView>,
    pub(super) sessions: Vec<super::sessions::CoachingSessionView>,
}

/// One agent of the team in depth.
#[utoipa::path(
    tag = "coaching",
    security(("bearer" = ["admin", "lead"])),
    params(
        ("team_id" = uuid::Uuid, Path, description = "Team id"),
        ("user_id" = uuid::Uuid, Path, description = "Agent id")
    ),
    responses(
        (status = 200, description = "The agent", body = AgentDetail),
        (status = 404, description = "No such team in the caller's scope, or no such agent in it", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/teams/{team_id}/agents/{user_id}",
    wrap = "from_fn(require::<{ ADMIN | LEAD }>)"
)]
pub async fn agent_detail(
    auth: AuthUser,
    state: web::Data<AppState>,
    ids: web::Path<(uuid::Uuid, uuid::Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (team, agent) = ids.into_inner();
    let team = visible_team(&state.db, &auth, TeamId::from_uuid(team)).await?;
    let agent = UserId::from_uuid(agent);
    if !team.agents.contains(&agent) {
        return Err(ApiError::NotFound);
    }
    let names = Names::load(&state.db, auth.org).await?;
    let comps = competencies(&state, &auth).await?;
    let f = facts(&state, &auth, &[agent]).await?;
    let mine = f.levels.get(&agent);
    let proficiency = comps
        .iter()
        .map(|c| {
            let l = mine.and_then(|m| m.get(&c.key));
            AgentProficiency {
                competency: c.key.clone(),
                name: c.name.clone(),
                level: l.map(|l| l.0),
                confidence: l.map_or(0.0, |l| l.2),
            }
        })
        .collect();
    let me = [agent];
    let filter = path::Filter {
        users: Some(&me),
        status: None,
    };
    let reader = crate::routes::learn::locales(&state.db, &auth).await?;
    let assignments = path::assignments(&state.db, auth.org, filter)
        .await?
        .iter()
        .map(|a| super::assignments::view(a, &names, f.now, reader))
        .collect();
    let locale = super::sessions::auth_locale(&state, &auth).await?;
    let mut sessions = Vec::new();
    for s in f.sessions.iter().cloned() {
        sessions.push(super::sessions::session_view(&state, auth.org, s, &names, locale).await?);
    }
    Ok(HttpResponse::Ok().json(AgentDetail {
        row: row(&f, agent, &names, &comps),
        proficiency,
        assignments,
        sessions,
    }))
}
