//! A few weeks of learning for the demo agents, so the first run tells a story: Ana has a
//! five-day streak and reviews due today, Luca kept his streak with the weekly freeze, some
//! agents lapsed, and the newest have done nothing yet. Each day is a completed lesson with
//! its answers (some wrong), review cards scheduled with FSRS, evidence and the day's
//! session, exactly as if the agent had used the app. Agents with any history are skipped.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use cinco_domain::lesson::{Card, Item, Response, estimate, markdown};
use cinco_domain::review::{Answered, Scheduler, rate};
use cinco_domain::user::User;
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::lesson::LessonVersion;
use cinco_persistence::{Database, attempt, daily, evidence, review};

use cinco_persistence::daily::StoredItem;

/// Days ago each demo agent (agent01…) completed a session; agents after the eighth start
/// fresh (the demo passes eight; a scaled demo cycles through these).
const DAYS: [&[i64]; 8] = [
    &[1, 2, 3, 4, 5],
    &[1, 2, 4, 5, 6],
    &[6, 7, 8],
    &[1, 3, 5, 7, 9, 11],
    &[2, 3],
    &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    &[12, 13, 14],
    &[1],
];

/// Seeds history for the agents that have none; returns how many sessions were added.
pub(super) async fn seed(
    db: &Database,
    org: OrganisationId,
    agents: &[User],
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let published = cinco_persistence::lesson::list_published(db, org).await?;
    let scheduler = Scheduler::standard();
    let mut sessions = 0;
    for (agent, days) in agents.iter().zip(DAYS.iter().cycle()) {
        if !evidence::completed_lessons(db, org, agent.id)
            .await?
            .is_empty()
        {
            continue;
        }
        let lessons = in_language(&published, agent.locale);
        if lessons.is_empty() {
            continue;
        }
        for (n, days_ago) in days.iter().rev().enumerate() {
            let day = agent.time_zone.local_date(now) - Duration::days(*days_ago);
            let lesson = lessons[n % lessons.len()];
            // 09:30 local time.
            let at = agent.time_zone.start_of(day) + Duration::minutes(9 * 60 + 30);
            take(db, org, agent, lesson, at, day, &scheduler, n).await?;
            sessions += 1;
        }
    }
    Ok(sessions)
}

fn in_language(published: &[LessonVersion], locale: Locale) -> Vec<&LessonVersion> {
    let mut mine: Vec<&LessonVersion> = published.iter().filter(|v| v.locale == locale).collect();
    if mine.is_empty() {
        mine = published
            .iter()
            .filter(|v| v.locale == Locale::Es)
            .collect();
    }
    mine.sort_by(|a, b| a.key.as_str().cmp(b.key.as_str()));
    mine
}

/// One completed lesson at `at`, with every item answered (roughly one in four wrong).
#[allow(clippy::too_many_arguments)]
async fn take(
    db: &Database,
    org: OrganisationId,
    agent: &User,
    lesson: &LessonVersion,
    at: DateTime<Utc>,
    day: NaiveDate,
    scheduler: &Scheduler,
    n: usize,
) -> anyhow::Result<()> {
    let content = markdown::parse(&lesson.source)?;
    let per_card = estimate(&content).per_card;
    let competencies: Vec<String> = content
        .competencies
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let tx = db.begin().await?;
    let (a, _) = attempt::start(&tx, org, agent.id, uuid::Uuid::new_v4(), lesson.id, at).await?;
    for (i, card) in content.cards.iter().enumerate() {
        let Card::Item(item) = card else { continue };
        let answered_at = at + Duration::seconds(20 * i64::try_from(i).unwrap_or(0));
        let right = !(n + i + agent.display_name.as_str().len()).is_multiple_of(4);
        let response = if right { item.solution() } else { wrong(item) };
        let correct = item.grade(&response).unwrap_or(false);
        let id = uuid::Uuid::new_v4();
        let card_index = i32::try_from(i)?;
        attempt::record_answer(
            &tx,
            org,
            &a,
            id,
            card_index,
            &response,
            correct,
            Some(15_000),
            &competencies,
            answered_at,
        )
        .await?;
        let seconds = u32::try_from(per_card.get(i).copied().unwrap_or(20)).unwrap_or(20);
        let review_card = review::card_for_item(
            &tx,
            org,
            agent.id,
            lesson.id,
            card_index,
            seconds,
            answered_at,
        )
        .await?;
        let rating = rate(Answered {
            correct,
            duration_ms: Some(15_000),
            estimate_seconds: seconds,
            confidence: None,
        });
        let step = scheduler.review(&review_card.state, rating, answered_at);
        let entry = review::NewReview {
            id,
            rating: rating.as_u32(),
            correct,
            duration_ms: Some(15_000),
            at: answered_at,
            local_day: day.to_string(),
            first: true,
            evidence: &[],
        };
        review::record(&tx, org, &review_card, entry, &step).await?;
    }
    let finished = at + Duration::minutes(4);
    attempt::complete(&tx, org, &a, finished).await?;
    let items = vec![StoredItem {
        kind: cinco_domain::today::ItemKind::Lesson,
        id: lesson.id,
        key: lesson.key.as_str().to_owned(),
        title: lesson.title.clone(),
        lesson_version_id: None,
        card: None,
        estimate_seconds: u32::try_from(lesson.estimate_seconds).unwrap_or(300),
        path_step_id: None,
        path_title: None,
        step_kind: None,
        detail: None,
    }];
    let session = daily::create(
        &tx,
        org,
        agent.id,
        &day.to_string(),
        &serde_json::to_string(&items)?,
        at,
    )
    .await?;
    daily::complete(&tx, org, agent.id, session.id, finished).await?;
    tx.commit().await?;
    Ok(())
}

/// A response that is not the solution.
fn wrong(item: &Item) -> Response {
    match item.solution() {
        Response::TrueFalse(b) => Response::TrueFalse(!b),
        Response::Order(mut steps) => {
            steps.reverse();
            Response::Order(steps)
        }
        Response::Choices(right) => {
            let options = match item {
                Item::Single { options, .. } | Item::Multiple { options, .. } => options.len(),
                _ => 0,
            };
            let other = (0..options).find(|o| !right.contains(o)).unwrap_or(0);
            Response::Choices(vec![other])
        }
    }
}
