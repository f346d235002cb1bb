//! The scenario file (docs/scenario-format.md, docs/scenario.schema.json) as JSON, and its
//! mapping to and from the domain. Amounts are written in currency units and kept in cents.
//! It is both how a scenario version is stored and what authors import, edit and export; the
//! `openapi` feature (which only the HTTP layer turns on) describes it in the API document.

use std::collections::BTreeMap;

use cinco_domain::Locale;
use cinco_domain::lesson::Key;
use cinco_domain::scenario::{
    Action, Choice, Evidence, Fact, Node, NodeKind, Persona, Resolution, Scenario, SizeError,
    Speaker, check_size,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// The scenario's key: lowercase letters, digits and dashes.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
            min_length = 2,
            max_length = 64
        )
    )]
    pub key: String,
    /// Not blank.
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S"))]
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = schema::Language))]
    pub locale: String,
    pub persona: PersonaFile,
    #[serde(default)]
    pub brief: String,
    /// Keys of the competencies it trains.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<schema::CompetencyKey>))]
    pub competencies: Vec<String>,
    /// At most 200.
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub nodes: Vec<NodeFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonaFile {
    pub name: String,
    #[serde(default)]
    pub mood: String,
    #[serde(default)]
    pub facts: Vec<FactFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    pub id: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub start: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = schema::Speaker))]
    pub speaker: String,
    pub text: String,
    /// Present on end nodes only: the outcome summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The replies, at most 4; a node has replies or an outcome, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_items = 4))]
    pub choices: Option<Vec<ChoiceFile>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChoiceFile {
    pub id: String,
    pub text: String,
    pub next: String,
    #[serde(default)]
    pub feedback: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::evidence))]
    pub evidence: BTreeMap<String, i64>,
    /// The handle time the reply costs.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Int64, maximum = 4294967295_u64))]
    pub seconds: u32,
    /// The reply's effect on the customer's mood: −2…+2 to publish.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = -128, maximum = 127))]
    pub sentiment: i64,
    #[serde(default = "none")]
    #[cfg_attr(feature = "openapi", schema(value_type = schema::Resolution))]
    pub resolution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ActionFile>,
}

fn none() -> String {
    "none".to_owned()
}

/// How the API document describes the file's values (only with the `openapi` feature).
#[cfg(feature = "openapi")]
pub mod schema {
    use cinco_domain::lesson::Key;
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};

    /// A scenario's language: `es`, `en` or `it`.
    #[derive(Debug, utoipa::ToSchema)]
    #[schema(as = ScenarioLanguage)]
    #[serde(rename_all = "snake_case")]
    pub enum Language {
        Es,
        En,
        It,
    }

    /// Who says a node's text.
    #[derive(Debug, utoipa::ToSchema)]
    #[schema(as = ScenarioSpeaker)]
    #[serde(rename_all = "snake_case")]
    pub enum Speaker {
        Customer,
        Narrator,
    }

    /// What a reply does to the call.
    #[derive(Debug, utoipa::ToSchema)]
    #[schema(as = ScenarioResolution)]
    #[serde(rename_all = "snake_case")]
    pub enum Resolution {
        Resolves,
        Escalates,
        Transfers,
        None,
    }

    /// A competency's key.
    #[derive(Debug, utoipa::ToSchema)]
    #[schema(
        as = ScenarioCompetency,
        value_type = String,
        pattern = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
        min_length = 2,
        max_length = 64
    )]
    #[allow(dead_code)] // Only described, never built: the file keeps keys as strings.
    pub struct CompetencyKey(String);

    /// Evidence a reply gives competencies: competency key → −2…+2 to publish.
    pub fn evidence() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "Evidence the reply gives competencies: competency key → −2…+2 (to publish).",
            ))
            .property_names(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"))
                    .min_length(Some(Key::MIN_LENGTH))
                    .max_length(Some(Key::MAX_LENGTH)),
            ))
            .additional_properties(Some(AdditionalProperties::RefOr(RefOr::T(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(i8::MIN))
                    .maximum(Some(i8::MAX))
                    .into(),
            ))))
            .into()
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use cinco_domain::scenario::{Resolution as Resolved, Speaker as Speaking};

        /// The document's names are the domain's.
        #[test]
        fn the_enums_name_what_the_file_takes() {
            let names = |schema: RefOr<Schema>| match schema {
                RefOr::T(Schema::Object(o)) => o
                    .enum_values
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            };
            use utoipa::PartialSchema;
            for name in names(Speaker::schema()) {
                assert!(Speaking::parse(&name).is_some(), "{name}");
            }
            for name in names(Resolution::schema()) {
                assert!(Resolved::parse(&name).is_some(), "{name}");
            }
            let locales: Vec<String> = cinco_domain::Locale::ALL
                .iter()
                .map(|l| l.code().to_owned())
                .collect();
            assert_eq!(names(Language::schema()), locales);
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionFile {
    /// A decision type of the authority limits, e.g. `fee-waiver`.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
            min_length = 2,
            max_length = 64
        )
    )]
    pub decision: String,
    /// In the organisation's currency, e.g. 35 or 12.50; left out for a permission (a
    /// decision type without an amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 9_999_999_999.99))]
    pub amount: Option<f64>,
    /// The node the call goes to when the amount is over the player's limit.
    pub escalation: String,
}

/// Where a file was refused, as a JSON-pointer-like path and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

fn err(path: impl Into<String>, message: impl Into<String>) -> FileError {
    FileError {
        path: path.into(),
        message: message.into(),
    }
}

fn key(path: &str, raw: &str) -> Result<Key, FileError> {
    Key::parse(raw).ok_or_else(|| {
        err(
            path,
            format!("`{raw}` is not a key (lowercase letters, digits and dashes)"),
        )
    })
}

/// The largest amount, in currency units.
pub const MAX_AMOUNT: f64 = 9_999_999_999.99;

/// Cents from an amount in currency units, refusing what is not a sane amount: from zero
/// to [`MAX_AMOUNT`].
pub fn cents(amount: f64) -> Option<i64> {
    (0.0..=MAX_AMOUNT)
        .contains(&amount)
        .then(|| (amount * 100.0).round() as i64)
}

/// Currency units from cents, for JSON.
pub fn amount(cents: i64) -> f64 {
    cents as f64 / 100.0
}

impl ScenarioFile {
    /// The domain scenario, or the first field that cannot be one. Graph rules (one start,
    /// reachability, …) are the validator's, so a draft can be saved while in progress.
    pub fn to_domain(&self) -> Result<Scenario, FileError> {
        // The format's limits first, so an oversized file costs nothing more.
        check_size(
            self.nodes.len(),
            self.nodes
                .iter()
                .map(|n| n.choices.as_ref().map_or(0, Vec::len)),
        )
        .map_err(|e| match e {
            SizeError::Nodes(_) => err("/nodes", e.to_string()),
            SizeError::Replies { index, .. } => {
                err(format!("/nodes/{index}/choices"), e.to_string())
            }
        })?;
        let locale: Locale = self
            .locale
            .parse()
            .map_err(|_| err("/locale", format!("`{}` is not es, en or it", self.locale)))?;
        if self.title.trim().is_empty() {
            return Err(err("/title", "the title is empty"));
        }
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .map(|(n, node)| node.to_domain(&format!("/nodes/{n}")))
            .collect::<Result<_, _>>()?;
        Ok(Scenario {
            key: key("/key", &self.key)?,
            title: self.title.trim().to_owned(),
            locale,
            persona: Persona {
                name: self.persona.name.trim().to_owned(),
                mood: self.persona.mood.trim().to_owned(),
                facts: self
                    .persona
                    .facts
                    .iter()
                    .map(|f| Fact {
                        label: f.label.clone(),
                        value: f.value.clone(),
                    })
                    .collect(),
            },
            brief: self.brief.clone(),
            competencies: self
                .competencies
                .iter()
                .enumerate()
                .map(|(i, c)| key(&format!("/competencies/{i}"), c))
                .collect::<Result<_, _>>()?,
            nodes,
        })
    }

    pub fn from_domain(s: &Scenario) -> Self {
        Self {
            key: s.key.as_str().to_owned(),
            title: s.title.clone(),
            locale: s.locale.code().to_owned(),
            persona: PersonaFile {
                name: s.persona.name.clone(),
                mood: s.persona.mood.clone(),
                facts: s
                    .persona
                    .facts
                    .iter()
                    .map(|f| FactFile {
                        label: f.label.clone(),
                        value: f.value.clone(),
                    })
                    .collect(),
            },
            brief: s.brief.clone(),
            competencies: s
                .competencies
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            nodes: s.nodes.iter().map(NodeFile::from_domain).collect(),
        }
    }
}

impl NodeFile {
    fn to_domain(&self, at: &str) -> Result<Node, FileError> {
        let speaker = Speaker::parse(&self.speaker).ok_or_else(|| {
            err(
                format!("{at}/speaker"),
                "the speaker is `customer` or `narrator`",
            )
        })?;
        let kind = match (&self.outcome, &self.choices) {
            (Some(outcome), None) => NodeKind::End {
                outcome: outcome.clone(),
            },
            (None, Some(choices)) => NodeKind::Choices(
                choices
                    .iter()
                    .enumerate()
                    .map(|(c, choice)| choice.to_domain(&format!("{at}/choices/{c}")))
                    .collect::<Result<_, _>>()?,
            ),
            (None, None) => NodeKind::Choices(Vec::new()),
            (Some(_), Some(_)) => {
                return Err(err(
                    at,
                    format!(
                        "`{}` has both replies and an outcome: an end has no replies",
                        self.id
                    ),
                ));
            }
        };
        Ok(Node {
            id: self.id.trim().to_owned(),
            start: self.start,
            speaker,
            text: self.text.clone(),
            kind,
        })
    }

    fn from_domain(n: &Node) -> Self {
        let (outcome, choices) = match &n.kind {
            NodeKind::End { outcome } => (Some(outcome.clone()), None),
            NodeKind::Choices(c) => (None, Some(c.iter().map(ChoiceFile::from_domain).collect())),
        };
        Self {
            id: n.id.clone(),
            start: n.start,
            speaker: n.speaker.as_str().to_owned(),
            text: n.text.clone(),
            outcome,
            choices,
        }
    }
}

impl ChoiceFile {
    fn to_domain(&self, at: &str) -> Result<Choice, FileError> {
        let small = |path: String, v: i64| {
            i8::try_from(v).map_err(|_| err(path, format!("{v} is out of range: use −2 to +2")))
        };
        Ok(Choice {
            id: self.id.trim().to_owned(),
            text: self.text.clone(),
            next: self.next.trim().to_owned(),
            feedback: self.feedback.clone(),
            evidence: self
                .evidence
                .iter()
                .map(|(k, v)| {
                    Ok(Evidence {
                        competency: key(&format!("{at}/evidence/{k}"), k)?,
                        value: small(format!("{at}/evidence/{k}"), *v)?,
                    })
                })
                .collect::<Result<_, FileError>>()?,
            seconds: self.seconds,
            sentiment: small(format!("{at}/sentiment"), self.sentiment)?,
            resolution: Resolution::parse(&self.resolution).ok_or_else(|| {
                err(
                    format!("{at}/resolution"),
                    "the resolution is resolves, escalates, transfers or none",
                )
            })?,
            action: self
                .action
                .as_ref()
                .map(|a| {
                    Ok(Action {
                        decision: key(&format!("{at}/action/decision"), &a.decision)?,
                        amount_cents: match a.amount {
                            None => 0,
                            Some(value) => cents(value).ok_or_else(|| {
                                err(
                                    format!("{at}/action/amount"),
                                    "the amount is not a valid amount",
                                )
                            })?,
                        },
                        escalation: a.escalation.trim().to_owned(),
                    })
                })
                .transpose()?,
        })
    }

    fn from_domain(c: &Choice) -> Self {
        Self {
            id: c.id.clone(),
            text: c.text.clone(),
            next: c.next.clone(),
            feedback: c.feedback.clone(),
            evidence: c
                .evidence
                .iter()
                .map(|e| (e.competency.as_str().to_owned(), i64::from(e.value)))
                .collect(),
            seconds: c.seconds,
            sentiment: i64::from(c.sentiment),
            resolution: c.resolution.as_str().to_owned(),
            action: c.action.as_ref().map(|a| ActionFile {
                decision: a.decision.as_str().to_owned(),
                amount: (a.amount_cents != 0).then(|| amount(a.amount_cents)),
                escalation: a.escalation.clone(),
            }),
        }
    }
}

/// A stored scenario version's graph, read from its file.
pub fn read(source: &str) -> Result<Scenario, String> {
    let file: ScenarioFile = serde_json::from_str(source).map_err(|e| e.to_string())?;
    file.to_domain().map_err(|e| e.message)
}

/// A scenario as its stored file.
pub fn write(s: &Scenario) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&ScenarioFile::from_domain(s))
}

#[cfg(test)]
mod tests {
    use super::{MAX_AMOUNT, cents};

    #[test]
    fn an_amount_is_from_zero_to_the_largest_and_kept_in_cents() {
        assert_eq!(cents(12.5), Some(1250));
        assert_eq!(cents(0.0), Some(0));
        assert_eq!(cents(MAX_AMOUNT), Some(999_999_999_999));
        assert_eq!(
            cents(-0.001),
            None,
            "a negative amount is refused, however small"
        );
        assert_eq!(cents(MAX_AMOUNT + 0.001), None);
        assert_eq!(cents(f64::NAN), None);
        assert_eq!(cents(f64::INFINITY), None);
    }
}
