//! Proficiency: per agent and competency, a level (1–4) and a confidence, estimated from all
//! the evidence the agent has produced.
//!
//! **The model.** Each piece of evidence becomes a signal between −1 and +1 and a weight:
//!
//! | source                  | signal                                 | weight |
//! |-------------------------|----------------------------------------|--------|
//! | lesson answer, review   | right +1, wrong −0.5                   | 1      |
//! | scenario reply          | the author's −2…+2, halved             | 1      |
//! | coaching rating (1–4)   | 1 → −1, 2 → −⅓, 3 → +⅓, 4 → +1         | 3      |
//!
//! Weights halve every 90 days, so old evidence fades. The **score** is the weighted mean of
//! the signals pulled toward 0 by a prior worth three pieces of evidence
//! (`Σ w·s / (Σ w + 3)`), so a single lucky answer does not make an expert. The **level** is
//! 1 below 0.1 (so no evidence is level 1), 2 below 0.4, 3 below 0.7 and 4 from 0.7 (seven
//! right answers in a row, or two top coaching ratings and a right answer). The **confidence** is
//! `n / (n + 5)` where `n` is the total (faded) weight: 0 with no evidence, ½ after five
//! fresh pieces, approaching 1.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Where a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    LessonAnswer,
    Review,
    ScenarioChoice,
    CoachingRating,
}

impl Source {
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::LessonAnswer => "lesson_answer",
            Source::Review => "review_answer",
            Source::ScenarioChoice => "scenario_choice",
            Source::CoachingRating => "coaching_rating",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            Source::LessonAnswer,
            Source::Review,
            Source::ScenarioChoice,
            Source::CoachingRating,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }

    /// The stored value as a signal in −1…+1.
    fn signal(self, value: f64) -> f64 {
        let signal = match self {
            Source::LessonAnswer | Source::Review => value,
            Source::ScenarioChoice => value / 2.0,
            Source::CoachingRating => (value - 2.5) / 1.5,
        };
        signal.clamp(-1.0, 1.0)
    }

    fn weight(self) -> f64 {
        match self {
            Source::CoachingRating => 3.0,
            _ => 1.0,
        }
    }
}

/// One piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    pub source: Source,
    pub value: f64,
    pub at: DateTime<Utc>,
}

/// The estimate for one competency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// 1 (beginner) … 4 (expert).
    pub level: u8,
    /// 0 (no evidence) … approaching 1.
    pub confidence: f64,
    /// The shrunk weighted mean, −1…+1.
    pub score: f64,
    /// How many pieces of evidence went in.
    pub evidence: usize,
}

const HALF_LIFE_DAYS: f64 = 90.0;
const PRIOR_WEIGHT: f64 = 3.0;
const CONFIDENCE_HALF: f64 = 5.0;

/// The estimate at `now` from the observations made up to then (later ones are ignored).
pub fn estimate(observations: &[Observation], now: DateTime<Utc>) -> Estimate {
    let mut weighted = 0.0;
    let mut total = 0.0;
    let mut count = 0;
    for o in observations.iter().filter(|o| o.at <= now) {
        let age_days = (now - o.at).num_seconds().max(0) as f64 / 86_400.0;
        let w = o.source.weight() * 0.5_f64.powf(age_days / HALF_LIFE_DAYS);
        weighted += w * o.source.signal(o.value);
        total += w;
        count += 1;
    }
    let score = weighted / (total + PRIOR_WEIGHT);
    Estimate {
        level: level(score),
        confidence: total / (total + CONFIDENCE_HALF),
        score,
        evidence: count,
    }
}

fn level(score: f64) -> u8 {
    if score < 0.1 {
        1
    } else if score < 0.4 {
        2
    } else if score < 0.7 {
        3
    } else {
        4
    }
}

/// The level from which an agent counts as trained in a competency ("Proficient"): the
/// treatment of the impact estimate when it is not a finished path.
pub const PROFICIENT: u8 = 3;

/// The index of the first of `ends` (in ascending order) at which the estimate from the
/// evidence made up to then reaches `level`; `None` if it never does.
pub fn first_reached(
    observations: &[Observation],
    ends: &[DateTime<Utc>],
    level: u8,
) -> Option<usize> {
    let first = observations.iter().map(|o| o.at).min()?;
    ends.iter()
        .position(|end| *end >= first && estimate(observations, *end).level >= level)
}

/// The estimate at the end of each of the last `weeks` weeks (oldest first), ending on
/// `today`; weeks before the first evidence are left out.
pub fn history(
    observations: &[Observation],
    today: NaiveDate,
    weeks: u32,
) -> Vec<(NaiveDate, Estimate)> {
    let Some(first) = observations.iter().map(|o| o.at).min() else {
        return Vec::new();
    };
    (0..weeks)
        .rev()
        .filter_map(|back| {
            let day = today - Duration::weeks(i64::from(back));
            let end = day.and_hms_opt(23, 59, 59)?.and_utc();
            (end >= first).then(|| (day, estimate(observations, end)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days_ago: i64) -> DateTime<Utc> {
        Utc::now() - Duration::days(days_ago)
    }

    fn answers(right: usize, wrong: usize) -> Vec<Observation> {
        let mut list = vec![
            Observation {
                source: Source::LessonAnswer,
                value: 1.0,
                at: at(1),
            };
            right
        ];
        list.extend(vec![
            Observation {
                source: Source::LessonAnswer,
                value: -0.5,
                at: at(1),
            };
            wrong
        ]);
        list
    }

    #[test]
    fn the_first_week_a_level_is_reached_is_found() {
        let now = Utc::now();
        // Four right answers two weeks ago, four more last week.
        let mut evidence = vec![
            Observation {
                source: Source::LessonAnswer,
                value: 1.0,
                at: now - Duration::days(14),
            };
            4
        ];
        evidence.extend(vec![
            Observation {
                source: Source::LessonAnswer,
                value: 1.0,
                at: now - Duration::days(7),
            };
            4
        ]);
        let ends: Vec<_> = (0..4)
            .rev()
            .map(|w| now - Duration::days(7 * w) + Duration::hours(1))
            .collect();
        // Three weeks ago: nothing yet; two weeks ago: 4/(4+3) = 0.57, proficient.
        assert_eq!(first_reached(&evidence, &ends, PROFICIENT), Some(1));
        assert_eq!(first_reached(&evidence, &ends, 4), Some(2));
        assert_eq!(first_reached(&[], &ends, PROFICIENT), None);
        assert_eq!(first_reached(&evidence[..1], &ends, PROFICIENT), None);
    }

    #[test]
    fn no_evidence_is_a_beginner_with_no_confidence() {
        let e = estimate(&[], Utc::now());
        assert_eq!((e.level, e.evidence), (1, 0));
        assert!(e.confidence.abs() < f64::EPSILON);
    }

    #[test]
    fn right_answers_raise_the_level_and_the_confidence() {
        let few = estimate(&answers(2, 0), Utc::now());
        let many = estimate(&answers(12, 0), Utc::now());
        assert!(many.score > few.score);
        assert!(many.confidence > few.confidence);
        assert_eq!(many.level, 4);
        assert!(few.level < 4, "two answers do not make an expert");
    }

    #[test]
    fn wrong_answers_lower_the_level() {
        let e = estimate(&answers(1, 6), Utc::now());
        assert_eq!(e.level, 1);
    }

    #[test]
    fn old_evidence_fades() {
        let fresh = estimate(&answers(6, 0), Utc::now());
        let old: Vec<Observation> = answers(6, 0)
            .into_iter()
            .map(|o| Observation { at: at(365), ..o })
            .collect();
        let old = estimate(&old, Utc::now());
        assert!(old.confidence < fresh.confidence);
        assert!(old.score < fresh.score);
    }

    #[test]
    fn a_coaching_rating_weighs_three_answers() {
        let rating = Observation {
            source: Source::CoachingRating,
            value: 4.0,
            at: at(1),
        };
        let e = estimate(&[rating], Utc::now());
        let three = estimate(&answers(3, 0), Utc::now());
        assert!((e.score - three.score).abs() < 1e-9);
    }

    #[test]
    fn history_shows_the_level_moving() {
        let mut list = answers(0, 4);
        list.iter_mut().for_each(|o| o.at = at(20));
        list.extend(answers(14, 0));
        let points = history(&list, Utc::now().date_naive(), 4);
        assert_eq!(
            points.len(),
            3,
            "the week before the first evidence is left out"
        );
        assert!(points[0].1.level < points[2].1.level);
    }
}
