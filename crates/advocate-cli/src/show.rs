//! `advocate show`: a map's summary, from the core's model, as text or JSON.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::json;

use advocate_core::{Map, Stance};

/// The name of a group of people, as a user would say it.
pub fn describe_group(map: &Map, group: &advocate_core::Group) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = group.department.and_then(|d| map.department(d)) {
        parts.push(format!("{} (department)", d.name));
    }
    parts.extend(
        group
            .people
            .iter()
            .filter_map(|p| map.person(*p))
            .map(|p| p.name.clone()),
    );
    if parts.is_empty() {
        "not set".into()
    } else {
        parts.join(", ")
    }
}

/// The summary of a map read from `path`.
pub fn summary(map: &Map, path: &std::path::Path, json: bool) -> Result<String> {
    let (people, departments, ties) = map.counts();
    let mut by_department: BTreeMap<String, BTreeMap<Stance, usize>> = BTreeMap::new();
    for p in map.people() {
        let dept = p
            .department
            .and_then(|d| map.department(d))
            .map(|d| d.name.clone())
            .unwrap_or_else(|| "(no department)".into());
        *by_department
            .entry(dept)
            .or_default()
            .entry(p.stance)
            .or_default() += 1;
    }
    let mut by_stance: BTreeMap<Stance, usize> = BTreeMap::new();
    for p in map.people() {
        *by_stance.entry(p.stance).or_default() += 1;
    }
    let audience = map.audience();
    if json {
        let stance_counts = |m: &BTreeMap<Stance, usize>| {
            Stance::ALL
                .iter()
                .map(|s| (s.label().to_string(), json!(m.get(s).copied().unwrap_or(0))))
                .collect::<serde_json::Map<_, _>>()
        };
        let key = |id| map.person(id).map(|p| p.key.clone());
        return Ok(serde_json::to_string_pretty(&json!({
            "name": map.name,
            "file": path.display().to_string(),
            "people": people,
            "departments": departments,
            "ties": ties,
            "engagements": map.engagements().len(),
            "by_stance": stance_counts(&by_stance),
            "by_department": by_department.iter().map(|(d, m)| (d.clone(), json!(stance_counts(m)))).collect::<serde_json::Map<_, _>>(),
            "home": {
                "department": map.home.department.and_then(|d| map.department(d)).map(|d| d.name.clone()),
                "people": map.home.people.iter().filter_map(|p| key(*p)).collect::<Vec<_>>(),
            },
            "goal": {
                "initiative": map.goal.initiative,
                "audience": audience.iter().filter_map(|p| key(*p)).collect::<Vec<_>>(),
            },
        }))?);
    }
    let mut out = vec![
        format!("{}  ({})", map.name, path.display()),
        format!(
            "{people} people, {departments} departments, {ties} ties, {} engagements logged",
            map.engagements().len()
        ),
        format!("Home team: {}", describe_group(map, &map.home)),
        format!(
            "Goal: {}",
            if map.goal.initiative.is_empty() {
                "not set"
            } else {
                &map.goal.initiative
            }
        ),
    ];
    let audience_names: Vec<String> = audience
        .iter()
        .filter_map(|p| map.person(*p))
        .map(|p| p.name.clone())
        .collect();
    out.push(format!(
        "Audience{}: {}",
        if map.goal.audience.is_empty() {
            " (all decision-makers)"
        } else {
            ""
        },
        if audience_names.is_empty() {
            "nobody yet".to_string()
        } else {
            audience_names.join(", ")
        }
    ));
    out.push(String::new());
    let width = by_department
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(10)
        .max(10);
    out.push(format!(
        "{:width$}  {:>8} {:>9} {:>7} {:>7} {:>7}",
        "Department", "champion", "supporter", "neutral", "sceptic", "blocker"
    ));
    let row = |name: &str, m: &BTreeMap<Stance, usize>| {
        let c = |s| m.get(&s).copied().unwrap_or(0);
        format!(
            "{:width$}  {:>8} {:>9} {:>7} {:>7} {:>7}",
            name,
            c(Stance::Champion),
            c(Stance::Supporter),
            c(Stance::Neutral),
            c(Stance::Sceptic),
            c(Stance::Blocker)
        )
    };
    for (d, m) in &by_department {
        out.push(row(d, m));
    }
    out.push(row("All", &by_stance));
    Ok(out.join("\n"))
}
