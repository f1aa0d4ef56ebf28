//! Every change to a map file: merging imported records ([`MapData`]) and the single edits of the
//! command line and the app (add, edit or remove a person, tie or department; log an engagement;
//! set the goal, the home team or positions). Each is one transaction and one undo step, and each
//! checks its input against the rules of the model before anything is written, with a message
//! that says what is wrong and where.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Error, MapFile, Result};
use crate::data::{DepartmentData, EngagementData, GroupData, MapData, PersonData, TieData};
use crate::model::{
    DepartmentId, EngagementId, Group, Map, Node, PersonId, Position, Stance, TieId,
};

/// The longest name, title, key or department name accepted.
pub const MAX_NAME: usize = 200;
/// The longest note or summary accepted.
pub const MAX_NOTE: usize = 100_000;

/// What to do with records that break a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergeMode {
    /// Any bad record and nothing is imported.
    #[default]
    AllOrNothing,
    /// Import the good records and list the bad ones.
    SkipInvalid,
}

/// A record that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rejected {
    /// Where it was: "people.csv line 4", or a description of the record.
    pub place: String,
    pub reason: String,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

/// Added / updated / left alone, for one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    pub departments: Counts,
    pub people: Counts,
    pub ties: Counts,
    pub engagements: Counts,
    pub rejected: Vec<Rejected>,
}

impl ImportReport {
    pub fn summary(&self) -> String {
        let line = |what: &str, c: &Counts| {
            format!(
                "{what}: {} added, {} updated, {} unchanged",
                c.added, c.updated, c.unchanged
            )
        };
        let mut out = vec![
            line("people", &self.people),
            line("departments", &self.departments),
            line("ties", &self.ties),
            line("engagements", &self.engagements),
        ];
        if !self.rejected.is_empty() {
            out.push(format!("rejected: {}", self.rejected.len()));
            out.extend(self.rejected.iter().map(|r| format!("  {r}")));
        }
        out.join("\n")
    }
}

/// Changes to one person; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, deny_unknown_fields)]
pub struct PersonPatch {
    pub key: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    /// A department name; an empty name takes the person out of their department.
    pub department: Option<String>,
    pub stance: Option<Stance>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub decision_maker: Option<bool>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
}

fn check_text(what: &str, value: &str, max: usize) -> std::result::Result<(), String> {
    let chars = value.chars().count();
    if chars > max {
        return Err(format!(
            "{what} is {chars} characters long; at most {max} are accepted"
        ));
    }
    if value.contains('\0') {
        return Err(format!("{what} contains a NUL character"));
    }
    Ok(())
}

/// A one-line field (a name, a title, an id): no line breaks or other control characters, which
/// in an import usually mean a quote that was never closed.
fn check_line(what: &str, value: &str, max: usize) -> std::result::Result<(), String> {
    check_text(what, value, max)?;
    if value.chars().any(char::is_control) {
        return Err(format!(
            "{what} {:?} holds a line break or another control character; if it came from a CSV file, a quote may be missing its closing quote",
            value.chars().take(40).collect::<String>()
        ));
    }
    Ok(())
}

fn check_scale(what: &str, value: Option<u8>) -> std::result::Result<(), String> {
    match value {
        Some(v) if !(1..=5).contains(&v) => Err(format!("{what} must be from 1 to 5, not {v}")),
        _ => Ok(()),
    }
}

fn check_strength(value: f64) -> std::result::Result<(), String> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(format!("strength must be between 0 and 1, not {value}"))
    }
}

/// Checks a date is a real ISO date, `YYYY-MM-DD`.
pub fn check_date(value: &str) -> std::result::Result<(), String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value.trim(), &format)
        .map(|_| ())
        .map_err(|_| format!("date {value:?} is not a date of the form YYYY-MM-DD"))
}

fn check_colour(value: &str) -> std::result::Result<(), String> {
    let v = value.trim();
    let hex = v.strip_prefix('#').unwrap_or("");
    if (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(format!(
            "colour {value:?} is not a colour of the form #rrggbb"
        ))
    }
}

fn check_person(p: &PersonData) -> std::result::Result<(), String> {
    if p.name.trim().is_empty() {
        return Err("name is empty: every person needs a name".into());
    }
    check_line("name", &p.name, MAX_NAME)?;
    if let Some(id) = &p.id {
        if id.trim().is_empty() {
            return Err("id is empty".into());
        }
        check_line("id", id, MAX_NAME)?;
    }
    if let Some(t) = &p.title {
        check_line("title", t, MAX_NAME)?;
    }
    if let Some(d) = &p.department {
        check_line("department", d, MAX_NAME)?;
    }
    check_scale("power", p.power)?;
    check_scale("interest", p.interest)?;
    if let Some(n) = &p.notes {
        check_text("notes", n, MAX_NOTE)?;
    }
    for t in p.tags.iter().flatten() {
        check_text("tag", t, MAX_NAME)?;
    }
    for (k, v) in &p.attributes {
        check_text("attribute name", k, MAX_NAME)?;
        check_text(&format!("attribute {k:?}"), v, MAX_NOTE)?;
    }
    Ok(())
}

fn sql<'a>(tx: &'a Transaction<'_>) -> impl Fn(rusqlite::Error) -> Error + 'a {
    move |source| Error::Sqlite {
        path: tx.path().unwrap_or("map").to_string(),
        source,
    }
}

/// Lookups of what is in the file while a merge runs, so records can refer to earlier records:
/// the map as it was (through its own indexes, so a single edit costs no scan of a large map)
/// plus what this merge has added.
struct Index<'m> {
    map: &'m Map,
    department_by_name: HashMap<String, DepartmentId>,
    department_parent: HashMap<DepartmentId, Option<DepartmentId>>,
    department_name: HashMap<DepartmentId, String>,
    added_by_key: HashMap<String, PersonId>,
    added_by_name: HashMap<String, Vec<PersonId>>,
    kind_names: HashMap<String, (String, f64)>,
    added_ties: HashMap<(PersonId, PersonId), TieId>,
}

impl<'m> Index<'m> {
    fn new(map: &'m Map) -> Index<'m> {
        Index {
            map,
            department_by_name: map
                .departments()
                .map(|d| (d.name.to_lowercase(), d.id))
                .collect(),
            department_parent: map.departments().map(|d| (d.id, d.parent)).collect(),
            department_name: map.departments().map(|d| (d.id, d.name.clone())).collect(),
            added_by_key: HashMap::default(),
            added_by_name: HashMap::default(),
            kind_names: map
                .kinds
                .iter()
                .map(|k| (k.name.to_lowercase(), (k.name.clone(), k.default_strength)))
                .collect(),
            added_ties: HashMap::default(),
        }
    }

    fn by_key(&self, key: &str) -> Option<PersonId> {
        self.added_by_key
            .get(key)
            .copied()
            .or_else(|| self.map.person_by_key(key).map(|p| p.id))
    }

    fn named(&self, name: &str) -> Vec<PersonId> {
        let mut ids = self.map.people_named(name);
        ids.extend(self.added_by_name.get(name).into_iter().flatten());
        ids
    }

    fn add_person(&mut self, key: &str, name: &str, id: PersonId) {
        self.added_by_key.insert(key.to_string(), id);
        self.added_by_name
            .entry(name.to_string())
            .or_default()
            .push(id);
    }

    fn tie(&self, from: PersonId, to: PersonId) -> Option<TieId> {
        self.added_ties
            .get(&(from, to))
            .copied()
            .or_else(|| self.map.tie_between(from, to).map(|t| t.id))
    }

    fn person(&self, reference: &str) -> std::result::Result<PersonId, String> {
        let r = reference.trim();
        if let Some(id) = self.by_key(r) {
            return Ok(id);
        }
        match self.named(r).as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("no person with id or name {r:?}")),
            many => Err(format!("{r:?} names {} people; use their id", many.len())),
        }
    }

    /// The cycle `id` would join if its parent became `parent`, as names.
    fn cycle(&self, id: DepartmentId, parent: Option<DepartmentId>) -> Option<Vec<String>> {
        let mut chain = vec![id];
        let mut at = parent;
        while let Some(p) = at {
            chain.push(p);
            if p == id {
                return Some(
                    chain
                        .iter()
                        .map(|d| self.department_name.get(d).cloned().unwrap_or_default())
                        .collect(),
                );
            }
            if chain.len() > self.department_parent.len() + 1 {
                return None;
            }
            at = self.department_parent.get(&p).copied().flatten();
        }
        None
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
    tx.prepare_cached("INSERT INTO department(name) VALUES (?1)")
        .and_then(|mut s| s.execute(params![name]))
        .map_err(sql(tx))?;
    let id = DepartmentId(tx.last_insert_rowid());
    index.department_by_name.insert(name.to_lowercase(), id);
    index.department_parent.insert(id, None);
    index.department_name.insert(id, name.to_string());
    report.departments.added += 1;
    Ok(id)
}

fn set_position(tx: &Transaction<'_>, table: &str, id: i64, p: Option<Position>) -> Result<()> {
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

struct Merger<'a, 't, 'm> {
    tx: &'a Transaction<'t>,
    mode: MergeMode,
    index: Index<'m>,
    report: ImportReport,
}

impl Merger<'_, '_, '_> {
    /// Either stops the merge (all or nothing) or notes the record as rejected.
    fn reject(&mut self, place: String, reason: String) -> Result<()> {
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
                    "INSERT INTO tie_kind(name, default_strength) VALUES (?1, ?2)
                     ON CONFLICT(name) DO UPDATE SET default_strength = excluded.default_strength
                     WHERE default_strength IS NOT excluded.default_strength",
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

    fn departments(&mut self, departments: &[DepartmentData]) -> Result<()> {
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

    fn person(
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
                        "INSERT INTO person(key, name, title, department, stance, power, interest,
                           decision_maker, tags, notes, attributes)
                         VALUES (?1, ?2, coalesce(?3, ''), ?4, coalesce(?5, 0), coalesce(?6, 3),
                           coalesce(?7, 3), coalesce(?8, 0), coalesce(?9, '[]'), coalesce(?10, ''),
                           coalesce(?11, '{}'))",
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
                "INSERT INTO tie_kind(name, default_strength) VALUES (?1, ?2)",
                params![kind, strength],
            )
            .map_err(|e| e.to_string())?;
        self.index
            .kind_names
            .insert(kind.to_lowercase(), (kind.to_string(), strength));
        Ok((kind.to_string(), strength))
    }

    fn ties(&mut self, ties: &[TieData]) -> Result<()> {
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
        if let Some(id) = self.index.tie(from, to) {
            let changed = self
                .tx
                .prepare_cached(
                    "UPDATE tie SET kind = ?2, strength = ?3, notes = coalesce(?4, notes)
                     WHERE id = ?1 AND NOT (kind IS ?2 AND strength IS ?3 AND notes IS coalesce(?4, notes))",
                )
                .and_then(|mut s| s.execute(params![id.0, kind, strength, notes]))
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
                "INSERT INTO tie(from_person, to_person, kind, strength, notes) VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''))",
            )
            .and_then(|mut s| s.execute(params![from.0, to.0, kind, strength, notes]))
            .map_err(sql(self.tx))?;
        let id = TieId(self.tx.last_insert_rowid());
        self.index.added_ties.insert((from, to), id);
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
                    "INSERT INTO engagement(person, date, action, summary, stance_after) VALUES (?1, ?2, ?3, ?4, ?5)",
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

fn write_group(tx: &Transaction<'_>, table: &str, column: &str, g: &Group) -> Result<()> {
    let current: Vec<i64> = tx
        .prepare(&format!("SELECT person FROM {table} ORDER BY person"))
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sql(tx))?;
    let mut wanted: Vec<i64> = g.people.iter().map(|p| p.0).collect();
    wanted.sort();
    wanted.dedup();
    if current != wanted {
        tx.execute(&format!("DELETE FROM {table}"), [])
            .map_err(sql(tx))?;
        for p in wanted {
            tx.execute(
                &format!("INSERT INTO {table}(person) VALUES (?1)"),
                params![p],
            )
            .map_err(sql(tx))?;
        }
    }
    tx.execute(
        &format!("UPDATE map_info SET {column} = ?1 WHERE {column} IS NOT ?1"),
        params![g.department.map(|d| d.0)],
    )
    .map_err(sql(tx))?;
    Ok(())
}

fn first_line(e: &Error) -> String {
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
            .merge(data, MergeMode::AllOrNothing, "Create")
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

    /// Adds one person; their key (id, else name) must be new.
    pub fn add_person(&mut self, person: &PersonData) -> Result<PersonId> {
        check_person(person).map_err(Error::Invalid)?;
        let key = person.key().trim().to_string();
        if self.map().person_by_key(&key).is_some() {
            return Err(Error::Invalid(format!(
                "there is already a person with id {key:?}; edit them instead, or give another id"
            )));
        }
        self.edit(&format!("Add {}", person.name.trim()), |tx, map| {
            let mut m = Merger {
                tx,
                mode: MergeMode::AllOrNothing,
                index: Index::new(map),
                report: ImportReport::default(),
            };
            m.person(person, &key, "person", true)
        })
    }

    /// Changes some of a person's fields.
    pub fn edit_person(&mut self, id: PersonId, patch: &PersonPatch) -> Result<()> {
        let current = self
            .map()
            .person(id)
            .ok_or_else(|| Error::Invalid(format!("no person with row {}", id.0)))?
            .clone();
        let data = PersonData {
            id: Some(current.key.clone()),
            name: patch.name.clone().unwrap_or(current.name.clone()),
            title: patch.title.clone(),
            department: patch.department.clone(),
            stance: patch.stance,
            power: patch.power,
            interest: patch.interest,
            decision_maker: patch.decision_maker,
            tags: patch.tags.clone(),
            notes: patch.notes.clone(),
            ..PersonData::default()
        };
        check_person(&data).map_err(Error::Invalid)?;
        if let Some(new_key) = patch.key.as_deref().map(str::trim) {
            check_text("id", new_key, MAX_NAME).map_err(Error::Invalid)?;
            if new_key.is_empty() {
                return Err(Error::Invalid("id is empty".into()));
            }
            if new_key != current.key && self.map().person_by_key(new_key).is_some() {
                return Err(Error::Invalid(format!(
                    "there is already a person with id {new_key:?}"
                )));
            }
        }
        self.edit(&format!("Edit {}", current.name), |tx, map| {
            let mut m = Merger {
                tx,
                mode: MergeMode::AllOrNothing,
                index: Index::new(map),
                report: ImportReport::default(),
            };
            m.person(&data, &current.key, "person", false)?;
            if let Some(new_key) = patch.key.as_deref().map(str::trim) {
                tx.execute(
                    "UPDATE person SET key = ?2 WHERE id = ?1 AND key IS NOT ?2",
                    params![id.0, new_key],
                )
                .map_err(sql(tx))?;
            }
            Ok(())
        })
    }

    /// Removes a person, with their ties and engagement log.
    pub fn remove_person(&mut self, id: PersonId) -> Result<()> {
        let name = self.person_name(id)?;
        self.edit(&format!("Remove {name}"), |tx, _| {
            tx.execute("DELETE FROM person WHERE id = ?1", params![id.0])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    fn person_name(&self, id: PersonId) -> Result<String> {
        self.map()
            .person(id)
            .map(|p| p.name.clone())
            .ok_or_else(|| Error::Invalid(format!("no person with row {}", id.0)))
    }

    /// Adds a tie, or changes the one between the same two people.
    pub fn put_tie(&mut self, tie: &TieData) -> Result<TieId> {
        let label = format!("Tie {} > {}", tie.from.trim(), tie.to.trim());
        self.edit(&label, |tx, map| {
            let mut m = Merger {
                tx,
                mode: MergeMode::AllOrNothing,
                index: Index::new(map),
                report: ImportReport::default(),
            };
            m.ties(std::slice::from_ref(tie))?;
            let from = m.index.person(&tie.from).map_err(Error::Invalid)?;
            let to = m.index.person(&tie.to).map_err(Error::Invalid)?;
            m.index
                .tie(from, to)
                .ok_or_else(|| Error::Invalid(format!("{label}: the tie was not written")))
        })
    }

    /// Removes a tie.
    pub fn remove_tie(&mut self, id: TieId) -> Result<()> {
        if self.map().tie(id).is_none() {
            return Err(Error::Invalid(format!("no tie with row {}", id.0)));
        }
        self.edit("Remove tie", |tx, _| {
            tx.execute("DELETE FROM tie WHERE id = ?1", params![id.0])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Adds a department, or changes the one of that name.
    pub fn put_department(&mut self, department: &DepartmentData) -> Result<DepartmentId> {
        self.edit(
            &format!("Department {}", department.name.trim()),
            |tx, map| {
                let mut m = Merger {
                    tx,
                    mode: MergeMode::AllOrNothing,
                    index: Index::new(map),
                    report: ImportReport::default(),
                };
                m.departments(std::slice::from_ref(department))?;
                Ok(m.index.department_by_name[&department.name.trim().to_lowercase()])
            },
        )
    }

    /// Renames a department.
    pub fn rename_department(&mut self, id: DepartmentId, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a department needs a name".into()));
        }
        check_line("name", name, MAX_NAME).map_err(Error::Invalid)?;
        if let Some(other) = self.map().department_by_name(name)
            && other.id != id
        {
            return Err(Error::Invalid(format!(
                "there is already a department named {:?}",
                other.name
            )));
        }
        self.edit(&format!("Rename department to {name}"), |tx, _| {
            tx.execute(
                "UPDATE department SET name = ?2 WHERE id = ?1",
                params![id.0, name],
            )
            .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Removes a department; its people and sub-departments are left without one.
    pub fn remove_department(&mut self, id: DepartmentId) -> Result<()> {
        let name = self
            .map()
            .department(id)
            .map(|d| d.name.clone())
            .ok_or_else(|| Error::Invalid(format!("no department with row {}", id.0)))?;
        self.edit(&format!("Remove department {name}"), |tx, _| {
            tx.execute("DELETE FROM department WHERE id = ?1", params![id.0])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Logs an engagement; a recorded stance change becomes the person's stance.
    pub fn log_engagement(
        &mut self,
        person: PersonId,
        date: &str,
        action: &str,
        summary: &str,
        stance_after: Option<Stance>,
    ) -> Result<EngagementId> {
        let name = self.person_name(person)?;
        check_date(date).map_err(Error::Invalid)?;
        if action.trim().is_empty() {
            return Err(Error::Invalid(
                "an engagement needs an action (met, presented, emailed, piloted…)".into(),
            ));
        }
        check_text("action", action, MAX_NAME).map_err(Error::Invalid)?;
        check_text("summary", summary, MAX_NOTE).map_err(Error::Invalid)?;
        self.edit(&format!("Log {} with {name}", action.trim()), |tx, _| {
            tx.execute(
                "INSERT INTO engagement(person, date, action, summary, stance_after) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![person.0, date.trim(), action.trim(), summary, stance_after.map(Stance::value)],
            )
            .map_err(sql(tx))?;
            let id = EngagementId(tx.last_insert_rowid());
            if let Some(s) = stance_after {
                tx.execute(
                    "UPDATE person SET stance = ?2 WHERE id = ?1 AND stance IS NOT ?2",
                    params![person.0, s.value()],
                )
                .map_err(sql(tx))?;
            }
            Ok(id)
        })
    }

    /// Sets the initiative and, when given, its audience.
    pub fn set_goal(&mut self, initiative: Option<&str>, audience: Option<&Group>) -> Result<()> {
        if let Some(i) = initiative {
            check_text("initiative", i, MAX_NAME).map_err(Error::Invalid)?;
        }
        self.edit("Set goal", |tx, _| {
            if let Some(i) = initiative {
                tx.execute("UPDATE map_info SET initiative = ?1", params![i.trim()])
                    .map_err(sql(tx))?;
            }
            if let Some(g) = audience {
                write_group(tx, "audience_member", "audience_department", g)?;
            }
            Ok(())
        })
    }

    /// Sets who "we" are on this map.
    pub fn set_home(&mut self, home: &Group) -> Result<()> {
        self.edit("Set home team", |tx, _| {
            write_group(tx, "home_member", "home_department", home)
        })
    }

    /// Renames the map.
    pub fn rename(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a map needs a name".into()));
        }
        check_line("name", name, MAX_NAME).map_err(Error::Invalid)?;
        self.edit(&format!("Rename map to {name}"), |tx, _| {
            tx.execute("UPDATE map_info SET name = ?1", params![name])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Adds a tie kind or changes its default strength.
    pub fn put_kind(&mut self, name: &str, default_strength: f64) -> Result<()> {
        check_strength(default_strength).map_err(Error::Invalid)?;
        let data = MapData {
            kinds: vec![crate::model::TieKind {
                name: name.trim().to_string(),
                default_strength,
            }],
            ..MapData::default()
        };
        self.merge(
            &data,
            MergeMode::AllOrNothing,
            &format!("Kind {}", name.trim()),
        )
        .map(|_| ())
        .map_err(|e| Error::Invalid(first_line(&e)))
    }

    /// Moves nodes on the drawing, as one step.
    pub fn set_positions(&mut self, moves: &[(Node, Position)]) -> Result<()> {
        let mut seen = HashSet::new();
        self.edit("Move", |tx, _| {
            for (node, p) in moves {
                if !seen.insert(*node) {
                    continue;
                }
                match node {
                    Node::Person(id) => set_position(tx, "person", id.0, Some(*p))?,
                    Node::Department(id) => set_position(tx, "department", id.0, Some(*p))?,
                }
            }
            Ok(())
        })
    }
}
