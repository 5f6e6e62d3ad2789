//! How the widget looks and speaks: the theme (light, dark or the page's
//! custom properties; the system's colours in forced-colours mode), the
//! language (the element's `lang`, the dataset's, the page's) and the
//! direction of its chrome, and the labels that follow from them — the
//! region's name, the toolbar's buttons (and so the room the layout leaves
//! for them).

use super::State;
use crate::core::i18n::lang::Lang;
use crate::core::i18n::strings::strings;
use crate::core::scene::Chrome;
use crate::render::theme::{parse_css_color, SystemColors};
use crate::render::Theme;
use crate::web::dom::{self, set_attr};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// What the look reads from the page besides the element.
pub(super) struct Look {
    /// Probes whose computed colours are the system colours (`Canvas`,
    /// `CanvasText`, …) in forced-colours mode.
    sys_probe: HtmlElement,
}

impl Look {
    pub fn new(sys_probe: HtmlElement) -> Look {
        Look { sys_probe }
    }
}

impl State {
    /// Reads the theme from the element's CSS custom properties.
    pub(super) fn read_theme(&mut self) {
        let mode = self.host.get_attribute("theme").unwrap_or_default();
        let prefers_dark = self.matches("(prefers-color-scheme: dark)");
        let dark = mode == "dark" || (mode == "auto" && prefers_dark);
        let mut t = if dark { Theme::dark() } else { Theme::light() };
        // Forced colours (Windows High Contrast): the system's colours,
        // not the page's custom properties.
        let forced = self
            .matches("(forced-colors: active)")
            .then(|| self.system_colors())
            .flatten();
        if let Some(sys) = forced {
            t = Theme::forced(&sys);
        }
        let t_forced = t.forced;
        if let Ok(Some(cs)) = self.win.get_computed_style(&self.host) {
            let var = |name: &str| cs.get_property_value(name).ok().unwrap_or_default();
            for (name, slot) in t.slots_mut() {
                if let (Some(c), false) = (parse_css_color(&var(name)), t_forced) {
                    *slot = c;
                }
            }
            let font = var("--cs-font");
            if !font.trim().is_empty() {
                t.font_family = font.trim().to_string();
            }
        }
        self.measure.set_family(&t.font_family);
        if self.theme != t {
            self.theme = t;
            self.invalidate_view();
        }
    }

    /// The system colours as this browser resolves them in the shadow
    /// root (a canvas's `fillStyle` is not trusted to take the keywords in
    /// every browser); None if one cannot be read.
    fn system_colors(&self) -> Option<SystemColors> {
        let mut out = [crate::core::data::model::Rgb::new(0, 0, 0); 5];
        for (i, slot) in out.iter_mut().enumerate() {
            let probe = self
                .look
                .sys_probe
                .query_selector(&format!(".sys-{i}"))
                .ok()
                .flatten()?;
            let cs = self.win.get_computed_style(&probe).ok().flatten()?;
            let c = parse_css_color(&cs.get_property_value("color").ok()?)?;
            *slot = c.rgb;
        }
        Some(SystemColors::from_resolved(out))
    }

    /// Language: the element's `lang`, else the dataset's `locale`, else the page's.
    pub(super) fn resolve_lang(&self) -> Lang {
        if let Some(l) = self
            .host
            .get_attribute("lang")
            .filter(|s| !s.trim().is_empty())
        {
            return Lang::from_tag(&l);
        }
        if let Some(l) = self.data.dataset().and_then(|d| d.locale.clone()) {
            return Lang::from_tag(&l);
        }
        let page = self
            .host
            .parent_element()
            .and_then(|p| p.closest("[lang]").ok().flatten())
            .and_then(|e| e.get_attribute("lang"))
            .or_else(|| {
                self.doc
                    .document_element()
                    .and_then(|d| d.get_attribute("lang"))
            });
        page.map_or(Lang::En, |l| Lang::from_tag(&l))
    }

    /// Direction of the chrome: an explicit `dir` on the element or an
    /// ancestor, else the language's own. (The time axis runs left to right
    /// either way; the canvases keep `direction: ltr`.)
    fn resolve_dir(&self) -> &'static str {
        let explicit = self
            .host
            .closest("[dir]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("dir"))
            .map(|d| d.trim().to_ascii_lowercase());
        match explicit.as_deref() {
            Some("rtl") => "rtl",
            Some("ltr") => "ltr",
            _ if self.lang.is_rtl() => "rtl",
            _ => "ltr",
        }
    }

    /// The element's `lang` changed: everything says it again in the new
    /// language.
    pub(super) fn language_changed(&mut self) {
        self.lang = self.resolve_lang();
        self.apply_labels();
        self.relabel_card();
        self.relabel_messages();
        self.invalidate_view();
    }

    /// Accessible name, language and direction of the region; the toolbar's
    /// names and buttons (and so the room the layout leaves for them). The
    /// name is the host's `aria-label` when the page gives one (two widgets
    /// of one dataset on a page stay distinguishable), else the dataset's
    /// title, else the word for a timeline.
    pub(super) fn apply_labels(&mut self) {
        let title = self
            .host
            .get_attribute("aria-label")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .or_else(|| self.data.dataset().map(|d| d.title.clone()))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| strings(self.lang).timeline.to_string());
        set_attr(&self.frame, "aria-label", &title);
        set_attr(&self.frame, "lang", self.lang.tag());
        let dir = self.resolve_dir();
        set_attr(&self.frame, "dir", dir);
        let download = self.host.has_attribute("download");
        let series = self.data.dataset().is_some_and(|d| !d.series.is_empty());
        let chrome = Chrome {
            buttons: 3 + u8::from(download) + u8::from(series),
            rtl: dir == "rtl",
            coarse: self.matches("(pointer: coarse)"),
        };
        if chrome != self.chrome {
            self.chrome = chrome;
            self.invalidate_view();
        }
        self.cards.set_lang(self.lang.tag());
        self.label_mirror();
        if let Some(desc) = self.frame.query_selector(".sr-desc").ok().flatten() {
            desc.set_text_content(Some(strings(self.lang).instructions));
        }
        if let Some(bar) = self.frame.query_selector(".toolbar").ok().flatten() {
            dom::label_toolbar(&bar, self.lang);
            if let Some(b) = bar
                .query_selector(".download")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<HtmlElement>().ok())
            {
                dom::set_hidden(&b, !download);
            }
            if let Some(b) = bar
                .query_selector(".data")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<HtmlElement>().ok())
            {
                dom::set_hidden(&b, !series);
            }
        }
        self.describe_series();
    }
}
