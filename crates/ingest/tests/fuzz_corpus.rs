//! The fuzz targets' seed corpora and every input a fuzzing run found to fail
//! (fuzz/corpus/<target>/seed-*, fuzz/regressions/<target>/*), run through the same
//! readers on stable as plain tests: no panic, and every failure carries an error
//! naming its file (checked inside `attain_ingest::fuzzing::run`).

use std::path::{Path, PathBuf};

use attain_ingest::fuzzing::{run, Scratch, TARGETS};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn seed_corpora_and_found_crashes_read_without_panic() {
    let scratch = Scratch::new(&root().join("data/jiangsu-wb-office-2026"));
    let mut ran = 0;
    for t in TARGETS {
        let seeds: Vec<PathBuf> = files(&root().join("fuzz/corpus").join(t))
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("seed-")
            })
            .collect();
        assert!(!seeds.is_empty(), "fuzz/corpus/{t} has no seed");
        let found = files(&root().join("fuzz/regressions").join(t));
        for p in seeds.iter().chain(&found) {
            let data = std::fs::read(p).unwrap();
            let r = std::panic::catch_unwind(|| run(t, &data, &scratch));
            assert!(r.is_ok(), "{t}: {} panics", p.display());
            ran += 1;
        }
    }
    assert!(ran >= TARGETS.len());
}

/// The structure-aware workbook target (actuals_xlsx_xml) reads real workbooks: the
/// XML of a committed workbook seed, put into the harness's container, reads as that
/// workbook does (the same entries, or the same errors).
#[test]
fn xlsx_xml_target_reads_what_the_workbook_its_xml_came_from_reads() {
    use attain_ingest::actuals::read_bytes;
    use attain_ingest::fuzzing::workbook_of_xml;
    let unit = root().join("data/jiangsu-wb-office-2026");
    let model = attain_ingest::unitdir::load(&unit).unwrap().model;
    let file = unit.join("actuals/2026-06.xlsx");
    let mut errors = 0;
    for seed in ["valid", "dense"] {
        let xml =
            std::fs::read(root().join(format!("fuzz/corpus/actuals_xlsx_xml/seed-{seed}.xml")))
                .unwrap();
        let xlsx = std::fs::read(root().join(format!("fuzz/corpus/actuals_xlsx/seed-{seed}.xlsx")))
            .unwrap();
        let built = read_bytes(&unit, &file, &workbook_of_xml(&xml), &model);
        let committed = read_bytes(&unit, &file, &xlsx, &model);
        assert_eq!(
            format!("{:?}", built.actuals.entries()),
            format!("{:?}", committed.actuals.entries())
        );
        assert_eq!(
            built.diagnostics.to_string(),
            committed.diagnostics.to_string()
        );
        if seed == "valid" {
            assert!(!built.diagnostics.has_errors(), "{}", built.diagnostics);
            assert_eq!(built.actuals.entries().len(), 2);
        }
        errors += usize::from(built.diagnostics.has_errors());
    }
    assert_eq!(errors, 1, "the dense workbook is refused");

    // Found by the long run: shared strings declaring 533 333 048 576 strings made
    // the workbook reader reserve 12.8 TB and abort. Now an error naming the file.
    let found = root()
        .join("fuzz/regressions/actuals_xlsx_xml/crash-8a87df4d3843972bf5ed5b66cc959e84a0b2c909");
    let read = read_bytes(
        &unit,
        &file,
        &workbook_of_xml(&std::fs::read(found).unwrap()),
        &model,
    );
    let e = read.diagnostics.errors().next().expect("an error");
    assert_eq!(e.file.as_deref(), Some(file.as_path()));
    assert!(
        e.to_string()
            .contains("533333048576 strings, more than the 4000000"),
        "{e}"
    );
}
