//! attain's one integration-test binary: runs the real `attain` command on real files
//! (tests/data, data/) and asserts on what it writes and prints.

// Shared helpers: not every one is used by the tests of the moment.
#[allow(dead_code)]
mod util;

mod import;
mod progress;
mod review;
