//! Workbooks (.xlsx and the other formats calamine reads): each sheet is a table, recognised by
//! its header like a CSV file. Numbers, booleans and dates in cells become the text a user would
//! have typed (power 3.0 is "3", a date cell is "2026-09-01").

use std::io::Cursor;

use calamine::{Data, Reader};

use super::table::{Row, Table};

/// Whether a file is a workbook: by its extension, or by the signature of a zip (xlsx, ods) or an
/// OLE file (xls), so a workbook saved with a `.csv` name is still read as one.
pub(crate) fn is_workbook(extension: &str, bytes: &[u8]) -> bool {
    matches!(extension, "xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Every sheet that has anything in it, as a table named `file sheet "Name"`.
pub(crate) fn read(name: &str, bytes: Vec<u8>) -> Result<Vec<Table>, String> {
    if bytes.is_empty() {
        return Err(format!("{name} is empty"));
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("{name} could not be read as a workbook: {e}"))?;
    let mut tables = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&sheet)
            .map_err(|e| format!("{name} sheet {sheet:?} could not be read: {e}"))?;
        let first_row = range.start().map(|(r, _)| u64::from(r) + 1).unwrap_or(1);
        let first_column = range.start().map(|(_, c)| c as usize).unwrap_or(0);
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            // Columns left of the used range are empty; keep positions as in the sheet.
            let mut texts = vec![String::new(); first_column];
            texts.extend(cells.iter().map(cell_text));
            if texts.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if header.is_none() {
                header = Some(texts);
            } else {
                rows.push(Row {
                    at: first_row + i as u64,
                    cells: texts,
                });
            }
        }
        if let Some(header) = header {
            tables.push(Table {
                source: format!("{name} sheet {sheet:?}"),
                unit: "row",
                header,
                rows,
            });
        }
    }
    if tables.is_empty() {
        return Err(format!(
            "{name} is empty: none of its sheets has anything in it"
        ));
    }
    Ok(tables)
}

/// A cell as text.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) => s
            .strip_suffix("T00:00:00")
            .unwrap_or(s.as_str())
            .to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Whole numbers without a decimal point (power 3.0 is "3"); others as the shortest exact text.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_lose_their_decimal_point() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(-2.0), "-2");
        assert_eq!(number_text(0.55), "0.55");
    }
}
