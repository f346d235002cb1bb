//! Table definitions in sea-orm's entity format, one module per table, written to match the
//! migrations exactly (as `sea-orm-cli generate entity` would). Only this crate sees them.

pub mod organisations;
