//! Fuzz target: opening any file as a map either gives a map whose file passes
//! `integrity_check`, or a clear error — never a panic. Inputs are written over a real map's
//! first bytes as well as alone, to reach deeper than the header check.
#![no_main]

use std::sync::OnceLock;

use advocate_core::MapFile;
use libfuzzer_sys::fuzz_target;

fn template() -> &'static Vec<u8> {
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("t.advocate");
        let mut file = MapFile::create(&path, "Template").expect("a new map");
        file.merge(
            &advocate_core::demo::demo(),
            advocate_core::MergeMode::AllOrNothing,
            "Demo",
        )
        .expect("the demo merges");
        let copy = dir.path().join("copy.advocate");
        file.write_copy(&copy).expect("a copy");
        std::fs::read(copy).expect("the copy reads")
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let alone = dir.path().join("alone.advocate");
    std::fs::write(&alone, data).expect("write");
    let _ = MapFile::open(&alone);
    // The input overwrites part of a real map, at an offset chosen by its first two bytes.
    let mut mutated = template().clone();
    if data.len() > 2 {
        let at = (usize::from(data[0]) << 8 | usize::from(data[1])) * 16 % mutated.len();
        for (i, b) in data[2..].iter().enumerate() {
            if let Some(slot) = mutated.get_mut(at + i) {
                *slot = *b;
            }
        }
        let path = dir.path().join("mutated.advocate");
        std::fs::write(&path, &mutated).expect("write");
        if let Ok(file) = MapFile::open(&path) {
            let _ = file.integrity_check();
        }
    }
});
