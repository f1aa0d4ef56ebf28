//! The saved views commands: `advocate views MAP` lists the sequence Present mode and the deck
//! show; `views add|edit|remove|move` change it. Each parses its arguments, calls the core and
//! prints.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand};

use advocate_core::model::{Map, Stance};
use advocate_core::store::{ViewDraft, ViewPatch};
use advocate_core::views::{Highlight, Region, SavedView, ViewLayout, resolve};

use crate::open;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ViewsArgs {
    #[command(subcommand)]
    cmd: Option<ViewsCmd>,
    /// The map whose saved views to list
    #[arg(required = true)]
    map: Option<PathBuf>,
    /// Also say what each view's highlight picks out on the map today
    #[arg(long)]
    shown: bool,
    #[arg(long)]
    json: bool,
}

/// What a view shows: its place on the map and its highlight.
#[derive(Args, Default)]
pub struct ViewShape {
    /// The layout it was saved in: force, department, orgchart or grid
    #[arg(long)]
    layout: Option<String>,
    /// The part of the map shown, X,Y,WIDTH,HEIGHT in the map's coordinates (default: the whole map)
    #[arg(long, allow_hyphen_values = true, conflicts_with = "whole_map")]
    region: Option<String>,
    /// Show the whole map (clears a region)
    #[arg(long)]
    whole_map: bool,
    /// Highlight the best path to this person (id or name)
    #[arg(long, conflicts_with_all = ["board", "stances", "no_highlight"])]
    path_to: Option<String>,
    /// …from this person (default: the home team)
    #[arg(long, requires = "path_to")]
    path_from: Option<String>,
    /// The path passes through no sceptic or blocker
    #[arg(long, requires = "path_to")]
    avoid_opposed: bool,
    /// Highlight the board of advocates of this size
    #[arg(long, conflicts_with_all = ["stances", "no_highlight"])]
    board: Option<u32>,
    /// The board may include audience members
    #[arg(long, requires = "board")]
    include_audience: bool,
    /// The board fills its seats first
    #[arg(long, requires = "board")]
    balanced: bool,
    /// Highlight the people of these stances, e.g. sceptic,blocker
    #[arg(long, conflicts_with = "no_highlight")]
    stances: Option<String>,
    /// Highlight nothing
    #[arg(long)]
    no_highlight: bool,
}

impl ViewShape {
    fn layout(&self) -> Result<Option<ViewLayout>> {
        self.layout
            .as_deref()
            .map(ViewLayout::from_name)
            .transpose()
            .map_err(|e| anyhow!(e))
    }

    fn region(&self) -> Result<Option<Option<Region>>> {
        if self.whole_map {
            return Ok(Some(None));
        }
        Ok(self
            .region
            .as_deref()
            .map(Region::parse)
            .transpose()
            .map_err(|e| anyhow!(e))?
            .map(Some))
    }

    fn highlight(&self, map: &Map) -> Result<Option<Highlight>> {
        let person = |r: &str| {
            map.find_person(r)
                .map(|p| p.id)
                .map_err(|e| anyhow!("the path highlight: {e}"))
        };
        if self.no_highlight {
            return Ok(Some(Highlight::None));
        }
        if let Some(to) = &self.path_to {
            return Ok(Some(Highlight::Path {
                from: self.path_from.as_deref().map(person).transpose()?,
                to: person(to)?,
                avoid_opposed: self.avoid_opposed,
            }));
        }
        if let Some(size) = self.board {
            return Ok(Some(Highlight::Board {
                size,
                include_audience: self.include_audience,
                balanced: self.balanced,
            }));
        }
        if let Some(list) = &self.stances {
            let stances = list
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| Stance::parse(s.trim()))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| anyhow!(e))?;
            return Ok(Some(Highlight::Stances { stances }));
        }
        Ok(None)
    }
}

#[derive(Subcommand)]
pub enum ViewsCmd {
    /// Save a view at the end of the sequence
    Add {
        map: PathBuf,
        /// The caption: the slide's title (may be empty)
        caption: String,
        #[command(flatten)]
        shape: ViewShape,
        /// The view's id (default: a new random one)
        #[arg(long)]
        id: Option<String>,
    },
    /// Change a view's caption, region, layout or highlight
    Edit {
        map: PathBuf,
        /// The view: its id, number in the sequence or caption
        view: String,
        #[arg(long)]
        caption: Option<String>,
        #[command(flatten)]
        shape: ViewShape,
    },
    /// Remove a view; the ones after it move up
    Remove {
        map: PathBuf,
        /// The view: its id, number in the sequence or caption
        view: String,
    },
    /// Move a view to another place in the sequence
    Move {
        map: PathBuf,
        /// The view: its id, number in the sequence or caption
        view: String,
        /// Its new place, from 1
        to: usize,
    },
}

fn describe(map: &Map, v: &SavedView) -> String {
    let name = |p| {
        map.person(p)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "?".into())
    };
    let highlight = match &v.highlight {
        Highlight::None => "no highlight".to_string(),
        Highlight::Path {
            from,
            to,
            avoid_opposed,
        } => format!(
            "best path from {} to {}{}",
            from.map(name).unwrap_or_else(|| "the home team".into()),
            name(*to),
            if *avoid_opposed {
                ", avoiding sceptics and blockers"
            } else {
                ""
            }
        ),
        Highlight::Board {
            size,
            include_audience,
            balanced,
        } => {
            let mut s = format!("board of {size}");
            if *include_audience {
                s.push_str(", audience included");
            }
            if *balanced {
                s.push_str(", seats first");
            }
            s
        }
        Highlight::Stances { stances } => format!(
            "stances {}",
            stances
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let region = match v.region {
        Some(r) => format!(
            "region {},{} to {},{}",
            r.x0.round(),
            r.y0.round(),
            r.x1.round(),
            r.y1.round()
        ),
        None => "the whole map".into(),
    };
    format!(
        "{:>2}. {}  [{}]\n    {region}, {} layout; {highlight}",
        v.position,
        v.title(),
        v.key,
        v.layout
    )
}

fn list(args: &ViewsArgs, map: &Path) -> Result<String> {
    let file = open(map)?;
    let m = file.map();
    if args.json {
        let views: Vec<serde_json::Value> = file
            .views()
            .iter()
            .map(|v| {
                let mut value = serde_json::to_value(v.keyed(m))?;
                if args.shown {
                    let shown = resolve(m, &v.highlight).keyed(m, v);
                    value["shown"] = serde_json::json!({
                        "path": shown.path,
                        "board": shown.board,
                        "people": shown.people,
                        "note": shown.note,
                    });
                }
                Ok(value)
            })
            .collect::<std::result::Result<_, serde_json::Error>>()?;
        return serde_json::to_string_pretty(&views).context("writing JSON");
    }
    if file.views().is_empty() {
        return Ok("no saved views (save one with `advocate views add MAP CAPTION`, or Save view in the app)".into());
    }
    let mut out = format!(
        "{} saved views, in the order they are presented:\n",
        file.views().len()
    );
    for v in file.views() {
        let _ = writeln!(out, "{}", describe(m, v));
        if args.shown {
            let note = resolve(m, &v.highlight).note;
            if !note.is_empty() {
                let _ = writeln!(out, "    shows: {note}");
            }
        }
    }
    Ok(out.trim_end().to_string())
}

pub fn views(args: ViewsArgs) -> Result<String> {
    let Some(cmd) = args.cmd else {
        let Some(map) = &args.map else {
            bail!("name the map whose views to list");
        };
        return list(&args, map);
    };
    match cmd {
        ViewsCmd::Add {
            map,
            caption,
            shape,
            id,
        } => {
            let mut file = open(&map)?;
            let draft = ViewDraft {
                key: id,
                caption,
                layout: shape.layout()?.unwrap_or_default(),
                region: shape.region()?.flatten(),
                highlight: shape.highlight(file.map())?.unwrap_or_default(),
            };
            let key = file.add_view(&draft)?;
            let v = file.find_view(&key)?;
            Ok(format!("saved view {} [{key}]: {}", v.position, v.title()))
        }
        ViewsCmd::Edit {
            map,
            view,
            caption,
            shape,
        } => {
            let mut file = open(&map)?;
            let patch = ViewPatch {
                caption,
                layout: shape.layout()?,
                region: shape.region()?,
                highlight: shape.highlight(file.map())?,
            };
            if patch == ViewPatch::default() {
                bail!(
                    "say what to change: --caption, --region, --whole-map, --layout or a highlight (--path-to, --board, --stances, --no-highlight)"
                );
            }
            let key = file.find_view(&view)?.key;
            file.edit_view(&key, &patch)?;
            let v = file.find_view(&key)?;
            Ok(format!("edited view {} [{key}]: {}", v.position, v.title()))
        }
        ViewsCmd::Remove { map, view } => {
            let mut file = open(&map)?;
            let v = file.find_view(&view)?;
            file.remove_view(&v.key)?;
            Ok(format!(
                "removed view {} [{}]: {}",
                v.position,
                v.key,
                v.title()
            ))
        }
        ViewsCmd::Move { map, view, to } => {
            let mut file = open(&map)?;
            let v = file.find_view(&view)?;
            file.move_view(&v.key, to)?;
            Ok(format!("moved view [{}] to {to}: {}", v.key, v.title()))
        }
    }
}
