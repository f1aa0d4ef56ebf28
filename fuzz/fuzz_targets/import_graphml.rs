//! Fuzz target: bytes read as `map.graphml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| advocate_fuzz::import_any("map.graphml", false, data));
