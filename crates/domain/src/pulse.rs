//! The monthly empowerment pulse: three statements an agent answers on a 1–5 agreement
//! scale, at most once per calendar month of the organisation's time zone. Answers are
//! counted per team and month, never kept per person, and a team's month is shown only
//! with at least [`MIN_ANSWERS`] answers.

use chrono::{Datelike, NaiveDate};

/// The fewest answers a team's month needs before anything of it is shown.
pub const MIN_ANSWERS: u32 = 5;
/// How many months the trend shows, the current one included.
pub const TREND_MONTHS: u32 = 6;

/// One of the three statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Statement {
    /// "I know what I may decide."
    KnowLimits,
    /// "I am not afraid of a negative reaction."
    NotAfraid,
    /// "My lead backs me."
    LeadBacksMe,
}

impl Statement {
    pub const ALL: [Statement; 3] = [
        Statement::KnowLimits,
        Statement::NotAfraid,
        Statement::LeadBacksMe,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Statement::KnowLimits => "know_limits",
            Statement::NotAfraid => "not_afraid",
            Statement::LeadBacksMe => "lead_backs_me",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// A point on the agreement scale: 1 (strongly disagree) to 5 (strongly agree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Score(u8);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a score is a whole number from 1 to 5")]
pub struct InvalidScore;

impl Score {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn parse(raw: i64) -> Result<Self, InvalidScore> {
        u8::try_from(raw)
            .ok()
            .filter(|v| (Self::MIN..=Self::MAX).contains(v))
            .map(Score)
            .ok_or(InvalidScore)
    }

    pub const fn get(self) -> u8 {
        self.0
    }
}

/// One person's answer to the three statements, with no one attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers {
    pub know_limits: Score,
    pub not_afraid: Score,
    pub lead_backs_me: Score,
}

impl Answers {
    /// Each statement with its score.
    pub fn scores(&self) -> [(Statement, Score); 3] {
        [
            (Statement::KnowLimits, self.know_limits),
            (Statement::NotAfraid, self.not_afraid),
            (Statement::LeadBacksMe, self.lead_backs_me),
        ]
    }
}

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month a local date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// `YYYY-MM`; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        let (y, m) = raw.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month before.
    pub fn previous(self) -> Self {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The last `n` months up to and including this one, oldest first.
    pub fn last(self, n: u32) -> Vec<Month> {
        let mut out = Vec::with_capacity(n as usize);
        let mut m = self;
        for _ in 0..n {
            out.push(m);
            m = m.previous();
        }
        out.reverse();
        out
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// How many gave each score to each statement, in one team's month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// `counts[statement][score - 1]`.
    counts: [[u32; 5]; 3],
}

impl Tally {
    /// Adds `answers` people who gave `score` to `statement`.
    pub fn add(&mut self, statement: Statement, score: Score, answers: u32) {
        let s = Statement::ALL
            .iter()
            .position(|x| *x == statement)
            .unwrap_or_default();
        let slot = &mut self.counts[s][usize::from(score.get() - 1)];
        *slot = slot.saturating_add(answers);
    }

    /// How many answered (every answer scores all three statements).
    pub fn answers(&self) -> u32 {
        self.counts[0].iter().sum()
    }

    /// The mean score of `statement`, exact; `None` with no answers.
    pub fn mean(&self, statement: Statement) -> Option<f64> {
        let s = Statement::ALL.iter().position(|x| *x == statement)?;
        let n: u32 = self.counts[s].iter().sum();
        if n == 0 {
            return None;
        }
        let total: u64 = self.counts[s]
            .iter()
            .zip(1u64..)
            .map(|(c, score)| u64::from(*c) * score)
            .sum();
        Some(total as f64 / f64::from(n))
    }

    /// What may be shown of this month: the count and the means with at least
    /// [`MIN_ANSWERS`] answers, nothing otherwise (not even how few answered).
    pub fn shown(&self) -> Option<Shown> {
        let answers = self.answers();
        if answers < MIN_ANSWERS {
            return None;
        }
        Some(Shown {
            answers,
            know_limits: self.mean(Statement::KnowLimits).unwrap_or_default(),
            not_afraid: self.mean(Statement::NotAfraid).unwrap_or_default(),
            lead_backs_me: self.mean(Statement::LeadBacksMe).unwrap_or_default(),
        })
    }
}

/// A team's month with enough answers to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    pub answers: u32,
    pub know_limits: f64,
    pub not_afraid: f64,
    pub lead_backs_me: f64,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn answers(a: i64, b: i64, c: i64) -> Answers {
        Answers {
            know_limits: Score::parse(a).unwrap(),
            not_afraid: Score::parse(b).unwrap(),
            lead_backs_me: Score::parse(c).unwrap(),
        }
    }

    #[test]
    fn a_score_is_one_to_five() {
        assert!(Score::parse(0).is_err());
        assert!(Score::parse(6).is_err());
        assert!(Score::parse(-1).is_err());
        assert_eq!(Score::parse(5).map(Score::get), Ok(5));
    }

    #[test]
    fn a_month_reads_and_writes_as_year_and_month_and_steps_back_over_new_year() {
        let m = Month::parse("2026-01").unwrap();
        assert_eq!(m.previous().to_string(), "2025-12");
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-01"), None);
        let last: Vec<String> = m.last(3).iter().map(Month::to_string).collect();
        assert_eq!(last, ["2025-11", "2025-12", "2026-01"]);
        assert_eq!(
            Month::of(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).to_string(),
            "2026-12"
        );
    }

    #[test]
    fn fewer_than_five_answers_show_nothing_and_five_show_exact_means() {
        let mut t = Tally::default();
        for a in [
            answers(5, 4, 3),
            answers(4, 4, 3),
            answers(3, 2, 3),
            answers(5, 1, 4),
        ] {
            for (s, score) in a.scores() {
                t.add(s, score, 1);
            }
        }
        assert_eq!(t.answers(), 4);
        assert_eq!(t.shown(), None);
        for (s, score) in answers(2, 3, 5).scores() {
            t.add(s, score, 1);
        }
        let shown = t.shown().unwrap();
        assert_eq!(shown.answers, 5);
        assert!((shown.know_limits - 19.0 / 5.0).abs() < 1e-12);
        assert!((shown.not_afraid - 14.0 / 5.0).abs() < 1e-12);
        assert!((shown.lead_backs_me - 18.0 / 5.0).abs() < 1e-12);
    }
}
