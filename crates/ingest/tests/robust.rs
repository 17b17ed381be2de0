//! Robustness: whatever a user pastes, the readers answer with a value or with
//! diagnostics, never a panic. Inputs are the real seed table and actuals with random
//! damage: cells dropped, tabs added or removed, characters replaced, lines cut.

use std::path::Path;

use proptest::prelude::*;

const SEED: &str = include_str!("../../../data/jiangsu-wb-office-2026/source/target-table.txt");
const JUNE: &[u8] = include_bytes!("../../../data/jiangsu-wb-office-2026/actuals/2026-06.csv");
const SELFEVAL: &str =
    include_str!("../../../tests/data/examples/tianchang-2022-flood-selfeval.txt");

/// One edit at a relative position (0..1000 per mille of the text).
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: u16, len: u8 },
    Insert { at: u16, text: String },
    CutLine { at: u16 },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..1000u16, 1..20u8).prop_map(|(at, len)| Edit::Delete { at, len }),
        (
            0..1000u16,
            prop::sample::select(vec![
                "\t",
                "\t\t",
                "\n",
                "≥",
                "=",
                "%",
                "三",
                "<p>",
                "\"",
                ",",
                "-1",
                "999999999999999999999999999999",
                "健全",
                "过程",
                "一级指标"
            ])
        )
            .prop_map(|(at, t)| Edit::Insert {
                at,
                text: t.to_string()
            }),
        (0..1000u16).prop_map(|at| Edit::CutLine { at }),
    ]
}

fn boundary(s: &str, per_mille: u16) -> usize {
    let mut i = s.len() * per_mille as usize / 1000;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, edits: &[Edit]) -> String {
    for e in edits {
        match e {
            Edit::Delete { at, len } => {
                let a = boundary(&s, *at);
                let mut b = (a + *len as usize).min(s.len());
                while !s.is_char_boundary(b) {
                    b += 1;
                }
                s.replace_range(a..b, "");
            }
            Edit::Insert { at, text } => {
                let a = boundary(&s, *at);
                s.insert_str(a, text);
            }
            Edit::CutLine { at } => {
                let a = boundary(&s, *at);
                let end = s[a..].find('\n').map_or(s.len(), |i| a + i);
                s.replace_range(a..end, "");
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn damaged_tables_never_panic(edits in prop::collection::vec(edit(), 1..8)) {
        let text = apply(SEED.to_string(), &edits);
        match attain_ingest::table::import_text(&text, Path::new("t.txt"), None) {
            Ok(t) => prop_assert!(!t.indicators.is_empty()),
            Err(f) => prop_assert!(f.0.has_errors()),
        }
        // And as CSV.
        let csv = text.replace('\t', ",");
        let _ = attain_ingest::table::import_text(&csv, Path::new("t.csv"), Some(2026));
    }

    #[test]
    fn damaged_selfeval_tables_never_panic(edits in prop::collection::vec(edit(), 1..8)) {
        let text = apply(SELFEVAL.to_string(), &edits);
        let _ = attain_ingest::selfeval::parse_text(&text, Path::new("s.txt"));
    }

    #[test]
    fn damaged_actuals_never_panic(edits in prop::collection::vec(edit(), 1..8)) {
        let text = apply(String::from_utf8_lossy(JUNE).into_owned(), &edits);
        let dir = tempfile::tempdir().unwrap();
        let unit = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/jiangsu-wb-office-2026");
        for f in ["unit.toml", "targets.csv", "budget.csv"] {
            std::fs::copy(unit.join(f), dir.path().join(f)).unwrap();
        }
        std::fs::create_dir(dir.path().join("actuals")).unwrap();
        std::fs::write(dir.path().join("actuals/2026-06.csv"), text).unwrap();
        match attain_ingest::load_all(dir.path()) {
            Ok(l) => prop_assert!(!l.unit.model.indicators.is_empty()),
            Err(f) => prop_assert!(f.0.has_errors()),
        }
    }
}

/// The in-memory entries read what the file readers read: the same model from a unit
/// folder's bytes, and the same entries and diagnostics from an actuals file's bytes
/// (a damaged one too).
#[test]
fn readers_from_bytes_read_what_the_file_readers_read() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/jiangsu-wb-office-2026"
    ));
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
    let from_files = attain_ingest::unitdir::load(dir).unwrap();
    let from_bytes = attain_ingest::unitdir::load_bytes(
        dir,
        &read("unit.toml"),
        &read("targets.csv"),
        &read("budget.csv"),
    )
    .unwrap();
    assert_eq!(
        format!("{:?}", from_files.model),
        format!("{:?}", from_bytes.model)
    );
    assert_eq!(from_bytes.model.indicators.len(), 45);
    assert_eq!(
        from_files.diagnostics.to_string(),
        from_bytes.diagnostics.to_string()
    );

    // A broken targets.csv: the same errors, file, line and column.
    let mut targets = read("targets.csv");
    targets.extend_from_slice("X1,产出指标,数量指标,坏行,,,≥abc\n".as_bytes());
    let tmp = tempfile::tempdir().unwrap();
    for f in ["unit.toml", "budget.csv"] {
        std::fs::write(tmp.path().join(f), read(f)).unwrap();
    }
    std::fs::write(tmp.path().join("targets.csv"), &targets).unwrap();
    let file_err = attain_ingest::unitdir::load(tmp.path()).unwrap_err();
    let bytes_err = attain_ingest::unitdir::load_bytes(
        tmp.path(),
        &read("unit.toml"),
        &targets,
        &read("budget.csv"),
    )
    .unwrap_err();
    assert!(file_err.0.has_errors());
    assert_eq!(file_err.0.to_string(), bytes_err.0.to_string());

    // Actuals: the June file, and the June file with a bad row.
    let model = &from_files.model;
    std::fs::create_dir_all(tmp.path().join("actuals")).unwrap();
    let mut bad = JUNE.to_vec();
    bad.extend_from_slice("2026-06,基本支出,12x.5,\n".as_bytes());
    for (bytes, errors) in [(JUNE.to_vec(), 0), (bad, 1)] {
        let path = tmp.path().join("actuals/2026-06.csv");
        std::fs::write(&path, &bytes).unwrap();
        let files = attain_ingest::actuals::read(tmp.path(), model);
        let mem = attain_ingest::actuals::read_bytes(tmp.path(), &path, &bytes, model);
        assert_eq!(
            format!("{:?}", files.actuals.entries()),
            format!("{:?}", mem.actuals.entries())
        );
        assert_eq!(files.ledger.files, mem.ledger.files);
        assert_eq!(files.diagnostics.to_string(), mem.diagnostics.to_string());
        assert_eq!(mem.actuals.entries().len(), 41);
        assert_eq!(mem.diagnostics.errors().count(), errors);
    }
    let last = attain_ingest::actuals::read_bytes(
        tmp.path(),
        &tmp.path().join("actuals/2026-06.csv"),
        JUNE,
        model,
    );
    assert!(!last.diagnostics.has_errors());
    assert_eq!(last.ledger.files[0].0, "actuals/2026-06.csv");
}

/// One file read again with the other two kept as read (what the unit-file fuzz
/// targets do per input) loads exactly what reading all three does: the same model,
/// or the same errors in the same order, cross-file checks and the bound on
/// repeated diagnostics included.
#[test]
fn unit_files_with_one_file_replaced_load_what_load_bytes_loads() {
    use attain_ingest::unitdir::{load_bytes, UnitFiles};
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/jiangsu-wb-office-2026"
    ));
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
    let (toml, targets, budget) = (read("unit.toml"), read("targets.csv"), read("budget.csv"));
    let mut many_bad = targets.clone();
    for i in 0..30 {
        many_bad.extend_from_slice(format!("X{i},产出,数量指标,,坏{i},,≥abc,1,sum,\n").as_bytes());
    }
    let mut bad_budget = budget.clone();
    bad_budget.extend_from_slice("维修费,项目支出,1x,2\n".as_bytes());
    // Without its line 基本支出 the budget no longer adds up: a cross-file finding.
    let short_budget: Vec<u8> = String::from_utf8(budget.clone())
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("基本支出"))
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect();
    let bad_toml = b"[unit]\nname = 1\n".to_vec();
    let cases: [(&str, &[u8]); 7] = [
        ("targets", &targets),
        ("targets", &many_bad),
        ("targets", b"id,level1\n"),
        ("budget", &bad_budget),
        ("budget", &short_budget),
        ("toml", &bad_toml),
        ("toml", &toml),
    ];
    let start = UnitFiles::from_bytes(dir, &toml, &targets, &budget);
    let mut errors = 0;
    for (file, bytes) in cases {
        let (whole, one) = match file {
            "targets" => (
                load_bytes(dir, &toml, bytes, &budget),
                start.clone().with_targets(bytes).load(),
            ),
            "budget" => (
                load_bytes(dir, &toml, &targets, bytes),
                start.clone().with_budget(bytes).load(),
            ),
            _ => (
                load_bytes(dir, bytes, &targets, &budget),
                start.clone().with_unit_toml(bytes).load(),
            ),
        };
        match (whole, one) {
            (Ok(w), Ok(o)) => {
                assert_eq!(format!("{:?}", w.model), format!("{:?}", o.model));
                assert_eq!(w.diagnostics.to_string(), o.diagnostics.to_string());
            }
            (Err(w), Err(o)) => {
                assert!(w.0.has_errors());
                assert_eq!(w.0.to_string(), o.0.to_string(), "{file}");
                errors += 1;
            }
            (w, o) => panic!("{file}: {:?} against {:?}", w.is_ok(), o.is_ok()),
        }
    }
    assert_eq!(errors, 5);
    // A file read again replaces the one read before: back to the valid unit.
    let back = UnitFiles::from_bytes(dir, &bad_toml, &many_bad, &bad_budget)
        .with_unit_toml(&toml)
        .with_targets(&targets)
        .with_budget(&budget)
        .load()
        .unwrap();
    assert_eq!(back.model.indicators.len(), 45);
}
