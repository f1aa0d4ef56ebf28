//! The plan in the user's calendar: open actions with a due date as an iCalendar file
//! (RFC 5545) that Outlook, Google Calendar and Thunderbird import.
//!
//! Each action is an all-day event on its due date. Its `UID` is the action's key, which never
//! changes, and its `SEQUENCE` the action's revision, so importing a later export updates the
//! same events instead of adding copies. Text is escaped and lines folded at 75 octets, with
//! CRLF line ends, as the RFC asks.

use std::fmt::Write;

use super::{ActionState, Campaign, parse_date};
use crate::model::{Map, PersonId};

/// The domain part of every event's `UID`.
pub const UID_DOMAIN: &str = "advocate.campaign";

/// The `UID` of an action's event.
pub fn uid(action_key: &str) -> String {
    format!("{action_key}@{UID_DOMAIN}")
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no line is longer than 75 octets (never inside a
/// character), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn basic_date(iso: &str) -> Option<(String, String)> {
    let d = parse_date(iso)?;
    let next = d.next_day()?;
    let f = |d: time::Date| format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day());
    Some((f(d), f(next)))
}

/// The calendar of the open actions with a due date, by due date then key. `stamp` is when the
/// file is written, UTC, as `YYYYMMDDTHHMMSSZ`; `name` says how to call a person (their name,
/// or what a redacted export calls them).
pub fn write_ics(
    map: &Map,
    campaign: &Campaign,
    stamp: &str,
    name: &dyn Fn(PersonId) -> String,
) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Advocate//Campaign plan//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape(&format!("{} – plan", map.name))),
    );
    let mut actions: Vec<_> = campaign
        .actions
        .values()
        .filter(|a| a.state == ActionState::Open)
        .filter_map(|a| Some((basic_date(a.due.as_deref()?)?, a)))
        .collect();
    actions.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.key.cmp(&b.1.key)));
    for ((start, end), a) in actions {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&uid(&a.key))));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("SEQUENCE:{}", a.revision.max(0)));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{start}"));
        line(&mut out, &format!("DTEND;VALUE=DATE:{end}"));
        line(&mut out, &format!("SUMMARY:{}", escape(&a.what)));
        let mut description = format!("About: {}", name(a.person));
        if let Some(v) = a.via {
            let _ = write!(description, "\nThrough: {}", name(v));
        }
        if !a.owner.trim().is_empty() {
            let _ = write!(description, "\nOwner: {}", a.owner.trim());
        }
        let _ = write!(
            description,
            "\nInitiative: {}\nMark it done in Advocate with what happened.",
            if map.goal.initiative.is_empty() {
                &map.name
            } else {
                &map.goal.initiative
            }
        );
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "STATUS:CONFIRMED");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// Now, UTC, as a `DTSTAMP`.
pub fn stamp_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// Writes the plan's calendar to `path`, with people by name. A calendar is for the user's
/// own use: it names people, so a redacted one is refused rather than written half-hidden.
/// Returns how many events it holds.
pub fn write_file(map: &Map, path: &std::path::Path, redacted: bool) -> Result<usize, String> {
    if redacted {
        return Err(
            "a calendar of actions names the people they are about, so it cannot be redacted; a redacted JSON or CSV export carries the actions' counts"
                .into(),
        );
    }
    let name = |p: PersonId| {
        map.person(p)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| format!("#{}", p.0))
    };
    let text = write_ics(map, &map.campaign, &stamp_now(), &name);
    let events = text.matches("BEGIN:VEVENT").count();
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_between_characters() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        // Unfolding gives back the line.
        assert_eq!(out.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn all_day_events_end_the_next_day() {
        assert_eq!(
            basic_date("2026-12-31"),
            Some(("20261231".into(), "20270101".into()))
        );
        assert_eq!(basic_date("31/12/2026"), None);
    }
}
