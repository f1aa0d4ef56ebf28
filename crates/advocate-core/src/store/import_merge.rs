//! Merging imported records ([`MapData`]) into a map file: departments by name, people by id
//! (then name), ties by their two people, engagements by their content. One transaction and one
//! undo step, all or nothing unless the caller asks to skip bad records, with a report of what
//! was added, updated, left alone and rejected, and where. The single edits
//! ([`super::edits`]) reuse the same merger so an edit and an import follow the same rules. The
//! report and the merge mode are in `report`.

mod report;

use rustc_hash::FxHashMap as HashMap;

use rusqlite::{Transaction, params};

use super::group::write_group;
use super::lookup::Index;
use super::replica::next_id;

use super::rules::{
    MAX_NAME, MAX_NOTE, check_colour, check_date, check_line, check_person, check_strength,
    check_text,
};
use super::{Error, MapFile, Result};
use crate::data::{DepartmentData, EngagementData, GroupData, MapData, PersonData, TieData};
use crate::model::{DepartmentId, Group, Map, PersonId, Position, Stance, TieId};

pub use report::{ImportReport, MergeMode, Rejected};

/// The error of a statement on a connection, naming its file.
pub(super) fn sql_conn(conn: &rusqlite::Connection) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Sqlite {
        path: conn.path().unwrap_or("map").to_string(),
        source,
    }
}

pub(super) fn sql<'a>(tx: &'a Transaction<'_>) -> impl Fn(rusqlite::Error) -> Error + 'a {
    move |source| Error::Sqlite {
        path: tx.path().unwrap_or("map").to_string(),
        source,
    }
}

fn ensure_department(
    tx: &Transaction<'_>,
    index: &mut Index,
    name: &str,
    report: &mut ImportReport,
) -> Result<DepartmentId> {
    let name = name.trim();
    if let Some(id) = index.department_by_name.get(&name.to_lowercase()) {
        return Ok(*id);
    }
    tx.prepare_cached(&format!(
        "INSERT INTO department(id, name) VALUES ({}, ?1)",
        next_id("department")
    ))
    .and_then(|mut s| s.execute(params![name]))
    .map_err(sql(tx))?;
    let id = DepartmentId(tx.last_insert_rowid());
    index.department_by_name.insert(name.to_lowercase(), id);
    index.department_parent.insert(id, None);
    index.department_name.insert(id, name.to_string());
    report.departments.added += 1;
    Ok(id)
}

pub(super) fn set_position(
    tx: &Transaction<'_>,
    table: &str,
    id: i64,
    p: Option<Position>,
) -> Result<()> {
    if let Some(p) = p {
        if !(p.x.is_finite() && p.y.is_finite()) {
            return Err(Error::Invalid(format!(
                "position ({}, {}) is not a point on the drawing",
                p.x, p.y
            )));
        }
        tx.prepare_cached(&format!(
            "UPDATE {table} SET x = ?2, y = ?3, pinned = ?4 WHERE id = ?1 AND (x IS NOT ?2 OR y IS NOT ?3 OR pinned IS NOT ?4)"
        ))
        .and_then(|mut s| s.execute(params![id, p.x, p.y, p.pinned]))
        .map_err(sql(tx))?;
    }
    Ok(())
}

pub(super) struct Merger<'a, 't, 'm> {
    pub(super) tx: &'a Transaction<'t>,
    pub(super) mode: MergeMode,
    pub(super) index: Index<'m>,
    pub(super) report: ImportReport,
}

impl Merger<'_, '_, '_> {
    /// Either stops the merge (all or nothing) or notes the record as rejected.
    pub(super) fn reject(&mut self, place: String, reason: String) -> Result<()> {
        match self.mode {
            MergeMode::AllOrNothing => Err(Error::Invalid(format!(
                "{place}: {reason}; nothing was imported"
            ))),
            MergeMode::SkipInvalid => {
                self.report.rejected.push(Rejected { place, reason });
                Ok(())
            }
        }
    }

    fn kinds(&mut self, data: &MapData) -> Result<()> {
        for k in &data.kinds {
            if let Err(reason) = check_strength(k.default_strength)
                .and_then(|_| check_text("kind", &k.name, MAX_NAME))
            {
                self.reject(format!("tie kind {:?}", k.name), reason)?;
                continue;
            }
            self.tx
                .execute(
                    &format!(
                        "INSERT INTO tie_kind(id, name, default_strength) VALUES ({}, ?1, ?2)
                     ON CONFLICT(name) DO UPDATE SET default_strength = excluded.default_strength
                     WHERE default_strength IS NOT excluded.default_strength",
                        next_id("tie_kind")
                    ),
                    params![k.name.trim(), k.default_strength],
                )
                .map_err(sql(self.tx))?;
            self.index.kind_names.insert(
                k.name.trim().to_lowercase(),
                (k.name.trim().to_string(), k.default_strength),
            );
        }
        Ok(())
    }

    pub(super) fn departments(&mut self, departments: &[DepartmentData]) -> Result<()> {
        let mut good = Vec::new();
        for (i, d) in departments.iter().enumerate() {
            let place = d.origin.describe(|| format!("department {}", i + 1));
            let check = (|| {
                if d.name.trim().is_empty() {
                    return Err("name is empty: every department needs a name".to_string());
                }
                check_line("name", &d.name, MAX_NAME)?;
                if let Some(c) = d.colour.as_deref().filter(|c| !c.trim().is_empty()) {
                    check_colour(c)?;
                }
                if d.parent.as_deref().map(str::trim) == Some(d.name.trim()) {
                    return Err(format!("department {:?} is its own parent", d.name.trim()));
                }
                Ok(())
            })();
            match check {
                Ok(()) => good.push((place, d)),
                Err(reason) => self.reject(place, reason)?,
            }
        }
        // First every department exists, then parents are set, so a file may name a parent
        // before it defines it.
        for (_, d) in &good {
            let existed = self
                .index
                .department_by_name
                .contains_key(&d.name.trim().to_lowercase());
            let id = ensure_department(self.tx, &mut self.index, &d.name, &mut self.report)?;
            let colour = d.colour.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let changed = match colour {
                Some(c) => self
                    .tx
                    .prepare_cached(
                        "UPDATE department SET colour = ?2 WHERE id = ?1 AND colour IS NOT ?2",
                    )
                    .and_then(|mut s| s.execute(params![id.0, c]))
                    .map_err(sql(self.tx))?,
                None => 0,
            };
            // A function given is stored; left out, it stays as it was (for a new department:
            // guessed from the name when read).
            let changed = changed
                + match d.function {
                    Some(f) => self
                        .tx
                        .prepare_cached(
                            "UPDATE department SET function = ?2
                             WHERE id = ?1 AND coalesce(function, ?3) IS NOT ?2",
                        )
                        .and_then(|mut s| {
                            s.execute(params![
                                id.0,
                                f.as_str(),
                                crate::model::Function::guess(d.name.trim()).as_str()
                            ])
                        })
                        .map_err(sql(self.tx))?,
                    None => 0,
                };
            set_position(self.tx, "department", id.0, d.position)?;
            if existed {
                if changed > 0 {
                    self.report.departments.updated += 1;
                } else {
                    self.report.departments.unchanged += 1;
                }
            }
        }
        for (place, d) in good {
            let Some(parent_name) = d.parent.as_deref().map(str::trim) else {
                continue;
            };
            let id = self.index.department_by_name[&d.name.trim().to_lowercase()];
            let parent = if parent_name.is_empty() {
                None
            } else {
                Some(ensure_department(
                    self.tx,
                    &mut self.index,
                    parent_name,
                    &mut self.report,
                )?)
            };
            if let Some(cycle) = self.index.cycle(id, parent) {
                self.reject(
                    place,
                    format!(
                        "department {:?} would be its own ancestor ({})",
                        d.name.trim(),
                        cycle.join(" → ")
                    ),
                )?;
                continue;
            }
            self.index.department_parent.insert(id, parent);
            self.tx
                .prepare_cached(
                    "UPDATE department SET parent = ?2 WHERE id = ?1 AND parent IS NOT ?2",
                )
                .and_then(|mut s| s.execute(params![id.0, parent.map(|p| p.0)]))
                .map_err(sql(self.tx))?;
        }
        Ok(())
    }

    fn people(&mut self, people: &[PersonData]) -> Result<()> {
        let mut seen: HashMap<String, String> = HashMap::default();
        for (i, p) in people.iter().enumerate() {
            let place = p
                .origin
                .describe(|| format!("person {} ({:?})", i + 1, p.name));
            if let Err(reason) = check_person(p) {
                self.reject(place, reason)?;
                continue;
            }
            let key = p.key().trim().to_string();
            if let Some(first) = seen.get(&key) {
                let what = if p.id.is_some() { "id" } else { "name" };
                self.reject(
                    place,
                    format!("duplicate {what} {key:?}: {first} has it already"),
                )?;
                continue;
            }
            seen.insert(key.clone(), place.clone());
            self.person(p, &key, &place, false)?;
        }
        Ok(())
    }

    pub(super) fn person(
        &mut self,
        p: &PersonData,
        key: &str,
        place: &str,
        must_be_new: bool,
    ) -> Result<PersonId> {
        let department = match p.department.as_deref().map(str::trim) {
            Some("") => Some(None),
            Some(name) => Some(Some(ensure_department(
                self.tx,
                &mut self.index,
                name,
                &mut self.report,
            )?)),
            None => None,
        };
        let existing = if must_be_new {
            None
        } else {
            self.index.by_key(key).or_else(|| {
                // "Merges by id, then name": a record with an id also matches a person who was
                // added without one (whose key is their name), so a later HR export with ids
                // updates the people of an earlier list of names instead of doubling them.
                let name = p.name.trim();
                match self.index.named(name).as_slice() {
                    [one] if p.id.is_some() && self.index.by_key(name) == Some(*one) => Some(*one),
                    _ => None,
                }
            })
        };
        let tags = p.tags.as_ref().map(|t| {
            serde_json::to_string(
                &t.iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_else(|_| "[]".into())
        });
        let attributes = if p.attributes.is_empty() {
            None
        } else {
            serde_json::to_string(&p.attributes).ok()
        };
        let id = match existing {
            Some(id) => {
                let changed = self
                    .tx
                    .prepare_cached(
                        "UPDATE person SET
                           name = ?2,
                           title = coalesce(?3, title),
                           department = CASE WHEN ?4 THEN ?5 ELSE department END,
                           stance = coalesce(?6, stance),
                           power = coalesce(?7, power),
                           interest = coalesce(?8, interest),
                           decision_maker = coalesce(?9, decision_maker),
                           tags = coalesce(?10, tags),
                           notes = coalesce(?11, notes),
                           attributes = CASE WHEN ?12 IS NULL THEN attributes ELSE json_patch(attributes, ?12) END
                         WHERE id = ?1 AND NOT (
                           name IS ?2 AND title IS coalesce(?3, title)
                           AND department IS (CASE WHEN ?4 THEN ?5 ELSE department END)
                           AND stance IS coalesce(?6, stance) AND power IS coalesce(?7, power)
                           AND interest IS coalesce(?8, interest)
                           AND decision_maker IS coalesce(?9, decision_maker)
                           AND tags IS coalesce(?10, tags) AND notes IS coalesce(?11, notes)
                           AND attributes IS (CASE WHEN ?12 IS NULL THEN attributes ELSE json_patch(attributes, ?12) END))",
                    )
                    .and_then(|mut s| {
                        s.execute(params![
                            id.0,
                            p.name.trim(),
                            p.title.as_deref().map(str::trim),
                            department.is_some(),
                            department.flatten().map(|d| d.0),
                            p.stance.map(Stance::value),
                            p.power,
                            p.interest,
                            p.decision_maker,
                            tags,
                            p.notes,
                            attributes,
                        ])
                    })
                    .map_err(sql(self.tx))?;
                if changed > 0 {
                    self.report.people.updated += 1;
                } else {
                    self.report.people.unchanged += 1;
                }
                id
            }
            None => {
                self.tx
                    .prepare_cached(
                        &format!("INSERT INTO person(id, key, name, title, department, stance, power, interest,
                           decision_maker, tags, notes, attributes)
                         VALUES ({}, ?1, ?2, coalesce(?3, ''), ?4, coalesce(?5, 0), coalesce(?6, 3),
                           coalesce(?7, 3), coalesce(?8, 0), coalesce(?9, '[]'), coalesce(?10, ''),
                           coalesce(?11, '{{}}'))", next_id("person")),
                    )
                    .and_then(|mut s| {
                        s.execute(params![
                            key,
                            p.name.trim(),
                            p.title.as_deref().map(str::trim),
                            department.flatten().map(|d| d.0),
                            p.stance.map(Stance::value),
                            p.power,
                            p.interest,
                            p.decision_maker,
                            tags,
                            p.notes,
                            attributes,
                        ])
                    })
                    .map_err(|e| match e {
                        rusqlite::Error::SqliteFailure(f, _)
                            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                        {
                            Error::Invalid(format!("{place}: {key:?} could not be added: {e}"))
                        }
                        e => sql(self.tx)(e),
                    })?;
                let id = PersonId(self.tx.last_insert_rowid());
                self.index.add_person(key, p.name.trim(), id);
                self.report.people.added += 1;
                id
            }
        };
        set_position(self.tx, "person", id.0, p.position)?;
        Ok(id)
    }

    fn kind_of(&mut self, t: &TieData) -> std::result::Result<(String, f64), String> {
        let kind = t.kind.trim();
        if kind.is_empty() {
            return Err("kind is empty".into());
        }
        check_text("kind", kind, MAX_NAME)?;
        if let Some(k) = self.index.kind_names.get(&kind.to_lowercase()) {
            return Ok(k.clone());
        }
        // A kind the user names: it is added, with this tie's strength as its default.
        let Some(strength) = t.strength else {
            return Err(format!(
                "kind {kind:?} is not known and the tie gives no strength; give a strength or use one of: {}",
                {
                    let mut names: Vec<_> = self
                        .index
                        .kind_names
                        .values()
                        .map(|k| k.0.clone())
                        .collect();
                    names.sort();
                    names.join(", ")
                }
            ));
        };
        check_strength(strength)?;
        self.tx
            .execute(
                &format!(
                    "INSERT INTO tie_kind(id, name, default_strength) VALUES ({}, ?1, ?2)",
                    next_id("tie_kind")
                ),
                params![kind, strength],
            )
            .map_err(|e| e.to_string())?;
        self.index
            .kind_names
            .insert(kind.to_lowercase(), (kind.to_string(), strength));
        Ok((kind.to_string(), strength))
    }

    pub(super) fn ties(&mut self, ties: &[TieData]) -> Result<()> {
        for (i, t) in ties.iter().enumerate() {
            let place = t
                .origin
                .describe(|| format!("tie {} ({} > {})", i + 1, t.from, t.to));
            let resolved = (|| {
                let from = self
                    .index
                    .person(&t.from)
                    .map_err(|e| format!("from: {e}"))?;
                let to = self.index.person(&t.to).map_err(|e| format!("to: {e}"))?;
                if from == to {
                    return Err(format!("a tie from {:?} to themselves", t.from.trim()));
                }
                if let Some(s) = t.strength {
                    check_strength(s)?;
                }
                if let Some(n) = &t.notes {
                    check_text("notes", n, MAX_NOTE)?;
                }
                let (kind, default) = self.kind_of(t)?;
                Ok((from, to, kind, t.strength.unwrap_or(default)))
            })();
            let (from, to, kind, strength) = match resolved {
                Ok(r) => r,
                Err(reason) => {
                    self.reject(place, reason)?;
                    continue;
                }
            };
            // One tie of each kind per pair: a second row for it in the same import is a mistake
            // in the data, not an update (with --skip-invalid the first row stands).
            let key = (from, to, kind.to_lowercase());
            if let Some(first) = self.index.written_ties.get(&key) {
                let reason = format!(
                    "a second {kind:?} tie from {} to {}: {first} already gives one",
                    t.from.trim(),
                    t.to.trim()
                );
                self.reject(place, reason)?;
                continue;
            }
            self.index.written_ties.insert(key, place);
            self.tie(from, to, &kind, strength, t.notes.as_deref())?;
        }
        Ok(())
    }

    fn tie(
        &mut self,
        from: PersonId,
        to: PersonId,
        kind: &str,
        strength: f64,
        notes: Option<&str>,
    ) -> Result<TieId> {
        if let Some(id) = self.index.tie(from, to, kind) {
            let changed = self
                .tx
                .prepare_cached(
                    "UPDATE tie SET strength = ?2, notes = coalesce(?3, notes)
                     WHERE id = ?1 AND NOT (strength IS ?2 AND notes IS coalesce(?3, notes))",
                )
                .and_then(|mut s| s.execute(params![id.0, strength, notes]))
                .map_err(sql(self.tx))?;
            if changed > 0 {
                self.report.ties.updated += 1;
            } else {
                self.report.ties.unchanged += 1;
            }
            return Ok(id);
        }
        self.tx
            .prepare_cached(
                &format!("INSERT INTO tie(id, from_person, to_person, kind, strength, notes) VALUES ({}, ?1, ?2, ?3, ?4, coalesce(?5, ''))", next_id("tie")),
            )
            .and_then(|mut s| s.execute(params![from.0, to.0, kind, strength, notes]))
            .map_err(sql(self.tx))?;
        let id = TieId(self.tx.last_insert_rowid());
        self.index
            .added_ties
            .insert((from, to, kind.to_lowercase()), id);
        self.report.ties.added += 1;
        Ok(id)
    }

    fn engagements(&mut self, entries: &[EngagementData]) -> Result<()> {
        for (i, e) in entries.iter().enumerate() {
            let place = e.origin.describe(|| format!("engagement {}", i + 1));
            let checked = (|| {
                let person = self.index.person(&e.person)?;
                check_date(&e.date)?;
                if e.action.trim().is_empty() {
                    return Err("action is empty (met, presented, emailed, piloted…)".into());
                }
                check_text("action", &e.action, MAX_NAME)?;
                check_text("summary", &e.summary, MAX_NOTE)?;
                Ok(person)
            })();
            let person = match checked {
                Ok(p) => p,
                Err(reason) => {
                    self.reject(place, reason)?;
                    continue;
                }
            };
            let exists: bool = self
                .tx
                .prepare_cached(
                    "SELECT EXISTS(SELECT 1 FROM engagement WHERE person = ?1 AND date = ?2 AND action = ?3 AND summary = ?4 AND stance_after IS ?5)",
                )
                .and_then(|mut s| {
                    s.query_row(
                        params![
                            person.0,
                            e.date.trim(),
                            e.action.trim(),
                            e.summary,
                            e.stance_after.map(Stance::value)
                        ],
                        |r| r.get(0),
                    )
                })
                .map_err(sql(self.tx))?;
            if exists {
                self.report.engagements.unchanged += 1;
                continue;
            }
            self.tx
                .prepare_cached(
                    &format!("INSERT INTO engagement(id, person, date, action, summary, stance_after) VALUES ({}, ?1, ?2, ?3, ?4, ?5)", next_id("engagement")),
                )
                .and_then(|mut s| {
                    s.execute(params![
                        person.0,
                        e.date.trim(),
                        e.action.trim(),
                        e.summary,
                        e.stance_after.map(Stance::value)
                    ])
                })
                .map_err(sql(self.tx))?;
            self.report.engagements.added += 1;
        }
        Ok(())
    }

    fn group(&mut self, what: &str, g: &GroupData) -> Result<Group> {
        let mut out = Group::default();
        for p in &g.people {
            match self.index.person(p) {
                Ok(id) => out.people.push(id),
                Err(reason) => self.reject(what.to_string(), reason)?,
            }
        }
        if let Some(d) = g.department.as_deref().filter(|d| !d.trim().is_empty()) {
            match self.index.department_by_name.get(&d.trim().to_lowercase()) {
                Some(id) => out.department = Some(*id),
                None => self.reject(what.to_string(), format!("no department named {d:?}"))?,
            }
        }
        Ok(out)
    }
}

pub(super) fn first_line(e: &Error) -> String {
    e.to_string()
}

impl MapFile {
    /// Brings imported records into the map, merging people by id (then name), departments by
    /// name and ties by their two people. All or nothing unless `mode` says to skip bad records.
    pub fn merge(&mut self, data: &MapData, mode: MergeMode, label: &str) -> Result<ImportReport> {
        // A large import journals its new rows as ranges rather than one entry a row.
        let bulk = data.people.len() + data.ties.len() + data.engagements.len() > BULK_RECORDS;
        self.edit(label, |tx, map| {
            let before = if bulk {
                Some(super::journal::begin_bulk(tx).map_err(sql(tx))?)
            } else {
                None
            };
            let report = merge_into(tx, map, data, mode)?;
            if let Some(before) = before {
                super::journal::end_bulk(tx, &before).map_err(sql(tx))?;
            }
            Ok(report)
        })
    }
}

/// How many records make a merge a bulk one.
const BULK_RECORDS: usize = 1000;

fn merge_into(
    tx: &Transaction<'_>,
    map: &Map,
    data: &MapData,
    mode: MergeMode,
) -> Result<ImportReport> {
    {
        {
            let mut m = Merger {
                tx,
                mode,
                index: Index::new(map),
                report: ImportReport::default(),
            };
            if let Some(name) = data.name.as_deref().filter(|n| !n.trim().is_empty())
                && map.people().len() == 0
            {
                tx.execute(
                    "UPDATE map_info SET name = ?1 WHERE name IS NOT ?1",
                    params![name.trim()],
                )
                .map_err(sql(tx))?;
            }
            m.kinds(data)?;
            m.departments(&data.departments)?;
            m.people(&data.people)?;
            m.ties(&data.ties)?;
            m.engagements(&data.engagements)?;
            m.campaign(data)?;
            m.views(data)?;
            if let Some(home) = data
                .home
                .as_ref()
                .filter(|g| !g.people.is_empty() || g.department.is_some())
            {
                let g = m.group("home team", home)?;
                write_group(tx, "home_member", "home_department", &g)?;
            }
            if let Some(goal) = &data.goal {
                if !goal.initiative.trim().is_empty() {
                    tx.execute(
                        "UPDATE map_info SET initiative = ?1 WHERE initiative IS NOT ?1",
                        params![goal.initiative.trim()],
                    )
                    .map_err(sql(tx))?;
                }
                if !goal.audience.people.is_empty() || goal.audience.department.is_some() {
                    let g = m.group("goal audience", &goal.audience)?;
                    write_group(tx, "audience_member", "audience_department", &g)?;
                }
            }
            Ok(m.report)
        }
    }
}

impl MapFile {
    /// Creates a map file holding `data` from the start: its contents are where the map begins,
    /// not an edit, so there is nothing to undo. On failure no file is left behind.
    pub fn create_from(path: &std::path::Path, data: &MapData) -> Result<MapFile> {
        let name = data
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Influence map".into());
        let mut file = MapFile::create(path, &name)?;
        let filled = file
            .merge(
                data,
                MergeMode::AllOrNothing,
                super::tie_changes::CREATE_LABEL,
            )
            .and_then(|_| file.forget_history());
        if let Err(e) = filled {
            drop(file);
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            return Err(e);
        }
        Ok(file)
    }

    /// Forgets every step of the undo journal.
    pub fn forget_history(&mut self) -> Result<()> {
        let path = self.writable_path()?;
        self.connection()
            .execute_batch(
                "BEGIN IMMEDIATE; DELETE FROM undo_entry; DELETE FROM undo_step; COMMIT;",
            )
            .map_err(|source| Error::Sqlite { path, source })
    }
}
