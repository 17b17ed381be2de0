//! `attain --help`: the about of every command and the help of every argument, keyed
//! `help.<command>.<argument id>` (`help.<command>.about` for the command itself;
//! `help.attain.*` for the program and its global options). The binary applies them
//! to its clap command for the user's language, and a test there checks that every
//! command and argument has its entry.

/// The program, its global options and the built-in ones (`-h`, `-V`).
pub mod attain {
    crate::catalogue! { "help.attain";
        about() {
            zh: "跟踪预算单位整体预算绩效目标与逐月实际完成情况",
            en: "Track a budget unit's performance targets (整体预算绩效目标) against its monthly actuals",
        }
        color() {
            zh: "终端颜色：auto（输出到终端且未设置 NO_COLOR 时着色）、always 或 never",
            en: "Colour in the terminal: auto (when writing to a terminal and NO_COLOR is not set), always or never",
        }
        quiet() {
            zh: "只输出错误（以及所要的数据：--json、show、review）",
            en: "Print errors only (and the data asked for: --json, show, review)",
        }
        verbose() {
            zh: "同时输出读取和写入了哪些文件",
            en: "Also print what was read and written",
        }
        lang() {
            zh: "消息和报告的语言：zh 或 en（默认：消息跟随 LC_ALL / LC_MESSAGES / LANG，否则为中文；报告为中文，除非加 --lang en）",
            en: "Language of messages and reports: zh or en (default: messages follow LC_ALL / LC_MESSAGES / LANG, else Chinese; reports are Chinese unless --lang en)",
        }
        help() {
            zh: "显示帮助",
            en: "Print help",
        }
        version() {
            zh: "显示版本",
            en: "Print version",
        }
        /// After an option's help: its default (clap's own note hidden).
        default_value(value) {
            zh: "（默认：{value}）",
            en: "[default: {value}]",
        }
        /// After an option's help: the values it takes.
        possible_values(values) {
            zh: "（可选值：{values}）",
            en: "[possible values: {values}]",
        }
        /// The placeholders of the usage line.
        options_placeholder() { zh: "[选项]", en: "[OPTIONS]" }
        command_placeholder() { zh: "<命令>", en: "<COMMAND>" }
        /// The headings of the help page.
        usage_heading() { zh: "用法：", en: "Usage:" }
        arguments_heading() { zh: "参数：", en: "Arguments:" }
        options_heading() { zh: "选项：", en: "Options:" }
        commands_heading() { zh: "命令：", en: "Commands:" }
    }
}

pub mod import {
    crate::catalogue! { "help.import";
        about() {
            zh: "把公开的绩效目标表（粘贴的文本、CSV 或 .xlsx 工作簿）导入为单位文件夹",
            en: "Import a published target table (pasted text, CSV or an .xlsx workbook) into a unit folder",
        }
        table() {
            zh: "目标表：从 Word 或网页粘贴的制表符分隔文本、CSV，或 Excel 工作簿（.xlsx；合并单元格视为“同上”）；`-` 表示从标准输入读取",
            en: "The table: tab-separated text pasted from Word or a web page, CSV, or an Excel workbook (.xlsx; merged cells mean \"as above\"); `-` reads standard input",
        }
        out() {
            zh: "要写入的单位文件夹（unit.toml、targets.csv、budget.csv）",
            en: "The unit folder to write (unit.toml, targets.csv, budget.csv)",
        }
        year() {
            zh: "预算年度（表中未写明时）",
            en: "The budget year, when the table does not say",
        }
        force() {
            zh: "文件夹中已有 unit.toml、targets.csv、budget.csv 时予以替换",
            en: "Replace unit.toml, targets.csv and budget.csv if the folder has them",
        }
    }
}

pub mod check {
    crate::catalogue! { "help.check";
        about() {
            zh: "检查单位文件夹并输出概要",
            en: "Validate a unit folder and print a summary",
        }
        dir() { zh: "单位文件夹", en: "The unit folder" }
        json() {
            zh: "输出 JSON 而非文本：{{dir, ok, diagnostics, summary, actuals}}（见 README）；文件夹有错误时也输出",
            en: "Print JSON instead of text: {{dir, ok, diagnostics, summary, actuals}} (see README); printed also when the folder has errors",
        }
    }
}

pub mod show {
    crate::catalogue! { "help.show";
        about() {
            zh: "输出指标树：指标值、分值和计分方式",
            en: "Print the indicator tree with targets, weights and measures",
        }
        dir() { zh: "单位文件夹", en: "The unit folder" }
        json() {
            zh: "输出 JSON 而非文本：{{unit, year, indicators, weights_total, budget}}",
            en: "Print JSON instead of text: {{unit, year, indicators, weights_total, budget}}",
        }
    }
}

pub mod template {
    crate::catalogue! { "help.template";
        about() {
            zh: "生成某月的录入工作簿：每个预算项目和指标一行待填，旁附上月数据；填好后保存到 actuals/",
            en: "Write a month's entry workbook: one row per budget line and indicator to fill in, with last month's figures beside; save it into actuals/ when filled",
        }
        dir() { zh: "单位文件夹", en: "The unit folder" }
        month() {
            zh: "要录入的月份，例如 2026-07",
            en: "The month to enter, e.g. 2026-07",
        }
        out() {
            zh: "要写入的工作簿（默认：当前文件夹中的 <月份>.xlsx）；`-` 表示写到标准输出",
            en: "The workbook to write (default: <month>.xlsx in the current folder); `-` writes it to standard output",
        }
        force() {
            zh: "工作簿已存在时予以替换",
            en: "Replace the workbook if it exists",
        }
    }
}

pub mod completions {
    crate::catalogue! { "help.completions";
        about() {
            zh: "输出命令行补全脚本：attain completions bash > /etc/bash_completion.d/attain",
            en: "Print a shell completion script: attain completions bash > /etc/bash_completion.d/attain",
        }
        shell() { zh: "命令行解释器（shell）", en: "The shell" }
    }
}

pub mod man {
    crate::catalogue! { "help.man";
        about() {
            zh: "输出手册页（roff 格式）：attain man > attain.1",
            en: "Print the manual page (roff): attain man > attain.1",
        }
    }
}

pub mod report {
    crate::catalogue! { "help.report";
        about() {
            zh: "生成截至某月的报告：progress（月度进度）、midyear（绩效运行监控）或 yearend（绩效自评）",
            en: "Write a report as of a month: progress (monthly), midyear or yearend",
        }
        dir() { zh: "单位文件夹", en: "The unit folder" }
        as_of() {
            zh: "报告截至的月份，例如 2026-06",
            en: "The month the report is as of, e.g. 2026-06",
        }
        kind() {
            zh: "报告种类：progress（月度进度）、midyear（对照半年指标值的绩效运行监控）、yearend（对照年度指标值的绩效自评）",
            en: "Which report: progress (monthly progress, 月度进度), midyear (mid-year monitoring against the half-year targets, 绩效运行监控) or yearend (year-end self-evaluation against the full-year targets, 绩效自评)",
        }
        format() {
            zh: "要写的格式，用逗号分隔：md、json、csv、html（单个自包含网页）、svg（execution.svg、每个预算项目的 execution-<n>.svg、indicators.svg）、xlsx（Excel 工作簿）",
            en: "Formats to write, comma-separated: md, json, csv, html (one self-contained page), svg (execution.svg, execution-<n>.svg per budget line, indicators.svg), xlsx (an Excel workbook)",
        }
        png() {
            zh: "同时把图表写成 PNG（需要中文字体：在常用字体文件夹中查找，或用 --font 指定）",
            en: "Also write the charts as PNG (needs a CJK font: found in the usual font folders, or given with --font)",
        }
        font() {
            zh: "PNG 图表所用的中文字体文件（.ttf、.otf、.ttc）",
            en: "The CJK font file (.ttf, .otf, .ttc) for the PNG charts",
        }
        out() {
            zh: "输出文件夹（默认：reports/<单位文件夹名>/<截至月份>）；`-` 表示把单一 --format（md、json、csv、html 或 xlsx）的报告文件写到标准输出",
            en: "Output folder (default: reports/<unit folder name>/<as-of>); `-` writes the one report file of a single --format (md, json, csv, html or xlsx) to standard output",
        }
        ids() {
            zh: "在表格和清单中显示指标编号（例如 PRO-03）",
            en: "Show the indicators' ids (编号, e.g. PRO-03) in the tables and lists",
        }
        strict() {
            zh: "实际数据不完整或年终自评表为预评估时拒绝生成报告（退出码 1）；不加此项时照常生成并加以标注",
            en: "Refuse (exit 1) to write a report on incomplete actuals, or a provisional (预评估) year-end table; without it such reports are written and stamped",
        }
    }
}

pub mod review {
    crate::catalogue! { "help.review";
        about() {
            zh: "复核已填好的项目支出绩效自评表：重算每行得分，核对分值、总分和等级。一致时退出码为 0，有问题时为 1，表格无法读取时为 2。",
            en: "Review a filled-in self-evaluation table (项目支出绩效自评表): recompute each row's score and check weights, totals and grade. Exit 0 when consistent, 1 when there are findings, 2 when the table cannot be read.",
        }
        table() {
            zh: "自评表：从网页、Word、PDF 或 Excel 粘贴的制表符分隔文本，或 attain 生成的 yearend.md；`-` 表示从标准输入读取",
            en: "The table: tab-separated text pasted from a web page, Word, a PDF or Excel, or attain's own yearend.md; `-` reads standard input",
        }
        json() { zh: "输出 JSON 而非文本", en: "Print JSON instead of text" }
        rounding() {
            zh: "每行得分的舍入：cents（保留 2 位小数）或 whole（取整分）",
            en: "Row score rounding: cents (2 decimals) or whole points",
        }
        grades() {
            zh: "等级划分：优/良/中的下限",
            en: "Grade bands: 优/良/中 lower bounds",
        }
        words() {
            zh: "定性指标实际完成值的用词及其档次，例如 尚可=部分达成（achieved/达成、partly/部分达成、not/未达成）；可重复",
            en: "A qualitative actual word and its tier, e.g. 尚可=部分达成 (achieved/达成, partly/部分达成, not/未达成); repeatable",
        }
    }
}

pub mod portfolio {
    crate::catalogue! { "help.portfolio";
        about() {
            zh: "一次处理全省所有单位：按与预期执行进度的差距排序，列出灯色、红黄灯指标、与上月相比的变化和汇总。输入：单位文件夹所在的文件夹，或导出格式（带 `unit` 列的 unit.toml、targets.csv、budget.csv 和 actuals.csv）",
            en: "Every unit of a province in one run: units ranked by their gap to the expected execution path, lights, red and yellow indicators, change since last month, the aggregate. Input: a folder of unit folders, or the export shape (unit.toml, targets.csv, budget.csv and actuals.csv with a `unit` column)",
        }
        input() {
            zh: "单位文件夹所在的文件夹，或存放导出文件的文件夹",
            en: "A folder of unit folders, or a folder with the export files",
        }
        as_of() {
            zh: "报告截至的月份，例如 2026-06",
            en: "The month the report is as of, e.g. 2026-06",
        }
        format() {
            zh: "要写的格式，用逗号分隔：md、json、csv、html、svg、xlsx",
            en: "Formats to write, comma-separated: md, json, csv, html, svg, xlsx",
        }
        out() {
            zh: "输出文件夹（默认：reports/<输入文件夹名>/<截至月份>）",
            en: "Output folder (default: reports/<input folder name>/<as-of>)",
        }
        per_unit() {
            zh: "同时为每个单位生成各自的进度报告，放在 <out>/units/<单位>/",
            en: "Also write each unit's own progress report, in <out>/units/<unit>/",
        }
        strict() {
            zh: "任一单位有错误即失败（退出码 1，不写任何文件），而不是把该单位排除在排名之外",
            en: "Fail (exit 1, nothing written) when any unit has an error, instead of leaving the unit out of the ranking",
        }
        top() {
            zh: "Markdown 和 HTML 排名中列出的单位数（JSON、CSV 和 XLSX 列出全部）",
            en: "Units listed in the Markdown and HTML ranking (JSON, CSV and XLSX have all)",
        }
        charts() {
            zh: "以小图形式绘出的最落后单位数",
            en: "Units furthest behind drawn as small multiples",
        }
        max_diagnostics() {
            zh: "完整列出的错误数（警告另计）；其余只计数",
            en: "Errors (and, apart, warnings) printed in full; the rest are counted",
        }
    }
}

pub mod gen {
    crate::catalogue! { "help.gen";
        about() {
            zh: "生成用于测试和基准测试的模拟单位组（同一种子结果相同）：单位文件夹在 <out>/folders，导出格式在 <out>/export",
            en: "Generate a synthetic portfolio (deterministic for a seed) for tests and benchmarks: unit folders under <out>/folders, the export shape under <out>/export",
        }
        units() { zh: "单位数", en: "Number of units" }
        seed() {
            zh: "随机种子：同一种子生成相同的文件",
            en: "Random seed: the same seed gives the same files",
        }
        out() { zh: "输出文件夹", en: "Output folder" }
        shape() {
            zh: "要写的输入形式：folders（每个单位一个文件夹）、export（每类一个带 `unit` 列的文件）或 both（两者）",
            en: "Which input shapes to write: folders (a folder per unit), export (one file of each kind with a `unit` column) or both",
        }
        indicators() {
            zh: "每个单位的指标数（至少 6 个；示例单位有 45 个）",
            en: "Indicators per unit (at least 6; the example unit has 45)",
        }
        year() { zh: "预算年度", en: "Budget year" }
        bad_units() {
            zh: "各含一行错误数据的单位数",
            en: "Number of units that get one bad row each",
        }
        detail() {
            zh: "支出按每笔付款及其日期逐行写出（明细格式）",
            en: "Write spending as one row per payment with its date (the detail form)",
        }
    }
}

/// `attain help`.
#[allow(clippy::module_inception)]
pub mod help {
    crate::catalogue! { "help.help";
        about() {
            zh: "显示本帮助，或所给子命令的帮助",
            en: "Print this message or the help of the given subcommand(s)",
        }
        subcommand() {
            zh: "要查看帮助的子命令",
            en: "Print help for the subcommand(s)",
        }
    }
}
