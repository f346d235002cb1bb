//! The impact estimate at the scale the product promises: 10,000 agents × 26 weeks with 200
//! bootstrap replicates, under 2 s. Run with `cargo bench -p cinco-domain --bench impact`.

// A benchmark reports its figures on standard output.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::Instant;

use cinco_domain::impact::synthetic::Model;
use cinco_domain::impact::{Direction, Impact, Settings, estimate};

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    for (agents, weeks) in [(1_000, 26), (10_000, 26), (10_000, 52)] {
        let mut model = Model::new(agents, weeks);
        model.effect = 4.0;
        model.ramp_weeks = 3;
        let start = Instant::now();
        let panel = model.generate(1).panel();
        let generate = start.elapsed().as_secs_f64() * 1e3;
        let settings = Settings::default();
        let runs = 5;
        let mut times = Vec::with_capacity(runs);
        let mut last = None;
        for _ in 0..runs {
            let start = Instant::now();
            let result = estimate(black_box(&panel), Direction::HigherIsBetter, &settings);
            times.push(start.elapsed().as_secs_f64() * 1e3);
            last = Some(result);
        }
        let summary = match last {
            Some(Impact::Estimated(e)) => {
                // What the estimate aims at: the planted effect averaged as the estimate
                // averages, over trained agents' weeks since training (the points shown).
                let (num, den) = e.event_study.iter().filter(|p| p.weeks_since >= 0).fold(
                    (0.0, 0.0),
                    |(num, den), p| {
                        let n = p.treated_agents as f64;
                        (num + n * model.effect_after(p.weeks_since), den + n)
                    },
                );
                format!(
                    "estimate {:.2} (95 % CI {:.2}–{:.2}; planted: 4 after a 3-week ramp, {:.2} \
                     on average over the same weeks), {} trained, {} compared",
                    e.estimate,
                    e.ci_low,
                    e.ci_high,
                    num / den,
                    e.treated_agents,
                    e.comparison_agents
                )
            }
            other => format!("{other:?}"),
        };
        println!(
            "{agents} agents × {weeks} weeks, {} replicates: {:.0} ms (median of {runs}; generating the data {generate:.0} ms); {summary}",
            settings.replicates,
            median(times),
        );
    }
}
