//! What the `attain` binary says of its own: summaries ("wrote …", "… ok"), errors of
//! its arguments and of standard input and output, and the terminal texts built in
//! attain-report (`check`'s and `show`'s tables, `review`'s text).

crate::catalogue! { "cli";
    /// `-` could not be read.
    stdin_unreadable(error) {
        zh: "无法读取标准输入：{error}",
        en: "cannot read standard input: {error}",
    }
    stdin_unreadable_help() {
        zh: "请把表格通过管道传给 attain，或用文件名代替 `-`",
        en: "pipe the table into attain, or give its file name instead of `-`",
    }
    stdin_too_large(mib) {
        zh: "标准输入超过 {mib} MiB，超出 attain 可读取的上限",
        en: "standard input is larger than {mib} MiB, the most attain reads",
    }
    stdin_too_large_help() {
        zh: "请检查传入的是否为正确的文件",
        en: "check that the right file is piped in",
    }
    /// `--verbose`: a file was read.
    read_file(path, bytes) {
        zh: "已读取 {path}（{bytes} 字节）",
        en: "read {path} ({bytes} bytes)",
    }
    /// `--verbose`: a file was written.
    wrote_file(path, bytes) {
        zh: "已写入 {path}（{bytes} 字节）",
        en: "wrote {path} ({bytes} bytes)",
    }
    /// `--verbose`: a report goes to standard output.
    writing_stdout(name, bytes) {
        zh: "正在把 {name}（{bytes} 字节）写到标准输出",
        en: "writing {name} ({bytes} bytes) to standard output",
    }
    /// The closing line of `report` and `portfolio`.
    wrote_files(names, dir) {
        zh: "已写入 {names}，位于 {dir}",
        en: "wrote {names} to {dir}",
    }
    /// `gen`.
    wrote_units(units, dir) {
        zh: "已在 {dir} 生成 {units} 个单位",
        en: "wrote {units} units to {dir}",
    }
    man_failed(error) {
        zh: "无法生成手册页：{error}",
        en: "cannot render the manual page: {error}",
    }
    stdout_failed(error) {
        zh: "无法写入标准输出：{error}",
        en: "cannot write to standard output: {error}",
    }
    stdout_failed_help() {
        zh: "请检查磁盘，或读取 attain 输出的程序",
        en: "check the disk or the program reading attain's output",
    }
    /// `import --out -`.
    import_out_dash() {
        zh: "`--out -` 不能存放单位文件夹（unit.toml、targets.csv、budget.csv）",
        en: "`--out -` cannot hold a unit folder (unit.toml, targets.csv, budget.csv)",
    }
    import_out_dash_help() {
        zh: "请给出要写入的文件夹，例如 --out data/my-unit",
        en: "give the folder to write, e.g. --out data/my-unit",
    }
    /// The summary of `import`.
    imported(indicators, lines, unit, year, dir, encoding) {
        zh: "已导入{unit}（{year}年）的 {indicators} 个指标和 {lines} 个预算项目，写入 {dir}（表格按 {encoding} 读取）",
        en: "imported {indicators} indicators and {lines} budget lines of {unit} ({year}) into {dir} (the table was read as {encoding})",
    }
    /// What `imported` says of a workbook instead of an encoding.
    an_excel_workbook() {
        zh: "Excel 工作簿",
        en: "an Excel workbook",
    }
    /// `check`'s last line.
    check_ok(dir) {
        zh: "{dir}：检查通过",
        en: "{dir}: ok",
    }
    /// A month outside the unit's year (`--month`, `template`).
    month_outside_year(month, year) {
        zh: "--month {month} 不在本单位的预算年度 {year} 内",
        en: "--month {month} is outside the unit's year {year}",
    }
    month_outside_year_help(year) {
        zh: "请给出 {year} 年的月份，例如 --month {year}-07",
        en: "pass a month of {year}, e.g. --month {year}-07",
    }
    template_has_figures(count, month) {
        zh: "actuals/ 中已有 {month} 的 {count} 个数据：把填好的工作簿也存进去会重复计算",
        en: "actuals/ already has {count} figures for {month}: saving the filled workbook there as well reports them twice",
    }
    template_has_figures_help(month) {
        zh: "只填写缺少的数据，或先把已有的 {month} 文件移出 actuals/",
        en: "fill in only what is missing, or move the existing {month} file out of actuals/ first",
    }
    template_failed(error) {
        zh: "无法生成录入工作簿：{error}",
        en: "cannot build the entry workbook: {error}",
    }
    template_failed_help() {
        zh: "这是 attain 的缺陷；请暂时手工填写该月的 CSV",
        en: "this is a bug in attain; write the month's CSV by hand meanwhile",
    }
    /// `--out -` and a terminal.
    workbook_to_terminal() {
        zh: "`--out -` 会把 Excel 工作簿（二进制）输出到终端",
        en: "`--out -` would print an Excel workbook (binary) to the terminal",
    }
    template_to_terminal_help() {
        zh: "请重定向到文件（`> 2026-07.xlsx`），或用 --out FILE 指定文件",
        en: "redirect it to a file (`> 2026-07.xlsx`) or give --out FILE",
    }
    workbook_exists() {
        zh: "工作簿已存在",
        en: "the workbook exists already",
    }
    workbook_exists_help() {
        zh: "加 --force 覆盖，或用 --out 指定其他文件",
        en: "pass --force to replace it, or give another --out",
    }
    /// The summary of `template`.
    template_wrote(file, month, dir) {
        zh: "已写入 {file}：请填写 {month} 的数值（及备注），然后保存到 {dir}",
        en: "wrote {file}: fill in 数值 (and 备注) for {month}, then save it into {dir}",
    }
    word_option(error) {
        zh: "选项 --word：{error}",
        en: "--word: {error}",
    }
    /// Clap's parse errors, in Chinese (English ones stay clap's own).
    clap_unknown_argument(arg) {
        zh: "无法识别的参数“{arg}”",
        en: "unexpected argument '{arg}' found",
    }
    clap_missing_arguments(args) {
        zh: "缺少以下必需的参数：{args}",
        en: "the following required arguments were not provided:{args}",
    }
    clap_invalid_subcommand(name) {
        zh: "没有子命令“{name}”",
        en: "unrecognized subcommand '{name}'",
    }
    clap_invalid_value(value, arg, reason) {
        zh: "“{arg}”的值“{value}”无效：{reason}",
        en: "invalid value '{value}' for '{arg}': {reason}",
    }
    clap_not_one_of(value, arg, values) {
        zh: "“{arg}”的值“{value}”无效（可选值：{values}）",
        en: "invalid value '{value}' for '{arg}' [possible values: {values}]",
    }
    clap_value_required(arg) {
        zh: "“{arg}”需要一个值，但没有给出",
        en: "a value is required for '{arg}' but none was supplied",
    }
    clap_more_info() {
        zh: "如需更多信息，请运行 --help。",
        en: "For more information, try '--help'.",
    }
    clap_tip() { zh: "提示：", en: "tip:" }
    /// Two items of a list, in the language's separator.
    list(first, rest) {
        zh: "{first}；{rest}",
        en: "{first}; {rest}",
    }
}

/// `attain report`.
pub mod report_cmd {
    crate::catalogue! { "report_cmd";
        as_of_outside_year(month, year) {
            zh: "--as-of {month} 不在本单位的预算年度 {year} 内",
            en: "--as-of {month} is outside the unit's year {year}",
        }
        as_of_outside_year_help(year) {
            zh: "请给出 {year} 年的月份，例如 --as-of {year}-06",
            en: "pass a month of {year}, e.g. --as-of {year}-06",
        }
        narrative_other_month(key, month, as_of) {
            zh: "summary.toml 中的 `{key}` 文字是按 1–{month}月写的，不是本报告的 1–{as_of}月：实际完成情况显示为【待填写】",
            en: "summary.toml's `{key}` text is written for 1–{month}月, not for this report's 1–{as_of}月: 实际完成情况 is shown as 【待填写】",
        }
        narrative_midyear_help() {
            zh: "请按本月写好文字，并在 summary.toml 中把 midyear_month 设为本月（1–7月即 midyear_month = 7）",
            en: "write the text for this month and set midyear_month to it in summary.toml (midyear_month = 7 for 1–7月)",
        }
        narrative_yearend_help() {
            zh: "年终文字是按 12 月写的：请用 12 月作为 --as-of 生成年终报告",
            en: "the yearend text is for December: run the year-end report --as-of December",
        }
        strict_help() {
            zh: "请把缺少的数据补进 actuals/，或去掉 --strict，生成标注“数据不完整”的报告",
            en: "add the missing figures to actuals/, or leave out --strict to write the report stamped as incomplete",
        }
        format_failed_help() {
            zh: "这是 attain 的缺陷；其他格式仍可使用",
            en: "this is a bug in attain; the other formats still work",
        }
        png_failed(error) {
            zh: "无法绘制 PNG 图表：{error}",
            en: "cannot draw the PNG charts: {error}",
        }
        png_failed_help() {
            zh: "去掉 --png，只生成 SVG 图表",
            en: "leave out --png to write the SVG charts only",
        }
        font_without_png() {
            zh: "--font 只在加 --png 时使用；未生成 PNG",
            en: "--font is only used with --png; no PNG written",
        }
        font_without_png_help() {
            zh: "加 --png，用这个字体把图表画成 PNG",
            en: "add --png to draw the charts as PNG with this font",
        }
        stdout_one_file(reason) {
            zh: "`--out -` 只能向标准输出写一个文件：{reason}",
            en: "`--out -` writes one file to standard output: {reason}",
        }
        stdout_one_file_help() {
            zh: "配合 --out - 只给一个 --format（md、json、csv、html 或 xlsx），或给 --out 一个文件夹",
            en: "pass one of --format md, json, csv, html or xlsx with --out -, or give a folder to --out",
        }
        svg_several() {
            zh: "图表是多个 SVG 文件",
            en: "the charts are several SVG files",
        }
        png_several() {
            zh: "--png 会写多个文件",
            en: "--png writes several files",
        }
        formats_several(count) {
            zh: "要求了 {count} 种格式（默认为 md,json,csv,html,svg）",
            en: "{count} formats asked for (the default is md,json,csv,html,svg)",
        }
        report_to_terminal_help() {
            zh: "请重定向到文件（`> progress.xlsx`），或通过管道交给其他程序",
            en: "redirect it to a file (`> progress.xlsx`) or pipe it on",
        }
        incomplete(what) {
            zh: "数据不完整：{what}",
            en: "incomplete data: {what}",
        }
        missing_months(months) {
            zh: "{months} 没有实际数据（按未报送计）",
            en: "no actuals for {months} (counted as nothing reported)",
        }
        unreported(items, as_of) {
            zh: "截至 {as_of}，{items} 没有数值",
            en: "no figure for {items} by {as_of}",
        }
        provisional_year_end() {
            zh: "实际数据完整前，年终自评表为预评估",
            en: "the year-end table is provisional (预评估) until the actuals are complete",
        }
        provisional_as_of(as_of) {
            zh: "截至 {as_of} 的年终自评表为预评估",
            en: "a year-end table as of {as_of} is provisional (预评估)",
        }
        incomplete_help() {
            zh: "报告的各种格式都标注“数据不完整 / 预评估”；请把缺少的数据补进 actuals/（加 --strict 时此项为错误）",
            en: "the report is stamped 数据不完整 / 预评估 in every format; add the missing figures to actuals/ (--strict makes this an error)",
        }
    }
}

/// `attain portfolio`.
pub mod portfolio_cmd {
    crate::catalogue! { "portfolio_cmd";
        /// The progress bar (indicatif's template: the braces are its fields).
        progress_bar() {
            zh: "{{bar:40}} {{pos}}/{{len}} 个单位，已用 {{elapsed}}（预计还需 {{eta}}）",
            en: "{{bar:40}} {{pos}}/{{len}} units {{elapsed}} (ETA {{eta}})",
        }
        more_errors(count, units) {
            zh: "……另有 {count} 个错误，分布在 {units} 个单位（调大 --max-diagnostics 可查看更多）",
            en: "… and {count} more errors in {units} units (raise --max-diagnostics to see more)",
        }
        more_warnings(count, units) {
            zh: "……另有 {count} 个警告和提示，分布在 {units} 个单位（调大 --max-diagnostics 可查看更多）",
            en: "… and {count} more warnings and notes in {units} units (raise --max-diagnostics to see more)",
        }
        as_of_outside_year(month, year) {
            zh: "--as-of {month} 不在本单位的预算年度 {year} 内",
            en: "--as-of {month} is outside the unit's year {year}",
        }
        as_of_outside_year_help() {
            zh: "请给出各单位预算年度内的月份",
            en: "pass a month of the units' year",
        }
        shared_errors() {
            zh: "共用文件有错误：未写入任何文件",
            en: "the shared files have errors: nothing written",
        }
        strict_failed(count) {
            zh: "{count} 个单位有错误（--strict）：未写入任何文件",
            en: "{count} units have errors (--strict): nothing written",
        }
        format_failed_help() {
            zh: "请去掉这种格式",
            en: "leave the format out",
        }
        left_out(count) {
            zh: "{count} 个有错误的单位未参与排名，已在报告中列出",
            en: "{count} units with errors are left out of the ranking and listed in the report",
        }
    }
}

/// The terminal tables of `import`, `check` and `show` (attain-report's terminal.rs).
pub mod terminal {
    crate::catalogue! { "terminal";
        unit(name, year) {
            zh: "单位       {name}（{year}年）",
            en: "unit       {name} ({year})",
        }
        /// A block of indicators; `weight` is its points with their unit (`10 分`).
        block(name, count, weight) {
            zh: "{name} {count} 个（{weight}）",
            en: "{name} {count} ({weight})",
        }
        indicators(count, blocks, total) {
            zh: "指标       三级指标 {count} 个：{blocks}；分值合计 {total}",
            en: "indicators {count} 三级: {blocks}; weights total {total}",
        }
        budget(lines, budget, plan, ratio) {
            zh: "预算       {lines} 个预算项目，全年预算数 {budget} 万元，半年计划 {plan} 万元{ratio}",
            en: "budget     {lines} lines, full-year {budget} 万元, half-year plan {plan} 万元{ratio}",
        }
        ratio(percent) {
            zh: "（{percent}）",
            en: " ({percent})",
        }
        income(total, sources) {
            zh: "收入       {total} 万元 = {sources}",
            en: "income     {total} 万元 = {sources}",
        }
        notes(count) {
            zh: "提示       {count} 条（见上文）",
            en: "notes      {count} (see above)",
        }
        tree_total(count, total) {
            zh: "共 {count} 个指标，分值合计 {total}",
            en: "{count} indicators, weights total {total}",
        }
        h_level1() { zh: "一级", en: "level 1" }
        h_level2() { zh: "二级", en: "level 2" }
        h_key_work() { zh: "重点工作", en: "key work" }
        h_id() { zh: "编号", en: "id" }
        h_indicator() { zh: "三级指标", en: "indicator" }
        h_h1() { zh: "半年", en: "half-year" }
        h_fy() { zh: "全年", en: "full year" }
        h_weight() { zh: "分值", en: "weight" }
        h_measure() { zh: "计分方式", en: "measure" }
        h_budget_line() { zh: "预算项目（万元）", en: "budget line (万元)" }
        h_plan() { zh: "半年计划", en: "half-year plan" }
        h_budget() { zh: "全年预算数", en: "full-year budget" }
        no_actuals() {
            zh: "实际数据   无（没有 actuals/ 文件夹，或其中没有文件）",
            en: "actuals    none (no actuals/ folder or no files in it)",
        }
        actuals(rows, files, sheets) {
            zh: "实际数据   {rows} 行，{files} 个文件{sheets}",
            en: "actuals    {rows} rows in {files} files{sheets}",
        }
        sheets(count) {
            zh: "（{count} 个工作表）",
            en: " ({count} workbook sheets)",
        }
        h_file() { zh: "文件", en: "file" }
        h_rows() { zh: "行数", en: "rows" }
        h_month() { zh: "月份", en: "month" }
        h_spending() { zh: "支出（万元）", en: "spending (万元)" }
        h_total() { zh: "合计", en: "total" }
        h_ledger_budget() { zh: "全年预算数", en: "budget" }
    }
}

/// `attain review`'s text (the findings' own messages are the review's).
pub mod review_text {
    crate::catalogue! { "review_text";
        heading(table, profile, rounding, grades) {
            zh: "复核 {table}（口径 {profile}，舍入 {rounding}，等级 {grades}）",
            en: "review of {table} (profile {profile}, rounding {rounding}, grades {grades})",
        }
        layout(layout) { zh: "版式：{layout}", en: "layout: {layout}" }
        h_line() { zh: "行", en: "line" }
        h_block() { zh: "一级指标", en: "block" }
        h_indicator() { zh: "指标", en: "indicator" }
        h_target() { zh: "指标值", en: "target" }
        h_actual() { zh: "实际完成值", en: "actual" }
        h_published() { zh: "所填得分", en: "published" }
        h_rule() { zh: "按规则", en: "rule" }
        as_given() { zh: "按所填", en: "as given" }
        no_findings() { zh: "问题：无", en: "findings: none" }
        findings(count) { zh: "问题（{count}）：", en: "findings ({count}):" }
        notes(count) { zh: "提示（{count}）：", en: "notes ({count}):" }
        not_checked(count) { zh: "未复核（{count}）：", en: "not checked ({count}):" }
        at_line(line) { zh: "第 {line} 行", en: "line {line}" }
        weights(total) { zh: "分值合计  {total}", en: "weights  {total}" }
        total(published, sum, recomputed) {
            zh: "总分      所填 {published}；所填各行得分合计 {sum}；重算 {recomputed}",
            en: "total    published {published}; the published scores add up to {sum}; recomputed {recomputed}",
        }
        no_total() {
            zh: "无（表中没有总分行）",
            en: "none (the table has no 总分 row)",
        }
        grade(published, expected, of, total, recomputed) {
            zh: "等级      所填 {published}；应为 {expected}（按{of} {total}）；重算 {recomputed}",
            en: "grade    published {published}; expected {expected} (of {of} {total}); recomputed {recomputed}",
        }
        no_grade() { zh: "无", en: "none" }
        of_published() { zh: "所填总分", en: "the published total" }
        of_recomputed() { zh: "重算总分", en: "the recomputed total" }
        consistent() { zh: "结论      一致", en: "result   consistent" }
        findings_count(count) {
            zh: "结论      {count} 个问题",
            en: "result   {count} finding(s)",
        }
        findings_consistent_with(count, alt) {
            zh: "结论      {count} 个问题；与 {alt} 一致",
            en: "result   {count} finding(s); consistent with {alt}",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_speaks_both_languages() {
        let m = imported(45, 4, "某单位", 2026, "data/u", an_excel_workbook());
        assert_eq!(
            m.zh(),
            "已导入某单位（2026年）的 45 个指标和 4 个预算项目，写入 data/u（表格按 Excel 工作簿 读取）"
        );
        assert_eq!(
            m.en(),
            "imported 45 indicators and 4 budget lines of 某单位 (2026) into data/u (the table was read as an Excel workbook)"
        );
        assert_eq!(check_ok("data/u").zh(), "data/u：检查通过");
        assert_eq!(check_ok("data/u").en(), "data/u: ok");
        let r = report_cmd::stdout_one_file(report_cmd::formats_several(5));
        assert_eq!(
            r.zh(),
            "`--out -` 只能向标准输出写一个文件：要求了 5 种格式（默认为 md,json,csv,html,svg）"
        );
        assert_eq!(
            r.en(),
            "`--out -` writes one file to standard output: 5 formats asked for (the default is md,json,csv,html,svg)"
        );
        // A list joined in the language of the message it is in.
        let what = report_cmd::incomplete(list(
            report_cmd::missing_months("2026-07"),
            report_cmd::provisional_as_of("2026-07"),
        ));
        assert_eq!(
            what.zh(),
            "数据不完整：2026-07 没有实际数据（按未报送计）；截至 2026-07 的年终自评表为预评估"
        );
        assert_eq!(
            what.en(),
            "incomplete data: no actuals for 2026-07 (counted as nothing reported); a year-end table as of 2026-07 is provisional (预评估)"
        );
        assert_eq!(
            portfolio_cmd::progress_bar().zh(),
            "{bar:40} {pos}/{len} 个单位，已用 {elapsed}（预计还需 {eta}）"
        );
        assert_eq!(
            terminal::block("决策", 6, "10 分").zh(),
            "决策 6 个（10 分）"
        );
        assert_eq!(terminal::block("决策", 6, "10 分").en(), "决策 6 (10 分)");
    }
}
