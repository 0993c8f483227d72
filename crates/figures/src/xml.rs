//! A tiny well-formedness check for the SVG files the figures write: tags
//! nest and close, attributes are quoted, text holds no raw `<` and only
//! known entities. Enough to catch a broken writer; not a full XML parser.

/// What a well-formed document contains: its text, in order, unescaped.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The root element's name.
    pub root: String,
    /// Every element name, in document order.
    pub elements: Vec<String>,
    /// Every run of non-blank text, unescaped.
    pub texts: Vec<String>,
}

/// Checks that `doc` is well-formed XML and returns its element names and
/// texts.
///
/// # Errors
/// The first problem, with its byte offset: an unclosed or mismatched tag,
/// an unquoted attribute, a raw `<` or `&` in text, content after the root.
pub fn parse(doc: &str) -> Result<Parsed, String> {
    let b = doc.as_bytes();
    let mut i = 0;
    let mut stack: Vec<String> = Vec::new();
    let mut parsed = Parsed {
        root: String::new(),
        elements: Vec::new(),
        texts: Vec::new(),
    };
    let mut closed_root = false;
    while i < b.len() {
        if b[i] != b'<' {
            let end = doc[i..].find('<').map_or(b.len(), |e| i + e);
            let text = &doc[i..end];
            if !text.trim().is_empty() {
                if stack.is_empty() {
                    return Err(format!("byte {i}: text outside the root element"));
                }
                parsed.texts.push(unescape(text.trim(), i)?);
            }
            i = end;
            continue;
        }
        if doc[i..].starts_with("<!--") {
            i += doc[i..]
                .find("-->")
                .ok_or(format!("byte {i}: unclosed comment"))?
                + 3;
            continue;
        }
        if doc[i..].starts_with("<?") {
            i += doc[i..]
                .find("?>")
                .ok_or(format!("byte {i}: unclosed declaration"))?
                + 2;
            continue;
        }
        let end = tag_end(doc, i)?;
        let tag = &doc[i + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or(format!("byte {i}: closing </{name}> with nothing open"))?;
            if open != name.trim() {
                return Err(format!("byte {i}: expected </{open}>, got </{name}>"));
            }
            closed_root = stack.is_empty();
        } else {
            if closed_root {
                return Err(format!("byte {i}: a second root element"));
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
            let name = &tag[..name_end];
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || ":-_".contains(c))
            {
                return Err(format!("byte {i}: bad element name {name:?}"));
            }
            attributes(&tag[name_end..], i)?;
            if stack.is_empty() {
                parsed.root = name.into();
            }
            parsed.elements.push(name.into());
            if self_closing {
                closed_root = stack.is_empty();
            } else {
                stack.push(name.into());
            }
        }
        i = end + 1;
    }
    if let Some(open) = stack.last() {
        return Err(format!("end of document: <{open}> is never closed"));
    }
    if parsed.root.is_empty() {
        return Err("no root element".into());
    }
    Ok(parsed)
}

/// The index of the `>` closing the tag opened at `start`, skipping quoted
/// attribute values.
fn tag_end(doc: &str, start: usize) -> Result<usize, String> {
    let mut quote = None;
    for (k, c) in doc[start + 1..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Ok(start + 1 + k),
            (None, '<') => return Err(format!("byte {start}: '<' inside a tag")),
            _ => {}
        }
    }
    Err(format!("byte {start}: unclosed tag"))
}

/// Checks `name="value"` pairs.
fn attributes(mut rest: &str, at: usize) -> Result<(), String> {
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok(());
        }
        let eq = rest
            .find('=')
            .ok_or(format!("byte {at}: attribute without a value: {rest:?}"))?;
        let name = rest[..eq].trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("byte {at}: bad attribute name {name:?}"));
        }
        let value = rest[eq + 1..].trim_start();
        let q = value
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or(format!("byte {at}: attribute {name} is not quoted"))?;
        let close = value[1..]
            .find(q)
            .ok_or(format!("byte {at}: attribute {name} is not closed"))?;
        if value[1..1 + close].contains('<') {
            return Err(format!("byte {at}: '<' in attribute {name}"));
        }
        unescape(&value[1..1 + close], at)?;
        rest = &value[close + 2..];
    }
}

/// Replaces the five named entities and numeric references; any other `&`
/// is an error.
fn unescape(text: &str, at: usize) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..]
            .find(';')
            .ok_or(format!("byte {at}: '&' without ';' in {text:?}"))?;
        let entity = &rest[amp + 1..amp + semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32)
                .ok_or(format!("byte {at}: unknown entity &{entity};"))?,
        };
        out.push(c);
        rest = &rest[amp + semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_svg_parses_with_its_texts() {
        let p = parse("<svg a=\"1\"><g><text x='2'>a &lt; b</text><rect/></g><!-- c --></svg>\n")
            .unwrap();
        assert_eq!(p.root, "svg");
        assert_eq!(p.elements, ["svg", "g", "text", "rect"]);
        assert_eq!(p.texts, ["a < b"]);
    }

    #[test]
    fn broken_documents_are_rejected_with_a_reason() {
        for (doc, why) in [
            ("<svg><g></svg>", "expected </g>"),
            ("<svg>", "never closed"),
            ("<svg a=1/>", "not quoted"),
            ("<svg>a & b</svg>", "without ';'"),
            ("<svg/><svg/>", "second root"),
            ("<svg>&nope;</svg>", "unknown entity"),
            ("text", "outside the root"),
            ("<svg a=\"<\"/>", "'<'"),
            ("", "no root"),
        ] {
            let e = parse(doc).unwrap_err();
            assert!(e.contains(why), "{doc:?}: {e}");
        }
    }
}
