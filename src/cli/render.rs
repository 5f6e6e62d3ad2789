//! `chronoscope render FILE -o OUT.svg|OUT.png`: the widget's picture,
//! through the shared layout and painter (`render::native`).

use super::args::{Format, RenderArgs};
use super::{read_data, report, write_output, Fail, EXIT_PROBLEMS};
use crate::core::layout::time_scale;
use crate::core::locale::Lang;
use crate::core::model::Dataset;
use crate::core::scale::Window;
use crate::core::time::{fit_span, parse_time};
use crate::render::native::Frame;
use crate::render::Theme;

/// Draws the data; problems go to standard error.
pub fn run(a: &RenderArgs) -> Result<u8, Fail> {
    let lang = match &a.lang {
        Some(tag) => Some(language(tag)?),
        None => None,
    };
    let time = |flag: &str, v: &Option<String>| -> Result<Option<f64>, Fail> {
        v.as_deref()
            .map(|s| {
                parse_time(s)
                    .map(|t| t.ms)
                    .map_err(|e| Fail(format!("--{flag} `{s}`: {e}")))
            })
            .transpose()
    };
    let (start, end) = (time("start", &a.start)?, time("end", &a.end)?);
    if let (Some(s), Some(e)) = (start, end) {
        if s >= e {
            return Err(Fail("--start must be before --end".into()));
        }
    }

    let read = read_data(&a.input)?;
    for l in report(&read) {
        eprintln!("{l}");
    }
    let Ok(loaded) = &read.data else {
        return Ok(EXIT_PROBLEMS);
    };
    let ds = &loaded.dataset;
    let lang = lang.unwrap_or_else(|| ds.locale.as_deref().map_or(Lang::En, Lang::from_tag));
    let window = initial_window(ds, f64::from(a.width), start, end).ok_or_else(|| {
        Fail(format!(
            "{}: nothing to draw: the data has no events, eras or series points, \
             so give both --start and --end",
            read.name
        ))
    })?;
    let frame = Frame {
        dataset: ds,
        window,
        width: a.width,
        height: a.height,
        lang,
        theme: if a.dark {
            Theme::dark()
        } else {
            Theme::light()
        },
    };
    if a.format == Format::Png && (lang.is_rtl() || has_rtl_text(ds)) {
        eprintln!(
            "chronoscope: note: right-to-left text (Arabic, Hebrew) is drawn unshaped and left \
             to right in PNG output, with boxes where the font has no glyph; SVG keeps it as \
             text for the viewer to lay out (docs/cli.md, known limitations)"
        );
    }
    match a.format {
        Format::Svg => {
            let svg = frame.to_svg_with_events().map_err(Fail)?;
            write_output(Some(&a.output), svg.as_bytes())?;
        }
        Format::Png => frame
            .to_png(&a.output, a.scale)
            .map_err(|e| Fail(format!("cannot write {}: {e}", a.output.display())))?,
    }
    Ok(if read.is_clean() { 0 } else { EXIT_PROBLEMS })
}

/// True when a text the picture shows holds right-to-left script (Hebrew,
/// Arabic, Syriac, Thaana, NKo, … and their presentation forms).
fn has_rtl_text(ds: &Dataset) -> bool {
    let rtl = |s: &str| {
        s.chars()
            .any(|c| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
    };
    rtl(&ds.title)
        || ds.events.iter().any(|e| rtl(&e.title))
        || ds.groups.iter().any(|g| rtl(&g.label))
        || ds.eras.iter().any(|e| rtl(&e.label))
        || ds.series.iter().any(|s| rtl(&s.name) || rtl(&s.unit))
}

fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// `--lang`: any BCP 47 tag whose language the widget has (`zh-TW` is
/// zh-Hant, `en-GB` is en); anything else is a usage error rather than a
/// silent fall back to English.
fn language(tag: &str) -> Result<Lang, Fail> {
    let lang = Lang::from_tag(tag);
    if primary(lang.tag()) == primary(tag) {
        return Ok(lang);
    }
    let ours: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
    Err(Fail(format!(
        "--lang `{tag}`: not a language of the widget (it has {})",
        ours.join(", ")
    )))
}

/// The window the widget opens on at `width` CSS px (its `start`/`end`
/// attributes, else fit all): all data with 4% margin on the left and room
/// for the last labels on the right (up to 180 px). The same rule as the
/// widget's `fit_window` and `initial_window` (src/web/widget/view.rs).
pub fn initial_window(
    ds: &Dataset,
    width: f64,
    start: Option<f64>,
    end: Option<f64>,
) -> Option<Window> {
    let fit = fit_window(ds, width);
    match (start, end, fit) {
        (Some(s), Some(e), _) => Window::new(s, e),
        (Some(s), None, Some(f)) => Window::new(s, f.end.max(s + f.span() / 10.0)),
        (None, Some(e), Some(f)) => Window::new(f.start.min(e - f.span() / 10.0), e),
        (_, _, f) => f,
    }
}

fn fit_window(ds: &Dataset, width: f64) -> Option<Window> {
    let (lo, hi) = ds.extent()?;
    let min_width = fit_span(ds.finest_precision());
    let span = (hi - lo).max(min_width);
    let center = lo / 2.0 + hi / 2.0;
    let (lo, hi) = (center - span / 2.0, center + span / 2.0);
    let plot = time_scale(Window::new(0.0, 1.0)?, width).width();
    let right = if plot > 1.0 && !ds.events.is_empty() {
        (180.0 / plot).clamp(0.08, 0.35)
    } else {
        0.06
    };
    let left = 0.04;
    let total = span / (1.0 - left - right);
    Window::new(lo - total * left, hi + total * right)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::parse_dataset;

    #[test]
    fn languages_by_tag() {
        assert_eq!(language("zh-TW").unwrap(), Lang::ZhHant);
        assert_eq!(language("en-GB").unwrap(), Lang::En);
        let e = language("xx").unwrap_err().0;
        assert!(e.contains("en, zh-Hant, zh-Hans, ja, ko, ar"), "{e}");
        assert_eq!(language("ar-EG").unwrap(), Lang::Ar);
    }

    #[test]
    fn the_window_fits_the_data_or_follows_start_and_end() {
        let ds = parse_dataset(
            r#"{"events": [{"id": "a", "start": "2000", "title": "A"},
                           {"id": "b", "start": "2010", "title": "B"}]}"#,
        )
        .unwrap()
        .dataset;
        let y = |s: &str| parse_time(s).unwrap().ms;
        let w = initial_window(&ds, 1200.0, None, None).unwrap();
        assert!(w.start < y("2000") && w.end > y("2010"));
        // more room on the right, for the last labels
        assert!(w.end - y("2010") > y("2000") - w.start);
        let w = initial_window(&ds, 1200.0, Some(y("1990")), Some(y("2020"))).unwrap();
        assert_eq!((w.start, w.end), (y("1990"), y("2020")));
        let w = initial_window(&ds, 1200.0, Some(y("2005")), None).unwrap();
        assert_eq!(w.start, y("2005"));
        assert!(initial_window(&Dataset::default(), 1200.0, None, None).is_none());
    }
}
