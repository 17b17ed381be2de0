//! HTML reports: one self-contained file per report, to be emailed, opened on a phone
//! or printed on A4 as it is.
//!
//! The page shell ([`page`]), its style sheet, escaping ([`esc`]) and the table
//! helpers ([`table`], [`Cell`], [`Row`]) are shared by every report kind; a report
//! renderer (here [`progress`]) only decides the content.
//!
//! Rules every page keeps:
//! - **Self-contained**: CSS inline, charts as inline `<svg>`, no font, image,
//!   style sheet or anything else fetched; a Content-Security-Policy of
//!   `default-src 'none'` says so to the browser too.
//! - **No script** at all; nothing needs one to be read.
//! - **Every string from the user's files is escaped** ([`esc`]): the helpers take
//!   text, never HTML, so a name such as `<script>` shows as written.
//! - **Deterministic**: the same report gives the same bytes (no clock, no ids).
//! - **Readable on A4 and on a phone**: a print style sheet (A4, header rows repeated
//!   on every page, rows never split) and a narrow layout (tables scroll sideways in
//!   their own box; charts scale, with a narrower drawing on small screens).

use std::fmt::Write as _;

use attain_core::progress::Light;

use crate::chart::{self, ChartStyle};
use crate::chart_data;
use crate::evaluation::EvaluationReport;
use crate::lang::Lang;
use crate::progress::{self as prog, ProgressReport};

/// `s` with `& < > " '` replaced by character references: safe as element text and
/// inside a quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The shared style sheet. Colours of the lights are the charts' (Okabe–Ito), and
/// every light also has its symbol and word, so colour is never the only signal.
pub const CSS: &str = r#":root{color-scheme:light;--text:#222;--muted:#555;--rule:#c8c8c8;--head:#eef1f4;--accent:#005a9c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--text);font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Droid Sans Fallback",sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 20px 40px}
h1{font-size:1.45rem;line-height:1.35;margin:0 0 .8rem}
h2{font-size:1.15rem;line-height:1.35;margin:2rem 0 .8rem;padding-bottom:.25rem;border-bottom:2px solid var(--accent)}
p{margin:0 0 .8rem}
.headline{font-size:1rem;background:#f4f7fa;border-left:4px solid var(--accent);padding:.7rem 1rem}
figure{margin:1rem 0 1.25rem}
figure svg{display:block;width:100%;height:auto;margin:0 auto}
.chart-narrow{display:none}
.table-wrap{overflow-x:auto;margin:0 0 1rem;border:1px solid var(--rule)}
table{border-collapse:collapse;width:100%;font-size:.85rem;line-height:1.45}
th,td{border:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top}
.table-wrap th,.table-wrap td{border-top:0;border-left:0}
.table-wrap tr>:last-child{border-right:0}
.table-wrap tbody tr:last-child>*{border-bottom:0}
thead th{background:var(--head);font-weight:600;vertical-align:bottom}
thead th,thead th.num,thead th.nowrap{white-space:normal;word-break:keep-all}
tbody tr:nth-child(even) td{background:#fafbfc}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.name{min-width:9em}
.group{min-width:6em}
tr.total td{font-weight:700;background:#f0f3f6}
td.light{white-space:nowrap;font-weight:600}
.sym{display:inline-block;width:1.1em;text-align:center}
td.light-green{background:#dcf1e9!important}td.light-green .sym{color:#009e73}
td.light-yellow{background:#faf5c0!important}td.light-yellow .sym{color:#9a8a00}
td.light-red{background:#fbe1cf!important}td.light-red .sym{color:#d55e00}
td.light-blue{background:#d9e9f6!important}td.light-blue .sym{color:#0072b2}
td.light-none .sym{color:#888}
ul.notes{margin:0;padding-left:1.25rem}
ul.notes li{margin:.2rem 0}
.footnote{margin-top:2rem;padding-top:.7rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.85rem}
@media (max-width:640px){
body{font-size:14px}
main{padding:14px 12px 28px}
h1{font-size:1.2rem}
h2{font-size:1.05rem;margin-top:1.5rem}
.chart-wide{display:none}
.chart-narrow{display:block}
table{font-size:.8rem}
}
@page{size:A4;margin:12mm 10mm 14mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:8pt;color:#555}}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:9.5pt;line-height:1.45}
main{max-width:none;padding:0}
h1{font-size:15pt}
h2{font-size:12pt;margin-top:1.2rem;break-after:avoid;page-break-after:avoid}
.headline{break-inside:avoid}
.chart-wide{display:block}
.chart-narrow{display:none}
figure{break-inside:avoid;page-break-inside:avoid}
figure svg{width:auto;max-width:100%;height:auto}
figure.execution svg{max-height:100mm}
figure.tall svg{max-height:240mm}
.table-wrap{overflow:visible;border:0}
.table-wrap th,.table-wrap td{border:1px solid var(--rule)}
table{font-size:7.5pt;line-height:1.35}
th,td{padding:.15rem .25rem}
.name{min-width:6.5em}
.group{min-width:4.5em}
#indicators .table-wrap{break-before:page}
thead{display:table-header-group}
tr,td,th{break-inside:avoid;page-break-inside:avoid}
ul.notes li{break-inside:avoid}
}
"#;

/// A whole page: the document shell with the style sheet, around `body` (HTML that
/// the caller built from escaped text). `title` is plain text.
pub fn page(title: &str, lang: Lang, body: &str) -> String {
    let mut out = String::with_capacity(CSS.len() + body.len() + 512);
    out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(out, "<html lang=\"{}\">", lang.html());
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing may be fetched and no script may run, even if the page were edited.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"color-scheme\" content=\"light\">\n");
    out.push_str("<meta name=\"generator\" content=\"attain\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(out, "<style>\n{CSS}</style>");
    out.push_str("</head>\n<body>\n<main>\n");
    out.push_str(body);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A heading and paragraph helpers: text in, escaped HTML out.
pub fn h1(text: &str) -> String {
    format!("<h1>{}</h1>\n", esc(text))
}

pub fn h2(id: &str, text: &str) -> String {
    format!("<h2 id=\"{}\">{}</h2>\n", esc(id), esc(text))
}

pub fn paragraph(class: &str, text: &str) -> String {
    if class.is_empty() {
        format!("<p>{}</p>\n", esc(text))
    } else {
        format!("<p class=\"{}\">{}</p>\n", esc(class), esc(text))
    }
}

/// A bulleted list of text items.
pub fn list(class: &str, items: &[String]) -> String {
    let mut out = format!("<ul class=\"{}\">\n", esc(class));
    for i in items {
        let _ = writeln!(out, "<li>{}</li>", esc(i));
    }
    out.push_str("</ul>\n");
    out
}

/// A chart figure: the wide drawing (screens and print) and, when given, a narrow
/// one shown instead on small screens. Both are SVG text from [`chart`], whose
/// labels the chart writer escapes.
pub fn figure(class: &str, wide_svg: &str, narrow_svg: Option<&str>) -> String {
    let mut out = format!("<figure class=\"{}\">\n", esc(class));
    match narrow_svg {
        Some(n) => {
            let _ = write!(
                out,
                "<div class=\"chart-wide\">\n{wide_svg}</div>\n<div class=\"chart-narrow\">\n{n}</div>\n"
            );
        }
        None => out.push_str(wide_svg),
    }
    out.push_str("</figure>\n");
    out
}

/// One table cell: text (escaped when written), or a light shown as symbol, word and
/// colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    content: CellContent,
    class: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum CellContent {
    Text(String),
    Light(Light, Lang),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            content: CellContent::Text(s.into()),
            class: String::new(),
        }
    }

    /// A traffic light: `● 绿` on a green ground (`▲ 黄`, `■ 红`, `◆ 蓝`, `○ —`).
    pub fn light(l: Light, lang: Lang) -> Cell {
        Cell {
            content: CellContent::Light(l, lang),
            class: format!("light light-{}", l.code()),
        }
    }

    /// Adds a CSS class to this cell.
    pub fn with_class(mut self, class: &str) -> Cell {
        if !self.class.is_empty() {
            self.class.push(' ');
        }
        self.class.push_str(class);
        self
    }

    fn html(&self) -> String {
        match &self.content {
            CellContent::Text(t) => esc(t),
            CellContent::Light(l, lang) => {
                let word = match lang {
                    Lang::Zh => l.zh(),
                    Lang::En => l.code(),
                };
                format!("<span class=\"sym\">{}</span> {}", l.symbol(), esc(word))
            }
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::text(s)
    }
}

/// A table row with an optional class (e.g. `total`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub class: String,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            class: String::new(),
        }
    }

    pub fn with_class(mut self, class: &str) -> Row {
        self.class = class.to_string();
        self
    }
}

fn class_attr(classes: &[&str]) -> String {
    let joined: Vec<&str> = classes.iter().flat_map(|c| c.split_whitespace()).collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", esc(&joined.join(" ")))
    }
}

/// A table in a box that scrolls sideways on narrow screens. `classes[i]` is the
/// class of column i (e.g. `num` right-aligns figures), on its header and cells;
/// `table_class` names the table (e.g. `lines`). Header and cells are text.
pub fn table(
    table_class: &str,
    caption: &str,
    header: &[&str],
    rows: &[Row],
    classes: &[&str],
) -> String {
    let col = |i: usize| classes.get(i).copied().unwrap_or("");
    let mut out = String::from("<div class=\"table-wrap\">\n");
    let _ = writeln!(out, "<table{}>", class_attr(&[table_class]));
    if !caption.is_empty() {
        let _ = writeln!(out, "<caption>{}</caption>", esc(caption));
    }
    out.push_str("<thead>\n<tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\"{}>{}</th>",
            class_attr(&[col(i)]),
            esc(h)
        );
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for r in rows {
        let _ = write!(out, "<tr{}>", class_attr(&[&r.class]));
        for (i, c) in r.cells.iter().enumerate() {
            let _ = write!(
                out,
                "<td{}>{}</td>",
                class_attr(&[col(i), &c.class]),
                c.html()
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

/// The design width of the narrow charts shown on phones.
pub const NARROW_CHART_WIDTH: u32 = 420;

/// progress.html: the headline, the execution chart and table, the indicator chart
/// and table, the notes and the footnote, as progress.md has them.
pub fn progress(r: &ProgressReport, lang: Lang) -> String {
    let wide = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    let narrow = ChartStyle {
        width: NARROW_CHART_WIDTH,
        height: 360,
        ..wide.clone()
    };
    let zh = lang == Lang::Zh;
    let mut body = String::new();
    body.push_str("<header>\n");
    body.push_str(&h1(&prog::title(r, lang)));
    body.push_str(&paragraph("headline", &prog::headline(r, lang)));
    body.push_str("</header>\n");

    // Budget execution.
    body.push_str("<section id=\"execution\">\n");
    body.push_str(&h2(
        "budget-execution",
        if zh {
            "预算执行"
        } else {
            "Budget execution"
        },
    ));
    let curve = chart_data::execution_total(r, lang);
    body.push_str(&figure(
        "chart execution",
        &chart::execution_svg(&curve, &wide),
        Some(&chart::execution_svg(&curve, &narrow)),
    ));
    let (header, rows) = prog::line_table(r, lang);
    let lights = r.lines.iter().map(|l| l.status.light);
    let rows = line_rows(rows, lights.chain(std::iter::once(r.total.light)), 7, lang);
    body.push_str(&table(
        "lines",
        "",
        &header,
        &rows,
        &[
            "name", "num", "num", "num", "num", "num", "num", "", "num", "num", "num",
        ],
    ));
    body.push_str("</section>\n");

    // Indicators.
    body.push_str("<section id=\"indicators\">\n");
    body.push_str(&h2(
        "indicators",
        if zh { "绩效指标" } else { "Indicators" },
    ));
    let progress = chart_data::indicator_progress(r, lang);
    body.push_str(&figure(
        "chart indicators tall",
        &chart::indicators_svg(&progress, &wide),
        Some(&chart::indicators_svg(&progress, &narrow)),
    ));
    let (header, rows) = prog::indicator_table(r, lang);
    let rows: Vec<Row> = rows
        .into_iter()
        .zip(&r.indicators)
        .map(|(cells, row)| Row::new(light_column(cells, 9, row.status.light, lang)))
        .collect();
    body.push_str(&table(
        "indicators",
        "",
        &header,
        &rows,
        &[
            "nowrap", "nowrap", "group", "name", "nowrap", "nowrap", "num", "num", "num", "",
            "num", "num", "nowrap",
        ],
    ));
    body.push_str("</section>\n");

    let notes: Vec<String> = prog::notes(r).iter().map(prog::Note::text).collect();
    if !notes.is_empty() {
        body.push_str("<section id=\"notes\">\n");
        body.push_str(&h2("notes", if zh { "备注" } else { "Notes" }));
        body.push_str(&list("notes", &notes));
        body.push_str("</section>\n");
    }
    body.push_str("<footer>\n");
    body.push_str(&paragraph("footnote", &prog::legend(r, lang)));
    body.push_str("</footer>\n");
    page(&prog::title(r, lang), lang, &body)
}

/// midyear.html / yearend.html: the headline, the execution chart and the budget
/// block, the indicator table as on paper (with block subtotals, total and grade at
/// year end), the explanations still to fill, and the footnote.
pub fn evaluation(r: &EvaluationReport, lang: Lang) -> String {
    use crate::evaluation::{self as ev, Kind};
    let wide = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    let narrow = ChartStyle {
        width: NARROW_CHART_WIDTH,
        height: 360,
        ..wide.clone()
    };
    let zh = lang == Lang::Zh;
    let title = ev::title(r, lang);
    let mut body = String::new();
    body.push_str("<header>\n");
    body.push_str(&h1(&title));
    body.push_str(&paragraph("headline", &ev::headline(r, lang)));
    body.push_str("</header>\n");

    body.push_str("<section id=\"execution\">\n");
    body.push_str(&h2("budget", if zh { "预算执行情况" } else { "Budget" }));
    let curve = chart_data::execution_total(&r.progress, lang);
    body.push_str(&figure(
        "chart execution",
        &chart::execution_svg(&curve, &wide),
        Some(&chart::execution_svg(&curve, &narrow)),
    ));
    let (header, rows) = ev::budget_table(r, lang);
    let lights = r.lines.iter().map(|l| l.light);
    let rows = line_rows(rows, lights.chain(std::iter::once(r.total.light)), 6, lang);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    body.push_str(&table(
        "lines",
        "",
        &header,
        &rows,
        &["name", "num", "num", "num", "num", "num", ""],
    ));
    if r.kind == Kind::Yearend {
        if let Some(t) = ev::funds_text(r, lang) {
            body.push_str(&paragraph("funds", &t));
        }
    }
    body.push_str("</section>\n");

    body.push_str("<section id=\"indicators\">\n");
    body.push_str(&h2(
        "indicators",
        match (r.kind, zh) {
            (Kind::Midyear, true) => "绩效目标完成情况",
            (Kind::Yearend, true) => "年度绩效指标完成情况",
            (_, false) => "Indicators",
        },
    ));
    let (header, rows) = match r.kind {
        Kind::Midyear => ev::midyear_table(r, lang),
        Kind::Yearend => ev::yearend_table(r, lang),
    };
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Row> = match r.kind {
        Kind::Midyear => rows
            .into_iter()
            .zip(&r.rows)
            .map(|(cells, row)| Row::new(light_column(cells, 8, row.status.light, lang)))
            .collect(),
        // Subtotal and total rows have no id.
        Kind::Yearend => rows
            .into_iter()
            .map(|cells| {
                let total = cells.first().is_some_and(String::is_empty);
                let row = Row::new(cells.into_iter().map(Cell::text).collect());
                if total {
                    row.with_class("total")
                } else {
                    row
                }
            })
            .collect(),
    };
    let classes: &[&str] = match r.kind {
        Kind::Midyear => &[
            "nowrap", "nowrap", "group", "name", "nowrap", "num", "num", "num", "", "num",
            "nowrap", "", "num", "num",
        ],
        Kind::Yearend => &[
            "nowrap", "nowrap", "group", "name", "nowrap", "num", "num", "num", "",
        ],
    };
    body.push_str(&table("indicators", "", &header, &rows, classes));
    body.push_str("</section>\n");

    let fill: Vec<String> = r
        .to_fill()
        .map(|x| format!("{} {}", x.indicator.id, x.indicator.name))
        .collect();
    if !fill.is_empty() {
        body.push_str("<section id=\"to-fill\">\n");
        body.push_str(&h2(
            "to-fill",
            if zh {
                "待填写偏差原因（explanations.csv）"
            } else {
                "Explanations to fill (explanations.csv)"
            },
        ));
        body.push_str(&list("to-fill", &fill));
        body.push_str("</section>\n");
    }
    body.push_str("<footer>\n");
    body.push_str(&paragraph("footnote", &ev::legend(r, lang)));
    body.push_str("</footer>\n");
    page(&title, lang, &body)
}

/// Rows of a budget table: text cells with the light in column `at`, the last row
/// (the total) marked as such.
fn line_rows(
    rows: Vec<Vec<String>>,
    lights: impl Iterator<Item = Light>,
    at: usize,
    lang: Lang,
) -> Vec<Row> {
    let n = rows.len();
    rows.into_iter()
        .zip(lights)
        .enumerate()
        .map(|(k, (cells, light))| {
            let row = Row::new(light_column(cells, at, light, lang));
            if k + 1 == n {
                row.with_class("total")
            } else {
                row
            }
        })
        .collect()
}

/// Text cells, with column `at` (the light) shown as a light.
fn light_column(cells: Vec<String>, at: usize, light: Light, lang: Lang) -> Vec<Cell> {
    cells
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            if i == at {
                Cell::light(light, lang)
            } else {
                Cell::text(c)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc(r#"<script>alert("1") & 'x'</script>"#),
            "&lt;script&gt;alert(&quot;1&quot;) &amp; &#39;x&#39;&lt;/script&gt;"
        );
        assert_eq!(esc("江苏 ≥3个"), "江苏 ≥3个");
    }

    #[test]
    fn table_escapes_text_and_classes_columns() {
        let rows = vec![
            Row::new(vec![Cell::text("<b>x</b>"), Cell::text("1.00")]),
            Row::new(vec![Cell::text("合计"), Cell::light(Light::Red, Lang::Zh)])
                .with_class("total"),
        ];
        let t = table("t", "", &["名称", "数"], &rows, &["name", "num"]);
        assert!(
            t.contains("<td class=\"name\">&lt;b&gt;x&lt;/b&gt;</td>"),
            "{t}"
        );
        assert!(t.contains("<td class=\"num\">1.00</td>"), "{t}");
        assert!(t.contains("<tr class=\"total\">"), "{t}");
        assert!(
            t.contains("<td class=\"num light light-red\"><span class=\"sym\">■</span> 红</td>"),
            "{t}"
        );
        assert!(t.contains("<th scope=\"col\" class=\"num\">数</th>"), "{t}");
    }

    #[test]
    fn page_shell() {
        let p = page("a < b", Lang::En, "<p>x</p>\n");
        assert!(p.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
        assert!(p.contains("<title>a &lt; b</title>"));
        assert!(p.contains("default-src 'none'"));
        assert!(p.contains("@page{size:A4;"));
        assert!(!p.to_ascii_lowercase().contains("<script"));
        assert!(page("t", Lang::Zh, "").contains("<html lang=\"zh-CN\">"));
    }
}
