//! Black-box tests of the HTTP API: every scenario runs against the real server, on SQLite
//! and on PostgreSQL.

mod errors;
mod health;
mod migrations;
mod openapi;
mod pwa;
