//! Plain-text output for the terminal: aligned tables that count CJK characters as
//! two columns.

use attain_core::fmt::{fixed, pct, plain};
use attain_core::msg::cli::terminal as t;
use attain_core::msg::{Lang, Msg};
use attain_core::{Model, Severity};

pub use attain_core::fmt::display_width as width;

/// Pad `s` on the right to `w` terminal columns.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.push_str(&" ".repeat(w.saturating_sub(width(s))));
    out
}

/// Pad `s` on the left to `w` terminal columns (for numbers).
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out = " ".repeat(w.saturating_sub(width(s)));
    out.push_str(s);
    out
}

/// Cut `s` to at most `w` terminal columns, marking the cut with `…`.
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(&c.to_string()) + 1 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A table with a header row; columns listed in `right` are right-aligned.
pub fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(width(c));
        }
    }
    let line = |cells: Vec<String>| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if right.contains(&i) {
                    pad_left(c, widths[i])
                } else {
                    pad(c, widths[i])
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = line(header.iter().map(|s| s.to_string()).collect());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    out
}

/// A few lines about a unit: indicators per block, weights, budget and income, in
/// `lang`.
pub fn unit_summary(m: &Model, lang: Lang) -> String {
    let line = |msg: Msg| format!("{}\n", msg.render(lang));
    let mut out = String::new();
    out.push_str(&line(t::unit(&m.unit.name, m.unit.year)));
    let mut blocks: Vec<(String, usize, attain_core::Decimal)> = Vec::new();
    for i in &m.indicators {
        match blocks.iter_mut().find(|(b, _, _)| b == i.level1.name()) {
            Some(b) => {
                b.1 += 1;
                b.2 += i.weight;
            }
            None => blocks.push((i.level1.name().to_string(), 1, i.weight)),
        }
    }
    let parts: Vec<String> = blocks
        .iter()
        .map(|(b, n, w)| t::block(b, n, format!("{} 分", plain(*w))).render(lang))
        .collect();
    out.push_str(&line(t::indicators(
        m.indicators.len(),
        parts.join(lang.pick("，", ", ")),
        plain(m.total_weight()),
    )));
    let b = &m.budget;
    out.push_str(&line(t::budget(
        b.lines.len(),
        b.total_budget(),
        b.total_h1_plan(),
        b.h1_plan_ratio()
            .map(|r| t::ratio(pct(r)).render(lang))
            .unwrap_or_default(),
    )));
    let sources: Vec<String> = b
        .income
        .iter()
        .filter(|s| !s.amount.is_zero())
        .map(|s| format!("{} {}", s.name, s.amount))
        .collect();
    out.push_str(&line(t::income(b.income_total(), sources.join(" + "))));
    let checks = m.check();
    let notes = checks
        .iter()
        .filter(|c| c.severity == Severity::Note)
        .count();
    if notes > 0 {
        out.push_str(&line(t::notes(notes)));
    }
    out
}

/// The indicator tree as a table: block, group, key work, indicator, targets, weight,
/// measure, headed in `lang`.
pub fn indicator_tree(m: &Model, lang: Lang) -> String {
    let h = |msg: Msg| msg.render(lang);
    let mut rows = Vec::new();
    let (mut last1, mut last2, mut last_kw) = (String::new(), String::new(), String::new());
    for i in &m.indicators {
        let l1 = i.level1.name().to_string();
        let kw = i.key_work.clone().unwrap_or_default();
        let show1 = l1 != last1;
        let show2 = show1 || i.level2 != last2;
        let show_kw = show2 || kw != last_kw;
        rows.push(vec![
            if show1 { l1.clone() } else { String::new() },
            if show2 {
                i.level2.clone()
            } else {
                String::new()
            },
            if show_kw {
                truncate(&kw, 24)
            } else {
                String::new()
            },
            i.id.to_string(),
            i.name.clone(),
            i.h1.to_string(),
            i.fy.to_string(),
            fixed(i.weight, 2),
            i.measure.to_string(),
        ]);
        (last1, last2, last_kw) = (l1, i.level2.clone(), kw);
    }
    let header = [
        h(t::h_level1()),
        h(t::h_level2()),
        h(t::h_key_work()),
        h(t::h_id()),
        h(t::h_indicator()),
        h(t::h_h1()),
        h(t::h_fy()),
        h(t::h_weight()),
        h(t::h_measure()),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut out = table(&header, &rows, &[7]);
    out.push_str(&format!(
        "{}\n",
        h(t::tree_total(m.indicators.len(), plain(m.total_weight())))
    ));
    let b = &m.budget;
    let brows: Vec<Vec<String>> = b
        .lines
        .iter()
        .map(|l| {
            let indent = "  ".repeat(b.depth(&l.name));
            vec![
                format!("{indent}{}", l.name),
                l.h1_plan.to_string(),
                l.budget.to_string(),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        &[&h(t::h_budget_line()), &h(t::h_plan()), &h(t::h_budget())],
        &brows,
        &[1, 2],
    ));
    out
}

/// What `check` read from actuals/: rows per file and per month, spending per line
/// and month, so that a user can reconcile with the finance system; in `lang`.
pub fn ledger(m: &Model, l: &attain_core::actuals::Ledger, lang: Lang) -> String {
    let h = |msg: Msg| msg.render(lang);
    let mut out = String::new();
    if l.files.is_empty() {
        out.push_str(&format!("{}\n", h(t::no_actuals())));
        return out;
    }
    let total_rows: usize = l.files.iter().map(|(_, n)| n).sum();
    // Workbook sheets are listed as `file.xlsx[sheet]`: count files and sheets apart.
    let mut files: Vec<&str> = l
        .files
        .iter()
        .map(|(f, _)| f.split('[').next().unwrap_or(f))
        .collect();
    files.dedup();
    let sheets = l.files.iter().filter(|(f, _)| f.contains('[')).count();
    out.push_str(&format!(
        "{}\n\n",
        h(t::actuals(
            total_rows,
            files.len(),
            if sheets > 0 {
                h(t::sheets(sheets))
            } else {
                String::new()
            }
        ))
    ));
    let rows: Vec<Vec<String>> = l
        .files
        .iter()
        .map(|(f, n)| vec![f.clone(), n.to_string()])
        .collect();
    out.push_str(&table(&[&h(t::h_file()), &h(t::h_rows())], &rows, &[1]));
    out.push('\n');
    let months: Vec<attain_core::Month> = l.months.keys().copied().collect();
    let rows: Vec<Vec<String>> = l
        .months
        .iter()
        .map(|(m, n)| vec![m.to_string(), n.to_string()])
        .collect();
    out.push_str(&table(&[&h(t::h_month()), &h(t::h_rows())], &rows, &[1]));
    out.push('\n');
    // Spending per leaf line and month, with totals, in 万元.
    let mut header: Vec<String> = vec![h(t::h_spending())];
    header.extend(months.iter().map(|mm| format!("{:02}", mm.number())));
    header.push(h(t::h_total()));
    header.push(h(t::h_ledger_budget()));
    let mut rows = Vec::new();
    let mut col_totals = vec![attain_core::Decimal::ZERO; months.len()];
    for line in m.budget.leaves() {
        let per = l.spending.get(&line.name);
        let mut r = vec![line.name.clone()];
        let mut sum = attain_core::Decimal::ZERO;
        for (k, mm) in months.iter().enumerate() {
            let v = per.and_then(|p| p.get(mm)).copied().unwrap_or_default();
            sum += v;
            col_totals[k] += v;
            r.push(fixed(v, 2));
        }
        r.push(fixed(sum, 2));
        r.push(fixed(line.budget, 2));
        rows.push(r);
    }
    let mut r = vec![h(t::h_total())];
    r.extend(col_totals.iter().map(|v| fixed(*v, 2)));
    r.push(fixed(col_totals.iter().copied().sum(), 2));
    r.push(fixed(m.budget.total_budget(), 2));
    rows.push(r);
    let hdr: Vec<&str> = header.iter().map(String::as_str).collect();
    let right: Vec<usize> = (1..hdr.len()).collect();
    out.push_str(&table(&hdr, &rows, &right));
    out
}

/// The terminal colour of a light.
pub fn light_style(light: attain_core::progress::Light) -> anstyle::Style {
    use anstyle::AnsiColor;
    use attain_core::progress::Light;
    let colour = match light {
        Light::Green => AnsiColor::Green,
        Light::Yellow => AnsiColor::Yellow,
        Light::Red => AnsiColor::Red,
        Light::Blue => AnsiColor::Blue,
        Light::None => return anstyle::Style::new(),
    };
    anstyle::Style::new().fg_color(Some(colour.into())).bold()
}

/// `text` with each light's symbol (and the word after it, `▲ 黄`) and each light
/// word (`红灯`, `red`) in the light's colour, as ANSI escapes: the terminal writer
/// strips them when colour is off (`--color never`, `NO_COLOR`, not a terminal).
pub fn paint_lights(text: &str) -> String {
    use attain_core::progress::Light;
    let lights = [Light::Green, Light::Yellow, Light::Red, Light::Blue];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while !rest.is_empty() {
        for l in lights {
            let style = light_style(l);
            let zh_word = format!("{}灯", l.zh());
            let with_word = format!("{} {}", l.symbol(), l.zh());
            let with_en_word = format!("{} {}", l.symbol(), l.code());
            for token in [
                with_word.as_str(),
                with_en_word.as_str(),
                l.symbol(),
                zh_word.as_str(),
            ] {
                if let Some(after) = rest.strip_prefix(token) {
                    out.push_str(&format!(
                        "{}{token}{}",
                        style.render(),
                        style.render_reset()
                    ));
                    rest = after;
                    continue 'scan;
                }
            }
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_names_align() {
        let t = table(
            &["name", "n"],
            &[
                vec!["植树🌳".into(), "1".into()],
                vec!["abc".into(), "22".into()],
            ],
            &[1],
        );
        let lines: Vec<&str> = t.lines().collect();
        // Every line ends in the same terminal column.
        let widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
        assert_eq!(widths, vec![10, 10, 10, 10], "{t}");
        assert_eq!(lines[2], "植树🌳   1");
    }

    #[test]
    fn lights_are_painted_and_plain_text_stays() {
        let s = paint_lights("总体：▲ 黄。绿灯 40 个，红灯 0 个");
        assert!(s.contains("\u{1b}[1m\u{1b}[33m▲ 黄\u{1b}[0m"), "{s:?}");
        assert!(s.contains("\u{1b}[1m\u{1b}[32m绿灯\u{1b}[0m"), "{s:?}");
        assert!(s.contains("\u{1b}[1m\u{1b}[31m红灯\u{1b}[0m"), "{s:?}");
        assert_eq!(paint_lights("no lights here"), "no lights here");
        let s = paint_lights("Overall: ■ red.");
        assert!(s.contains("\u{1b}[1m\u{1b}[31m■ red\u{1b}[0m."), "{s:?}");
    }
}
