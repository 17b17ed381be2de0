//! `attain portfolio` summarises each unit without building its full progress
//! (`attain_core::portfolio::summarize`); that summary must be what the full engine
//! gives (`summarize_in_full`) for every unit of generated portfolios, every as-of
//! month and every kind of expected path, with and without a monthly plan; and so
//! must the summary that takes what the units share from a `Template`
//! (`summarize_with`), whether the template fits the unit or not, with the default
//! light thresholds or others (of other scales, out of order), the template's the
//! unit's or not.

use attain_core::actuals::MonthlyPlan;
use attain_core::portfolio::{summarize, summarize_in_full, summarize_with, Template};
use attain_core::settings::{ExpectedPath, Lights};
use attain_core::{Decimal, Month};
use attain_ingest::gen::{generate, GenOptions};

/// A plan for every leaf but the last one (so that `plan` falls back to the milestone
/// path for the total and that line), uneven across the months.
fn plan_of(model: &attain_core::Model, year: u16) -> MonthlyPlan {
    let b = &model.budget;
    let leaves: Vec<_> = b.leaves().collect();
    let mut plan = MonthlyPlan::default();
    for (k, l) in leaves.iter().enumerate() {
        if k + 1 == leaves.len() && leaves.len() > 1 {
            break;
        }
        for m in Month::all_of(year) {
            let weight = Decimal::from(u32::from(m.number()) % 4 + 1 + k as u32);
            plan.amounts
                .insert((l.name.clone(), m), l.budget * weight / Decimal::from(40));
        }
    }
    plan
}

#[test]
fn the_summary_equals_the_full_engine_on_generated_portfolios() {
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for (seed, detail) in [(3, false), (11, true)] {
        let out = dir.path().join(format!("seed-{seed}"));
        let opts = GenOptions {
            units: 6,
            seed,
            folders: true,
            export: false,
            detail,
            ..GenOptions::default()
        };
        generate(&out, &opts).unwrap();
        let mut units: Vec<_> = std::fs::read_dir(out.join("folders"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        units.sort();
        assert_eq!(units.len(), 6);
        // The first unit's indicators, shared by every unit as a template is, two of
        // its counts measuring the execution of lines every unit has (one with the
        // total's milestones, one with its own).
        let mut shared = attain_ingest::load_all(&units[0]).unwrap().unit.model;
        let mut lines = ["基本支出", "项目支出"].into_iter();
        for ind in shared.indicators.iter_mut() {
            if ind.measure != attain_core::Measure::Sum {
                continue;
            }
            let Some(line) = lines.next() else { break };
            let target = |t: &str| attain_core::Target::parse(t).unwrap().target;
            ind.measure = attain_core::Measure::Execution {
                line: Some(line.into()),
            };
            (ind.h1, ind.fy) = match line {
                "基本支出" => (target("=46%"), target("=100%")),
                _ => (target("≥40%"), target("≥95%")),
            };
        }
        assert!(lines.next().is_none());
        let dec = |s: &str| s.parse::<Decimal>().unwrap();
        let lights = |r: &str, y: &str, b: &str| Lights {
            red_below: dec(r),
            yellow_below: dec(y),
            blue_from: dec(b),
        };
        // The default thresholds, then others for some units: of several scales,
        // out of order, equal; each unit's template made with its own thresholds or
        // with the default ones (equal values at another scale for the last).
        let other_lights = [
            lights("59.5", "80", "120.25"),
            lights("90", "70", "100"),
            lights("85", "85", "85"),
            lights("60.0", "80.0", "120.0"),
        ];
        for (k, u) in units.into_iter().enumerate() {
            let loaded = attain_ingest::load_all(&u).unwrap();
            let mut model = loaded.unit.model.clone();
            model.indicators = shared.indicators.clone();
            model.reindex();
            let unit_lights = match k {
                0 | 1 => Lights::default(),
                k => other_lights[(k - 2) % other_lights.len()].clone(),
            };
            model.settings.lights = unit_lights.clone();
            let actuals = &loaded.actuals.actuals;
            let year = model.unit.year;
            let plan = plan_of(&model, year);
            for expected in [
                ExpectedPath::Milestone,
                ExpectedPath::Linear,
                ExpectedPath::Plan,
            ] {
                model.settings.expected = expected;
                for with_plan in [None, Some(&plan)] {
                    for m in [1, 2, 5, 6, 7, 11, 12] {
                        let m = Month::new(year, m).unwrap();
                        let fast = summarize("k", &model, actuals, with_plan, m);
                        let full = summarize_in_full("k", &model, actuals, with_plan, m);
                        assert_eq!(fast, full, "{} {expected:?} {m}", u.display());
                        // A template made from another unit of the same indicators,
                        // and ones that do not fit: another month, another kind of
                        // path, equal indicators not shared.
                        let mut other = shared.clone();
                        other.settings.expected = expected;
                        other.settings.lights = unit_lights.clone();
                        let fits = Template::new(&other, m);
                        other.settings.lights = match k {
                            1 => other_lights[0].clone(),
                            _ => Lights::default(),
                        };
                        let lit = Template::new(&other, m);
                        other.settings.lights = unit_lights.clone();
                        let next = Month::new(year, m.number() % 12 + 1).unwrap();
                        let later = Template::new(&other, next);
                        other.settings.expected = match expected {
                            ExpectedPath::Linear => ExpectedPath::Milestone,
                            _ => ExpectedPath::Linear,
                        };
                        let path = Template::new(&other, m);
                        other.settings.expected = expected;
                        other.indicators = (*shared.indicators).clone().into();
                        let unshared = Template::new(&other, m);
                        for t in [&fits, &lit, &later, &path, &unshared] {
                            let with =
                                summarize_with(Some(t), &[], "k", &model, actuals, with_plan, m);
                            assert_eq!(with, full, "{} {expected:?} {m}", u.display());
                        }
                        compared += 1;
                    }
                }
            }
        }
    }
    assert_eq!(compared, 2 * 6 * 3 * 2 * 7);
}

/// Units of the export shape as `attain portfolio` reads them: sharing the template,
/// with each indicator's place in the actuals kept by the reader. Summarised with a
/// template and those places, with places that are not the indicators' (each one
/// off by one: looked up by the item instead), and without either, they give what
/// the full engine gives.
#[test]
fn export_units_summarised_with_their_places_and_template_equal_the_full_engine() {
    use attain_ingest::portfolio::{for_each_unit, Source};
    let dir = tempfile::tempdir().unwrap();
    for (seed, detail) in [(5, false), (13, true)] {
        let out = dir.path().join(format!("seed-{seed}"));
        let opts = GenOptions {
            units: 8,
            seed,
            folders: false,
            export: true,
            detail,
            ..GenOptions::default()
        };
        generate(&out, &opts).unwrap();
        let source = Source::of(&out.join("export")).unwrap();
        let (units, _) = for_each_unit(&source, |_| {}, || {}, |r| r.ok()).unwrap();
        let units: Vec<_> = units.into_iter().flatten().collect();
        assert!(units.len() >= 6, "{}", units.len());
        let mut placed = 0;
        for u in &units {
            assert!(u.model.indicators.is(&units[0].model.indicators));
            assert!(u.shared_targets);
            let n = u.model.indicators.len() + u.model.budget.lines.len();
            assert_eq!(u.places.len(), n);
            placed += u.places[..u.model.indicators.len()]
                .iter()
                .flatten()
                .count();
            let mut shifted = u.places.clone();
            shifted.rotate_left(1);
            let year = u.model.unit.year;
            for m in [1, 2, 6, 7, 12] {
                let m = Month::new(year, m).unwrap();
                let t = Template::new(&units[0].model, m);
                let full = summarize_in_full(&u.key, &u.model, &u.actuals, None, m);
                for (template, places) in [
                    (Some(&t), &u.places),
                    (Some(&t), &shifted),
                    (None, &u.places),
                    (None, &Vec::new()),
                ] {
                    let with =
                        summarize_with(template, places, &u.key, &u.model, &u.actuals, None, m);
                    assert_eq!(with, full, "{} {m}", u.key);
                }
            }
        }
        // Most indicators of most units have rows: their places were kept.
        assert!(placed > units.len() * 20, "{placed}");
    }
}
