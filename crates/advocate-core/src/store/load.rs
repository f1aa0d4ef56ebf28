//! Reading the map file into a [`Map`]: the whole of it on open, or the rows an edit touched.

use std::collections::BTreeMap;

use rusqlite::{Connection, OpenFlags, Row, params};

use crate::model::{
    Department, DepartmentId, Engagement, EngagementId, Map, Person, PersonId, Position, Stance,
    Tie, TieId, TieKind,
};

const PERSON_COLUMNS: &str = "id, key, name, title, department, stance, power, interest, decision_maker, tags, notes, attributes, x, y, pinned";
const DEPARTMENT_COLUMNS: &str = "id, name, parent, colour, x, y, pinned";
const TIE_COLUMNS: &str = "id, from_person, to_person, kind, strength, notes";
const ENGAGEMENT_COLUMNS: &str = "id, person, date, action, summary, stance_after";

fn position(row: &Row<'_>, at: usize) -> rusqlite::Result<Option<Position>> {
    let x: Option<f64> = row.get(at)?;
    let y: Option<f64> = row.get(at + 1)?;
    let pinned: bool = row.get(at + 2)?;
    Ok(match (x, y) {
        (Some(x), Some(y)) => Some(Position { x, y, pinned }),
        _ => None,
    })
}

fn stance(value: i64) -> Stance {
    Stance::from_value(value).unwrap_or(Stance::Neutral)
}

fn person(row: &Row<'_>) -> rusqlite::Result<Person> {
    let tags: String = row.get(9)?;
    let attributes: String = row.get(11)?;
    Ok(Person {
        id: PersonId(row.get(0)?),
        key: row.get(1)?,
        name: row.get(2)?,
        title: row.get(3)?,
        department: row.get::<_, Option<i64>>(4)?.map(DepartmentId),
        stance: stance(row.get(5)?),
        power: row.get(6)?,
        interest: row.get(7)?,
        decision_maker: row.get(8)?,
        tags: if tags == "[]" {
            Vec::new()
        } else {
            serde_json::from_str(&tags).unwrap_or_default()
        },
        notes: row.get(10)?,
        attributes: if attributes == "{}" {
            BTreeMap::new()
        } else {
            serde_json::from_str(&attributes).unwrap_or_default()
        },
        position: position(row, 12)?,
    })
}

fn department(row: &Row<'_>) -> rusqlite::Result<Department> {
    Ok(Department {
        id: DepartmentId(row.get(0)?),
        name: row.get(1)?,
        parent: row.get::<_, Option<i64>>(2)?.map(DepartmentId),
        colour: row.get(3)?,
        position: position(row, 4)?,
    })
}

fn tie(row: &Row<'_>) -> rusqlite::Result<Tie> {
    Ok(Tie {
        id: TieId(row.get(0)?),
        from: PersonId(row.get(1)?),
        to: PersonId(row.get(2)?),
        kind: row.get(3)?,
        strength: row.get(4)?,
        notes: row.get(5)?,
    })
}

fn engagement(row: &Row<'_>) -> rusqlite::Result<Engagement> {
    Ok(Engagement {
        id: EngagementId(row.get(0)?),
        person: PersonId(row.get(1)?),
        date: row.get(2)?,
        action: row.get(3)?,
        summary: row.get(4)?,
        stance_after: row.get::<_, Option<i64>>(5)?.map(stance),
    })
}

/// Reads the small parts: name, goal, home team, audience and tie kinds.
fn load_settings(conn: &Connection, map: &mut Map) -> rusqlite::Result<()> {
    let (name, initiative, home, audience): (String, String, Option<i64>, Option<i64>) = conn
        .query_row(
            "SELECT name, initiative, home_department, audience_department FROM map_info WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    map.name = name;
    map.goal.initiative = initiative;
    map.home.department = home.map(DepartmentId);
    map.goal.audience.department = audience.map(DepartmentId);
    let ids = |table: &str| -> rusqlite::Result<Vec<PersonId>> {
        let mut stmt = conn.prepare(&format!("SELECT person FROM {table} ORDER BY person"))?;
        stmt.query_map([], |r| Ok(PersonId(r.get(0)?)))?.collect()
    };
    map.home.people = ids("home_member")?;
    map.goal.audience.people = ids("audience_member")?;
    let mut stmt = conn.prepare("SELECT name, default_strength FROM tie_kind ORDER BY id")?;
    map.kinds = stmt
        .query_map([], |r| {
            Ok(TieKind {
                name: r.get(0)?,
                default_strength: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(())
}

fn read_ties(conn: &Connection) -> rusqlite::Result<BTreeMap<TieId, Tie>> {
    let mut stmt = conn.prepare(&format!("SELECT {TIE_COLUMNS} FROM tie ORDER BY id"))?;
    stmt.query_map([], |r| tie(r).map(|t| (t.id, t)))?.collect()
}

/// Reads the ties on a connection of its own, so a second core can do it while the people are
/// read. `None` when that connection cannot be opened or read; the caller then reads them itself.
fn read_ties_beside(path: &str, passphrase: Option<&str>) -> Option<BTreeMap<TieId, Tie>> {
    let conn = super::connect(
        std::path::Path::new(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
        passphrase,
    )
    .ok()?;
    read_ties(&conn).ok()
}

/// Reads the whole map. Rows are read in id order and collected straight into the map's
/// trees, then [`Map::set_records`] builds the graph at its final size.
///
/// Ties are the bulk of a large map (five or so a person), so a second thread reads them on a
/// connection of its own while this one reads everything else: on two cores that takes a
/// third off the time to open a map of 100 000 people. A small map is read on one connection.
pub fn load(conn: &Connection, passphrase: Option<&str>) -> rusqlite::Result<Map> {
    let ties_count: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM tie", [], |r| r.get(0))?;
    let beside = conn
        .path()
        .filter(|p| !p.is_empty() && conn.is_autocommit() && ties_count > 10_000)
        .map(str::to_owned);
    std::thread::scope(|scope| {
        let beside_job =
            beside.map(|path| scope.spawn(move || read_ties_beside(&path, passphrase)));
        let mut map = Map::default();
        load_settings(conn, &mut map)?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {DEPARTMENT_COLUMNS} FROM department ORDER BY id"
        ))?;
        let departments = stmt
            .query_map([], |r| department(r).map(|d| (d.id, d)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare(&format!("SELECT {PERSON_COLUMNS} FROM person ORDER BY id"))?;
        let people = stmt
            .query_map([], |r| person(r).map(|p| (p.id, p)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {ENGAGEMENT_COLUMNS} FROM engagement ORDER BY id"
        ))?;
        let engagements = stmt
            .query_map([], |r| engagement(r).map(|e| (e.id, e)))?
            .collect::<rusqlite::Result<_>>()?;
        // Should the second connection fail in any way, the ties are read here.
        let ties = match beside_job.and_then(|job| job.join().ok().flatten()) {
            Some(ties) => ties,
            None => read_ties(conn)?,
        };
        map.set_records(departments, people, ties, engagements);
        Ok(map)
    })
}

/// Re-reads the rows an edit touched, departments before people before ties.
pub fn refresh(
    conn: &Connection,
    map: &mut Map,
    touched: &[(String, i64)],
) -> rusqlite::Result<()> {
    let rank = |t: &str| {
        super::journal::JOURNALED
            .iter()
            .position(|j| *j == t)
            .unwrap_or(usize::MAX)
    };
    let mut rows: Vec<(usize, &str, i64)> = touched
        .iter()
        .map(|(t, id)| (rank(t), t.as_str(), *id))
        .collect();
    rows.sort();
    rows.dedup();
    for (_, table, id) in rows {
        match table {
            "department" => {
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT {DEPARTMENT_COLUMNS} FROM department WHERE id = ?1"
                ))?;
                match stmt.query_row(params![id], department) {
                    Ok(d) => map.put_department(d),
                    Err(rusqlite::Error::QueryReturnedNoRows) => {
                        map.remove_department(DepartmentId(id))
                    }
                    Err(e) => return Err(e),
                }
            }
            "person" => {
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1"
                ))?;
                match stmt.query_row(params![id], person) {
                    Ok(p) => map.put_person(p),
                    Err(rusqlite::Error::QueryReturnedNoRows) => map.remove_person(PersonId(id)),
                    Err(e) => return Err(e),
                }
            }
            "tie" => {
                let mut stmt =
                    conn.prepare_cached(&format!("SELECT {TIE_COLUMNS} FROM tie WHERE id = ?1"))?;
                match stmt.query_row(params![id], tie) {
                    Ok(t) => map.put_tie(t),
                    Err(rusqlite::Error::QueryReturnedNoRows) => map.remove_tie(TieId(id)),
                    Err(e) => return Err(e),
                }
            }
            "engagement" => {
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT {ENGAGEMENT_COLUMNS} FROM engagement WHERE id = ?1"
                ))?;
                match stmt.query_row(params![id], engagement) {
                    Ok(e) => map.put_engagement(e),
                    Err(rusqlite::Error::QueryReturnedNoRows) => {
                        map.remove_engagement(EngagementId(id))
                    }
                    Err(e) => return Err(e),
                }
            }
            _ => {}
        }
    }
    // The settings are a handful of rows: always re-read them (an edit to a person can change
    // the home team or the audience through a cascade).
    load_settings(conn, map)
}
