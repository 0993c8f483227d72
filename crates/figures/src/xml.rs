//! The well-formedness check for the SVG files the figures write, through
//! `roxmltree` (a read-only XML parser): a broken writer is caught before a
//! file is written, and the tests read each figure's texts back.

/// What a well-formed document contains.
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
/// The parser's description of the first problem, with its line and column.
pub fn parse(doc: &str) -> Result<Parsed, String> {
    let tree = roxmltree::Document::parse(doc).map_err(|e| e.to_string())?;
    let elements = tree.descendants().filter(|n| n.is_element());
    let texts = tree
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .filter(|t| !t.trim().is_empty());
    Ok(Parsed {
        root: tree.root_element().tag_name().name().to_string(),
        elements: elements.map(|n| n.tag_name().name().to_string()).collect(),
        texts: texts.map(str::to_string).collect(),
    })
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
    fn broken_documents_are_rejected() {
        for doc in [
            "<svg><g></svg>",
            "<svg>",
            "<svg a=1/>",
            "<svg>a & b</svg>",
            "<svg/><svg/>",
            "<svg>&nope;</svg>",
            "text",
            "<svg a=\"<\"/>",
            "",
        ] {
            assert!(parse(doc).is_err(), "{doc:?} was accepted");
        }
    }
}
