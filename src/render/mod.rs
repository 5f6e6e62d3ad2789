//! Drawing a frame through plotters' `DrawingBackend`: the same code paints
//! the browser canvas, SVG and bitmaps (natively), and the recording
//! backend of the tests.

pub mod frame;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod navigator;
pub mod recording;
pub mod theme;

pub use frame::{Highlight, Painter};
pub use theme::{Rgba, Theme};

/// An SVG document as plotters wrote it, made well-formed XML: characters
/// XML 1.0 does not allow (C0 controls other than tab, line feed and
/// carriage return; U+FFFE, U+FFFF) become U+FFFD. Dataset texts may hold
/// them (a JSON string can say `\u0000`), and plotters escapes only
/// `<>&"'`, so without this one such label makes the whole export
/// unreadable to an XML parser.
pub fn xml_safe(svg: String) -> String {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    };
    if !svg.contains(bad) {
        return svg;
    }
    svg.chars()
        .map(|c| if bad(c) { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_safe_replaces_what_xml_forbids() {
        let s = "<text>a\u{0}b\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}\t\n\r\u{7F}é中</text>";
        assert_eq!(
            super::xml_safe(s.to_string()),
            "<text>a\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\t\n\r\u{7F}é中</text>"
        );
        assert_eq!(super::xml_safe("<svg/>".into()), "<svg/>");
    }
}
