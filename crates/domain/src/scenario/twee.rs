//! Importing scenarios drafted in Twine, from a Twee 3 file. The conventions (which passage
//! holds the header, how a reply's effects are written under its link) are in
//! `docs/scenario-format.md`. Errors name the line.

use super::{
    Action, Choice, Evidence, Fact, Node, NodeKind, Persona, Resolution, Scenario, Speaker,
};
use crate::Locale;
use crate::lesson::Key;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TweeError {
    pub line: usize,
    pub message: String,
}

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, TweeError> {
    Err(TweeError {
        line,
        message: message.into(),
    })
}

struct Passage<'a> {
    name: String,
    tags: Vec<String>,
    line: usize,
    /// Body lines with their line numbers.
    body: Vec<(usize, &'a str)>,
}

/// `:: Name [tags] {metadata}`, with Twee's `\[ \] \{ \}` escapes in the name.
fn header(line: usize, raw: &str) -> Result<(String, Vec<String>), TweeError> {
    let mut name = String::new();
    let mut tags = Vec::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    name.push(next);
                }
            }
            '[' => {
                let mut inside = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inside.push(c);
                }
                tags = inside.split_whitespace().map(str::to_owned).collect();
            }
            '{' => break, // metadata (position, size): not needed
            other => name.push(other),
        }
    }
    let name = name.trim().to_owned();
    if name.is_empty() {
        return fail(line, "a passage needs a name after `::`");
    }
    Ok((name, tags))
}

fn passages(source: &str) -> Result<Vec<Passage<'_>>, TweeError> {
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
            p.body.push((n, line));
        } else if !line.trim().is_empty() {
            return fail(n, "text before the first passage (`:: Name`)");
        }
    }
    Ok(out)
}

/// The `"start"` value of StoryData's JSON, found without a JSON parser.
fn story_start(p: &Passage<'_>) -> Option<String> {
    let text: String = p
        .body
        .iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n");
    let at = text.find("\"start\"")?;
    let rest = text[at + 7..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_owned())
}

/// A link: `[[Text->Target]]`, `[[Target<-Text]]`, `[[Text|Target]]` or `[[Target]]`.
fn link(line: usize, raw: &str) -> Result<(String, String), TweeError> {
    let inner = raw
        .trim()
        .strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .ok_or_else(|| TweeError {
            line,
            message: "a reply link is written [[What the agent says->Passage]]".to_owned(),
        })?;
    let (text, target) = if let Some((t, p)) = inner.split_once("->") {
        (t, p)
    } else if let Some((p, t)) = inner.split_once("<-") {
        (t, p)
    } else if let Some((t, p)) = inner.split_once('|') {
        (t, p)
    } else {
        (inner, inner)
    };
    if target.trim().is_empty() {
        return fail(line, "the link names no passage");
    }
    Ok((text.trim().to_owned(), target.trim().to_owned()))
}

fn key(line: usize, raw: &str) -> Result<Key, TweeError> {
    Key::parse(raw.trim()).ok_or_else(|| TweeError {
        line,
        message: format!(
            "`{}` is not a key (lowercase letters, digits and dashes)",
            raw.trim()
        ),
    })
}

fn number<T: std::str::FromStr>(line: usize, what: &str, raw: &str) -> Result<T, TweeError> {
    raw.trim()
        .trim_start_matches('+')
        .parse()
        .map_err(|_| TweeError {
            line,
            message: format!("{what} `{}` is not a whole number in range", raw.trim()),
        })
}

/// `12.5` → 1250 cents.
fn cents(line: usize, raw: &str) -> Result<i64, TweeError> {
    let (whole, fraction) = raw.trim().split_once('.').unwrap_or((raw.trim(), ""));
    let ok = !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.len() <= 2
        && fraction.chars().all(|c| c.is_ascii_digit());
    if !ok {
        return fail(
            line,
            format!(
                "the amount `{}` is not a number like 35 or 12.50",
                raw.trim()
            ),
        );
    }
    let whole: i64 = number(line, "the amount", whole)?;
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<2}").parse().unwrap_or(0)
    };
    whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(fraction))
        .ok_or_else(|| TweeError {
            line,
            message: "the amount is too large".to_owned(),
        })
}

fn describe(choice: &mut Choice, line: usize, name: &str, value: &str) -> Result<(), TweeError> {
    match name {
        "feedback" => choice.feedback = value.trim().to_owned(),
        "seconds" => choice.seconds = number(line, "seconds", value)?,
        "sentiment" => choice.sentiment = number(line, "the sentiment", value)?,
        "resolution" => {
            choice.resolution = Resolution::parse(value.trim()).ok_or_else(|| TweeError {
                line,
                message: "the resolution is resolves, escalates, transfers or none".to_owned(),
            })?;
        }
        "evidence" => {
            for part in value.split(',').filter(|p| !p.trim().is_empty()) {
                let (competency, amount) =
                    part.trim().rsplit_once(' ').ok_or_else(|| TweeError {
                        line,
                        message: format!(
                            "evidence is written `competency +2`, not `{}`",
                            part.trim()
                        ),
                    })?;
                choice.evidence.push(Evidence {
                    competency: key(line, competency)?,
                    value: number(line, "the evidence", amount)?,
                });
            }
        }
        "action" => {
            let (grant, escalation) = value.split_once("->").ok_or_else(|| TweeError {
                line,
                message: "an action is written `fee-waiver 35 -> Passage`".to_owned(),
            })?;
            let (decision, amount) = grant.trim().rsplit_once(' ').ok_or_else(|| TweeError {
                line,
                message: "an action is written `fee-waiver 35 -> Passage`".to_owned(),
            })?;
            choice.action = Some(Action {
                decision: key(line, decision)?,
                amount_cents: cents(line, amount)?,
                escalation: escalation.trim().to_owned(),
            });
        }
        other => {
            return fail(
                line,
                format!(
                    "`{other}:` is not a reply field (feedback, evidence, seconds, sentiment, resolution, action)"
                ),
            );
        }
    }
    Ok(())
}

fn node(p: &Passage<'_>, start: bool) -> Result<Node, TweeError> {
    let speaker = if p.tags.iter().any(|t| t == "narrator") {
        Speaker::Narrator
    } else {
        Speaker::Customer
    };
    let mut text: Vec<&str> = Vec::new();
    if p.tags.iter().any(|t| t == "end") {
        let mut outcome = String::new();
        for (_, line) in &p.body {
            match line.trim().strip_prefix("outcome:") {
                Some(o) => outcome = o.trim().to_owned(),
                None => text.push(line),
            }
        }
        return Ok(Node {
            id: p.name.clone(),
            start,
            speaker,
            text: text.join("\n").trim().to_owned(),
            kind: NodeKind::End { outcome },
        });
    }
    let mut choices: Vec<Choice> = Vec::new();
    for (n, line) in &p.body {
        let trimmed = line.trim();
        if trimmed.starts_with("[[") {
            let (reply, target) = link(*n, trimmed)?;
            choices.push(Choice {
                id: format!("c{}", choices.len() + 1),
                text: reply,
                next: target,
                feedback: String::new(),
                evidence: Vec::new(),
                seconds: 0,
                sentiment: 0,
                resolution: Resolution::None,
                action: None,
            });
        } else if let Some(choice) = choices.last_mut() {
            if trimmed.is_empty() {
                continue;
            }
            let (name, value) = trimmed.split_once(':').ok_or_else(|| TweeError {
                line: *n,
                message: "after a link, write the reply's fields as `name: value`".to_owned(),
            })?;
            describe(choice, *n, name.trim(), value)?;
        } else {
            text.push(line);
        }
    }
    Ok(Node {
        id: p.name.clone(),
        start,
        speaker,
        text: text.join("\n").trim().to_owned(),
        kind: NodeKind::Choices(choices),
    })
}

/// Reads a Twee 3 file into a scenario (the graph rules are [`super::validate`]'s).
pub fn parse(source: &str) -> Result<Scenario, TweeError> {
    let all = passages(source)?;
    let start = all
        .iter()
        .find(|p| p.name == "StoryData")
        .and_then(story_start);
    let header = all
        .iter()
        .find(|p| p.tags.iter().any(|t| t == "scenario"))
        .ok_or_else(|| TweeError {
            line: 1,
            message: "no passage tagged [scenario] with the key, title and language".to_owned(),
        })?;
    let (mut key_, mut title, mut locale) = (None, None, None);
    let mut persona = Persona::default();
    let (mut brief, mut competencies) = (String::new(), Vec::new());
    for (n, line) in &header.body {
        if line.trim().is_empty() {
            continue;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| TweeError {
            line: *n,
            message: "the header is `name: value` lines".to_owned(),
        })?;
        let value = value.trim();
        match name.trim() {
            "key" => key_ = Some(key(*n, value)?),
            "title" => title = Some(value.to_owned()),
            "locale" => {
                locale = Some(value.parse::<Locale>().map_err(|_| TweeError {
                    line: *n,
                    message: format!("`{value}` is not es, en or it"),
                })?);
            }
            "brief" => brief = value.to_owned(),
            "competencies" => {
                competencies = value
                    .split(',')
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| key(*n, c))
                    .collect::<Result<_, _>>()?;
            }
            "persona" => persona.name = value.to_owned(),
            "mood" => persona.mood = value.to_owned(),
            "fact" => {
                let (label, fact) = value.split_once('=').ok_or_else(|| TweeError {
                    line: *n,
                    message: "a fact is written `fact: Label = Value`".to_owned(),
                })?;
                persona.facts.push(Fact {
                    label: label.trim().to_owned(),
                    value: fact.trim().to_owned(),
                });
            }
            other => return fail(*n, format!("`{other}:` is not a header field")),
        }
    }
    let missing = |what: &str| TweeError {
        line: header.line,
        message: format!("the [scenario] passage has no `{what}:`"),
    };
    let skip = |p: &Passage<'_>| {
        p.name == "StoryTitle"
            || p.name == "StoryData"
            || p.tags
                .iter()
                .any(|t| matches!(t.as_str(), "scenario" | "script" | "stylesheet"))
    };
    let nodes = all
        .iter()
        .filter(|p| !skip(p))
        .map(|p| {
            let is_start = match &start {
                Some(name) => &p.name == name,
                None => p.tags.iter().any(|t| t == "start"),
            };
            node(p, is_start)
        })
        .collect::<Result<_, _>>()?;
    Ok(Scenario {
        key: key_.ok_or_else(|| missing("key"))?,
        title: title.ok_or_else(|| missing("title"))?,
        locale: locale.ok_or_else(|| missing("locale"))?,
        persona,
        brief,
        competencies,
        nodes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = ":: StoryTitle\nLate fee\n\n:: StoryData\n{\n  \"ifid\": \"D674C58C\",\n  \"start\": \"Start\"\n}\n\n\
:: Header [scenario]\nkey: late-fee\ntitle: A late fee\nlocale: en\nbrief: A customer calls.\ncompetencies: empathy, ownership\npersona: Marta\nmood: annoyed\nfact: Customer since = 2017\n\n\
:: Start {\"position\":\"100,100\"}\nWhy is there a $35 fee?\n[[I'll remove it now.->Thanks]]\nfeedback: Solved on the call.\nevidence: empathy +2, ownership +1\nseconds: 40\nsentiment: +2\nresolution: resolves\naction: fee-waiver 35 -> Approval\n\
[[Angry<-That's our policy.]]\nfeedback: Policy loses the customer.\nsentiment: -2\n\n\
:: Approval [narrator]\nThe agent asks a supervisor.\n[[Wait for it|Thanks]]\nfeedback: Slower.\nseconds: 90\nresolution: resolves\n[[Angry]]\nfeedback: Gave up.\n\n\
:: Thanks [end]\nThank you!\noutcome: Fee waived.\n\n:: Angry [end]\nI'm leaving.\noutcome: Customer lost.\n";

    fn parsed(source: &str) -> Scenario {
        parse(source).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_twine_file_becomes_a_valid_scenario() {
        let s = parsed(FILE);
        assert_eq!(
            (s.key.as_str(), s.title.as_str(), s.locale),
            ("late-fee", "A late fee", Locale::En)
        );
        assert_eq!(s.persona.facts[0].value, "2017");
        assert_eq!(s.competencies.len(), 2);
        assert_eq!(super::super::validate(&s), vec![]);
        let start = s.start().unwrap_or_else(|| panic!("no start"));
        assert_eq!(start.text, "Why is there a $35 fee?");
        let waive = &start.choices()[0];
        assert_eq!(
            (
                waive.id.as_str(),
                waive.next.as_str(),
                waive.seconds,
                waive.sentiment
            ),
            ("c1", "Thanks", 40, 2)
        );
        assert_eq!(waive.resolution, Resolution::Resolves);
        assert_eq!(waive.evidence.len(), 2);
        assert_eq!(
            waive
                .action
                .as_ref()
                .map(|a| (a.amount_cents, a.escalation.as_str())),
            Some((3500, "Approval"))
        );
        let policy = &start.choices()[1];
        assert_eq!(
            (policy.text.as_str(), policy.next.as_str()),
            ("That's our policy.", "Angry")
        );
        let approval = s.node("Approval").unwrap_or_else(|| panic!("no Approval"));
        assert_eq!(approval.speaker, Speaker::Narrator);
        assert_eq!(approval.choices()[0].next, "Thanks");
        assert_eq!(approval.choices()[1].text, "Angry");
        assert!(
            matches!(&s.node("Thanks").map(|n| &n.kind), Some(NodeKind::End { outcome }) if outcome == "Fee waived.")
        );
    }

    #[test]
    fn without_story_data_the_start_tag_starts() {
        let s = parsed(
            &FILE
                .replace("  \"start\": \"Start\"\n", "")
                .replace(":: Start {", ":: Start [start] {"),
        );
        assert_eq!(s.start().map(|n| n.id.as_str()), Some("Start"));
    }

    #[test]
    fn amounts_become_cents() {
        assert_eq!(cents(1, "12.5"), Ok(1250));
        assert_eq!(cents(1, "0.05"), Ok(5));
        assert!(cents(1, "-3").is_err());
        assert!(cents(1, "1.234").is_err());
    }

    #[test]
    fn errors_name_the_line() {
        let line = |source: String| parse(&source).err().map(|e| e.line);
        assert_eq!(line(FILE.replace("key: late-fee\n", "")), Some(10));
        assert_eq!(
            line(FILE.replace("evidence: empathy +2", "evidence: empathy lots")),
            Some(24)
        );
        assert_eq!(line(FILE.replace("seconds: 40", "speed: 40")), Some(25));
        assert_eq!(
            line(FILE.replace("action: fee-waiver 35 -> Approval", "action: fee-waiver")),
            Some(28)
        );
        assert_eq!(line(FILE.replace(":: Thanks [end]", ":: [end]")), Some(42));
    }
}
