//! Cinco's HTTP API: the only crate that knows HTTP, JSON and OpenAPI.
//!
//! [`startup::Application`] builds the actix-web server from [`config::Settings`]; routes
//! live in [`routes`], one module per aggregate; [`error`] turns every failure into
//! `application/problem+json`.

pub mod auth;
pub mod bootstrap;
mod client_address;
pub mod config;
mod contract;
pub mod error;
mod extract;
mod fields;
pub mod kpi_generate;
pub mod kpi_import;
mod methods;
mod metrics;
mod middleware;
pub mod openapi;
pub mod optimize;
mod report_limit;
mod routes;
pub mod seed;
mod spa;
pub mod startup;
mod state;
mod states;
mod storage;
pub mod telemetry;
mod translations;
mod view_cache;
mod words;

pub use cinco_app::Clock;
pub use config::Settings;
pub use startup::Application;
