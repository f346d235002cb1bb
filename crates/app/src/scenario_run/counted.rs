//! What a finished role-play counted towards: the coaching-path steps and train-the-trainer
//! modules its end completed (they were completed at the very moment the run ended, by the
//! learning event the run raised), so the debrief can say so.

use cinco_persistence::certification::{EnrolmentFilter, enrolments};
use cinco_persistence::path::{Filter as PathFilter, assignments};
use cinco_persistence::{scenario, scenario_run};

use crate::{Actor, App, AppError};

/// A path or a track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Programme {
    Path,
    Track,
}

/// One step or module a run completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub programme: Programme,
    /// The path's or track's title, and the step's or module's.
    pub title: String,
    pub step: String,
}

/// The steps and modules the actor's run `id` completed when it ended; none while it goes on.
pub async fn counted(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<Vec<Counted>, AppError> {
    let Some(run) = scenario_run::find(&app.db, actor.org, id).await? else {
        return Ok(Vec::new());
    };
    let Some(at) = run.completed_at.filter(|_| run.user_id == actor.user) else {
        return Ok(Vec::new());
    };
    let key = scenario::get(&app.db, actor.org, run.scenario_version_id)
        .await?
        .key;
    let by_this = |target: &Option<String>, done: Option<chrono::DateTime<chrono::Utc>>| {
        target.as_deref() == Some(key.as_str()) && done == Some(at)
    };
    let mut out = Vec::new();
    let users = [actor.user];
    let paths = PathFilter {
        users: Some(&users),
        status: None,
    };
    for a in assignments(&app.db, actor.org, paths).await? {
        for s in a
            .steps
            .iter()
            .filter(|s| by_this(&s.target_key, s.completed_at))
        {
            out.push(Counted {
                programme: Programme::Path,
                title: a.title.clone(),
                step: s.title.clone(),
            });
        }
    }
    let mine = EnrolmentFilter {
        user: Some(actor.user),
        ..EnrolmentFilter::default()
    };
    for e in enrolments(&app.db, actor.org, mine).await? {
        for m in e
            .modules
            .iter()
            .filter(|m| by_this(&m.target_key, m.completed_at))
        {
            out.push(Counted {
                programme: Programme::Track,
                title: e.title.clone(),
                step: m.title.clone(),
            });
        }
    }
    Ok(out)
}
