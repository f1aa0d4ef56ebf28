//! A table as the importers see it, whether it came from a CSV file or a workbook sheet: a header
//! and rows of text cells, each row knowing where it was, so that every message can name the
//! file, the line (or sheet row) and the column.

/// One table: a CSV file, or one sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    /// How the table is named in messages: `people.csv`, or `staff.xlsx sheet "People"`.
    pub source: String,
    /// "line" for a text file, "row" for a sheet.
    pub unit: &'static str,
    /// The header cells as written.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// The line (of a text file; for a record spanning lines, the line it starts on) or the
    /// sheet row, counted from 1.
    pub at: u64,
    pub cells: Vec<String>,
}

impl Table {
    /// `people.csv line 4`.
    pub fn place(&self, row: &Row) -> String {
        format!("{} {} {}", self.source, self.unit, row.at)
    }

    /// `people.csv line 4, column "stance"`.
    pub fn cell_place(&self, row: &Row, column: usize) -> String {
        let name = self.header.get(column).map(|h| h.trim()).unwrap_or("");
        format!("{}, column {name:?}", self.place(row))
    }
}
