//! Authoring scenarios: the stored file, what stops a version from being published, saving
//! drafts, publishing and archiving.

pub mod file;
pub mod from_story;
pub mod publish;
pub mod save_draft;
pub mod translate;

use std::collections::{HashMap, HashSet};

use cinco_domain::OrganisationId;
use cinco_domain::authority;
use cinco_domain::lesson::Key;
use cinco_domain::scenario::{self, Scenario};
use cinco_persistence::scenario::ScenarioVersion;
use cinco_persistence::{Executor, competency};

use crate::AppError;

/// A stored version's graph. A file that does not read is a corrupt row, not the caller's
/// mistake.
pub fn parse(v: &ScenarioVersion) -> Result<Scenario, AppError> {
    file::read(&v.source)
        .map_err(|e| AppError::internal(anyhow::anyhow!("stored scenario {}: {e}", v.id)))
}

/// One problem of a scenario, where it is: the editor shows it on the node and reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// e.g. `no_start`, `unreachable`, `dangling_choice`, `cycle`, `too_long`,
    /// `unknown_competency`, `unknown_decision`.
    pub code: &'static str,
    pub node: Option<String>,
    pub choice: Option<String>,
    /// The field at fault (`text`, `feedback`, …; see `IssueCode::field`), if one is.
    pub field: Option<&'static str>,
    pub message: String,
}

/// What the organisation's framework and limits know, to check references against.
#[derive(Debug, Default)]
pub struct Known {
    competencies: HashSet<String>,
    decisions: HashMap<String, authority::Decision>,
}

impl Known {
    pub async fn load(ex: &impl Executor, org: OrganisationId) -> Result<Self, AppError> {
        Ok(Self {
            competencies: competency::list(ex, org, true)
                .await?
                .into_iter()
                .map(|c| c.key.as_str().to_owned())
                .collect(),
            decisions: cinco_persistence::authority::list(ex, org)
                .await?
                .into_iter()
                .map(|d| (d.key.as_str().to_owned(), d))
                .collect(),
        })
    }
}

impl Known {
    pub fn has_competency(&self, key: &Key) -> bool {
        self.competencies.contains(key.as_str())
    }
}

/// The validator's issues, plus references the organisation does not know.
pub fn check(s: &Scenario, known: &Known) -> Vec<Issue> {
    let mut issues: Vec<Issue> = scenario::validate(s)
        .into_iter()
        .map(|i| Issue {
            code: i.code.as_str(),
            field: i.code.field(),
            node: i.node,
            choice: i.choice,
            message: i.message,
        })
        .collect();
    let unknown = |key: &Key| !known.competencies.contains(key.as_str());
    for k in s.competencies.iter().filter(|k| unknown(k)) {
        issues.push(Issue {
            code: "unknown_competency",
            node: None,
            choice: None,
            field: None,
            message: format!("no competency `{}` in the framework", k.as_str()),
        });
    }
    for node in &s.nodes {
        for c in node.choices() {
            let at = |code: &'static str, field: &'static str, message: String| Issue {
                code,
                node: Some(node.id.clone()),
                choice: Some(c.id.clone()),
                field: Some(field),
                message,
            };
            for e in c.evidence.iter().filter(|e| unknown(&e.competency)) {
                issues.push(at(
                    "unknown_competency",
                    "evidence",
                    format!(
                        "reply `{}` of `{}` gives evidence to `{}`, which is not in the framework",
                        c.id,
                        node.id,
                        e.competency.as_str()
                    ),
                ));
            }
            let Some(a) = c.action.as_ref() else { continue };
            match known.decisions.get(a.decision.as_str()) {
                None => issues.push(at(
                    "unknown_decision",
                    "decision",
                    format!(
                        "reply `{}` of `{}` grants a `{}`, which is not among the authority limits",
                        c.id,
                        node.id,
                        a.decision.as_str()
                    ),
                )),
                Some(d) => {
                    if let Err(e) = d.check_amount(Some(a.amount_cents)) {
                        issues.push(at(
                            "invalid_amount",
                            "amount",
                            format!("reply `{}` of `{}`: {e}", c.id, node.id),
                        ));
                    }
                }
            }
        }
    }
    issues
}
