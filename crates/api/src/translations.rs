//! How each language variant of the lessons or scenarios stands against its source (the
//! rule is `cinco_domain::locale::variants`), for the authoring lists.

use std::collections::BTreeMap;

use cinco_domain::Locale;
use cinco_domain::lesson::Key;
use cinco_domain::locale::{source_of, variants};
use cinco_persistence::versioned::{Origins, Version};
use serde::Serialize;
use utoipa::ToSchema;

use crate::states::LocaleView;

/// Where a variant stands among the languages of its lesson or scenario.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TranslationView {
    /// The language the others are translations of: the organisation's when the content
    /// has it, else the oldest.
    source_locale: LocaleView,
    /// Languages the organisation offers that have no variant yet ("translate into …").
    missing: Vec<LocaleView>,
    /// This variant was edited before its source last changed.
    out_of_date: bool,
}

/// The translation status of each `(key, locale)` among `latest` (the newest version of
/// every variant), given when each variant began (`origins`: the oldest is the source
/// when the organisation's language is missing).
pub fn statuses<T>(
    latest: &[Version<T>],
    origins: &Origins,
    offered: &[Locale],
    org_default: Locale,
) -> BTreeMap<(Key, Locale), TranslationView> {
    let mut by_key: BTreeMap<&Key, Vec<&Version<T>>> = BTreeMap::new();
    for v in latest {
        by_key.entry(&v.key).or_default().push(v);
    }
    let mut out = BTreeMap::new();
    for (key, mut versions) in by_key {
        versions.sort_by_key(|v| origins.get(&(v.key.clone(), v.locale)).copied());
        let existing: Vec<Locale> = versions.iter().map(|v| v.locale).collect();
        let Some(source) = source_of(&existing, org_default) else {
            continue;
        };
        let edited: Vec<_> = versions.iter().map(|v| (v.locale, v.updated_at)).collect();
        let status = variants(&edited, offered, source);
        for v in &versions {
            out.insert(
                (key.clone(), v.locale),
                TranslationView {
                    source_locale: source.into(),
                    missing: status.missing.iter().map(|l| (*l).into()).collect(),
                    out_of_date: status.out_of_date.contains(&v.locale),
                },
            );
        }
    }
    out
}
