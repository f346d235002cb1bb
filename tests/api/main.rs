//! Black-box tests of the HTTP API: every scenario runs against the real server, on SQLite
//! and on PostgreSQL.

mod auth;
mod authoring;
mod certification;
mod coaching;
mod content;
mod decisions;
mod errors;
mod external_ids;
mod good_practices;
mod health;
mod indicators;
mod invitations;
mod learn;
mod lesson_editor;
mod lessons;
mod listening;
mod mail;
mod migrations;
mod openapi;
mod passwords;
mod people;
mod pwa;
mod results;
mod scenarios;
mod tenancy;
mod today;
mod tokens;
