//! XML helpers shared by the export writers and the GraphML/GEXF readers: escaping text and
//! attribute values, dropping characters XML 1.0 cannot hold, and reading a document into a small
//! element tree whose errors name the line.

use std::fmt::Write;

/// Escapes text for an XML element or a double-quoted attribute, dropping characters XML 1.0
/// cannot hold (control characters other than tab, newline and carriage return).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_esc(&mut out, text);
    out
}

/// [`esc`], appending to `out`.
pub fn push_esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A number as XML wants it: no exponent, few decimals, never NaN.
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

pub fn push_num(out: &mut String, v: f64) {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        let _ = write!(out, "{}", r as i64);
    } else {
        let _ = write!(out, "{r}");
    }
}

/// The 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// An element of a parsed document: local name (namespace prefix dropped), attributes, children,
/// its own text, and the line it starts on.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
    pub line: usize,
}

impl Element {
    /// An attribute by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// The children with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

/// Reads a whole document into its root element. Errors say "`file` line N: what is wrong".
pub fn parse(text: &str, file: &str) -> Result<Element, String> {
    use quick_xml::events::Event;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let fail = |pos: u64, what: String| {
        format!(
            "{file} line {}: {what}",
            line_of(text, usize::try_from(pos).unwrap_or(usize::MAX))
        )
    };
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| fail(reader.error_position(), format!("malformed XML: {e}")))?;
        let open = |e: &quick_xml::events::BytesStart| -> Result<Element, String> {
            let mut attrs = Vec::new();
            for a in e.attributes() {
                let a = a.map_err(|err| fail(at, format!("malformed attribute: {err}")))?;
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| fail(at, format!("malformed attribute value: {err}")))?;
                attrs.push((local(a.key.as_ref()), v.into_owned()));
            }
            Ok(Element {
                name: local(e.name().as_ref()),
                attrs,
                line: line_of(text, usize::try_from(at).unwrap_or(0)),
                ..Element::default()
            })
        };
        match event {
            Event::Start(e) => stack.push(open(&e)?),
            Event::Empty(e) => {
                let el = open(&e)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(fail(at, "a closing tag without its opening tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| fail(at, format!("bad character reference: {e}")))?
                        .map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .map(str::to_string)
                };
                let Some(resolved) = resolved else {
                    return Err(fail(at, format!("unknown entity &{};", r.xml10_content())));
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(fail(
            text.len() as u64,
            format!(
                "the document ends inside <{}>",
                stack.last().map(|e| e.name.as_str()).unwrap_or("?")
            ),
        ));
    }
    root.ok_or_else(|| format!("{file} line 1: no XML element found"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            esc("<script>&\"x'\u{1}"),
            "&lt;script&gt;&amp;&quot;x&apos;"
        );
        assert_eq!(num(1.0), "1");
        assert_eq!(num(0.555), "0.56");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(line_of("a\nb\nc", 3), 2);
    }

    #[test]
    fn parses_text_with_references_and_names_the_line_of_an_error() {
        let root = parse("<a x=\"1 &amp; 2\">\n<b>t &lt; &#233;</b></a>", "f.xml").unwrap();
        assert_eq!(root.attr("x"), Some("1 & 2"));
        assert_eq!(root.child("b").map(|b| b.text.as_str()), Some("t < é"));
        let err = parse("<a>\n<b>\n</c></a>", "f.xml").unwrap_err();
        assert!(err.starts_with("f.xml line 3:"), "{err}");
    }
}
