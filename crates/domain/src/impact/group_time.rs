//! Group-time cells, ATT(g,t), and their aggregation.
//!
//! Notation. Weeks are `0..W`. Agent `i` belongs to cohort `G_i`, the week they were first
//! trained; `G_i = ∞` when they were not trained in the window. Agents trained before the
//! window (`G_i ≤ 0`) have no week before their training and are left out. `Y_it` is agent
//! `i`'s value in week `t`, `p_it` is 1 when they have one.
//!
//! For a cohort `g` (`1 ≤ g < W`) the base week is `b = g − 1`, the last week before the
//! training. For every week `t ≠ b`, the cell `(g, t)` compares how cohort `g` moved from `b`
//! to `t` with how the comparison agents moved over the same two weeks:
//!
//! ```text
//! T(g,t) = { i : G_i = g,            p_ib = p_it = 1 }        the cohort
//! C(g,t) = { i : G_i > max(g, t),    p_ib = p_it = 1 }        not yet trained by t (nor by g),
//!                                                              or never trained
//! ATT(g,t) = mean_{i∈T(g,t)} (Y_it − Y_ib) − mean_{i∈C(g,t)} (Y_it − Y_ib)
//! ```
//!
//! For `t ≥ g` that is the effect of the training `t − g` weeks after it; for `t < b` it is a
//! placebo, which is zero when the cohort and its comparison agents moved alike before the
//! training (parallel trends).
//!
//! Aggregation weights each cell by its treated agents `n(g,t) = |T(g,t)|`:
//!
//! ```text
//! overall ATT = Σ_{t ≥ g} n(g,t) · ATT(g,t) / Σ_{t ≥ g} n(g,t)
//! θ(e)        = Σ_{t − g = e} n(g,t) · ATT(g,t) / Σ_{t − g = e} n(g,t)     (event study)
//! placebo     = Σ_{t < b} n(g,t) · ATT(g,t) / Σ_{t < b} n(g,t)
//! ```
//!
//! so every trained agent counts once for each week after their training in which they have a
//! value (Callaway & Sant'Anna's "simple" aggregation, with sparse data).
//!
//! Cost. A bootstrap replicate only changes how many times each agent counts (an integer
//! weight `w_i`), so the sums are recomputed with weights instead of copying data. The
//! cohort's side of a cell is direct: `O(weeks)` per trained agent. The comparison side would
//! be `O(weeks²)` per agent if every pair (b, t) were summed; instead, with `q_it = p_it Y_it`
//! and `m_it = 1 − p_it`,
//!
//! ```text
//! Σ w p_ib p_it (Y_it − Y_ib) = Q_t − Q_b − K_bt + K_tb      Q_t = Σ w q_it,  K_bt = Σ w m_ib q_it
//! Σ w p_ib p_it               = N − M_b − M_t + MM_bt        N = Σ w,  M_t = Σ w m_it,  MM_bt = Σ w m_ib m_it
//! ```
//!
//! where `K` and `MM` only take the weeks an agent has no value, so a replicate costs
//! `O(agents × weeks × (1 + missing weeks per agent))`. Comparison sets are nested (`C(g,t)`
//! is every class after a point in the order of first-trained weeks), so classes are added
//! from the latest to the earliest and each cell reads the running sums once its classes are
//! all in.

use std::ops::Range;

use super::panel::Panel;

/// One group-time cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cell {
    /// The cohort's class (see [`Design`]).
    pub class: usize,
    /// The base week, `g − 1`.
    pub base: usize,
    /// The week compared with the base.
    pub week: usize,
    /// Weeks since the training, `t − g`.
    pub event: i32,
    /// Comparison agents are those of classes `control_from..`.
    pub control_from: usize,
}

/// The data laid out for the estimator, built once per estimate.
///
/// Agents are grouped by class: one class per week in which someone was first trained, in
/// order, then one last class (possibly empty) for those not trained in the window.
#[derive(Debug)]
pub(super) struct Design {
    weeks: usize,
    /// Values, agent-major; NaN where missing.
    y: Vec<f64>,
    /// The same with 0 where missing (`q` above).
    q: Vec<f64>,
    /// Agent `i` has no value in weeks `missing[missing_at[i]..missing_at[i + 1]]`.
    missing_at: Vec<usize>,
    missing: Vec<usize>,
    /// Class `k` holds agents `class_at[k]..class_at[k + 1]`.
    class_at: Vec<usize>,
    /// The first-trained week of each cohort class (the last class has none).
    cohort_weeks: Vec<usize>,
    /// Cells, grouped by the cohort's class and in order of week within it.
    pub cells: Vec<Cell>,
    /// Cells of each cohort class.
    cells_of: Vec<Range<usize>>,
    /// Cells whose comparison agents start at each class.
    controlled_from: Vec<Vec<usize>>,
    /// Event-study slots: `event + event_offset` indexes them.
    pub event_offset: i32,
    pub event_slots: usize,
}

/// The sums of one cell, for the cohort and for its comparison agents.
#[derive(Debug, Clone, Default)]
pub(super) struct CellSums {
    pub treated_sum: Vec<f64>,
    pub treated_n: Vec<f64>,
    pub control_sum: Vec<f64>,
    pub control_n: Vec<f64>,
}

/// Running sums over the comparison classes added so far.
#[derive(Debug, Clone)]
pub(super) struct Running {
    n: f64,
    q: Vec<f64>,
    m: Vec<f64>,
    k: Vec<f64>,
    mm: Vec<f64>,
}

/// Aggregates of one set of cell sums; NaN where no cell could be computed.
#[derive(Debug, Clone)]
pub(super) struct Aggregate {
    pub overall: f64,
    pub placebo: f64,
    pub events: Vec<f64>,
    numerators: Vec<f64>,
    denominators: Vec<f64>,
}

impl Design {
    /// Lays `panel` out; cells take placebo weeks `e = −(placebo_weeks + 1) ..= −2` and every
    /// week from the training on.
    pub(super) fn new(panel: &Panel, placebo_weeks: usize) -> Design {
        let weeks = panel.weeks();
        // The cohort of each agent kept: Some(g) for 1 ≤ g < W, None for not trained in the
        // window; agents trained before week 1 have no base week and are left out.
        let kept: Vec<(usize, Option<usize>)> = (0..panel.agents())
            .filter_map(|i| match panel.first_trained(i) {
                None => Some((i, None)),
                Some(g) if g < 1 => None,
                Some(g) => match usize::try_from(g) {
                    Ok(g) if g < weeks => Some((i, Some(g))),
                    _ => Some((i, None)),
                },
            })
            .collect();
        let mut cohort_weeks: Vec<usize> = kept.iter().filter_map(|(_, g)| *g).collect();
        cohort_weeks.sort_unstable();
        cohort_weeks.dedup();
        let classes = cohort_weeks.len() + 1;
        let class_of = |g: Option<usize>| {
            g.and_then(|g| cohort_weeks.binary_search(&g).ok())
                .unwrap_or(classes - 1)
        };

        let mut order: Vec<(usize, usize)> = kept.iter().map(|&(i, g)| (class_of(g), i)).collect();
        order.sort_unstable();
        let mut class_at = vec![0; classes + 1];
        for &(class, _) in &order {
            class_at[class + 1] += 1;
        }
        for k in 0..classes {
            class_at[k + 1] += class_at[k];
        }

        let mut y = Vec::with_capacity(order.len() * weeks);
        let mut q = Vec::with_capacity(order.len() * weeks);
        let mut missing_at = Vec::with_capacity(order.len() + 1);
        let mut missing = Vec::new();
        missing_at.push(0);
        for &(_, i) in &order {
            let row = panel.row(i);
            y.extend_from_slice(row);
            q.extend(row.iter().map(|v| if v.is_nan() { 0.0 } else { *v }));
            missing.extend(
                row.iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_nan())
                    .map(|(t, _)| t),
            );
            missing_at.push(missing.len());
        }

        let first_placebo = placebo_weeks + 1;
        let mut cells = Vec::new();
        let mut cells_of = Vec::with_capacity(cohort_weeks.len());
        for (class, &g) in cohort_weeks.iter().enumerate() {
            let start = cells.len();
            let base = g - 1;
            for week in base.saturating_sub(first_placebo - 1)..weeks {
                if week == base {
                    continue;
                }
                let last = g.max(week);
                cells.push(Cell {
                    class,
                    base,
                    week,
                    event: week as i32 - g as i32,
                    control_from: cohort_weeks.partition_point(|&c| c <= last),
                });
            }
            cells_of.push(start..cells.len());
        }
        let mut controlled_from = vec![Vec::new(); classes];
        for (c, cell) in cells.iter().enumerate() {
            controlled_from[cell.control_from].push(c);
        }

        Design {
            weeks,
            y,
            q,
            missing_at,
            missing,
            class_at,
            cohort_weeks,
            cells,
            cells_of,
            controlled_from,
            event_offset: first_placebo as i32,
            event_slots: first_placebo + weeks,
        }
    }

    /// Agents kept (the ones a bootstrap replicate draws from).
    pub(super) fn agents(&self) -> usize {
        self.class_at.last().copied().unwrap_or(0)
    }

    fn classes(&self) -> usize {
        self.class_at.len() - 1
    }

    fn row(&self, i: usize) -> &[f64] {
        &self.y[i * self.weeks..(i + 1) * self.weeks]
    }

    fn missing_weeks(&self, i: usize) -> &[usize] {
        &self.missing[self.missing_at[i]..self.missing_at[i + 1]]
    }

    /// Empty sums sized for this design.
    pub(super) fn cell_sums(&self) -> CellSums {
        let n = self.cells.len();
        CellSums {
            treated_sum: vec![0.0; n],
            treated_n: vec![0.0; n],
            control_sum: vec![0.0; n],
            control_n: vec![0.0; n],
        }
    }

    /// Empty running sums sized for this design.
    pub(super) fn running(&self) -> Running {
        let w = self.weeks;
        Running {
            n: 0.0,
            q: vec![0.0; w],
            m: vec![0.0; w],
            k: vec![0.0; w * w],
            mm: vec![0.0; w * w],
        }
    }

    /// Empty aggregates sized for this design.
    pub(super) fn aggregate_slots(&self) -> Aggregate {
        Aggregate {
            overall: f64::NAN,
            placebo: f64::NAN,
            events: vec![f64::NAN; self.event_slots],
            numerators: vec![0.0; self.event_slots],
            denominators: vec![0.0; self.event_slots],
        }
    }

    /// The cells' sums with agent `i` counted `weights[i]` times (all ones: the data as it is).
    pub(super) fn sums(&self, weights: &[u32], out: &mut CellSums, running: &mut Running) {
        out.treated_sum.fill(0.0);
        out.treated_n.fill(0.0);
        out.control_sum.fill(0.0);
        out.control_n.fill(0.0);

        // The cohorts' side: each trained agent with a value in their base week.
        for (class, cells) in self.cells_of.iter().enumerate() {
            let agents = self.class_at[class]..self.class_at[class + 1];
            for (i, &w) in agents.clone().zip(&weights[agents]) {
                if w == 0 {
                    continue;
                }
                let w = f64::from(w);
                let row = self.row(i);
                let base = row[self.cohort_weeks[class] - 1];
                if base.is_nan() {
                    continue;
                }
                for c in cells.clone() {
                    let v = row[self.cells[c].week];
                    if !v.is_nan() {
                        out.treated_sum[c] += w * (v - base);
                        out.treated_n[c] += w;
                    }
                }
            }
        }

        // The comparison side: classes from the latest to the earliest, each cell read once
        // all of its comparison classes are in.
        let weeks = self.weeks;
        let r = running;
        r.n = 0.0;
        r.q.fill(0.0);
        r.m.fill(0.0);
        r.k.fill(0.0);
        r.mm.fill(0.0);
        for class in (0..self.classes()).rev() {
            let agents = self.class_at[class]..self.class_at[class + 1];
            for (i, &w) in agents.clone().zip(&weights[agents]) {
                if w == 0 {
                    continue;
                }
                let w = f64::from(w);
                let q = &self.q[i * weeks..(i + 1) * weeks];
                r.n += w;
                for (acc, v) in r.q.iter_mut().zip(q) {
                    *acc += w * v;
                }
                let missing = self.missing_weeks(i);
                for &b in missing {
                    r.m[b] += w;
                    for (acc, v) in r.k[b * weeks..(b + 1) * weeks].iter_mut().zip(q) {
                        *acc += w * v;
                    }
                    for &t in missing {
                        r.mm[b * weeks + t] += w;
                    }
                }
            }
            for &c in &self.controlled_from[class] {
                let Cell {
                    base: b, week: t, ..
                } = self.cells[c];
                out.control_sum[c] = r.q[t] - r.q[b] - r.k[b * weeks + t] + r.k[t * weeks + b];
                out.control_n[c] = r.n - r.m[b] - r.m[t] + r.mm[b * weeks + t];
            }
        }
    }

    /// The overall ATT, the placebo and the event study from `sums`, over the cells in `used`;
    /// a cell without trained or comparison agents (possible in a replicate) is skipped.
    pub(super) fn aggregate(&self, sums: &CellSums, used: &[bool], out: &mut Aggregate) {
        let (mut post, mut post_n, mut pre, mut pre_n) = (0.0, 0.0, 0.0, 0.0);
        out.numerators.fill(0.0);
        out.denominators.fill(0.0);
        for (c, cell) in self.cells.iter().enumerate() {
            let (tn, cn) = (sums.treated_n[c], sums.control_n[c]);
            if !used[c] || tn <= 0.0 || cn <= 0.0 {
                continue;
            }
            let att = sums.treated_sum[c] / tn - sums.control_sum[c] / cn;
            if cell.event >= 0 {
                post += tn * att;
                post_n += tn;
            } else {
                pre += tn * att;
                pre_n += tn;
            }
            let slot = self.slot(cell.event);
            out.numerators[slot] += tn * att;
            out.denominators[slot] += tn;
        }
        out.overall = ratio(post, post_n);
        out.placebo = ratio(pre, pre_n);
        for ((e, num), den) in out
            .events
            .iter_mut()
            .zip(&out.numerators)
            .zip(&out.denominators)
        {
            *e = ratio(*num, *den);
        }
    }

    /// The event-study slot of `event` weeks since the training.
    pub(super) fn slot(&self, event: i32) -> usize {
        (event + self.event_offset) as usize
    }

    /// Counts of distinct agents behind the cells in `used`, from the unweighted sums.
    pub(super) fn counts(&self, sums: &CellSums, used: &[bool]) -> Counts {
        let mut counts = Counts {
            treated: 0,
            comparison: 0,
            weeks: 0,
            weeks_before: 0,
            weeks_after: 0,
            event_treated: vec![0; self.event_slots],
            event_comparison: vec![0; self.event_slots],
        };
        let used_cells: Vec<usize> = (0..self.cells.len()).filter(|&c| used[c]).collect();

        // Each trained agent is in one cell per week, so cells' counts add up per event.
        for &c in &used_cells {
            counts.event_treated[self.slot(self.cells[c].event)] += sums.treated_n[c] as usize;
        }

        let mut weeks = vec![false; self.weeks];
        let mut events = vec![false; self.event_slots];
        for &c in &used_cells {
            let cell = self.cells[c];
            weeks[cell.base] = true;
            weeks[cell.week] = true;
            events[self.slot(cell.event)] = true;
        }
        counts.weeks = weeks.iter().filter(|w| **w).count();
        let after = events[self.slot(0)..].iter().filter(|e| **e).count();
        let before = events[..self.slot(-1)].iter().filter(|e| **e).count();
        counts.weeks_after = after;
        // The base week is a week before, for every cohort with a week after.
        counts.weeks_before = if after > 0 { before + 1 } else { 0 };

        // Trained agents with a value in the base week and in a week after.
        for (class, cells) in self.cells_of.iter().enumerate() {
            for i in self.class_at[class]..self.class_at[class + 1] {
                let row = self.row(i);
                if row[self.cohort_weeks[class] - 1].is_nan() {
                    continue;
                }
                let after = cells.clone().any(|c| {
                    let cell = self.cells[c];
                    used[c] && cell.event >= 0 && !row[cell.week].is_nan()
                });
                counts.treated += usize::from(after);
            }
        }

        // Comparison agents: in the comparison set of a cell, with values in both its weeks.
        let mut seen = vec![false; self.event_slots];
        for class in 0..self.classes() {
            let cells: Vec<usize> = used_cells
                .iter()
                .copied()
                .filter(|&c| self.cells[c].control_from <= class)
                .collect();
            for i in self.class_at[class]..self.class_at[class + 1] {
                let row = self.row(i);
                seen.fill(false);
                let mut after = false;
                for &c in &cells {
                    let cell = self.cells[c];
                    if !row[cell.base].is_nan() && !row[cell.week].is_nan() {
                        seen[self.slot(cell.event)] = true;
                        after |= cell.event >= 0;
                    }
                }
                counts.comparison += usize::from(after);
                for (n, s) in counts.event_comparison.iter_mut().zip(&seen) {
                    *n += usize::from(*s);
                }
            }
        }
        counts
    }
}

/// Distinct agents and weeks behind an estimate.
#[derive(Debug, Clone)]
pub(super) struct Counts {
    pub treated: usize,
    pub comparison: usize,
    pub weeks: usize,
    pub weeks_before: usize,
    pub weeks_after: usize,
    pub event_treated: Vec<usize>,
    pub event_comparison: Vec<usize>,
}

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 { num / den } else { f64::NAN }
}
