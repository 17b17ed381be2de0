//! attain's one integration-test binary: runs the real `attain` command on real files
//! (tests/data, data/) and asserts on what it writes and prints.

mod util;

mod browser;
mod evaluation;
mod import;
mod inputs;
mod portfolio;
mod progress;
mod review;
mod review_layouts;
mod wordings;
