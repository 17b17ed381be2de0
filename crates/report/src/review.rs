//! Rendering of a self-evaluation table review ([`attain_core::review::Review`]): text
//! for people and JSON. Every figure comes from the review; decimals are written as
//! JSON strings.

use attain_core::fmt::plain;
use attain_core::msg::cli::review_text as w;
use attain_core::msg::{Lang, Msg};
use attain_core::review::{Figure, Review};
use attain_core::settings::{Rounding, Scoring};
use attain_core::Decimal;
use serde_json::{json, Value as Json};

use crate::terminal::table;

/// What the review was run on, for the heading.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The table file, as given.
    pub table: &'a str,
    pub settings: &'a Scoring,
    /// The language of the findings and notes.
    pub lang: Lang,
}

fn rounding_name(r: Rounding) -> &'static str {
    match r {
        Rounding::Cents => "cents",
        Rounding::Whole => "whole",
    }
}

fn grades_name(s: &Scoring) -> String {
    format!(
        "{}/{}/{}",
        plain(s.grades.excellent),
        plain(s.grades.good),
        plain(s.grades.fair)
    )
}

fn opt(d: Option<Decimal>) -> String {
    d.map(plain).unwrap_or_else(|| "-".into())
}

fn fig(f: &Option<Figure>) -> Json {
    f.as_ref()
        .map_or(Json::Null, |f| Json::String(f.to_string()))
}

fn dec(d: Option<Decimal>) -> Json {
    d.map_or(Json::Null, |d| Json::String(plain(d)))
}

/// The review as text: the rows, the findings, the notes, the total and the grade.
pub fn text(r: &Review, ctx: Context<'_>) -> String {
    let s = ctx.settings;
    let h = |m: Msg| m.render(ctx.lang);
    let line = |m: Msg| format!("{}\n", m.render(ctx.lang));
    let mut out = line(w::heading(
        ctx.table,
        &s.profile,
        rounding_name(s.rounding),
        grades_name(s),
    ));
    if !r.layout.is_empty() {
        out.push_str(&line(w::layout(&r.layout)));
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| {
            vec![
                row.line.to_string(),
                row.block.clone(),
                row.indicator.clone(),
                if row.target.is_empty() {
                    "-".into()
                } else {
                    row.target.clone()
                },
                if row.actual.is_empty() {
                    "-".into()
                } else {
                    row.actual.clone()
                },
                opt(row.weight),
                opt(row.published),
                match &row.recomputed {
                    Some(rs) => plain(rs.rule_score),
                    None => h(w::as_given()),
                },
                if row.flagged { "✗" } else { "" }.into(),
            ]
        })
        .collect();
    let header = [
        h(w::h_line()),
        h(w::h_block()),
        h(w::h_indicator()),
        h(w::h_target()),
        h(w::h_actual()),
        "分值".to_string(),
        h(w::h_published()),
        h(w::h_rule()),
        String::new(),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    out.push_str(&table(&header, &rows, &[0, 5, 6, 7]));
    out.push('\n');
    if r.findings.is_empty() {
        out.push_str(&line(w::no_findings()));
    } else {
        out.push_str(&line(w::findings(r.findings.len())));
        for f in &r.findings {
            out.push_str(&format!(
                "  {}  [{}] {}\n",
                h(w::at_line(f.line)),
                f.kind,
                f.message.render(ctx.lang)
            ));
        }
    }
    if !r.notes.is_empty() {
        out.push_str(&line(w::notes(r.notes.len())));
        for n in &r.notes {
            match n.line {
                Some(l) => out.push_str(&format!(
                    "  {}  {}\n",
                    h(w::at_line(l)),
                    n.message.render(ctx.lang)
                )),
                None => out.push_str(&format!("  {}\n", n.message.render(ctx.lang))),
            }
        }
    }
    if !r.not_checked.is_empty() {
        out.push_str(&line(w::not_checked(r.not_checked.len())));
        for n in &r.not_checked {
            out.push_str(&format!("  {}\n", n.render(ctx.lang)));
        }
    }
    out.push('\n');
    out.push_str(&line(w::weights(plain(r.weight_total))));
    out.push_str(&line(w::total(
        r.total
            .published
            .map(plain)
            .unwrap_or_else(|| h(w::no_total())),
        plain(r.total.sum_of_rows),
        plain(r.total.recomputed),
    )));
    out.push_str(&line(w::grade(
        r.grade
            .published
            .clone()
            .unwrap_or_else(|| h(w::no_grade())),
        r.grade.expected,
        if r.total.published.is_some() {
            w::of_published()
        } else {
            w::of_recomputed()
        },
        plain(r.total.published.unwrap_or(r.total.recomputed)),
        r.grade.recomputed,
    )));
    out.push_str(&line(if r.is_consistent() {
        w::consistent()
    } else {
        match &r.consistent_with {
            Some(alt) => w::findings_consistent_with(r.findings.len(), alt),
            None => w::findings_count(r.findings.len()),
        }
    }));
    out
}

/// The review as JSON: `findings` [{row, indicator, kind, published, expected,
/// message, code}] (the message in the context's language, `code` its catalogue key), `total` {published, recomputed, sum_of_rows}, `grade` {published,
/// expected, recomputed}, the rows and the notes.
pub fn json(r: &Review, ctx: Context<'_>) -> String {
    let s = ctx.settings;
    let lang = ctx.lang;
    let v = json!({
        "table": ctx.table,
        "profile": s.profile,
        "rounding": rounding_name(s.rounding),
        "grades": grades_name(s),
        "consistent": r.is_consistent(),
        "consistent_with": r.consistent_with,
        "layout": r.layout,
        "not_checked": r.not_checked.iter().map(|m| m.render(lang)).collect::<Vec<_>>(),
        "findings": r.findings.iter().map(|f| json!({
            "row": f.line,
            "indicator": f.indicator,
            "kind": f.kind.code(),
            "published": fig(&f.published),
            "expected": fig(&f.expected),
            "message": f.message.render(lang),
            "code": f.message.key(),
        })).collect::<Vec<_>>(),
        "total": {
            "published": dec(r.total.published),
            "recomputed": plain(r.total.recomputed),
            "sum_of_rows": plain(r.total.sum_of_rows),
        },
        "grade": {
            "published": r.grade.published,
            "expected": r.grade.expected.zh(),
            "recomputed": r.grade.recomputed.zh(),
        },
        "weights": plain(r.weight_total),
        "rows": r.rows.iter().map(|row| json!({
            "row": row.line,
            "block": row.block,
            "indicator": row.indicator,
            "target": row.target,
            "actual": row.actual,
            "weight": dec(row.weight),
            "published": dec(row.published),
            "recomputed": dec(row.recomputed.as_ref().map(|x| x.rule_score)),
            "rule": row.recomputed.as_ref().and_then(|x| x.rule.as_ref()).map(ToString::to_string),
            "working": row.recomputed.as_ref().map(|x| x.working.render(lang)),
            "counted": plain(row.counted),
        })).collect::<Vec<_>>(),
        "notes": r.notes.iter().map(|n| json!({
            "row": n.line,
            "message": n.message.render(lang),
            "code": n.message.key(),
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
