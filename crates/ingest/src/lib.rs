//! attain's readers: official target tables, the unit folder's files and monthly
//! actuals, in the encodings users have, with diagnostics that name the file, line
//! and column of every problem and say how to fix it.
//!
//! Invariant: a reader either returns a complete value (with warnings) or fails
//! with at least one error diagnostic; nothing is silently dropped.

// A `Diagnostic` is large (it quotes its source line) but errors are rare and end the
// reading: boxing every one would only add noise.
#![allow(clippy::result_large_err)]

pub mod actuals;
pub mod atomic;
pub mod cells;
pub mod csvtable;
pub mod diag;
pub mod evaluation;
#[doc(hidden)]
pub mod fuzzing;
pub mod gen;
pub mod names;
pub mod portfolio;
pub mod selfeval;
pub mod table;
pub mod table_xlsx;
pub mod text;
pub mod unitdir;
pub mod workbook;

use std::path::Path;

use attain_core::msg::unit as msg;
use attain_core::{Model, Settings};

pub use diag::{Diagnostic, Diagnostics, Failed};

/// The result of importing an official table: the model and what was noticed.
#[derive(Debug, Clone)]
pub struct Import {
    pub model: Model,
    /// The encoding the table was read in; `None` for a workbook.
    pub encoding: Option<text::TextEncoding>,
    pub diagnostics: Diagnostics,
}

/// Import an official target table and run the model checks on it, pointing each
/// finding at the table line its subject came from.
pub fn import_table(path: &Path, year: Option<u16>) -> Result<Import, Failed> {
    import_table_bytes(&text::read_bytes(path)?, path, year)
}

/// Import an official target table from its bytes: text (in any encoding `text`
/// reads) or an `.xlsx` workbook. `path` names it in diagnostics (`<stdin>` for
/// standard input).
pub fn import_table_bytes(bytes: &[u8], path: &Path, year: Option<u16>) -> Result<Import, Failed> {
    let (t, encoding) = if text::is_workbook(bytes) {
        (table_xlsx::import(bytes, path, year)?, None)
    } else {
        let text = text::decode(bytes, path)?;
        if text.content.trim().is_empty() {
            return Err(Diagnostic::error(msg::empty_table())
                .in_file(path)
                .help(msg::empty_table_help())
                .into());
        }
        (
            table::import_text(&text.content, path, year)?,
            Some(text.encoding),
        )
    };
    // Record the weight profile the defaults came from.
    let mut settings = Settings::default();
    settings.scoring.weights =
        attain_core::weights::WeightProfile::for_blocks(t.indicators.iter().map(|i| &i.level1));
    let model = Model::new(t.unit, settings, t.budget, t.indicators);
    let mut sources = unitdir::SourceMap::default();
    for (i, line) in model.indicators.iter().zip(&t.indicator_lines) {
        sources.insert(&i.id.0, path, *line);
    }
    for (l, line) in model.budget.lines.iter().zip(&t.budget_lines) {
        sources.insert(&l.name, path, *line);
    }
    let mut diagnostics = t.diagnostics;
    check_names(
        &model,
        &t.indicator_lines,
        &t.budget_lines,
        path,
        &mut diagnostics,
    );
    for c in model.check() {
        diagnostics.push(sources.diagnostic(&c, path));
    }
    if diagnostics.has_errors() {
        return Err(Failed(diagnostics));
    }
    Ok(Import {
        model,
        encoding,
        diagnostics,
    })
}

/// Names of an imported table: no invisible characters, and no two that are one name
/// once full-width and half-width forms are folded.
fn check_names(
    model: &Model,
    indicator_lines: &[usize],
    budget_lines: &[usize],
    path: &Path,
    diags: &mut Diagnostics,
) {
    let indicators: Vec<(&str, usize)> = model
        .indicators
        .iter()
        .zip(indicator_lines)
        .map(|(i, l)| (i.name.as_str(), *l))
        .collect();
    let lines: Vec<(&str, usize)> = model
        .budget
        .lines
        .iter()
        .zip(budget_lines)
        .map(|(b, l)| (b.name.as_str(), *l))
        .collect();
    use attain_core::msg::unit::names as words;
    let groups = [
        (
            indicators,
            words::indicators_name(),
            words::indicator_name(),
        ),
        (lines, words::lines_name(), words::line_name()),
    ];
    for (group, whose, what) in groups {
        for (name, line) in &group {
            if let Some((_, c)) = names::invisible(name) {
                let (message, help) = names::invisible_message(whose.clone(), name, c);
                diags.push(
                    Diagnostic::error(message)
                        .in_file(path)
                        .at_line(*line)
                        .help(help),
                );
            }
        }
        for ((later, line), (earlier, earlier_line)) in names::fold_duplicates(group) {
            let (message, help) =
                names::fold_duplicate_message(what.clone(), later, earlier, earlier_line);
            diags.push(
                Diagnostic::error(message)
                    .in_file(path)
                    .at_line(line)
                    .help(help),
            );
        }
    }
}

/// A unit folder with its actuals and plan, ready for the engine.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub unit: unitdir::UnitDir,
    pub actuals: actuals::ReadActuals,
    pub plan: Option<attain_core::actuals::MonthlyPlan>,
    /// adjustments.csv and explanations.csv (empty when absent).
    pub evaluator: evaluation::EvaluatorFiles,
    /// Everything noticed while loading (warnings and notes; errors fail the load),
    /// the cross-checks of every month included (what `check` prints).
    pub diagnostics: Diagnostics,
    /// The cross-check warnings with the month of the figure they are about (also in
    /// `diagnostics`).
    pub cross_checks: Vec<(attain_core::Month, Diagnostic)>,
    /// `diagnostics` without the cross-checks, for [`Loaded::diagnostics_as_of`].
    without_cross_checks: Diagnostics,
}

impl Loaded {
    /// The diagnostics of a report as of `as_of`: the cross-checks of figures up to
    /// that month, as the report lists them, and not those after it, which a note
    /// counts instead (the report does not show those figures).
    pub fn diagnostics_as_of(&self, as_of: attain_core::Month) -> Diagnostics {
        let mut d = self.without_cross_checks.clone();
        let mut later = 0;
        for (m, c) in &self.cross_checks {
            if *m <= as_of {
                d.push(c.clone());
            } else {
                later += 1;
            }
        }
        if later > 0 {
            d.push(Diagnostic::note(attain_core::msg::crosscheck::later(
                later, as_of,
            )));
        }
        d
    }
}

/// Load a unit folder, its actuals and its plan. Fails if anything is an error.
pub fn load_all(dir: &Path) -> Result<Loaded, Failed> {
    let unit = unitdir::load(dir)?;
    let mut diagnostics = unit.diagnostics.clone();
    let read = actuals::read(dir, &unit.model);
    diagnostics.extend(read.diagnostics.clone());
    overspent(
        &unit.model,
        &unit.sources,
        &read.ledger,
        &read.actuals,
        &mut diagnostics,
    );
    let plan = actuals::read_plan(dir, &unit.model, &mut diagnostics);
    let evaluator = evaluation::read(dir, &unit.model, &mut diagnostics);
    if unit.model.settings.expected == attain_core::settings::ExpectedPath::Plan && plan.is_none() {
        diagnostics.push(
            Diagnostic::warning(msg::plan_missing())
                .in_file(&dir.join(unitdir::UNIT_FILE))
                .help(msg::plan_missing_help()),
        );
    }
    let without_cross_checks = diagnostics.clone();
    let cross_checks = cross_checks(dir, &unit.model, &read, plan.as_ref());
    for (_, c) in &cross_checks {
        diagnostics.push(c.clone());
    }
    if diagnostics.has_errors() {
        return Err(Failed(diagnostics));
    }
    Ok(Loaded {
        unit,
        actuals: read,
        plan,
        evaluator,
        diagnostics,
        cross_checks,
        without_cross_checks,
    })
}

/// Warn when a line's spending in the year exceeds its full-year budget (often a 元
/// figure written in a 万元 column), pointing at the line in budget.csv; above
/// `settings.far_over_budget` times the budget it is an error, naming the largest
/// month's row (a single month that far over is already an error where it is read).
pub(crate) fn overspent(
    model: &Model,
    sources: &unitdir::SourceMap,
    ledger: &attain_core::actuals::Ledger,
    actuals: &attain_core::actuals::Actuals,
    diags: &mut Diagnostics,
) {
    let spent_on = |line: &str| {
        ledger
            .spending
            .get(line)
            .map(|m| m.values().copied().sum())
            .unwrap_or_default()
    };
    let place = |line: &str| sources.get(line).map(|(file, l)| (file.as_path(), *l));
    overspent_by(model, place, spent_on, actuals, diags);
}

/// [`overspent`] with each line's spending in the year (by name) from `spent_on`,
/// and where a line came from by `place` (asked only for a finding).
pub(crate) fn overspent_by<'s>(
    model: &Model,
    place: impl Fn(&str) -> Option<(&'s Path, usize)>,
    spent_on: impl Fn(&str) -> attain_core::Decimal,
    actuals: &attain_core::actuals::Actuals,
    diags: &mut Diagnostics,
) {
    use attain_core::actuals::Item;
    let factor = model.settings.far_over_budget;
    for line in model.budget.leaves() {
        let spent = spent_on(&line.name);
        if spent <= line.budget {
            continue;
        }
        let far = attain_core::budget::far_over(spent, line.budget, factor);
        let d = if far {
            let item = Item::Line(line.name.as_str().into());
            let largest = actuals
                .entries()
                .iter()
                .filter(|e| e.item == item)
                .max_by_key(|e| e.value.number().unwrap_or_default());
            let d = Diagnostic::error(msg::far_overspent(&line.name, spent, factor, line.budget))
                .help(msg::far_overspent_help());
            match largest {
                Some(e) => d.related(msg::largest_month(actuals.source(&e.source), e.month)),
                None => d,
            }
        } else {
            Diagnostic::warning(msg::overspent(&line.name, spent, line.budget))
                .help(msg::overspent_help())
        };
        diags.push(match place(&line.name) {
            Some((file, l)) => d.in_file(file).at_line(l),
            None => d,
        });
    }
}

/// Reported figures that disagree with what spending, budget and plan give
/// ([`attain_core::crosscheck`]), located at the reported row, with their months.
fn cross_checks(
    dir: &Path,
    model: &Model,
    read: &actuals::ReadActuals,
    plan: Option<&attain_core::actuals::MonthlyPlan>,
) -> Vec<(attain_core::Month, Diagnostic)> {
    use attain_core::actuals::Item;
    let mut out = Vec::new();
    for c in attain_core::crosscheck::cross_checks(model, &read.actuals, plan) {
        let d = Diagnostic::warning(c.check.message).help(c.check.help);
        let at = read
            .actuals
            .get(&Item::Indicator(c.id.0.as_str().into()), c.month)
            .map(|e| e.source.first())
            .map(|p| (read.actuals.label(p.file), p.line));
        out.push((
            c.month,
            match at {
                Some((file, line)) => d
                    .in_file(&dir.join(file))
                    .at_line(line)
                    .column_name("value"),
                None => d,
            },
        ));
    }
    out
}
