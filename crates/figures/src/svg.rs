//! The few SVG pieces every figure is made of, written by hand.
//!
//! Every coordinate is printed with one decimal (`{:.1}`) and every value
//! label with a fixed number of decimals, so a seeded run always writes the
//! same bytes.

use std::fmt::Write;

/// Width of the figures that fill a lesson's column, in pixels.
pub const PAGE_WIDTH: f64 = 960.0;

/// Font sizes, chosen to stay readable when a Markdown viewer shrinks a
/// 960-pixel figure to its column width.
pub const TITLE_SIZE: u32 = 20;
pub const LABEL_SIZE: u32 = 15;
pub const TICK_SIZE: u32 = 13;

/// A coordinate with one decimal; `-0.0` is written `0.0`.
pub fn px(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".into() } else { s }
}

/// Escapes text for use inside an element or an attribute.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Where a line of text is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// An SVG document being written: a white page of a given size.
#[derive(Debug, Clone)]
pub struct Svg {
    out: String,
    clips: usize,
}

impl Svg {
    /// Starts a document `width` x `height` pixels on a white background.
    pub fn new(width: f64, height: f64) -> Svg {
        let mut out = String::new();
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif" font-size="{LABEL_SIZE}">"#,
            w = px(width),
            h = px(height)
        );
        let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
        Svg { out, clips: 0 }
    }

    /// Appends one element, written by the caller, on its own line.
    pub fn push(&mut self, element: &str) {
        self.out.push_str(element);
        self.out.push('\n');
    }

    /// One line of text at `(x, y)` (its baseline).
    pub fn text(&mut self, x: f64, y: f64, size: u32, anchor: Anchor, text: &str) {
        self.styled_text(x, y, size, anchor, "", text);
    }

    /// The figure's title: bold, centred on the page, at the top.
    pub fn title(&mut self, text: &str) {
        self.styled_text(
            PAGE_WIDTH / 2.0,
            30.0,
            TITLE_SIZE,
            Anchor::Middle,
            r#"font-weight="bold""#,
            text,
        );
    }

    /// Text with extra attributes (`extra` is written as is, e.g.
    /// `font-weight="bold" fill="#444"`).
    pub fn styled_text(
        &mut self,
        x: f64,
        y: f64,
        size: u32,
        anchor: Anchor,
        extra: &str,
        text: &str,
    ) {
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" {extra}")
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{size}" text-anchor="{}"{extra}>{}</text>"#,
            px(x),
            px(y),
            anchor.name(),
            escape(text)
        );
    }

    /// A straight line.
    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), style: &str) {
        let _ = writeln!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {style}/>"#,
            px(x1),
            px(y1),
            px(x2),
            px(y2)
        );
    }

    /// A rectangle from its top-left corner and size.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, style: &str) {
        let _ = writeln!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" {style}/>"#,
            px(x),
            px(y),
            px(w),
            px(h)
        );
    }

    /// Opens a group clipped to a rectangle; close it with [`end_group`](Self::end_group).
    pub fn begin_clip(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.clips += 1;
        let id = self.clips;
        let _ = writeln!(
            self.out,
            r#"<clipPath id="clip{id}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
            px(x),
            px(y),
            px(w),
            px(h)
        );
        let _ = writeln!(self.out, r#"<g clip-path="url(#clip{id})">"#);
    }

    /// Closes a group.
    pub fn end_group(&mut self) {
        self.out.push_str("</g>\n");
    }

    /// Ends the document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_have_one_decimal_and_no_negative_zero() {
        assert_eq!(px(1.25), "1.2");
        assert_eq!(px(-0.01), "0.0");
        assert_eq!(px(300.0), "300.0");
    }

    #[test]
    fn text_is_escaped() {
        let mut svg = Svg::new(10.0, 10.0);
        svg.text(1.0, 2.0, 12, Anchor::Start, "a < b & \"c\"");
        let s = svg.finish();
        assert!(s.contains(">a &lt; b &amp; &quot;c&quot;</text>"), "{s}");
    }
}
