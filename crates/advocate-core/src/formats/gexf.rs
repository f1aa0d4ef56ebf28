//! GEXF 1.2, Gephi's own format (also read by networkx): writing every person attribute and tie
//! attribute, with the stance colour, power as size and the stored position in the `viz`
//! extension; and reading GEXF back into [`MapData`] (ours, or Gephi's with `label` as name and
//! `weight` as strength).

use std::collections::HashMap;
use std::fmt::Write;

use crate::data::MapData;
use crate::export::ExportOptions;
use crate::export::drawing::{display_names, stance_colour};
use crate::formats::graphml::{
    NODE_KEYS, RawEdge, RawNode, extra_attribute_names, node_id, num_full, person_attrs,
    to_map_data,
};
use crate::formats::xml::{self, esc};
use crate::model::{Map, PersonId};

fn gexf_type(t: &str) -> &'static str {
    match t {
        "int" => "integer",
        "double" => "double",
        "boolean" => "boolean",
        _ => "string",
    }
}

fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(128)
    };
    (c(0), c(2), c(4))
}

/// The GEXF of a map.
pub fn write(map: &Map, options: &ExportOptions) -> String {
    let redact = options.redact.is_on();
    let names = display_names(map, options.redact);
    let extras = extra_attribute_names(map, redact);
    let mut s = String::with_capacity(1024 + map.people().len() * 800 + map.ties().len() * 250);
    let _ = write!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
<meta><creator>Advocate</creator><description>{}</description></meta>
<graph defaultedgetype="directed" mode="static">
<attributes class="node" mode="static">
"#,
        esc(&map.name)
    );
    // The name is the node's label, not an attribute.
    for (k, t) in NODE_KEYS.iter().filter(|(k, _)| *k != "name") {
        let _ = writeln!(
            s,
            r#"<attribute id="{k}" title="{k}" type="{}"/>"#,
            gexf_type(t)
        );
    }
    for (i, k) in extras.iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<attribute id="attr{i}" title="{}" type="string"/>"#,
            esc(k)
        );
    }
    s.push_str(
        r#"</attributes>
<attributes class="edge" mode="static">
<attribute id="kind" title="kind" type="string"/>
<attribute id="strength" title="strength" type="double"/>
</attributes>
<nodes>
"#,
    );
    let mut ids: HashMap<PersonId, String> = HashMap::new();
    for (i, p) in map.people().enumerate() {
        let id = node_id(p, i + 1, options);
        let name = names.get(&p.id).map(String::as_str).unwrap_or("");
        let _ = write!(
            s,
            r#"<node id="{}" label="{}"><attvalues>"#,
            esc(&id),
            esc(name)
        );
        for (k, _, v) in person_attrs(map, p, name, redact) {
            if k != "name" {
                let _ = write!(s, r#"<attvalue for="{k}" value="{}"/>"#, esc(&v));
            }
        }
        for (i, k) in extras.iter().enumerate() {
            if let Some(v) = p.attributes.get(k) {
                let _ = write!(s, r#"<attvalue for="attr{i}" value="{}"/>"#, esc(v));
            }
        }
        let (r, g, b) = rgb(stance_colour(p.stance));
        let _ = write!(
            s,
            r#"</attvalues><viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{}"/>"#,
            4 + 2 * u32::from(p.power)
        );
        if let Some(pos) = p.position {
            let _ = write!(
                s,
                r#"<viz:position x="{}" y="{}" z="0"/>"#,
                num_full(pos.x),
                num_full(pos.y)
            );
        }
        s.push_str("</node>\n");
        ids.insert(p.id, id);
    }
    s.push_str("</nodes>\n<edges>\n");
    for (i, t) in map.ties().enumerate() {
        let (Some(from), Some(to)) = (ids.get(&t.from), ids.get(&t.to)) else {
            continue;
        };
        let _ = writeln!(
            s,
            r#"<edge id="{i}" source="{}" target="{}" weight="{w}" label="{k}"><attvalues><attvalue for="kind" value="{k}"/><attvalue for="strength" value="{w}"/></attvalues></edge>"#,
            esc(from),
            esc(to),
            w = num_full(t.strength),
            k = esc(&t.kind),
        );
    }
    s.push_str("</edges>\n</graph>\n</gexf>\n");
    s
}

/// Reads GEXF (ours or Gephi's) into the portable form: attributes by their title, the node
/// label as name, the edge weight as strength when it is between 0 and 1, `viz:position` as the
/// layout when there are no x and y attributes.
pub fn read_gexf(text: &str, file_name: &str) -> Result<MapData, String> {
    let root = xml::parse(text, file_name)?;
    if root.name != "gexf" {
        return Err(format!(
            "{file_name} line {}: this is not GEXF (the root element is <{}>, expected <gexf>)",
            root.line, root.name
        ));
    }
    let Some(graph) = root.child("graph") else {
        return Err(format!(
            "{file_name} line {}: the GEXF has no <graph>",
            root.line
        ));
    };
    let name = root
        .child("meta")
        .and_then(|m| m.child("description").or_else(|| m.child("title")))
        .map(|d| d.text.trim().to_string());
    let undirected = graph.attr("defaultedgetype") == Some("undirected");
    let mut titles: HashMap<(String, String), String> = HashMap::new();
    for block in graph.children_named("attributes") {
        let class = block.attr("class").unwrap_or("node").to_string();
        for a in block.children_named("attribute") {
            if let Some(id) = a.attr("id") {
                let title = a.attr("title").unwrap_or(id).to_string();
                titles.insert((class.clone(), id.to_string()), title);
            }
        }
    }
    let values = |el: &xml::Element, class: &str| -> Vec<(String, String)> {
        el.child("attvalues")
            .into_iter()
            .flat_map(|a| a.children_named("attvalue"))
            .filter_map(|v| {
                let id = v.attr("for").or_else(|| v.attr("id"))?;
                let title = titles
                    .get(&(class.to_string(), id.to_string()))
                    .cloned()
                    .unwrap_or_else(|| id.to_string());
                Some((title, v.attr("value").unwrap_or("").to_string()))
            })
            .collect()
    };
    let mut nodes = Vec::new();
    for el in graph
        .children_named("nodes")
        .flat_map(|n| n.children_named("node"))
    {
        let Some(id) = el.attr("id") else {
            return Err(format!(
                "{file_name} line {}: <node> without an id",
                el.line
            ));
        };
        let mut attrs = values(el, "node");
        if let Some(label) = el.attr("label") {
            attrs.insert(0, ("name".into(), label.to_string()));
        }
        let has_xy = attrs
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("x") || k.eq_ignore_ascii_case("y"));
        if !has_xy && let Some(pos) = el.child("position") {
            attrs.push(("x".into(), pos.attr("x").unwrap_or("0").to_string()));
            attrs.push(("y".into(), pos.attr("y").unwrap_or("0").to_string()));
        }
        nodes.push(RawNode {
            id: id.to_string(),
            attrs,
            line: el.line,
        });
    }
    let mut edges = Vec::new();
    for el in graph
        .children_named("edges")
        .flat_map(|n| n.children_named("edge"))
    {
        let (Some(source), Some(target)) = (el.attr("source"), el.attr("target")) else {
            return Err(format!(
                "{file_name} line {}: <edge> needs a source and a target",
                el.line
            ));
        };
        let mut attrs = values(el, "edge");
        for k in ["weight", "label"] {
            if let Some(v) = el.attr(k) {
                attrs.push((k.into(), v.to_string()));
            }
        }
        let both_ways = match el.attr("type") {
            Some(t) => t == "undirected",
            None => undirected,
        };
        edges.push(RawEdge {
            source: source.to_string(),
            target: target.to_string(),
            attrs,
            line: el.line,
            both_ways,
        });
    }
    to_map_data(name, nodes, edges, file_name)
}
