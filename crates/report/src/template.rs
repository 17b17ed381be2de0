//! The month's entry workbook (`attain template`): one sheet that finance staff fill
//! in Excel and drop into `actuals/`, read back by the actuals reader as it is.
//!
//! Columns, as the actuals reader names them: 月份 (month), 项目 (item), 单位 (unit,
//! for reference), 上月 (last month's figure, for reference), 数值 (value, to fill),
//! 备注 (note, to fill). One row per leaf budget line (spending in 万元) and per
//! indicator that takes a monthly figure (all but the execution rate, which follows
//! from spending). The sheet is protected: only 数值 and 备注 can be edited; 数值 has
//! data validation (a number, or one of the grade words a qualitative indicator
//! accepts). A row left blank is read as "nothing reported".

use attain_core::actuals::{Actuals, Item};
use attain_core::fmt::{fixed, plain, round, PERCENT_DP};
use attain_core::{Decimal, Measure, Model, Month, Target, Tier, Value};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatBorder, ProtectionOptions, Workbook, XlsxError,
};

use crate::write::xlsx::{AMOUNT_FORMAT, RATE_FORMAT};

/// A decimal as the spreadsheet's number (a cell holds a double).
fn number(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(0.0)
}

/// The header of the entry sheet, in the actuals reader's Chinese column names.
pub const HEADER: [&str; 6] = ["月份", "项目", "单位", "上月", "数值", "备注"];

/// Last month's figure in the 上月 column: a number is written as a number (with
/// the number format of its kind), a grade word as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// Nothing reported last month (or January).
    None,
    /// 万元 of a budget line.
    Amount(Decimal),
    /// A rate, as a fraction (0.453 shows as 45.30%).
    Rate(Decimal),
    /// A count or other quantity.
    Number(Decimal),
    /// A grade word.
    Word(String),
}

impl Previous {
    /// As a person reads the cell: `52.60`, `45.30%`, `3`, `基本完善`, empty.
    pub fn text(&self) -> String {
        match self {
            Previous::None => String::new(),
            Previous::Amount(d) => fixed(*d, 2),
            Previous::Rate(d) => crate::doc::Value::Rate(*d).display(crate::lang::Lang::Zh),
            Previous::Number(d) => plain(*d),
            Previous::Word(w) => w.clone(),
        }
    }
}

/// One row to fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    /// What the actuals reader resolves: the name, or the id when the name is not
    /// unique among indicators and budget lines.
    pub item: String,
    pub unit: String,
    /// Last month's figure, for reference.
    pub previous: Previous,
    /// The grade words accepted, for a qualitative indicator; empty for numbers.
    pub grades: Vec<String>,
}

/// The rows of the entry sheet for `month`: leaf budget lines, then the indicators
/// that take a monthly figure, in the unit folder's order.
pub fn rows(model: &Model, actuals: &Actuals, month: Month) -> Vec<EntryRow> {
    let previous = if month.number() > 1 {
        Month::new(month.year(), month.number() - 1)
    } else {
        None
    };
    let shown = |item: &Item, ind: &attain_core::Indicator| -> Previous {
        let Some(e) = previous.and_then(|p| actuals.get(item, p)) else {
            return Previous::None;
        };
        match &e.value {
            Value::Grade { word, .. } => Previous::Word(word.clone()),
            Value::Number(d) if ind.is_percent() => Previous::Rate(*d),
            // A date (`2026年10月`) or a ratio (`1:1.3`) as it is written.
            Value::Number(d) => match ind.fy.show_value(*d) {
                Some(text) => Previous::Word(text),
                None => Previous::Number(*d),
            },
        }
    };
    let names: Vec<&str> = model
        .indicators
        .iter()
        .flat_map(|i| [i.name.as_str(), i.id.0.as_str()])
        .chain(model.budget.lines.iter().map(|l| l.name.as_str()))
        .collect();
    let unique = |name: &str| names.iter().filter(|n| **n == name).count() == 1;
    let mut out = Vec::new();
    for line in model.budget.leaves() {
        let item = Item::Line(line.name.as_str().into());
        out.push(EntryRow {
            item: line.name.clone(),
            unit: "万元".into(),
            previous: match previous
                .and_then(|p| actuals.get(&item, p))
                .and_then(|e| e.value.number())
            {
                Some(d) => Previous::Amount(d),
                None => Previous::None,
            },
            grades: Vec::new(),
        });
    }
    for i in &model.indicators {
        if matches!(i.measure, Measure::Execution { .. }) {
            continue;
        }
        let item = Item::Indicator(i.id.0.as_str().into());
        let grades = match (&i.measure, &i.fy) {
            (Measure::Grade, Target::Qualitative(w)) => Tier::accepted_words(w),
            (Measure::Grade, _) => Tier::accepted_words(""),
            _ => Vec::new(),
        };
        let unit = if i.measure == Measure::Grade {
            "等级".to_string()
        } else {
            i.unit().map(|u| u.as_str().to_string()).unwrap_or_default()
        };
        out.push(EntryRow {
            item: if unique(&i.name) {
                i.name.clone()
            } else {
                i.id.0.clone()
            },
            unit,
            previous: shown(&item, i),
            grades: grades.into_iter().filter(|g| !g.is_empty()).collect(),
        });
    }
    out
}

/// The entry workbook for `month` as `.xlsx` bytes; the same input gives the same
/// bytes (its creation time is the first day of the month).
pub fn entry_workbook(
    model: &Model,
    actuals: &Actuals,
    month: Month,
) -> Result<Vec<u8>, XlsxError> {
    let rows = rows(model, actuals, month);
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(month.year(), month.number(), 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {month} 月度数据填报", model.unit.name))
            .set_company(&model.unit.name)
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name(month.to_string())?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin);
    let locked = Format::new().set_border(FormatBorder::Thin);
    let reference = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_color(Color::RGB(0x595959));
    let fill = Format::new()
        .set_unlocked()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xFFF2CC));
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    let month_text = month.to_string();
    for (k, r) in rows.iter().enumerate() {
        let row = k as u32 + 1;
        ws.write_string_with_format(row, 0, &month_text, &locked)?;
        ws.write_string_with_format(row, 1, &r.item, &locked)?;
        ws.write_string_with_format(row, 2, &r.unit, &reference)?;
        match &r.previous {
            Previous::None => ws.write_blank(row, 3, &reference)?,
            Previous::Word(w) => ws.write_string_with_format(row, 3, w, &reference)?,
            Previous::Amount(d) => ws.write_number_with_format(
                row,
                3,
                number(round(*d, 2)),
                &reference.clone().set_num_format(AMOUNT_FORMAT),
            )?,
            Previous::Rate(d) => ws.write_number_with_format(
                row,
                3,
                number(round(*d, PERCENT_DP + 2)),
                &reference.clone().set_num_format(RATE_FORMAT),
            )?,
            Previous::Number(d) => ws.write_number_with_format(row, 3, number(*d), &reference)?,
        };
        ws.write_blank(row, 4, &fill)?;
        ws.write_blank(row, 5, &fill)?;
        let v = if r.grades.is_empty() {
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1e12, 1e12))
                .set_error_title("数值")?
                .set_error_message(format!("{}：请填写数字（{}）", r.item, r.unit))?
        } else {
            let words: Vec<&str> = r.grades.iter().map(String::as_str).collect();
            DataValidation::new()
                .allow_list_strings(&words)?
                .set_error_title("等级")?
                .set_error_message(format!("{}：请选择 {}", r.item, words.join(" / ")))?
        };
        ws.add_data_validation(
            row,
            4,
            row,
            4,
            &v.set_error_style(DataValidationErrorStyle::Stop),
        )?;
    }
    ws.set_column_width(0, 10)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(2, 8)?;
    ws.set_column_width(3, 12)?;
    ws.set_column_width(4, 14)?;
    ws.set_column_width(5, 30)?;
    ws.set_freeze_panes(1, 0)?;
    // Names and months locked, so the sheet reads back as written; no password.
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..Default::default()
    };
    ws.protect_with_options(&options);
    wb.save_to_buffer()
}
