//! From tables to records: which table a header describes (people, influence ties, departments,
//! engagement log, tie kinds, map settings, or an HR org chart), and turning each row into the
//! [`MapData`] record it stands for, with a rejection naming the row and column of every cell
//! that is not what the column expects.
//!
//! Rules that need the whole map (unknown people in ties, duplicate ids, department cycles) are
//! the merge's; the loops of an org chart's manager chain are checked here, because the file
//! alone holds the chain.

use std::collections::{BTreeMap, HashMap};

use super::Parsed;
use super::table::{Row, Table};
use crate::data::{
    DepartmentData, EngagementData, GoalData, GroupData, Origin, PersonData, TieData,
};
use crate::formats::csv::{PEOPLE_COLUMNS, normalise};
use crate::model::{Position, Stance, TieKind};
use crate::store::{MAX_NOTE, Rejected, check_date};

/// The tables Advocate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TableKind {
    People,
    OrgChart,
    Ties,
    Departments,
    Engagements,
    Kinds,
    Settings,
}

/// Columns only a people table has: a table with one of them is not a departments table.
const PEOPLE_ONLY: [&str; 8] = [
    "id",
    "title",
    "department",
    "stance",
    "power",
    "interest",
    "decision_maker",
    "tags",
];
const ORG_CHART_REQUIRED: [&str; 3] = ["employee_id", "name", "manager_id"];

impl TableKind {
    fn describe(self) -> &'static str {
        match self {
            TableKind::People => "a people table",
            TableKind::OrgChart => "an org chart",
            TableKind::Ties => "an influence table",
            TableKind::Departments => "a departments table",
            TableKind::Engagements => "an engagement log",
            TableKind::Kinds => "a tie kinds table",
            TableKind::Settings => "a map settings table",
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            TableKind::People => &["name"],
            TableKind::OrgChart => &ORG_CHART_REQUIRED,
            TableKind::Ties => &["from", "to", "kind"],
            TableKind::Departments => &["name"],
            TableKind::Engagements => &["person", "date", "action"],
            TableKind::Kinds => &["kind", "default_strength"],
            TableKind::Settings => &["map"],
        }
    }
}

/// The header's columns by normalised name.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn new(table: &Table) -> Result<Columns, String> {
        let mut index = HashMap::new();
        for (i, h) in table.header.iter().enumerate() {
            let n = normalise(h);
            if n.is_empty() {
                continue;
            }
            if let Some(first) = index.insert(n, i) {
                return Err(format!(
                    "{}: column {:?} appears twice (columns {} and {})",
                    table.source,
                    h.trim(),
                    first + 1,
                    i + 1
                ));
            }
        }
        Ok(Columns(index))
    }

    fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

fn unrecognised(table: &Table) -> String {
    let header: Vec<&str> = table
        .header
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty())
        .collect();
    format!(
        "{}: its header ({}) is not one Advocate knows. People need a \"name\" column; influence ties \"from\", \"to\" and \"kind\"; departments \"name\" and \"parent\" or \"colour\"; an engagement log \"person\", \"date\" and \"action\"; an org chart \"employee_id\", \"name\" and \"manager_id\"",
        table.source,
        header.join(", ")
    )
}

/// Why a table cannot be read.
struct Unfit {
    message: String,
    /// The header is not the table asked for at all (unknown, or not an org chart when one is
    /// asked for), rather than a known table missing a column.
    foreign: bool,
}

/// Which table a header describes.
fn classify(table: &Table, columns: &Columns, org_chart: bool) -> Result<TableKind, Unfit> {
    let has = |c: &str| columns.has(c);
    let kind = if org_chart || (has("employee_id") && has("manager_id")) {
        TableKind::OrgChart
    } else if has("from") && has("to") {
        TableKind::Ties
    } else if has("person") && has("date") {
        TableKind::Engagements
    } else if has("kind") && has("default_strength") {
        TableKind::Kinds
    } else if has("map") && has("initiative") {
        TableKind::Settings
    } else if has("name") && (has("parent") || has("colour")) && !PEOPLE_ONLY.iter().any(|c| has(c))
    {
        TableKind::Departments
    } else if has("name") && !has("from") {
        TableKind::People
    } else {
        return Err(Unfit {
            message: unrecognised(table),
            foreign: true,
        });
    };
    let missing: Vec<String> = kind
        .required()
        .iter()
        .filter(|c| !has(c))
        .map(|c| format!("{c:?}"))
        .collect();
    if !missing.is_empty() {
        let needs = kind.required().join(", ");
        let (s, list) = if missing.len() == 1 {
            ("", missing[0].clone())
        } else {
            ("s", missing.join(", "))
        };
        return Err(Unfit {
            message: format!(
                "{} has no column{s} {list}: {} needs {needs}",
                table.source,
                kind.describe()
            ),
            foreign: org_chart,
        });
    }
    Ok(kind)
}

/// Reads tables into `parsed`: a bad row is added to `parsed.rejected`; a table that cannot be
/// read at all is an error. Sheets of a workbook whose header Advocate does not know are passed
/// over (a workbook often has a notes sheet; and with `org_chart`, every sheet that is not one),
/// unless no sheet is known.
pub(crate) fn read_tables(
    tables: &[Table],
    org_chart: bool,
    workbook: bool,
    parsed: &mut Parsed,
) -> Result<(), String> {
    let mut known = Vec::new();
    let mut first_unknown = None;
    for table in tables {
        let columns = Columns::new(table)?;
        match classify(table, &columns, org_chart) {
            Ok(kind) => known.push((table, columns, kind)),
            Err(e) if workbook && e.foreign => {
                first_unknown.get_or_insert(e.message);
            }
            Err(e) => return Err(e.message),
        }
    }
    if known.is_empty()
        && let Some(e) = first_unknown
    {
        return Err(e);
    }
    for (table, columns, kind) in known {
        read_table(table, &columns, kind, parsed)?;
    }
    Ok(())
}

/// One row's cells by column name.
struct Cells<'a> {
    table: &'a Table,
    row: &'a Row,
    columns: &'a Columns,
}

type Cell<T> = Result<T, Rejected>;

impl<'a> Cells<'a> {
    fn index(&self, column: &str) -> Option<usize> {
        self.columns.0.get(column).copied()
    }

    /// The cell as written, `None` when the column is absent or the cell is blank.
    fn verbatim(&self, column: &str) -> Option<&'a str> {
        let i = self.index(column)?;
        self.row
            .cells
            .get(i)
            .map(String::as_str)
            .filter(|c| !c.trim().is_empty())
    }

    /// The cell trimmed, `None` when the column is absent or the cell is blank.
    fn text(&self, column: &str) -> Option<&'a str> {
        self.verbatim(column).map(str::trim)
    }

    fn origin(&self) -> Origin {
        Origin(Some(self.table.place(self.row)))
    }

    fn bad(&self, column: &str, reason: String) -> Rejected {
        let place = match self.index(column) {
            Some(i) => self.table.cell_place(self.row, i),
            None => self.table.place(self.row),
        };
        Rejected { place, reason }
    }

    fn required(&self, column: &str, why: &str) -> Cell<String> {
        self.text(column)
            .map(str::to_string)
            .ok_or_else(|| self.bad(column, format!("{column} is empty: {why}")))
    }

    fn scale(&self, column: &str) -> Cell<Option<u8>> {
        let Some(t) = self.text(column) else {
            return Ok(None);
        };
        match t.parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Ok(Some(v as u8)),
            _ => Err(self.bad(
                column,
                format!("{column} {t:?}: expected a whole number from 1 to 5"),
            )),
        }
    }

    fn stance(&self, column: &str) -> Cell<Option<Stance>> {
        self.text(column)
            .map(|t| Stance::parse(t).map_err(|e| self.bad(column, e)))
            .transpose()
    }

    fn boolean(&self, column: &str) -> Cell<Option<bool>> {
        let Some(t) = self.text(column) else {
            return Ok(None);
        };
        match t.to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" => Ok(Some(true)),
            "no" | "n" | "false" | "0" => Ok(Some(false)),
            _ => Err(self.bad(
                column,
                format!("{column} {t:?}: expected yes or no (or true/false, y/n, 1/0)"),
            )),
        }
    }

    fn strength(&self, column: &str, empty: &str) -> Cell<Option<f64>> {
        let Some(t) = self.text(column) else {
            return Ok(None);
        };
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=1.0).contains(&v) => Ok(Some(v)),
            _ => Err(self.bad(
                column,
                format!("{column} {t:?}: expected a number from 0 to 1{empty}"),
            )),
        }
    }

    fn coordinate(&self, column: &str) -> Cell<Option<f64>> {
        let Some(t) = self.text(column) else {
            return Ok(None);
        };
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.bad(column, format!("{column} {t:?}: expected a number"))),
        }
    }

    /// Where the node sits on the drawing: `x` and `y` together, and `pinned`.
    fn position(&self) -> Cell<Option<Position>> {
        let pinned = self.boolean("pinned")?.unwrap_or(false);
        match (self.coordinate("x")?, self.coordinate("y")?) {
            (Some(x), Some(y)) => Ok(Some(Position { x, y, pinned })),
            (None, None) => Ok(None),
            (Some(_), None) => Err(self.bad("y", "y is empty but x is given".into())),
            (None, Some(_)) => Err(self.bad("x", "x is empty but y is given".into())),
        }
    }

    /// A `;`-separated list.
    fn list(&self, column: &str) -> Option<Vec<String>> {
        self.text(column).map(|t| {
            t.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
    }

    /// Checks the whole row before any cell is read: no cell too long for a map, no cells
    /// beyond the header.
    fn check(&self) -> Cell<()> {
        for (i, cell) in self.row.cells.iter().enumerate() {
            if cell.len() > MAX_NOTE && cell.chars().count() > MAX_NOTE {
                return Err(Rejected {
                    place: self.table.cell_place(self.row, i),
                    reason: format!(
                        "the cell is {} characters long; at most {MAX_NOTE} are accepted",
                        cell.chars().count()
                    ),
                });
            }
        }
        let width = self.table.header.len();
        if self
            .row
            .cells
            .iter()
            .skip(width)
            .any(|c| !c.trim().is_empty())
        {
            return Err(Rejected {
                place: self.table.place(self.row),
                reason: format!(
                    "the row has {} cells but the header has {width}; is a cell holding the delimiter missing its quotes?",
                    self.row.cells.len()
                ),
            });
        }
        Ok(())
    }
}

fn read_table(
    table: &Table,
    columns: &Columns,
    kind: TableKind,
    parsed: &mut Parsed,
) -> Result<(), String> {
    let known: &[&str] = match kind {
        TableKind::People => &PEOPLE_COLUMNS,
        TableKind::OrgChart => &[
            "employee_id",
            "manager_id",
            "name",
            "title",
            "department",
            "stance",
            "power",
            "interest",
            "decision_maker",
            "tags",
            "notes",
            "x",
            "y",
            "pinned",
        ],
        _ => &[],
    };
    // Columns that are not part of the model become a person's attributes, by header name.
    let attributes: Vec<(usize, String)> =
        if matches!(kind, TableKind::People | TableKind::OrgChart) {
            table
                .header
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    let n = normalise(h);
                    !n.is_empty() && !known.contains(&n.as_str())
                })
                .map(|(i, h)| (i, h.trim().to_string()))
                .collect()
        } else {
            Vec::new()
        };
    let mut chart = OrgChart::default();
    // Where each key was first seen, so a repeated id is named with both places.
    let mut keys: HashMap<String, String> = HashMap::new();
    let key_column = match kind {
        TableKind::OrgChart => "employee_id",
        _ if columns.has("id") => "id",
        _ => "name",
    };
    for row in &table.rows {
        let cells = Cells {
            table,
            row,
            columns,
        };
        let result = cells.check().and_then(|()| match kind {
            TableKind::People => person(&cells, None, &attributes)
                .and_then(|p| unique(&cells, key_column, p, &mut keys))
                .map(|p| parsed.data.people.push(p)),
            TableKind::OrgChart => person(&cells, Some("employee_id"), &attributes)
                .and_then(|p| unique(&cells, key_column, p, &mut keys))
                .map(|p| chart.row(&cells, p, parsed)),
            TableKind::Ties => tie(&cells).map(|t| parsed.data.ties.push(t)),
            TableKind::Departments => department(&cells).map(|d| parsed.data.departments.push(d)),
            TableKind::Engagements => engagement(&cells).map(|e| parsed.data.engagements.push(e)),
            TableKind::Kinds => tie_kind(&cells).map(|k| parsed.data.kinds.push(k)),
            TableKind::Settings => settings(&cells, parsed),
        });
        if let Err(rejected) = result {
            parsed.rejected.push(rejected);
        }
    }
    if kind == TableKind::OrgChart {
        chart.finish(&table.source, parsed);
    }
    Ok(())
}

/// Refuses a person whose key an earlier row of the table has.
fn unique(
    c: &Cells<'_>,
    column: &str,
    p: PersonData,
    keys: &mut HashMap<String, String>,
) -> Cell<PersonData> {
    let key = p.key().trim().to_string();
    if let Some(first) = keys.get(&key) {
        let what = if column == "name" { "name" } else { "id" };
        return Err(c.bad(
            column,
            format!("duplicate {what} {key:?}: {first} has it already"),
        ));
    }
    keys.insert(key, c.table.place(c.row));
    Ok(p)
}

fn person(
    c: &Cells<'_>,
    id_column: Option<&str>,
    attributes: &[(usize, String)],
) -> Cell<PersonData> {
    let id = match id_column {
        Some(column) => Some(c.required(column, "every employee needs one")?),
        None => c.text("id").map(str::to_string),
    };
    let name = c.required("name", "every person needs a name")?;
    let attributes: BTreeMap<String, String> = attributes
        .iter()
        .filter_map(|(i, h)| {
            c.row
                .cells
                .get(*i)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (h.clone(), v.clone()))
        })
        .collect();
    Ok(PersonData {
        id,
        name,
        title: c.text("title").map(str::to_string),
        department: c.text("department").map(str::to_string),
        stance: c.stance("stance")?,
        power: c.scale("power")?,
        interest: c.scale("interest")?,
        decision_maker: c.boolean("decision_maker")?,
        tags: c.list("tags"),
        notes: c.verbatim("notes").map(str::to_string),
        attributes,
        position: c.position()?,
        origin: c.origin(),
    })
}

fn tie(c: &Cells<'_>) -> Cell<TieData> {
    Ok(TieData {
        from: c.required("from", "every tie needs the person it comes from")?,
        to: c.required("to", "every tie needs the person it reaches")?,
        kind: c.required(
            "kind",
            "every tie needs a kind (line manager, peer, sponsor… or one you name)",
        )?,
        strength: c.strength("strength", " (or empty for the kind's default)")?,
        notes: c.verbatim("notes").map(str::to_string),
        origin: c.origin(),
    })
}

fn department(c: &Cells<'_>) -> Cell<DepartmentData> {
    Ok(DepartmentData {
        name: c.required("name", "every department needs a name")?,
        parent: c.text("parent").map(str::to_string),
        colour: c.text("colour").map(str::to_string),
        position: c.position()?,
        origin: c.origin(),
    })
}

fn engagement(c: &Cells<'_>) -> Cell<EngagementData> {
    let person = c.required("person", "every entry needs the person engaged")?;
    let date = c.required("date", "every entry needs a date (YYYY-MM-DD)")?;
    check_date(&date).map_err(|e| c.bad("date", e))?;
    Ok(EngagementData {
        person,
        date,
        action: c.required(
            "action",
            "every entry needs an action (met, presented, emailed, piloted…)",
        )?,
        summary: c.verbatim("summary").unwrap_or("").to_string(),
        stance_after: c.stance("stance_after")?,
        origin: c.origin(),
    })
}

fn tie_kind(c: &Cells<'_>) -> Cell<TieKind> {
    let name = c.required("kind", "every tie kind needs a name")?;
    let default_strength = c
        .strength("default_strength", "")?
        .ok_or_else(|| c.bad("default_strength", "default_strength is empty".into()))?;
    Ok(TieKind {
        name,
        default_strength,
    })
}

/// The one row of a map settings table: the map's name, the initiative, the home team and the
/// audience (people as `;`-separated keys, and/or a department).
fn settings(c: &Cells<'_>, parsed: &mut Parsed) -> Cell<()> {
    let group = |people: &str, department: &str| GroupData {
        people: c.list(people).unwrap_or_default(),
        department: c.text(department).map(str::to_string),
    };
    parsed.data.name = c
        .text("map")
        .map(str::to_string)
        .or(parsed.data.name.take());
    parsed.data.home = Some(group("home_people", "home_department"));
    parsed.data.goal = Some(GoalData {
        initiative: c.text("initiative").unwrap_or("").to_string(),
        audience: group("audience_people", "audience_department"),
    });
    Ok(())
}

/// The manager chain of an org chart, checked once every row is read.
#[derive(Default)]
struct OrgChart {
    employees: Vec<Employee>,
}

/// One row of an org chart, as the manager chain sees it.
struct Employee {
    id: String,
    name: String,
    manager: Option<String>,
    /// Where the manager_id cell is, for messages.
    manager_place: String,
    /// The line manager tie from the manager to this employee.
    tie: Option<TieData>,
}

impl OrgChart {
    fn row(&mut self, c: &Cells<'_>, p: PersonData, parsed: &mut Parsed) {
        let id = p.key().to_string();
        let manager = c.text("manager_id").map(str::to_string);
        let manager_place = c
            .index("manager_id")
            .map(|i| c.table.cell_place(c.row, i))
            .unwrap_or_else(|| c.table.place(c.row));
        let tie = manager.as_ref().map(|m| TieData {
            from: m.clone(),
            to: id.clone(),
            kind: "line manager".into(),
            strength: None,
            notes: None,
            origin: c.origin(),
        });
        self.employees.push(Employee {
            id,
            name: p.name.clone(),
            manager,
            manager_place,
            tie,
        });
        parsed.data.people.push(p);
    }

    /// Adds the line manager ties, rejecting managers who are not in the file and refusing a
    /// chain that loops.
    fn finish(self, source: &str, parsed: &mut Parsed) {
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(self.employees.len());
        for (i, e) in self.employees.iter().enumerate() {
            index.entry(e.id.as_str()).or_insert(i);
        }
        let manager_of: Vec<Option<usize>> = self
            .employees
            .iter()
            .map(|e| e.manager.as_deref().and_then(|m| index.get(m).copied()))
            .collect();
        let mut dropped = vec![false; self.employees.len()];
        for (i, e) in self.employees.iter().enumerate() {
            if let Some(m) = &e.manager
                && manager_of[i].is_none()
            {
                parsed.rejected.push(Rejected {
                    place: e.manager_place.clone(),
                    reason: format!(
                        "manager_id {m:?} is not the employee_id of anyone in {source}"
                    ),
                });
                dropped[i] = true;
            }
        }
        // Walk up from every employee; a walk that meets itself is a loop.
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; self.employees.len()];
        let mut path = Vec::new();
        for start in 0..self.employees.len() {
            path.clear();
            let mut at = Some(start);
            while let Some(j) = at {
                if state[j] != NEW {
                    break;
                }
                state[j] = ON_PATH;
                path.push(j);
                at = manager_of[j];
            }
            if let Some(j) = at
                && state[j] == ON_PATH
                && let Some(from) = path.iter().position(|p| *p == j)
            {
                let mut cycle = path[from..].to_vec();
                let first = cycle
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, e)| **e)
                    .map(|(k, _)| k)
                    .unwrap_or(0);
                cycle.rotate_left(first);
                let name = |k: usize| {
                    let e = &self.employees[k];
                    format!("{} ({})", e.name, e.id)
                };
                let mut chain: Vec<String> = cycle.iter().map(|k| name(*k)).collect();
                chain.push(name(cycle[0]));
                let message = format!("the manager chain loops: {}", chain.join(" → "));
                // With bad rows skipped, the loop's line manager ties are left out.
                for k in &cycle {
                    dropped[*k] = true;
                }
                parsed.rejected.push(Rejected {
                    place: source.to_string(),
                    reason: message,
                });
            }
            for p in &path {
                state[*p] = DONE;
            }
        }
        for (i, e) in self.employees.into_iter().enumerate() {
            if !dropped[i]
                && let Some(t) = e.tie
            {
                parsed.data.ties.push(t);
            }
        }
    }
}
