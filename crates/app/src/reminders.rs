//! The coaching worker: on every tick it plans each agent's reminder mail (steps coming up or
//! overdue, one mail a day, in their time zone and language, never in the organisation's
//! quiet hours), each lead's weekly digest and each certification holder's renewal
//! reminders, and queues them in the outbox. Several nodes may run it: a mail is claimed per
//! person and period (or per certification and notice) before it is queued.

use std::collections::BTreeMap;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use cinco_domain::certification::{CertificationEvent, renewal_notice};
use cinco_domain::coaching::{QuietHours, ReminderKind, StepDue, plan_reminder};
use cinco_domain::coaching::{SessionStatus, missed, overdue};
use cinco_domain::user::User;
use cinco_domain::{OrganisationId, UserId};
use cinco_persistence::path::{self, OpenStep};
use cinco_persistence::{certification, coaching, organisation, outbox, team, team_activity, user};
use tokio::sync::watch;

use crate::App;
use crate::mail::certification::renewal;
use crate::mail::coaching::{Line, To, digest, reminder};

/// Leads get their digest from this local time on Mondays (or on the first tick after it).
const DIGEST_FROM_HOUR: u32 = 8;

#[derive(Debug, Clone)]
pub struct CoachingWorker {
    pub app: App,
    /// How often a round runs.
    pub poll_interval: StdDuration,
}

impl CoachingWorker {
    /// Runs until `stop` turns true.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let every = self.poll_interval.max(StdDuration::from_millis(10));
        loop {
            let now = self.app.clock.now();
            if let Err(err) = self.tick(now).await {
                tracing::warn!(error = %err, "coaching reminders failed; retrying next round");
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = stop.changed() => return,
            }
        }
    }

    /// One round: reminders, then digests, for every organisation.
    pub async fn tick(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        for org in organisation::ids(&self.app.db).await? {
            self.reminders(org, now).await?;
            self.digests(org, now).await?;
            self.renewals(org, now).await?;
        }
        Ok(())
    }

    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.app.public_url.trim_end_matches('/'))
    }

    async fn reminders(&self, org: OrganisationId, now: DateTime<Utc>) -> anyhow::Result<()> {
        let settings = coaching::settings(&self.app.db, org).await?;
        let notice = Duration::hours(i64::from(settings.reminder_notice_hours));
        let quiet = quiet_hours(&settings);
        let mut by_user: BTreeMap<UserId, Vec<OpenStep>> = BTreeMap::new();
        for o in path::open_steps_due(&self.app.db, org, now + notice).await? {
            by_user.entry(o.step.user_id).or_default().push(o);
        }
        if by_user.is_empty() {
            return Ok(());
        }
        let organisation = organisation::get(&self.app.db, org).await?;
        let org_name = organisation.name.as_str().to_owned();
        for (agent, mut steps) in by_user {
            let person = user::get(&self.app.db, org, agent).await?;
            if !person.active {
                continue;
            }
            // The mail names the steps in the agent's language where the path has it.
            for o in &mut steps {
                crate::path::language::open_in(o, person.locale, organisation.default_locale);
            }
            let last = coaching::last_mail(&self.app.db, org, agent, "reminder")
                .await?
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
            let due: Vec<StepDue> = steps
                .iter()
                .filter_map(|o| {
                    Some(StepDue {
                        step: o.step.id,
                        due: o.step.due_at?,
                        reminded_before: o.step.reminded_before,
                        last_overdue_reminder: o
                            .step
                            .last_overdue_reminder
                            .as_deref()
                            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                    })
                })
                .collect();
            let Some(plan) = plan_reminder(&due, now, &person.time_zone, quiet, notice, last)
            else {
                continue;
            };
            if plan.send_at > now {
                continue;
            }
            let today = person.time_zone.local_date(now).to_string();
            let line = |id: uuid::Uuid| {
                steps.iter().find(|o| o.step.id == id).map(|o| Line {
                    text: format!("{} — {}", o.path_title, o.step.title),
                    when: o
                        .step
                        .due_at
                        .map(|d| person.time_zone.local_date(d).to_string())
                        .unwrap_or_default(),
                })
            };
            let pick = |kind: ReminderKind| -> Vec<uuid::Uuid> {
                plan.steps
                    .iter()
                    .filter(|(_, k)| *k == kind)
                    .map(|(id, _)| *id)
                    .collect()
            };
            let (overdue, upcoming) = (pick(ReminderKind::Overdue), pick(ReminderKind::Upcoming));
            let mail = reminder(
                to(&person, &org_name),
                &overdue
                    .iter()
                    .filter_map(|id| line(*id))
                    .collect::<Vec<_>>(),
                &upcoming
                    .iter()
                    .filter_map(|id| line(*id))
                    .collect::<Vec<_>>(),
                &self.link("/paths"),
            );
            let tx = self.app.db.begin().await?;
            if !coaching::claim_mail(&tx, org, agent, "reminder", &today, now).await? {
                continue;
            }
            outbox::enqueue(&tx, mail, now).await?;
            path::mark_upcoming_reminded(&tx, org, &upcoming).await?;
            path::mark_overdue_reminded(&tx, org, &overdue, &today).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Holders of a certification expiring within 30 days hear of it once, and once more
    /// within 7 days (outside quiet hours); a renewed or revoked one is left alone.
    async fn renewals(&self, org: OrganisationId, now: DateTime<Utc>) -> anyhow::Result<()> {
        let notice = cinco_domain::certification::RENEWAL_NOTICE_DAYS
            .into_iter()
            .max()
            .unwrap_or_default();
        let soon =
            certification::expiring(&self.app.db, org, now, now + Duration::days(notice)).await?;
        if soon.is_empty() {
            return Ok(());
        }
        let renewed =
            certification::with_event(&self.app.db, org, CertificationEvent::Renewed).await?;
        let mut sent = BTreeMap::new();
        for days in cinco_domain::certification::RENEWAL_NOTICE_DAYS {
            if let Some(kind) = CertificationEvent::renewal_reminder(days) {
                sent.insert(
                    days,
                    certification::with_event(&self.app.db, org, kind).await?,
                );
            }
        }
        let due: Vec<_> = soon
            .iter()
            .filter(|c| !renewed.contains(&c.id))
            .filter_map(|c| Some((c, renewal_notice(now, c.expires_at)?)))
            .filter(|(c, days)| !sent.get(days).is_some_and(|s| s.contains(&c.id)))
            .collect();
        if due.is_empty() {
            return Ok(());
        }
        let quiet = quiet_hours(&coaching::settings(&self.app.db, org).await?);
        let org_name = organisation::get(&self.app.db, org)
            .await?
            .name
            .as_str()
            .to_owned();
        for (c, days) in due {
            let person = user::get(&self.app.db, org, c.holder_id).await?;
            if !person.active || quiet.is_some_and(|q| q.contains(person.time_zone.local_time(now)))
            {
                continue;
            }
            let mail = renewal(
                to(&person, &org_name),
                Line {
                    text: c.title.clone(),
                    when: person.time_zone.local_date(c.expires_at).to_string(),
                },
                &self.link(&format!("/certifications/{}", c.id)),
            );
            let Some(kind) = CertificationEvent::renewal_reminder(days) else {
                continue;
            };
            let tx = self.app.db.begin().await?;
            if !certification::claim_event(&tx, org, c.id, now, None, kind, "").await? {
                continue;
            }
            outbox::enqueue(&tx, mail, now).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    async fn digests(&self, org: OrganisationId, now: DateTime<Utc>) -> anyhow::Result<()> {
        let teams = team::list(&self.app.db, org).await?;
        let mut leads: BTreeMap<UserId, Vec<UserId>> = BTreeMap::new();
        for t in &teams {
            for lead in &t.leads {
                leads
                    .entry(*lead)
                    .or_default()
                    .extend(t.agents.iter().copied());
            }
        }
        leads.retain(|_, agents| !agents.is_empty());
        if leads.is_empty() {
            return Ok(());
        }
        let quiet = quiet_hours(&coaching::settings(&self.app.db, org).await?);
        let org_name = organisation::get(&self.app.db, org)
            .await?
            .name
            .as_str()
            .to_owned();
        let names = team_activity::names(&self.app.db, org).await?;
        for (lead, agents) in leads {
            let person = user::get(&self.app.db, org, lead).await?;
            let local = person.time_zone.local_time(now);
            let day = person.time_zone.local_date(now);
            let too_early =
                day.weekday() == chrono::Weekday::Mon && local.hour() < DIGEST_FROM_HOUR;
            if !person.active || too_early || quiet.is_some_and(|q| q.contains(local)) {
                continue;
            }
            let week = day.iso_week();
            let period = format!("{}-W{:02}", week.year(), week.week());
            if coaching::last_mail(&self.app.db, org, lead, "digest")
                .await?
                .as_deref()
                == Some(period.as_str())
            {
                continue;
            }
            let steps = path::steps_of_users(&self.app.db, org, &agents).await?;
            let sessions = coaching::sessions(&self.app.db, org, Some(&agents)).await?;
            let mut behind = Vec::new();
            let mut improved = Vec::new();
            for agent in &agents {
                let name = names.get(agent).cloned().unwrap_or_default();
                let mine = steps.iter().filter(|s| s.user_id == *agent);
                let late = mine
                    .clone()
                    .filter(|s| overdue(s.completed_at, s.due_at, now))
                    .count();
                let not_held = sessions
                    .iter()
                    .filter(|s| s.agent_id == *agent && s.status == SessionStatus::Scheduled)
                    .filter(|s| missed(s.scheduled_at, now))
                    .count();
                let done = mine
                    .filter(|s| {
                        s.completed_at
                            .is_some_and(|at| now - at <= Duration::days(7))
                    })
                    .count();
                if late + not_held > 0 {
                    behind.push(Line {
                        text: name.clone(),
                        when: format!("{late} / {not_held}"),
                    });
                }
                if done > 0 {
                    improved.push(Line {
                        text: name,
                        when: format!("+{done}"),
                    });
                }
            }
            let mail = digest(
                to(&person, &org_name),
                &behind,
                &improved,
                &self.link("/coaching"),
            );
            let tx = self.app.db.begin().await?;
            if !coaching::claim_mail(&tx, org, lead, "digest", &period, now).await? {
                continue;
            }
            outbox::enqueue(&tx, mail, now).await?;
            tx.commit().await?;
        }
        Ok(())
    }
}

/// The stored quiet hours as the reminder rules read them.
fn quiet_hours(s: &coaching::Settings) -> Option<QuietHours> {
    let (start, end) = s.quiet_hours.as_ref()?;
    QuietHours::parse(start, end)
}

pub(crate) fn to<'a>(person: &'a User, org_name: &'a str) -> To<'a> {
    To {
        name: person.display_name.as_str(),
        email: person.email.as_str(),
        org_name,
        org: person.organisation_id,
        locale: person.locale,
    }
}
