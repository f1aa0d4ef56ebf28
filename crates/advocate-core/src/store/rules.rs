//! The rules a map's records must keep (lengths of names and notes, the 1–5 scales, a tie's
//! strength, dates, colours), checked before anything is written. Each check answers with a
//! message that says what is wrong, for the caller to say where.

/// The longest name, title, key or department name accepted.
pub const MAX_NAME: usize = 200;
/// The longest note or summary accepted.
pub const MAX_NOTE: usize = 100_000;

use crate::data::PersonData;

pub(super) fn check_text(what: &str, value: &str, max: usize) -> std::result::Result<(), String> {
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
pub(super) fn check_line(what: &str, value: &str, max: usize) -> std::result::Result<(), String> {
    check_text(what, value, max)?;
    if value.chars().any(char::is_control) {
        return Err(format!(
            "{what} {:?} holds a line break or another control character; if it came from a CSV file, a quote may be missing its closing quote",
            value.chars().take(40).collect::<String>()
        ));
    }
    Ok(())
}

pub(super) fn check_scale(what: &str, value: Option<u8>) -> std::result::Result<(), String> {
    match value {
        Some(v) if !(1..=5).contains(&v) => Err(format!("{what} must be from 1 to 5, not {v}")),
        _ => Ok(()),
    }
}

pub(super) fn check_strength(value: f64) -> std::result::Result<(), String> {
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

pub(super) fn check_colour(value: &str) -> std::result::Result<(), String> {
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

pub(super) fn check_person(p: &PersonData) -> std::result::Result<(), String> {
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
