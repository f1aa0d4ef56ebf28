//! Fuzz target: bytes read as `people.csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| advocate_fuzz::import_any("people.csv", false, data));
