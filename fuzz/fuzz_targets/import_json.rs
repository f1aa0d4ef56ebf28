//! Fuzz target: bytes read as `map.json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| advocate_fuzz::import_any("map.json", false, data));
