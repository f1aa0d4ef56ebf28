//! What every importer's fuzz target checks: any bytes read as a file of that name give records
//! or a clear error, in both import modes, never a panic.

use advocate_core::import::{ImportOptions, read_bytes};

pub fn import_any(name: &str, org_chart: bool, data: &[u8]) {
    for skip_invalid in [false, true] {
        let options = ImportOptions {
            org_chart,
            skip_invalid,
        };
        if let Err(e) = read_bytes(name, data.to_vec(), &options) {
            assert!(!e.to_string().is_empty());
        }
    }
}
