//! What the OpenAPI document says a request's values may be, where a derive alone cannot
//! say it: the patterns of names and keys, the time zones, texts per language, limits per
//! role. Lengths and ranges are written on the fields themselves (`#[schema(max_length =
//! 2000)]`; utoipa takes only literals there), and the tests below hold every one of them to
//! the constant the server enforces, so each rule still has one home.

use std::borrow::Cow;

use cinco_domain::Locale;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    AdditionalProperties, AllOfBuilder, AnyOfBuilder, ObjectBuilder, Schema, Type,
};
use utoipa::{PartialSchema, ToSchema};

/// A name people read (a person's, a team's, an organisation's): `min` to `max` characters
/// once the surrounding whitespace is trimmed (as the server counts them), none of them a
/// control character. The length is in the pattern, not in `minLength`/`maxLength`, which
/// would count the whitespace the server trims.
pub fn name_pattern(min: usize, max: usize) -> String {
    const EDGE: &str = r"[^\s\x00-\x1f\x7f-\x9f]";
    const INNER: &str = r"[^\x00-\x1f\x7f-\x9f]";
    let core = match min {
        0 | 1 => format!("{EDGE}({INNER}{{0,{}}}{EDGE})?", max.saturating_sub(2)),
        _ => format!(
            "{EDGE}{INNER}{{{},{}}}{EDGE}",
            min - 2,
            max.saturating_sub(2)
        ),
    };
    format!(r"^\s*{core}\s*$")
}

/// Text that is more than whitespace.
pub const NOT_BLANK_PATTERN: &str = r"\S";

/// A key (a lesson's, a competency's, a decision type's): lowercase letters, digits and
/// dashes, neither starting nor ending with a dash (see `cinco_domain::lesson::Key`).
pub const KEY_PATTERN: &str = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// A calendar day from 2000 to 2100 as `YYYY-MM-DD` (as the coaching routes read one).
pub const DAY_PATTERN: &str = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// A time of day as `HH:MM`.
pub const TIME_PATTERN: &str = r"^([01][0-9]|2[0-3]):[0-5][0-9]$";

/// Declares `$ty`, a named schema in the OpenAPI document built by `$schema`.
macro_rules! value_schema {
    ($(#[$meta:meta])* $ty:ident = $schema:expr) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $ty;

        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                $schema.into()
            }
        }

        impl ToSchema for $ty {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($ty))
            }
        }
    };
}

fn string(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

value_schema! {
    /// How a person is shown to others (`cinco_domain::user::DisplayName`).
    DisplayName = string("1 to 100 characters once trimmed, no control characters.")
        .pattern(Some(name_pattern(1, cinco_domain::user::DisplayName::MAX_CHARS)))
}

value_schema! {
    /// What another system calls a person (`cinco_domain::user::ExternalId`).
    ExternalId = string("1 to 100 characters once trimmed, no control characters; unique in the organisation, compared exactly.")
        .pattern(Some(name_pattern(1, cinco_domain::user::ExternalId::MAX_CHARS)))
}

value_schema! {
    /// A team's name (`cinco_domain::team::TeamName`).
    TeamName = string("1 to 100 characters once trimmed, no control characters; unique in the organisation.")
        .pattern(Some(name_pattern(1, cinco_domain::team::TeamName::MAX_CHARS)))
}

value_schema! {
    /// An organisation's name (`cinco_domain::organisation::OrganisationName`).
    OrganisationName = string("2 to 200 characters once trimmed, no control characters.")
        .pattern(Some(name_pattern(
            cinco_domain::organisation::OrganisationName::MIN_CHARS,
            cinco_domain::organisation::OrganisationName::MAX_CHARS,
        )))
}

value_schema! {
    /// A stable, URL-safe name (`cinco_domain::lesson::Key`).
    Key = string("2 to 64 lowercase letters, digits and dashes, not starting or ending with a dash, e.g. `fee-waiver`.")
        .min_length(Some(cinco_domain::lesson::Key::MIN_LENGTH))
        .max_length(Some(cinco_domain::lesson::Key::MAX_LENGTH))
        .pattern(Some(KEY_PATTERN))
}

value_schema! {
    /// An email address (`cinco_domain::user::Email`).
    Email = string("An email address.")
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Email,
        )))
        .max_length(Some(cinco_domain::user::Email::MAX_BYTES))
}

value_schema! {
    /// A password being chosen (`cinco_domain::password::NewPassword`).
    NewPassword = string("8 to 128 characters, not one of the most common passwords, not the account's address.")
        .min_length(Some(cinco_domain::password::MIN_LENGTH))
        .max_length(Some(cinco_domain::password::MAX_LENGTH))
}

value_schema! {
    /// A calendar day, as the coaching routes read one.
    Day = string("A day from 2000 to 2100 as `YYYY-MM-DD`.")
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Date,
        )))
        .pattern(Some(DAY_PATTERN))
}

/// An instant from 2000 to 2100 as RFC 3339 (the year as written).
pub const INSTANT_PATTERN: &str = r"^(20[0-9]{2}|2100)-";

value_schema! {
    /// An instant someone gives (a session's time), within the years days are.
    Instant = string("An instant from 2000 to 2100, RFC 3339.")
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::DateTime,
        )))
        .pattern(Some(INSTANT_PATTERN))
}

value_schema! {
    /// A time of day.
    TimeOfDay = string("A local time as `HH:MM`.").pattern(Some(TIME_PATTERN))
}

value_schema! {
    /// An IANA time zone name, one of the bundled database's.
    TimeZone = string("IANA time zone name, e.g. `Europe/Madrid`.")
        .enum_values(Some(cinco_domain::user::TimeZone::names()))
}

/// The object of a text per language: only supported language codes, each a string.
fn per_language(value: impl Fn() -> ObjectBuilder) -> ObjectBuilder {
    Locale::ALL.iter().fold(
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .additional_properties(Some(AdditionalProperties::FreeForm(false))),
        |object, locale| object.property(locale.code(), value()),
    )
}

/// At least one language's text is not blank.
fn some_text() -> AnyOfBuilder {
    Locale::ALL.iter().fold(AnyOfBuilder::new(), |any, locale| {
        any.item(
            ObjectBuilder::new()
                .property(
                    locale.code(),
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some(NOT_BLANK_PATTERN)),
                )
                .required(locale.code()),
        )
    })
}

/// Texts per language, at most `max` characters each once trimmed when there is a limit.
fn texts(description: &str, max: Option<usize>) -> RefOr<Schema> {
    AllOfBuilder::new()
        .description(Some(description))
        .item(per_language(|| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(max)
        }))
        .item(some_text())
        .into()
}

value_schema! {
    /// A text per language code, at least one of them not blank (the blank ones are
    /// dropped).
    Texts = texts(
        "A text per language code (`es`, `en`, `it`), at least one of them not blank, \
         e.g. `{\"es\": \"Empatía\", \"en\": \"Empathy\"}`.",
        None,
    )
}

value_schema! {
    /// The customer-experience statement per language.
    StatementTexts = statement_texts()
}

/// One language's text of the statement is never blank: leaving the language out is how to
/// have none.
fn statement_texts() -> RefOr<Schema> {
    AllOfBuilder::new()
        .description(Some(
            "The statement per language code (`es`, `en`, `it`): at least one, none of them \
             blank (leave a language out instead), each at most 1,000 characters.",
        ))
        .item(per_language(|| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(cinco_domain::text::CX_STATEMENT_MAX))
                .pattern(Some(r"\S"))
        }))
        .item(some_text())
        .into()
}

value_schema! {
    /// A competency's levels: 1, 2, 3 … in order, without gaps, at most
    /// `cinco_domain::competency::MAX_LEVELS`.
    Levels = {
        let numbered = (1..=cinco_domain::competency::MAX_LEVELS).map(|n| {
            AllOfBuilder::new()
                .item(utoipa::openapi::Ref::from_schema_name("LevelBody"))
                .item(ObjectBuilder::new().property(
                    "level",
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .enum_values(Some([n])),
                ))
                .build()
        });
        utoipa::openapi::schema::ArrayBuilder::new()
            .description(Some(
                "The levels in order: the first is level 1, the next level 2 and so on, at most 6.",
            ))
            .prefix_items(numbered)
            .items(utoipa::openapi::schema::ArrayItems::False)
            .min_items(Some(1))
    }
}

/// [`Texts`], or none at all (`{}`).
#[derive(Debug)]
pub struct OptionalTexts;

impl PartialSchema for OptionalTexts {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .description(Some(
                "Either no text (`{}`) or a text per language code, at least one of them \
                 not blank.",
            ))
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .max_properties(Some(0)),
            )
            .item(RefOr::<Schema>::Ref(
                utoipa::openapi::Ref::from_schema_name("Texts"),
            ))
            .into()
    }
}

impl ToSchema for OptionalTexts {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("OptionalTexts")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((Texts::name().into(), Texts::schema()));
    }
}

/// An amount in the organisation's currency, from zero to `cinco_app::scenario::file::
/// MAX_AMOUNT`.
fn amount() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Double,
        )))
        .minimum(Some(0.0))
        .maximum(Some(cinco_app::scenario::file::MAX_AMOUNT))
}

/// The most each role may grant without approval; a role left out may grant nothing.
#[derive(Debug)]
pub struct RoleLimits;

impl PartialSchema for RoleLimits {
    fn schema() -> RefOr<Schema> {
        cinco_domain::Role::ALL
            .iter()
            .fold(
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .additional_properties(Some(AdditionalProperties::FreeForm(false))),
                |object, role| object.property(role.as_str(), amount()),
            )
            .description(Some(
                "Role (`agent`, `lead`, `trainer`, `admin`) → the most it may grant without \
                 approval. A role left out may grant nothing.",
            ))
            .into()
    }
}

impl ToSchema for RoleLimits {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("RoleLimits")
    }
}

/// The most holders of each certification level may grant.
#[derive(Debug)]
pub struct CertificationLimits;

impl PartialSchema for CertificationLimits {
    fn schema() -> RefOr<Schema> {
        cinco_domain::certification::Level::ALL
            .iter()
            .fold(
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .additional_properties(Some(AdditionalProperties::FreeForm(false))),
                |object, level| object.property(level.as_str(), amount()),
            )
            .description(Some(
                "Certification level (`coach`, `trainer`, `master_trainer`) → the most its \
                 holders may grant, when more than their role allows.",
            ))
            .into()
    }
}

impl ToSchema for CertificationLimits {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("CertificationLimits")
    }
}

#[cfg(test)]
mod tests {
    use cinco_domain::text::{
        INDICATOR_MAX, LONG_MAX, NOTE_MAX, REASON_MAX, SESSION_NOTES_MAX, STATEMENT_MAX, TITLE_MAX,
    };
    use serde_json::{Value, json};

    fn document() -> Value {
        serde_json::to_value(crate::openapi::document()).unwrap_or_default()
    }

    /// `keyword` of `schema.property` in the document.
    fn rule(doc: &Value, schema: &str, property: &str, keyword: &str) -> Value {
        let found = &doc["components"]["schemas"][schema]["properties"][property][keyword];
        assert!(
            !found.is_null(),
            "{schema}.{property} has no `{keyword}` in the document"
        );
        found.clone()
    }

    /// Every limit written as a literal on a request field is the constant the server
    /// enforces.
    #[test]
    fn the_limits_on_fields_are_the_ones_enforced() {
        use cinco_domain::certification::{MAX_MODULES, MAX_VALIDITY_MONTHS};
        use cinco_domain::coaching::{
            IDLE_DAYS_MAX, MAX_DUE_DAYS, MAX_SCORECARD_ITEMS, MAX_STEPS, REMINDER_NOTICE_HOURS_MAX,
        };
        let doc = document();
        let max_length = [
            ("CancelBody", "reason", REASON_MAX),
            ("DoneBody", "note", NOTE_MAX),
            ("AcknowledgeBody", "comment", NOTE_MAX),
            ("StepBody", "title", TITLE_MAX),
            ("PathBody", "title", TITLE_MAX),
            ("RatingBody", "indicator", INDICATOR_MAX),
            ("RatingBody", "note", NOTE_MAX),
            ("ActionBody", "text", TITLE_MAX),
            ("RecordBody", "call_reference", TITLE_MAX),
            ("RecordBody", "notes", SESSION_NOTES_MAX),
            ("ScorecardBody", "title", TITLE_MAX),
            ("ScorecardItemBody", "indicator", INDICATOR_MAX),
            ("ScheduleBody", "call_reference", TITLE_MAX),
            ("ModuleBody", "title", TITLE_MAX),
            ("ModuleBody", "instructions", LONG_MAX),
            ("TrackBody", "title", TITLE_MAX),
            ("TrackBody", "description", LONG_MAX),
            ("GrantBody", "title", TITLE_MAX),
            ("GrantBody", "note", STATEMENT_MAX),
            ("RevokeBody", "reason", STATEMENT_MAX),
            ("CriterionBody", "comment", NOTE_MAX),
            ("AssessBody", "comment", NOTE_MAX),
            ("SubmitBody", "plan", LONG_MAX),
            ("SubmitBody", "notes", LONG_MAX),
            ("ReviewBody", "comment", NOTE_MAX),
        ];
        for (schema, property, max) in max_length {
            assert_eq!(
                rule(&doc, schema, property, "maxLength"),
                json!(max),
                "{schema}.{property}"
            );
        }
        let max_items = [
            ("PathBody", "steps", MAX_STEPS),
            ("ScorecardBody", "items", MAX_SCORECARD_ITEMS),
            ("TrackBody", "modules", MAX_MODULES),
            ("ScenarioFile", "nodes", cinco_domain::scenario::MAX_NODES),
            ("NodeFile", "choices", cinco_domain::scenario::MAX_CHOICES),
        ];
        for (schema, property, max) in max_items {
            assert_eq!(
                rule(&doc, schema, property, "maxItems"),
                json!(max),
                "{schema}.{property}"
            );
        }
        let ranges: [(&str, &str, i64, i64); 11] = [
            ("StepBody", "pass_percent", 0, 100),
            ("StepBody", "due_after_days", 0, i64::from(MAX_DUE_DAYS)),
            ("ModuleBody", "pass_percent", 0, 100),
            ("RatingBody", "rating", 1, 4),
            ("CriterionBody", "rating", 1, 4),
            (
                "CoachingSettings",
                "reminder_notice_hours",
                1,
                i64::from(REMINDER_NOTICE_HOURS_MAX),
            ),
            ("CoachingSettings", "idle_days", 1, i64::from(IDLE_DAYS_MAX)),
            (
                "TrackBody",
                "validity_months",
                1,
                i64::from(MAX_VALIDITY_MONTHS),
            ),
            (
                "GrantBody",
                "validity_months",
                1,
                i64::from(MAX_VALIDITY_MONTHS),
            ),
            (
                "RenewBody",
                "validity_months",
                1,
                i64::from(MAX_VALIDITY_MONTHS),
            ),
            (
                "LevelBody",
                "level",
                1,
                i64::try_from(cinco_domain::competency::MAX_LEVELS).unwrap_or_default(),
            ),
        ];
        for (schema, property, min, max) in ranges {
            assert_eq!(
                rule(&doc, schema, property, "minimum"),
                json!(min),
                "{schema}.{property}"
            );
            assert_eq!(
                rule(&doc, schema, property, "maximum"),
                json!(max),
                "{schema}.{property}"
            );
        }
        let retention = |keyword| {
            rule(&doc, "LearningSettings", "desired_retention", keyword)
                .as_f64()
                .unwrap_or_default()
        };
        let scheduler = cinco_domain::review::Scheduler::MIN_RETENTION;
        assert!((retention("minimum") - f64::from(scheduler)).abs() < 1e-6);
        let scheduler = cinco_domain::review::Scheduler::MAX_RETENTION;
        assert!((retention("maximum") - f64::from(scheduler)).abs() < 1e-6);
    }

    /// The scenario file is described in the application crate, where the API's named
    /// schemas are out of reach: its copies of the rules are the same.
    #[test]
    fn the_scenario_file_states_the_same_rules() {
        use cinco_domain::lesson::Key;
        let doc = document();
        for (schema, property) in [("ScenarioFile", "key"), ("ActionFile", "decision")] {
            assert_eq!(
                rule(&doc, schema, property, "pattern"),
                json!(super::KEY_PATTERN)
            );
            assert_eq!(
                rule(&doc, schema, property, "minLength"),
                json!(Key::MIN_LENGTH)
            );
            assert_eq!(
                rule(&doc, schema, property, "maxLength"),
                json!(Key::MAX_LENGTH)
            );
        }
        let competency = &doc["components"]["schemas"]["ScenarioCompetency"];
        assert_eq!(competency["pattern"], json!(super::KEY_PATTERN));
        assert_eq!(competency["maxLength"], json!(Key::MAX_LENGTH));
        let key = &doc["components"]["schemas"]["Key"];
        assert_eq!(key["pattern"], json!(super::KEY_PATTERN));
        assert_eq!(
            rule(&doc, "ActionFile", "amount", "maximum"),
            json!(cinco_app::scenario::file::MAX_AMOUNT)
        );
        assert_eq!(
            rule(&doc, "ChoiceFile", "sentiment", "minimum"),
            json!(i8::MIN)
        );
        assert_eq!(
            rule(&doc, "ChoiceFile", "sentiment", "maximum"),
            json!(i8::MAX)
        );
        assert_eq!(
            rule(&doc, "ChoiceFile", "seconds", "maximum"),
            json!(u32::MAX)
        );
        for (schema, property) in [("AnswerBody", "card"), ("ChooseReply", "position")] {
            assert_eq!(rule(&doc, schema, property, "maximum"), json!(u32::MAX));
        }
    }

    #[test]
    fn a_name_pattern_bounds_the_trimmed_length() {
        assert_eq!(
            super::name_pattern(1, 100),
            r"^\s*[^\s\x00-\x1f\x7f-\x9f]([^\x00-\x1f\x7f-\x9f]{0,98}[^\s\x00-\x1f\x7f-\x9f])?\s*$"
        );
        assert_eq!(
            super::name_pattern(2, 200),
            r"^\s*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]{0,198}[^\s\x00-\x1f\x7f-\x9f]\s*$"
        );
    }

    #[test]
    fn every_time_zone_offered_is_one_the_server_takes() {
        for name in cinco_domain::user::TimeZone::names() {
            assert!(cinco_domain::user::TimeZone::parse(name).is_ok(), "{name}");
        }
    }
}
