//! Lessons as Markdown files with front matter (`docs/lesson-format.md`): parsing with errors
//! that name the line, and rendering back. `render(parse(s))` is `s` for any file in the
//! canonical layout, and `parse(render(l)) == l` for every lesson.

use super::{Block, Card, Choice, DialogueLine, Item, Key, LessonContent, Speaker};
use crate::locale::Locale;

/// A problem in a lesson file, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

/// Parses a lesson file.
pub fn parse(source: &str) -> Result<LessonContent, ParseError> {
    let lines: Vec<&str> = source.lines().collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return err(1, "a lesson file starts with `---` and its front matter");
    }
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map(|p| p + 1)
        .ok_or(ParseError {
            line: 1,
            message: "the front matter is not closed with `---`".into(),
        })?;

    let (mut key, mut title, mut locale, mut competencies, mut summary) =
        (None, None, None, Vec::new(), None);
    for (i, raw) in lines.iter().enumerate().take(end).skip(1) {
        let n = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let Some((name, value)) = raw.split_once(':') else {
            return err(n, "expected `name: value`");
        };
        let value = value.trim();
        match name.trim() {
            "key" => {
                key = Some(Key::parse(value).ok_or(ParseError {
                    line: n,
                    message: "the key has 2 to 64 lowercase letters, digits and dashes".into(),
                })?)
            }
            "title" if !value.is_empty() => title = Some(value.to_owned()),
            "locale" => {
                locale = Some(value.parse::<Locale>().map_err(|e| ParseError {
                    line: n,
                    message: e.to_string(),
                })?)
            }
            "summary" => summary = Some(value.to_owned()).filter(|s| !s.is_empty()),
            "competencies" => {
                let inner = value
                    .strip_prefix('[')
                    .and_then(|v| v.strip_suffix(']'))
                    .ok_or(ParseError {
                        line: n,
                        message: "competencies are a list: `[first-key, second-key]`".into(),
                    })?;
                for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    competencies.push(Key::parse(part).ok_or(ParseError {
                        line: n,
                        message: format!("`{part}` is not a competency key"),
                    })?);
                }
            }
            other => return err(n, format!("unknown front matter field `{other}`")),
        }
    }
    let key = key.ok_or(ParseError {
        line: 1,
        message: "the front matter needs `key`".into(),
    })?;
    let title = title.ok_or(ParseError {
        line: 1,
        message: "the front matter needs `title`".into(),
    })?;
    let locale = locale.ok_or(ParseError {
        line: 1,
        message: "the front matter needs `locale`".into(),
    })?;

    let mut cards = Vec::new();
    let mut i = end + 1;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        let Some(kind) = line.strip_prefix(":::").filter(|k| !k.is_empty()) else {
            return err(i + 1, "expected a block such as `:::text`");
        };
        let start = i + 1;
        let close = lines[i + 1..]
            .iter()
            .position(|l| l.trim_end() == ":::")
            .map(|p| i + 1 + p)
            .ok_or(ParseError {
                line: start,
                message: format!("the `{kind}` block is not closed with `:::`"),
            })?;
        let body: Vec<(usize, &str)> = (i + 1..close)
            .map(|j| (j + 1, lines[j].trim_end()))
            .collect();
        cards.push(parse_card(kind.trim(), start, &body)?);
        i = close + 1;
    }
    if cards.is_empty() {
        return err(end + 1, "a lesson needs at least one block");
    }
    Ok(LessonContent {
        key,
        title,
        locale,
        competencies,
        summary,
        cards,
    })
}

fn joined(body: &[(usize, &str)]) -> String {
    body.iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn non_empty(text: String, line: usize, what: &str) -> Result<String, ParseError> {
    if text.trim().is_empty() {
        err(line, format!("the {what} is empty"))
    } else {
        Ok(text)
    }
}

fn parse_card(kind: &str, start: usize, body: &[(usize, &str)]) -> Result<Card, ParseError> {
    let block = |b| Ok(Card::Block(b));
    match kind {
        "text" => block(Block::Text(non_empty(joined(body), start, "text block")?)),
        "tip" => block(Block::Tip(non_empty(joined(body), start, "tip")?)),
        "checklist" => {
            let mut items = Vec::new();
            for (n, l) in body.iter().filter(|(_, l)| !l.trim().is_empty()) {
                let item = l.strip_prefix("- ").ok_or(ParseError {
                    line: *n,
                    message: "checklist lines start with `- `".into(),
                })?;
                items.push(item.trim().to_owned());
            }
            if items.is_empty() {
                return err(start, "the checklist is empty");
            }
            block(Block::Checklist(items))
        }
        "dialogue" => {
            let mut lines = Vec::new();
            for (n, l) in body.iter().filter(|(_, l)| !l.trim().is_empty()) {
                let (who, text) = l.split_once(':').ok_or(ParseError {
                    line: *n,
                    message: "dialogue lines are `customer: …`, `agent: …` or `narrator: …`".into(),
                })?;
                let speaker = match who.trim() {
                    "customer" => Speaker::Customer,
                    "agent" => Speaker::Agent,
                    "narrator" => Speaker::Narrator,
                    other => return err(*n, format!("unknown speaker `{other}`")),
                };
                lines.push(DialogueLine {
                    speaker,
                    text: text.trim().to_owned(),
                });
            }
            if lines.is_empty() {
                return err(start, "the dialogue is empty");
            }
            block(Block::Dialogue(lines))
        }
        "image" => {
            let (mut src, mut alt) = (None, None);
            for (n, l) in body.iter().filter(|(_, l)| !l.trim().is_empty()) {
                match l.split_once(':') {
                    Some(("src", v)) => src = Some(v.trim().to_owned()),
                    Some(("alt", v)) => alt = Some(v.trim().to_owned()),
                    _ => return err(*n, "image blocks have `src:` and `alt:` lines"),
                }
            }
            match (src, alt) {
                (Some(src), Some(alt)) if !src.is_empty() && !alt.is_empty() => {
                    block(Block::Image { src, alt })
                }
                _ => err(
                    start,
                    "an image needs both `src:` and `alt:` (describe the image)",
                ),
            }
        }
        "single" | "multiple" | "true-false" | "ordering" => {
            parse_item(kind, start, body).map(Card::Item)
        }
        other => err(start, format!("unknown block `{other}`")),
    }
}

fn parse_item(kind: &str, start: usize, body: &[(usize, &str)]) -> Result<Item, ParseError> {
    let mut prompt = Vec::new();
    let mut options = Vec::new();
    let mut steps = Vec::new();
    let mut answer = None;
    let mut explanation: Vec<&str> = Vec::new();
    for (n, l) in body {
        if let Some(rest) = l.strip_prefix('>') {
            explanation.push(rest.trim());
        } else if !explanation.is_empty() {
            return err(*n, "the `> ` explanation ends the item");
        } else if let Some(rest) = l
            .strip_prefix("- [x] ")
            .or_else(|| l.strip_prefix("- [X] "))
        {
            options.push(Choice {
                text: rest.trim().to_owned(),
                correct: true,
            });
        } else if let Some(rest) = l.strip_prefix("- [ ] ") {
            options.push(Choice {
                text: rest.trim().to_owned(),
                correct: false,
            });
        } else if let Some(rest) = l.strip_prefix("answer:") {
            answer = match rest.trim() {
                "true" => Some(true),
                "false" => Some(false),
                _ => return err(*n, "`answer:` is `true` or `false`"),
            };
        } else if let Some((num, rest)) = l
            .split_once(". ")
            .filter(|(num, _)| !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()))
        {
            if num.parse::<usize>().ok() != Some(steps.len() + 1) {
                return err(*n, "number the steps 1, 2, 3 … in their correct order");
            }
            steps.push(rest.trim().to_owned());
        } else if options.is_empty() && steps.is_empty() {
            prompt.push(*l);
        } else if !l.trim().is_empty() {
            return err(*n, "unexpected line after the options");
        }
    }
    let prompt = prompt.join("\n").trim().to_owned();
    if prompt.is_empty() {
        return err(start, "the item has no question");
    }
    let explanation = explanation.join("\n").trim().to_owned();
    if explanation.is_empty() {
        return err(start, "every item ends with a `> ` explanation");
    }
    match kind {
        "single" | "multiple" => {
            if !(2..=6).contains(&options.len()) {
                return err(start, "choice items have 2 to 6 options");
            }
            let correct = options.iter().filter(|o| o.correct).count();
            if kind == "single" && correct != 1 {
                return err(start, "a single-choice item has exactly one `[x]`");
            }
            if kind == "multiple" && correct == 0 {
                return err(start, "a multiple-choice item has at least one `[x]`");
            }
            Ok(if kind == "single" {
                Item::Single {
                    prompt,
                    options,
                    explanation,
                }
            } else {
                Item::Multiple {
                    prompt,
                    options,
                    explanation,
                }
            })
        }
        "true-false" => {
            let answer = answer.ok_or(ParseError {
                line: start,
                message: "a true-false item needs `answer: true` or `answer: false`".into(),
            })?;
            Ok(Item::TrueFalse {
                statement: prompt,
                answer,
                explanation,
            })
        }
        _ => {
            if !(3..=7).contains(&steps.len()) {
                return err(start, "ordering items have 3 to 7 steps");
            }
            Ok(Item::Ordering {
                prompt,
                steps,
                explanation,
            })
        }
    }
}

#[path = "markdown_render.rs"]
mod render;
pub use render::render;

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
