//! Enrolling leads and trainers on a certification track, and withdrawing them.

use cinco_domain::certification::EnrolmentStatus;
use cinco_domain::{Role, UserId};
use cinco_persistence::certification::{self, Enrolment, EnrolmentFilter};
use cinco_persistence::{RepoError, user};

use crate::{Actor, App, AppError, ErrorCode};

/// Who was enrolled, and who was skipped (already on the track and not finished).
#[derive(Debug)]
pub struct Enrolled {
    pub created: Vec<Enrolment>,
    pub skipped: Vec<UserId>,
}

/// Enrols `user_ids` (1 to 500 leads, trainers or admins, never the actor) on a track that
/// is not archived.
pub async fn enrol(
    app: &App,
    actor: &Actor,
    track_id: uuid::Uuid,
    user_ids: &[UserId],
) -> Result<Enrolled, AppError> {
    let track = certification::track(&app.db, actor.org, track_id).await?;
    if track.archived {
        return Err(AppError::Conflict {
            code: ErrorCode::TrackArchived,
            detail: "an archived track takes no new enrolments".into(),
        });
    }
    if user_ids.is_empty() || user_ids.len() > 500 {
        return Err(AppError::field(
            "user_ids",
            "no_trainees",
            "name 1 to 500 people",
        ));
    }
    let mut people = Vec::with_capacity(user_ids.len());
    for raw in user_ids {
        let person = user::get(&app.db, actor.org, *raw)
            .await
            .map_err(|e| match e {
                RepoError::NotFound => AppError::field(
                    "user_ids",
                    "unknown_user",
                    format!("no person `{raw}` here"),
                ),
                other => other.into(),
            })?;
        if ![Role::Lead, Role::Trainer, Role::Admin]
            .iter()
            .any(|r| person.roles.contains(*r))
        {
            return Err(AppError::field(
                "user_ids",
                "not_a_trainee",
                format!(
                    "{} is an agent; tracks are for leads and trainers",
                    person.display_name.as_str()
                ),
            ));
        }
        people.push(person);
    }
    if people.iter().any(|p| p.id == actor.user) {
        return Err(AppError::field(
            "user_ids",
            "self_enrolment",
            "someone else enrols you, so that someone else certifies you",
        ));
    }
    let now = app.clock.now();
    let languages = super::language::every(&track);
    let tx = app.db.begin().await?;
    certification::lock_track(&tx, actor.org, track.id).await?;
    let mut enrolled = Vec::new();
    let mut skipped = Vec::new();
    for p in people {
        let running = certification::enrolments(
            &tx,
            actor.org,
            EnrolmentFilter {
                user: Some(p.id),
                track: Some(track.id),
                status: Some(EnrolmentStatus::Active),
            },
        )
        .await?;
        if !running.is_empty() || enrolled.iter().any(|(u, _)| *u == p.id) {
            skipped.push(p.id);
            continue;
        }
        let e = certification::insert_enrolment(
            &tx,
            actor.org,
            (track.id, &track.track, &languages),
            p.id,
            actor.user,
            now,
        )
        .await?;
        cinco_persistence::user::touch_learning(&tx, actor.org, p.id).await?;
        enrolled.push((p.id, e));
    }
    tx.commit().await?;
    let mut created = Vec::with_capacity(enrolled.len());
    for (_, e) in enrolled {
        created.push(certification::enrolment(&app.db, actor.org, e).await?);
    }
    Ok(Enrolled { created, skipped })
}

/// Withdraws a trainee from a track; what they did is kept.
pub async fn withdraw(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<Enrolment, AppError> {
    let e = certification::enrolment(&app.db, actor.org, id).await?;
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    if !certification::close(&tx, actor.org, id, EnrolmentStatus::Withdrawn, now, None).await? {
        return Err(AppError::Conflict {
            code: ErrorCode::EnrolmentClosed,
            detail: "this enrolment is completed or withdrawn already".into(),
        });
    }
    user::touch_learning(&tx, actor.org, e.user_id).await?;
    tx.commit().await?;
    Ok(certification::enrolment(&app.db, actor.org, id).await?)
}
