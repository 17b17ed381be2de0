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
pub mod cells;
pub mod diag;
pub mod evaluation;
pub mod gen;
pub mod portfolio;
pub mod selfeval;
pub mod table;
pub mod text;
pub mod unitdir;

use std::path::Path;

use attain_core::{Model, Settings};

pub use diag::{Diagnostic, Diagnostics, Failed};

/// The result of importing an official table: the model and what was noticed.
#[derive(Debug, Clone)]
pub struct Import {
    pub model: Model,
    /// The encoding the table was read in.
    pub encoding: text::TextEncoding,
    pub diagnostics: Diagnostics,
}

/// Import an official target table and run the model checks on it, pointing each
/// finding at the table line its subject came from.
pub fn import_table(path: &Path, year: Option<u16>) -> Result<Import, Failed> {
    let text = text::read(path)?;
    let t = table::import_text(&text.content, path, year)?;
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
    for c in model.check() {
        diagnostics.push(sources.diagnostic(&c, path));
    }
    if diagnostics.has_errors() {
        return Err(Failed(diagnostics));
    }
    Ok(Import {
        model,
        encoding: text.encoding,
        diagnostics,
    })
}

/// A unit folder with its actuals and plan, ready for the engine.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub unit: unitdir::UnitDir,
    pub actuals: actuals::ReadActuals,
    pub plan: Option<attain_core::actuals::MonthlyPlan>,
    /// adjustments.csv and explanations.csv (empty when absent).
    pub evaluator: evaluation::EvaluatorFiles,
    /// Everything noticed while loading (warnings and notes; errors fail the load).
    pub diagnostics: Diagnostics,
}

/// Load a unit folder, its actuals and its plan. Fails if anything is an error.
pub fn load_all(dir: &Path) -> Result<Loaded, Failed> {
    let unit = unitdir::load(dir)?;
    let mut diagnostics = unit.diagnostics.clone();
    let read = actuals::read(dir, &unit.model);
    diagnostics.extend(read.diagnostics.clone());
    overspent(&unit.model, &unit.sources, &read.ledger, &mut diagnostics);
    let plan = actuals::read_plan(dir, &unit.model, &mut diagnostics);
    let evaluator = evaluation::read(dir, &unit.model, &mut diagnostics);
    if unit.model.settings.expected == attain_core::settings::ExpectedPath::Plan && plan.is_none() {
        diagnostics.push(
            Diagnostic::warning(
                "settings.expected is `plan` but there is no plan.csv: the milestone path is used",
            )
            .in_file(&dir.join(unitdir::UNIT_FILE))
            .help("add plan.csv (month, line, amount) or set expected = \"milestone\""),
        );
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
    })
}

/// Warn when a line's spending in the year exceeds its full-year budget (often a 元
/// figure written in a 万元 column), pointing at the line in budget.csv.
pub(crate) fn overspent(
    model: &Model,
    sources: &unitdir::SourceMap,
    ledger: &attain_core::actuals::Ledger,
    diags: &mut Diagnostics,
) {
    for line in model.budget.leaves() {
        let spent: attain_core::Decimal = ledger
            .spending
            .get(&line.name)
            .map(|m| m.values().copied().sum())
            .unwrap_or_default();
        if spent > line.budget {
            let d = Diagnostic::warning(format!(
                "spending on `{}` adds up to {} 万元 in the year, above its full-year budget of {} 万元",
                line.name, spent, line.budget
            ))
            .help("check the actuals for a figure in 元 instead of 万元, or a month booked twice; if the budget was raised, update budget.csv");
            diags.push(match sources.get(&line.name) {
                Some((file, l)) => d.in_file(file).at_line(*l),
                None => d,
            });
        }
    }
}
