//! Is it working? Every person's stance at any date, read from the engagement log; what changed
//! since a date (stances, ties, and actions done or overdue); and the stance counts of everyone, the
//! audience and the board month by month.
//!
//! A person's stance at a date is the stance recorded by their latest log entry on or before
//! it. Before their first recorded stance it is not known ("unrecorded"), except for people
//! whose stance was never logged at all: the map's stance is all that is known of them, and they
//! are counted at it throughout. Dates compare as ISO strings, so a month's counts take every
//! entry dated in that month or before.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{ActionState, Campaign, date_or_error, key_of, name_of};
use crate::model::{Engagement, Map, PersonId, PersonKey, Stance};

/// How many people stood where, at one time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StanceCounts {
    pub champion: usize,
    pub supporter: usize,
    pub neutral: usize,
    pub sceptic: usize,
    pub blocker: usize,
    /// People whose stance was first logged later.
    pub unrecorded: usize,
}

impl StanceCounts {
    fn slot(&mut self, stance: Option<Stance>) -> &mut usize {
        match stance {
            Some(Stance::Champion) => &mut self.champion,
            Some(Stance::Supporter) => &mut self.supporter,
            Some(Stance::Neutral) => &mut self.neutral,
            Some(Stance::Sceptic) => &mut self.sceptic,
            Some(Stance::Blocker) => &mut self.blocker,
            None => &mut self.unrecorded,
        }
    }

    pub fn get(&self, stance: Option<Stance>) -> usize {
        let mut copy = *self;
        *copy.slot(stance)
    }

    /// Champions and supporters.
    pub fn on_side(&self) -> usize {
        self.champion + self.supporter
    }

    pub fn total(&self) -> usize {
        self.champion
            + self.supporter
            + self.neutral
            + self.sceptic
            + self.blocker
            + self.unrecorded
    }
}

/// The counts at the end of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MonthCounts {
    /// `YYYY-MM`.
    pub month: String,
    pub everyone: StanceCounts,
    pub audience: StanceCounts,
    pub board: StanceCounts,
}

/// One person's logged stances, oldest first.
fn stance_entries(map: &Map, person: PersonId) -> Vec<&Engagement> {
    let mut entries: Vec<&Engagement> = map
        .engagements()
        .filter(|e| e.person == person && e.stance_after.is_some())
        .collect();
    entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    entries
}

/// A person's stance at the end of `date` (see the module's rule); `None` when it was not yet
/// recorded then, or the person is not on the map.
pub fn stance_at(map: &Map, person: PersonId, date: &str) -> Option<Stance> {
    let p = map.person(person)?;
    let entries = stance_entries(map, person);
    if entries.is_empty() {
        return Some(p.stance);
    }
    entries
        .iter()
        .rev()
        .find(|e| e.date.as_str() <= date)
        .and_then(|e| e.stance_after)
}

/// The stance counts at the end of every month from `from` to `to` (`YYYY-MM`, both included)
/// of everyone, the `audience` and the `board`.
///
/// One pass over the log sorted by date: each entry moves one person from one count to another.
pub fn by_month(
    map: &Map,
    audience: &[PersonId],
    board: &[PersonId],
    from: &str,
    to: &str,
) -> Vec<MonthCounts> {
    let months = months_between(from, to);
    if months.is_empty() {
        return Vec::new();
    }
    let n = map.people().len();
    let mut index: FxHashMap<PersonId, u32> =
        FxHashMap::with_capacity_and_hasher(n, Default::default());
    for (i, p) in map.people().enumerate() {
        index.insert(p.id, i as u32);
    }
    // (date, row) of every stance entry, by date then row: a later entry the same day wins.
    let mut entries: Vec<(&str, crate::model::EngagementId, u32, Stance)> = map
        .engagements()
        .filter_map(|e| {
            Some((
                e.date.as_str(),
                e.id,
                *index.get(&e.person)?,
                e.stance_after?,
            ))
        })
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let mut logged = vec![false; n];
    for e in &entries {
        logged[e.2 as usize] = true;
    }
    const AUDIENCE: u8 = 1;
    const BOARD: u8 = 2;
    let mut groups = vec![0u8; n];
    for (list, bit) in [(audience, AUDIENCE), (board, BOARD)] {
        for p in list {
            if let Some(&i) = index.get(p) {
                groups[i as usize] |= bit;
            }
        }
    }
    let mut state: Vec<Option<Stance>> = map
        .people()
        .zip(&logged)
        .map(|(p, l)| if *l { None } else { Some(p.stance) })
        .collect();
    let mut counts = [StanceCounts::default(); 3];
    for (i, s) in state.iter().enumerate() {
        *counts[0].slot(*s) += 1;
        for (g, bit) in [(1, AUDIENCE), (2, BOARD)] {
            if groups[i] & bit != 0 {
                *counts[g].slot(*s) += 1;
            }
        }
    }
    let mut next = 0;
    let mut out = Vec::with_capacity(months.len());
    for month in months {
        // Every entry dated in this month or before ("YYYY-MM" sorts before "YYYY-MM-DD").
        while let Some(&(date, _, i, s)) = entries.get(next) {
            if date.get(..7).is_some_and(|m| m > month.as_str()) {
                break;
            }
            next += 1;
            let i = i as usize;
            let old = state[i];
            if old == Some(s) {
                continue;
            }
            state[i] = Some(s);
            for (g, bit) in [(0, 0u8), (1, AUDIENCE), (2, BOARD)] {
                if bit == 0 || groups[i] & bit != 0 {
                    *counts[g].slot(old) -= 1;
                    *counts[g].slot(Some(s)) += 1;
                }
            }
        }
        out.push(MonthCounts {
            month,
            everyone: counts[0],
            audience: counts[1],
            board: counts[2],
        });
    }
    out
}

/// The months from `from` to `to` (`YYYY-MM`, or a date whose month is taken), at most 240.
pub fn months_between(from: &str, to: &str) -> Vec<String> {
    let parse = |t: &str| -> Option<(i32, u32)> {
        let y = t.get(..4)?.parse().ok()?;
        let m: u32 = t.get(5..7)?.parse().ok()?;
        (t.as_bytes().get(4) == Some(&b'-') && (1..=12).contains(&m)).then_some((y, m))
    };
    let (Some((mut y, mut m)), Some(end)) = (parse(from), parse(to)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while (y, m) <= end && out.len() < 240 {
        out.push(format!("{y:04}-{m:02}"));
        m += 1;
        if m == 13 {
            m = 1;
            y += 1;
        }
    }
    out
}

/// A logged entry that recorded a stance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoggedStance {
    pub date: String,
    pub action: String,
    pub summary: String,
    pub stance_after: Stance,
}

/// A person whose stance moved since the date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceChange {
    pub id: String,
    pub name: String,
    /// At the end of the day before `since`; `None` when not yet recorded then.
    pub before: Option<Stance>,
    /// Now, as the map has it.
    pub now: Stance,
    /// Up (towards champion) or down, in steps; 0 when it moved and came back.
    pub steps: i64,
    /// The entries since then that recorded a stance, oldest first.
    pub entries: Vec<LoggedStance>,
    pub in_audience: bool,
}

/// What happened to a tie (see [`TieChange`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TieChangeKind {
    Added,
    Removed,
    Stronger,
    Weaker,
}

impl TieChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            TieChangeKind::Added => "added",
            TieChangeKind::Removed => "removed",
            TieChangeKind::Stronger => "stronger",
            TieChangeKind::Weaker => "weaker",
        }
    }
}

/// A tie made, removed, strengthened or weakened in a span of days, as the changeset log tells
/// it (the map file finds them: `MapFile::tie_changes`). A tie is its two people and its kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TieChange {
    /// Who sways: key and name.
    pub from: PersonKey,
    pub from_name: String,
    /// Who is swayed.
    pub to: PersonKey,
    pub to_name: String,
    pub kind: String,
    pub what: TieChangeKind,
    /// Its strength when the span began; `None` when it was not there.
    pub before: Option<f64>,
    /// Its strength when the span ended; `None` when it was gone.
    pub after: Option<f64>,
    /// The day of its last change in the span, and who made it.
    pub date: String,
    pub author: String,
}

/// An action, as progress reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionLine {
    pub key: String,
    pub what: String,
    pub person: String,
    pub via: Option<String>,
    pub owner: String,
    pub due: Option<String>,
    pub state: ActionState,
    pub closed: Option<String>,
}

impl ActionLine {
    pub fn of(map: &Map, a: &super::Action) -> ActionLine {
        ActionLine {
            key: a.key.clone(),
            what: a.what.clone(),
            person: key_of(map, a.person),
            via: a.via.map(|v| key_of(map, v)),
            owner: a.owner.clone(),
            due: a.due.clone(),
            state: a.state,
            closed: a.closed.clone(),
        }
    }
}

/// What `progress` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressReport {
    pub since: String,
    pub today: String,
    /// People whose stance moved since, the audience first, then by key.
    pub stance_changes: Vec<StanceChange>,
    /// Ties made, removed, strengthened or weakened since, newest first.
    pub tie_changes: Vec<TieChange>,
    /// Actions marked done since, by the day they were closed.
    pub actions_done: Vec<ActionLine>,
    /// Open actions due before today, most overdue first.
    pub actions_overdue: Vec<ActionLine>,
    pub audience: Vec<String>,
    pub board: Vec<String>,
    /// From the month of `since` to this month.
    pub months: Vec<MonthCounts>,
}

/// What changed between `since` and `today`, and the counts month by month. The ties' changes
/// come from the map file's log (`MapFile::tie_changes`) over the same days.
pub fn progress(
    map: &Map,
    campaign: &Campaign,
    board: &[PersonId],
    tie_changes: Vec<TieChange>,
    since: &str,
    today: &str,
) -> Result<ProgressReport, String> {
    let since_date = date_or_error("since", since)?;
    date_or_error("today", today)?;
    if since > today {
        return Err(format!("since ({since}) is after today ({today})"));
    }
    let day_before = since_date
        .previous_day()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let audience = map.audience();
    // Each person's stance entries since then, grouped in one pass over the log.
    let mut since_entries: FxHashMap<PersonId, Vec<&Engagement>> = FxHashMap::default();
    for e in map.engagements() {
        if e.stance_after.is_some() && e.date.as_str() >= since && e.date.as_str() <= today {
            since_entries.entry(e.person).or_default().push(e);
        }
    }
    let mut stance_changes: Vec<StanceChange> = Vec::new();
    for p in map.people() {
        let entries = since_entries.remove(&p.id).unwrap_or_default();
        let before = stance_at(map, p.id, &day_before);
        // A stance changed on the map without a log entry is a change too.
        if before == Some(p.stance) && entries.iter().all(|e| e.stance_after == before) {
            continue;
        }
        let mut entries = entries;
        entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        stance_changes.push(StanceChange {
            id: p.key.clone(),
            name: p.name.clone(),
            before,
            now: p.stance,
            steps: before.map_or(0, |b| p.stance.value() - b.value()),
            entries: entries
                .iter()
                .filter_map(|e| {
                    Some(LoggedStance {
                        date: e.date.clone(),
                        action: e.action.clone(),
                        summary: e.summary.clone(),
                        stance_after: e.stance_after?,
                    })
                })
                .collect(),
            in_audience: audience.binary_search(&p.id).is_ok(),
        });
    }
    stance_changes.sort_by(|a, b| b.in_audience.cmp(&a.in_audience).then(a.id.cmp(&b.id)));
    let mut done: Vec<&super::Action> = campaign
        .actions
        .values()
        .filter(|a| {
            a.state == ActionState::Done
                && a.closed
                    .as_deref()
                    .is_some_and(|c| c >= since && c <= today)
        })
        .collect();
    done.sort_by(|a, b| a.closed.cmp(&b.closed).then(a.key.cmp(&b.key)));
    let mut overdue: Vec<&super::Action> = campaign
        .actions
        .values()
        .filter(|a| a.is_overdue(today))
        .collect();
    overdue.sort_by(|a, b| a.due.cmp(&b.due).then(a.key.cmp(&b.key)));
    Ok(ProgressReport {
        since: since.to_string(),
        today: today.to_string(),
        stance_changes,
        tie_changes,
        actions_done: done.into_iter().map(|a| ActionLine::of(map, a)).collect(),
        actions_overdue: overdue
            .into_iter()
            .map(|a| ActionLine::of(map, a))
            .collect(),
        audience: audience.iter().map(|p| key_of(map, *p)).collect(),
        board: board.iter().map(|p| key_of(map, *p)).collect(),
        months: by_month(map, &audience, board, since, today),
    })
}

/// The people's names for a chart's legend or a message.
pub fn names(map: &Map, people: &[PersonId]) -> Vec<String> {
    people.iter().map(|p| name_of(map, *p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;
    use crate::campaign::{Action, ActionId};
    use crate::model::EngagementId;

    fn log(m: &mut Map, id: i64, person: i64, date: &str, stance: Option<Stance>) {
        m.put_engagement(Engagement {
            id: EngagementId(id),
            person: PersonId(person),
            date: date.into(),
            action: "met".into(),
            summary: format!("entry {id}"),
            stance_after: stance,
        });
    }

    /// p1 sceptic (09-10) → neutral (10-05) → supporter (11-20, now); p2 never logged,
    /// supporter; p3 logged only as blocker on 10-15 (now blocker). Audience p1, p3.
    fn sample() -> Map {
        let mut m = testmap::map(3, &[]);
        m.goal.audience.people = vec![PersonId(1), PersonId(3)];
        testmap::set_stance(&mut m, 1, Stance::Supporter);
        testmap::set_stance(&mut m, 2, Stance::Supporter);
        testmap::set_stance(&mut m, 3, Stance::Blocker);
        log(&mut m, 1, 1, "2026-09-10", Some(Stance::Sceptic));
        log(&mut m, 2, 1, "2026-10-05", Some(Stance::Neutral));
        log(&mut m, 3, 1, "2026-10-20", None);
        log(&mut m, 4, 1, "2026-11-20", Some(Stance::Supporter));
        log(&mut m, 5, 3, "2026-10-15", Some(Stance::Blocker));
        m
    }

    #[test]
    fn stance_at_a_date_follows_the_log() {
        let m = sample();
        assert_eq!(stance_at(&m, PersonId(1), "2026-09-09"), None);
        assert_eq!(
            stance_at(&m, PersonId(1), "2026-09-10"),
            Some(Stance::Sceptic)
        );
        assert_eq!(
            stance_at(&m, PersonId(1), "2026-10-31"),
            Some(Stance::Neutral)
        );
        assert_eq!(
            stance_at(&m, PersonId(1), "2027-01-01"),
            Some(Stance::Supporter)
        );
        // Never logged: the map's stance throughout.
        assert_eq!(
            stance_at(&m, PersonId(2), "2000-01-01"),
            Some(Stance::Supporter)
        );
        assert_eq!(stance_at(&m, PersonId(9), "2026-10-01"), None);
    }

    #[test]
    fn monthly_counts_move_people_between_stances() {
        let m = sample();
        let months = by_month(&m, &m.audience(), &[PersonId(2)], "2026-08", "2026-12");
        let got: Vec<(&str, usize, usize, usize, usize, usize)> = months
            .iter()
            .map(|c| {
                (
                    c.month.as_str(),
                    c.audience.supporter,
                    c.audience.neutral,
                    c.audience.sceptic,
                    c.audience.blocker,
                    c.audience.unrecorded,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("2026-08", 0, 0, 0, 0, 2),
                ("2026-09", 0, 0, 1, 0, 1),
                ("2026-10", 0, 1, 0, 1, 0),
                ("2026-11", 1, 0, 0, 1, 0),
                ("2026-12", 1, 0, 0, 1, 0),
            ]
        );
        assert!(months.iter().all(|c| c.everyone.total() == 3));
        assert!(
            months
                .iter()
                .all(|c| c.board.supporter == 1 && c.board.total() == 1)
        );
        // The sweep agrees with asking each person at each month's end.
        for c in &months {
            let end = format!("{}-31", c.month);
            let mut direct = StanceCounts::default();
            for p in m.people() {
                *direct.slot(stance_at(&m, p.id, &end)) += 1;
            }
            assert_eq!(c.everyone, direct, "{}", c.month);
        }
    }

    #[test]
    fn months_between_crosses_years_and_refuses_nonsense() {
        assert_eq!(
            months_between("2026-11-15", "2027-02"),
            ["2026-11", "2026-12", "2027-01", "2027-02"]
        );
        assert!(months_between("2027-01", "2026-12").is_empty());
        assert!(months_between("soon", "2026-12").is_empty());
        assert!(months_between("2026-13", "2026-12").is_empty());
    }

    #[test]
    fn progress_since_lists_stance_changes_and_actions() {
        let m = sample();
        let mut c = Campaign::default();
        let action = |id: i64, state, due: &str, closed: Option<&str>| Action {
            id: ActionId(id),
            key: format!("a{id}"),
            what: format!("step {id}"),
            person: PersonId(1),
            via: None,
            owner: "me".into(),
            due: Some(due.into()),
            state,
            engagement: None,
            suggestion: None,
            created: "2026-09-01".into(),
            closed: closed.map(String::from),
            revision: 0,
        };
        c.actions.insert(
            ActionId(1),
            action(1, ActionState::Done, "2026-10-01", Some("2026-10-05")),
        );
        c.actions.insert(
            ActionId(2),
            action(2, ActionState::Done, "2026-09-01", Some("2026-09-02")),
        );
        c.actions.insert(
            ActionId(3),
            action(3, ActionState::Open, "2026-11-01", None),
        );
        c.actions.insert(
            ActionId(4),
            action(4, ActionState::Open, "2026-12-31", None),
        );
        c.actions.insert(
            ActionId(5),
            action(5, ActionState::Dropped, "2026-10-01", None),
        );
        let r = progress(&m, &c, &[], vec![], "2026-10-01", "2026-12-01").unwrap();
        // p1: neutral and supporter since, sceptic before; p3 first logged since (blocker).
        let ids: Vec<&str> = r.stance_changes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p3"]);
        let p1 = &r.stance_changes[0];
        assert_eq!(
            (p1.before, p1.now, p1.steps),
            (Some(Stance::Sceptic), Stance::Supporter, 2)
        );
        assert_eq!(p1.entries.len(), 2);
        assert_eq!(r.stance_changes[1].before, None);
        let keys = |l: &[ActionLine]| l.iter().map(|a| a.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&r.actions_done), ["a1"]);
        assert_eq!(keys(&r.actions_overdue), ["a3"]);
        assert_eq!(r.months.first().map(|c| c.month.as_str()), Some("2026-10"));
        assert_eq!(r.months.len(), 3);
        // Nothing moved in a quiet period.
        let quiet = progress(&m, &c, &[], vec![], "2026-12-01", "2026-12-20").unwrap();
        assert!(quiet.stance_changes.is_empty());
        assert!(progress(&m, &c, &[], vec![], "2026-12-21", "2026-12-20").is_err());
        assert!(progress(&m, &c, &[], vec![], "last week", "2026-12-20").is_err());
    }
}
