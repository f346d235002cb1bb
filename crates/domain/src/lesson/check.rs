//! A lesson written card by card (the block editor) rather than as a file: its text tidied
//! the way the lesson file keeps it, then checked field by field, so the file rendered from
//! it reads back as exactly the same lesson. Problems name the field at fault with a path
//! such as `blocks[2].alt`.

use super::markdown;
use super::{Block, Card, Choice, Item, LessonContent};

/// One field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `title`, `blocks`, `blocks[2].alt`, `blocks[4].options[1].text`…
    pub path: String,
    /// Stable code of the rule broken: `required`, `single_line`, `reserved_line`,
    /// `option_count`, `one_correct`, `no_correct`, `step_count`, `not_representable`.
    pub code: &'static str,
    pub message: String,
}

/// The shortest and longest lists the lesson file takes.
pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=6;
pub const STEPS: std::ops::RangeInclusive<usize> = 3..=7;

/// Tidies a lesson as its file would: surrounding blanks and trailing spaces go.
pub fn tidy(mut lesson: LessonContent) -> LessonContent {
    lesson.title = lesson.title.trim().to_owned();
    lesson.summary = lesson
        .summary
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    for card in &mut lesson.cards {
        match card {
            Card::Block(Block::Text(md) | Block::Tip(md)) => *md = block_text(md),
            Card::Block(Block::Checklist(items)) => items.iter_mut().for_each(line),
            Card::Block(Block::Dialogue(lines)) => lines.iter_mut().for_each(|l| line(&mut l.text)),
            Card::Block(Block::Image { src, alt }) => {
                line(src);
                line(alt);
            }
            Card::Item(
                Item::Single {
                    prompt,
                    options,
                    explanation,
                }
                | Item::Multiple {
                    prompt,
                    options,
                    explanation,
                },
            ) => {
                *prompt = block_text(prompt);
                options.iter_mut().for_each(|o| line(&mut o.text));
                *explanation = explanation_text(explanation);
            }
            Card::Item(Item::TrueFalse {
                statement,
                explanation,
                ..
            }) => {
                *statement = block_text(statement);
                *explanation = explanation_text(explanation);
            }
            Card::Item(Item::Ordering {
                prompt,
                steps,
                explanation,
            }) => {
                *prompt = block_text(prompt);
                steps.iter_mut().for_each(line);
                *explanation = explanation_text(explanation);
            }
        }
    }
    lesson
}

fn line(text: &mut String) {
    *text = text.trim().to_owned();
}

fn block_text(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn explanation_text(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

struct Checker(Vec<Problem>);

impl Checker {
    fn add(&mut self, path: String, code: &'static str, message: &str) {
        self.0.push(Problem {
            path,
            code,
            message: message.to_owned(),
        });
    }

    fn required(&mut self, path: String, text: &str) {
        if text.is_empty() {
            self.add(path, "required", "write something here");
        }
    }

    fn one_line(&mut self, path: String, text: &str) {
        if text.is_empty() {
            self.add(path, "required", "write something here");
        } else if text.contains('\n') {
            self.add(path, "single_line", "keep this on one line");
        }
    }

    fn paragraphs(&mut self, path: String, text: &str) {
        if text.is_empty() {
            self.add(path, "required", "write something here");
        } else if text.lines().any(|l| l.trim_end() == ":::") {
            self.add(path, "reserved_line", "a line with only `:::` ends a block");
        }
    }

    fn options(&mut self, i: usize, options: &[Choice], single: bool) {
        let path = format!("blocks[{i}].options");
        if !OPTIONS.contains(&options.len()) {
            self.add(path.clone(), "option_count", "give 2 to 6 options");
        }
        let correct = options.iter().filter(|o| o.correct).count();
        if single && correct != 1 {
            self.add(path, "one_correct", "mark exactly one option as correct");
        } else if !single && correct == 0 {
            self.add(path, "no_correct", "mark at least one option as correct");
        }
        for (j, o) in options.iter().enumerate() {
            self.one_line(format!("blocks[{i}].options[{j}].text"), &o.text);
        }
    }
}

/// Every problem of a tidied lesson, in the order of its fields; none when the lesson file
/// rendered from it reads back as the same lesson.
pub fn check(lesson: &LessonContent) -> Vec<Problem> {
    let mut c = Checker(Vec::new());
    c.one_line("title".into(), &lesson.title);
    if lesson.summary.as_ref().is_some_and(|s| s.contains('\n')) {
        c.add("summary".into(), "single_line", "keep this on one line");
    }
    if lesson.cards.is_empty() {
        c.add("blocks".into(), "required", "add at least one block");
    }
    for (i, card) in lesson.cards.iter().enumerate() {
        let at = |field: &str| format!("blocks[{i}].{field}");
        match card {
            Card::Block(Block::Text(md) | Block::Tip(md)) => c.paragraphs(at("text"), md),
            Card::Block(Block::Checklist(items)) => {
                if items.is_empty() {
                    c.add(at("items"), "required", "add at least one point");
                }
                for (j, item) in items.iter().enumerate() {
                    c.one_line(format!("blocks[{i}].items[{j}]"), item);
                }
            }
            Card::Block(Block::Dialogue(lines)) => {
                if lines.is_empty() {
                    c.add(at("lines"), "required", "add at least one line");
                }
                for (j, l) in lines.iter().enumerate() {
                    c.one_line(format!("blocks[{i}].lines[{j}].text"), &l.text);
                }
            }
            Card::Block(Block::Image { src, alt }) => {
                c.one_line(at("src"), src);
                c.one_line(at("alt"), alt);
            }
            Card::Item(item) => {
                let (prompt, explanation) = match item {
                    Item::Single {
                        prompt,
                        explanation,
                        ..
                    }
                    | Item::Multiple {
                        prompt,
                        explanation,
                        ..
                    }
                    | Item::Ordering {
                        prompt,
                        explanation,
                        ..
                    } => (prompt, explanation),
                    Item::TrueFalse {
                        statement,
                        explanation,
                        ..
                    } => (statement, explanation),
                };
                c.paragraphs(at("prompt"), prompt);
                match item {
                    Item::Single { options, .. } => c.options(i, options, true),
                    Item::Multiple { options, .. } => c.options(i, options, false),
                    Item::Ordering { steps, .. } => {
                        if !STEPS.contains(&steps.len()) {
                            c.add(at("steps"), "step_count", "give 3 to 7 steps");
                        }
                        for (j, s) in steps.iter().enumerate() {
                            c.one_line(format!("blocks[{i}].steps[{j}]"), s);
                        }
                    }
                    Item::TrueFalse { .. } => {}
                }
                c.required(at("explanation"), explanation);
            }
        }
    }
    if c.0.is_empty() {
        // The last word: whatever the rules above miss (a question line that reads as an
        // option, say) is caught by reading the file back.
        match markdown::parse(&markdown::render(lesson)) {
            Ok(read) if &read == lesson => {}
            Ok(read) => {
                let at = lesson
                    .cards
                    .iter()
                    .zip(&read.cards)
                    .position(|(a, b)| a != b)
                    .map_or("blocks".to_owned(), |i| format!("blocks[{i}]"));
                let at = if read.title == lesson.title {
                    at
                } else {
                    "title".to_owned()
                };
                c.add(
                    at,
                    "not_representable",
                    "this text would read back differently from the lesson file: reword a line that looks like an option, a step or an answer",
                );
            }
            Err(e) => c.add(
                "blocks".into(),
                "not_representable",
                &format!("the lesson file would not read back: {e}"),
            ),
        }
    }
    c.0
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
