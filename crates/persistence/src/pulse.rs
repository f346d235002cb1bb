//! The monthly pulse: tallies of scores per team and month, and apart from them who has
//! answered which month. Nothing here ties an answer to a person.

use cinco_domain::pulse::{Answers, Month, Score, Statement, Tally};
use cinco_domain::{OrganisationId, TeamId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::entities::{pulse_respondents, pulse_tallies};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// Whether the person has answered in `month`.
pub async fn has_answered(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    month: Month,
) -> Result<bool, RepoError> {
    Ok(pulse_respondents::Entity::find()
        .filter(pulse_respondents::Column::OrganisationId.eq(org.as_uuid()))
        .filter(pulse_respondents::Column::UserId.eq(user.as_uuid()))
        .filter(pulse_respondents::Column::Month.eq(month.to_string()))
        .one(ex.conn())
        .await?
        .is_some())
}

/// Notes that the person answered in `month`; a second time is
/// `RepoError::Conflict("pulse_respondents.month")`.
pub async fn mark_answered(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    month: Month,
) -> Result<(), RepoError> {
    pulse_respondents::Entity::insert(pulse_respondents::ActiveModel {
        // Random, not time-ordered: the id says nothing about when.
        id: Set(uuid::Uuid::new_v4()),
        organisation_id: Set(org.as_uuid()),
        user_id: Set(user.as_uuid()),
        month: Set(month.to_string()),
    })
    .exec_without_returning(ex.conn())
    .await
    .map_err(RepoError::on_unique("pulse_respondents.month"))?;
    Ok(())
}

/// Counts one answer for `team` in `month`: one more for each statement's score.
pub async fn count(
    ex: &impl Executor,
    org: OrganisationId,
    team: TeamId,
    month: Month,
    answers: &Answers,
) -> Result<(), RepoError> {
    add(ex, org, team, month, answers, 1).await
}

/// Adds `times` identical answers (the demo seed's bulk).
pub async fn add(
    ex: &impl Executor,
    org: OrganisationId,
    team: TeamId,
    month: Month,
    answers: &Answers,
    times: u32,
) -> Result<(), RepoError> {
    let times = i32::try_from(times).unwrap_or(i32::MAX);
    for (statement, score) in answers.scores() {
        pulse_tallies::Entity::insert(pulse_tallies::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            organisation_id: Set(org.as_uuid()),
            team_id: Set(team.as_uuid()),
            month: Set(month.to_string()),
            statement: Set(statement.as_str().to_owned()),
            score: Set(i16::from(score.get())),
            answers: Set(times),
        })
        .on_conflict(
            OnConflict::columns([
                pulse_tallies::Column::OrganisationId,
                pulse_tallies::Column::TeamId,
                pulse_tallies::Column::Month,
                pulse_tallies::Column::Statement,
                pulse_tallies::Column::Score,
            ])
            .value(
                pulse_tallies::Column::Answers,
                Expr::col((pulse_tallies::Entity, pulse_tallies::Column::Answers)).add(times),
            )
            .to_owned(),
        )
        .exec_without_returning(ex.conn())
        .await?;
    }
    Ok(())
}

/// The tallies of `teams` for `months`, per team and month (absent: no answers).
pub async fn tallies(
    ex: &impl Executor,
    org: OrganisationId,
    teams: &[TeamId],
    months: &[Month],
) -> Result<Vec<(TeamId, Month, Tally)>, RepoError> {
    let rows = pulse_tallies::Entity::find()
        .filter(pulse_tallies::Column::OrganisationId.eq(org.as_uuid()))
        .filter(pulse_tallies::Column::TeamId.is_in(teams.iter().map(|t| t.as_uuid())))
        .filter(pulse_tallies::Column::Month.is_in(months.iter().map(Month::to_string)))
        .all(ex.conn())
        .await?;
    let mut out: Vec<(TeamId, Month, Tally)> = Vec::new();
    for r in rows {
        let what = "pulse_tallies";
        let team = TeamId::from_uuid(r.team_id);
        let month = Month::parse(&r.month).ok_or_else(|| corrupt(what, "month"))?;
        let statement = Statement::parse(&r.statement).ok_or_else(|| corrupt(what, "statement"))?;
        let score = Score::parse(i64::from(r.score)).map_err(|_| corrupt(what, "score"))?;
        let answers = u32::try_from(r.answers).map_err(|_| corrupt(what, "answers"))?;
        let at = match out.iter().position(|(t, m, _)| *t == team && *m == month) {
            Some(i) => i,
            None => {
                out.push((team, month, Tally::default()));
                out.len() - 1
            }
        };
        out[at].2.add(statement, score, answers);
    }
    Ok(out)
}
