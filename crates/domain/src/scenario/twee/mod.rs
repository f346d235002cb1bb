//! Importing scenarios drafted in Twine, from a Twee 3 file. The conventions (which passage
//! holds the header, how a reply's effects are written under its link) are in
//! `docs/scenario-format.md`. Errors name the line; the graph rules are left to
//! [`super::validate`].

use std::iter::Peekable;
use std::num::IntErrorKind;
use std::str::Chars;

use super::{
    Action, Choice, Evidence, Fact, Node, NodeKind, Persona, Resolution, Scenario, Speaker,
};
use crate::Locale;
use crate::lesson::Key;

/// A problem in a Twee file, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TweeError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> TweeError {
    TweeError {
        line,
        message: message.into(),
    }
}

struct Passage<'a> {
    name: String,
    tags: Vec<String>,
    /// The line of its `::` header.
    line: usize,
    /// Body lines with their line numbers.
    body: Vec<(usize, &'a str)>,
}

impl Passage<'_> {
    fn tagged(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// Not a node: the story's own passages, the scenario header, code and styles.
    fn is_special(&self) -> bool {
        matches!(self.name.as_str(), "StoryTitle" | "StoryData")
            || ["scenario", "script", "stylesheet"]
                .iter()
                .any(|t| self.tagged(t))
    }
}

/// `:: Name [tags] {metadata}`, with Twee's `\[ \] \{ \} \\` escapes in names and tags.
fn header(line: usize, raw: &str) -> Result<(String, Vec<String>), TweeError> {
    let mut name = String::new();
    let mut tags = None;
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => name.push(chars.next().unwrap_or('\\')),
            '[' if tags.is_none() => {
                let mut inside = String::new();
                loop {
                    match chars.next() {
                        Some(']') => break,
                        Some('\\') => inside.push(chars.next().unwrap_or('\\')),
                        Some(c) => inside.push(c),
                        None => return Err(err(line, "the tags are not closed with `]`")),
                    }
                }
                tags = Some(inside.split_whitespace().map(str::to_owned).collect());
            }
            '{' => break, // metadata (position, size): not needed
            c if tags.is_some() && !c.is_whitespace() => {
                return Err(err(
                    line,
                    "write `:: Name [tags] {metadata}`, in that order",
                ));
            }
            c => name.push(c),
        }
    }
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(err(line, "a passage needs a name after `::`"));
    }
    Ok((name, tags.unwrap_or_default()))
}

fn passages(source: &str) -> Result<Vec<Passage<'_>>, TweeError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut out: Vec<Passage<'_>> = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let n = i + 1;
        if let Some(rest) = line.strip_prefix("::") {
            let (name, tags) = header(n, rest)?;
            out.push(Passage {
                name,
                tags,
                line: n,
                body: Vec::new(),
            });
        } else if let Some(p) = out.last_mut() {
            // A body line starting with `::` is escaped as `\::`.
            let line = if line.starts_with("\\::") {
                &line[1..]
            } else {
                line
            };
            p.body.push((n, line));
        } else if !line.trim().is_empty() {
            return Err(err(n, "text before the first passage (`:: Name`)"));
        }
    }
    Ok(out)
}

/// The rest of a JSON string whose opening quote was read.
fn json_string(chars: &mut Peekable<Chars<'_>>) -> Option<String> {
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                    out.push(c.unwrap_or('\u{fffd}'));
                }
                other => out.push(other), // \" \\ \/
            },
            c => out.push(c),
        }
    }
}

/// The top-level `"start"` string of StoryData's JSON, found without a JSON parser (a
/// `"start"` tag colour nested in `"tag-colors"` is not it).
fn story_start(json: &str) -> Option<String> {
    let mut chars = json.chars().peekable();
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            '"' => {
                let s = json_string(&mut chars)?;
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                if depth == 1 && s == "start" && chars.next_if_eq(&':').is_some() {
                    while chars.next_if(|c| c.is_whitespace()).is_some() {}
                    return chars.next_if_eq(&'"').and_then(|_| json_string(&mut chars));
                }
            }
            _ => {}
        }
    }
    None
}

/// The inside of a link: `Text->Target`, `Target<-Text`, `Text|Target` or `Target` (as in
/// Twine, the rightmost `->` and the leftmost `<-` divide). A SugarCube setter (`][…`) is
/// ignored. Returns (text, target).
fn link(line: usize, inner: &str) -> Result<(String, String), TweeError> {
    let inner = inner.split_once("][").map_or(inner, |(l, _)| l);
    let (text, target) = if let Some((t, p)) = inner.rsplit_once("->") {
        (t, p)
    } else if let Some((p, t)) = inner.split_once("<-") {
        (t, p)
    } else if let Some((t, p)) = inner.rsplit_once('|') {
        (t, p)
    } else {
        (inner, inner)
    };
    if target.trim().is_empty() {
        return Err(err(line, "the link names no passage"));
    }
    Ok((text.trim().to_owned(), target.trim().to_owned()))
}

fn key(line: usize, raw: &str) -> Result<Key, TweeError> {
    let raw = raw.trim();
    Key::parse(raw).ok_or_else(|| {
        err(
            line,
            format!("`{raw}` is not a key (2 to 64 lowercase letters, digits and dashes)"),
        )
    })
}

/// A whole number (`40`, `+1`, `-2`) that fits `T`.
fn integer<T: std::str::FromStr<Err = std::num::ParseIntError>>(
    line: usize,
    what: &str,
    raw: &str,
) -> Result<T, TweeError> {
    let raw = raw.trim();
    raw.parse().map_err(|e: std::num::ParseIntError| {
        let problem = match e.kind() {
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "is out of range",
            _ => "is not a whole number",
        };
        err(line, format!("{what} `{raw}` {problem}"))
    })
}

/// An amount in currency units to cents, exactly (no floating point), rounding half a
/// cent up: `12.5` → 1250, `0.125` → 13. The sign is kept; the validator wants it positive.
fn cents(line: usize, raw: &str) -> Result<i64, TweeError> {
    let raw = raw.trim();
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw.strip_prefix('+').unwrap_or(raw)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return Err(err(
            line,
            format!("the amount `{raw}` is not a number like 35 or 12.50"),
        ));
    }
    let too_large = || err(line, format!("the amount `{raw}` is too large"));
    let round_up = fraction.chars().nth(2).is_some_and(|d| d >= '5');
    let mut cents: i64 = 0;
    for d in whole
        .chars()
        .chain(fraction.chars().chain(std::iter::repeat('0')).take(2))
    {
        cents = cents
            .checked_mul(10)
            .and_then(|c| c.checked_add(i64::from(d.to_digit(10).unwrap_or(0))))
            .ok_or_else(too_large)?;
    }
    let cents = cents
        .checked_add(i64::from(round_up))
        .ok_or_else(too_large)?;
    Ok(if negative { -cents } else { cents })
}

/// One `name: value` line under a reply's link.
fn describe(choice: &mut Choice, line: usize, name: &str, value: &str) -> Result<(), TweeError> {
    let value = value.trim();
    match name {
        "feedback" => choice.feedback = value.to_owned(),
        "seconds" => choice.seconds = integer(line, "seconds", value)?,
        "sentiment" => choice.sentiment = integer(line, "the sentiment", value)?,
        "resolution" => {
            choice.resolution = Resolution::parse(value).ok_or_else(|| {
                err(
                    line,
                    "the resolution is resolves, escalates, transfers or none",
                )
            })?;
        }
        "evidence" => {
            for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (competency, amount) =
                    part.rsplit_once(char::is_whitespace).ok_or_else(|| {
                        err(
                            line,
                            format!("evidence is written `empathy +2`, not `{part}`"),
                        )
                    })?;
                choice.evidence.push(Evidence {
                    competency: key(line, competency)?,
                    value: integer(line, "the evidence", amount)?,
                });
            }
        }
        "action" => {
            let malformed = || err(line, "an action is written `fee-waiver 35 -> Passage`");
            let (grant, escalation) = value.split_once("->").ok_or_else(malformed)?;
            let (decision, amount) = grant
                .trim()
                .rsplit_once(char::is_whitespace)
                .ok_or_else(malformed)?;
            if escalation.trim().is_empty() {
                return Err(malformed());
            }
            choice.action = Some(Action {
                decision: key(line, decision)?,
                amount_cents: cents(line, amount)?,
                escalation: escalation.trim().to_owned(),
            });
        }
        other => {
            return Err(err(
                line,
                format!(
                    "`{other}:` is not a reply field (feedback, evidence, seconds, sentiment, resolution, action)"
                ),
            ));
        }
    }
    Ok(())
}

fn reply(index: usize, text: String, next: String) -> Choice {
    Choice {
        id: format!("c{index}"),
        text,
        next,
        feedback: String::new(),
        evidence: Vec::new(),
        seconds: 0,
        sentiment: 0,
        resolution: Resolution::None,
        action: None,
    }
}

/// Refuses a field given twice (in the header, or under one reply).
fn once<'a>(seen: &mut Vec<&'a str>, line: usize, name: &'a str) -> Result<(), TweeError> {
    if seen.contains(&name) {
        return Err(err(line, format!("`{name}:` is given twice")));
    }
    seen.push(name);
    Ok(())
}

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
    Ok(scenario)
}

#[cfg(test)]
mod tests;
