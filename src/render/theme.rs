//! Colours and fonts of a frame. The web layer fills a [`Theme`] from the
//! element's CSS custom properties; these are the defaults.

use crate::core::data::model::Rgb;

/// A colour with opacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub rgb: Rgb,
    pub a: f64,
}

impl Rgba {
    pub const fn opaque(r: u8, g: u8, b: u8) -> Self {
        Rgba {
            rgb: Rgb::new(r, g, b),
            a: 1.0,
        }
    }
    pub const fn new(r: u8, g: u8, b: u8, a: f64) -> Self {
        Rgba {
            rgb: Rgb::new(r, g, b),
            a,
        }
    }
    pub fn with_alpha(self, a: f64) -> Self {
        Rgba { rgb: self.rgb, a }
    }

    /// This colour painted over `below` (source-over): opaque when `below`
    /// is, so shapes of it can share one fill without changing a pixel
    /// beyond rounding.
    pub fn over(self, below: Rgba) -> Rgba {
        let a = self.a.clamp(0.0, 1.0);
        let b = below.a.clamp(0.0, 1.0);
        let out = a + b * (1.0 - a);
        if out <= 0.0 {
            return Rgba::new(0, 0, 0, 0.0);
        }
        let mix = |s: u8, d: u8| {
            let v = (f64::from(s) * a + f64::from(d) * b * (1.0 - a)) / out;
            v.round().clamp(0.0, 255.0) as u8
        };
        Rgba::new(
            mix(self.rgb.r, below.rgb.r),
            mix(self.rgb.g, below.rgb.g),
            mix(self.rgb.b, below.rgb.b),
            out,
        )
    }

    /// `#rrggbb`, or `rgba(r, g, b, a)` when not opaque.
    pub fn to_css(self) -> String {
        if self.a >= 1.0 {
            self.rgb.to_hex()
        } else {
            let a = (self.a.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
            format!("rgba({}, {}, {}, {a})", self.rgb.r, self.rgb.g, self.rgb.b)
        }
    }
}

impl From<Rgb> for Rgba {
    fn from(rgb: Rgb) -> Self {
        Rgba { rgb, a: 1.0 }
    }
}

/// Everything about how a frame looks that is not layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub dark: bool,
    pub background: Rgba,
    pub text: Rgba,
    pub muted: Rgba,
    pub grid: Rgba,
    pub grid_major: Rgba,
    pub axis: Rgba,
    /// Fill of every other lane.
    pub stripe: Rgba,
    /// Opacity of era bands over the background.
    pub era_alpha: f64,
    /// Opacity of area fills.
    pub area_alpha: f64,
    /// Ring around a hovered event.
    pub hover: Rgba,
    /// Ring around the selected event.
    pub selected: Rgba,
    /// Background of cards and messages (DOM overlays).
    pub card: Rgba,
    pub card_border: Rgba,
    pub link: Rgba,
    pub error: Rgba,
    /// A CSS font-family list in the browser; a registered family name natively.
    pub font_family: String,
    /// Painted with the system colours of a forced-colours mode (Windows
    /// High Contrast): every mark takes the text colour ([`Theme::mark`]).
    pub forced: bool,
}

/// The system colours of a forced-colours mode, as the browser resolves
/// the CSS keywords (`Canvas`, `CanvasText`, …) in the widget.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SystemColors {
    pub canvas: Rgb,
    pub canvas_text: Rgb,
    pub link_text: Rgb,
    pub highlight: Rgb,
    pub gray_text: Rgb,
}

impl SystemColors {
    /// The CSS keywords, in field order (the web layer resolves each).
    pub const KEYWORDS: [&'static str; 5] =
        ["Canvas", "CanvasText", "LinkText", "Highlight", "GrayText"];

    /// From colours resolved in [`Self::KEYWORDS`] order.
    pub fn from_resolved(c: [Rgb; 5]) -> SystemColors {
        SystemColors {
            canvas: c[0],
            canvas_text: c[1],
            link_text: c[2],
            highlight: c[3],
            gray_text: c[4],
        }
    }
}

/// The font stack used in browsers: system UI fonts, then CJK fonts.
pub const WEB_FONTS: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans CJK TC\", \"Noto Sans TC\", \"PingFang TC\", \"Microsoft JhengHei\", \"Noto Sans CJK SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif";

impl Theme {
    pub fn light() -> Self {
        Theme {
            dark: false,
            background: Rgba::opaque(0xff, 0xff, 0xff),
            text: Rgba::opaque(0x1b, 0x1d, 0x21),
            muted: Rgba::opaque(0x5b, 0x61, 0x6b),
            grid: Rgba::new(0x1b, 0x1d, 0x21, 0.07),
            grid_major: Rgba::new(0x1b, 0x1d, 0x21, 0.16),
            axis: Rgba::opaque(0x8a, 0x90, 0x99),
            stripe: Rgba::new(0x1b, 0x1d, 0x21, 0.028),
            era_alpha: 0.07,
            area_alpha: 0.22,
            hover: Rgba::opaque(0x1b, 0x1d, 0x21),
            selected: Rgba::opaque(0x0b, 0x57, 0xd0),
            card: Rgba::opaque(0xff, 0xff, 0xff),
            card_border: Rgba::new(0x1b, 0x1d, 0x21, 0.14),
            link: Rgba::opaque(0x0b, 0x57, 0xd0),
            error: Rgba::opaque(0xb3, 0x26, 0x1e),
            font_family: WEB_FONTS.to_string(),
            forced: false,
        }
    }

    pub fn dark() -> Self {
        Theme {
            dark: true,
            background: Rgba::opaque(0x16, 0x18, 0x1c),
            text: Rgba::opaque(0xe8, 0xea, 0xed),
            muted: Rgba::opaque(0xa4, 0xab, 0xb6),
            grid: Rgba::new(0xff, 0xff, 0xff, 0.08),
            grid_major: Rgba::new(0xff, 0xff, 0xff, 0.18),
            axis: Rgba::opaque(0x80, 0x87, 0x91),
            stripe: Rgba::new(0xff, 0xff, 0xff, 0.035),
            era_alpha: 0.16,
            area_alpha: 0.28,
            hover: Rgba::opaque(0xff, 0xff, 0xff),
            selected: Rgba::opaque(0x8a, 0xb4, 0xf8),
            card: Rgba::opaque(0x20, 0x23, 0x28),
            card_border: Rgba::new(0xff, 0xff, 0xff, 0.16),
            link: Rgba::opaque(0x8a, 0xb4, 0xf8),
            error: Rgba::opaque(0xf2, 0xb8, 0xb5),
            font_family: WEB_FONTS.to_string(),
            forced: false,
        }
    }

    /// The theme of a forced-colours mode: only the system's colours, so
    /// the chart reads like the rest of the reader's screen. Text, axis
    /// and marks are `CanvasText` on `Canvas` (series and groups are told
    /// apart by their labels there, not by hue), grid lines a faint
    /// `CanvasText` (`GrayText` is the colour of disabled things),
    /// hover and selection `Highlight`, links `LinkText`; no lane stripes.
    pub fn forced(sys: &SystemColors) -> Self {
        let text = Rgba::from(sys.canvas_text);
        Theme {
            dark: relative_luminance(sys.canvas) < relative_luminance(sys.canvas_text),
            background: sys.canvas.into(),
            text,
            muted: text,
            grid: text.with_alpha(0.18),
            grid_major: text.with_alpha(0.4),
            axis: text,
            stripe: Rgba::from(sys.canvas).with_alpha(0.0),
            era_alpha: 0.12,
            area_alpha: 0.3,
            hover: sys.highlight.into(),
            selected: sys.highlight.into(),
            card: sys.canvas.into(),
            card_border: text,
            link: sys.link_text.into(),
            error: text,
            font_family: WEB_FONTS.to_string(),
            forced: true,
        }
    }

    /// The theme as CSS custom properties (`--cs-bg: #ffffff; …`): the
    /// stylesheet's defaults, which a page may override.
    pub fn css_vars(&self) -> String {
        let slots = [
            ("--cs-bg", self.background),
            ("--cs-text", self.text),
            ("--cs-muted", self.muted),
            ("--cs-grid", self.grid),
            ("--cs-grid-major", self.grid_major),
            ("--cs-axis", self.axis),
            ("--cs-stripe", self.stripe),
            ("--cs-hover", self.hover),
            ("--cs-selected", self.selected),
            ("--cs-card-bg", self.card),
            ("--cs-card-border", self.card_border),
            ("--cs-link", self.link),
            ("--cs-error", self.error),
        ];
        let mut out = String::new();
        for (name, c) in slots {
            out.push_str(&format!("{name}: {}; ", c.to_css()));
        }
        out
    }

    /// The custom properties read back from a page (name → slot).
    pub fn slots_mut(&mut self) -> [(&'static str, &mut Rgba); 13] {
        [
            ("--cs-bg", &mut self.background),
            ("--cs-text", &mut self.text),
            ("--cs-muted", &mut self.muted),
            ("--cs-grid", &mut self.grid),
            ("--cs-grid-major", &mut self.grid_major),
            ("--cs-axis", &mut self.axis),
            ("--cs-stripe", &mut self.stripe),
            ("--cs-hover", &mut self.hover),
            ("--cs-selected", &mut self.selected),
            ("--cs-card-bg", &mut self.card),
            ("--cs-card-border", &mut self.card_border),
            ("--cs-link", &mut self.link),
            ("--cs-error", &mut self.error),
        ]
    }

    /// A mark colour adjusted for this theme: in dark mode dark colours are
    /// lightened so that they keep contrast with the background.
    /// In forced colours every mark is the text colour.
    pub fn mark(&self, c: Rgb) -> Rgba {
        if self.forced {
            return self.text;
        }
        if !self.dark {
            return c.into();
        }
        let lum = relative_luminance(c);
        if lum >= 0.18 {
            return c.into();
        }
        let mix = |v: u8| (v as f64 + (255.0 - v as f64) * 0.35).round() as u8;
        Rgba::opaque(mix(c.r), mix(c.g), mix(c.b))
    }
}

/// WCAG relative luminance.
pub fn relative_luminance(c: Rgb) -> f64 {
    let ch = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
}

/// WCAG contrast ratio of two opaque colours.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    #[test]
    fn over_blends_like_source_over() {
        let white = Rgba::opaque(255, 255, 255);
        let c = Rgba::new(0, 0, 0, 0.3).over(white);
        assert_eq!(c, Rgba::opaque(179, 179, 179));
        // over an opaque colour: opaque; over nothing: itself
        assert_eq!(Rgba::new(10, 20, 30, 0.5).over(white).a, 1.0);
        let t = Rgba::new(10, 20, 30, 0.5);
        assert_eq!(t.over(Rgba::new(0, 0, 0, 0.0)), t);
        assert_eq!(white.over(t), white);
    }

    use super::*;

    #[test]
    fn text_meets_wcag_aa_in_both_themes() {
        for t in [Theme::light(), Theme::dark()] {
            assert!(contrast(t.text.rgb, t.background.rgb) >= 7.0);
            assert!(contrast(t.muted.rgb, t.background.rgb) >= 4.5, "{t:?}");
            assert!(contrast(t.selected.rgb, t.background.rgb) >= 3.0);
        }
    }

    /// WCAG 2.x contrast of every text and mark colour of both themes
    /// against every surface it is drawn on: text ≥ 4.5:1 (1.4.3), marks,
    /// lines, focus and selection rings ≥ 3:1 (1.4.11). Translucent
    /// colours count as painted over their surface.
    #[test]
    fn every_text_and_mark_meets_wcag_contrast_on_every_surface() {
        let mut failures = Vec::new();
        for t in [Theme::light(), Theme::dark()] {
            let bg = t.background;
            // The canvas's surfaces (lanes alternate with a stripe) and the
            // DOM's (cards, tooltips, toolbar buttons, messages, notices).
            let surfaces = [
                ("background", bg),
                ("stripe", t.stripe.over(bg)),
                ("card", t.card.over(bg)),
            ];
            let texts = [
                ("text", t.text),
                ("muted", t.muted),
                ("link", t.link),
                ("error", t.error),
            ];
            let marks = [
                ("axis", t.axis),
                ("selected", t.selected),
                ("hover", t.hover),
            ];
            for (sn, surface) in surfaces {
                for (n, c) in texts {
                    let r = contrast(c.over(surface).rgb, surface.rgb);
                    if r < 4.5 {
                        failures.push(format!("dark={} {n} on {sn}: {r:.2}", t.dark));
                    }
                }
                let palette = crate::core::scene::PALETTE.map(|c| ("palette", t.mark(c)));
                for (n, c) in marks.into_iter().chain(palette) {
                    let r = contrast(c.over(surface).rgb, surface.rgb);
                    if r < 3.0 {
                        failures.push(format!("dark={} {n} {c:?} on {sn}: {r:.2}", t.dark));
                    }
                }
            }
            // The wheel hint: white on its dark box (`.hint` in style.rs).
            let hint = Rgba::opaque(20, 22, 26).over(bg);
            let r = contrast(Rgb::new(255, 255, 255), hint.rgb);
            if r < 4.5 {
                failures.push(format!("dark={} hint: {r:.2}", t.dark));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn forced_colours_paint_with_the_system_colours_only() {
        // Windows' "Night sky" and "Desert" contrast themes.
        let night = SystemColors::from_resolved([
            Rgb::new(0, 0, 0),
            Rgb::new(255, 255, 255),
            Rgb::new(117, 233, 252),
            Rgb::new(142, 242, 140),
            Rgb::new(166, 166, 166),
        ]);
        let desert = SystemColors::from_resolved([
            Rgb::new(255, 250, 239),
            Rgb::new(61, 61, 61),
            Rgb::new(26, 60, 134),
            Rgb::new(144, 58, 166),
            Rgb::new(103, 103, 103),
        ]);
        for (sys, dark) in [(night, true), (desert, false)] {
            let t = Theme::forced(&sys);
            assert!(t.forced);
            assert_eq!(t.dark, dark);
            assert_eq!(t.background.rgb, sys.canvas);
            assert_eq!(t.text.rgb, sys.canvas_text);
            assert_eq!(t.selected.rgb, sys.highlight);
            assert_eq!(t.link.rgb, sys.link_text);
            // Dataset colours give way to the text colour.
            for c in crate::core::scene::PALETTE {
                assert_eq!(t.mark(c), t.text);
            }
            // Nothing but the five system colours (stripes are invisible).
            let allowed = [
                sys.canvas,
                sys.canvas_text,
                sys.link_text,
                sys.highlight,
                sys.gray_text,
            ];
            let mut probe = t.clone();
            for (name, slot) in probe.slots_mut() {
                assert!(
                    allowed.contains(&slot.rgb)
                        && (slot.a == 1.0
                            || name.starts_with("--cs-grid")
                            || name == "--cs-stripe"),
                    "{name}: {slot:?}"
                );
            }
            assert_eq!(t.stripe.a, 0.0);
        }
        // The ordinary themes are not forced.
        assert!(!Theme::light().forced && !Theme::dark().forced);
    }

    #[test]
    fn palette_marks_keep_contrast_in_both_themes() {
        for t in [Theme::light(), Theme::dark()] {
            for c in crate::core::scene::PALETTE {
                let m = t.mark(c);
                assert!(
                    contrast(m.rgb, t.background.rgb) >= 3.0,
                    "{c:?} dark={}",
                    t.dark
                );
            }
        }
    }
}

/// Parses the CSS colours a theme variable may hold: `#rgb`, `#rrggbb`,
/// `#rrggbbaa`, `rgb(r g b)`, `rgb(r, g, b)`, `rgba(r, g, b, a)` and
/// `rgb(r g b / a)` (alpha as a number or a percentage).
pub fn parse_css_color(s: &str) -> Option<Rgba> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() == 8 {
            let rgb = Rgb::parse_hex(&format!("#{}", hex.get(..6)?))?;
            let a = u8::from_str_radix(hex.get(6..8)?, 16).ok()? as f64 / 255.0;
            return Some(Rgba { rgb, a });
        }
        return Rgb::parse_hex(s).map(Rgba::from);
    }
    let lower = s.to_ascii_lowercase();
    let inner = lower
        .strip_prefix("rgba(")
        .or_else(|| lower.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let (rgb_part, alpha_part) = match inner.split_once('/') {
        Some((a, b)) => (a, Some(b.trim())),
        None => (inner, None),
    };
    let mut nums: Vec<&str> = rgb_part
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let alpha = match (alpha_part, nums.len()) {
        (Some(a), 3) => Some(a),
        (None, 4) => nums.pop(),
        (None, 3) => None,
        _ => return None,
    };
    let channel = |p: &str| -> Option<u8> {
        let v = match p.strip_suffix('%') {
            Some(pct) => pct.parse::<f64>().ok()? * 2.55,
            None => p.parse::<f64>().ok()?,
        };
        v.is_finite().then(|| v.round().clamp(0.0, 255.0) as u8)
    };
    let a = match alpha {
        None => 1.0,
        Some(a) => {
            let v = match a.strip_suffix('%') {
                Some(pct) => pct.parse::<f64>().ok()? / 100.0,
                None => a.parse::<f64>().ok()?,
            };
            if !v.is_finite() {
                return None;
            }
            v.clamp(0.0, 1.0)
        }
    };
    Some(Rgba {
        rgb: Rgb::new(channel(nums[0])?, channel(nums[1])?, channel(nums[2])?),
        a,
    })
}

#[cfg(test)]
mod css_tests {
    use super::*;

    #[test]
    fn css_colours() {
        assert_eq!(parse_css_color("#fff"), Some(Rgba::opaque(255, 255, 255)));
        assert_eq!(
            parse_css_color(" #0b57d0 "),
            Some(Rgba::opaque(11, 87, 208))
        );
        assert_eq!(
            parse_css_color("#00000080").map(|c| (c.a * 100.0).round()),
            Some(50.0)
        );
        assert_eq!(parse_css_color("rgb(1, 2, 3)"), Some(Rgba::opaque(1, 2, 3)));
        assert_eq!(
            parse_css_color("rgba(1,2,3,0.5)"),
            Some(Rgba::new(1, 2, 3, 0.5))
        );
        assert_eq!(
            parse_css_color("rgb(1 2 3 / 25%)"),
            Some(Rgba::new(1, 2, 3, 0.25))
        );
        assert_eq!(
            parse_css_color("RGB(100%, 0%, 0%)"),
            Some(Rgba::opaque(255, 0, 0))
        );
        // what the theme writes, it reads back
        for t in [Theme::light(), Theme::dark()] {
            let mut back = t.clone();
            let css = t.css_vars();
            for (name, slot) in back.slots_mut() {
                let value = css
                    .split(';')
                    .find_map(|d| d.trim().strip_prefix(name)?.strip_prefix(':'))
                    .unwrap();
                *slot = parse_css_color(value).unwrap();
            }
            assert_eq!(back, t);
        }
        for bad in [
            "",
            "red",
            "#12",
            "rgb(1,2)",
            "rgb(a,b,c)",
            "rgba(1,2,3,nan)",
            "rgb(1,2,3",
        ] {
            assert_eq!(parse_css_color(bad), None, "{bad}");
        }
    }
}
