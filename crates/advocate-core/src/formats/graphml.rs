//! GraphML, for yEd, Gephi, Cytoscape and networkx: writing every person attribute (key, name,
//! title, department, stance, power, interest, decision-maker, tags, stored position, notes and
//! imported columns) and tie attribute (kind, strength, also as `weight`), and reading GraphML
//! back into [`MapData`], including files from other tools (`label` for name, `weight` for
//! strength).
//!
//! Also owns the mapping of generic node and edge attributes to people and ties that the GEXF
//! reader shares.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use crate::data::{DepartmentData, MapData, Origin, PersonData, TieData};
use crate::export::ExportOptions;
use crate::export::drawing::display_names;
use crate::formats::xml::{self, Element, esc};
use crate::model::{Map, Person, Position, Stance};

/// A person attribute as the graph formats write it: name, type, value.
pub(crate) type Attr = (&'static str, &'static str, String);

/// The node id of a person: their key, or a neutral number in a redacted export.
pub(crate) fn node_id(person: &Person, n: usize, options: &ExportOptions) -> String {
    if options.redact.is_on() {
        format!("p{n}")
    } else {
        person.key.clone()
    }
}

/// The attributes of a person in the graph formats, in a fixed order. Redacted exports carry the
/// redacted name and leave out what was written about the person: notes, tags (empty) and
/// imported columns.
pub(crate) fn person_attrs(map: &Map, p: &Person, name: &str, redact: bool) -> Vec<Attr> {
    let mut out: Vec<Attr> = vec![
        ("name", "string", name.to_string()),
        ("title", "string", p.title.clone()),
        (
            "department",
            "string",
            p.department
                .and_then(|d| map.department(d))
                .map(|d| d.name.clone())
                .unwrap_or_default(),
        ),
        ("stance", "string", p.stance.label().to_string()),
        ("power", "int", p.power.to_string()),
        ("interest", "int", p.interest.to_string()),
        ("decision_maker", "boolean", p.decision_maker.to_string()),
        (
            "tags",
            "string",
            if redact {
                String::new()
            } else {
                p.tags.join("; ")
            },
        ),
    ];
    if let Some(pos) = p.position {
        out.push(("x", "double", num_full(pos.x)));
        out.push(("y", "double", num_full(pos.y)));
        out.push(("pinned", "boolean", pos.pinned.to_string()));
    }
    if !redact && !p.notes.is_empty() {
        out.push(("notes", "string", p.notes.clone()));
    }
    out
}

/// A coordinate with full precision (a round trip gives back the same layout).
pub(crate) fn num_full(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "0".into()
    }
}

/// The node attributes the graph formats declare, with their types.
pub(crate) const NODE_KEYS: [(&str, &str); 12] = [
    ("name", "string"),
    ("title", "string"),
    ("department", "string"),
    ("stance", "string"),
    ("power", "int"),
    ("interest", "int"),
    ("decision_maker", "boolean"),
    ("tags", "string"),
    ("x", "double"),
    ("y", "double"),
    ("pinned", "boolean"),
    ("notes", "string"),
];

/// Imported columns in use on the map, by name (none in a redacted export).
pub(crate) fn extra_attribute_names(map: &Map, redact: bool) -> Vec<String> {
    if redact {
        return Vec::new();
    }
    let known: BTreeSet<&str> = NODE_KEYS.iter().map(|(k, _)| *k).collect();
    let names: BTreeSet<String> = map
        .people()
        .flat_map(|p| p.attributes.keys().cloned())
        .filter(|k| !known.contains(normalise(k).as_str()) && normalise(k) != "key")
        .collect();
    names.into_iter().collect()
}

/// The GraphML of a map.
pub fn write(map: &Map, options: &ExportOptions) -> String {
    let redact = options.redact.is_on();
    let names = display_names(map, options.redact);
    let extras = extra_attribute_names(map, redact);
    let mut s = String::with_capacity(1024 + map.people().len() * 600 + map.ties().len() * 200);
    s.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
<key id="map_name" for="graph" attr.name="name" attr.type="string"/>
"#,
    );
    for (k, t) in NODE_KEYS {
        let _ = writeln!(
            s,
            r#"<key id="{k}" for="node" attr.name="{k}" attr.type="{t}"/>"#
        );
    }
    for (i, k) in extras.iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<key id="attr{i}" for="node" attr.name="{}" attr.type="string"/>"#,
            esc(k)
        );
    }
    s.push_str(
        r#"<key id="kind" for="edge" attr.name="kind" attr.type="string"/>
<key id="strength" for="edge" attr.name="strength" attr.type="double"/>
<key id="weight" for="edge" attr.name="weight" attr.type="double"/>
"#,
    );
    let _ = writeln!(
        s,
        r#"<graph id="G" edgedefault="directed"><data key="map_name">{}</data>"#,
        esc(&map.name)
    );
    let mut ids: HashMap<crate::model::PersonId, String> = HashMap::new();
    for (i, p) in map.people().enumerate() {
        let id = node_id(p, i + 1, options);
        let name = names.get(&p.id).map(String::as_str).unwrap_or("");
        let _ = write!(s, r#"<node id="{}">"#, esc(&id));
        for (k, _, v) in person_attrs(map, p, name, redact) {
            let _ = write!(s, r#"<data key="{k}">{}</data>"#, esc(&v));
        }
        for (i, k) in extras.iter().enumerate() {
            if let Some(v) = p.attributes.get(k) {
                let _ = write!(s, r#"<data key="attr{i}">{}</data>"#, esc(v));
            }
        }
        s.push_str("</node>\n");
        ids.insert(p.id, id);
    }
    for (i, t) in map.ties().enumerate() {
        let (Some(from), Some(to)) = (ids.get(&t.from), ids.get(&t.to)) else {
            continue;
        };
        let _ = writeln!(
            s,
            r#"<edge id="e{}" source="{}" target="{}"><data key="kind">{}</data><data key="strength">{}</data><data key="weight">{}</data></edge>"#,
            i + 1,
            esc(from),
            esc(to),
            esc(&t.kind),
            num_full(t.strength),
            num_full(t.strength),
        );
    }
    s.push_str("</graph>\n</graphml>\n");
    s
}

/// A node as a graph file gives it: its id and its attributes by name.
pub(crate) struct RawNode {
    pub id: String,
    pub attrs: Vec<(String, String)>,
    pub line: usize,
}

/// An edge as a graph file gives it.
pub(crate) struct RawEdge {
    pub source: String,
    pub target: String,
    pub attrs: Vec<(String, String)>,
    pub line: usize,
    /// Draw both directions (an undirected edge).
    pub both_ways: bool,
}

/// An attribute name without case, spaces, underscores or hyphens.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" => Some(true),
        "false" | "0" | "no" | "n" | "" => Some(false),
        _ => None,
    }
}

fn parse_level(v: &str, what: &str, place: &str) -> Result<u8, String> {
    let n: f64 = v
        .trim()
        .parse()
        .map_err(|_| format!("{place}: {what} {v:?} is not a number from 1 to 5"))?;
    if !(1.0..=5.0).contains(&n) {
        return Err(format!("{place}: {what} {v:?} is not from 1 to 5"));
    }
    Ok(n.round() as u8)
}

/// People, departments and ties from the nodes and edges of a graph file.
pub(crate) fn to_map_data(
    name: Option<String>,
    nodes: Vec<RawNode>,
    edges: Vec<RawEdge>,
    file: &str,
) -> Result<MapData, String> {
    let mut people = Vec::with_capacity(nodes.len());
    let mut departments: BTreeMap<String, DepartmentData> = BTreeMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for node in nodes {
        let place = format!("{file} line {}", node.line);
        if let Some(line) = seen.insert(node.id.clone(), node.line) {
            return Err(format!(
                "{place}: node id {:?} is used twice (first on line {line})",
                node.id
            ));
        }
        let mut p = PersonData {
            id: Some(node.id.clone()),
            origin: Origin(Some(place.clone())),
            ..PersonData::default()
        };
        let (mut x, mut y, mut pinned) = (None, None, false);
        let mut label = None;
        for (k, v) in node.attrs {
            match normalise(&k).as_str() {
                "name" | "fullname" => p.name = v.trim().to_string(),
                "label" => label = Some(v.trim().to_string()),
                "key" => {
                    p.id = Some(v.trim().to_string())
                        .filter(|k| !k.is_empty())
                        .or(p.id)
                }
                "title" | "jobtitle" | "role" => p.title = Some(v),
                "department" | "dept" | "team" => {
                    let d = v.trim().to_string();
                    if !d.is_empty() {
                        departments
                            .entry(d.to_lowercase())
                            .or_insert(DepartmentData {
                                name: d.clone(),
                                ..DepartmentData::default()
                            });
                        p.department = Some(d);
                    }
                }
                "stance" => {
                    if !v.trim().is_empty() {
                        p.stance = Some(Stance::parse(&v).map_err(|e| format!("{place}: {e}"))?);
                    }
                }
                "power" => p.power = Some(parse_level(&v, "power", &place)?),
                "interest" => p.interest = Some(parse_level(&v, "interest", &place)?),
                "decisionmaker" => {
                    p.decision_maker = Some(parse_bool(&v).ok_or_else(|| {
                        format!("{place}: decision_maker {v:?} is not true or false")
                    })?)
                }
                "tags" => {
                    p.tags = Some(
                        v.split([';', ','])
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string)
                            .collect(),
                    )
                }
                "notes" => p.notes = Some(v),
                "x" => x = v.trim().parse::<f64>().ok(),
                "y" => y = v.trim().parse::<f64>().ok(),
                "pinned" => pinned = parse_bool(&v).unwrap_or(false),
                _ => {
                    p.attributes.insert(k, v);
                }
            }
        }
        if p.name.is_empty() {
            p.name = label.unwrap_or_else(|| node.id.clone());
        } else if let Some(l) = label.filter(|l| *l != p.name) {
            p.attributes.insert("label".into(), l);
        }
        if let (Some(x), Some(y)) = (x, y) {
            p.position = Some(Position { x, y, pinned });
        }
        people.push(p);
    }
    let mut ties = Vec::with_capacity(edges.len());
    for e in edges {
        let place = format!("{file} line {}", e.line);
        for end in [&e.source, &e.target] {
            if !seen.contains_key(end) {
                return Err(format!(
                    "{place}: the edge names node {end:?}, which is not in the file"
                ));
            }
        }
        let mut kind = None;
        let (mut strength, mut weight) = (None, None);
        let mut label = None;
        for (k, v) in &e.attrs {
            match normalise(k).as_str() {
                "kind" | "type" | "relationship" => kind = Some(v.trim().to_string()),
                "label" => label = Some(v.trim().to_string()),
                "strength" => {
                    let s: f64 = v.trim().parse().map_err(|_| {
                        format!("{place}: strength {v:?} is not a number between 0 and 1")
                    })?;
                    if !(0.0..=1.0).contains(&s) {
                        return Err(format!("{place}: strength {v:?} is not between 0 and 1"));
                    }
                    strength = Some(s);
                }
                // Other tools' weights are used when they are a chance (0 to 1).
                "weight" => {
                    weight = v
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|w| (0.0..=1.0).contains(w))
                }
                _ => {}
            }
        }
        let kind = kind
            .or(label)
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| "peer".to_string());
        let tie = TieData {
            from: e.source.clone(),
            to: e.target.clone(),
            kind,
            strength: strength.or(weight),
            notes: None,
            origin: Origin(Some(place)),
        };
        if e.both_ways && e.source != e.target {
            ties.push(TieData {
                from: e.target.clone(),
                to: e.source.clone(),
                ..tie.clone()
            });
        }
        ties.push(tie);
    }
    Ok(MapData {
        format: crate::data::FORMAT.to_string(),
        version: crate::data::FORMAT_VERSION,
        name: name.filter(|n| !n.trim().is_empty()),
        departments: departments.into_values().collect(),
        people,
        ties,
        ..MapData::default()
    })
}

/// Reads GraphML (ours or another tool's) into the portable form. Keys are matched by their
/// `attr.name` (else their id); `label` stands for name and `weight` for strength; an undirected
/// graph's edges become ties both ways; other attributes are kept as imported columns.
pub fn read_graphml(text: &str, file_name: &str) -> Result<MapData, String> {
    let root = xml::parse(text, file_name)?;
    if root.name != "graphml" {
        return Err(format!(
            "{file_name} line {}: this is not GraphML (the root element is <{}>, expected <graphml>)",
            root.line, root.name
        ));
    }
    let mut keys: HashMap<String, (String, Option<String>)> = HashMap::new();
    for k in root.children_named("key") {
        let Some(id) = k.attr("id") else {
            return Err(format!("{file_name} line {}: <key> without an id", k.line));
        };
        let name = k.attr("attr.name").unwrap_or(id).to_string();
        let default = k.child("default").map(|d| d.text.clone());
        keys.insert(id.to_string(), (name, default));
    }
    let Some(graph) = root.child("graph") else {
        return Err(format!(
            "{file_name} line {}: the GraphML has no <graph>",
            root.line
        ));
    };
    let undirected = graph.attr("edgedefault") == Some("undirected");
    let data = |el: &Element| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = el
            .children_named("data")
            .filter_map(|d| {
                let key = d.attr("key")?;
                let name = keys
                    .get(key)
                    .map(|(n, _)| n.clone())
                    .unwrap_or_else(|| key.to_string());
                Some((name, d.text.clone()))
            })
            .collect();
        out.iter_mut()
            .for_each(|(_, v)| *v = v.trim_matches(['\n', '\r']).to_string());
        out
    };
    let mut name = None;
    for (k, v) in data(graph) {
        if normalise(&k) == "name" {
            name = Some(v);
        }
    }
    // Defaults declared on keys apply to nodes without the data.
    let node_defaults: Vec<(String, String)> = root
        .children_named("key")
        .filter(|k| matches!(k.attr("for"), Some("node") | Some("all")))
        .filter_map(|k| {
            let (n, d) = keys.get(k.attr("id")?)?;
            Some((n.clone(), d.clone()?))
        })
        .collect();
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for el in &graph.children {
        match el.name.as_str() {
            "node" => {
                let Some(id) = el.attr("id") else {
                    return Err(format!(
                        "{file_name} line {}: <node> without an id",
                        el.line
                    ));
                };
                let mut attrs = data(el);
                for (k, v) in &node_defaults {
                    if !attrs.iter().any(|(a, _)| a == k) {
                        attrs.push((k.clone(), v.clone()));
                    }
                }
                nodes.push(RawNode {
                    id: id.to_string(),
                    attrs,
                    line: el.line,
                });
            }
            "edge" => {
                let (Some(source), Some(target)) = (el.attr("source"), el.attr("target")) else {
                    return Err(format!(
                        "{file_name} line {}: <edge> needs a source and a target",
                        el.line
                    ));
                };
                let both_ways = match el.attr("directed") {
                    Some(d) => d == "false",
                    None => undirected,
                };
                edges.push(RawEdge {
                    source: source.to_string(),
                    target: target.to_string(),
                    attrs: data(el),
                    line: el.line,
                    both_ways,
                });
            }
            _ => {}
        }
    }
    to_map_data(name, nodes, edges, file_name)
}
