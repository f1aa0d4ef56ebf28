//! Reading the map file into a [`Map`]: the whole of it on open, or the rows an edit touched.

use std::collections::BTreeMap;

use rusqlite::{Connection, OpenFlags, Row, params};

use crate::analysis::Csr;

use crate::model::{
    Department, DepartmentId, Engagement, EngagementId, Function, KindName, Map, Person, PersonId,
    Position, Stance, Tie, TieId, TieKind,
};

const PERSON_COLUMNS: &str = "id, key, name, title, department, stance, power, interest, decision_maker, tags, notes, attributes, x, y, pinned";
const DEPARTMENT_COLUMNS: &str = "id, name, parent, colour, x, y, pinned, function";
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
    let name: String = row.get(1)?;
    // NULL: never set, so guessed from the name (and a renamed department is guessed anew).
    let function = row
        .get::<_, Option<String>>(7)?
        .and_then(|f| Function::parse(&f).ok())
        .unwrap_or_else(|| Function::guess(&name));
    Ok(Department {
        id: DepartmentId(row.get(0)?),
        name,
        parent: row.get::<_, Option<i64>>(2)?.map(DepartmentId),
        colour: row.get(3)?,
        function,
        position: position(row, 4)?,
    })
}

/// The kinds' names met so far while reading ties, so that ties of one kind share its name.
#[derive(Default)]
struct Kinds(Vec<KindName>);

impl Kinds {
    fn name(&mut self, text: &str) -> KindName {
        if let Some(k) = self.0.iter().find(|k| k.as_str() == text) {
            return k.clone();
        }
        let k = KindName::from(text);
        // A map has a handful of kinds; a file with thousands is read without sharing.
        if self.0.len() < 64 {
            self.0.push(k.clone());
        }
        k
    }
}

fn tie(row: &Row<'_>, kinds: &mut Kinds) -> rusqlite::Result<Tie> {
    Ok(Tie {
        id: TieId(row.get(0)?),
        from: PersonId(row.get(1)?),
        to: PersonId(row.get(2)?),
        kind: kinds.name(row.get_ref(3)?.as_str()?),
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

/// Reads a whole table in id order into a tree. `expected` is about how many rows there are: the
/// rows are gathered in a vector of that size, which the tree is then built from in one pass
/// (a vector left to grow would copy itself over and over, and a large map's peak memory and
/// time are mostly these copies).
fn read_table<K: Ord, V>(
    conn: &Connection,
    sql: &str,
    expected: usize,
    mut record: impl FnMut(&Row<'_>) -> rusqlite::Result<(K, V)>,
) -> rusqlite::Result<BTreeMap<K, V>> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = Vec::with_capacity(expected);
    for row in stmt.query_map([], |r| record(r))? {
        rows.push(row?);
    }
    Ok(BTreeMap::from_iter(rows))
}

/// About how many rows `table` has, from its largest row id (cheap, unlike `count(*)`), but
/// never more than the file could hold, whatever the ids say.
fn expected_rows(conn: &Connection, table: &str, file_bytes: u64) -> rusqlite::Result<usize> {
    let last: i64 = conn.query_row(
        &format!("SELECT coalesce(max(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?;
    let most = usize::try_from(file_bytes / 16).unwrap_or(usize::MAX);
    Ok(usize::try_from(last).unwrap_or(0).min(most))
}

fn read_ties(conn: &Connection, expected: usize) -> rusqlite::Result<BTreeMap<TieId, Tie>> {
    let mut kinds = Kinds::default();
    read_table(
        conn,
        &format!("SELECT {TIE_COLUMNS} FROM tie ORDER BY id"),
        expected,
        |r| tie(r, &mut kinds).map(|t| (t.id, t)),
    )
}

/// Reads the ties on a connection of its own, so a second core can do it while the people are
/// read. `None` when that connection cannot be opened or read; the caller then reads them itself.
fn read_ties_beside(
    path: &str,
    passphrase: Option<&str>,
    expected: usize,
) -> Option<BTreeMap<TieId, Tie>> {
    let conn = super::connect(
        std::path::Path::new(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
        passphrase,
    )
    .ok()?;
    read_ties(&conn, expected).ok()
}

/// Reads the whole map. Rows are read in id order and collected straight into the map's
/// trees, and the graph is built at its final size.
///
/// Ties are the bulk of a large map (five or so a person), so a second thread reads them on a
/// connection of its own while this one reads everything else and puts the people and their
/// nodes in place ([`Map::set_people`]); then the ties' edges are added while the second
/// thread indexes the people's keys and names ([`Map::set_ties`]). On two cores this takes
/// about half off the time to open a map of 100 000 people. A small map is read on one
/// connection.
pub fn load(conn: &Connection, passphrase: Option<&str>) -> rusqlite::Result<Map> {
    let file_bytes = conn
        .path()
        .and_then(|p| std::fs::metadata(p).ok())
        .map_or(u64::MAX, |m| m.len());
    let ties_count = expected_rows(conn, "tie", file_bytes)?;
    let people_count = expected_rows(conn, "person", file_bytes)?;
    let beside = conn
        .path()
        .filter(|p| !p.is_empty() && conn.is_autocommit() && ties_count > 10_000)
        .map(str::to_owned);
    std::thread::scope(|scope| {
        let beside_job =
            beside.map(|path| scope.spawn(move || read_ties_beside(&path, passphrase, ties_count)));
        let mut map = Map::default();
        load_settings(conn, &mut map)?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {DEPARTMENT_COLUMNS} FROM department ORDER BY id"
        ))?;
        let departments = stmt
            .query_map([], |r| department(r).map(|d| (d.id, d)))?
            .collect::<rusqlite::Result<_>>()?;
        let people = read_table(
            conn,
            &format!("SELECT {PERSON_COLUMNS} FROM person ORDER BY id"),
            people_count,
            |r| person(r).map(|p| (p.id, p)),
        )?;
        let nodes = map.set_people(departments, people, ties_count);
        let mut stmt = conn.prepare(&format!(
            "SELECT {ENGAGEMENT_COLUMNS} FROM engagement ORDER BY id"
        ))?;
        let engagements = stmt
            .query_map([], |r| engagement(r).map(|e| (e.id, e)))?
            .collect::<rusqlite::Result<_>>()?;
        // Should the second connection fail in any way, the ties are read here.
        let ties = match beside_job.and_then(|job| job.join().ok().flatten()) {
            Some(ties) => ties,
            None => read_ties(conn, ties_count)?,
        };
        map.set_ties(&nodes, ties);
        map.set_engagements(engagements);
        map.campaign = super::campaign::load(conn)?;
        map.views = super::views::load(conn)?;
        Ok(map)
    })
}

/// A tie as the snapshot takes it: `(from, to, strength, tie)`.
type Edge = (PersonId, PersonId, f64, TieId);

fn read_edges(conn: &Connection, expected: usize) -> rusqlite::Result<Vec<Edge>> {
    let mut stmt = conn.prepare("SELECT from_person, to_person, strength, id FROM tie")?;
    let mut out = Vec::with_capacity(expected);
    for row in stmt.query_map([], |r| {
        Ok((
            PersonId(r.get(0)?),
            PersonId(r.get(1)?),
            r.get(2)?,
            TieId(r.get(3)?),
        ))
    })? {
        out.push(row?);
    }
    Ok(out)
}

/// The columns of a person that ranking reads: who they are (key and name, for the answer),
/// their department (for a team or an audience named by department), stance, power, interest
/// and whether they decide.
const RANKING_PERSON_COLUMNS: &str =
    "id, key, name, department, stance, power, interest, decision_maker";

/// A person as ranking reads them ([`RANKING_PERSON_COLUMNS`]): no title, tags, notes,
/// attributes or position. On a map of 100 000 people those are most of the reading.
fn person_for_ranking(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: PersonId(row.get(0)?),
        key: row.get(1)?,
        name: row.get(2)?,
        title: String::new(),
        department: row.get::<_, Option<i64>>(3)?.map(DepartmentId),
        stance: stance(row.get(4)?),
        power: row.get(5)?,
        interest: row.get(6)?,
        decision_maker: row.get(7)?,
        tags: Vec::new(),
        notes: String::new(),
        attributes: BTreeMap::new(),
        position: None,
    })
}

/// The snapshot of the network from a connection of its own: the people's ids and the ties, in
/// one read transaction so that they agree. `None` when that connection cannot be opened or
/// read; the caller then builds the snapshot itself.
fn network_beside(path: &str, passphrase: Option<&str>, ties_count: usize) -> Option<Csr> {
    let conn = super::connect(
        std::path::Path::new(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
        passphrase,
    )
    .ok()?;
    conn.execute_batch("BEGIN").ok()?;
    let ids = {
        let mut stmt = conn.prepare("SELECT id FROM person ORDER BY id").ok()?;
        stmt.query_map([], |r| Ok(PersonId(r.get(0)?)))
            .ok()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ok()?
    };
    let edges = read_edges(&conn, ties_count).ok()?;
    conn.execute_batch("COMMIT").ok()?;
    drop(conn);
    Some(Csr::build(ids, edges.into_iter()))
}

/// The people, departments and settings of a map, and the snapshot of its network read straight
/// from the tie table: all that ranking needs, without the ties as records (no `Tie`, no graph),
/// the engagement log or the campaign, and with each person's ranking columns only
/// ([`RANKING_PERSON_COLUMNS`]: no title, tags, notes, attributes or position). So it is only
/// for analyses that take the snapshot and never read ties or those fields from the map. The
/// snapshot is read and built on a second connection while the people are read (as [`load`]
/// reads the ties).
pub fn people_and_network(
    conn: &Connection,
    passphrase: Option<&str>,
) -> rusqlite::Result<(Map, Csr)> {
    let file_bytes = conn
        .path()
        .and_then(|p| std::fs::metadata(p).ok())
        .map_or(u64::MAX, |m| m.len());
    let ties_count = expected_rows(conn, "tie", file_bytes)?;
    let people_count = expected_rows(conn, "person", file_bytes)?;
    let beside = conn
        .path()
        .filter(|p| !p.is_empty() && conn.is_autocommit() && ties_count > 10_000)
        .map(str::to_owned);
    std::thread::scope(|scope| {
        // The snapshot is built on a second core while this one reads the people.
        let beside_job =
            beside.map(|path| scope.spawn(move || network_beside(&path, passphrase, ties_count)));
        let mut map = Map::default();
        load_settings(conn, &mut map)?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {DEPARTMENT_COLUMNS} FROM department ORDER BY id"
        ))?;
        let departments = stmt
            .query_map([], |r| department(r).map(|d| (d.id, d)))?
            .collect::<rusqlite::Result<_>>()?;
        let people = read_table(
            conn,
            &format!("SELECT {RANKING_PERSON_COLUMNS} FROM person ORDER BY id"),
            people_count,
            |r| person_for_ranking(r).map(|p| (p.id, p)),
        )?;
        map.set_people_without_graph(departments, people);
        let csr = match beside_job.and_then(|job| job.join().ok().flatten()) {
            Some(csr) => csr,
            None => {
                let ids: Vec<PersonId> = map.people().map(|p| p.id).collect();
                Csr::build(ids, read_edges(conn, ties_count)?.into_iter())
            }
        };
        Ok((map, csr))
    })
}

impl super::MapFile {
    /// Reads a map file for ranking: the map's people (their ranking columns only),
    /// departments and settings, without its ties, and the snapshot of its network
    /// ([`people_and_network`]). On a map of 100 000
    /// people this is much less to read and to hold than the whole map. A file from an older
    /// Advocate is opened whole (and upgraded) as [`super::MapFile::open_for_reading`] does.
    pub fn read_network(
        path: &std::path::Path,
        passphrase: Option<&str>,
    ) -> super::Result<(Map, Csr)> {
        let shown = path.display().to_string();
        let passphrase = super::check_is_map(path, passphrase)?;
        let sql = |source| super::Error::Sqlite {
            path: shown.clone(),
            source,
        };
        // As `open_for_reading`: a writable file is opened read-write (writing nothing) so that
        // closing it tidies away the WAL files.
        let file_read_only = std::fs::metadata(path)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false)
            || std::fs::OpenOptions::new().append(true).open(path).is_err();
        let flags = if file_read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = super::connect(path, flags, passphrase).map_err(sql)?;
        conn.execute_batch("PRAGMA busy_timeout = 5000")
            .map_err(sql)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        if version < super::SCHEMA_VERSION {
            drop(conn);
            let map = Self::open_for_reading(path, passphrase)?.into_map();
            let csr = Csr::from_map(&map);
            return Ok((map, csr));
        }
        people_and_network(&conn, passphrase).map_err(sql)
    }
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
                match stmt.query_row(params![id], |r| tie(r, &mut Kinds::default())) {
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
            other => {
                super::campaign::refresh(conn, &mut map.campaign, other, id)?;
            }
        }
    }
    super::campaign::refresh(conn, &mut map.campaign, "map_info", 1)?;
    // The views are a handful of rows, and removing a person changes those whose path named
    // them: always re-read them.
    map.views = super::views::load(conn)?;
    // The settings are a handful of rows: always re-read them (an edit to a person can change
    // the home team or the audience through a cascade).
    load_settings(conn, map)
}
