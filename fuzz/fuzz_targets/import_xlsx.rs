//! Fuzz target: any bytes read as `book.xlsx` give records or a clear error, never a panic.
#![no_main]

use advocate_core::import::{ImportOptions, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for skip_invalid in [false, true] {
        let options = ImportOptions {
            org_chart: false,
            skip_invalid,
        };
        if let Err(e) = read_bytes("book.xlsx", data.to_vec(), &options) {
            assert!(!e.to_string().is_empty());
        }
    }
});
