//! Fuzz target: bytes read as `org.csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| advocate_fuzz::import_any("org.csv", true, data));
