//! The estimate in plain words, in every language Cinco speaks. All the text is in the
//! `ES`, `EN` and `IT` templates below; the functions only fill them in.

use crate::Locale;

use super::{Estimate, Impact, Interpretation, Shortfall};

/// The KPI as the reader knows it, already in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metric<'a> {
    /// "FCR", "CSAT", "tiempo medio de gestión".
    pub name: &'a str,
    /// The unit of a difference: "points", "s"; empty for none.
    pub unit: &'a str,
    /// Decimals shown.
    pub decimals: u8,
}

/// What the agents did to count as trained, named in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Training<'a> {
    /// Finished a coaching path ("Empowerment basics").
    Path { title: &'a str },
    /// Reached a proficiency level in a competency.
    Level { competency: &'a str, level: &'a str },
}

/// One language's text. Placeholders are in braces.
struct Templates {
    /// `{title}`.
    finished_path: &'static str,
    /// `{level}`, `{competency}`.
    reached_level: &'static str,
    higher: &'static str,
    lower: &'static str,
    /// `{metric}`, `{amount}` (number and unit), `{more}` (higher or lower), `{low}`–`{high}`
    /// (the interval as sizes of the difference), `{training}`.
    clear: &'static str,
    /// As `clear`, with `{low}` and `{high}` the interval's signed ends.
    unclear: &'static str,
    /// `{metric}`, `{training}`, `{missing}` (the shortfalls, joined by `list_separator`).
    not_enough: &'static str,
    list_separator: &'static str,
    /// `{have}`, `{need}`.
    treated_agents: &'static str,
    comparison_agents: &'static str,
    weeks_before: &'static str,
    weeks_after: &'static str,
    replicates: &'static str,
    pre_trends: &'static str,
    caveat: &'static str,
    /// Proficiency levels 1–4, as the PWA names them.
    levels: [&'static str; 4],
    decimal_separator: char,
}

const ES: Templates = Templates {
    finished_path: "terminado {title}",
    reached_level: "alcanzado el nivel {level} en {competency}",
    higher: "más altos",
    lower: "más bajos",
    clear: "En {metric}, los agentes que ya habían {training} tuvieron valores {amount} {more} \
            (IC 95 %: {low}–{high}) que quienes aún no, en las mismas semanas.",
    unclear: "Aún no hay un cambio claro: en {metric}, los agentes que ya habían {training} \
              tuvieron valores {amount} {more} que quienes aún no, en las mismas semanas, pero \
              el IC 95 % (de {low} a {high}) incluye el cero.",
    not_enough: "Aún no hay datos suficientes para saber cómo cambió {metric} en los agentes \
                 que ya habían {training}: {missing}.",
    list_separator: "; ",
    treated_agents: "{have} agentes formados con datos antes y después (se necesitan al menos \
                     {need})",
    comparison_agents: "{have} agentes aún sin formar con quienes comparar (se necesitan al \
                        menos {need})",
    weeks_before: "{have} semanas de datos antes de la formación (se necesitan al menos {need})",
    weeks_after: "{have} semanas de datos después (se necesitan al menos {need})",
    replicates: "{have} remuestreos calculables (se necesitan al menos {need})",
    pre_trends: "Atención: antes de la formación estos agentes ya evolucionaban de otra manera \
                 que los demás, así que parte de la diferencia puede no deberse a la formación.",
    caveat: "La comparación se hace en las mismas semanas, así que se anulan los cambios que \
             afectaron a todos por igual (la temporada, un producto nuevo, una caída del \
             sistema); pero no prueba que la formación causara la diferencia. También puede \
             deberse a quién se formó primero (agentes elegidos porque ya mejoraban o porque \
             tenían dificultades), a otros cambios que llegaron a los mismos agentes a la vez \
             (un nuevo responsable, un cambio de turno) o a la regresión a la media (quien se \
             forma tras una racha especialmente mala suele recuperarse de todos modos).",
    levels: ["Principiante", "En desarrollo", "Competente", "Experto"],
    decimal_separator: ',',
};

const EN: Templates = Templates {
    finished_path: "finished {title}",
    reached_level: "reached {level} in {competency}",
    higher: "higher",
    lower: "lower",
    clear: "{metric} was {amount} {more} (95 % CI {low}–{high}) for agents after they \
            {training} than for those who had not yet, over the same weeks.",
    unclear: "No clear change yet: {metric} was {amount} {more} for agents after they \
              {training} than for those who had not yet, over the same weeks, but the 95 % CI \
              ({low} to {high}) includes no change.",
    not_enough: "Not enough data yet to tell how {metric} moved for agents after they \
                 {training}: {missing}.",
    list_separator: "; ",
    treated_agents: "{have} trained agents with data before and after (at least {need} needed)",
    comparison_agents: "{have} agents not yet trained to compare with (at least {need} needed)",
    weeks_before: "{have} weeks of data before the training (at least {need} needed)",
    weeks_after: "{have} weeks of data after it (at least {need} needed)",
    replicates: "{have} resamples that could be computed (at least {need} needed)",
    pre_trends: "Caution: before the training these agents were already moving differently \
                 from the others, so part of the difference may not be due to the training.",
    caveat: "The comparison is over the same weeks, so changes that reached every agent alike \
             (the season, a new product, an outage) cancel out; but it is not proof that the \
             training caused the difference. It could also come from who was trained first \
             (agents chosen because they were already improving, or because they were \
             struggling), from other changes that reached the same agents at the same time (a \
             new lead, a new shift), or from regression to the mean (agents trained after an \
             unusually bad spell tend to recover anyway).",
    levels: ["Beginner", "Developing", "Proficient", "Expert"],
    decimal_separator: '.',
};

const IT: Templates = Templates {
    finished_path: "completato {title}",
    reached_level: "raggiunto il livello {level} in {competency}",
    higher: "superiori",
    lower: "inferiori",
    clear: "Per {metric}, gli agenti che avevano già {training} hanno avuto valori {more} di \
            {amount} (IC 95 %: {low}–{high}) rispetto a chi non l'aveva ancora fatto, nelle \
            stesse settimane.",
    unclear: "Nessun cambiamento chiaro per ora: per {metric}, gli agenti che avevano già \
              {training} hanno avuto valori {more} di {amount} rispetto a chi non l'aveva \
              ancora fatto, nelle stesse settimane, ma l'IC 95 % (da {low} a {high}) include \
              lo zero.",
    not_enough: "Non ci sono ancora dati sufficienti per capire come è cambiato {metric} per \
                 gli agenti che avevano già {training}: {missing}.",
    list_separator: "; ",
    treated_agents: "{have} agenti formati con dati prima e dopo (ne servono almeno {need})",
    comparison_agents: "{have} agenti non ancora formati con cui confrontarli (ne servono \
                        almeno {need})",
    weeks_before: "{have} settimane di dati prima della formazione (ne servono almeno {need})",
    weeks_after: "{have} settimane di dati dopo (ne servono almeno {need})",
    replicates: "{have} ricampionamenti calcolabili (ne servono almeno {need})",
    pre_trends: "Attenzione: prima della formazione questi agenti avevano già un andamento \
                 diverso dagli altri, quindi parte della differenza potrebbe non dipendere \
                 dalla formazione.",
    caveat: "Il confronto avviene nelle stesse settimane, quindi si annullano i cambiamenti che \
             hanno toccato tutti allo stesso modo (la stagionalità, un nuovo prodotto, un \
             guasto); ma non prova che la formazione abbia causato la differenza. Potrebbe \
             dipendere anche da chi è stato formato per primo (agenti scelti perché già in \
             miglioramento, o perché in difficoltà), da altri cambiamenti arrivati agli stessi \
             agenti nello stesso periodo (un nuovo responsabile, un cambio di turno) o dalla \
             regressione verso la media (chi viene formato dopo un periodo particolarmente \
             negativo tende comunque a riprendersi).",
    levels: ["Principiante", "In crescita", "Competente", "Esperto"],
    decimal_separator: ',',
};

fn templates(locale: Locale) -> &'static Templates {
    match locale {
        Locale::Es => &ES,
        Locale::En => &EN,
        Locale::It => &IT,
    }
}

/// The result in one or two sentences: the estimate with its interval (or that there is no
/// clear change yet, or what data is missing), and a warning when trained agents were
/// already moving differently before their training.
pub fn sentence(
    locale: Locale,
    impact: &Impact,
    training: Training<'_>,
    metric: Metric<'_>,
) -> String {
    let t = templates(locale);
    let training = match training {
        Training::Path { title } => fill(t.finished_path, &[("title", title)]),
        Training::Level { competency, level } => fill(
            t.reached_level,
            &[("level", level), ("competency", competency)],
        ),
    };
    match impact {
        Impact::NotEnoughData { missing } => {
            let items: Vec<String> = missing.iter().map(|s| shortfall(t, *s)).collect();
            fill(
                t.not_enough,
                &[
                    ("metric", metric.name),
                    ("training", &training),
                    ("missing", &items.join(t.list_separator)),
                ],
            )
        }
        Impact::Estimated(estimate) => {
            let mut text = finding(t, estimate, &training, metric);
            if estimate.pre_trends_differ() {
                text.push(' ');
                text.push_str(t.pre_trends);
            }
            text
        }
    }
}

/// The name of proficiency level `level` (1–4) in `locale`.
pub fn level_name(locale: Locale, level: u8) -> &'static str {
    let levels = templates(locale).levels;
    levels[usize::from(level.clamp(1, 4)) - 1]
}

/// What could confound the comparison, for a reader to keep next to the result.
pub fn caveat(locale: Locale) -> &'static str {
    templates(locale).caveat
}

fn finding(t: &Templates, e: &Estimate, training: &str, metric: Metric<'_>) -> String {
    let decimals = metric.decimals;
    let number = |x: f64| format_number(x, decimals, t.decimal_separator);
    let amount = if metric.unit.is_empty() {
        number(e.estimate.abs())
    } else {
        format!("{} {}", number(e.estimate.abs()), metric.unit)
    };
    let more = if e.estimate < 0.0 { t.lower } else { t.higher };
    let (template, low, high) = if e.interpretation == Interpretation::NoClearChange {
        (t.unclear, number(e.ci_low), number(e.ci_high))
    } else if e.estimate < 0.0 {
        // How much lower, from the least to the most.
        (t.clear, number(-e.ci_high), number(-e.ci_low))
    } else {
        (t.clear, number(e.ci_low), number(e.ci_high))
    };
    fill(
        template,
        &[
            ("metric", metric.name),
            ("amount", &amount),
            ("more", more),
            ("low", &low),
            ("high", &high),
            ("training", training),
        ],
    )
}

fn shortfall(t: &Templates, s: Shortfall) -> String {
    let (template, have, need) = match s {
        Shortfall::TreatedAgents { have, need } => (t.treated_agents, have, need),
        Shortfall::ComparisonAgents { have, need } => (t.comparison_agents, have, need),
        Shortfall::WeeksBefore { have, need } => (t.weeks_before, have, need),
        Shortfall::WeeksAfter { have, need } => (t.weeks_after, have, need),
        Shortfall::Replicates { have, need } => (t.replicates, have, need),
    };
    fill(
        template,
        &[("have", &have.to_string()), ("need", &need.to_string())],
    )
}

/// `x` with `decimals` decimals, the locale's separator and a true minus sign; never "−0".
fn format_number(x: f64, decimals: u8, separator: char) -> String {
    let text = format!("{:.*}", usize::from(decimals), x.abs());
    let zero = text.chars().all(|c| c == '0' || c == '.');
    let text = text.replace('.', &separator.to_string());
    if x < 0.0 && !zero {
        format!("−{text}")
    } else {
        text
    }
}

/// `template` with each `{key}` replaced by its value, in one pass (a value that happens to
/// hold braces is left as it is); unknown keys stay as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|(_, v)| (close, v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_use_the_locales_separator_and_a_true_minus() {
        assert_eq!(format_number(6.04, 0, '.'), "6");
        assert_eq!(format_number(-0.84, 1, ','), "−0,8");
        assert_eq!(format_number(-0.04, 1, '.'), "0.0");
        assert_eq!(format_number(12.346, 2, ','), "12,35");
    }

    #[test]
    fn placeholders_are_filled_once() {
        assert_eq!(
            super::fill("{a} and {b} {c}", &[("a", "{b}"), ("b", "x")]),
            "{b} and x {c}"
        );
    }
}
