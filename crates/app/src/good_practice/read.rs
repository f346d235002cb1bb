//! What people read of good practices: the list in their language, and this week's card.

use std::collections::HashMap;

use cinco_domain::calendar::monday_of;
use cinco_domain::good_practice::card_due;
use cinco_domain::locale::{pick, variants};
use cinco_domain::user::TimeZone;
use cinco_domain::{Locale, UserId};
use cinco_persistence::good_practice::{self, GoodPractice};
use cinco_persistence::{organisation, team_activity, user};

use crate::{Actor, App, AppError};

/// A practice as one reader sees it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub practice: GoodPractice,
    /// The variant shown (the reader's language, else the organisation's, else any: see
    /// [`pick`]); another than the reader's when theirs is missing.
    pub locale: Locale,
    /// The agent's name, unless the practice is anonymous.
    pub agent_name: Option<String>,
    /// Offered languages without a variant, and variants older than the source.
    pub missing: Vec<Locale>,
    pub out_of_date: Vec<Locale>,
    /// Whether the reader has read it.
    pub read: bool,
    /// Whether the reader may write its languages and retire it.
    pub editable: bool,
}

struct Reader {
    locale: Locale,
    time_zone: TimeZone,
    org_default: Locale,
    offered: Vec<Locale>,
    reads: HashMap<uuid::Uuid, chrono::DateTime<chrono::Utc>>,
    names: HashMap<UserId, String>,
}

impl Reader {
    async fn load(app: &App, actor: &Actor) -> Result<Self, AppError> {
        let (me, org, reads, names) = tokio::try_join!(
            user::get(&app.db, actor.org, actor.user),
            organisation::get(&app.db, actor.org),
            good_practice::reads_of(&app.db, actor.org, actor.user),
            team_activity::names(&app.db, actor.org),
        )?;
        Ok(Self {
            locale: me.locale,
            time_zone: me.time_zone,
            org_default: org.default_locale,
            offered: org.offered_locales,
            reads: reads.into_iter().collect(),
            names,
        })
    }

    fn show(&self, actor: &Actor, p: GoodPractice) -> Shown {
        let available: Vec<Locale> = p.texts.iter().map(|t| t.locale).collect();
        let locale =
            pick(available.clone(), |l| *l, self.locale, self.org_default).unwrap_or(p.source);
        let edited: Vec<(Locale, chrono::DateTime<chrono::Utc>)> =
            p.texts.iter().map(|t| (t.locale, t.updated_at)).collect();
        let status = variants(&edited, &self.offered, p.source);
        Shown {
            locale,
            agent_name: (!p.anonymous)
                .then(|| self.names.get(&p.agent_id).cloned().unwrap_or_default()),
            missing: status.missing,
            out_of_date: status.out_of_date,
            read: self.reads.contains_key(&p.id),
            editable: super::edits(actor, &p),
            practice: p,
        }
    }
}

/// The organisation's current good practices, newest first, each in the reader's language
/// where it has one.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Shown>, AppError> {
    let reader = Reader::load(app, actor).await?;
    let practices = good_practice::list(&app.db, actor.org, false).await?;
    Ok(practices
        .into_iter()
        .map(|p| reader.show(actor, p))
        .collect())
}

/// One practice (a retired one too: a link to it still reads).
pub async fn get(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<Shown, AppError> {
    let reader = Reader::load(app, actor).await?;
    let p = good_practice::get(&app.db, actor.org, id).await?;
    Ok(reader.show(actor, p))
}

/// This week's card: the newest practice the reader has not read, unless they have read one
/// since their local Monday (one card a week at most).
pub async fn this_week(app: &App, actor: &Actor) -> Result<Option<Shown>, AppError> {
    let reader = Reader::load(app, actor).await?;
    let today = reader.time_zone.local_date(app.clock.now());
    let monday = reader.time_zone.start_of(monday_of(today));
    if !card_due(reader.reads.values().max().copied(), monday) {
        return Ok(None);
    }
    let unread = good_practice::newest_unread(&app.db, actor.org, actor.user).await?;
    Ok(unread.map(|p| reader.show(actor, p)))
}

/// Notes that the reader has read practice `id`.
pub async fn mark_read(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<(), AppError> {
    let p = good_practice::get(&app.db, actor.org, id).await?;
    good_practice::mark_read(&app.db, actor.org, p.id, actor.user, app.clock.now()).await?;
    Ok(())
}
