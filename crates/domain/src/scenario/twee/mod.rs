//! Importing scenarios drafted in Twine, from a Twee 3 file. The conventions (which passage
//! holds the header, how a reply's effects are written under its link) are in
//! `docs/scenario-format.md`. Errors name the line; the graph rules are left to
//! [`super::validate`].

mod error;
mod fields;
mod passages;

pub use error::TweeError;
use error::err;
use fields::{describe, key, once, reply};
use passages::{Passage, link, passages, story_start};

use super::{Choice, Fact, Node, NodeKind, Persona, Scenario, Speaker};
use crate::Locale;

fn node(p: &Passage<'_>, start: bool) -> Result<Node, TweeError> {
    let mut text: Vec<&str> = Vec::new();
    let kind = if p.tagged("end") {
        let mut outcome = None;
        for &(n, line) in &p.body {
            if line.contains("[[") {
                return Err(err(n, "an `end` passage ends the call: it has no replies"));
            }
            match line.trim().strip_prefix("outcome:") {
                Some(_) if outcome.is_some() => return Err(err(n, "`outcome:` is given twice")),
                Some(o) => outcome = Some(o.trim().to_owned()),
                None => text.push(line),
            }
        }
        NodeKind::End {
            outcome: outcome.unwrap_or_default(),
        }
    } else {
        let mut choices: Vec<Choice> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for &(n, line) in &p.body {
            if let Some(at) = line.find("[[") {
                let before = &line[..at];
                if choices.is_empty() {
                    text.push(before);
                } else if !before.trim().is_empty() {
                    return Err(err(n, "after the first reply, a link starts its line"));
                }
                let mut rest = &line[at..];
                while let Some(after) = rest.trim_start().strip_prefix("[[") {
                    let close = after
                        .find("]]")
                        .ok_or_else(|| err(n, "the link is not closed with `]]`"))?;
                    let (said, target) = link(n, &after[..close])?;
                    choices.push(reply(choices.len() + 1, said, target));
                    seen.clear();
                    rest = &after[close + 2..];
                }
                if !rest.trim().is_empty() {
                    return Err(err(n, "write a reply's fields on the lines after its link"));
                }
            } else if let Some(choice) = choices.last_mut() {
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let (name, value) = trimmed.split_once(':').ok_or_else(|| {
                    err(n, "after a link, write the reply's fields as `name: value`")
                })?;
                let name = name.trim();
                if name != "evidence" {
                    once(&mut seen, n, name)?;
                }
                describe(choice, n, name, value)?;
            } else {
                text.push(line);
            }
        }
        NodeKind::Choices(choices)
    };
    Ok(Node {
        id: p.name.clone(),
        start,
        speaker: if p.tagged("narrator") {
            Speaker::Narrator
        } else {
            Speaker::Customer
        },
        text: text.join("\n").trim().to_owned(),
        kind,
    })
}

/// The passage tagged `scenario`, as a scenario with no nodes yet.
fn scenario_header(p: &Passage<'_>) -> Result<Scenario, TweeError> {
    let (mut key_, mut title, mut locale) = (None, None, None);
    let (mut brief, mut competencies) = (String::new(), Vec::new());
    let mut persona = Persona::default();
    let mut seen = Vec::new();
    for &(n, line) in &p.body {
        if line.trim().is_empty() {
            continue;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| err(n, "the header is `name: value` lines"))?;
        let (name, value) = (name.trim(), value.trim());
        if name != "fact" {
            once(&mut seen, n, name)?;
        }
        match name {
            "key" => key_ = Some(key(n, value)?),
            "title" if value.is_empty() => return Err(err(n, "the title is empty")),
            "title" => title = Some(value.to_owned()),
            "locale" => {
                locale = Some(value.parse::<Locale>().map_err(|e| err(n, e.to_string()))?);
            }
            "brief" => brief = value.to_owned(),
            "competencies" => {
                competencies = value
                    .split(',')
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| key(n, c))
                    .collect::<Result<_, _>>()?;
            }
            "persona" => persona.name = value.to_owned(),
            "mood" => persona.mood = value.to_owned(),
            "fact" => {
                let (label, fact) = value
                    .split_once('=')
                    .ok_or_else(|| err(n, "a fact is written `fact: Label = Value`"))?;
                persona.facts.push(Fact {
                    label: label.trim().to_owned(),
                    value: fact.trim().to_owned(),
                });
            }
            other => return Err(err(n, format!("`{other}:` is not a header field"))),
        }
    }
    let missing = |what: &str| err(p.line, format!("the [scenario] passage has no `{what}:`"));
    Ok(Scenario {
        key: key_.ok_or_else(|| missing("key"))?,
        title: title.ok_or_else(|| missing("title"))?,
        locale: locale.ok_or_else(|| missing("locale"))?,
        persona,
        brief,
        competencies,
        nodes: Vec::new(),
    })
}

/// Reads a Twee 3 file into a scenario. The start is the passage StoryData names when that
/// is a node, else the passage tagged `start`.
pub fn parse(source: &str) -> Result<Scenario, TweeError> {
    let all = passages(source)?;
    let mut headers = all.iter().filter(|p| p.tagged("scenario"));
    let header = headers.next().ok_or_else(|| {
        err(
            1,
            "no passage tagged [scenario] with the key, title and language",
        )
    })?;
    if let Some(second) = headers.next() {
        return Err(err(
            second.line,
            "a second passage tagged [scenario]; keep one",
        ));
    }
    let mut scenario = scenario_header(header)?;
    let start = all
        .iter()
        .find(|p| p.name == "StoryData")
        .and_then(|p| story_start(&p.body.iter().map(|l| l.1).collect::<Vec<_>>().join("\n")))
        .filter(|s| all.iter().any(|p| &p.name == s && !p.is_special()));
    scenario.nodes = all
        .iter()
        .filter(|p| !p.is_special())
        .map(|p| {
            let is_start = match &start {
                Some(name) => &p.name == name,
                None => p.tagged("start"),
            };
            node(p, is_start)
        })
        .collect::<Result<_, _>>()?;
    super::check_size(
        scenario.nodes.len(),
        scenario.nodes.iter().map(|n| n.choices().len()),
    )
    .map_err(|e| err(1, e.to_string()))?;
    Ok(scenario)
}

#[cfg(test)]
mod tests;
