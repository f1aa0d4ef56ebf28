//! The editing commands: person, tie, department, log, set-goal and set-home. Each parses its
//! arguments into the core's records and makes one edit (one undo step) on the map file.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand};

use advocate_core::data::{DepartmentData, PersonData, TieData};
use advocate_core::store::PersonPatch;
use advocate_core::store::TiePatch;
use advocate_core::{Function, Group, Map, Stance};

use crate::open;

fn parse_stance(s: &str) -> std::result::Result<Stance, String> {
    Stance::parse(s)
}

fn parse_bool(s: &str) -> std::result::Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("expected yes or no, not {s:?}")),
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([';', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

#[derive(Args)]
pub struct PersonFields {
    /// Job title
    #[arg(long)]
    title: Option<String>,
    /// Department name (created if missing; empty to clear)
    #[arg(long)]
    department: Option<String>,
    /// champion, supporter, neutral, sceptic, blocker (or -2..2)
    #[arg(long, value_parser = parse_stance, allow_hyphen_values = true)]
    stance: Option<Stance>,
    /// Formal authority, 1-5
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    power: Option<u8>,
    /// How much the initiative touches them, 1-5
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    interest: Option<u8>,
    /// Whether they decide on the initiative (yes/no)
    #[arg(long, value_parser = parse_bool)]
    decision_maker: Option<bool>,
    /// Tags separated by ';' or ','
    #[arg(long)]
    tags: Option<String>,
    /// Free notes
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Subcommand)]
pub enum PersonAction {
    /// Add a person
    Add {
        map: PathBuf,
        /// Full name
        name: String,
        /// An id of your own (default: the name)
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// Change a person's fields
    Edit {
        map: PathBuf,
        /// The person's id or name
        person: String,
        /// A new name
        #[arg(long)]
        name: Option<String>,
        /// A new id
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// Remove a person with their ties and log
    Remove {
        map: PathBuf,
        /// The person's id or name
        person: String,
    },
}

fn find(map: &Map, reference: &str) -> Result<advocate_core::PersonId> {
    map.find_person(reference)
        .map(|p| p.id)
        .map_err(|e| anyhow!(e))
}

pub fn person(action: PersonAction) -> Result<String> {
    match action {
        PersonAction::Add {
            map,
            name,
            id,
            fields,
        } => {
            let mut file = open(&map)?;
            file.add_person(&PersonData {
                id,
                name: name.clone(),
                title: fields.title,
                department: fields.department,
                stance: fields.stance,
                power: fields.power,
                interest: fields.interest,
                decision_maker: fields.decision_maker,
                tags: fields.tags.as_deref().map(split_list),
                notes: fields.notes,
                ..PersonData::default()
            })?;
            Ok(format!("added {name}"))
        }
        PersonAction::Edit {
            map,
            person,
            name,
            id,
            fields,
        } => {
            let mut file = open(&map)?;
            let who = find(file.map(), &person)?;
            file.edit_person(
                who,
                &PersonPatch {
                    key: id,
                    name,
                    title: fields.title,
                    department: fields.department,
                    stance: fields.stance,
                    power: fields.power,
                    interest: fields.interest,
                    decision_maker: fields.decision_maker,
                    tags: fields.tags.as_deref().map(split_list),
                    notes: fields.notes,
                },
            )?;
            Ok(format!("edited {person}"))
        }
        PersonAction::Remove { map, person } => {
            let mut file = open(&map)?;
            let who = find(file.map(), &person)?;
            file.remove_person(who)?;
            Ok(format!("removed {person}"))
        }
    }
}

#[derive(Subcommand)]
pub enum TieAction {
    /// Add a tie "FROM sways TO"
    Add {
        map: PathBuf,
        /// Who sways (id or name)
        from: String,
        /// Who is swayed (id or name)
        to: String,
        /// line manager, peer, executive peer, sponsor, mentor, informal ally, L&D contact, or your own
        /// (default: peer, or when the two are linked as peers already, the first kind they lack)
        #[arg(long)]
        kind: Option<String>,
        /// 0-1: the chance FROM's endorsement moves TO (default: the kind's)
        #[arg(long)]
        strength: Option<f64>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Change a tie's kind, strength or notes
    Edit {
        map: PathBuf,
        from: String,
        to: String,
        /// Which tie, when the two are linked in several ways (its kind)
        #[arg(long)]
        of_kind: Option<String>,
        /// The tie's new kind
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        strength: Option<f64>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Remove a tie
    Remove {
        map: PathBuf,
        from: String,
        to: String,
        /// Which tie, when the two are linked in several ways (its kind)
        #[arg(long)]
        of_kind: Option<String>,
    },
}

/// The tie from one person to another: the only one, or the one of the kind named.
fn which_tie(map: &Map, from: &str, to: &str, kind: Option<&str>) -> Result<advocate_core::TieId> {
    let (a, b) = (find(map, from)?, find(map, to)?);
    let ties = map.ties_between(a, b);
    match (kind, ties.as_slice()) {
        (_, []) => bail!("there is no tie from {from} to {to}"),
        (Some(k), _) => map
            .tie_of_kind(a, b, k)
            .map(|t| t.id)
            .ok_or_else(|| anyhow!("{from} does not sway {to} as {k}")),
        (None, [one]) => Ok(one.id),
        (None, many) => bail!(
            "{from} sways {to} in {} ways ({}): name one with --of-kind",
            many.len(),
            many.iter()
                .map(|t| t.kind.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

pub fn tie(action: TieAction) -> Result<String> {
    match action {
        TieAction::Add {
            map,
            from,
            to,
            kind,
            strength,
            notes,
        } => {
            let mut file = open(&map)?;
            let kind = match kind {
                Some(k) => k,
                None => {
                    let m = file.map();
                    let (a, b) = (find(m, &from)?, find(m, &to)?);
                    m.kind_for_new_tie(a, b).ok_or_else(|| {
                        anyhow!("{from} already sways {to} in every kind: change one of those ties")
                    })?
                }
            };
            file.add_tie(&TieData {
                from: from.clone(),
                to: to.clone(),
                kind,
                strength,
                notes,
                ..TieData::default()
            })?;
            Ok(format!("{from} sways {to}"))
        }
        TieAction::Edit {
            map,
            from,
            to,
            of_kind,
            kind,
            strength,
            notes,
        } => {
            let mut file = open(&map)?;
            let id = which_tie(file.map(), &from, &to, of_kind.as_deref())?;
            file.edit_tie(
                id,
                &TiePatch {
                    kind,
                    strength,
                    notes,
                },
            )?;
            Ok(format!("edited the tie {from} > {to}"))
        }
        TieAction::Remove {
            map,
            from,
            to,
            of_kind,
        } => {
            let mut file = open(&map)?;
            let id = which_tie(file.map(), &from, &to, of_kind.as_deref())?;
            file.remove_tie(id)?;
            Ok(format!("removed the tie {from} > {to}"))
        }
    }
}

#[derive(Subcommand)]
pub enum DepartmentAction {
    /// Add a department
    Add {
        map: PathBuf,
        name: String,
        /// The department it sits in
        #[arg(long)]
        parent: Option<String>,
        /// A colour such as #1f77b4
        #[arg(long)]
        colour: Option<String>,
        /// What it does: executive, it, communications, marketing, hr, finance, operations,
        /// sales, l&d or other (default: guessed from the name)
        #[arg(long, value_parser = parse_function)]
        function: Option<Function>,
    },
    /// Change a department's name, parent, colour or function
    #[command(alias = "set")]
    Edit {
        map: PathBuf,
        department: String,
        #[arg(long)]
        name: Option<String>,
        /// The department it sits in (empty for none)
        #[arg(long)]
        parent: Option<String>,
        #[arg(long)]
        colour: Option<String>,
        /// What it does: executive, it, communications, marketing, hr, finance, operations,
        /// sales, l&d or other
        #[arg(long, value_parser = parse_function)]
        function: Option<Function>,
    },
    /// Remove a department (its people stay, without a department)
    Remove { map: PathBuf, department: String },
}

fn parse_function(text: &str) -> std::result::Result<Function, String> {
    Function::parse(text)
}

pub fn department(action: DepartmentAction) -> Result<String> {
    match action {
        DepartmentAction::Add {
            map,
            name,
            parent,
            colour,
            function,
        } => {
            let mut file = open(&map)?;
            if file.map().department_by_name(&name).is_some() {
                bail!("there is already a department named {name:?}");
            }
            file.put_department(&DepartmentData {
                name: name.clone(),
                parent,
                colour,
                function,
                ..DepartmentData::default()
            })?;
            let function = file
                .map()
                .department_by_name(&name)
                .map_or(Function::Other, |d| d.function);
            Ok(format!("added department {name} (function: {function})"))
        }
        DepartmentAction::Edit {
            map,
            department,
            name,
            parent,
            colour,
            function,
        } => {
            let mut file = open(&map)?;
            let current = file
                .map()
                .department_by_name(&department)
                .ok_or_else(|| anyhow!("no department named {department:?}"))?
                .clone();
            if parent.is_some() || colour.is_some() || function.is_some() {
                file.put_department(&DepartmentData {
                    name: current.name.clone(),
                    parent,
                    colour,
                    function,
                    ..DepartmentData::default()
                })?;
            }
            if let Some(name) = name {
                file.rename_department(current.id, &name)?;
            }
            Ok(format!("edited department {department}"))
        }
        DepartmentAction::Remove { map, department } => {
            let mut file = open(&map)?;
            let id = file
                .map()
                .department_by_name(&department)
                .ok_or_else(|| anyhow!("no department named {department:?}"))?
                .id;
            file.remove_department(id)?;
            Ok(format!("removed department {department}"))
        }
    }
}

#[derive(Subcommand)]
pub enum LogAction {
    /// Log an interaction with a person, optionally with their new stance
    Add {
        map: PathBuf,
        /// The person's id or name
        person: String,
        /// met, presented, emailed, piloted, or your own word
        action: String,
        /// YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<String>,
        /// What happened
        #[arg(long, default_value = "")]
        summary: String,
        /// Their stance after it
        #[arg(long, value_parser = parse_stance, allow_hyphen_values = true)]
        stance: Option<Stance>,
    },
}

pub fn log(action: LogAction) -> Result<String> {
    let LogAction::Add {
        map,
        person,
        action,
        date,
        summary,
        stance,
    } = action;
    let mut file = open(&map)?;
    let who = find(file.map(), &person)?;
    let date = date.unwrap_or_else(advocate_core::store::today);
    file.log_engagement(who, &date, &action, &summary, stance)?;
    Ok(format!("logged {action} with {person} on {date}"))
}

#[derive(Args)]
pub struct SetGoalArgs {
    map: PathBuf,
    /// The initiative, e.g. "Mobile learning rollout"
    #[arg(long)]
    initiative: Option<String>,
    /// The audience: people (ids or names) separated by ','
    #[arg(long, conflicts_with = "department")]
    audience: Option<String>,
    /// The audience: a whole department
    #[arg(long)]
    department: Option<String>,
}

fn group(map: &Map, people: Option<&str>, department: Option<&str>) -> Result<Group> {
    let mut g = Group::default();
    if let Some(list) = people {
        for p in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            g.people.push(find(map, p)?);
        }
    }
    if let Some(d) = department {
        g.department = Some(
            map.department_by_name(d)
                .ok_or_else(|| anyhow!("no department named {d:?}"))?
                .id,
        );
    }
    Ok(g)
}

pub fn set_goal(args: SetGoalArgs) -> Result<String> {
    let mut file = open(&args.map)?;
    let audience = if args.audience.is_some() || args.department.is_some() {
        Some(group(
            file.map(),
            args.audience.as_deref(),
            args.department.as_deref(),
        )?)
    } else {
        None
    };
    if args.initiative.is_none() && audience.is_none() {
        bail!("give --initiative, --audience or --department");
    }
    file.set_goal(args.initiative.as_deref(), audience.as_ref())
        .context("setting the goal")?;
    Ok(format!(
        "goal: {}; audience: {}",
        file.map().goal.initiative,
        crate::show::describe_group(file.map(), &file.map().goal.audience)
    ))
}

#[derive(Args)]
pub struct SetHomeArgs {
    map: PathBuf,
    /// The home team as a department
    #[arg(long)]
    department: Option<String>,
    /// The home team as people (ids or names) separated by ','
    #[arg(long)]
    people: Option<String>,
}

pub fn set_home(args: SetHomeArgs) -> Result<String> {
    let mut file = open(&args.map)?;
    if args.department.is_none() && args.people.is_none() {
        bail!("give --department or --people");
    }
    let g = group(
        file.map(),
        args.people.as_deref(),
        args.department.as_deref(),
    )?;
    file.set_home(&g)?;
    Ok(format!(
        "home team: {}",
        crate::show::describe_group(file.map(), &file.map().home)
    ))
}
