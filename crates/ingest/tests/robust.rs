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
