//! The estimator finds what was planted and nothing when nothing was, refuses to guess on
//! thin data, and says so in three languages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;

use super::group_time::Design;
use super::synthetic::Model;
use super::*;
use crate::Locale;

/// Smaller than production so the suite stays quick: 300 agents × 16 weeks, 100 replicates.
fn quick() -> Settings {
    Settings {
        replicates: 100,
        ..Settings::default()
    }
}

fn estimated(impact: Impact) -> Estimate {
    match impact {
        Impact::Estimated(e) => e,
        Impact::NotEnoughData { missing } => panic!("expected an estimate, missing {missing:?}"),
    }
}

fn missing(impact: Impact) -> Vec<Shortfall> {
    match impact {
        Impact::NotEnoughData { missing } => missing,
        Impact::Estimated(e) => panic!("expected not enough data, got {e:?}"),
    }
}

fn covers(e: &Estimate, truth: f64) -> bool {
    e.ci_low <= truth && truth <= e.ci_high
}

#[test]
fn the_interval_covers_a_planted_effect_in_at_least_nine_runs_of_ten() {
    let mut model = Model::new(300, 16);
    model.effect = 4.0;
    let runs = 100;
    let mut covered = 0;
    let mut improved = 0;
    for seed in 0..runs {
        let e = estimated(estimate(
            &model.generate(seed).panel(),
            Direction::HigherIsBetter,
            &Settings { seed, ..quick() },
        ));
        covered += usize::from(covers(&e, 4.0));
        improved += usize::from(e.interpretation == Interpretation::Improved);
    }
    eprintln!("planted effect 4: covered in {covered} of {runs} runs, improved in {improved}");
    assert!(covered >= 90, "covered in {covered} of {runs}");
    assert!(improved >= 90, "improved in {improved} of {runs}");
}

#[test]
fn with_no_effect_planted_the_interval_contains_zero_in_at_least_nine_runs_of_ten() {
    let model = Model::new(300, 16);
    let runs = 100;
    let mut contains_zero = 0;
    let mut no_clear_change = 0;
    let mut placebo_clear = 0;
    for seed in 0..runs {
        let e = estimated(estimate(
            &model.generate(1000 + seed).panel(),
            Direction::HigherIsBetter,
            &Settings { seed, ..quick() },
        ));
        contains_zero += usize::from(covers(&e, 0.0));
        no_clear_change += usize::from(e.interpretation == Interpretation::NoClearChange);
        placebo_clear += usize::from(!e.pre_trends_differ());
    }
    eprintln!(
        "no effect: zero inside the interval in {contains_zero} of {runs} runs, \
         no clear change in {no_clear_change}, placebo clear in {placebo_clear}"
    );
    assert!(
        contains_zero >= 90,
        "zero inside in {contains_zero} of {runs}"
    );
    assert!(no_clear_change >= 90);
    assert!(placebo_clear >= 85);
}

#[test]
fn an_effect_that_builds_up_shows_in_the_event_study_and_not_before_the_training() {
    let mut model = Model::new(600, 20);
    model.effect = 6.0;
    model.ramp_weeks = 4;
    model.training_weeks = (6, 14);
    let e = estimated(estimate(
        &model.generate(7).panel(),
        Direction::HigherIsBetter,
        &quick(),
    ));
    let at = |w: i32| {
        e.event_study
            .iter()
            .find(|p| p.weeks_since == w)
            .copied()
            .unwrap_or_else(|| panic!("no point {w} in {:?}", e.event_study))
    };
    for w in [-5, -4, -3, -2] {
        let p = at(w);
        assert!(
            p.ci_low <= 0.0 && 0.0 <= p.ci_high,
            "placebo week {w}: {p:?}"
        );
    }
    assert!(at(0).estimate < at(4).estimate);
    for w in 0..5 {
        let p = at(w);
        let truth = model.effect_after(w);
        assert!(
            p.ci_low <= truth && truth <= p.ci_high,
            "week {w}: {p:?}, truth {truth}"
        );
    }
    assert!(!e.event_study.iter().any(|p| p.weeks_since == -1));
    assert!(!e.pre_trends_differ());
}

#[test]
fn leads_training_their_weakest_agents_first_does_not_fool_the_estimate() {
    // Levels differ between cohorts, trends do not: the differences in differences remove it.
    let mut model = Model::new(300, 16);
    model.weakest_first = true;
    model.effect = 3.0;
    let mut covered = 0;
    for seed in 0..20 {
        let e = estimated(estimate(
            &model.generate(500 + seed).panel(),
            Direction::HigherIsBetter,
            &Settings { seed, ..quick() },
        ));
        covered += usize::from(covers(&e, 3.0));
    }
    assert!(covered >= 17, "covered in {covered} of 20");
}

#[test]
fn a_rising_trend_fools_a_before_and_after_comparison_but_not_the_estimate() {
    let mut model = Model::new(400, 16);
    model.trend = 0.8;
    model.effect = 2.0;
    let data = model.generate(11);
    // Naive: trained agents' mean after their training minus their mean before.
    let (mut before, mut after) = ((0.0, 0.0), (0.0, 0.0));
    for agent in &data.agents {
        let Some(g) = agent.first_trained else {
            continue;
        };
        for (t, v) in agent.values.iter().enumerate() {
            if let Some(v) = v {
                let side = if (t as i32) < g {
                    &mut before
                } else {
                    &mut after
                };
                side.0 += v;
                side.1 += 1.0;
            }
        }
    }
    let naive = after.0 / after.1 - before.0 / before.1;
    assert!(naive > 5.0, "before/after says {naive}");
    let e = estimated(estimate(&data.panel(), Direction::HigherIsBetter, &quick()));
    assert!(covers(&e, 2.0), "{e:?}");
}

#[test]
fn a_kpi_where_lower_is_better_improves_when_it_falls() {
    let mut model = Model::new(300, 16);
    model.level = 420.0;
    model.agent_spread = 60.0;
    model.noise = 40.0;
    model.seasonality = 15.0;
    model.bounds = Some((0.0, f64::INFINITY));
    model.effect = -35.0;
    let panel = model.generate(3).panel();
    let aht = estimated(estimate(&panel, Direction::LowerIsBetter, &quick()));
    assert!(aht.ci_high < 0.0, "{aht:?}");
    assert_eq!(aht.interpretation, Interpretation::Improved);
    let same_as_higher = estimated(estimate(&panel, Direction::HigherIsBetter, &quick()));
    assert_eq!(same_as_higher.interpretation, Interpretation::Worsened);
    assert_eq!(same_as_higher.estimate, aht.estimate);

    let text = sentence(
        Locale::En,
        &Impact::Estimated(aht.clone()),
        Training::Path {
            title: "Call control",
        },
        Metric {
            name: "AHT",
            unit: "s",
            decimals: 0,
        },
    );
    let magnitude = |x: f64| format!("{:.0}", x.abs());
    assert_eq!(
        text,
        format!(
            "AHT was {} s lower (95 % CI {}–{}) for agents after they finished Call control \
             than for those who had not yet, over the same weeks.",
            magnitude(aht.estimate),
            magnitude(aht.ci_high),
            magnitude(aht.ci_low)
        )
    );
}

#[test]
fn interpretation_follows_the_interval_and_the_direction() {
    use Direction::*;
    use Interpretation::*;
    assert_eq!(Interpretation::of(HigherIsBetter, 1.0, 3.0), Improved);
    assert_eq!(Interpretation::of(HigherIsBetter, -3.0, -1.0), Worsened);
    assert_eq!(Interpretation::of(LowerIsBetter, -3.0, -1.0), Improved);
    assert_eq!(Interpretation::of(LowerIsBetter, 1.0, 3.0), Worsened);
    assert_eq!(Interpretation::of(LowerIsBetter, -1.0, 3.0), NoClearChange);
    assert_eq!(Interpretation::of(HigherIsBetter, 0.0, 3.0), NoClearChange);
}

#[test]
fn the_same_data_and_seed_give_the_same_answer() {
    let mut model = Model::new(200, 12);
    model.effect = 2.0;
    assert_eq!(model.generate(9), model.generate(9));
    assert_ne!(model.generate(9), model.generate(10));
    let panel = model.generate(9).panel();
    let a = estimate(&panel, Direction::HigherIsBetter, &quick());
    let b = estimate(&panel, Direction::HigherIsBetter, &quick());
    assert_eq!(a, b);
}

// Not enough data.

#[test]
fn too_few_trained_agents_is_not_a_number() {
    let mut model = Model::new(60, 16);
    model.never_trained = 0.85;
    model.effect = 10.0;
    let shortfalls = missing(estimate(
        &model.generate(1).panel(),
        Direction::HigherIsBetter,
        &quick(),
    ));
    assert!(
        matches!(shortfalls[..], [Shortfall::TreatedAgents { have, need: 20 }] if have < 20),
        "{shortfalls:?}"
    );
}

#[test]
fn when_everyone_is_trained_the_same_week_there_is_nobody_to_compare_with() {
    let model = Model::new(100, 16);
    let data = model.generate_for(&[Some(8); 100], 1);
    let shortfalls = missing(estimate(&data.panel(), Direction::HigherIsBetter, &quick()));
    assert!(
        shortfalls.contains(&Shortfall::ComparisonAgents { have: 0, need: 20 }),
        "{shortfalls:?}"
    );
}

#[test]
fn training_in_the_first_or_last_weeks_leaves_too_few_weeks_before_or_after() {
    let model = Model::new(100, 16);
    // Trained in week 1: the base week 0 and nothing before it.
    let trained: Vec<Option<i32>> = (0..100).map(|i| (i < 50).then_some(1)).collect();
    let shortfalls = missing(estimate(
        &model.generate_for(&trained, 1).panel(),
        Direction::HigherIsBetter,
        &quick(),
    ));
    assert_eq!(
        shortfalls,
        vec![Shortfall::WeeksBefore { have: 1, need: 2 }]
    );

    // Trained in the last week: one week after.
    let trained: Vec<Option<i32>> = (0..100).map(|i| (i < 50).then_some(15)).collect();
    let shortfalls = missing(estimate(
        &model.generate_for(&trained, 1).panel(),
        Direction::HigherIsBetter,
        &quick(),
    ));
    assert_eq!(shortfalls, vec![Shortfall::WeeksAfter { have: 1, need: 2 }]);
}

#[test]
fn agents_trained_before_the_window_or_without_data_do_not_count() {
    let mut panel = Panel::new(10);
    for i in 0..40 {
        // Trained before the window: no week before the training to compare with.
        panel.push_agent(Some(-3), (0..10).map(|t| (t, 50.0 + f64::from(i))));
    }
    for _ in 0..40 {
        // Trained in week 5 but no value in week 4, the base week.
        panel.push_agent(Some(5), (0..10).filter(|t| *t != 4).map(|t| (t, 50.0)));
    }
    for _ in 0..40 {
        panel.push_agent(None, (0..10).map(|t| (t, 50.0)));
    }
    let shortfalls = missing(estimate(&panel, Direction::HigherIsBetter, &quick()));
    assert_eq!(
        shortfalls,
        vec![
            Shortfall::TreatedAgents { have: 0, need: 20 },
            Shortfall::ComparisonAgents { have: 0, need: 20 },
            Shortfall::WeeksBefore { have: 0, need: 2 },
            Shortfall::WeeksAfter { have: 0, need: 2 },
        ]
    );
}

// The arithmetic.

#[test]
fn without_noise_the_estimate_is_the_planted_effect_exactly() {
    let mut panel = Panel::new(8);
    // Everyone drifts up by 1 a week from their own level; cohorts 3 and 5 gain 4 from
    // their training on; some weeks are missing.
    for i in 0..90 {
        let g = [Some(3), Some(5), None][i % 3];
        let level = 40.0 + i as f64;
        panel.push_agent(
            g,
            (0..8)
                .filter(|t| (t + i as i32) % 7 != 0 || g.is_some_and(|g| *t == g - 1))
                .map(|t| {
                    let effect = if g.is_some_and(|g| t >= g) { 4.0 } else { 0.0 };
                    (t, level + f64::from(t) + effect)
                }),
        );
    }
    let e = estimated(estimate(&panel, Direction::HigherIsBetter, &quick()));
    assert!((e.estimate - 4.0).abs() < 1e-9, "{e:?}");
    assert!((e.ci_low - 4.0).abs() < 1e-9 && (e.ci_high - 4.0).abs() < 1e-9);
    assert_eq!(e.treated_agents, 60);
    // The 30 never trained, and the 26 of cohort 5 with a value in week 2 (cohort 3's base).
    assert_eq!(e.comparison_agents, 56);
    for p in &e.event_study {
        let truth = if p.weeks_since >= 0 { 4.0 } else { 0.0 };
        assert!((p.estimate - truth).abs() < 1e-9, "{p:?}");
    }
}

#[test]
fn the_fast_sums_equal_the_sums_of_every_pair_of_weeks() {
    // The comparison side is summed without visiting every pair of weeks (see group_time);
    // here it is checked against the direct sums, with many missing weeks and uneven weights.
    let mut model = Model::new(150, 12);
    model.missing = 0.3;
    model.effect = 2.0;
    let panel = model.generate(21).panel();
    let design = Design::new(&panel, 3);
    let mut stream = super::random::Stream::new(5);
    let weights: Vec<u32> = (0..design.agents()).map(|_| stream.below(4)).collect();
    let mut sums = design.cell_sums();
    let mut running = design.running();
    design.sums(&weights, &mut sums, &mut running);

    // The design sorts agents by class: rebuild that order to match weights to agents.
    let class_of = |g: Option<i32>| match g {
        Some(g) if (1..12).contains(&g) => g,
        _ => i32::MAX,
    };
    let mut order: Vec<usize> = (0..panel.agents())
        .filter(|&i| panel.first_trained(i).is_none_or(|g| g >= 1))
        .collect();
    order.sort_by_key(|&i| (class_of(panel.first_trained(i)), i));
    assert_eq!(order.len(), design.agents());

    for (c, cell) in design.cells.iter().enumerate() {
        let g = cell.base as i32 + 1;
        let (mut ts, mut tn, mut cs, mut cn) = (0.0, 0.0, 0.0, 0.0);
        for (k, &i) in order.iter().enumerate() {
            let w = f64::from(weights[k]);
            let (Some(b), Some(t)) = (panel.value(i, cell.base), panel.value(i, cell.week)) else {
                continue;
            };
            let class = class_of(panel.first_trained(i));
            if class == g {
                ts += w * (t - b);
                tn += w;
            } else if class > g.max(cell.week as i32) {
                cs += w * (t - b);
                cn += w;
            }
        }
        assert!((sums.treated_sum[c] - ts).abs() < 1e-6, "cell {cell:?}");
        assert_eq!(sums.treated_n[c], tn, "cell {cell:?}");
        assert!((sums.control_sum[c] - cs).abs() < 1e-6, "cell {cell:?}");
        assert_eq!(sums.control_n[c], cn, "cell {cell:?}");
    }
}

#[test]
fn the_panel_keeps_only_weeks_of_the_window_and_real_numbers() {
    let mut panel = Panel::new(4);
    panel.push_agent(
        Some(2),
        [(-1, 1.0), (0, 2.0), (2, f64::NAN), (3, 4.0), (4, 5.0)],
    );
    assert_eq!(panel.agents(), 1);
    assert_eq!(panel.first_trained(0), Some(2));
    assert_eq!(
        (0..5).map(|t| panel.value(0, t)).collect::<Vec<_>>(),
        vec![Some(2.0), None, None, Some(4.0), None]
    );
}

#[test]
fn the_window_numbers_iso_weeks_from_the_first_monday() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // 2026-01-07 is a Wednesday; its ISO week starts on Monday 2026-01-05.
    let window = Window::new(day(2026, 1, 7), 26);
    assert_eq!(window.first_monday(), day(2026, 1, 5));
    assert_eq!(window.index(day(2026, 1, 11)), 0);
    assert_eq!(window.index(day(2026, 1, 12)), 1);
    assert_eq!(window.index(day(2026, 1, 4)), -1);
    assert_eq!(window.index(day(2026, 7, 6)), 26);
    assert_eq!(window.monday(3), Some(day(2026, 1, 26)));
    assert_eq!(window.monday(-1), Some(day(2025, 12, 29)));
}

#[test]
fn a_week_ends_on_its_sunday_last_second_and_never_after_now() {
    let at = |y, m, d, h| {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 59, 59))
            .map(|t| t.and_utc())
    };
    let window = Window::new(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), 3);
    // Now is Wednesday of the third week, mid-morning.
    let now = at(2026, 1, 21, 10).unwrap();
    assert_eq!(
        window.week_ends(now),
        vec![
            at(2026, 1, 11, 23).unwrap(),
            at(2026, 1, 18, 23).unwrap(),
            now
        ]
    );
}

// Plain words.

fn example(estimate: f64, ci_low: f64, ci_high: f64, placebo: Option<Placebo>) -> Impact {
    Impact::Estimated(Estimate {
        estimate,
        ci_low,
        ci_high,
        treated_agents: 84,
        comparison_agents: 120,
        weeks: 26,
        weeks_before: 5,
        weeks_after: 12,
        event_study: Vec::new(),
        placebo,
        direction: Direction::HigherIsBetter,
        interpretation: Interpretation::of(Direction::HigherIsBetter, ci_low, ci_high),
        replicates: 200,
    })
}

const EMPOWERMENT: Training<'static> = Training::Path {
    title: "Empowerment basics",
};

fn fcr(locale: Locale) -> Metric<'static> {
    let unit = match locale {
        Locale::Es => "puntos",
        Locale::En => "points",
        Locale::It => "punti",
    };
    Metric {
        name: "FCR",
        unit,
        decimals: 0,
    }
}

#[test]
fn a_clear_improvement_reads_in_three_languages() {
    let impact = example(6.2, 2.1, 9.8, None);
    let text = |l| sentence(l, &impact, EMPOWERMENT, fcr(l));
    assert_eq!(
        text(Locale::En),
        "FCR was 6 points higher (95 % CI 2–10) for agents after they finished Empowerment \
         basics than for those who had not yet, over the same weeks."
    );
    assert_eq!(
        text(Locale::Es),
        "En FCR, los agentes que ya habían terminado Empowerment basics tuvieron valores 6 \
         puntos más altos (IC 95 %: 2–10) que quienes aún no, en las mismas semanas."
    );
    assert_eq!(
        text(Locale::It),
        "Per FCR, gli agenti che avevano già completato Empowerment basics hanno avuto valori \
         superiori di 6 punti (IC 95 %: 2–10) rispetto a chi non l'aveva ancora fatto, nelle \
         stesse settimane."
    );
}

#[test]
fn a_level_reached_and_a_fall_read_in_three_languages() {
    let impact = example(-0.34, -0.52, -0.11, None);
    let level = Training::Level {
        competency: "Empathy",
        level: "Proficient",
    };
    let csat = Metric {
        name: "CSAT",
        unit: "",
        decimals: 1,
    };
    assert_eq!(
        sentence(Locale::En, &impact, level, csat),
        "CSAT was 0.3 lower (95 % CI 0.1–0.5) for agents after they reached Proficient in \
         Empathy than for those who had not yet, over the same weeks."
    );
    assert_eq!(
        sentence(Locale::Es, &impact, level, csat),
        "En CSAT, los agentes que ya habían alcanzado el nivel Proficient en Empathy tuvieron \
         valores 0,3 más bajos (IC 95 %: 0,1–0,5) que quienes aún no, en las mismas semanas."
    );
    assert_eq!(
        sentence(Locale::It, &impact, level, csat),
        "Per CSAT, gli agenti che avevano già raggiunto il livello Proficient in Empathy hanno \
         avuto valori inferiori di 0,3 (IC 95 %: 0,1–0,5) rispetto a chi non l'aveva ancora \
         fatto, nelle stesse settimane."
    );
}

#[test]
fn no_clear_change_says_so_with_the_interval_across_zero() {
    let impact = example(1.2, -0.8, 3.2, None);
    let metric = |l| Metric {
        decimals: 1,
        ..fcr(l)
    };
    assert_eq!(
        sentence(Locale::En, &impact, EMPOWERMENT, metric(Locale::En)),
        "No clear change yet: FCR was 1.2 points higher for agents after they finished \
         Empowerment basics than for those who had not yet, over the same weeks, but the 95 % \
         CI (−0.8 to 3.2) includes no change."
    );
    assert_eq!(
        sentence(Locale::Es, &impact, EMPOWERMENT, metric(Locale::Es)),
        "Aún no hay un cambio claro: en FCR, los agentes que ya habían terminado Empowerment \
         basics tuvieron valores 1,2 puntos más altos que quienes aún no, en las mismas \
         semanas, pero el IC 95 % (de −0,8 a 3,2) incluye el cero."
    );
    assert_eq!(
        sentence(Locale::It, &impact, EMPOWERMENT, metric(Locale::It)),
        "Nessun cambiamento chiaro per ora: per FCR, gli agenti che avevano già completato \
         Empowerment basics hanno avuto valori superiori di 1,2 punti rispetto a chi non \
         l'aveva ancora fatto, nelle stesse settimane, ma l'IC 95 % (da −0,8 a 3,2) include \
         lo zero."
    );
}

#[test]
fn diverging_weeks_before_the_training_add_a_warning() {
    let placebo = Some(Placebo {
        estimate: 2.0,
        ci_low: 0.5,
        ci_high: 3.5,
    });
    let impact = example(6.2, 2.1, 9.8, placebo);
    for locale in Locale::ALL {
        let text = sentence(locale, &impact, EMPOWERMENT, fcr(locale));
        let warning = match locale {
            Locale::Es => "Atención: antes de la formación",
            Locale::En => "Caution: before the training",
            Locale::It => "Attenzione: prima della formazione",
        };
        assert!(text.contains(warning), "{text}");
    }
    let calm = example(
        6.2,
        2.1,
        9.8,
        Some(Placebo {
            estimate: 0.2,
            ci_low: -1.0,
            ci_high: 1.4,
        }),
    );
    assert!(!sentence(Locale::En, &calm, EMPOWERMENT, fcr(Locale::En)).contains("Caution"));
}

#[test]
fn not_enough_data_says_what_is_missing_in_three_languages() {
    let impact = Impact::NotEnoughData {
        missing: vec![
            Shortfall::TreatedAgents { have: 12, need: 20 },
            Shortfall::WeeksAfter { have: 1, need: 2 },
        ],
    };
    assert_eq!(
        sentence(Locale::En, &impact, EMPOWERMENT, fcr(Locale::En)),
        "Not enough data yet to tell how FCR moved for agents after they finished Empowerment \
         basics: 12 trained agents with data before and after (at least 20 needed); 1 weeks \
         of data after it (at least 2 needed)."
    );
    assert_eq!(
        sentence(Locale::Es, &impact, EMPOWERMENT, fcr(Locale::Es)),
        "Aún no hay datos suficientes para saber cómo cambió FCR en los agentes que ya habían \
         terminado Empowerment basics: 12 agentes formados con datos antes y después (se \
         necesitan al menos 20); 1 semanas de datos después (se necesitan al menos 2)."
    );
    assert_eq!(
        sentence(Locale::It, &impact, EMPOWERMENT, fcr(Locale::It)),
        "Non ci sono ancora dati sufficienti per capire come è cambiato FCR per gli agenti che \
         avevano già completato Empowerment basics: 12 agenti formati con dati prima e dopo \
         (ne servono almeno 20); 1 settimane di dati dopo (ne servono almeno 2)."
    );
}

#[test]
fn the_caveat_names_what_could_confound_it_in_three_languages() {
    let words = [
        (
            Locale::En,
            [
                "trained first",
                "same time",
                "regression to the mean",
                "not proof",
            ],
        ),
        (
            Locale::Es,
            [
                "se formó primero",
                "a la vez",
                "regresión a la media",
                "no prueba",
            ],
        ),
        (
            Locale::It,
            [
                "formato per primo",
                "stesso periodo",
                "regressione verso la media",
                "non prova",
            ],
        ),
    ];
    for (locale, needles) in words {
        let text = caveat(locale);
        for needle in needles {
            assert!(text.contains(needle), "{locale}: {needle} in {text}");
        }
    }
}
