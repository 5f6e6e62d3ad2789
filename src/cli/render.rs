//! `chronoscope render FILE -o OUT.svg|OUT.png`: the widget's picture,
//! through the shared layout and painter (`render::native`).

use super::args::{Format, RenderArgs};
use super::{read_data, report, write_output, Fail, Limits, EXIT_PROBLEMS};
use crate::core::data::model::Dataset;
use crate::core::data::time::parse_time;
use crate::core::i18n::lang::Lang;
use crate::core::view::fit::{self, fit_window};
use crate::core::view::scale::Window;
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

    let read = read_data(&a.input, Limits::Apply)?;
    for l in report(&read) {
        eprintln!("{l}");
    }
    let Ok(loaded) = &read.data else {
        return Ok(EXIT_PROBLEMS);
    };
    let ds = &loaded.dataset;
    let lang = lang.unwrap_or_else(|| ds.locale.as_deref().map_or(Lang::En, Lang::from_tag));
    let window = initial_window(ds, start, end).ok_or_else(|| {
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

/// The window the widget opens on: its `start`/`end` attributes, else fit
/// all (`core::view::fit`, the widget's rule).
pub fn initial_window(ds: &Dataset, start: Option<f64>, end: Option<f64>) -> Option<Window> {
    let fit = fit_window(ds.extent(), ds.finest_precision());
    fit::initial_window(fit, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::dataset::parse_dataset;

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
        let w = initial_window(&ds, None, None).unwrap();
        assert!(w.start < y("2000") && w.end > y("2010"));
        // the same margin on both sides: labels near the right edge go left
        assert!((w.end - y("2010") - (y("2000") - w.start)).abs() < 1.0);
        let w = initial_window(&ds, Some(y("1990")), Some(y("2020"))).unwrap();
        assert_eq!((w.start, w.end), (y("1990"), y("2020")));
        let w = initial_window(&ds, Some(y("2005")), None).unwrap();
        assert_eq!(w.start, y("2005"));
        assert!(initial_window(&Dataset::default(), None, None).is_none());
    }
}
