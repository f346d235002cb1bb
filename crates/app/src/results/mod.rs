//! Results: customer KPIs beside learning. Values come in through imports (a CSV checked
//! row by row, JSON rows from the bulk API, or the `import-kpis` command), are matched to
//! agents by address and replace any value for the same agent, metric and period.

pub mod goals;
pub mod impact;
pub mod import;
pub mod indicators;
pub mod metrics;
pub mod view;
