//! Structured logging with `tracing`: human-readable by default, JSON lines when
//! `CINCO_LOG_FORMAT=json`. `RUST_LOG` overrides the default level filter.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global subscriber. Call once, early, from the binary (never from tests
/// that may share a process).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sea_orm=warn,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
    if let Err(err) = result {
        eprintln!("logging was already initialised: {err}");
    }
}
