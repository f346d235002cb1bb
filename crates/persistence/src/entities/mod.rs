//! Table definitions in sea-orm's entity format, one module per table, written to match the
//! migrations exactly (as `sea-orm-cli generate entity` would). Only this crate sees them.

pub mod authority_decisions;
pub mod coaching_mails;
pub mod coaching_ratings;
pub mod coaching_sessions;
pub mod competencies;
pub mod cx_statements;
pub mod daily_sessions;
pub mod evidence;
pub mod invitations;
pub mod lesson_answers;
pub mod lesson_attempts;
pub mod lesson_versions;
pub mod media;
pub mod organisation_coaching;
pub mod organisations;
pub mod outbox;
pub mod password_resets;
pub mod path_assignments;
pub mod path_events;
pub mod path_steps;
pub mod path_team_rules;
pub mod path_templates;
pub mod refresh_tokens;
pub mod review_cards;
pub mod review_log;
pub mod scenario_run_steps;
pub mod scenario_runs;
pub mod scenario_versions;
pub mod scorecards;
pub mod sessions;
pub mod sign_in_throttle;
pub mod team_members;
pub mod teams;
pub mod users;
