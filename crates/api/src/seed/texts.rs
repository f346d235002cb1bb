//! Texts of the demo content files: one string per language code.

use std::collections::BTreeMap;

use anyhow::Context;
use cinco_domain::Locale;
use cinco_domain::competency::LocalizedText;

/// `{ es = "…", en = "…", it = "…" }` in a content file.
pub(super) type Texts = BTreeMap<String, String>;

/// The texts as a localised text (every code a supported language, at least one).
pub(super) fn localized(texts: &Texts) -> anyhow::Result<LocalizedText> {
    let pairs = texts
        .iter()
        .map(|(code, text)| Ok((code.parse::<Locale>()?, text.clone())))
        .collect::<anyhow::Result<Vec<_>>>()?;
    LocalizedText::new(pairs).context("a text without any language")
}
