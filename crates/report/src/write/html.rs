//! HTML: one self-contained page per document (see [`crate::html`] for the shell and
//! the rules every page keeps). Tables take their classes from the document: the
//! table's id, each column's role (`num` right-aligns figures), each row's style
//! (`total`, `subtotal`, `note`), a light's colour; spans become `colspan`. Every
//! string is escaped.

use std::fmt::Write as _;

use crate::chart::{self, ChartStyle};
use crate::chart_data;
use crate::doc::{Block, Cell, Document, Figure, Slot, Style, Table, Value};
use crate::html::{esc, figure, h1, h2, list, paragraph, NARROW_CHART_WIDTH};
use crate::lang::Lang;
use crate::progress::ProgressReport;

fn class_attr(classes: &[&str]) -> String {
    let joined: Vec<&str> = classes.iter().flat_map(|c| c.split_whitespace()).collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", esc(&joined.join(" ")))
    }
}

fn cell_html(c: &Cell, lang: Lang) -> String {
    let indent = "\u{3000}".repeat(usize::from(c.indent));
    match &c.value {
        Value::Light(l) => {
            let word = match lang {
                Lang::Zh => l.zh(),
                Lang::En => l.code(),
            };
            format!("<span class=\"sym\">{}</span> {}", l.symbol(), esc(word))
        }
        v => match &c.mark {
            Some(m) => format!(
                "{indent}{}<span class=\"mark\">{}</span>",
                esc(&v.display(lang)),
                esc(m)
            ),
            None => format!("{indent}{}", esc(&v.display(lang))),
        },
    }
}

/// A table in a box that scrolls sideways on narrow screens.
pub fn table(t: &Table, lang: Lang) -> String {
    let mut out = String::from("<div class=\"table-wrap\">\n");
    let _ = writeln!(out, "<table{}>", class_attr(&[t.id]));
    out.push_str("<thead>\n<tr>");
    if t.has_groups() {
        // Two header rows: a group over its columns, an ungrouped column over both.
        for (group, first, n) in t.header_runs() {
            match group {
                Some(g) => {
                    let _ = write!(
                        out,
                        "<th scope=\"colgroup\" colspan=\"{n}\" class=\"group-head\">{}</th>",
                        esc(g)
                    );
                }
                None => {
                    let c = &t.columns[first];
                    let _ = write!(
                        out,
                        "<th scope=\"col\" rowspan=\"2\"{}>{}</th>",
                        class_attr(&[c.role.class()]),
                        esc(&c.head)
                    );
                }
            }
        }
        out.push_str("</tr>\n<tr>");
        for c in t.columns.iter().filter(|c| c.group.is_some()) {
            let _ = write!(
                out,
                "<th scope=\"col\"{}>{}</th>",
                class_attr(&[c.role.class()]),
                esc(&c.head)
            );
        }
    } else {
        for c in &t.columns {
            let _ = write!(
                out,
                "<th scope=\"col\"{}>{}</th>",
                class_attr(&[c.role.class()]),
                esc(&c.head)
            );
        }
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for (r, slots) in t.rows.iter().zip(t.grid()) {
        let style = match r.style {
            Style::Body => "",
            Style::Subtotal => "subtotal",
            Style::Total => "total",
            Style::Note => "note",
        };
        let _ = write!(out, "<tr{}>", class_attr(&[style]));
        for (at, slot) in slots.iter().enumerate() {
            let Slot::Start(c) = slot else { continue };
            let role = match t.columns.get(at) {
                Some(col) if c.span == 1 => col.role.class(),
                _ => "",
            };
            let light = match &c.value {
                Value::Light(l) => format!("light light-{}", l.code()),
                _ => String::new(),
            };
            let mut spans = String::new();
            if c.span > 1 {
                let _ = write!(spans, " colspan=\"{}\"", c.span);
            }
            if c.row_span > 1 {
                let _ = write!(spans, " rowspan=\"{}\"", c.row_span);
            }
            let _ = write!(
                out,
                "<td{}{spans}>{}</td>",
                class_attr(&[role, &light]),
                cell_html(c, lang)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

/// The page of a document; `charts` draws its figures (the progress of the month).
pub fn write(d: &Document, charts: &ProgressReport) -> String {
    write_page(d, Some(charts))
}

/// The page of a document whose unit figures ([`Figure::Execution`],
/// [`Figure::Indicators`]) are drawn from `charts`, left out without it; the curves
/// a document carries ([`Figure::Curve`], [`Figure::Multiples`]) are drawn as they
/// are.
pub fn write_page(d: &Document, charts: Option<&ProgressReport>) -> String {
    let lang = d.lang;
    let wide = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    let narrow = ChartStyle {
        width: NARROW_CHART_WIDTH,
        height: 360,
        ..wide.clone()
    };
    // The small multiples, as the portfolio's SVG files draw them.
    let narrow_small = crate::portfolio::small(&wide);
    let mut body = String::new();
    body.push_str("<header>\n");
    body.push_str(&h1(&d.title));
    if !d.fields.is_empty() {
        body.push_str("<p class=\"fields\">");
        for (k, v) in &d.fields {
            let _ = write!(
                body,
                "<span class=\"field\"><span class=\"label\">{}{}</span>{}</span>",
                esc(k),
                if lang == Lang::Zh { "：" } else { ": " },
                esc(v)
            );
        }
        body.push_str("</p>\n");
    }
    if let Some(s) = &d.stamp {
        body.push_str(&paragraph("stamp", s));
    }
    body.push_str(&paragraph("headline", &d.headline));
    body.push_str("</header>\n");
    for s in &d.sections {
        let _ = writeln!(body, "<section id=\"{}\">", esc(s.id));
        body.push_str(&h2(s.heading_id, &s.heading));
        for b in &s.blocks {
            match b {
                Block::Figure(Figure::Execution) => {
                    let Some(charts) = charts else { continue };
                    let curve = chart_data::execution_total(charts, lang);
                    body.push_str(&figure(
                        "chart execution",
                        &chart::execution_svg(&curve, &wide),
                        Some(&chart::execution_svg(&curve, &narrow)),
                    ));
                }
                Block::Figure(Figure::Indicators) => {
                    let Some(charts) = charts else { continue };
                    let p = chart_data::indicator_progress(charts, lang);
                    body.push_str(&figure(
                        "chart indicators tall",
                        &chart::indicators_svg(&p, &wide),
                        Some(&chart::indicators_svg(&p, &narrow)),
                    ));
                }
                Block::Figure(Figure::Curve(curve)) => {
                    body.push_str(&figure(
                        "chart execution",
                        &chart::execution_svg(curve, &wide),
                        Some(&chart::execution_svg(curve, &narrow)),
                    ));
                }
                Block::Figure(Figure::Multiples(curves)) => {
                    body.push_str(
                        "<div class=\"multiples\" style=\"display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px\">\n",
                    );
                    for c in curves {
                        body.push_str(&figure(
                            "chart small",
                            &chart::execution_svg(c, &narrow_small),
                            None,
                        ));
                    }
                    body.push_str("</div>\n");
                }
                Block::Table(t) => body.push_str(&table(t, lang)),
                Block::List { class, items } => body.push_str(&list(class, items)),
                Block::Paragraph { class, text } => body.push_str(&paragraph(class, text)),
            }
        }
        body.push_str("</section>\n");
    }
    body.push_str("<footer>\n");
    body.push_str(&paragraph("footnote", &d.footnote));
    body.push_str("</footer>\n");
    // A form (a document with header fields) prints landscape.
    crate::html::page_with(&d.title, lang, &body, !d.fields.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Column, Kind, Role, Row};
    use attain_core::progress::Light;

    #[test]
    fn table_escapes_text_and_classes_columns() {
        let t = Table {
            id: "t",
            name: "t".into(),
            columns: vec![
                Column {
                    key: "name",
                    head: "名称".into(),
                    kind: Kind::Text,
                    role: Role::Name,
                    group: None,
                },
                Column {
                    key: "n",
                    head: "数".into(),
                    kind: Kind::Number,
                    role: Role::Figure,
                    group: None,
                },
            ],
            rows: vec![
                Row::body(vec![
                    Cell::text("<b>x</b>"),
                    Cell::new(Value::Amount(rust_decimal::Decimal::ONE)),
                ]),
                Row::styled(
                    Style::Total,
                    vec![Cell::text("合计"), Cell::new(Value::Light(Light::Red))],
                ),
            ],
            frozen: 0,
        };
        let h = table(&t, Lang::Zh);
        assert!(
            h.contains("<td class=\"name\">&lt;b&gt;x&lt;/b&gt;</td>"),
            "{h}"
        );
        assert!(h.contains("<td class=\"num\">1.00</td>"), "{h}");
        assert!(h.contains("<tr class=\"total\">"), "{h}");
        assert!(
            h.contains("<td class=\"num light light-red\"><span class=\"sym\">■</span> 红</td>"),
            "{h}"
        );
        assert!(h.contains("<th scope=\"col\" class=\"num\">数</th>"), "{h}");
    }
}
