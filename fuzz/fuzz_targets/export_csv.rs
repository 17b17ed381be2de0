//! Fuzz target: see attain_ingest::fuzzing.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use attain_ingest::fuzzing::{run, Scratch};
use libfuzzer_sys::fuzz_target;

static SCRATCH: OnceLock<Scratch> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let scratch = SCRATCH.get_or_init(|| {
        Scratch::new(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/jiangsu-wb-office-2026"
        )))
    });
    run("export_csv", data, scratch);
});
