//! HTML reports: one self-contained file per report, to be emailed, opened on a phone
//! or printed on A4 as it is.
//!
//! The page shell ([`page`]), its style sheet, escaping ([`esc`]) and the block
//! helpers; the writer of documents is [`crate::write::html`].
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

use crate::lang::Lang;

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
.stamp{font-weight:700;border-left:4px solid #d55e00;padding:.4rem 1rem}
tr.note td{font-style:italic;color:var(--muted)}
td .mark{color:#a04000;white-space:nowrap}
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
tr.total td,tr.subtotal td{font-weight:700;background:#f0f3f6}
td.light{white-space:nowrap;font-weight:600}
.sym{display:inline-block;width:1.1em;text-align:center}
td.light-green{background:#dcf1e9!important}td.light-green .sym{color:#009e73}
td.light-yellow{background:#faf5c0!important}td.light-yellow .sym{color:#9a8a00}
td.light-red{background:#fbe1cf!important}td.light-red .sym{color:#d55e00}
td.light-blue{background:#d9e9f6!important}td.light-blue .sym{color:#0072b2}
td.light-none .sym{color:#888}
ul.notes{margin:0;padding-left:1.25rem}
ul.notes li{margin:.2rem 0}
.fields{display:flex;flex-wrap:wrap;gap:.3rem 2rem;margin:0 0 .8rem}
.fields .label{color:var(--muted)}
thead th.group-head{text-align:center;vertical-align:middle}
table.goal th,table.goal td{width:50%}
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
section#indicators{break-before:page}
h2+.table-wrap tr:first-child,h2+.table-wrap thead{break-before:avoid}
thead{display:table-header-group}
tr,td,th{break-inside:avoid;page-break-inside:avoid}
ul.notes li{break-inside:avoid}
}
"#;

/// A whole page: the document shell with the style sheet, around `body` (HTML that
/// the caller built from escaped text). `title` is plain text.
pub fn page(title: &str, lang: Lang, body: &str) -> String {
    page_with(title, lang, body, false)
}

/// Landscape A4 for the official forms (wide tables).
const LANDSCAPE: &str = "@page{size:A4 landscape}\n";

/// [`page`], printed on landscape A4 when `landscape` (the official forms).
pub fn page_with(title: &str, lang: Lang, body: &str, landscape: bool) -> String {
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
    let _ = writeln!(
        out,
        "<style>\n{CSS}{}</style>",
        if landscape { LANDSCAPE } else { "" }
    );
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
/// one shown instead on small screens. Both are SVG text from [`crate::chart`], whose
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

/// The design width of the narrow charts shown on phones.
pub const NARROW_CHART_WIDTH: u32 = 420;

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
