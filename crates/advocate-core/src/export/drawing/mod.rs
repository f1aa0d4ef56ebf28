//! The drawing of a map that every drawn export shares (SVG, PNG, PDF, the PPTX map slide): where
//! each person sits, how big (by power or a given influence score), their stance colour, the
//! department tints behind them, the ties as arrows (width by strength, dash by kind), the labels,
//! the title and the legend.
//!
//! The stance palette ([`STANCE_COLOURS`]) is the one place the product's stance colours are
//! defined, so the desktop app can use the same ones. It is a blue-to-orange diverging scale from
//! the Okabe-Ito set, which stays distinguishable under the common colour-vision deficiencies.
//!
//! People without a stored position get a deterministic fallback layout: one block per
//! department, people in rows within it, decision-makers and the most powerful first.

mod palette;
mod style;
mod text;

pub use palette::*;
pub use style::*;
pub use text::*;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::export::ExportOptions;
use crate::model::{DepartmentId, Map, Person, PersonId, Stance};

/// A person as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenePerson {
    pub id: PersonId,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub stance: Stance,
    pub fill: &'static str,
    /// The label under the node: one or two lines, shortened with an ellipsis.
    pub label: Vec<String>,
    /// The full name (or its redaction), for tooltips and alt text.
    pub full_label: String,
    /// Title, department, stance, power: for tooltips.
    pub detail: String,
    pub decision_maker: bool,
    /// In the goal's audience (`Map::audience`): a dashed ring.
    pub audience: bool,
    /// In the home team: a small square badge.
    pub home: bool,
    pub on_path: bool,
    pub on_board: bool,
    /// The department's tint, drawn as a halo when the departments overlap too much for blocks.
    pub tint: Option<String>,
    /// Drawn faded because something else is highlighted.
    pub faded: bool,
}

/// A tie as drawn: an arrow from the edge of one node to the edge of the other.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneTie {
    pub from: usize,
    pub to: usize,
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub width: f64,
    pub dash: Dash,
    pub kind: String,
    pub strength: f64,
    pub on_path: bool,
    pub faded: bool,
}

/// A department's tinted block behind its people.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneDepartment {
    pub id: DepartmentId,
    pub name: String,
    pub tint: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The legend: stances, tie kinds on this map, what the size means, the highlights.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub font: f64,
    pub stances: Vec<(Stance, &'static str)>,
    pub kinds: Vec<(String, Dash)>,
    pub size_caption: &'static str,
    pub path: bool,
    pub board: bool,
    pub decision_makers: bool,
    pub audience: bool,
    pub home: bool,
    /// Departments and their tints, when they are drawn as halos rather than blocks.
    pub departments: Vec<(String, String)>,
}

/// Everything a drawing needs, in logical units (1 unit = 1 px at the default size).
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub subtitle: String,
    pub title_font: f64,
    pub subtitle_font: f64,
    pub label_font: f64,
    /// The length of an arrowhead.
    pub arrow: f64,
    /// How opaque ties are: lighter on dense maps, so people stay readable.
    pub tie_opacity: f64,
    pub departments: Vec<SceneDepartment>,
    pub ties: Vec<SceneTie>,
    pub people: Vec<ScenePerson>,
    pub legend: Legend,
    pub transparent: bool,
}

/// The logical canvas for a map: wide enough for its people at a readable size, with the aspect of
/// the chosen size or page.
pub fn canvas_size(people: usize, options: &ExportOptions) -> (f64, f64) {
    let aspect = match options.size {
        Some((w, h)) if w > 0 && h > 0 => w as f64 / h as f64,
        _ => {
            let (w, h) = options.page.unwrap_or_default().points();
            w / h
        }
    };
    let needed = people as f64 * 3200.0;
    let h = (needed / aspect).sqrt().max(900.0);
    (h * aspect, h)
}

/// The fallback layout: a block per department (in name order, people without one last), people
/// in rows inside it. Returns layout coordinates in cell units.
fn fallback_layout(map: &Map, people: &[&Person]) -> HashMap<PersonId, (f64, f64)> {
    let mut groups: BTreeMap<(u8, String, i64), Vec<&Person>> = BTreeMap::new();
    for p in people {
        let key = match p.department.and_then(|d| map.department(d)) {
            Some(d) => (0, d.name.to_lowercase(), d.id.0),
            None => (1, String::new(), 0),
        };
        groups.entry(key).or_default().push(p);
    }
    let blocks: Vec<Vec<&Person>> = groups
        .into_values()
        .map(|mut g| {
            g.sort_by(|a, b| {
                b.decision_maker
                    .cmp(&a.decision_maker)
                    .then(b.power.cmp(&a.power))
                    .then(a.name.cmp(&b.name))
                    .then(a.id.cmp(&b.id))
            });
            g
        })
        .collect();
    // Cells are 1 wide and 0.75 tall (labels need width); blocks are laid in rows of similar
    // total width, each block as square as it can be.
    const CELL_W: f64 = 1.0;
    const CELL_H: f64 = 0.8;
    let dims: Vec<(usize, usize)> = blocks
        .iter()
        .map(|b| {
            let cols = ((b.len() as f64 * CELL_H / CELL_W).sqrt().ceil() as usize).max(1);
            (cols, b.len().div_ceil(cols))
        })
        .collect();
    let total: f64 = dims
        .iter()
        .map(|(c, r)| (*c as f64 + 1.0) * (*r as f64 + 1.0) * CELL_W * CELL_H)
        .sum();
    let row_width = (total * 16.0 / 9.0).sqrt().max(1.0);
    let mut out = HashMap::new();
    let (mut x, mut y, mut row_h) = (0.0f64, 0.0f64, 0.0f64);
    for (block, (cols, rows)) in blocks.iter().zip(dims) {
        let bw = cols as f64 * CELL_W;
        if x > 0.0 && x + bw > row_width {
            x = 0.0;
            y += row_h + 1.2 * CELL_H;
            row_h = 0.0;
        }
        for (i, p) in block.iter().enumerate() {
            let (c, r) = (i % cols, i / cols);
            // Stagger odd rows so labels of neighbouring rows do not line up.
            let stagger = if r % 2 == 1 && cols > 1 { 0.25 } else { 0.0 };
            out.insert(
                p.id,
                (x + (c as f64 + stagger) * CELL_W, y + r as f64 * CELL_H),
            );
        }
        x += bw + 0.8 * CELL_W;
        row_h = row_h.max(rows as f64 * CELL_H);
    }
    out
}

/// Computes the drawing of a map on a canvas of `width` × `height` logical units.
pub fn build_scene(map: &Map, options: &ExportOptions, width: f64, height: f64) -> Scene {
    let unit = height / 900.0;
    let people: Vec<&Person> = map.people().collect();
    let names = display_names(map, options.redact);

    // Layout coordinates: stored positions, and the fallback for people without one, placed to
    // the right of the stored ones.
    let missing: Vec<&Person> = people
        .iter()
        .copied()
        .filter(|p| p.position.is_none())
        .collect();
    let mut coords: HashMap<PersonId, (f64, f64)> = people
        .iter()
        .filter_map(|p| p.position.map(|pos| (p.id, (pos.x, pos.y))))
        .collect();
    if !missing.is_empty() {
        let fallback = fallback_layout(map, &missing);
        if coords.is_empty() {
            coords = fallback;
        } else {
            // Stored layouts are in the desktop app's pixels: scale the fallback's cells to the
            // typical spacing of the stored people and put it to their right.
            let (min_x, min_y, max_x, _) = bounds(coords.values().copied());
            let spacing = median_nearest(&coords.values().copied().collect::<Vec<_>>())
                .max(1.0)
                .max((max_x - min_x) / 40.0);
            for (id, (x, y)) in fallback {
                coords.insert(
                    id,
                    (
                        max_x + spacing * 2.0 + x * spacing * 1.5,
                        min_y + y * spacing * 1.5,
                    ),
                );
            }
        }
    }

    // A view keeps the people inside it and is itself the extent to fit.
    let mut people = people;
    if let Some(view) = options.view {
        coords.retain(|_, c| view.contains(*c));
        people.retain(|p| coords.contains_key(&p.id));
    }

    // The drawing area: below the title, left of the legend.
    let margin = 24.0 * unit;
    let title_font = 30.0 * unit;
    let subtitle_font = 17.0 * unit;
    let legend_w = 210.0 * unit;
    let top = margin + title_font + subtitle_font + 26.0 * unit;
    let area = (
        margin,
        top,
        width - legend_w - 2.0 * margin,
        height - top - margin,
    );

    // Fit the layout (or the view) into the area, keeping its proportions; leave room for labels.
    let (min_x, min_y, max_x, max_y) = match options.view {
        Some(v) => (v.x0, v.y0, v.x1, v.y1),
        None => bounds(coords.values().copied()),
    };
    let (bw, bh) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
    let n = people.len().max(1) as f64;
    let typical = ((area.2 * area.3) / n).sqrt();
    let pad = (typical * 0.45).clamp(20.0 * unit, 60.0 * unit);
    let inner = (area.2 - 2.0 * pad, area.3 - 2.0 * pad);
    let single = people.len() <= 1 && options.view.is_none();
    let scale = if single {
        1.0
    } else {
        (inner.0 / bw).min(inner.1 / bh)
    };
    let off_x = area.0 + pad + (inner.0 - bw * scale) / 2.0;
    let off_y = area.1 + pad + (inner.1 - bh * scale) / 2.0;
    let place = |(x, y): (f64, f64)| {
        if single {
            (area.0 + area.2 / 2.0, area.1 + area.3 / 2.0)
        } else {
            (off_x + (x - min_x) * scale, off_y + (y - min_y) * scale)
        }
    };
    let placed: Vec<(f64, f64)> = people
        .iter()
        .map(|p| place(coords.get(&p.id).copied().unwrap_or((min_x, min_y))))
        .collect();

    // Sizes from the actual spacing, so dense maps get small nodes and small labels.
    let nearest = if placed.len() > 1 {
        median_nearest(&placed)
    } else {
        typical
    };
    let base_r = (nearest * 0.2).clamp(3.5 * unit, 16.0 * unit);
    let label_font = (nearest * 0.17).clamp(6.0 * unit, 13.0 * unit);
    let label_chars = ((nearest * 1.1) / (label_font * 0.55)).clamp(8.0, 20.0);
    let max_score = options
        .influence
        .as_ref()
        .map(|m| m.values().copied().fold(0.0f64, f64::max))
        .filter(|m| *m > 0.0);

    let path: HashSet<PersonId> = options.highlight_path.iter().copied().collect();
    let board: HashSet<PersonId> = options.highlight_board.iter().copied().collect();
    let audience: HashSet<PersonId> = map.audience().into_iter().collect();
    let home: HashSet<PersonId> = map.members(&map.home).into_iter().collect();
    let picked: HashSet<PersonId> = options.highlight_people.iter().copied().collect();
    let highlighting = !path.is_empty() || !board.is_empty() || !picked.is_empty();
    let index: HashMap<PersonId, usize> =
        people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();

    let mut scene_people: Vec<ScenePerson> = people
        .iter()
        .zip(&placed)
        .map(|(p, (x, y))| {
            let size = match (&options.influence, max_score) {
                (Some(scores), Some(max)) => {
                    0.6 + 0.8 * (scores.get(&p.id).copied().unwrap_or(0.0) / max).clamp(0.0, 1.0)
                }
                _ => 0.6 + 0.2 * (p.power.clamp(1, 5) as f64 - 1.0),
            };
            let name = names.get(&p.id).cloned().unwrap_or_default();
            let dept = p
                .department
                .and_then(|d| map.department(d))
                .map(|d| d.name.as_str())
                .unwrap_or("no department");
            let title = if options.redact.is_on() || p.title.is_empty() {
                String::new()
            } else {
                format!("{}, ", p.title)
            };
            let detail = format!(
                "{title}{dept}; {}; power {}, interest {}{}",
                p.stance,
                p.power,
                p.interest,
                if p.decision_maker {
                    "; decision-maker"
                } else {
                    ""
                }
            );
            let on_path = path.contains(&p.id);
            let on_board = board.contains(&p.id);
            ScenePerson {
                id: p.id,
                x: *x,
                y: *y,
                r: base_r * size,
                stance: p.stance,
                fill: stance_colour(p.stance),
                label: label_lines(&name, label_chars),
                full_label: name,
                detail,
                decision_maker: p.decision_maker,
                audience: audience.contains(&p.id),
                home: home.contains(&p.id),
                on_path,
                on_board,
                tint: None,
                faded: highlighting && !on_path && !on_board && !picked.contains(&p.id),
            }
        })
        .collect();

    // Ties: consecutive people of the highlighted path mark their tie.
    let mut path_pairs: HashSet<(PersonId, PersonId)> = HashSet::new();
    for w in options.highlight_path.windows(2) {
        path_pairs.insert((w[0], w[1]));
    }
    let stroke_unit = (nearest / 70.0).clamp(0.5, 1.4) * unit.max(0.5);
    let ties: Vec<SceneTie> = map
        .ties()
        .filter_map(|t| {
            let (a, b) = (*index.get(&t.from)?, *index.get(&t.to)?);
            let (pa, pb) = (&scene_people[a], &scene_people[b]);
            let (dx, dy) = (pb.x - pa.x, pb.y - pa.y);
            let len = (dx * dx + dy * dy).sqrt();
            if len < 1e-6 {
                return None;
            }
            let (ux, uy) = (dx / len, dy / len);
            // A pair of ties in both directions is drawn as two parallel arrows.
            let shift = if map.tie_between(t.to, t.from).is_some() {
                base_r * 0.3
            } else {
                0.0
            };
            let (nx, ny) = (-uy * shift, ux * shift);
            let on_path = path_pairs.contains(&(t.from, t.to))
                || (path_pairs.contains(&(t.to, t.from))
                    && map.tie_between(t.to, t.from).is_none());
            let width = (0.6 + 2.4 * t.strength.clamp(0.0, 1.0)) * stroke_unit;
            let gap = 1.5 * stroke_unit;
            Some(SceneTie {
                from: a,
                to: b,
                x1: pa.x + ux * (pa.r + gap) + nx,
                y1: pa.y + uy * (pa.r + gap) + ny,
                x2: pb.x - ux * (pb.r + gap) + nx,
                y2: pb.y - uy * (pb.r + gap) + ny,
                width: if on_path {
                    width.max(stroke_unit * 2.0) * 1.6
                } else {
                    width
                },
                dash: if on_path {
                    Dash::Solid
                } else {
                    kind_dash_in(&map.kinds, &t.kind)
                },
                kind: t.kind.to_string(),
                strength: t.strength,
                on_path,
                faded: highlighting && !on_path,
            })
        })
        .collect();

    // Department blocks around their people (with room for the labels below the nodes).
    let mut by_department: BTreeMap<DepartmentId, Vec<usize>> = BTreeMap::new();
    for (i, p) in people.iter().enumerate() {
        if let Some(d) = p.department {
            by_department.entry(d).or_default().push(i);
        }
    }
    let mut departments = Vec::new();
    for (k, (id, members)) in by_department.iter().enumerate() {
        let Some(d) = map.department(*id) else {
            continue;
        };
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in members {
            let p = &scene_people[*i];
            let half_label = (label_chars * label_font * 0.55 / 2.0).min(nearest * 0.5);
            x0 = x0.min(p.x - p.r.max(half_label));
            x1 = x1.max(p.x + p.r.max(half_label));
            y0 = y0.min(p.y - p.r);
            y1 = y1.max(p.y + p.r + label_font * 2.4);
        }
        let padding = base_r * 0.8;
        let tint = department_tint(d.colour.as_deref(), k);
        for i in members {
            scene_people[*i].tint = Some(tint.clone());
        }
        departments.push(SceneDepartment {
            id: *id,
            name: d.name.clone(),
            tint,
            x: x0 - padding,
            y: y0 - padding - label_font * 1.8,
            w: x1 - x0 + 2.0 * padding,
            h: y1 - y0 + 2.0 * padding + label_font * 1.8,
        });
    }

    // A stored layout may mix departments: then blocks would pile up, and each person gets a
    // halo in their department's tint instead, with the departments in the legend.
    let overlapping = departments.iter().enumerate().any(|(i, a)| {
        departments[i + 1..].iter().any(|b| {
            let w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
            let h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
            w > 0.0 && h > 0.0 && w * h > 0.2 * (a.w * a.h).min(b.w * b.h)
        })
    });
    let legend_departments = if overlapping {
        departments
            .iter()
            .take(10)
            .map(|d| (d.name.clone(), d.tint.clone()))
            .collect()
    } else {
        for p in &mut scene_people {
            p.tint = None;
        }
        Vec::new()
    };
    if overlapping {
        departments.clear();
    }

    // The legend lists the kinds on this map, the most common first.
    let mut kind_count: BTreeMap<String, usize> = BTreeMap::new();
    for t in map.ties() {
        *kind_count.entry(t.kind.to_string()).or_default() += 1;
    }
    let mut kinds: Vec<(String, usize)> = kind_count.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let legend = Legend {
        x: width - legend_w - margin * 0.5,
        y: top,
        w: legend_w,
        font: 13.0 * unit,
        stances: STANCE_COLOURS.to_vec(),
        kinds: kinds
            .into_iter()
            .take(8)
            .map(|(k, _)| {
                let dash = kind_dash_in(&map.kinds, &k);
                (k, dash)
            })
            .collect(),
        size_caption: if max_score.is_some() {
            "Size: influence"
        } else {
            "Size: power (1-5)"
        },
        path: !path.is_empty(),
        board: !board.is_empty(),
        decision_makers: people.iter().any(|p| p.decision_maker),
        audience: people.iter().any(|p| audience.contains(&p.id)),
        home: people.iter().any(|p| home.contains(&p.id)),
        departments: legend_departments,
    };

    let title = options.title.clone().unwrap_or_else(|| {
        if map.goal.initiative.trim().is_empty() {
            map.name.clone()
        } else {
            map.goal.initiative.trim().to_string()
        }
    });
    let subtitle = options.subtitle.clone().unwrap_or_else(|| {
        let date = crate::store::today();
        if map.goal.initiative.trim().is_empty() || map.name.trim().is_empty() {
            format!("Influence map · {date}")
        } else {
            format!("Influence map: {} · {date}", map.name.trim())
        }
    });

    Scene {
        width,
        height,
        title: shorten(&title, width / (title_font * 0.58)),
        subtitle: shorten(&subtitle, width / (subtitle_font * 0.55)),
        title_font,
        subtitle_font,
        label_font,
        arrow: (stroke_unit * 6.0).max(label_font * 0.45),
        tie_opacity: (600.0 / ties.len().max(1) as f64).clamp(0.3, 0.8),
        departments,
        ties,
        people: scene_people,
        legend,
        transparent: options.transparent,
    }
}

/// The scene for a map at the canvas size its options ask for.
pub fn scene(map: &Map, options: &ExportOptions) -> Scene {
    let (w, h) = canvas_size(map.people().len(), options);
    build_scene(map, options, w, h)
}

/// A department's tint: its own colour where it has a valid one, else the `k`-th of the palette's
/// tints (`k` being its place in the drawing's order of departments).
pub(crate) fn department_tint(colour: Option<&str>, k: usize) -> String {
    colour
        .filter(|c| is_hex_colour(c))
        .map(six_digit_hex)
        .unwrap_or_else(|| DEPARTMENT_TINTS[k % DEPARTMENT_TINTS.len()].to_string())
}

fn is_hex_colour(c: &str) -> bool {
    let c = c.trim();
    c.starts_with('#')
        && (c.len() == 7 || c.len() == 4)
        && c[1..].chars().all(|ch| ch.is_ascii_hexdigit())
}

/// `#abc` → `#AABBCC`; six-digit colours upper-cased (what DrawingML and GEXF need).
fn six_digit_hex(c: &str) -> String {
    let h = c.trim().trim_start_matches('#');
    if h.len() == 3 {
        h.chars()
            .flat_map(|ch| [ch, ch])
            .fold(String::from("#"), |mut s, ch| {
                s.push(ch.to_ascii_uppercase());
                s
            })
    } else {
        format!("#{}", h.to_ascii_uppercase())
    }
}

fn bounds(points: impl Iterator<Item = (f64, f64)>) -> (f64, f64, f64, f64) {
    let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut any = false;
    for (x, y) in points {
        any = true;
        b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    }
    if any { b } else { (0.0, 0.0, 1.0, 1.0) }
}

/// The median distance from a point to its nearest neighbour, on a grid of buckets so a
/// thousand-person map stays fast.
fn median_nearest(points: &[(f64, f64)]) -> f64 {
    if points.len() < 2 {
        return 1.0;
    }
    let (x0, y0, x1, y1) = bounds(points.iter().copied());
    let cell = (((x1 - x0) * (y1 - y0)).max(1e-9) / points.len() as f64)
        .sqrt()
        .max(1e-9);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let key = |(x, y): (f64, f64)| (((x - x0) / cell) as i64, ((y - y0) / cell) as i64);
    for (i, p) in points.iter().enumerate() {
        grid.entry(key(*p)).or_default().push(i);
    }
    let mut nearest: Vec<f64> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (cx, cy) = key(*p);
            let mut best = f64::MAX;
            let mut ring = 1;
            loop {
                for gx in cx - ring..=cx + ring {
                    for gy in cy - ring..=cy + ring {
                        for j in grid.get(&(gx, gy)).into_iter().flatten() {
                            if *j != i {
                                let q = points[*j];
                                let d = ((q.0 - p.0).powi(2) + (q.1 - p.1).powi(2)).sqrt();
                                best = best.min(d);
                            }
                        }
                    }
                }
                if best <= ring as f64 * cell || ring > 8 {
                    break;
                }
                ring += 1;
            }
            if best == f64::MAX { cell } else { best }
        })
        .collect();
    nearest.sort_by(|a, b| a.total_cmp(b));
    let m = nearest[nearest.len() / 2];
    if m > 0.0 { m } else { cell }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_then_shorten() {
        assert_eq!(label_lines("Ann Lee", 12.0), vec!["Ann Lee"]);
        let lines = label_lines("Maximiliane Alexandra von Hohenzollern-Sigmaringen", 14.0);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(shorten("王小明王小明王小明王小明", 8.0).ends_with('…'));
    }

    #[test]
    fn department_colours_become_six_digit_hex() {
        assert_eq!(six_digit_hex("#a1c"), "#AA11CC");
        assert_eq!(six_digit_hex("#1f77b4"), "#1F77B4");
        assert!(!is_hex_colour("red"));
    }

    #[test]
    fn initials_of_names_in_any_script() {
        assert_eq!(initials("Asha Patel-Whitfield").as_deref(), Some("A.P.W."));
        assert_eq!(initials("élise durand").as_deref(), Some("É.D."));
        assert_eq!(initials("  ").as_deref(), None);
    }
}
