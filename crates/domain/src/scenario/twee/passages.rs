//! Reading a Twee 3 file into passages: headers with their tags, bodies with their line
//! numbers, the StoryData start, and link syntax.

use std::iter::Peekable;
use std::str::Chars;

use super::error::{TweeError, err};

pub(super) struct Passage<'a> {
    pub(super) name: String,
    pub(super) tags: Vec<String>,
    /// The line of its `::` header.
    pub(super) line: usize,
    /// Body lines with their line numbers.
    pub(super) body: Vec<(usize, &'a str)>,
}

impl Passage<'_> {
    pub(super) fn tagged(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// Not a node: the story's own passages, the scenario header, code and styles.
    pub(super) fn is_special(&self) -> bool {
        matches!(self.name.as_str(), "StoryTitle" | "StoryData")
            || ["scenario", "script", "stylesheet"]
                .iter()
                .any(|t| self.tagged(t))
    }
}

/// `:: Name [tags] {metadata}`, with Twee's `\[ \] \{ \} \\` escapes in names and tags.
pub(super) fn header(line: usize, raw: &str) -> Result<(String, Vec<String>), TweeError> {
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

pub(super) fn passages(source: &str) -> Result<Vec<Passage<'_>>, TweeError> {
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
pub(super) fn json_string(chars: &mut Peekable<Chars<'_>>) -> Option<String> {
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
pub(super) fn story_start(json: &str) -> Option<String> {
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
pub(super) fn link(line: usize, inner: &str) -> Result<(String, String), TweeError> {
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
