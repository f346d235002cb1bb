//! The values written in a Twee file: keys, whole numbers, amounts, and a reply's fields.

use std::num::IntErrorKind;

use super::super::{Action, Choice, Evidence, Resolution};
use super::error::{TweeError, err};
use crate::lesson::Key;

pub(super) fn key(line: usize, raw: &str) -> Result<Key, TweeError> {
    let raw = raw.trim();
    Key::parse(raw).ok_or_else(|| {
        err(
            line,
            format!("`{raw}` is not a key (2 to 64 lowercase letters, digits and dashes)"),
        )
    })
}

/// A whole number (`40`, `+1`, `-2`) that fits `T`.
pub(super) fn integer<T: std::str::FromStr<Err = std::num::ParseIntError>>(
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
pub(super) fn cents(line: usize, raw: &str) -> Result<i64, TweeError> {
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
pub(super) fn describe(
    choice: &mut Choice,
    line: usize,
    name: &str,
    value: &str,
) -> Result<(), TweeError> {
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

pub(super) fn reply(index: usize, text: String, next: String) -> Choice {
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
pub(super) fn once<'a>(
    seen: &mut Vec<&'a str>,
    line: usize,
    name: &'a str,
) -> Result<(), TweeError> {
    if seen.contains(&name) {
        return Err(err(line, format!("`{name}:` is given twice")));
    }
    seen.push(name);
    Ok(())
}
