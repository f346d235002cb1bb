//! Results: the customer KPIs an organisation measures beside learning. Four are built in
//! (AHT, FCR, CSAT, QA score); an organisation adds its own with a unit and a direction.
//! A value belongs to one agent, one metric and one period (a day or an ISO week).

use chrono::{Datelike, NaiveDate, Weekday};

use crate::calendar;
pub use crate::impact::Direction;

/// A metric's stable key, as imports name it: `fcr`, `repeat_contacts`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetricKey(String);

/// The most characters a metric's key, name or unit may have.
pub const KEY_MAX: usize = 40;
pub const NAME_MAX: usize = 80;
pub const UNIT_MAX: usize = 20;

impl MetricKey {
    /// 1–40 lowercase letters, digits and `_`, starting with a letter.
    pub fn parse(raw: &str) -> Result<Self, ResultsError> {
        let key = raw.trim().to_ascii_lowercase();
        let ok = !key.is_empty()
            && key.len() <= KEY_MAX
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(Self(key))
        } else {
            Err(ResultsError::InvalidKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A metric's definition.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricDef {
    pub key: MetricKey,
    pub name: String,
    /// As shown after a value: `s`, `%`, `/5`.
    pub unit: String,
    pub direction: Direction,
    /// Values outside are refused (a percentage is 0–100).
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

impl MetricDef {
    /// A value for this metric, or why not.
    pub fn check(&self, value: f64) -> Result<f64, ResultsError> {
        if !value.is_finite() {
            return Err(ResultsError::InvalidValue);
        }
        let below = self.minimum.is_some_and(|min| value < min);
        let above = self.maximum.is_some_and(|max| value > max);
        if below || above {
            return Err(ResultsError::OutOfRange);
        }
        Ok(value)
    }

    /// A metric an organisation defines: a key, a name, a unit and a direction, optionally a
    /// range.
    pub fn custom(
        key: &str,
        name: &str,
        unit: &str,
        direction: Direction,
        range: (Option<f64>, Option<f64>),
    ) -> Result<Self, ResultsError> {
        let key = MetricKey::parse(key)?;
        if BUILT_IN.iter().any(|b| b.0 == key.as_str()) {
            return Err(ResultsError::KeyTaken);
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX {
            return Err(ResultsError::InvalidName);
        }
        let unit = unit.trim();
        if unit.chars().count() > UNIT_MAX {
            return Err(ResultsError::InvalidUnit);
        }
        let (minimum, maximum) = range;
        if minimum.is_some_and(|m| !m.is_finite())
            || maximum.is_some_and(|m| !m.is_finite())
            || matches!((minimum, maximum), (Some(a), Some(b)) if a > b)
        {
            return Err(ResultsError::InvalidRange);
        }
        Ok(Self {
            key,
            name: name.to_owned(),
            unit: unit.to_owned(),
            direction,
            minimum,
            maximum,
        })
    }
}

/// A built-in metric: key, name, unit, direction, minimum, maximum.
type BuiltIn = (
    &'static str,
    &'static str,
    &'static str,
    Direction,
    Option<f64>,
    Option<f64>,
);

/// The built-in metrics.
const BUILT_IN: [BuiltIn; 4] = [
    (
        "aht",
        "Average handle time",
        "s",
        Direction::LowerIsBetter,
        Some(0.0),
        Some(86_400.0),
    ),
    (
        "fcr",
        "First-contact resolution",
        "%",
        Direction::HigherIsBetter,
        Some(0.0),
        Some(100.0),
    ),
    (
        "csat",
        "Customer satisfaction",
        "/5",
        Direction::HigherIsBetter,
        Some(1.0),
        Some(5.0),
    ),
    (
        "qa",
        "Quality score",
        "%",
        Direction::HigherIsBetter,
        Some(0.0),
        Some(100.0),
    ),
];

/// Every organisation has these.
pub fn built_in() -> Vec<MetricDef> {
    BUILT_IN
        .iter()
        .map(|(key, name, unit, direction, minimum, maximum)| MetricDef {
            key: MetricKey((*key).to_owned()),
            name: (*name).to_owned(),
            unit: (*unit).to_owned(),
            direction: *direction,
            minimum: *minimum,
            maximum: *maximum,
        })
        .collect()
}

/// A built-in metric's name in `locale` (its stored name is the English one); `None` for
/// an organisation's own metrics, whose name is what the admin wrote.
pub fn built_in_name(key: &MetricKey, locale: crate::Locale) -> Option<&'static str> {
    use crate::Locale::{En, Es, It};
    let names: [&str; 3] = match key.as_str() {
        "aht" => [
            "Average handle time (AHT)",
            "Tiempo medio de gestión (AHT)",
            "Tempo medio di gestione (AHT)",
        ],
        "fcr" => [
            "First-contact resolution (FCR)",
            "Resolución en el primer contacto (FCR)",
            "Risoluzione al primo contatto (FCR)",
        ],
        "csat" => [
            "Customer satisfaction (CSAT)",
            "Satisfacción del cliente (CSAT)",
            "Soddisfazione del cliente (CSAT)",
        ],
        "qa" => [
            "Quality score (QA)",
            "Puntuación de calidad (QA)",
            "Punteggio di qualità (QA)",
        ],
        _ => return None,
    };
    Some(match locale {
        En => names[0],
        Es => names[1],
        It => names[2],
    })
}

/// How long a value's period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKind {
    Day,
    Week,
}

impl PeriodKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Day => "day",
            PeriodKind::Week => "week",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "day" => Some(PeriodKind::Day),
            "week" => Some(PeriodKind::Week),
            _ => None,
        }
    }
}

/// A day, or an ISO week (kept as its Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub kind: PeriodKind,
    pub start: NaiveDate,
}

impl Period {
    /// `2026-11-30` (a day) or `2026-W49` (an ISO week), within the years
    /// [`calendar`] accepts.
    pub fn parse(raw: &str) -> Result<Self, ResultsError> {
        let raw = raw.trim();
        if let Some((year, week)) = raw.split_once("-W").or_else(|| raw.split_once("-w")) {
            let year: i32 = year.parse().map_err(|_| ResultsError::InvalidPeriod)?;
            let week: u32 = week.parse().map_err(|_| ResultsError::InvalidPeriod)?;
            let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
                .ok_or(ResultsError::InvalidPeriod)?;
            calendar::day(&monday.to_string()).map_err(|_| ResultsError::InvalidPeriod)?;
            return Ok(Self::week_of(monday));
        }
        let day = calendar::day(raw).map_err(|_| ResultsError::InvalidPeriod)?;
        Ok(Self {
            kind: PeriodKind::Day,
            start: day,
        })
    }

    /// The ISO week `day` falls in.
    pub fn week_of(day: NaiveDate) -> Self {
        Self {
            kind: PeriodKind::Week,
            start: calendar::monday_of(day),
        }
    }

    /// `2026-W49` or `2026-11-30`.
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Day => self.start.to_string(),
            PeriodKind::Week => {
                let week = self.start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
        }
    }
}

/// Why a metric or a value was refused; `code` is what the API answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ResultsError {
    #[error("a metric key is 1–40 lowercase letters, digits or _, starting with a letter")]
    InvalidKey,
    #[error("that key belongs to a built-in metric")]
    KeyTaken,
    #[error("a metric's name is 1–80 characters")]
    InvalidName,
    #[error("a unit is at most 20 characters")]
    InvalidUnit,
    #[error("the range's minimum must not exceed its maximum")]
    InvalidRange,
    #[error("a period is a day (2026-11-30) or an ISO week (2026-W49) between 2000 and 2100")]
    InvalidPeriod,
    #[error("a value is a number")]
    InvalidValue,
    #[error("the value is outside the metric's range")]
    OutOfRange,
}

impl ResultsError {
    pub fn code(&self) -> &'static str {
        match self {
            ResultsError::InvalidKey => "invalid_metric_key",
            ResultsError::KeyTaken => "metric_key_taken",
            ResultsError::InvalidName => "invalid_name",
            ResultsError::InvalidUnit => "invalid_unit",
            ResultsError::InvalidRange => "invalid_range",
            ResultsError::InvalidPeriod => "invalid_period",
            ResultsError::InvalidValue => "invalid_value",
            ResultsError::OutOfRange => "out_of_range",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_days_or_iso_weeks() {
        let week = Period::parse("2026-W49");
        assert_eq!(
            week.map(|p| (p.kind, p.start.to_string())),
            Ok((PeriodKind::Week, "2026-11-30".to_owned()))
        );
        assert_eq!(
            Period::parse("2026-W49").map(|p| p.label()),
            Ok("2026-W49".to_owned())
        );
        assert_eq!(
            Period::parse("2026-12-02").map(|p| p.kind),
            Ok(PeriodKind::Day)
        );
        for bad in ["2026-W54", "W49", "1999-W01", "2026-13-01", "", "soon"] {
            assert_eq!(
                Period::parse(bad),
                Err(ResultsError::InvalidPeriod),
                "{bad}"
            );
        }
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        assert_eq!(Period::week_of(thursday).label(), "2026-W49");
    }

    #[test]
    fn values_respect_the_metrics_range() {
        let fcr = built_in().into_iter().find(|m| m.key.as_str() == "fcr");
        let fcr = fcr.unwrap_or_else(|| panic!("fcr is built in"));
        assert_eq!(fcr.check(74.5), Ok(74.5));
        assert_eq!(fcr.check(101.0), Err(ResultsError::OutOfRange));
        assert_eq!(fcr.check(f64::NAN), Err(ResultsError::InvalidValue));
        assert_eq!(fcr.direction, Direction::HigherIsBetter);
    }

    #[test]
    fn custom_metrics_have_a_key_of_their_own() {
        let repeat = MetricDef::custom(
            "Repeat_Contacts",
            "Repeat contacts",
            "%",
            Direction::LowerIsBetter,
            (Some(0.0), Some(100.0)),
        );
        assert_eq!(
            repeat.map(|m| m.key.as_str().to_owned()),
            Ok("repeat_contacts".to_owned())
        );
        assert_eq!(
            MetricDef::custom("fcr", "Mine", "%", Direction::HigherIsBetter, (None, None)).err(),
            Some(ResultsError::KeyTaken)
        );
        assert_eq!(
            MetricDef::custom("9lives", "X", "", Direction::HigherIsBetter, (None, None)).err(),
            Some(ResultsError::InvalidKey)
        );
        assert_eq!(
            MetricDef::custom(
                "x",
                "X",
                "",
                Direction::HigherIsBetter,
                (Some(5.0), Some(1.0))
            )
            .err(),
            Some(ResultsError::InvalidRange)
        );
    }
}

/// How a target compares the metric with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// The metric is at least the value (FCR ≥ 75).
    AtLeast,
    /// The metric is at most the value (AHT ≤ 420).
    AtMost,
}

impl Comparison {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::AtLeast => "at_least",
            Comparison::AtMost => "at_most",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "at_least" => Some(Comparison::AtLeast),
            "at_most" => Some(Comparison::AtMost),
            _ => None,
        }
    }

    /// Whether `actual` meets `target`.
    pub fn met(self, actual: f64, target: f64) -> bool {
        match self {
            Comparison::AtLeast => actual >= target,
            Comparison::AtMost => actual <= target,
        }
    }
}

/// One part of a goal: a metric compared with a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub metric: MetricKey,
    pub comparison: Comparison,
    pub value: f64,
}

/// A goal combines one to this many targets.
pub const MAX_TARGETS: usize = 3;
/// The most characters a goal's title may have.
pub const GOAL_TITLE_MAX: usize = 120;

/// Why a goal was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GoalError {
    #[error("a goal's title is 1–120 characters")]
    InvalidTitle,
    #[error("a goal has one to three targets")]
    Targets,
    /// The target at this index (from 0) names no metric, or one an earlier target names.
    #[error("a target names one of the organisation's metrics, once")]
    UnknownMetric(usize),
    /// The target at this index (from 0) is outside its metric's range.
    #[error("a target's value must be within its metric's range")]
    OutOfRange(usize),
}

impl GoalError {
    pub fn code(&self) -> &'static str {
        match self {
            GoalError::InvalidTitle => "invalid_title",
            GoalError::Targets => "invalid_targets",
            GoalError::UnknownMetric(_) => "unknown_metric",
            GoalError::OutOfRange(_) => "out_of_range",
        }
    }

    /// The target at fault (its index, from 0), when one is.
    pub fn target(&self) -> Option<usize> {
        match self {
            GoalError::UnknownMetric(i) | GoalError::OutOfRange(i) => Some(*i),
            GoalError::InvalidTitle | GoalError::Targets => None,
        }
    }
}

/// Checks a goal's title and targets against the organisation's metrics.
pub fn check_goal(title: &str, targets: &[Target], metrics: &[MetricDef]) -> Result<(), GoalError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > GOAL_TITLE_MAX {
        return Err(GoalError::InvalidTitle);
    }
    if targets.is_empty() || targets.len() > MAX_TARGETS {
        return Err(GoalError::Targets);
    }
    for (i, t) in targets.iter().enumerate() {
        if targets[..i].iter().any(|o| o.metric == t.metric) {
            return Err(GoalError::UnknownMetric(i));
        }
        let def = metrics
            .iter()
            .find(|m| m.key == t.metric)
            .ok_or(GoalError::UnknownMetric(i))?;
        def.check(t.value).map_err(|_| GoalError::OutOfRange(i))?;
    }
    Ok(())
}

#[cfg(test)]
mod goal_tests {
    use super::*;

    fn target(metric: &str, comparison: Comparison, value: f64) -> Target {
        Target {
            metric: MetricKey(metric.to_owned()),
            comparison,
            value,
        }
    }

    #[test]
    fn a_goal_combines_up_to_three_targets_on_known_metrics() {
        let metrics = built_in();
        let both = [
            target("fcr", Comparison::AtLeast, 75.0),
            target("aht", Comparison::AtMost, 420.0),
        ];
        assert_eq!(
            check_goal("FCR with a tolerant AHT", &both, &metrics),
            Ok(())
        );
        assert_eq!(
            check_goal(" ", &both, &metrics),
            Err(GoalError::InvalidTitle)
        );
        assert_eq!(check_goal("x", &[], &metrics), Err(GoalError::Targets));
        let twice = [
            target("fcr", Comparison::AtLeast, 75.0),
            target("fcr", Comparison::AtMost, 90.0),
        ];
        assert_eq!(
            check_goal("x", &twice, &metrics),
            Err(GoalError::UnknownMetric(1))
        );
        assert_eq!(
            check_goal("x", &[target("nps", Comparison::AtLeast, 1.0)], &metrics),
            Err(GoalError::UnknownMetric(0))
        );
        let second = [
            target("fcr", Comparison::AtLeast, 75.0),
            target("aht", Comparison::AtMost, -5.0),
        ];
        assert_eq!(
            check_goal("x", &second, &metrics),
            Err(GoalError::OutOfRange(1))
        );
        assert_eq!(GoalError::OutOfRange(1).target(), Some(1));
        assert!(Comparison::AtMost.met(400.0, 420.0) && !Comparison::AtLeast.met(70.0, 75.0));
    }
}
