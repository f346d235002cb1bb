//! Synthetic weekly KPI values with a known training effect, for tests (does the estimate
//! find what was planted, and nothing when nothing was?), the demo's history and the scale
//! benchmark. Seeded: the same model and seed give the same data everywhere.
//!
//! Agent `i`'s value in week `t`:
//!
//! ```text
//! Y_it = level + a_i + trend·t + season(t) + s_t + ε_it + τ(t − G_i)   (if t ≥ G_i)
//! a_i ~ N(0, agent_spread²)       the agent's own level
//! season(t) = seasonality · sin(2π (t + season_offset) / 52)
//! s_t ~ N(0, week_shock²)         a week that hits everyone (a launch, an outage)
//! ε_it ~ N(0, noise²)             the agent's week
//! τ(e) = effect · min(1, (e + 1) / ramp_weeks)     the planted effect, e weeks after training
//! ```
//!
//! clamped to `bounds`, and left out with probability `missing`.

use super::panel::Panel;
use super::random::Stream;

/// How the synthetic data is made. [`Model::new`] gives an FCR-like KPI (percent, around 70)
/// with no effect; set `effect` to plant one.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub agents: usize,
    pub weeks: u16,
    /// Average level before any training.
    pub level: f64,
    /// Standard deviation of agents' own levels.
    pub agent_spread: f64,
    /// Change per week shared by every agent.
    pub trend: f64,
    /// Amplitude of a yearly seasonal swing shared by every agent.
    pub seasonality: f64,
    /// Week of the year (0–51) the window starts at.
    pub season_offset: u16,
    /// Standard deviation of a shock each week shared by every agent.
    pub week_shock: f64,
    /// Standard deviation of each agent-week's own noise.
    pub noise: f64,
    /// The training's effect once fully in place, in the KPI's units (0: none).
    pub effect: f64,
    /// Weeks over which the effect builds up linearly (0 or 1: in full from the training week).
    pub ramp_weeks: u16,
    /// Share of agents not trained in the window.
    pub never_trained: f64,
    /// First and last week (inclusive) of training; each trained agent's week is uniform in
    /// between.
    pub training_weeks: (i32, i32),
    /// Leads train their weakest agents first: the lowest levels get the earliest weeks and
    /// the highest are the ones never trained. Levels differ between cohorts, trends do not.
    pub weakest_first: bool,
    /// Share of agent-weeks without a value (leave, too few contacts).
    pub missing: f64,
    /// Values are kept within these bounds (0–100 for a percentage).
    pub bounds: Option<(f64, f64)>,
}

/// Generated data: per agent, the week they were first trained and a value per week.
#[derive(Debug, Clone, PartialEq)]
pub struct Synthetic {
    pub weeks: u16,
    pub agents: Vec<SyntheticAgent>,
}

/// One generated agent.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticAgent {
    /// Week of training, `None` if not trained in the window.
    pub first_trained: Option<i32>,
    /// Value per week of the window; `None` where missing.
    pub values: Vec<Option<f64>>,
}

impl Model {
    /// An FCR-like KPI for `agents` agents over `weeks` weeks: level 70 ± 8, noise 6, a
    /// seasonal swing of 3 and weekly shocks of 1.5, 30 % never trained, trainings spread
    /// from a quarter into the window to three weeks before its end, 5 % of weeks missing,
    /// values within 0–100, no effect.
    pub fn new(agents: usize, weeks: u16) -> Self {
        let first = (i32::from(weeks) / 4).max(2);
        Model {
            agents,
            weeks,
            level: 70.0,
            agent_spread: 8.0,
            trend: 0.0,
            seasonality: 3.0,
            season_offset: 0,
            week_shock: 1.5,
            noise: 6.0,
            effect: 0.0,
            ramp_weeks: 0,
            never_trained: 0.3,
            training_weeks: (first, (i32::from(weeks) - 3).max(first)),
            weakest_first: false,
            missing: 0.05,
            bounds: Some((0.0, 100.0)),
        }
    }

    /// The planted effect `weeks_since` weeks after the training (0 before it).
    pub fn effect_after(&self, weeks_since: i32) -> f64 {
        if weeks_since < 0 {
            0.0
        } else if self.ramp_weeks <= 1 {
            self.effect
        } else {
            self.effect * (f64::from(weeks_since + 1) / f64::from(self.ramp_weeks)).min(1.0)
        }
    }

    /// `agents` agents with training weeks drawn by the model.
    pub fn generate(&self, seed: u64) -> Synthetic {
        let mut stream = Stream::new(seed);
        let shocks = self.shocks(&mut stream);
        let levels = self.levels(&mut stream, self.agents);
        let mut trained: Vec<Option<i32>> = (0..self.agents)
            .map(|_| self.draw_training(&mut stream))
            .collect();
        if self.weakest_first {
            // The same weeks, handed out in order of level: earliest to the weakest.
            let mut weeks = trained.clone();
            weeks.sort_by_key(|w| w.unwrap_or(i32::MAX));
            let mut by_level: Vec<usize> = (0..self.agents).collect();
            by_level.sort_by(|&a, &b| levels[a].total_cmp(&levels[b]));
            for (agent, week) in by_level.into_iter().zip(weeks) {
                trained[agent] = week;
            }
        }
        self.values(&mut stream, &shocks, &levels, &trained)
    }

    /// One agent per entry of `first_trained`, trained in that week (for data whose training
    /// weeks are already set, as the demo's). `agents` is not used.
    pub fn generate_for(&self, first_trained: &[Option<i32>], seed: u64) -> Synthetic {
        let mut stream = Stream::new(seed);
        let shocks = self.shocks(&mut stream);
        let levels = self.levels(&mut stream, first_trained.len());
        self.values(&mut stream, &shocks, &levels, first_trained)
    }

    fn shocks(&self, stream: &mut Stream) -> Vec<f64> {
        (0..self.weeks)
            .map(|t| {
                let season = std::f64::consts::TAU * f64::from(t + self.season_offset) / 52.0;
                self.seasonality * season.sin() + self.week_shock * stream.normal()
            })
            .collect()
    }

    fn levels(&self, stream: &mut Stream, agents: usize) -> Vec<f64> {
        (0..agents)
            .map(|_| self.level + self.agent_spread * stream.normal())
            .collect()
    }

    fn draw_training(&self, stream: &mut Stream) -> Option<i32> {
        if stream.unit() < self.never_trained {
            return None;
        }
        let (a, b) = self.training_weeks;
        let (lo, hi) = (a.min(b), a.max(b));
        let span = u32::try_from(i64::from(hi) - i64::from(lo) + 1).unwrap_or(u32::MAX);
        Some(lo.saturating_add_unsigned(stream.below(span)))
    }

    fn values(
        &self,
        stream: &mut Stream,
        shocks: &[f64],
        levels: &[f64],
        trained: &[Option<i32>],
    ) -> Synthetic {
        let agents = levels
            .iter()
            .zip(trained)
            .map(|(&level, &first_trained)| {
                let values = shocks
                    .iter()
                    .enumerate()
                    .map(|(t, shock)| {
                        let t = t as i32;
                        let mut v = level
                            + self.trend * f64::from(t)
                            + shock
                            + self.noise * stream.normal();
                        if let Some(g) = first_trained {
                            v += self.effect_after(t - g);
                        }
                        if let Some((lo, hi)) = self.bounds {
                            v = v.clamp(lo, hi);
                        }
                        (stream.unit() >= self.missing).then_some(v)
                    })
                    .collect();
                SyntheticAgent {
                    first_trained,
                    values,
                }
            })
            .collect();
        Synthetic {
            weeks: self.weeks,
            agents,
        }
    }
}

impl Synthetic {
    /// The data as the estimator reads it.
    pub fn panel(&self) -> Panel {
        let mut panel = Panel::with_capacity(self.weeks, self.agents.len());
        for agent in &self.agents {
            panel.push_agent(
                agent.first_trained,
                agent
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(t, v)| v.map(|v| (t as i32, v))),
            );
        }
        panel
    }
}
