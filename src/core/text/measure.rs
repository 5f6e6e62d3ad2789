//! Text measurement, abstracted so layout stays pure: the browser measures
//! with the canvas (cached), native code with the font the renderer uses,
//! tests with a deterministic approximation.

/// The text roles the layout uses; each has one size (CSS px) and weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Font {
    /// Event labels.
    Label,
    /// Time-axis and value-axis labels.
    Tick,
    /// Lane captions, era labels, value labels at points.
    Caption,
    /// Indicator pane titles.
    Title,
    /// The count inside a cluster badge.
    Badge,
}

impl Font {
    pub const ALL: [Font; 5] = [
        Font::Label,
        Font::Tick,
        Font::Caption,
        Font::Title,
        Font::Badge,
    ];

    /// Size in CSS pixels.
    pub fn size(self) -> f64 {
        match self {
            Font::Label => 12.5,
            Font::Tick => 11.0,
            Font::Caption => 11.0,
            Font::Title => 12.5,
            Font::Badge => 11.0,
        }
    }

    pub fn bold(self) -> bool {
        matches!(self, Font::Title | Font::Badge)
    }
}

/// Measures the advance width of a single-line text in CSS pixels.
pub trait TextMeasure {
    fn width(&self, text: &str, font: Font) -> f64;
}

/// A deterministic estimate: wide (CJK, full-width) characters are one em,
/// others about half an em. Used by tests and as a fallback.
#[derive(Clone, Copy, Debug, Default)]
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, font: Font) -> f64 {
        let em = font.size();
        let factor = if font.bold() { 1.05 } else { 1.0 };
        text.chars().map(|c| char_em(c) * em * factor).sum()
    }
}

/// Whether a character is drawn full-width (CJK ideographs, kana, hangul,
/// full-width forms and punctuation).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

fn char_em(c: char) -> f64 {
    if is_wide(c) {
        1.0
    } else if c.is_ascii_uppercase() || c == 'm' || c == 'w' || c == 'M' || c == 'W' {
        0.66
    } else if c == ' ' || c == 'i' || c == 'l' || c == '.' || c == ',' || c == '\'' {
        0.3
    } else {
        0.55
    }
}

/// Shortens `text` with an ellipsis so it fits in `max_width`, returning
/// the text and its width; `None` when not even one character and the
/// ellipsis fit.
///
/// A shortened text is measured as the sum of its characters' widths (each
/// measured once and cached by the measurer), so panning a label against
/// the edge does not measure a new prefix every frame. Kerning only ever
/// makes the real text narrower.
pub fn fit_text(
    text: &str,
    font: Font,
    max_width: f64,
    measure: &dyn TextMeasure,
) -> Option<(String, f64)> {
    if max_width.is_nan() || max_width <= 0.0 {
        return None;
    }
    let full = measure.width(text, font);
    if full <= max_width {
        return Some((text.to_string(), full));
    }
    let ellipsis = measure.width("…", font);
    let mut buf = [0u8; 4];
    let mut used = 0.0;
    let mut cut = 0;
    for (i, c) in text.char_indices() {
        let w = measure.width(c.encode_utf8(&mut buf), font);
        if used + w + ellipsis > max_width {
            break;
        }
        used += w;
        cut = i + c.len_utf8();
    }
    let prefix = text.get(..cut)?.trim_end();
    if prefix.is_empty() {
        return None;
    }
    // Trailing spaces were dropped: recount what is left.
    let width: f64 = prefix
        .chars()
        .map(|c| measure.width(c.encode_utf8(&mut buf), font))
        .sum::<f64>()
        + ellipsis;
    Some((format!("{prefix}…"), width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters() {
        assert!(is_wide('蘇'));
        assert!(is_wide('。'));
        assert!(!is_wide('A'));
        let m = ApproxMeasure;
        assert_eq!(m.width("蘇州", Font::Label), 25.0);
        assert!(m.width("Suzhou", Font::Label) < 50.0);
    }

    #[test]
    fn fit_text_truncates_with_ellipsis() {
        let m = ApproxMeasure;
        let s = "蘇州工業園區啟動";
        assert_eq!(
            fit_text(s, Font::Label, 1000.0, &m),
            Some((s.to_string(), 100.0))
        );
        let (short, w) = fit_text(s, Font::Label, 60.0, &m).unwrap();
        assert_eq!(short, "蘇州工業…");
        assert!(w <= 60.0 && (w - m.width(&short, Font::Label)).abs() < 1e-9);
        let (latin, w) = fit_text("Suzhou Industrial Park", Font::Label, 70.0, &m).unwrap();
        assert!(latin.ends_with('…') && !latin.contains(" …"), "{latin}");
        assert!(w <= 70.0);
        assert_eq!(fit_text(s, Font::Label, 5.0, &m), None);
        assert_eq!(fit_text(s, Font::Label, f64::NAN, &m), None);
        assert_eq!(
            fit_text("", Font::Label, 10.0, &m),
            Some((String::new(), 0.0))
        );
    }
}
