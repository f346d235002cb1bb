//! Programme indicators: what the learning programme did in a lead's scope, week by week
//! over the same weeks as the results (see `cinco_domain::indicators` and
//! docs/indicators.md). Read in a bounded number of bulk queries, whatever the team's size.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use cinco_domain::competency::Competency;
use cinco_domain::indicators::{self, Held, Proficiency, Tally, Week};
use cinco_domain::lesson::Key;
use cinco_domain::proficiency::Observation;
use cinco_domain::{Role, TeamId, UserId};
use cinco_persistence::team_activity::{self, LearnedKind};
use cinco_persistence::{certification, competency, team};

use super::view::{WEEKS, agents_in_scope, window};
use crate::today::plan::observations;
use crate::{Actor, App, AppError};

/// One competency's indicators, week by week.
#[derive(Debug, Clone)]
pub struct CompetencyIndicators {
    pub competency: Competency,
    pub proficiency: Vec<Proficiency>,
    /// Certified coaches of the scope at each week's end.
    pub certified_coaches: Vec<usize>,
}

/// A scope's programme indicators.
#[derive(Debug, Clone)]
pub struct Indicators {
    /// The agents counted.
    pub agents: usize,
    /// Each week's Monday, oldest first; the other lists follow it.
    pub weeks: Vec<NaiveDate>,
    pub programme: Vec<Week>,
    pub competencies: Vec<CompetencyIndicators>,
}

/// The programme indicators of one team (or every agent the actor may see), for every
/// active competency or only `competency`.
pub async fn indicators(
    app: &App,
    actor: &Actor,
    team: Option<TeamId>,
    competency: Option<&str>,
) -> Result<Indicators, AppError> {
    let now = app.clock.now();
    let w = window(app);
    let mut competencies = competency::list(&app.db, actor.org, false).await?;
    if let Some(wanted) = competency {
        let key = Key::parse(wanted).ok_or(AppError::NotFound)?;
        competencies.retain(|c| c.key == key);
        if competencies.is_empty() {
            return Err(AppError::NotFound);
        }
    }
    let agents = agents_in_scope(app, actor, team).await?;
    let coaches = coaches_in_scope(app, actor, team).await?;

    let weeks: Vec<NaiveDate> = (0..i32::from(WEEKS)).filter_map(|i| w.monday(i)).collect();
    // Each week's last instant; this week's is now.
    let ends = w.week_ends(now);
    let since = w
        .first_monday()
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(now);
    let week_of = |at: DateTime<Utc>| w.index(at.date_naive());

    let mut tally = Tally::new(WEEKS);
    for (agent, day) in
        team_activity::sessions_completed_since(&app.db, actor.org, &agents, since).await?
    {
        if let Ok(day) = day.parse::<NaiveDate>() {
            tally.session(agent, w.index(day));
        }
    }
    for l in team_activity::learned_since(&app.db, actor.org, &agents, since).await? {
        if l.kind == LearnedKind::Lesson {
            tally.lesson(l.user, week_of(l.at));
        }
        tally.learned(week_of(l.at), l.seconds);
    }
    for (_, due, done) in
        team_activity::due_steps_completed_since(&app.db, actor.org, &agents, since).await?
    {
        tally.step(week_of(done), due, done);
    }

    // Proficiency needs all the evidence (old evidence fades but still counts).
    let evidence = team_activity::evidence_of(&app.db, actor.org, &agents).await?;
    let mut by_competency: HashMap<String, Vec<Vec<Observation>>> = HashMap::new();
    for pieces in evidence.values() {
        let mut mine: HashMap<String, Vec<Observation>> = HashMap::new();
        for (key, o) in observations(pieces) {
            mine.entry(key).or_default().push(o);
        }
        for (key, list) in mine {
            by_competency.entry(key).or_default().push(list);
        }
    }
    let held = certification::certifications(&app.db, actor.org, None)
        .await?
        .into_iter()
        .filter(|c| {
            coaches
                .as_ref()
                .is_none_or(|set| set.contains(&c.holder_id))
        })
        .map(|c| {
            let keys: HashSet<String> = c.scope.iter().map(|k| k.as_str().to_owned()).collect();
            (
                keys,
                Held {
                    holder: c.holder_id,
                    issued_at: c.issued_at,
                    expires_at: c.expires_at,
                    revoked_at: c.revoked_at,
                },
            )
        })
        .collect::<Vec<_>>();

    let competencies = competencies
        .into_iter()
        .map(|c| {
            let key = c.key.as_str();
            let lists = by_competency
                .get(key)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let covering: Vec<&Held> = held
                .iter()
                .filter(|(keys, _)| keys.contains(key))
                .map(|(_, h)| h)
                .collect();
            CompetencyIndicators {
                proficiency: indicators::proficiency(lists.iter().map(Vec::as_slice), &ends),
                certified_coaches: indicators::certified(covering.iter().copied(), &ends),
                competency: c,
            }
        })
        .collect();
    Ok(Indicators {
        agents: agents.len(),
        weeks,
        programme: tally.finish(),
        competencies,
    })
}

/// The people who coach the scope, whose certifications count: a team's leads; the leads of
/// the teams a lead leads; anyone in the organisation for an admin's whole view (`None`).
async fn coaches_in_scope(
    app: &App,
    actor: &Actor,
    team: Option<TeamId>,
) -> Result<Option<HashSet<UserId>>, AppError> {
    if let Some(team) = team {
        let team = crate::path::scope::visible_team(&app.db, actor, team).await?;
        return Ok(Some(team.leads.into_iter().collect()));
    }
    if actor.is(Role::Admin) {
        return Ok(None);
    }
    let led = actor.led_teams(&app.db).await?;
    Ok(Some(
        team::list(&app.db, actor.org)
            .await?
            .into_iter()
            .filter(|t| led.contains(&t.team.id))
            .flat_map(|t| t.leads)
            .collect(),
    ))
}
