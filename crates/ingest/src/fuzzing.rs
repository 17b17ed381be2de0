//! Entry points for the fuzz targets (`fuzz/`) and their regression tests: each runs
//! one reader on arbitrary bytes, as a user's file, and checks the readers' contract:
//! no panic, and a failure always carries at least one error diagnostic naming its
//! file. Not part of attain's interface.
//!
//! The main readers (tables, unit files, actuals) get the bytes in memory through
//! the same functions the file readers wrap; plan, adjustments/explanations and the
//! review parser still read them from a scratch folder. What does not depend on the
//! input is done once per process ([`Scratch`]): the example unit's model, and its
//! three unit files as read (`unitdir::UnitFiles`), so that a unit-file target reads
//! only its own file per input before the model is put together and checked.

use std::path::{Path, PathBuf};

use attain_core::Model;

use crate::diag::{Diagnostics, Failed};

/// The readers that can be fuzzed, by target name.
pub const TARGETS: &[&str] = &[
    "table_text",
    "table_csv",
    "targets_csv",
    "budget_csv",
    "unit_toml",
    "actuals_csv",
    "actuals_xlsx",
    "actuals_xlsx_xml",
    "plan_csv",
    "evaluation_csv",
    "review_text",
    "export_csv",
];

/// A scratch folder holding a copy of a valid unit folder, made once per process.
#[derive(Debug)]
pub struct Scratch {
    dir: tempfile::TempDir,
    model: Model,
    /// The unit folder's three files as read, each on its own: a unit-file target
    /// reads only its own file per input.
    files: crate::unitdir::UnitFiles,
    /// The unit folder's three files as they were.
    originals: Vec<(&'static str, Vec<u8>)>,
}

const UNIT_FILES: [&str; 3] = ["unit.toml", "targets.csv", "budget.csv"];

/// The budget of `export_csv`'s province: units A, B and C.
const EXPORT_BUDGET: &str = "unit,name,parent,h1_plan,budget\n\
    A,基本支出,,290,592.56\n\
    B,基本支出,,290,592.56\n\
    B,项目支出,,10,20\n\
    C,基本支出,,290,592.56\n";

impl Scratch {
    /// A scratch folder with the unit folder `unit` (unit.toml, targets.csv,
    /// budget.csv) copied in, its model loaded.
    pub fn new(unit: &Path) -> Scratch {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let u = dir.path().join("unit");
        std::fs::create_dir_all(u.join("actuals")).expect("a folder");
        let mut originals = Vec::new();
        for f in UNIT_FILES {
            let bytes = std::fs::read(unit.join(f)).expect("the unit folder's files");
            std::fs::write(u.join(f), &bytes).expect("a copy");
            originals.push((f, bytes));
        }
        // An export-shape province of three units sharing the unit's targets, for
        // `export_csv` (its actuals.csv is the input).
        let export = dir.path().join("export");
        std::fs::create_dir_all(&export).expect("a folder");
        for f in ["unit.toml", "targets.csv"] {
            std::fs::copy(u.join(f), export.join(f)).expect("a copy");
        }
        std::fs::write(export.join("budget.csv"), EXPORT_BUDGET).expect("a write");
        let model = crate::unitdir::load(&u)
            .expect("the unit folder loads")
            .model;
        let original = |f: &str| {
            originals
                .iter()
                .find(|(n, _)| *n == f)
                .unwrap()
                .1
                .as_slice()
        };
        let files = crate::unitdir::UnitFiles::from_bytes(
            &u,
            original("unit.toml"),
            original("targets.csv"),
            original("budget.csv"),
        );
        Scratch {
            dir,
            model,
            files,
            originals,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Run `f` on the unit folder with `rel` holding `data`; afterwards the folder is
    /// as it was (only the three unit files, as they were).
    fn with_file(&self, rel: &str, data: &[u8], f: impl FnOnce(&Path)) {
        let unit = self.path("unit");
        std::fs::write(unit.join(rel), data).expect("a write");
        f(&unit);
        match self.originals.iter().find(|(n, _)| *n == rel) {
            Some((_, bytes)) => std::fs::write(unit.join(rel), bytes).expect("a restore"),
            None => std::fs::remove_file(unit.join(rel)).expect("a removal"),
        }
    }
}

/// The readers' contract for a failure: at least one error, every one naming a file.
fn failed_ok(f: &Failed, what: &str) {
    check_diags(&f.0, what);
    assert!(f.0.has_errors(), "{what}: a failure without an error");
}

fn check_diags(d: &Diagnostics, what: &str) {
    for x in d.iter() {
        assert!(x.file.is_some(), "{what}: a diagnostic without a file: {x}");
        let _ = x.to_string();
    }
    let _ = d.to_string();
}

/// Run reader `target` on `data`.
pub fn run(target: &str, data: &[u8], scratch: &Scratch) {
    match target {
        "table_text" | "table_csv" => {
            let ext = if target == "table_csv" { "csv" } else { "txt" };
            let p = scratch.path(&format!("table.{ext}"));
            match crate::import_table_bytes(data, &p, Some(2026)) {
                Ok(i) => {
                    check_diags(&i.diagnostics, target);
                    // What was imported is written and read back.
                    let _ = crate::unitdir::render_files(&i.model);
                }
                Err(f) => failed_ok(&f, target),
            }
        }
        "targets_csv" | "budget_csv" | "unit_toml" => {
            // The input is read as the file; the other two were read once, and the
            // three are put together and checked as `unitdir::load` does: the model's
            // checks run on what the input holds (budget lines an indicator's
            // execution names, weights …) and their findings must name a file too.
            let files = scratch.files.clone();
            let files = match target {
                "targets_csv" => files.with_targets(data),
                "budget_csv" => files.with_budget(data),
                _ => files.with_unit_toml(data),
            };
            match files.load() {
                Ok(u) => check_diags(&u.diagnostics, target),
                Err(f) => failed_ok(&f, target),
            }
        }
        "actuals_csv" | "actuals_xlsx" => {
            let ext = if target == "actuals_xlsx" {
                "xlsx"
            } else {
                "csv"
            };
            let unit = scratch.path("unit");
            let file = unit.join(format!("actuals/2026-06.{ext}"));
            let read = crate::actuals::read_bytes(&unit, &file, data, &scratch.model);
            check_diags(&read.diagnostics, target);
        }
        "actuals_xlsx_xml" => {
            // The input is the workbook's XML; the harness puts it in a valid
            // container (sizes and checksums right), so that mutations reach the
            // sheet and shared-string readers instead of stopping at a checksum.
            let bytes = workbook_of_xml(data);
            let unit = scratch.path("unit");
            let file = unit.join("actuals/2026-06.xlsx");
            let read = crate::actuals::read_bytes(&unit, &file, &bytes, &scratch.model);
            check_diags(&read.diagnostics, target);
        }
        "plan_csv" => {
            scratch.with_file("plan.csv", data, |unit| {
                let mut d = Diagnostics::default();
                let _ = crate::actuals::read_plan(unit, &scratch.model, &mut d);
                check_diags(&d, target);
            });
        }
        "evaluation_csv" => {
            // The first byte chooses the file: adjustments or explanations.
            let (file, rest) = match data.split_first() {
                Some((b, rest)) if b % 2 == 0 => ("adjustments.csv", rest),
                Some((_, rest)) => ("explanations.csv", rest),
                None => ("adjustments.csv", data),
            };
            scratch.with_file(file, rest, |unit| {
                let mut d = Diagnostics::default();
                let _ = crate::evaluation::read(unit, &scratch.model, &mut d);
                check_diags(&d, target);
            });
        }
        "export_csv" => {
            // The province's actuals.csv read by the sequential reader and in chunks
            // of several sizes: the same units, entries, diagnostics and notes.
            let export = scratch.path("export");
            std::fs::write(export.join("actuals.csv"), data).expect("a write");
            match crate::portfolio::read_every_way(&export, &[1, 5, 64, 4096]) {
                Ok(ways) => {
                    for (k, w) in ways.iter().enumerate().skip(1) {
                        assert_eq!(
                            w, &ways[0],
                            "export_csv: way {k} differs from the sequential reader"
                        );
                    }
                }
                Err(f) => failed_ok(&f, target),
            }
        }
        "review_text" => {
            let p = scratch.path("selfeval.txt");
            std::fs::write(&p, data).expect("a write");
            match crate::selfeval::read_file(&p) {
                Ok(r) => {
                    check_diags(&r.diagnostics, target);
                    let review = attain_core::review::review(
                        &r.table,
                        &attain_core::settings::Scoring::default(),
                    );
                    let _ = review.is_consistent();
                }
                Err(f) => failed_ok(&f, target),
            }
        }
        other => panic!("no fuzz target {other}"),
    }
}

/// The parts of a one-sheet workbook around the fuzzed XML: content types,
/// relationships, and the workbook part (which names the sheet) unless the input
/// gives its own.
const WORKBOOK_PARTS: [(&str, &str); 4] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
];

/// A workbook (stored, not compressed) whose sheet, shared strings and, when given,
/// workbook part are the NUL-separated parts of `data` (see [`WORKBOOK_PARTS`]).
pub fn workbook_of_xml(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut parts = data.splitn(3, |b| *b == 0);
    let sheet = parts.next().unwrap_or_default();
    let strings = parts
        .next()
        .unwrap_or(br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#);
    let workbook = parts.next();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut put = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options).expect("a part");
        zip.write_all(bytes).expect("a write to memory");
    };
    for (name, xml) in WORKBOOK_PARTS {
        match (name, workbook) {
            ("xl/workbook.xml", Some(w)) => put(name, w),
            _ => put(name, xml.as_bytes()),
        }
    }
    put("xl/worksheets/sheet1.xml", sheet);
    put("xl/sharedStrings.xml", strings);
    zip.finish().expect("a workbook in memory").into_inner()
}
