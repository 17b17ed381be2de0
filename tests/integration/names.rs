//! Names are compared as people read them: a full-width or half-width variant of a
//! name in actuals finds the indicator; names that only look alike are refused
//! (tests/data/bad: import-lookalike-names, budget-lookalike-lines, …).

use std::path::Path;

use crate::util::{attain_p, root, tmp};

/// `actual` of the indicator 举办国际会议次数（含线上） in the December report, with
/// `row` added to the actuals (none when empty).
fn december_actual(dir: &Path, row: &str) -> serde_json::Value {
    let u = dir.join("unit");
    crate::bad::copy_unit(&root().join("data/jiangsu-wb-office-2026"), &u);
    let p = u.join("actuals/2026-12.csv");
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str(row);
    std::fs::write(&p, text).unwrap();
    let out = dir.join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &u,
        &"--as-of",
        &"2026-12",
        &"--format",
        &"json",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("progress.json")).unwrap()).unwrap();
    json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "举办国际会议次数（含线上）")
        .expect("the indicator is in the report")["actual"]
        .clone()
}

#[test]
fn an_item_written_with_half_width_brackets_finds_its_indicator() {
    let (a, b, c) = (tmp(), tmp(), tmp());
    let none = december_actual(a.path(), "");
    let full = december_actual(b.path(), "2026-12,举办国际会议次数（含线上）,2,\n");
    let half = december_actual(c.path(), "2026-12,举办国际会议次数(含线上),2,\n");
    assert_eq!(half, full);
    assert_ne!(half, none, "the row counted");
}
