//! Reading the map file into a [`Map`]: the whole of it on open, or the rows an edit touched.

use std::collections::BTreeMap;

use rusqlite::{Connection, Row, params};

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

/// Reads the whole map.
pub fn load(conn: &Connection) -> rusqlite::Result<Map> {
    let mut map = Map::default();
    load_settings(conn, &mut map)?;
    let mut stmt = conn.prepare(&format!("SELECT {DEPARTMENT_COLUMNS} FROM department"))?;
    for d in stmt.query_map([], department)? {
        map.put_department(d?);
    }
    let mut stmt = conn.prepare(&format!("SELECT {PERSON_COLUMNS} FROM person"))?;
    for p in stmt.query_map([], person)? {
        map.put_person(p?);
    }
    let mut stmt = conn.prepare(&format!("SELECT {TIE_COLUMNS} FROM tie"))?;
    for t in stmt.query_map([], tie)? {
        map.put_tie(t?);
    }
    let mut stmt = conn.prepare(&format!("SELECT {ENGAGEMENT_COLUMNS} FROM engagement"))?;
    for e in stmt.query_map([], engagement)? {
        map.put_engagement(e?);
    }
    Ok(map)
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
