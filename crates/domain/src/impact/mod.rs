//! Impact of training on a KPI: how a KPI moved for agents after they were trained (reached
//! a proficiency level, finished a path) compared with agents not yet trained, over the same
//! weeks.
//!
//! The design is difference-in-differences for staggered adoption (Callaway & Sant'Anna,
//! 2021): group-time average effects on the trained, ATT(g,t), with agents not yet trained
//! (or never) as the comparison and the week before the training as the base (the
//! `group_time` module has the exact formulas), aggregated to one figure and to an event study by
//! weeks since the training, with 95 % intervals by bootstrap over agents. Below documented
//! minimums the answer is [`Impact::NotEnoughData`], never a number. `docs/impact.md`
//! explains the method and what it can and cannot say.
//!
//! Pure: the caller gathers the data into a [`Panel`]; [`synthetic`] makes data with a known
//! effect for tests, the demo and benchmarks.

mod bootstrap;
mod group_time;
mod panel;
mod random;
pub mod synthetic;
#[cfg(test)]
mod tests;
mod words;

pub use panel::{Panel, Window};
pub use words::{Metric, Training, caveat, level_name, sentence};

use group_time::Design;

/// Which way a KPI is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Higher is better: FCR, CSAT, QA score.
    HigherIsBetter,
    /// Lower is better: AHT, transfers, repeat contacts.
    LowerIsBetter,
}

/// Below these, an estimate is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minimums {
    /// Trained agents with a value in the week before their training and in a week after it.
    pub treated_agents: usize,
    /// Agents not yet trained with values in the same two weeks as some trained agent.
    pub comparison_agents: usize,
    /// Weeks before the training with data: the base week plus placebo weeks. Two means at
    /// least one week to check that trained and comparison agents moved alike before.
    pub weeks_before: usize,
    /// Weeks since the training (0, 1, …) with data.
    pub weeks_after: usize,
    /// A group-time cell is only used with at least this many comparison agents, so no cell
    /// rests on one or two agents' luck.
    pub cell_comparison_agents: usize,
    /// An event-study point is only shown with at least this many trained agents.
    pub point_treated_agents: usize,
}

impl Default for Minimums {
    fn default() -> Self {
        Minimums {
            treated_agents: 20,
            comparison_agents: 20,
            weeks_before: 2,
            weeks_after: 2,
            cell_comparison_agents: 5,
            point_treated_agents: 10,
        }
    }
}

/// How an estimate is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Bootstrap replicates; [`DEFAULT_REPLICATES`] unless a test needs speed, and never fewer
    /// than [`MIN_REPLICATES`] (smaller values are raised to it).
    pub replicates: u32,
    /// Seed of the bootstrap: the same data and seed give the same interval.
    pub seed: u64,
    /// Placebo weeks in the event study before the base week: `e = −(placebo_weeks + 1)`
    /// to `−2`. They count towards `minimums.weeks_before` (with the base week), so fewer
    /// than `weeks_before − 1` of them can never meet it.
    pub placebo_weeks: u16,
    pub minimums: Minimums,
}

/// Bootstrap replicates by default: enough for stable 2.5th and 97.5th percentiles at a cost
/// that stays well under the 2 s budget for 10,000 agents × 26 weeks.
pub const DEFAULT_REPLICATES: u32 = 200;
/// Fewer replicates than this would make the percentiles meaningless.
pub const MIN_REPLICATES: u32 = 20;
/// The default bootstrap seed.
pub const DEFAULT_SEED: u64 = 0x1a7c_5eed;
/// Share of replicates that must give a value for an interval to be given (a replicate can
/// miss one when, by chance, it draws no agent for every cell).
const USABLE_REPLICATES: f64 = 0.9;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            replicates: DEFAULT_REPLICATES,
            seed: DEFAULT_SEED,
            placebo_weeks: 4,
            minimums: Minimums::default(),
        }
    }
}

/// The answer: an estimate, or what is missing for one.
#[derive(Debug, Clone, PartialEq)]
pub enum Impact {
    Estimated(Estimate),
    /// Not enough data yet; each item says what is short and by how much.
    NotEnoughData {
        missing: Vec<Shortfall>,
    },
}

/// What keeps an estimate from being given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// Trained agents with data before and after their training.
    TreatedAgents { have: usize, need: usize },
    /// Agents not yet trained to compare with.
    ComparisonAgents { have: usize, need: usize },
    /// Weeks of data before the training.
    WeeksBefore { have: usize, need: usize },
    /// Weeks of data after the training.
    WeeksAfter { have: usize, need: usize },
    /// Bootstrap replicates that could be computed (too few agents per cell otherwise).
    Replicates { have: usize, need: usize },
}

/// What the estimate says, given which way the KPI is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Interpretation {
    /// The interval is entirely on the better side of zero.
    Improved,
    /// The interval is entirely on the worse side of zero.
    Worsened,
    /// The interval contains zero.
    NoClearChange,
}

impl Interpretation {
    /// From a 95 % interval of the difference (in the KPI's units) and the KPI's direction.
    pub fn of(direction: Direction, ci_low: f64, ci_high: f64) -> Self {
        let higher = if ci_low > 0.0 {
            true
        } else if ci_high < 0.0 {
            false
        } else {
            return Interpretation::NoClearChange;
        };
        match (direction, higher) {
            (Direction::HigherIsBetter, true) | (Direction::LowerIsBetter, false) => {
                Interpretation::Improved
            }
            _ => Interpretation::Worsened,
        }
    }
}

/// The estimated effect of a training on a KPI, in the KPI's units.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Average difference in the KPI for trained agents in the weeks from their training on,
    /// against agents not yet trained over the same weeks (the overall ATT).
    pub estimate: f64,
    /// 95 % bootstrap interval.
    pub ci_low: f64,
    pub ci_high: f64,
    /// Trained agents with data before and after their training.
    pub treated_agents: usize,
    /// Agents not yet trained that served for comparison.
    pub comparison_agents: usize,
    /// Weeks of the window the estimate uses.
    pub weeks: usize,
    /// Weeks before the training with data (the base week and placebo weeks, at most
    /// `placebo_weeks + 1`).
    pub weeks_before: usize,
    /// Weeks since the training with data.
    pub weeks_after: usize,
    /// The effect by weeks since the training, placebo weeks first; the base week (−1) is
    /// zero by construction and not listed.
    pub event_study: Vec<EventPoint>,
    /// All placebo weeks together: how differently trained agents already moved before
    /// their training. `None` when there are no placebo weeks.
    pub placebo: Option<Placebo>,
    pub direction: Direction,
    pub interpretation: Interpretation,
    /// Replicates the interval was computed from.
    pub replicates: u32,
}

impl Estimate {
    /// Whether trained agents were already moving differently before their training (the
    /// placebo's interval leaves out zero): then the estimate deserves less trust.
    pub fn pre_trends_differ(&self) -> bool {
        self.placebo
            .is_some_and(|p| p.ci_low > 0.0 || p.ci_high < 0.0)
    }
}

/// One point of the event study.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventPoint {
    /// Weeks since the training: 0 is the week of the training, negative weeks are before it.
    pub weeks_since: i32,
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub treated_agents: usize,
    pub comparison_agents: usize,
}

/// The placebo: the weighted average of the weeks before the base week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placebo {
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// The impact of training on the KPI in `panel`.
pub fn estimate(panel: &Panel, direction: Direction, settings: &Settings) -> Impact {
    let min = settings.minimums;
    let design = Design::new(panel, usize::from(settings.placebo_weeks));
    let ones = vec![1; design.agents()];
    let mut sums = design.cell_sums();
    let mut running = design.running();
    design.sums(&ones, &mut sums, &mut running);
    // Cells are chosen once, on the data; replicates recompute the same cells.
    let used: Vec<bool> = (0..design.cells.len())
        .map(|c| sums.treated_n[c] >= 1.0 && sums.control_n[c] >= min.cell_comparison_agents as f64)
        .collect();
    let counts = design.counts(&sums, &used);

    let mut missing = Vec::new();
    if counts.treated < min.treated_agents {
        missing.push(Shortfall::TreatedAgents {
            have: counts.treated,
            need: min.treated_agents,
        });
    }
    if counts.comparison < min.comparison_agents {
        missing.push(Shortfall::ComparisonAgents {
            have: counts.comparison,
            need: min.comparison_agents,
        });
    }
    if counts.weeks_before < min.weeks_before {
        missing.push(Shortfall::WeeksBefore {
            have: counts.weeks_before,
            need: min.weeks_before,
        });
    }
    if counts.weeks_after < min.weeks_after {
        missing.push(Shortfall::WeeksAfter {
            have: counts.weeks_after,
            need: min.weeks_after,
        });
    }
    if !missing.is_empty() {
        return Impact::NotEnoughData { missing };
    }

    let mut point = design.aggregate_slots();
    design.aggregate(&sums, &used, &mut point);
    let replicates = settings.replicates.max(MIN_REPLICATES);
    let reps = bootstrap::resample(&design, &used, replicates, settings.seed);
    let need = (f64::from(replicates) * USABLE_REPLICATES).ceil() as usize;
    let Some((ci_low, ci_high)) = bootstrap::interval(&reps.overall, need) else {
        let have = reps.overall.iter().filter(|v| v.is_finite()).count();
        return Impact::NotEnoughData {
            missing: vec![Shortfall::Replicates { have, need }],
        };
    };

    let placebo = if point.placebo.is_finite() {
        bootstrap::interval(&reps.placebo, need).map(|(lo, hi)| Placebo {
            estimate: point.placebo,
            ci_low: lo,
            ci_high: hi,
        })
    } else {
        None
    };
    let event_study = (0..design.event_slots)
        .filter_map(|slot| {
            let weeks_since = slot as i32 - design.event_offset;
            let estimate = point.events[slot];
            let treated = counts.event_treated[slot];
            if weeks_since == -1 || !estimate.is_finite() || treated < min.point_treated_agents {
                return None;
            }
            let (ci_low, ci_high) = bootstrap::interval(&reps.events[slot], need)?;
            Some(EventPoint {
                weeks_since,
                estimate,
                ci_low,
                ci_high,
                treated_agents: treated,
                comparison_agents: counts.event_comparison[slot],
            })
        })
        .collect();

    Impact::Estimated(Estimate {
        estimate: point.overall,
        ci_low,
        ci_high,
        treated_agents: counts.treated,
        comparison_agents: counts.comparison,
        weeks: counts.weeks,
        weeks_before: counts.weeks_before,
        weeks_after: counts.weeks_after,
        event_study,
        placebo,
        direction,
        interpretation: Interpretation::of(direction, ci_low, ci_high),
        replicates,
    })
}
