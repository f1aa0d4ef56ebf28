//! Fuzz target: bytes read as `book.xlsx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| advocate_fuzz::import_any("book.xlsx", false, data));
