//! The campaign's records in the map file: target stances, actions, dismissed suggestions and
//! the campaign's settings (tables of migration 0005). Every change is one undoable edit; a
//! done action and the engagement entry it produced are written in one step, so undo takes
//! both back together.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::replica::next_id;
use super::{Error, MAX_NAME, MAX_NOTE, MapFile, Result, check_date, short};
use crate::campaign::next::Suggestion;
use crate::campaign::{Action, ActionId, ActionState, Campaign, DEFAULT_STALE_DAYS, Dismissal};
use crate::model::{EngagementId, PersonId, Stance};

const ACTION_COLUMNS: &str = "id, key, what, person, via, owner, due, state, engagement, suggestion, created, closed, revision";

fn action(row: &Row<'_>) -> rusqlite::Result<Action> {
    let state: String = row.get(7)?;
    Ok(Action {
        id: ActionId(row.get(0)?),
        key: row.get(1)?,
        what: row.get(2)?,
        person: PersonId(row.get(3)?),
        via: row.get::<_, Option<i64>>(4)?.map(PersonId),
        owner: row.get(5)?,
        due: row.get(6)?,
        state: ActionState::parse(&state).unwrap_or(ActionState::Open),
        engagement: row.get::<_, Option<i64>>(8)?.map(EngagementId),
        suggestion: row.get(9)?,
        created: row.get(10)?,
        closed: row.get(11)?,
        revision: row.get(12)?,
    })
}

fn dismissal(row: &Row<'_>) -> rusqlite::Result<Dismissal> {
    Ok(Dismissal {
        suggestion: row.get(0)?,
        inputs: row.get(1)?,
        reason: row.get(2)?,
        date: row.get(3)?,
    })
}

/// Reads the campaign's records.
pub(crate) fn load(conn: &Connection) -> rusqlite::Result<Campaign> {
    let mut c = Campaign::default();
    let mut stmt = conn.prepare("SELECT person, stance FROM person_target ORDER BY person")?;
    c.targets = stmt
        .query_map([], |r| {
            Ok((
                PersonId(r.get(0)?),
                Stance::from_value(r.get(1)?).unwrap_or(Stance::Neutral),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(&format!("SELECT {ACTION_COLUMNS} FROM action ORDER BY id"))?;
    c.actions = stmt
        .query_map([], |r| action(r).map(|a| (a.id, a)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn
        .prepare("SELECT suggestion, inputs, reason, date FROM dismissed_suggestion ORDER BY id")?;
    c.dismissed = stmt
        .query_map([], |r| dismissal(r).map(|d| (d.suggestion.clone(), d)))?
        .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
    c.stale_days = load_stale_days(conn)?;
    Ok(c)
}

fn load_stale_days(conn: &Connection) -> rusqlite::Result<i64> {
    Ok(conn
        .query_row("SELECT stale_days FROM map_info WHERE id = 1", [], |r| {
            r.get::<_, i64>(0)
        })
        .optional()?
        .unwrap_or(DEFAULT_STALE_DAYS))
}

/// Re-reads one row an edit touched; false when the table is not the campaign's.
pub(crate) fn refresh(
    conn: &Connection,
    c: &mut Campaign,
    table: &str,
    id: i64,
) -> rusqlite::Result<bool> {
    match table {
        "person_target" => {
            let stance: Option<i64> = conn
                .prepare_cached("SELECT stance FROM person_target WHERE person = ?1")?
                .query_row(params![id], |r| r.get(0))
                .optional()?;
            match stance.and_then(Stance::from_value) {
                Some(s) => c.targets.insert(PersonId(id), s),
                None => c.targets.remove(&PersonId(id)),
            };
        }
        "action" => {
            let a = conn
                .prepare_cached(&format!(
                    "SELECT {ACTION_COLUMNS} FROM action WHERE id = ?1"
                ))?
                .query_row(params![id], action)
                .optional()?;
            match a {
                Some(a) => c.actions.insert(a.id, a),
                None => c.actions.remove(&ActionId(id)),
            };
        }
        "dismissed_suggestion" => {
            // Few rows, keyed by suggestion: read them all again.
            let mut stmt = conn.prepare_cached(
                "SELECT suggestion, inputs, reason, date FROM dismissed_suggestion ORDER BY id",
            )?;
            c.dismissed = stmt
                .query_map([], |r| dismissal(r).map(|d| (d.suggestion.clone(), d)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        "map_info" => c.stale_days = load_stale_days(conn)?,
        _ => return Ok(false),
    }
    Ok(true)
}

fn sql<'a>(tx: &'a Transaction<'_>) -> impl Fn(rusqlite::Error) -> Error + 'a {
    move |source| Error::Sqlite {
        path: tx.path().unwrap_or("map").to_string(),
        source,
    }
}

fn check(what: &str, value: &str, max: usize, one_line: bool) -> Result<()> {
    let chars = value.chars().count();
    if chars > max {
        return Err(Error::Invalid(format!(
            "{what} is {chars} characters long; at most {max} are accepted"
        )));
    }
    if value.contains('\0') || (one_line && value.chars().any(char::is_control)) {
        return Err(Error::Invalid(format!(
            "{what} {:?} holds a line break or another control character",
            value.chars().take(40).collect::<String>()
        )));
    }
    Ok(())
}

/// A new action's key: random, so two laptops never make the same one.
pub fn new_action_key() -> String {
    use rand::RngExt;
    format!(
        "act-{:012x}",
        rand::rng().random::<u64>() & 0xffff_ffff_ffff
    )
}

/// An action to add.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionDraft {
    /// `None`: a new random key.
    pub key: Option<String>,
    pub what: String,
    pub person: PersonId,
    pub via: Option<PersonId>,
    pub owner: String,
    pub due: Option<String>,
    pub suggestion: Option<String>,
}

/// Changes to an action; `None` leaves a field alone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionPatch {
    pub what: Option<String>,
    pub via: Option<Option<PersonId>>,
    pub owner: Option<String>,
    pub due: Option<Option<String>>,
}

/// What happened when a done action was carried out: the engagement entry it produced.
/// Named `ActionOutcome` on the wire (a what-if's answer is its `Outcome`); JSON has no type names.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename = "ActionOutcome")]
pub struct Outcome {
    pub date: String,
    /// met, presented, emailed, piloted, or the user's word.
    pub action: String,
    pub summary: String,
    pub stance_after: Option<Stance>,
}

impl MapFile {
    /// The campaign's records.
    pub fn campaign(&self) -> &Campaign {
        &self.map().campaign
    }

    fn check_person(&self, id: PersonId, what: &str) -> Result<String> {
        self.map()
            .person(id)
            .map(|p| p.name.clone())
            .ok_or_else(|| Error::Invalid(format!("{what}: no person with row {}", id.0)))
    }

    fn find_action(&self, id: ActionId) -> Result<Action> {
        self.campaign()
            .actions
            .get(&id)
            .cloned()
            .ok_or_else(|| Error::Invalid(format!("no action with row {}", id.0)))
    }

    /// Sets where we need a person (`None`: no target of their own, so an audience member is
    /// needed as a supporter again).
    pub fn set_target(&mut self, person: PersonId, target: Option<Stance>) -> Result<()> {
        let name = self.check_person(person, "target")?;
        let label = match target {
            Some(t) => format!("Target {name}: {t}"),
            None => format!("Clear target of {name}"),
        };
        self.edit(&label, |tx, _| {
            match target {
                Some(t) => tx.execute(
                    "INSERT INTO person_target(person, stance) VALUES (?1, ?2) ON CONFLICT(person) DO UPDATE SET stance = excluded.stance WHERE stance IS NOT excluded.stance",
                    params![person.0, t.value()],
                ),
                None => tx.execute("DELETE FROM person_target WHERE person = ?1", params![person.0]),
            }
            .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// After how many days without an engagement a powerful person is neglected.
    pub fn set_stale_days(&mut self, days: i64) -> Result<()> {
        if !(1..=3650).contains(&days) {
            return Err(Error::Invalid(format!(
                "stale days must be between 1 and 3650, not {days}"
            )));
        }
        self.edit(&format!("Stale after {days} days"), |tx, _| {
            tx.execute(
                "UPDATE map_info SET stale_days = ?1 WHERE stale_days IS NOT ?1",
                params![days],
            )
            .map_err(sql(tx))?;
            Ok(())
        })
    }

    fn check_draft(&self, d: &ActionDraft) -> Result<String> {
        let name = self.check_person(d.person, "action")?;
        if d.what.trim().is_empty() {
            return Err(Error::Invalid("an action needs to say what to do".into()));
        }
        check("what", &d.what, MAX_NOTE, false)?;
        check("owner", &d.owner, MAX_NAME, true)?;
        if let Some(v) = d.via {
            self.check_person(v, "via")?;
            if v == d.person {
                return Err(Error::Invalid(format!(
                    "{name} cannot be asked to speak to themselves: via names someone else"
                )));
            }
        }
        if let Some(due) = &d.due {
            check_date(due).map_err(|e| Error::Invalid(format!("due: {e}")))?;
        }
        if let Some(k) = &d.key {
            if k.trim().is_empty() {
                return Err(Error::Invalid("an action's id is empty".into()));
            }
            check("id", k, MAX_NAME, true)?;
            if self.campaign().action_by_key(k.trim()).is_some() {
                return Err(Error::Invalid(format!(
                    "there is already an action with id {:?}",
                    k.trim()
                )));
            }
        }
        Ok(name)
    }

    /// Adds an open action, made `today`.
    pub fn add_action(&mut self, draft: &ActionDraft, today: &str) -> Result<ActionId> {
        let name = self.check_draft(draft)?;
        check_date(today).map_err(Error::Invalid)?;
        let key = draft
            .key
            .as_deref()
            .map(|k| k.trim().to_string())
            .unwrap_or_else(new_action_key);
        self.edit(&format!("Plan: {} ({name})", short(&draft.what)), |tx, _| {
            tx.execute(
                &format!("INSERT INTO action(id, key, what, person, via, owner, due, state, suggestion, created) VALUES ({}, ?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8)", next_id("action")),
                params![
                    key,
                    draft.what.trim(),
                    draft.person.0,
                    draft.via.map(|v| v.0),
                    draft.owner.trim(),
                    draft.due.as_deref().map(str::trim),
                    draft.suggestion,
                    today.trim()
                ],
            )
            .map_err(sql(tx))?;
            Ok(ActionId(tx.last_insert_rowid()))
        })
    }

    /// Accepts a suggested step: an open action about its person, through its advocate.
    pub fn accept_suggestion(
        &mut self,
        suggestion: &Suggestion,
        owner: &str,
        due: Option<&str>,
        today: &str,
    ) -> Result<ActionId> {
        self.add_action(
            &ActionDraft {
                key: None,
                what: suggestion.action_text(),
                person: suggestion.person_id,
                via: suggestion.via_id.filter(|v| *v != suggestion.person_id),
                owner: owner.to_string(),
                due: due.map(String::from),
                suggestion: Some(suggestion.key.clone()),
            },
            today,
        )
    }

    /// Dismisses a suggestion, with why: it stays quiet while its inputs are the same.
    pub fn dismiss_suggestion(
        &mut self,
        suggestion: &Suggestion,
        reason: &str,
        today: &str,
    ) -> Result<()> {
        check("reason", reason, MAX_NOTE, false)?;
        check_date(today).map_err(Error::Invalid)?;
        self.edit(&format!("Dismiss {}", suggestion.key), |tx, _| {
            tx.execute(
                &format!("INSERT INTO dismissed_suggestion(id, suggestion, inputs, reason, date) VALUES ({}, ?1, ?2, ?3, ?4) ON CONFLICT(suggestion) DO UPDATE SET inputs = excluded.inputs, reason = excluded.reason, date = excluded.date", next_id("dismissed_suggestion")),
                params![suggestion.key, suggestion.inputs_hash, reason.trim(), today.trim()],
            )
            .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Changes an open or closed action's text, advocate, owner or due date.
    pub fn edit_action(&mut self, id: ActionId, patch: &ActionPatch) -> Result<()> {
        let a = self.find_action(id)?;
        let draft = ActionDraft {
            key: None,
            what: patch.what.clone().unwrap_or(a.what.clone()),
            person: a.person,
            via: patch.via.unwrap_or(a.via),
            owner: patch.owner.clone().unwrap_or(a.owner.clone()),
            due: patch.due.clone().unwrap_or(a.due.clone()),
            suggestion: None,
        };
        self.check_draft(&draft)?;
        self.edit(&format!("Edit action: {}", short(&a.what)), |tx, _| {
            tx.execute(
                "UPDATE action SET what = ?2, via = ?3, owner = ?4, due = ?5, revision = revision + 1 WHERE id = ?1 AND (what, via, owner, due) IS NOT (?2, ?3, ?4, ?5)",
                params![id.0, draft.what.trim(), draft.via.map(|v| v.0), draft.owner.trim(), draft.due.as_deref().map(str::trim)],
            )
            .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Marks an action done with the engagement entry it produced (logged in the same step,
    /// its stance becoming the person's), and links them.
    pub fn complete_action(&mut self, id: ActionId, outcome: &Outcome) -> Result<EngagementId> {
        let a = self.find_action(id)?;
        if a.state != ActionState::Open {
            return Err(Error::Invalid(format!(
                "the action {:?} is {} already",
                a.key, a.state
            )));
        }
        check_date(&outcome.date).map_err(Error::Invalid)?;
        if outcome.action.trim().is_empty() {
            return Err(Error::Invalid(
                "say what happened: met, presented, emailed, piloted…".into(),
            ));
        }
        check("action", &outcome.action, MAX_NAME, true)?;
        check("summary", &outcome.summary, MAX_NOTE, false)?;
        self.edit(&format!("Done: {}", short(&a.what)), |tx, _| {
            tx.execute(
                &format!("INSERT INTO engagement(id, person, date, action, summary, stance_after) VALUES ({}, ?1, ?2, ?3, ?4, ?5)", next_id("engagement")),
                params![a.person.0, outcome.date.trim(), outcome.action.trim(), outcome.summary, outcome.stance_after.map(Stance::value)],
            )
            .map_err(sql(tx))?;
            let entry = EngagementId(tx.last_insert_rowid());
            if let Some(s) = outcome.stance_after {
                tx.execute(
                    "UPDATE person SET stance = ?2 WHERE id = ?1 AND stance IS NOT ?2",
                    params![a.person.0, s.value()],
                )
                .map_err(sql(tx))?;
            }
            tx.execute(
                "UPDATE action SET state = 'done', engagement = ?2, closed = ?3, revision = revision + 1 WHERE id = ?1",
                params![id.0, entry.0, outcome.date.trim()],
            )
            .map_err(sql(tx))?;
            Ok(entry)
        })
    }

    /// Drops an open action (it stays in the plan's history).
    pub fn drop_action(&mut self, id: ActionId, today: &str) -> Result<()> {
        let a = self.find_action(id)?;
        check_date(today).map_err(Error::Invalid)?;
        if a.state != ActionState::Open {
            return Err(Error::Invalid(format!(
                "the action {:?} is {} already",
                a.key, a.state
            )));
        }
        self.edit(&format!("Drop: {}", short(&a.what)), |tx, _| {
            tx.execute(
                "UPDATE action SET state = 'dropped', closed = ?2, revision = revision + 1 WHERE id = ?1",
                params![id.0, today.trim()],
            )
            .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Finds an action as a user names it: by its id (key), or by the start of it when only one
    /// action's id starts so.
    pub fn find_action_by_key(&self, reference: &str) -> Result<ActionId> {
        let r = reference.trim();
        if let Some(a) = self.campaign().action_by_key(r) {
            return Ok(a.id);
        }
        let found: Vec<&Action> = self
            .campaign()
            .actions
            .values()
            .filter(|a| !r.is_empty() && a.key.starts_with(r))
            .collect();
        match found.as_slice() {
            [one] => Ok(one.id),
            [] => Err(Error::Invalid(format!(
                "no action with id {r:?} in this map"
            ))),
            many => Err(Error::Invalid(format!(
                "{r:?} starts the ids of {} actions; give more of it",
                many.len()
            ))),
        }
    }
}

impl super::import_merge::Merger<'_, '_, '_> {
    /// Merges the campaign's records: targets by person, actions by id (the fields given
    /// replace the ones there), and the stale days.
    pub(super) fn campaign(&mut self, data: &crate::data::MapData) -> Result<()> {
        let tx = self.tx;
        if let Some(days) = data.stale_days {
            if (1..=3650).contains(&days) {
                tx.execute(
                    "UPDATE map_info SET stale_days = ?1 WHERE stale_days IS NOT ?1",
                    params![days],
                )
                .map_err(sql(tx))?;
            } else {
                self.reject(
                    "map settings".into(),
                    format!("stale days must be between 1 and 3650, not {days}"),
                )?;
            }
        }
        for (i, t) in data.targets.iter().enumerate() {
            let place = t.origin.describe(|| format!("target {}", i + 1));
            let person = match self.index.person(&t.person) {
                Ok(p) => p,
                Err(reason) => {
                    self.reject(place, reason)?;
                    continue;
                }
            };
            let before: Option<i64> = tx
                .query_row(
                    "SELECT stance FROM person_target WHERE person = ?1",
                    params![person.0],
                    |r| r.get(0),
                )
                .optional()
                .map_err(sql(tx))?;
            match before {
                Some(s) if s == t.stance.value() => self.report.targets.unchanged += 1,
                Some(_) => self.report.targets.updated += 1,
                None => self.report.targets.added += 1,
            }
            tx.execute(
                "INSERT INTO person_target(person, stance) VALUES (?1, ?2) ON CONFLICT(person) DO UPDATE SET stance = excluded.stance WHERE stance IS NOT excluded.stance",
                params![person.0, t.stance.value()],
            )
            .map_err(sql(tx))?;
        }
        for (i, a) in data.actions.iter().enumerate() {
            let place = a.origin.describe(|| format!("action {}", i + 1));
            match self.checked_action(a) {
                Ok(row) => self.write_action(a, row)?,
                Err(reason) => self.reject(place, reason)?,
            }
        }
        Ok(())
    }

    fn checked_action(
        &self,
        a: &crate::campaign::records::ActionData,
    ) -> std::result::Result<CheckedAction, String> {
        let key = a.id.trim();
        if key.is_empty() {
            return Err("every action needs an id".into());
        }
        let tx = self.tx;
        let existing: Option<(i64, i64)> = tx
            .query_row(
                "SELECT id, person FROM action WHERE key = ?1",
                params![key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        let person = match (&a.person, existing) {
            (Some(p), _) => self.index.person(p)?,
            (None, Some((_, p))) => PersonId(p),
            (None, None) => return Err(format!("action {key:?} does not say whom it is about")),
        };
        if existing.is_none() && a.what.as_deref().is_none_or(|w| w.trim().is_empty()) {
            return Err(format!("action {key:?} does not say what to do"));
        }
        let via = a.via.as_deref().map(|v| self.index.person(v)).transpose()?;
        if via == Some(person) {
            return Err("via names the person the action is about".into());
        }
        for (what, date) in [
            ("due", &a.due),
            ("created", &a.created),
            ("closed", &a.closed),
        ] {
            if let Some(d) = date {
                check_date(d).map_err(|e| format!("{what}: {e}"))?;
            }
        }
        let engagement = match &a.engagement {
            None => None,
            Some(r) => Some(
                tx.query_row(
                    "SELECT id FROM engagement WHERE person = ?1 AND date = ?2 AND action = ?3 ORDER BY id LIMIT 1",
                    params![person.0, r.date.trim(), r.action.trim()],
                    |row| row.get::<_, i64>(0),
                )
                .optional()
                .map_err(|e| e.to_string())?
                .ok_or_else(|| {
                    format!(
                        "no engagement entry {} {} for the person of action {key:?} to link it to",
                        r.date, r.action
                    )
                })?,
            ),
        };
        for (what, text, max) in [
            ("what", a.what.as_deref(), MAX_NOTE),
            ("owner", a.owner.as_deref(), MAX_NAME),
            ("id", Some(key), MAX_NAME),
        ] {
            if let Some(t) = text
                && (t.chars().count() > max || t.contains('\0'))
            {
                return Err(format!("{what} is too long or holds a NUL character"));
            }
        }
        Ok(CheckedAction {
            existing: existing.map(|e| e.0),
            person,
            via,
            engagement,
        })
    }

    fn write_action(
        &mut self,
        a: &crate::campaign::records::ActionData,
        row: CheckedAction,
    ) -> Result<()> {
        let tx = self.tx;
        let state = a.state.map(|s| s.label());
        match row.existing {
            Some(id) => {
                let changed = tx
                    .execute(
                        "UPDATE action SET what = coalesce(?2, what), person = ?3, via = CASE WHEN ?4 THEN ?5 ELSE via END, owner = coalesce(?6, owner), due = coalesce(?7, due), state = coalesce(?8, state), engagement = coalesce(?9, engagement), suggestion = coalesce(?10, suggestion), closed = coalesce(?11, closed), revision = revision + 1
                         WHERE id = ?1 AND (what, person, via, owner, due, state, engagement, suggestion, closed) IS NOT (coalesce(?2, what), ?3, CASE WHEN ?4 THEN ?5 ELSE via END, coalesce(?6, owner), coalesce(?7, due), coalesce(?8, state), coalesce(?9, engagement), coalesce(?10, suggestion), coalesce(?11, closed))",
                        params![
                            id,
                            a.what.as_deref().map(str::trim),
                            row.person.0,
                            a.via.is_some(),
                            row.via.map(|v| v.0),
                            a.owner.as_deref().map(str::trim),
                            a.due.as_deref().map(str::trim),
                            state,
                            row.engagement,
                            a.suggestion,
                            a.closed.as_deref().map(str::trim),
                        ],
                    )
                    .map_err(sql(tx))?;
                if changed > 0 {
                    self.report.actions.updated += 1;
                } else {
                    self.report.actions.unchanged += 1;
                }
            }
            None => {
                tx.execute(
                    &format!("INSERT INTO action(id, key, what, person, via, owner, due, state, engagement, suggestion, created, closed) VALUES ({}, ?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, 'open'), ?8, ?9, ?10, ?11)", next_id("action")),
                    params![
                        a.id.trim(),
                        a.what.as_deref().map(str::trim).unwrap_or_default(),
                        row.person.0,
                        row.via.map(|v| v.0),
                        a.owner.as_deref().map(str::trim).unwrap_or_default(),
                        a.due.as_deref().map(str::trim),
                        state,
                        row.engagement,
                        a.suggestion,
                        a.created.clone().unwrap_or_else(super::today),
                        a.closed.as_deref().map(str::trim),
                    ],
                )
                .map_err(sql(tx))?;
                self.report.actions.added += 1;
            }
        }
        Ok(())
    }
}

struct CheckedAction {
    existing: Option<i64>,
    person: PersonId,
    via: Option<PersonId>,
    engagement: Option<i64>,
}
