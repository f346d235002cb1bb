//! Recording a coaching session: the scorecard ratings (which become proficiency evidence),
//! the notes, and the actions agreed with the agent (which become a path of practice tasks).
//! Raises [`LearningEvent::CoachingSessionRecorded`].

use chrono::{DateTime, NaiveDate, Utc};
use cinco_domain::Role;
use cinco_domain::coaching::{AssignmentStatus, Observation, SessionStatus, StepType};
use cinco_domain::learning::LearningEvent;
use cinco_domain::text::{INDICATOR_MAX, NOTE_MAX, SESSION_NOTES_MAX, TITLE_MAX};
use cinco_domain::user::User;
use cinco_persistence::coaching::{self, Rating, Recording};
use cinco_persistence::path::{self, Assignment, NewStep};
use cinco_persistence::{competency, organisation};

use crate::certification::held::sign_off_scope;
use crate::path::scope::{coachable_agent, team_of};
use crate::text::optional;
use crate::{Actor, App, AppError, ErrorCode};

/// One scorecard line as the lead rated it.
#[derive(Debug)]
pub struct RatingInput {
    pub competency_key: String,
    pub indicator: String,
    /// 1…4, or `None` for N/A.
    pub rating: Option<i32>,
    pub note: Option<String>,
}

/// One action agreed with the agent, as the request named its field (`actions[0]`).
#[derive(Debug)]
pub struct ActionInput {
    pub field: String,
    pub text: String,
    pub due_on: Option<NaiveDate>,
}

/// What the lead records.
#[derive(Debug)]
pub struct Record {
    /// `live` or `recorded`.
    pub observation: String,
    pub call_reference: Option<String>,
    /// Now when absent.
    pub held_at: Option<DateTime<Utc>>,
    pub ratings: Vec<RatingInput>,
    pub notes: Option<String>,
    pub actions: Vec<ActionInput>,
}

fn already(code: ErrorCode, detail: &str) -> AppError {
    AppError::Conflict {
        code,
        detail: detail.to_owned(),
    }
}

/// Records scheduled session `id`: only the lead who scheduled it (or an admin), once, and
/// under certified coaching only on competencies the rater is certified for.
pub async fn record(app: &App, actor: &Actor, id: uuid::Uuid, cmd: Record) -> Result<(), AppError> {
    let s = coaching::session(&app.db, actor.org, id).await?;
    let agent = coachable_agent(&app.db, actor, s.agent_id).await?;
    if s.lead_id != actor.user && !actor.is(Role::Admin) {
        return Err(AppError::Denied {
            code: ErrorCode::NotYourSession,
            detail: "only the lead who scheduled it records this session".to_owned(),
        });
    }
    match s.status {
        SessionStatus::Recorded => {
            return Err(already(
                ErrorCode::AlreadyRecorded,
                "this session is recorded already",
            ));
        }
        SessionStatus::Cancelled => {
            return Err(already(
                ErrorCode::SessionCancelled,
                "this session was cancelled",
            ));
        }
        SessionStatus::Scheduled => {}
    }
    let observation = Observation::parse(&cmd.observation)
        .ok_or_else(|| AppError::field("observation", "invalid_observation", "live or recorded"))?;
    let now = app.clock.now();
    let ratings = in_every_language(
        app,
        actor,
        s.scorecard_id,
        ratings(app, actor, cmd.ratings, now).await?,
    )
    .await?;
    let held_at = cmd.held_at.unwrap_or(now);
    let mut actions = Vec::with_capacity(cmd.actions.len());
    for a in cmd.actions {
        let text = optional(&a.field, Some(&a.text), TITLE_MAX)?
            .ok_or_else(|| AppError::field(&a.field, "invalid_action", "an action needs a text"))?;
        actions.push(NewStep {
            title: text,
            kind: StepType::PracticeTask,
            target_key: None,
            pass_percent: None,
            instructions: None,
            due_at: a.due_on.map(|day| agent.time_zone.end_of(day)),
            texts: std::collections::BTreeMap::new(),
        });
    }
    let call_reference = optional("call_reference", cmd.call_reference.as_deref(), TITLE_MAX)?;
    // Recorded without notes, a session keeps the ones it was opened with (the decision a
    // lead wanted to talk about).
    let notes = optional("notes", cmd.notes.as_deref(), SESSION_NOTES_MAX)?.or(s.notes.clone());

    let tx = app.db.begin().await?;
    let actions_assignment_id = if actions.is_empty() {
        None
    } else {
        let a = Assignment {
            id: uuid::Uuid::now_v7(),
            user_id: agent.id,
            title: actions_title(held_at, &agent),
            template_id: None,
            team_id: team_of(&tx, actor.org, agent.id).await?,
            team_rule_id: None,
            session_id: Some(s.id),
            assigned_by: actor.user,
            assigned_at: now,
            status: AssignmentStatus::Active,
            closed_at: None,
            steps: Vec::new(),
            texts: std::collections::BTreeMap::new(),
        };
        path::insert_assignment(&tx, actor.org, &a, &actions, "coaching_session").await?;
        Some(a.id)
    };
    let rec = Recording {
        held_at,
        observation,
        call_reference: call_reference.or(s.call_reference.clone()),
        notes,
        ratings,
        actions_assignment_id,
    };
    if !coaching::record(&tx, actor.org, &s, &rec).await? {
        return Err(already(
            ErrorCode::AlreadyRecorded,
            "this session is recorded already",
        ));
    }
    let event = LearningEvent::CoachingSessionRecorded {
        org: actor.org,
        agent: agent.id,
        session: s.id,
        at: now,
    };
    crate::learning::publish(app, &tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The ratings checked: known competencies, 1 to 4 or N/A, and only what the rater may sign
/// off.
async fn ratings(
    app: &App,
    actor: &Actor,
    input: Vec<RatingInput>,
    now: DateTime<Utc>,
) -> Result<Vec<Rating>, AppError> {
    let comps = competency::list(&app.db, actor.org, false).await?;
    let scope = sign_off_scope(&app.db, actor.org, actor.user, now).await?;
    let mut ratings = Vec::with_capacity(input.len());
    for (i, r) in input.into_iter().enumerate() {
        let field = format!("ratings[{i}]");
        if !comps.iter().any(|c| c.key.as_str() == r.competency_key) {
            return Err(AppError::field(
                &field,
                "unknown_competency",
                format!("no competency `{}`", r.competency_key),
            ));
        }
        if r.rating.is_some_and(|v| !(1..=4).contains(&v)) {
            return Err(AppError::field(
                &field,
                "invalid_rating",
                "1 to 4, or null for N/A",
            ));
        }
        if r.rating.is_some()
            && scope
                .as_ref()
                .is_some_and(|keys| !keys.contains(&r.competency_key))
        {
            return Err(AppError::Denied {
                code: ErrorCode::NotCertified,
                detail: format!(
                    "only coaches certified for `{}` may rate it",
                    r.competency_key
                ),
            });
        }
        ratings.push(Rating {
            indicator: optional(&field, Some(&r.indicator), INDICATOR_MAX)?.unwrap_or_default(),
            note: optional(&field, r.note.as_deref(), NOTE_MAX)?,
            competency_key: r.competency_key,
            rating: r.rating,
            texts: std::collections::BTreeMap::new(),
        });
    }
    Ok(ratings)
}

/// The ratings, each indicator in every language of the session's scorecard when it is one
/// of that scorecard's indicators of the same competency (in any of its languages): so the
/// agent reads the session in theirs. An indicator the lead wrote themselves stays as
/// written.
async fn in_every_language(
    app: &App,
    actor: &Actor,
    scorecard: Option<uuid::Uuid>,
    mut ratings: Vec<Rating>,
) -> Result<Vec<Rating>, AppError> {
    let Some(id) = scorecard else {
        return Ok(ratings);
    };
    let card = coaching::scorecard(&app.db, actor.org, id).await?;
    let org_default = organisation::get(&app.db, actor.org).await?.default_locale;
    let texts = super::scorecard::indicator_texts(&card, org_default);
    for rating in &mut ratings {
        let same = card.items.iter().zip(&texts).find(|(item, texts)| {
            item.competency_key == rating.competency_key
                && texts.values().any(|t| *t == rating.indicator)
        });
        if let Some((_, texts)) = same {
            rating.texts = texts.clone();
        }
    }
    Ok(ratings)
}

/// The title of the path that holds a session's agreed actions, in the agent's language.
fn actions_title(held_at: DateTime<Utc>, agent: &User) -> String {
    let day = agent.time_zone.local_date(held_at).format("%Y-%m-%d");
    match agent.locale {
        cinco_domain::Locale::Es => format!("Acciones acordadas en la sesión del {day}"),
        cinco_domain::Locale::En => format!("Actions agreed in the session of {day}"),
        cinco_domain::Locale::It => format!("Azioni concordate nella sessione del {day}"),
    }
}
