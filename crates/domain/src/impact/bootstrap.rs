//! Confidence intervals by bootstrap over agents.
//!
//! A replicate draws as many agents as there are, uniformly with replacement, and recomputes
//! every cell and aggregate with the agents drawn (an agent drawn twice counts twice; the
//! cells are the ones chosen on the data, see `Minimums`). Resampling whole agents keeps each
//! agent's weeks together, so the interval allows for an agent's weeks being alike. The 95 %
//! interval is the 2.5th and 97.5th percentiles of the replicates (linear interpolation
//! between order statistics).

use super::group_time::Design;
use super::random::Stream;

/// Each quantity's value in every replicate (NaN where a replicate could not compute it).
#[derive(Debug, Clone)]
pub(super) struct Replicates {
    pub overall: Vec<f64>,
    pub placebo: Vec<f64>,
    /// Per event-study slot, the replicates' values.
    pub events: Vec<Vec<f64>>,
}

/// `replicates` bootstrap replicates of `design` over the cells in `used`, from `seed`.
pub(super) fn resample(design: &Design, used: &[bool], replicates: u32, seed: u64) -> Replicates {
    let n = design.agents();
    let capacity = replicates as usize;
    let mut out = Replicates {
        overall: Vec::with_capacity(capacity),
        placebo: Vec::with_capacity(capacity),
        events: vec![Vec::with_capacity(capacity); design.event_slots],
    };
    let Ok(draws) = u32::try_from(n) else {
        return out;
    };
    if draws == 0 {
        return out;
    }
    let mut stream = Stream::new(seed);
    let mut weights = vec![0u32; n];
    let mut sums = design.cell_sums();
    let mut running = design.running();
    let mut aggregate = design.aggregate_slots();
    for _ in 0..replicates {
        weights.fill(0);
        for _ in 0..draws {
            weights[stream.below(draws) as usize] += 1;
        }
        design.sums(&weights, &mut sums, &mut running);
        design.aggregate(&sums, used, &mut aggregate);
        out.overall.push(aggregate.overall);
        out.placebo.push(aggregate.placebo);
        for (values, v) in out.events.iter_mut().zip(&aggregate.events) {
            values.push(*v);
        }
    }
    out
}

/// The 95 % percentile interval of the finite values, when at least `need` of them are.
pub(super) fn interval(values: &[f64], need: usize) -> Option<(f64, f64)> {
    let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() || finite.len() < need {
        return None;
    }
    finite.sort_unstable_by(f64::total_cmp);
    Some((quantile(&finite, 0.025), quantile(&finite, 0.975)))
}

/// Quantile `p` of sorted `values` (Hyndman & Fan type 7, as R's default).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}
