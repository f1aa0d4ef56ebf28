//! Working together: copies of a map are told apart, every edit is logged with its author, a
//! copy's edits merge (conflicts listed with both sides, decided or refused), and edits travel
//! through a shared folder, whose half-written, foreign and newer files are skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use advocate_core::data::{PersonData, TieData};
use advocate_core::model::{PersonId, Stance};
use advocate_core::store::{Decision, Decisions, PersonPatch, Prefer};
use advocate_core::{MapData, MapFile};

fn person(key: &str, name: &str) -> PersonData {
    PersonData {
        id: Some(key.into()),
        name: name.into(),
        department: Some("IT".into()),
        ..PersonData::default()
    }
}

/// A map with three people and a tie, and a copy of it (a colleague's), both open.
fn pair(dir: &Path) -> (MapFile, MapFile) {
    let a_path = dir.join("mine.advocate");
    let mut a = MapFile::create(&a_path, "Rollout").unwrap();
    a.set_author("Ana");
    for (k, n) in [("ana", "Ana Reed"), ("bo", "Bo Sato"), ("cy", "Cy Novak")] {
        a.add_person(&person(k, n)).unwrap();
    }
    a.put_tie(&TieData {
        from: "ana".into(),
        to: "bo".into(),
        kind: "peer".into(),
        strength: Some(0.5),
        ..TieData::default()
    })
    .unwrap();
    let b_path = dir.join("theirs.advocate");
    a.write_copy(&b_path).unwrap();
    let mut b = MapFile::open(&b_path).unwrap();
    b.set_author("Ben");
    (a, b)
}

fn id(file: &MapFile, key: &str) -> PersonId {
    file.map().person_by_key(key).unwrap().id
}

/// The map's records in an order that does not depend on row ids (people made separately in
/// two copies and taken as one keep each copy's id).
fn data(file: &MapFile) -> MapData {
    let mut d = MapData::from_map(file.map());
    d.people.sort_by(|a, b| a.id.cmp(&b.id));
    d.ties
        .sort_by(|a, b| (&a.from, &a.to, &a.kind).cmp(&(&b.from, &b.to, &b.kind)));
    d.engagements.sort_by(|a, b| {
        (&a.person, &a.date, &a.action, &a.summary)
            .cmp(&(&b.person, &b.date, &b.action, &b.summary))
    });
    d
}

fn set_stance(file: &mut MapFile, key: &str, s: Stance) {
    let p = id(file, key);
    file.edit_person(
        p,
        &PersonPatch {
            stance: Some(s),
            ..PersonPatch::default()
        },
    )
    .unwrap();
}

/// A person's logged stances, oldest first, with what their entries say.
fn judgements(file: &MapFile, key: &str) -> Vec<(Stance, String)> {
    let p = id(file, key);
    let mut log: Vec<_> = file
        .map()
        .engagements()
        .filter(|e| e.person == p && e.stance_after.is_some())
        .collect();
    log.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    let history: Vec<Stance> = file
        .map()
        .stance_history(p)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let logged: Vec<_> = log
        .iter()
        .map(|e| (e.stance_after.unwrap(), e.summary.clone()))
        .collect();
    assert_eq!(history, logged.iter().map(|(s, _)| *s).collect::<Vec<_>>());
    logged
}

fn set_title(file: &mut MapFile, key: &str, t: &str) {
    let p = id(file, key);
    file.edit_person(
        p,
        &PersonPatch {
            title: Some(t.into()),
            ..PersonPatch::default()
        },
    )
    .unwrap();
}

fn path(file: &MapFile) -> PathBuf {
    file.path().to_path_buf()
}

#[test]
fn a_copy_is_a_new_replica_of_the_same_map_with_its_own_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    let (ra, rb) = (a.replica().unwrap(), b.replica().unwrap());
    assert_eq!(ra.identity, rb.identity);
    assert_ne!(ra.replica, rb.replica);
    assert_ne!(ra.band, rb.band);
    // Reopening the same file keeps its replica.
    let again = MapFile::open(&path(&a)).unwrap();
    assert_eq!(again.replica().unwrap(), ra);
    drop(again);
    let pa = a.add_person(&person("dee", "Dee")).unwrap();
    let pb = b.add_person(&person("eve", "Eve")).unwrap();
    assert_eq!(pa.0 >> 32, ra.band);
    assert_eq!(pb.0 >> 32, rb.band);
    assert!(pa.0 < (1 << 53) && pb.0 < (1 << 53));
}

#[test]
fn every_edit_is_logged_with_its_author_and_told_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = pair(dir.path());
    set_stance(&mut a, "bo", Stance::Champion);
    a.undo().unwrap();
    let history = a.history(None).unwrap();
    assert_eq!(history[0].label, "Undo Edit Bo Sato");
    assert_eq!(history[1].author, "Ana");
    assert_eq!(history[1].changes[0].record, "bo");
    assert_eq!(history[1].changes[0].fields, vec!["stance".to_string()]);
    let bo = a.history(Some(id(&a, "bo"))).unwrap();
    assert!(
        bo.iter()
            .all(|e| e.changes.iter().any(|c| c.record.contains("bo")))
    );
    // Adding Bo, the tie to Bo, the stance and its undo.
    assert_eq!(bo.len(), 4, "{bo:#?}");
}

#[test]
fn edits_to_different_things_are_all_kept_and_a_second_merge_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    a.add_person(&person("dee", "Dee Haddad")).unwrap();
    set_title(&mut a, "bo", "CIO");
    b.add_person(&person("eve", "Eve Dubois")).unwrap();
    set_stance(&mut b, "bo", Stance::Supporter);
    b.put_tie(&TieData {
        from: "eve".into(),
        to: "cy".into(),
        kind: "mentor".into(),
        strength: Some(0.7),
        ..TieData::default()
    })
    .unwrap();
    let report = a.merge_file(&path(&b), None, None).unwrap();
    assert!(report.merged && report.conflicts.is_empty(), "{report:#?}");
    assert_eq!(report.edits, 3);
    let bo = a.map().person(id(&a, "bo")).unwrap();
    assert_eq!((bo.title.as_str(), bo.stance), ("CIO", Stance::Supporter));
    assert!(a.map().person_by_key("dee").is_some() && a.map().person_by_key("eve").is_some());
    assert_eq!(a.map().ties().len(), 2);
    let before = data(&a);
    let again = a.merge_file(&path(&b), None, None).unwrap();
    assert_eq!(again.edits, 0);
    assert_eq!(data(&a), before);
    // B merges A: the two are identical.
    b.merge_file(&path(&a), None, None).unwrap();
    assert_eq!(data(&b), data(&a));
    // The merge is one undo step.
    a.undo().unwrap();
    assert!(a.map().person_by_key("eve").is_none());
    assert_eq!(
        a.map().person(id(&a, "bo")).unwrap().stance,
        Stance::Neutral
    );
}

#[test]
fn a_conflict_stops_without_a_choice_and_is_decided_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    set_stance(&mut a, "bo", Stance::Champion);
    set_stance(&mut b, "bo", Stance::Blocker);
    set_title(&mut b, "cy", "CFO");
    let before = data(&a);
    let report = a.merge_file(&path(&b), None, None).unwrap();
    assert!(!report.merged);
    assert_eq!(report.conflicts.len(), 1, "{report:#?}");
    let c = &report.conflicts[0];
    assert_eq!(
        (
            c.record.as_str(),
            c.field.as_deref(),
            c.mine.as_str(),
            c.theirs.as_str()
        ),
        ("bo", Some("stance"), "champion", "blocker")
    );
    assert_eq!(
        (c.mine_author.as_str(), c.theirs_author.as_str()),
        ("Ana", "Ben")
    );
    assert_eq!(data(&a), before, "a stopped merge changes nothing");

    let report = a.merge_file(&path(&b), None, Some(Prefer::Mine)).unwrap();
    assert!(report.merged);
    assert_eq!(report.prefer, Some(Prefer::Mine));
    let bo = a.map().person(id(&a, "bo")).unwrap();
    assert_eq!(bo.stance, Stance::Champion);
    assert_eq!(a.map().person(id(&a, "cy")).unwrap().title, "CFO");
    // Both judgements stay in the engagement log, as Bo's stance history.
    assert_eq!(
        judgements(&a, "bo"),
        vec![
            (
                Stance::Blocker,
                "Judged blocker by Ben; Ana judged champion, and the merge keeps champion."
                    .to_string()
            ),
            (
                Stance::Champion,
                "Judged champion by Ana; Ben judged blocker, and the merge keeps champion."
                    .to_string()
            ),
        ]
    );
    // B takes A's decision without being asked again, and the two are identical.
    let back = b.merge_file(&path(&a), None, None).unwrap();
    assert!(back.merged && back.conflicts.is_empty(), "{back:#?}");
    assert_eq!(data(&b), data(&a));
}

#[test]
fn a_stance_conflict_logs_both_judgements_whichever_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    set_stance(&mut a, "bo", Stance::Champion);
    set_stance(&mut b, "bo", Stance::Blocker);
    // Neither copy logged a stance: an edit of the stance is not an engagement.
    assert!(judgements(&a, "bo").is_empty() && judgements(&b, "bo").is_empty());
    let report = a.merge_file(&path(&b), None, Some(Prefer::Theirs)).unwrap();
    assert!(report.merged);
    let bo = a.map().person(id(&a, "bo")).unwrap();
    assert_eq!(bo.stance, Stance::Blocker);
    // Ben's judgement wins: Ana's is logged first, his last, and the latest logged stance is
    // the map's.
    let logged = judgements(&a, "bo");
    assert_eq!(
        logged,
        vec![
            (
                Stance::Champion,
                "Judged champion by Ana; Ben judged blocker, and the merge keeps blocker."
                    .to_string()
            ),
            (
                Stance::Blocker,
                "Judged blocker by Ben; Ana judged champion, and the merge keeps blocker."
                    .to_string()
            ),
        ]
    );
    let today = advocate_core::store::today();
    assert!(
        a.map()
            .engagements()
            .filter(|e| e.person == bo.id)
            .all(|e| e.date == today && e.action == "merged judgement")
    );
    assert_eq!(
        advocate_core::campaign::progress::stance_at(a.map(), bo.id, &today),
        Some(Stance::Blocker)
    );
    // One undo takes them back with the merge; Ben's copy takes them with Ana's decision.
    let back = b.merge_file(&path(&a), None, None).unwrap();
    assert!(back.merged && back.conflicts.is_empty(), "{back:#?}");
    assert_eq!(judgements(&b, "bo"), logged);
    a.undo().unwrap();
    assert!(judgements(&a, "bo").is_empty());
    assert_eq!(
        a.map().person(id(&a, "bo")).unwrap().stance,
        Stance::Champion
    );
}

#[test]
fn conflicts_are_decided_one_by_one_by_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    set_stance(&mut a, "bo", Stance::Champion);
    set_title(&mut a, "cy", "CTO");
    set_stance(&mut b, "bo", Stance::Blocker);
    set_title(&mut b, "cy", "CFO");
    let stopped = a.merge_file(&path(&b), None, None).unwrap();
    assert_eq!(stopped.conflicts.len(), 2, "{stopped:#?}");
    assert!(stopped.conflicts.iter().all(|c| c.chosen.is_none()));
    let by_field = |report: &advocate_core::store::MergeReport, field: &str| {
        report
            .conflicts
            .iter()
            .find(|c| c.field.as_deref() == Some(field))
            .cloned()
            .unwrap()
    };
    let stance = by_field(&stopped, "stance");
    let title = by_field(&stopped, "title");
    assert_ne!(stance.id, title.id);

    // One decided, the other not: the merge stops again and changes nothing.
    let half = Decisions {
        all: None,
        each: vec![Decision {
            conflict: stance.id.clone(),
            prefer: Prefer::Mine,
        }],
    };
    let before = data(&a);
    let report = a.merge_file_deciding(&path(&b), None, &half).unwrap();
    assert!(!report.merged);
    assert_eq!(by_field(&report, "stance").chosen, Some(Prefer::Mine));
    assert_eq!(by_field(&report, "title").chosen, None);
    assert_eq!(data(&a), before);

    // Mine for the stance, theirs for the title, as two decisions of their own.
    let both = Decisions {
        all: None,
        each: vec![
            Decision {
                conflict: stance.id.clone(),
                prefer: Prefer::Mine,
            },
            Decision {
                conflict: title.id.clone(),
                prefer: Prefer::Theirs,
            },
        ],
    };
    let report = a.merge_file_deciding(&path(&b), None, &both).unwrap();
    assert!(report.merged, "{report:#?}");
    assert_eq!(by_field(&report, "title").chosen, Some(Prefer::Theirs));
    assert_eq!(
        a.map().person(id(&a, "bo")).unwrap().stance,
        Stance::Champion
    );
    assert_eq!(a.map().person(id(&a, "cy")).unwrap().title, "CFO");
    // The merge is one undo step.
    a.undo().unwrap();
    assert_eq!(data(&a), before);
    a.redo().unwrap();
    // B takes both decisions without being asked, and the two are identical.
    let back = b.merge_file(&path(&a), None, None).unwrap();
    assert!(back.merged && back.conflicts.is_empty(), "{back:#?}");
    assert_eq!(data(&b), data(&a));
}

#[test]
fn a_record_removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    let cy = id(&a, "cy");
    a.remove_person(cy).unwrap();
    set_title(&mut b, "cy", "COO");
    let report = a.merge_file(&path(&b), None, None).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{report:#?}");
    assert_eq!(report.conflicts[0].kind, "removed-here");
    let report = a.merge_file(&path(&b), None, Some(Prefer::Theirs)).unwrap();
    assert!(report.merged);
    assert_eq!(a.map().person(id(&a, "cy")).unwrap().title, "COO");
    b.merge_file(&path(&a), None, None).unwrap();
    assert_eq!(data(&b), data(&a));
}

#[test]
fn people_made_separately_with_one_key_are_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    a.add_person(&person("zoe", "Zoë Patel")).unwrap();
    let mut theirs = person("zoe", "Zoë Patel");
    theirs.title = Some("Head of HR".into());
    b.add_person(&theirs).unwrap();
    b.put_tie(&TieData {
        from: "zoe".into(),
        to: "ana".into(),
        kind: "peer".into(),
        strength: Some(0.4),
        ..TieData::default()
    })
    .unwrap();
    let report = a.merge_file(&path(&b), None, None).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{report:#?}");
    assert_eq!(report.conflicts[0].kind, "same-key");
    a.merge_file(&path(&b), None, Some(Prefer::Theirs)).unwrap();
    let zoe = id(&a, "zoe");
    assert_eq!(a.map().person(zoe).unwrap().title, "Head of HR");
    assert_eq!(a.map().people().filter(|p| p.key == "zoe").count(), 1);
    assert_eq!(a.map().ties().len(), 2, "their tie now starts at our Zoë");
    b.merge_file(&path(&a), None, None).unwrap();
    assert_eq!(data(&b), data(&a));
}

#[test]
fn another_map_and_an_export_are_refused_and_encrypted_copies_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, b) = pair(dir.path());
    let other = dir.path().join("other.advocate");
    MapFile::create(&other, "Rollout").unwrap();
    let e = a.merge_file(&other, None, None).unwrap_err().to_string();
    assert!(e.contains("not a copy of this map"), "{e}");
    let export = dir.path().join("redacted.json");
    let options = advocate_core::export::ExportOptions {
        redact: advocate_core::export::Redact::Titles,
        ..Default::default()
    };
    let bytes = advocate_core::export::render(
        a.map(),
        advocate_core::export::Format::Json,
        &options,
        &advocate_core::export::SlideExtras::default(),
    )
    .unwrap();
    std::fs::write(&export, bytes).unwrap();
    let e = a.merge_file(&export, None, None).unwrap_err().to_string();
    assert!(
        e.contains("is an export, not a copy") && e.contains("redacted"),
        "{e}"
    );

    let mut b = b;
    set_title(&mut b, "ana", "VP");
    b.set_passphrase(Some("their secret phrase")).unwrap();
    a.set_passphrase(Some("my own secret phrase")).unwrap();
    let e = a.merge_file(&path(&b), None, None).unwrap_err().to_string();
    assert!(e.contains("encrypted"), "{e}");
    let report = a
        .merge_file(&path(&b), Some("their secret phrase"), None)
        .unwrap();
    assert!(report.merged);
    assert_eq!(a.map().person(id(&a, "ana")).unwrap().title, "VP");
}

fn sync_dir(dir: &Path) -> PathBuf {
    let folder = dir.join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

#[test]
fn edits_travel_through_a_shared_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    let folder = sync_dir(dir.path());
    a.add_person(&person("dee", "Dee")).unwrap();
    let first = a.sync(&folder, None).unwrap();
    assert!(first.sent > 0 && first.file.is_some());
    b.add_person(&person("eve", "Eve")).unwrap();
    let report = b.sync(&folder, None).unwrap();
    assert!(
        report.merge.merged && report.warnings.is_empty(),
        "{report:#?}"
    );
    assert!(b.map().person_by_key("dee").is_some());
    a.sync(&folder, None).unwrap();
    assert!(a.map().person_by_key("eve").is_some());
    assert_eq!(data(&a), data(&b));
    // A's merge is an edit of A's, which B takes; then both are quiet: nothing written,
    // nothing changed.
    b.sync(&folder, None).unwrap();
    assert_eq!(data(&a), data(&b));
    for file in [&mut a, &mut b] {
        let quiet = file.sync(&folder, None).unwrap();
        assert_eq!((quiet.sent, quiet.merge.edits), (0, 0));
    }
    let (ra, rb) = (a.replica().unwrap().replica, b.replica().unwrap().replica);
    for f in std::fs::read_dir(&folder).unwrap() {
        let name = f.unwrap().file_name().to_string_lossy().into_owned();
        assert!(name.starts_with(&ra) || name.starts_with(&rb), "{name}");
    }
}

#[test]
fn a_truncated_foreign_or_newer_file_in_the_folder_is_skipped_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    let folder = sync_dir(dir.path());
    b.add_person(&person("eve", "Eve")).unwrap();
    let written = PathBuf::from(b.sync(&folder, None).unwrap().file.unwrap());
    let bytes = std::fs::read(&written).unwrap();
    // Half-copied by a sync client.
    std::fs::write(&written, &bytes[..bytes.len() / 2 + 100]).unwrap();
    let report = a.sync(&folder, None).unwrap();
    assert_eq!(report.warnings.len(), 1, "{report:#?}");
    assert!(report.warnings[0].contains("incomplete"), "{report:#?}");
    assert!(a.map().person_by_key("eve").is_none());
    // Damaged in the middle.
    let mut damaged = bytes.clone();
    let n = damaged.len();
    for b in &mut damaged[n - 600..n - 500] {
        *b ^= 0x5a;
    }
    std::fs::write(&written, &damaged).unwrap();
    let report = a.sync(&folder, None).unwrap();
    assert_eq!(report.warnings.len(), 1, "{report:#?}");
    assert!(a.map().person_by_key("eve").is_none());
    // Whole again: brought in.
    std::fs::write(&written, &bytes).unwrap();
    let report = a.sync(&folder, None).unwrap();
    assert!(report.warnings.is_empty(), "{report:#?}");
    assert!(a.map().person_by_key("eve").is_some());

    // Another map's file, and a newer Advocate's.
    let other_path = dir.path().join("other.advocate");
    let mut other = MapFile::create(&other_path, "Other").unwrap();
    other.add_person(&person("zed", "Zed")).unwrap();
    let other_folder = sync_dir(&dir.path().join("o"));
    let theirs = PathBuf::from(other.sync(&other_folder, None).unwrap().file.unwrap());
    std::fs::copy(&theirs, folder.join(theirs.file_name().unwrap())).unwrap();
    let newer = folder.join("ffff-000001.advocate-changes");
    std::fs::copy(&written, &newer).unwrap();
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'format'", [])
            .unwrap();
    }
    let report = a.sync(&folder, None).unwrap();
    let warnings = report.warnings.join("\n");
    assert!(warnings.contains("another map"), "{warnings}");
    assert!(warnings.contains("newer Advocate"), "{warnings}");
    assert!(a.map().person_by_key("zed").is_none());
}

#[test]
fn an_encrypted_map_writes_encrypted_folder_files() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    a.set_passphrase(Some("shared team phrase")).unwrap();
    b.set_passphrase(Some("shared team phrase")).unwrap();
    let folder = sync_dir(dir.path());
    a.add_person(&person("dee", "Dee Secret")).unwrap();
    let file = PathBuf::from(a.sync(&folder, None).unwrap().file.unwrap());
    let bytes = std::fs::read(&file).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!bytes.windows(10).any(|w| w == b"Dee Secret"));
    b.sync(&folder, None).unwrap();
    assert!(b.map().person_by_key("dee").is_some());
}

#[test]
fn copies_of_a_map_made_before_working_together_stay_one_map() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.advocate");
    // Version 5: the last before identities and changesets.
    MapFile::create_at_version(&old, "Old map", 5).unwrap();
    let copy = dir.path().join("old-copy.advocate");
    std::fs::copy(&old, &copy).unwrap();
    let mut a = MapFile::open(&old).unwrap();
    let mut b = MapFile::open(&copy).unwrap();
    let (ra, rb) = (a.replica().unwrap(), b.replica().unwrap());
    assert_eq!(ra.identity, rb.identity);
    assert_ne!(ra.band, rb.band);
    a.add_person(&person("ana", "Ana")).unwrap();
    b.add_person(&person("bo", "Bo")).unwrap();
    a.merge_file(&copy, None, None).unwrap();
    assert!(a.map().person_by_key("bo").is_some());
    b.merge_file(&old, None, None).unwrap();
    assert_eq!(data(&a), data(&b));
}

#[test]
fn a_record_made_on_both_sides_stays_one_in_later_merges() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    a.add_person(&person("dee", "Dee")).unwrap();
    b.add_person(&person("dee", "Dee")).unwrap();
    a.merge_file(&path(&b), None, None).unwrap();
    // Their Dee gets a tie after the first merge: it lands on our Dee.
    b.put_tie(&TieData {
        from: "dee".into(),
        to: "ana".into(),
        kind: "peer".into(),
        strength: Some(0.3),
        ..TieData::default()
    })
    .unwrap();
    let report = a.merge_file(&path(&b), None, None).unwrap();
    assert!(report.dropped.is_empty(), "{report:#?}");
    let dee = id(&a, "dee");
    assert!(a.map().ties_from(dee).any(|t| t.to == id(&a, "ana")));
    b.merge_file(&path(&a), None, None).unwrap();
    assert_eq!(data(&a), data(&b));
}

#[test]
fn the_id_of_a_removed_row_is_never_given_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = pair(dir.path());
    let dee = a.add_person(&person("dee", "Dee")).unwrap();
    a.undo().unwrap();
    let eve = a.add_person(&person("eve", "Eve")).unwrap();
    assert!(eve.0 > dee.0, "another copy may still know {dee:?} as Dee");
    drop(a);
    let mut a = MapFile::open(&dir.path().join("mine.advocate")).unwrap();
    a.remove_person(eve).unwrap();
    assert!(a.add_person(&person("fay", "Fay")).unwrap().0 > eve.0);
}

#[test]
fn a_conflict_over_a_department_names_the_departments_not_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = pair(dir.path());
    let move_to = |file: &mut MapFile, department: &str| {
        let p = id(file, "bo");
        file.edit_person(
            p,
            &PersonPatch {
                department: Some(department.into()),
                ..PersonPatch::default()
            },
        )
        .unwrap();
    };
    move_to(&mut a, "Finance");
    move_to(&mut b, "Sales");
    let report = a.merge_file(&path(&b), None, None).unwrap();
    let c = report
        .conflicts
        .iter()
        .find(|c| c.field.as_deref() == Some("department"))
        .unwrap_or_else(|| panic!("{report:#?}"));
    assert_eq!(
        (c.record.as_str(), c.mine.as_str(), c.theirs.as_str()),
        ("bo", "Finance", "Sales")
    );
}
