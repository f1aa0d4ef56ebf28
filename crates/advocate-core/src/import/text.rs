//! Text files: checking that a file is UTF-8 text (with or without a byte-order mark) and reading
//! it as CSV, with the delimiter (comma, semicolon or tab) sniffed from the header line.

use super::table::{Row, Table};

/// The file's text without its byte-order mark; a clear message when it is empty, binary or not
/// UTF-8.
pub(crate) fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(format!("{name} is empty"));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let binary = sample
        .iter()
        .filter(|b| matches!(b, 0..=8 | 14..=31 | 127))
        .count();
    if sample.contains(&0) || binary * 20 > sample.len() {
        return Err(format!(
            "{name} does not look like CSV: it holds binary data (an import takes CSV, .xlsx or Advocate JSON files)"
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        format!(
            "{name} is not a UTF-8 text file (line {line} has a byte that is not UTF-8); save it as \"CSV UTF-8\" and import it again"
        )
    })
}

/// The delimiter the header line uses most: comma, semicolon or tab (comma when none).
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d == b {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .fold((b',', 0), |best, c| if c.1 > best.1 { *c } else { best })
        .0
}

/// Reads a CSV file into a table: the first non-blank record is the header, blank records are
/// skipped, and each row remembers the line it starts on.
pub(crate) fn read_csv(name: &str, bytes: &[u8]) -> Result<Table, String> {
    let text = decode(name, bytes)?;
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(format!("{name} line {line} could not be read as CSV: {e}"));
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = record.position().map(|p| p.line()).unwrap_or(0);
        if header.is_none() {
            if let Some((i, cell)) = record.iter().enumerate().find(|(_, c)| c.len() > 1000) {
                return Err(format!(
                    "{name} line {at}: header cell {} is {} characters long; this does not look like a CSV header",
                    i + 1,
                    cell.chars().count()
                ));
            }
            header = Some(record.iter().map(str::to_string).collect());
            continue;
        }
        rows.push(Row {
            at,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    let Some(header) = header else {
        return Err(format!("{name} is empty"));
    };
    Ok(Table {
        source: name.to_string(),
        unit: "line",
        header,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_header_uses_most() {
        assert_eq!(sniff_delimiter("name,title\nA;B;C;D"), b',');
        assert_eq!(sniff_delimiter("name;title;\"a,b\"\n"), b';');
        assert_eq!(sniff_delimiter("name\ttitle\n"), b'\t');
        assert_eq!(sniff_delimiter("name\n"), b',');
    }
}
