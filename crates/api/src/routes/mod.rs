//! The route table. Every handler is annotated with `#[utoipa::path]` and registered here
//! through `utoipa_actix_web`, so the OpenAPI document and the live routes cannot drift.
//! Each operation's `security` scopes name the roles that may call it; the authorisation
//! matrix test reads them from the document and checks every route against every role.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod auth;
mod authority;
pub(crate) mod baseline;
pub mod certifications;
mod client_reports;
pub mod coaching;
pub mod competencies;
mod cx_statement;
mod decisions;
mod good_practices;
mod health;
mod invitations;
pub mod learn;
pub mod lessons;
mod mailbox;
pub mod me;
mod media;
mod meta;
pub mod organisation;
mod proficiency;
mod pulse;
pub mod results;
pub mod scenarios;
mod suggestions;
mod sync;
pub mod teams;
pub mod today;
pub mod tracks;
pub mod users;

/// Registers every documented route.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::live).service(health::ready).service(
        utoipa_actix_web::scope("/api/v1")
            .service(meta::info)
            .service(
                // Reports are small: their own body limit.
                utoipa_actix_web::scope("/client-reports")
                    .app_data(crate::extract::json_config(client_reports::MAX_BODY))
                    .service(client_reports::create),
            )
            .service(auth::sign_in::sign_in)
            .service(auth::sign_in::sign_up)
            .service(auth::sign_in::confirm_sign_up)
            .service(auth::sessions::refresh)
            .service(auth::sessions::sign_out)
            .service(auth::sessions::sign_out_everywhere)
            .service(auth::sessions::list)
            .service(auth::sessions::revoke)
            .service(auth::password::forgot)
            .service(auth::password::reset)
            .service(auth::password::change)
            .service(me::get)
            .service(me::update)
            .service(organisation::get)
            .service(organisation::update)
            .service(invitations::preview)
            .service(invitations::accept)
            .service(invitations::create)
            .service(invitations::list)
            .service(invitations::resend)
            .service(invitations::revoke)
            .service(users::list)
            .service(users::get)
            .service(users::set_roles)
            .service(users::set_external_id)
            .service(users::deactivate)
            .service(users::reactivate)
            .service(users::move_to_team)
            .service(teams::list)
            .service(teams::create)
            .service(teams::rename)
            .service(teams::add_member)
            .service(teams::remove_member)
            .service(mailbox::list)
            .service(competencies::list)
            .service(competencies::create)
            .service(competencies::update)
            .service(competencies::archive)
            .service(competencies::restore)
            .service(competencies::remove)
            .service(cx_statement::get)
            .service(cx_statement::update)
            .service(results::metrics::list)
            .service(results::metrics::add)
            .service(results::metrics::link)
            .service(results::imports::preview)
            .service(results::imports::create)
            .service(results::imports::values)
            .service(results::imports::list)
            .service(results::views::mine)
            .service(results::views::team)
            .service(results::views::impact)
            .service(results::indicators::indicators)
            .service(results::goals::list)
            .service(results::goals::create)
            .service(results::goals::remove)
            .service(suggestions::create)
            .service(suggestions::list_mine)
            .service(suggestions::list)
            .service(suggestions::answer_one)
            .service(pulse::mine)
            .service(pulse::create)
            .service(pulse::teams)
            .service(learn::list)
            .service(learn::take)
            .service(learn::start)
            .service(learn::answer)
            .service(learn::complete)
            .service(lessons::import)
            .service(lessons::save_document)
            .service(lessons::read_document)
            .service(lessons::list)
            .service(lessons::export)
            .service(lessons::publish)
            .service(lessons::submit)
            .service(lessons::review)
            .service(lessons::preview)
            .service(lessons::duplicate)
            .service(lessons::archive)
            .service(media::upload)
            .service(media::list)
            .service(media::serve)
            .service(authority::list)
            .service(authority::upsert)
            .service(authority::remove)
            .service(authority::set_currency)
            .service(scenarios::import)
            .service(scenarios::list)
            .service(scenarios::translate)
            .service(scenarios::analytics)
            .service(scenarios::get)
            .service(scenarios::save)
            .service(scenarios::export)
            .service(scenarios::publish)
            .service(scenarios::archive)
            .service(scenarios::play::list)
            .service(scenarios::play::start)
            .service(scenarios::play::get)
            .service(scenarios::play::choose)
            .service(today::get)
            .service(today::more)
            .service(today::pack::get)
            .service(sync::sync)
            .service(proficiency::mine)
            .service(proficiency::settings)
            .service(proficiency::update_settings)
            .service(coaching::settings::get)
            .service(coaching::settings::update)
            .service(coaching::settings::get_qa_loop)
            .service(coaching::settings::update_qa_loop)
            .service(coaching::paths::list)
            .service(coaching::paths::create)
            .service(coaching::paths::get)
            .service(coaching::paths::update)
            .service(coaching::paths::archive)
            .service(coaching::paths::translate)
            .service(coaching::assignments::assign)
            .service(coaching::assignments::list)
            .service(coaching::changes::get)
            .service(coaching::changes::extend)
            .service(coaching::changes::cancel)
            .service(coaching::changes::reassign)
            .service(coaching::changes::rules)
            .service(coaching::changes::end_rule)
            .service(coaching::mine::paths)
            .service(coaching::mine::done)
            .service(coaching::mine::sessions)
            .service(coaching::mine::acknowledge)
            .service(coaching::sessions::schedule)
            .service(coaching::record::record)
            .service(coaching::sessions::cancel)
            .service(coaching::sessions::list)
            .service(coaching::sessions::get)
            .service(coaching::scorecards::scorecards)
            .service(coaching::scorecards::create_scorecard)
            .service(coaching::scorecards::translate)
            .service(coaching::dashboard::get)
            .service(coaching::export::csv)
            .service(coaching::dashboard::agent_detail)
            .service(tracks::list)
            .service(tracks::create)
            .service(tracks::get_one)
            .service(tracks::update)
            .service(tracks::archive)
            .service(tracks::translate)
            .service(tracks::enrolments::enrol)
            .service(tracks::candidates::candidates)
            .service(tracks::enrolments::list)
            .service(tracks::enrolments::get_one)
            .service(tracks::enrolments::withdraw)
            .service(tracks::enrolments::mine)
            .service(tracks::submissions::submit)
            .service(tracks::assessments::queue)
            .service(tracks::assessments::get_one)
            .service(tracks::assessments::assess)
            .service(certifications::cascade::cascade)
            .service(certifications::manage::list)
            .service(certifications::manage::mine)
            .service(certifications::manage::get_one)
            .service(certifications::manage::grant)
            .service(certifications::manage::revoke)
            .service(certifications::manage::renew)
            .service(certifications::public::verify)
            .service(decisions::log)
            .service(decisions::mine)
            .service(decisions::approvals)
            .service(decisions::feed)
            .service(decisions::get_one)
            .service(decisions::answer)
            .service(decisions::recognise)
            .service(decisions::coaching)
            .service(decisions::report::get)
            .service(good_practices::share_decision)
            .service(good_practices::scenario_draft)
            .service(good_practices::this_week)
            .service(good_practices::list)
            .service(good_practices::get_one)
            .service(good_practices::mark_read)
            .service(good_practices::put_text)
            .service(good_practices::retire),
    );
}
