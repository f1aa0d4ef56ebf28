//! Names and text on a drawing: what each person is called (their name or its redaction),
//! initials, and the estimated width of a label, to shorten or wrap it to fit.

use std::collections::HashMap;

use crate::export::Redact;
use crate::model::{Map, Person, PersonId};

/// What each person is called in an export: their name, or its redaction.
pub fn display_names(map: &Map, redact: Redact) -> HashMap<PersonId, String> {
    map.people()
        .enumerate()
        .map(|(i, p)| (p.id, redacted_name(p, i + 1, redact)))
        .collect()
}

/// One person's name as an export shows it. `n` numbers people without a title.
pub fn redacted_name(person: &Person, n: usize, redact: Redact) -> String {
    match redact {
        Redact::None => person.name.clone(),
        Redact::Titles if !person.title.trim().is_empty() => person.title.trim().to_string(),
        Redact::Titles => format!("Person {n}"),
        Redact::Initials => initials(&person.name).unwrap_or_else(|| format!("P{n}")),
    }
}

/// "Asha Patel-Whitfield" → "A.P.W.", "王小明" → "王."; `None` for a name with no letters.
pub fn initials(name: &str) -> Option<String> {
    let mut out = String::new();
    for word in name.split(|c: char| c.is_whitespace() || c == '-') {
        if let Some(c) = word.chars().find(|c| c.is_alphabetic()) {
            out.extend(c.to_uppercase());
            out.push('.');
        }
    }
    (!out.is_empty()).then_some(out)
}

/// How wide a character is, in "average Latin characters": CJK and other wide scripts count 2.
fn char_width(c: char) -> f64 {
    let u = c as u32;
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide {
        1.8
    } else if c.is_uppercase() || c == 'm' || c == 'w' {
        1.2
    } else {
        1.0
    }
}

/// The width of a text in "average Latin characters".
pub fn text_width(text: &str) -> f64 {
    text.chars().map(char_width).sum()
}

/// A text no wider than `max` average characters, cut with an ellipsis when longer.
pub fn shorten(text: &str, max: f64) -> String {
    let text = text.trim();
    if text_width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        w += char_width(c);
        if w > max - 1.0 {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// A label in at most two lines of at most `max` average characters: split at the last space that
/// fits, the rest shortened.
pub fn label_lines(text: &str, max: f64) -> Vec<String> {
    let text = text.trim();
    if text_width(text) <= max {
        return vec![text.to_string()];
    }
    let mut split = None;
    let mut w = 0.0;
    for (i, c) in text.char_indices() {
        if c == ' ' && w <= max {
            split = Some(i);
        }
        w += char_width(c);
    }
    match split {
        Some(i) if i > 0 => vec![text[..i].to_string(), shorten(&text[i + 1..], max)],
        _ => vec![shorten(text, max)],
    }
}
