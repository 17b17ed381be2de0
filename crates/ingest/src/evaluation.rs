//! The evaluator's files of a unit folder: `adjustments.csv` (manual scores with
//! their reasons) and `explanations.csv` (偏差原因, 完成目标可能性, 改进措施). Both are
//! optional.

use std::path::Path;

use attain_core::scoring::{Adjustment, Cause, CauseList, Explanation, Likelihood};
use attain_core::{Model, Period};

use crate::cells::Row;
use crate::csvtable::{Column, CsvTable};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::unitdir::SourceMap;
use attain_core::msg::explain as msg;

pub const ADJUSTMENTS_FILE: &str = "adjustments.csv";
pub const EXPLANATIONS_FILE: &str = "explanations.csv";

pub const ADJUSTMENT_COLUMNS: &[Column] = &[
    Column {
        key: "indicator",
        zh: &["指标", "三级指标", "编号"],
        required: true,
    },
    Column {
        key: "period",
        zh: &["期间", "时段"],
        required: true,
    },
    Column {
        key: "score",
        zh: &["得分", "调整得分"],
        required: true,
    },
    Column {
        key: "reason",
        zh: &["理由", "调整理由", "原因"],
        required: true,
    },
];

pub const EXPLANATION_COLUMNS: &[Column] = &[
    Column {
        key: "indicator",
        zh: &["指标", "三级指标", "编号"],
        required: true,
    },
    Column {
        key: "period",
        zh: &["期间", "时段"],
        required: true,
    },
    Column {
        key: "cause",
        zh: &["偏差原因"],
        required: true,
    },
    Column {
        key: "likelihood",
        zh: &["完成目标可能性", "完成可能性"],
        required: true,
    },
    Column {
        key: "measures",
        zh: &["改进措施"],
        required: false,
    },
];

/// What the evaluator wrote, with where each entry came from.
#[derive(Debug, Clone, Default)]
pub struct EvaluatorFiles {
    pub adjustments: Vec<Adjustment>,
    /// `(indicator id, period)` → file and line of each adjustment.
    pub adjustment_places: Vec<(String, Period, usize)>,
    pub explanations: Vec<Explanation>,
    /// summary.toml: what was achieved of the 年度总体目标, in words.
    pub summary: Summary,
}

/// The file with the 实际完成情况 of the 年度总体目标 (the official forms' goal block).
pub const SUMMARY_FILE: &str = "summary.toml";

/// summary.toml: the evaluator's words on what was achieved of the 年度总体目标
/// (`annual_goal` in unit.toml), one text per form; a form without one shows
/// 【待填写】.
///
/// ```toml
/// midyear = "1–6月，完成出访团组 1 个……"   # 1–N月实际完成情况 (绩效运行监控表)
/// midyear_month = 6                       # the month `midyear` was written for
/// yearend = "全年完成出访团组 4 个……"      # 实际完成情况 (部门整体支出绩效自评表)
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    #[serde(default)]
    pub midyear: Option<String>,
    /// The monitoring month `midyear` was written for (1–12; June when absent).
    #[serde(default)]
    pub midyear_month: Option<u8>,
    #[serde(default)]
    pub yearend: Option<String>,
}

/// Read summary.toml if the unit folder has one; an unreadable file is an error at
/// its line and column.
fn read_summary(dir: &Path, diags: &mut Diagnostics) -> Summary {
    let path = dir.join(SUMMARY_FILE);
    if !path.is_file() {
        return Summary::default();
    }
    let t = match crate::text::read(&path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Summary::default();
        }
    };
    if t.content.trim().is_empty() {
        diags.push(
            Diagnostic::warning(attain_core::msg::actuals::empty_file())
                .in_file(&path)
                .help(msg::empty_summary_help()),
        );
        return Summary::default();
    }
    match toml::from_str::<Summary>(&t.content) {
        Ok(mut s) => {
            // Blank text is no text.
            for v in [&mut s.midyear, &mut s.yearend] {
                if v.as_deref().is_some_and(|x| x.trim().is_empty()) {
                    *v = None;
                }
            }
            if let Some(m) = s.midyear_month.filter(|m| !(1..=12).contains(m)) {
                let mut d = Diagnostic::error(msg::midyear_month(m))
                    .in_file(&path)
                    .help(msg::midyear_month_help());
                if let Some((k, src)) = t
                    .content
                    .lines()
                    .enumerate()
                    .find(|(_, l)| l.trim_start().starts_with("midyear_month"))
                {
                    // The value: the first character after `=` that is not a space.
                    let col = src.find('=').map_or(1, |i| {
                        let rest = &src[i + 1..];
                        let pad = rest.len() - rest.trim_start().len();
                        src[..i + 1 + pad].chars().count() + 1
                    });
                    d = d.at(k + 1, col, 1, src);
                }
                diags.push(d);
                s.midyear_month = None;
            }
            s
        }
        Err(e) => {
            let d = Diagnostic::error(msg::summary_unreadable(e.message().trim()))
                .in_file(&path)
                .help(msg::summary_help());
            let d = match crate::unitdir::toml_position(&t.content, e.span()) {
                Some((line, col, width)) => {
                    let src = t.content.lines().nth(line - 1).unwrap_or("");
                    d.at(line, col, width.min(src.chars().count().max(1)), src)
                }
                None => d,
            };
            diags.push(d);
            Summary::default()
        }
    }
}

impl EvaluatorFiles {
    /// A source map from indicator id to the adjustments.csv line for `period`.
    pub fn adjustment_sources(&self, dir: &Path, period: Period) -> SourceMap {
        let mut m = SourceMap::default();
        for (id, p, line) in &self.adjustment_places {
            if *p == period {
                m.insert(id, &dir.join(ADJUSTMENTS_FILE), *line);
            }
        }
        m
    }
}

/// Read adjustments.csv and explanations.csv of `dir` (each optional).
pub fn read(dir: &Path, model: &Model, diags: &mut Diagnostics) -> EvaluatorFiles {
    let mut out = EvaluatorFiles::default();
    let path = dir.join(ADJUSTMENTS_FILE);
    if let Some(t) = CsvTable::read_optional(&path, ADJUSTMENT_COLUMNS, diags) {
        read_adjustments(&path, &t, model, diags, &mut out);
    }
    let path = dir.join(EXPLANATIONS_FILE);
    if let Some(t) = CsvTable::read_optional(&path, EXPLANATION_COLUMNS, diags) {
        read_explanations(&path, &t, model, diags, &mut out);
    }
    out.summary = read_summary(dir, diags);
    out
}

/// Resolve the indicator and period cells shared by both files.
fn indicator_and_period(
    path: &Path,
    t: &CsvTable,
    row: &Row,
    model: &Model,
    diags: &mut Diagnostics,
) -> Option<(String, Period)> {
    let [ic, pc] = t
        .required(row, ["indicator", "period"], path)
        .map_err(|d| diags.push(d))
        .ok()?;
    let Some(ind) = model.indicator(&ic.text) else {
        let names = model
            .indicators
            .iter()
            .flat_map(|i| [i.name.as_str(), i.id.0.as_str()]);
        let close = crate::actuals::suggestions(&ic.text, names);
        let mut d = row
            .point(
                path,
                Diagnostic::error(msg::unknown_indicator(&ic.text)),
                ic,
                "",
            )
            .column_name("indicator");
        d = d.help(
            attain_core::msg::csv::did_you_mean(&close).unwrap_or_else(msg::unknown_indicator_help),
        );
        diags.push(d);
        return None;
    };
    match pc.text.parse::<Period>() {
        Ok(p) => Some((ind.id.0.clone(), p)),
        Err(e) => {
            diags.push(
                row.point(path, Diagnostic::error(e), pc, "")
                    .column_name("period"),
            );
            None
        }
    }
}

/// The line of the first row read for each indicator and period, to refuse a second.
#[derive(Debug, Default)]
struct Firsts(std::collections::HashMap<(String, Period), usize>);

impl Firsts {
    /// The first row's line when `id` and `period` were already read; else records
    /// `line` as the first (a hash lookup).
    fn seen(&mut self, id: &str, period: Period, line: usize) -> Option<usize> {
        match self.0.entry((id.to_string(), period)) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
    }
}

/// A second row for an indicator and period, as an error at its indicator cell that
/// names the first row's line too.
fn second_row(path: &Path, t: &CsvTable, row: &Row, message: Msg, first: usize) -> Diagnostic {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let d = Diagnostic::error(message);
    let d = match t.cell(row, "indicator") {
        Some(c) => row.point(path, d, c, "").column_name("indicator"),
        None => row.point_row(path, d),
    };
    d.related(msg::first_row(file, first))
}

/// An indicator's name for messages.
fn name_of<'m>(model: &'m Model, id: &'m str) -> &'m str {
    model.indicator(id).map_or(id, |i| i.name.as_str())
}

fn read_adjustments(
    path: &Path,
    t: &CsvTable,
    model: &Model,
    diags: &mut Diagnostics,
    out: &mut EvaluatorFiles,
) {
    let mut firsts = Firsts::default();
    for row in &t.rows {
        let Some((id, period)) = indicator_and_period(path, t, row, model, diags) else {
            continue;
        };
        if let Some(first) = firsts.seen(&id, period, row.line) {
            let message = msg::second_score(name_of(model, &id), period, first);
            diags.push(second_row(path, t, row, message, first).help(msg::second_score_help()));
            continue;
        }
        let get = |k: &str| t.cell(row, k);
        let [sc] = match t.required(row, ["score"], path) {
            Ok(c) => c,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let score = match attain_core::target::parse_decimal(&sc.text) {
            Some(s) => s,
            None => {
                diags.push(
                    row.point(
                        path,
                        Diagnostic::error(msg::score_not_a_number(&sc.text)),
                        sc,
                        "",
                    )
                    .column_name("score")
                    .help(msg::score_not_a_number_help()),
                );
                continue;
            }
        };
        let reason = get("reason").map(|c| c.text.clone()).unwrap_or_default();
        if reason.trim().is_empty() {
            let d = match get("reason") {
                Some(c) => row.point(path, Diagnostic::error(msg::no_reason()), c, ""),
                None => row.point_row(path, Diagnostic::error(msg::no_reason())),
            };
            diags.push(d.column_name("reason").help(msg::no_reason_help()));
            continue;
        }
        out.adjustment_places.push((id.clone(), period, row.line));
        out.adjustments.push(Adjustment {
            id: attain_core::IndicatorId(id),
            period,
            score,
            reason,
        });
    }
}

fn read_explanations(
    path: &Path,
    t: &CsvTable,
    model: &Model,
    diags: &mut Diagnostics,
    out: &mut EvaluatorFiles,
) {
    let mut firsts = Firsts::default();
    for row in &t.rows {
        let Some((id, period)) = indicator_and_period(path, t, row, model, diags) else {
            continue;
        };
        if let Some(first) = firsts.seen(&id, period, row.line) {
            let message = msg::second_explanation(name_of(model, &id), period, first);
            diags.push(
                second_row(path, t, row, message, first).help(msg::second_explanation_help()),
            );
            continue;
        }
        let get = |k: &str| t.cell(row, k);
        let [cc, lc] = match t.required(row, ["cause", "likelihood"], path) {
            Ok(c) => c,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let cause = match cc.text.parse::<Cause>() {
            Ok(c) => c,
            Err(e) => {
                let list = |l: CauseList| {
                    l.causes()
                        .iter()
                        .map(|c| c.zh())
                        .collect::<Vec<_>>()
                        .join(" / ")
                };
                diags.push(
                    row.point(path, Diagnostic::error(e), cc, "")
                        .column_name("cause")
                        .help(msg::cause_help(
                            list(CauseList::Standard),
                            list(CauseList::Alternative),
                        )),
                );
                continue;
            }
        };
        let likelihood = match lc.text.parse::<Likelihood>() {
            Ok(l) => l,
            Err(e) => {
                diags.push(
                    row.point(path, Diagnostic::error(e), lc, "")
                        .column_name("likelihood")
                        .help(msg::likelihood_help()),
                );
                continue;
            }
        };
        let measures = get("measures").map(|c| c.text.clone()).unwrap_or_default();
        let e = Explanation {
            id: attain_core::IndicatorId(id),
            period,
            cause,
            likelihood,
            measures,
        };
        for p in e.problems(CauseList::Standard) {
            diags.push(row.point_row(path, Diagnostic::warning(p)));
        }
        out.explanations.push(e);
    }
}
