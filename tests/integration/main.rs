//! attain's one integration-test binary: runs the real `attain` command on real files
//! (tests/data, data/) and asserts on what it writes and prints.

mod util;

mod bad;
mod browser;
mod cli;
mod domain_rules;
mod evaluation;
mod forms;
mod import;
mod inputs;
mod language;
mod names;
mod output;
mod portfolio;
mod progress;
mod review;
mod review_layouts;
mod wordings;
