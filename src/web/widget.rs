//! One `<chrono-scope>` instance: its state, its frame loop and the API the
//! JavaScript element calls.
//!
//! Mutations only set dirty flags and ask for one animation frame; the frame
//! lays out, paints the base canvas when needed, and repaints the overlay
//! canvas (hover, selection) on its own, so hovering never repaints the
//! chart. Events for the page are queued while the state is borrowed and
//! dispatched after the borrow ends, so page handlers may call back in.

use super::canvas::{Canvas2d, StyleCache};
use super::dom::{self, el, set_attr, set_hidden};
use super::listener::Listener;
use super::load;
use super::measure::CanvasMeasure;
use super::panic;
use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::{Dataset, Loaded};
use crate::core::data::time::{parse_time, time_from_ms, Ms};
use crate::core::formats;
use crate::core::i18n::lang::Lang;
use crate::core::i18n::strings::strings;
use crate::core::scene::navigator::{NavGrab, Navigator};
use crate::core::scene::{
    crosshair, layout, time_scale, Chrome, Hit, ItemKind, LayoutInput, Prepared, Scene,
};
use crate::core::view::fit;
use crate::core::view::motion::{Motion, Tween, VelocityTracker};
use crate::core::view::scale::{TimeScale, Window};
use crate::render::theme::{parse_css_color, SystemColors};
use crate::render::{Highlight, Painter, Theme};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, CustomEvent, CustomEventInit, Document, HtmlCanvasElement,
    HtmlElement, MediaQueryList, ResizeObserver, ShadowRoot,
};

/// The most events the printed list names (then a count of the rest).
pub(crate) const PRINT_LIST_MAX: usize = 2000;

/// The closure a `ResizeObserver` calls.
pub(crate) type ResizeCallback = Closure<dyn FnMut(js_sys::Array)>;

/// What needs redoing at the next frame.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Dirty {
    pub size: bool,
    pub layout: bool,
    pub base: bool,
    pub overlay: bool,
}

impl Dirty {
    fn all() -> Self {
        Dirty {
            size: true,
            layout: true,
            base: true,
            overlay: true,
        }
    }
}

/// What the card shows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Card {
    Event(usize),
    Cluster(Vec<usize>),
    Series(usize),
}

/// What the message box says (kept so a language change can say it again).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Message {
    Loading,
    NoData,
    /// A failure, and whether a Retry button loads again (a failed `src`
    /// or inline load; not data the page gave with `setData`).
    Error(ChronoError, bool),
}

/// An active pointer drag.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Drag {
    pub pointer: i32,
    pub start_x: f64,
    pub start_y: f64,
    pub last_x: f64,
    pub moved: bool,
}

pub(crate) struct State {
    pub weak: Weak<RefCell<State>>,
    /// What the widgets of a page share across their WebAssembly instances
    /// (the loader's `PAGE` object; see `deeplink::take_budget`).
    pub page: JsValue,
    /// Set by the test hook `testPanic`: the next frame panics.
    pub panic_in_frame: bool,
    pub doc: Document,
    pub win: web_sys::Window,
    pub host: HtmlElement,
    pub frame: HtmlElement,
    pub canvas: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
    pub card_el: HtmlElement,
    pub hint: HtmlElement,
    pub message: HtmlElement,
    /// The loader's box around the `<slot>` that shows the element's own
    /// children (a fallback image) until the first frame is painted.
    pub fallback: Option<HtmlElement>,
    /// The list of the window's events printed below the chart (filled on
    /// `beforeprint`, emptied on `afterprint`; hidden on screen).
    pub print_list: HtmlElement,
    /// The accessible list of the view's events and the live region.
    pub mirror: super::mirror::Mirror,
    /// A frame with data has been painted (the fallback is hidden).
    pub painted: bool,
    pub measure: CanvasMeasure,
    /// Colour and font strings for the canvases, made once.
    pub styles: StyleCache,

    pub data: Option<Rc<Dataset>>,
    /// The address `data` was fetched from, which its relative addresses
    /// resolve against; None for inline data and `setData` (the page's
    /// base address then).
    pub data_base: Option<String>,
    /// `Prepared::new(data)`, made once per load.
    pub prepared: Option<Rc<Prepared>>,
    pub lang: Lang,
    pub theme: Theme,
    pub view: Option<Window>,
    pub css_size: (f64, f64),
    pub ratio: f64,
    pub scene: Option<Scene>,
    pub dirty: Dirty,
    pub hover: Option<usize>,
    pub selected: Option<usize>,
    pub card: Option<Card>,
    pub message_shown: Option<Message>,
    /// The small notice over the chart when a reload failed and the last
    /// good data stays (the error, and whether it offers Retry).
    pub notice: HtmlElement,
    pub notice_shown: Option<(ChronoError, bool)>,
    /// The Retry and close buttons of the message box and the notice.
    pub message_listeners: Vec<Listener>,
    /// The fetch under way, aborted by a newer load or the removal.
    pub load_abort: Option<web_sys::AbortController>,
    pub drag: Option<Drag>,
    /// A transition or momentum moving the view on its own.
    pub motion: Option<Motion>,
    /// Recent pointer positions of the drag, for momentum.
    pub velocity: VelocityTracker,
    /// Pointers down on the timeline: (id, x, y).
    pub pointers: Vec<(i32, f64, f64)>,
    pub pinch: Option<super::pointer::Pinch>,
    /// The last touch tap (time, x, y), for double-taps.
    pub last_tap: Option<(f64, f64, f64)>,
    pub suppress_dblclick_until: f64,
    pub long_press_timer: Option<i32>,
    pub long_press_cb: Option<Closure<dyn FnMut()>>,
    pub long_press_at: (f64, f64),
    /// A long press is showing its tooltip (lifting the finger is no tap).
    pub long_press_shown: bool,
    /// Where the crosshair is, when the pointer is over the plot.
    pub hover_x: Option<f64>,
    pub tooltip: HtmlElement,
    /// The crosshair's reading plates.
    pub readings: HtmlElement,
    /// The overview strip's pointer surface and its brush.
    pub overview: HtmlElement,
    pub brush: HtmlElement,
    /// A drag on the overview: what was grabbed, the view and the strip at
    /// the start, where it started, and by which pointer.
    pub nav_drag: Option<(NavGrab, Window, Navigator, f64, i32)>,
    /// The page's extension hooks.
    pub hooks: super::hooks::Hooks,
    /// A focus change waiting for the state to be released.
    pub focus_request: Option<FocusRequest>,
    /// Deep links: a selection to record in history once the call is done.
    pub link_push_pending: bool,
    /// Deep links: the reader or the page has moved the view or selected
    /// since the load (before that the URL is left alone).
    pub link_touched: bool,
    /// Deep links: when history was last pushed (ms), to coalesce bursts.
    pub last_push: f64,
    /// The view the data opened with (what Back returns to).
    pub initial_view: Option<Window>,
    /// Deep links: a URL is being applied (do not write it back), and the
    /// timer that writes window changes.
    pub applying_link: bool,
    pub link_timer: Option<i32>,
    pub link_cb: Option<Closure<dyn FnMut()>>,
    pub load_gen: u32,
    pub ready: bool,
    pub window_changed: bool,
    pub destroyed: bool,
    /// Events for the page, dispatched after the state is released.
    pub outbox: Vec<(&'static str, JsValue)>,
    /// The toolbar's buttons and side, which the layout leaves room for.
    pub chrome: Chrome,

    pub raf_id: Option<i32>,
    pub raf_cb: Option<Closure<dyn FnMut(f64)>>,
    pub hint_timer: Option<i32>,
    pub hint_cb: Option<Closure<dyn FnMut()>>,
    pub listeners: Vec<Listener>,
    pub card_listeners: Vec<Listener>,
    pub resize: Option<(ResizeObserver, ResizeCallback)>,
    pub media_watch: Vec<(MediaQueryList, Listener)>,
    /// The series' summary sentences (visually hidden, in the region's
    /// description) and the data dialog (`datatable.rs`).
    pub summaries: HtmlElement,
    pub data_dialog: HtmlElement,
    pub dialog_listeners: Vec<Listener>,
    /// The last CSV download's object URL (revoked at the next one).
    pub csv_url: Option<String>,
    /// Probes whose computed colours are the system colours
    /// (`Canvas`, `CanvasText`, …) in forced-colours mode.
    pub sys_probe: HtmlElement,
}

/// Runs `f` on the state if the widget still exists and is not borrowed
/// (a re-entrant call from a page event handler), then dispatches the
/// events `f` queued.
pub(crate) fn with_state<R>(
    weak: &Weak<RefCell<State>>,
    f: impl FnOnce(&mut State) -> R,
) -> Option<R> {
    if panic::dead() {
        return None; // after a panic nothing runs (panic.rs)
    }
    let rc = weak.upgrade()?;
    let r = {
        let mut st = rc.try_borrow_mut().ok()?;
        if st.destroyed {
            return None;
        }
        f(&mut st)
    };
    after_call(&rc);
    Some(r)
}

/// What every call ends with, once its own work is done (kept out of the
/// generic `with_state` so that it exists once in the wasm, not per call).
#[inline(never)]
fn after_call(rc: &Rc<RefCell<State>>) {
    let (out, host, focus) = {
        let Ok(mut st) = rc.try_borrow_mut() else {
            return;
        };
        // A selection made by this call: one history entry, written now that
        // the view has been moved to show it.
        if std::mem::take(&mut st.link_push_pending) {
            st.push_link();
        }
        (
            std::mem::take(&mut st.outbox),
            st.host.clone(),
            st.focus_request.take(),
        )
    };
    // focus() and blur() run the page's focus listeners at once, and those
    // may call the API: so they wait until the state is released.
    match focus {
        Some(FocusRequest::Element(e)) => {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = e.focus_with_options(&opts);
        }
        Some(FocusRequest::Blur(e)) => {
            let _ = e.blur();
        }
        None => {}
    }
    dispatch_all(&host, out);
}

/// Loads data (`core::formats::load`, the path the command line takes
/// too), leaving a `chronoscope:parse` User Timing measure in the page's
/// performance timeline (for profilers and the benchmark).
pub(crate) fn timed_load(
    name: &str,
    bytes: &[u8],
) -> Result<Loaded, crate::core::data::error::ChronoError> {
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark("chronoscope:parse-start");
    }
    let r = formats::load::load(name, bytes, formats::load::Limits::Apply);
    if let Some(p) = &perf {
        let _ = p.mark("chronoscope:parse-end");
        let _ = p.measure_with_start_mark_and_end_mark(
            "chronoscope:parse",
            "chronoscope:parse-start",
            "chronoscope:parse-end",
        );
        p.clear_marks_with_mark_name("chronoscope:parse-start");
        p.clear_marks_with_mark_name("chronoscope:parse-end");
    }
    r
}

/// A focus change to make once the state is released.
pub(crate) enum FocusRequest {
    Element(HtmlElement),
    Blur(HtmlElement),
}

/// The outbox kind that saves a canvas as a PNG file (the detail is
/// `[canvas, file name]`), after the `render` hook queued before it ran.
pub(crate) const DOWNLOAD: &str = "\u{0}download";

/// The outbox kind that runs the page's `render` hook (the detail is the
/// hook followed by its arguments) instead of dispatching an event.
pub(crate) const RENDER_HOOK: &str = "\u{0}render";

fn dispatch_all(host: &HtmlElement, out: Vec<(&'static str, JsValue)>) {
    for (kind, detail) in out {
        if kind == RENDER_HOOK {
            run_render_hook(&detail);
            continue;
        }
        if kind == DOWNLOAD {
            save_png(host, &detail);
            continue;
        }
        let init = CustomEventInit::new();
        init.set_bubbles(false);
        init.set_detail(&detail);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(kind, &init) {
            let _ = host.dispatch_event(&ev);
        }
    }
}

/// Saves `[canvas, name]` as a PNG file through a temporary `<a download>`.
fn save_png(host: &HtmlElement, args: &JsValue) {
    let Some(args) = args.dyn_ref::<js_sys::Array>() else {
        return;
    };
    let (Ok(canvas), Some(name)) = (
        args.get(0).dyn_into::<HtmlCanvasElement>(),
        args.get(1).as_string(),
    ) else {
        return;
    };
    let (Ok(url), Some(doc)) = (canvas.to_data_url(), host.owner_document()) else {
        return;
    };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(&url);
    a.set_download(&name);
    // Firefox follows a download link only while it is in the document.
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
}

/// A file name from a dataset title: letters and digits of any script
/// kept, runs of anything else one `-`, at most 60 characters.
pub(crate) fn file_name(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "timeline.png".to_string()
    } else {
        format!("{out}.png")
    }
}

/// Calls `args[0](...args[1..])`; a failing hook is logged, never thrown
/// into the frame loop.
fn run_render_hook(args: &JsValue) {
    let Some(args) = args.dyn_ref::<js_sys::Array>() else {
        return;
    };
    let Ok(hook) = args.shift().dyn_into::<js_sys::Function>() else {
        return;
    };
    if let Err(e) = hook.apply(&JsValue::NULL, args) {
        web_sys::console::error_2(
            &JsValue::from_str("chronoscope: a render listener failed:"),
            &e,
        );
    }
}

/// The `render` hook's arguments for a frame painted on `canvas` at `ratio`
/// (or None when the page set no hook).
pub(crate) fn render_hook_call(
    hook: Option<&js_sys::Function>,
    canvas: &HtmlCanvasElement,
    scene: &Scene,
    css: (f64, f64),
    ratio: f64,
) -> Option<JsValue> {
    let scale = &scene.scale;
    // The chart: from the top of the eras (or the timeline) to the bottom
    // of the last pane, across the time axis's width — not the overview.
    let top = scene.era_strip.map_or(scene.timeline.y, |r| r.y);
    let plot = [
        scale.x0,
        top,
        scale.x1 - scale.x0,
        scene.content_bottom() - top,
    ];
    let hook = hook?;
    let ctx = canvas.get_context("2d").ok().flatten()?;
    let args = js_sys::Array::new();
    let hook: JsValue = hook.clone().into();
    let ctx: JsValue = ctx.into();
    for v in [
        hook,
        ctx,
        JsValue::from_f64(scale.window.start),
        JsValue::from_f64(scale.window.end),
        JsValue::from_f64(scale.x0),
        JsValue::from_f64(scale.x1),
        JsValue::from_f64(css.0),
        JsValue::from_f64(css.1),
        JsValue::from_f64(ratio),
        JsValue::from_f64(plot[0]),
        JsValue::from_f64(plot[1]),
        JsValue::from_f64(plot[2]),
        JsValue::from_f64(plot[3]),
    ] {
        args.push(&v);
    }
    Some(args.into())
}

/// `{key: value, …}` as a JS object.
pub(crate) fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// A `ChronoError` as a JS `Error` carrying `code`, `fatal` and, where
/// known, `path`, `line` and `column`: thrown by API calls and used as the
/// `detail` of `error` events.
pub(crate) fn js_error(e: &ChronoError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let mut pairs = vec![
        ("code", JsValue::from_str(e.code.as_str())),
        ("fatal", JsValue::from_bool(e.fatal)),
    ];
    if let Some(p) = &e.path {
        pairs.push(("path", JsValue::from_str(p)));
    }
    if let Some(l) = e.line {
        pairs.push(("line", JsValue::from(l)));
    }
    if let Some(c) = e.column {
        pairs.push(("column", JsValue::from(c)));
    }
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    }
    err.into()
}

pub(crate) fn bad_argument(msg: impl Into<String>) -> JsValue {
    js_error(&ChronoError::new(ErrorCode::BadArgument, msg, false))
}

/// A time from JS: a number (ms since 1970), a `Date`, or a dataset time string.
pub(crate) fn js_time(v: &JsValue, what: &str) -> Result<Ms, JsValue> {
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        let t = d.get_time();
        return time_from_ms(t)
            .map(|p| p.ms)
            .map_err(|e| bad_argument(format!("{what}: {e}")));
    }
    if let Some(n) = v.as_f64() {
        return time_from_ms(n)
            .map(|p| p.ms)
            .map_err(|e| bad_argument(format!("{what}: {n} {e}")));
    }
    if let Some(s) = v.as_string() {
        return parse_time(&s)
            .map(|p| p.ms)
            .map_err(|e| bad_argument(format!("{what}: \"{s}\": {e}")));
    }
    Err(bad_argument(format!(
        "{what} must be a number (ms since 1970), a Date or a time string"
    )))
}

impl State {
    pub fn schedule(&mut self) {
        if self.raf_id.is_some() || self.destroyed {
            return;
        }
        if let Some(cb) = &self.raf_cb {
            self.raf_id = self
                .win
                .request_animation_frame(cb.as_ref().unchecked_ref())
                .ok();
        }
    }

    pub fn invalidate(&mut self, d: Dirty) {
        self.dirty.size |= d.size;
        self.dirty.layout |= d.layout;
        self.dirty.base |= d.base;
        self.dirty.overlay |= d.overlay;
        self.schedule();
    }

    fn invalidate_view(&mut self) {
        self.invalidate(Dirty {
            layout: true,
            base: true,
            overlay: true,
            ..Dirty::default()
        });
    }

    /// Sets the visible window (already valid); queues `windowchange`.
    pub fn set_view(&mut self, w: Window) {
        if self.view != Some(w) {
            self.view = Some(w);
            self.window_changed = true;
            self.invalidate_view();
            self.touch_link(false);
            self.mirror_changed();
            if self.ready && !self.applying_link {
                self.announce(super::mirror::Announce::Window);
            }
        }
    }

    /// Shows `w` at once, ending any transition or coast (API calls and
    /// attributes: what the page asks for wins).
    pub fn jump_to(&mut self, w: Window) {
        self.stop_motion();
        self.set_view(w);
    }

    /// `jump_to`, or `animate_to` when asked.
    pub fn move_to(&mut self, w: Window, animate: bool) {
        if animate {
            self.animate_to(w);
        } else {
            self.jump_to(w);
        }
    }

    /// The page's formatters over dataset `ds`.
    pub fn page_formatter<'a>(&'a self, ds: &'a Dataset) -> super::hooks::PageFormatter<'a> {
        super::hooks::PageFormatter {
            date: self.hooks.format_date.as_ref(),
            value: self.hooks.format_value.as_ref(),
            dataset: ds,
            lang: self.lang,
        }
    }

    /// Moves the view to `w` with a short ease-out transition (at once when
    /// the reader prefers reduced motion).
    pub fn animate_to(&mut self, w: Window) {
        let Some(from) = self.view else {
            self.set_view(w);
            return;
        };
        if self.reduced_motion() || from == w {
            self.motion = None;
            self.set_view(w);
            return;
        }
        self.motion = Some(Motion::Tween(Tween::new(from, w)));
        self.mirror_changed(); // the list follows where the view is heading
        self.schedule();
    }

    /// The window key presses build on: where a running transition is
    /// heading, else the current view (so held keys accumulate).
    pub fn target_view(&self) -> Option<Window> {
        self.motion.and_then(|m| m.target()).or(self.view)
    }

    /// Direct manipulation (wheel, drag, pinch) takes over from any motion.
    pub fn stop_motion(&mut self) {
        self.motion = None;
    }

    pub fn reduced_motion(&self) -> bool {
        self.win
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    }

    /// The scale for the current view and size (before any frame too).
    pub fn scale(&self) -> Option<TimeScale> {
        if let Some(s) = &self.scene {
            if Some(s.scale.window) == self.view && s.width == self.css_size.0.max(1.0) {
                return Some(s.scale);
            }
        }
        self.view.map(|w| time_scale(w, self.css_size.0))
    }

    /// The view that shows all data (`core::view::fit`).
    pub fn fit_window(&self) -> Option<Window> {
        let prepared = self.prepared.as_ref()?;
        fit::fit_window(prepared.extent, prepared.finest)
    }

    /// The initial window: `start`/`end` attributes, else fit all.
    fn initial_window(&mut self) -> Option<Window> {
        let attr = |name: &str| {
            self.host
                .get_attribute(name)
                .and_then(|s| parse_time(&s).ok())
                .map(|t| t.ms)
        };
        fit::initial_window(self.fit_window(), attr("start"), attr("end"))
    }

    /// Language: the element's `lang`, else the dataset's `locale`, else the page's.
    pub fn resolve_lang(&self) -> Lang {
        if let Some(l) = self
            .host
            .get_attribute("lang")
            .filter(|s| !s.trim().is_empty())
        {
            return Lang::from_tag(&l);
        }
        if let Some(l) = self.data.as_ref().and_then(|d| d.locale.clone()) {
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
    pub fn resolve_dir(&self) -> &'static str {
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

    /// The toolbar's download button: the current view as a PNG at 2×
    /// (with the page's `render` annotations), saved under the dataset's
    /// title.
    pub fn download_image(&mut self) {
        match super::api::png_canvas(self, 2.0) {
            Ok((canvas, hook)) => {
                if let Some(call) = hook {
                    self.outbox.push((RENDER_HOOK, call));
                }
                let title = self.data.as_ref().map_or("", |d| d.title.as_str());
                let detail = js_sys::Array::of2(&canvas, &JsValue::from_str(&file_name(title)));
                self.outbox.push((DOWNLOAD, detail.into()));
            }
            Err(e) => web_sys::console::error_2(
                &JsValue::from_str("chronoscope: the image could not be made:"),
                &e,
            ),
        }
    }

    /// Reads the theme from the element's CSS custom properties.
    pub fn read_theme(&mut self) {
        let mode = self.host.get_attribute("theme").unwrap_or_default();
        let prefers_dark = self
            .win
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
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
            self.invalidate(Dirty {
                layout: true,
                base: true,
                overlay: true,
                ..Dirty::default()
            });
        }
    }

    /// Reads the box size and pixel ratio.
    pub fn read_size(&mut self) {
        let w = self.frame.client_width() as f64;
        let h = self.frame.client_height() as f64;
        let ratio = self.win.device_pixel_ratio();
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        if (w, h) != self.css_size || ratio != self.ratio {
            self.css_size = (w, h);
            self.ratio = ratio;
            let narrow = w < 480.0;
            let _ = self.frame.class_list().toggle_with_force("narrow", narrow);
            self.invalidate(Dirty::all());
        }
    }

    /// Applies a freshly parsed dataset.
    pub fn set_data(&mut self, loaded: Loaded) {
        let Loaded {
            dataset,
            errors,
            suppressed,
        } = loaded;
        // A new dataset starts without a selection; the page hears of it
        // (but no history entry is made for it).
        self.ready = false;
        self.select(None, false);
        self.prepared = Some(Rc::new(Prepared::new(&dataset)));
        self.data = Some(Rc::new(dataset));
        self.mirror_reset();
        self.lang = self.resolve_lang();
        self.hover = None;
        self.scene = None;
        self.view = None;
        self.stop_motion();
        if let Some(w) = self.initial_window() {
            self.view = Some(w);
            self.window_changed = true;
        }
        self.initial_view = self.view;
        self.link_touched = false;
        self.apply_labels();
        let empty = self.data.as_ref().is_none_or(|d| d.is_empty());
        self.notice_shown = None;
        set_hidden(&self.notice, true);
        self.show_message(empty.then_some(Message::NoData));
        self.ready = true;
        self.apply_link();
        self.invalidate(Dirty::all());
        let ds = self.data.clone();
        let detail = obj(&[
            (
                "title",
                JsValue::from_str(ds.as_ref().map_or("", |d| d.title.as_str())),
            ),
            (
                "events",
                JsValue::from(ds.as_ref().map_or(0, |d| d.events.len() as u32)),
            ),
            (
                "series",
                JsValue::from(ds.as_ref().map_or(0, |d| d.series.len() as u32)),
            ),
        ]);
        self.outbox.push(("ready", detail));
        for e in &errors {
            web_sys::console::warn_1(&JsValue::from_str(&format!("chronoscope: {e}")));
            self.outbox.push(("error", js_error(e)));
        }
        if suppressed > 0 {
            let e = ChronoError::new(
                errors.last().map_or(ErrorCode::BadValue, |e| e.code),
                format!("{suppressed} more problems in the dataset were not listed"),
                false,
            );
            self.outbox.push(("error", js_error(&e)));
        }
    }

    /// Reports a failed load (an `error` event and the console). With data
    /// on screen from an earlier load, that data stays and a small notice
    /// says what went wrong; otherwise the message box shows the error.
    /// `retry` offers a Retry button that runs the load again.
    pub fn fail(&mut self, e: ChronoError, retry: bool) {
        self.load_abort = None;
        web_sys::console::error_1(&JsValue::from_str(&format!("chronoscope: {e}")));
        self.outbox.push(("error", js_error(&e)));
        if self.ready && self.data.is_some() {
            self.show_notice(Some((e, retry)));
            return;
        }
        self.show_notice(None);
        self.ready = false;
        self.stop_motion();
        self.select(None, false);
        self.data = None;
        self.prepared = None;
        self.mirror_reset();
        self.scene = None;
        self.view = None;
        self.ready = false;
        self.lang = self.resolve_lang();
        self.show_message(Some(Message::Error(e, retry)));
        self.invalidate(Dirty::all());
    }

    /// Runs the last load again (the Retry button).
    pub fn retry(&mut self) {
        self.show_notice(None);
        self.start_load();
    }

    /// Shows (or hides, with None) the message box, in the current language.
    pub fn show_message(&mut self, m: Option<Message>) {
        self.message_listeners.clear();
        match &m {
            None => set_hidden(&self.message, true),
            Some(Message::Loading) => dom::show_status(&self.message, strings(self.lang).loading),
            Some(Message::NoData) => dom::show_status(&self.message, strings(self.lang).no_data),
            Some(Message::Error(e, retry)) => {
                dom::show_error(&self.doc, &self.message, e, self.lang);
                if *retry {
                    let b = dom::retry_button(&self.doc, &self.message, self.lang);
                    self.listen_retry(&b);
                }
            }
        }
        if let Some((e, retry)) = self.notice_shown.clone() {
            self.render_notice(&e, retry); // its listeners were cleared too
        }
        // Clicks on the boxes are theirs, not the timeline's.
        for target in [self.notice.clone(), self.message.clone()] {
            for kind in ["pointerdown", "dblclick", "wheel"] {
                self.message_listeners
                    .push(Listener::new(&target, kind, true, |e| e.stop_propagation()));
            }
        }
        self.message_shown = m;
    }

    /// Shows (or hides) the notice of a failed reload over the chart.
    pub fn show_notice(&mut self, n: Option<(ChronoError, bool)>) {
        if n.is_none() {
            set_hidden(&self.notice, true);
            dom::clear(&self.notice);
        }
        self.notice_shown = n;
        let m = self.message_shown.take();
        self.show_message(m); // both boxes, with their buttons
    }

    fn render_notice(&mut self, e: &ChronoError, retry: bool) {
        let close = dom::show_notice(&self.doc, &self.notice, e, self.lang);
        if retry {
            let b = dom::retry_button(&self.doc, &self.notice, self.lang);
            self.listen_retry(&b);
        }
        let weak = self.weak.clone();
        self.message_listeners
            .push(Listener::new(&close, "click", true, move |_| {
                with_state(&weak, |st| st.show_notice(None));
            }));
    }

    fn listen_retry(&mut self, b: &HtmlElement) {
        let weak = self.weak.clone();
        self.message_listeners
            .push(Listener::new(b, "click", true, move |_| {
                with_state(&weak, |st| st.retry());
            }));
    }

    /// Accessible name, language and direction of the region; the toolbar's
    /// names and buttons (and so the room the layout leaves for them). The
    /// name is the host's `aria-label` when the page gives one (two widgets
    /// of one dataset on a page stay distinguishable), else the dataset's
    /// title, else the word for a timeline.
    pub fn apply_labels(&mut self) {
        let title = self
            .host
            .get_attribute("aria-label")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .or_else(|| self.data.as_ref().map(|d| d.title.clone()))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| strings(self.lang).timeline.to_string());
        set_attr(&self.frame, "aria-label", &title);
        set_attr(&self.frame, "lang", self.lang.tag());
        let dir = self.resolve_dir();
        set_attr(&self.frame, "dir", dir);
        let download = self.host.has_attribute("download");
        let series = self.data.as_ref().is_some_and(|d| !d.series.is_empty());
        let chrome = Chrome {
            buttons: 3 + u8::from(download) + u8::from(series),
            rtl: dir == "rtl",
            coarse: self.matches("(pointer: coarse)"),
        };
        if chrome != self.chrome {
            self.chrome = chrome;
            self.invalidate_view();
        }
        set_attr(&self.card_el, "lang", self.lang.tag());
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

    /// The series' summary sentences, in the region's description after
    /// its instructions.
    pub fn describe_series(&mut self) {
        let ds = self.data.clone();
        let fmt = ds.as_deref().map(|d| self.page_formatter(d));
        let ids = super::datatable::fill_summaries(
            &self.doc,
            &self.summaries,
            ds.as_deref(),
            self.lang,
            fmt.as_ref().and_then(|f| f.as_formatter()),
        );
        let mut described = String::from("cs-desc");
        for id in ids {
            described.push(' ');
            described.push_str(&id);
        }
        set_attr(&self.frame, "aria-describedby", &described);
    }

    /// Whether a media query matches now.
    pub fn matches(&self, query: &str) -> bool {
        self.win
            .match_media(query)
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    }

    /// The system colours as this browser resolves them in the shadow
    /// root (a canvas's `fillStyle` is not trusted to take the keywords in
    /// every browser); None if one cannot be read.
    fn system_colors(&self) -> Option<SystemColors> {
        let mut out = [crate::core::data::model::Rgb::new(0, 0, 0); 5];
        for (i, slot) in out.iter_mut().enumerate() {
            let probe = self
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

    /// Lays out now if the view, size or data changed since the last
    /// layout (the frame does it; so do API calls that need positions).
    /// Returns whether a scene exists.
    pub fn ensure_scene(&mut self) -> bool {
        if !self.dirty.layout && self.scene.is_some() {
            return true;
        }
        let (Some(ds), Some(prepared), Some(view)) =
            (self.data.clone(), self.prepared.clone(), self.view)
        else {
            return false;
        };
        let (w, h) = self.css_size;
        if w < 1.0 || h < 1.0 {
            return false;
        }
        let fmt = self.page_formatter(&ds);
        let scene = layout(&LayoutInput {
            dataset: &ds,
            prepared: &prepared,
            window: view,
            width: w,
            height: h,
            lang: self.lang,
            measure: &self.measure,
            previous: self.scene.as_ref(),
            formatter: fmt.as_formatter(),
            chrome: self.chrome,
        });
        // Hover referred to an item of the old scene.
        self.hover = None;
        set_hidden(&self.tooltip, true);
        self.scene = Some(scene);
        self.dirty.layout = false;
        self.dirty.base = true;
        self.dirty.overlay = true;
        true
    }

    /// One animation frame at time `now` (ms): advance any motion, resize,
    /// lay out, paint what is dirty.
    pub fn render(&mut self, now: f64) {
        self.raf_id = None;
        if self.destroyed {
            return;
        }
        if self.panic_in_frame {
            panic!("test panic requested by the page, in an animation frame");
        }
        if let (Some(mut m), Some(view)) = (self.motion, self.view) {
            let (w, more) = m.step(view, now);
            self.motion = more.then_some(m);
            self.set_view(w);
            if more {
                self.schedule();
            }
        }
        let (w, h) = self.css_size;
        if self.dirty.size {
            for c in [&self.canvas, &self.overlay] {
                c.set_width((w * self.ratio).round().max(1.0) as u32);
                c.set_height((h * self.ratio).round().max(1.0) as u32);
            }
        }
        let has_scene = self.ensure_scene();
        let d = std::mem::take(&mut self.dirty);
        let Some(ds) = self.data.clone().filter(|_| has_scene) else {
            self.clear_canvas(&self.canvas);
            self.clear_canvas(&self.overlay);
            set_hidden(&self.overview, true);
            dom::show_readings(&self.doc, &self.readings, None, &self.theme);
            return;
        };
        let Some(view) = self.view else { return };
        let Some(scene) = &self.scene else { return };
        if d.base || d.size {
            match &scene.navigator {
                Some(nav) => {
                    dom::place(&self.overview, &nav.rect);
                    let b = &nav.brush;
                    let rel = crate::core::scene::Rect::new(b.x - nav.rect.x, 0.0, b.w, nav.rect.h);
                    dom::place(&self.brush, &rel);
                    set_hidden(&self.overview, false);
                }
                None => set_hidden(&self.overview, true),
            }
            if let Some(mut backend) = Canvas2d::new(&self.canvas, &mut self.styles) {
                let mut p = Painter::new(&mut backend, &self.theme, self.ratio);
                if let Err(e) = p.draw_scene(scene, &ds) {
                    web_sys::console::error_1(&JsValue::from_str(&format!(
                        "chronoscope: drawing failed: {e:?}"
                    )));
                }
            }
            if !self.painted {
                // The chart is on screen: the element's fallback content
                // (an image of it, say) steps aside.
                self.painted = true;
                if let Some(f) = &self.fallback {
                    set_hidden(f, true);
                }
            }
            // The page draws its annotations on top, after this call.
            if let Some(call) = render_hook_call(
                self.hooks.render.as_ref(),
                &self.canvas,
                scene,
                self.css_size,
                self.ratio,
            ) {
                self.outbox.push((RENDER_HOOK, call));
            }
        }
        if d.overlay || d.base || d.size {
            self.clear_canvas(&self.overlay);
            let fmt = self.page_formatter(&ds);
            let cross = self.hover_x.and_then(|x| {
                crosshair(&ds, scene, x, self.lang, &self.measure, fmt.as_formatter())
            });
            if let Some(mut backend) = Canvas2d::new(&self.overlay, &mut self.styles) {
                let mut p = Painter::new(&mut backend, &self.theme, self.ratio);
                let hl = Highlight {
                    hover: self.hover,
                    selected: self.selected,
                    focused: self.mirror.focused,
                };
                let _ = p.draw_highlight(scene, hl);
                if let Some(ch) = &cross {
                    let _ = p.draw_crosshair(ch, false);
                }
            }
            dom::show_readings(&self.doc, &self.readings, cross.as_ref(), &self.theme);
        }
        if self.mirror.stale {
            // New data: its list right after its first frame is painted.
            self.update_mirror();
        }
        if self.window_changed {
            self.window_changed = false;
            self.place_card();
            let detail = obj(&[
                ("start", JsValue::from_f64(view.start)),
                ("end", JsValue::from_f64(view.end)),
            ]);
            self.outbox.push(("windowchange", detail));
            self.schedule_replace_link();
        }
    }

    fn clear_canvas(&self, c: &HtmlCanvasElement) {
        if let Some(ctx) = c
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|x| x.dyn_into::<CanvasRenderingContext2d>().ok())
        {
            ctx.clear_rect(0.0, 0.0, c.width() as f64, c.height() as f64);
        }
    }

    // ----- selection and card -----

    /// Selects an event (or nothing); queues `select` when it changes.
    pub fn select(&mut self, ev: Option<usize>, open_card: bool) {
        if self.selected != ev {
            self.selected = ev;
            let id = ev
                .and_then(|i| self.data.as_ref()?.events.get(i).map(|e| e.id.clone()))
                .map_or(JsValue::NULL, |s| JsValue::from_str(&s));
            self.outbox.push(("select", obj(&[("id", id)])));
            self.invalidate(Dirty {
                overlay: true,
                ..Dirty::default()
            });
            self.touch_link(true);
            self.mirror_changed();
            if let Some(i) = ev.filter(|&i| self.mirror.focused != Some(i)) {
                self.announce(super::mirror::Announce::Event(i));
            }
        }
        match ev {
            Some(i) if open_card => self.show_card(Card::Event(i)),
            None => self.hide_card(),
            _ => {}
        }
    }

    /// Pans so that event `i` is in view (keeping the zoom), a third of the
    /// way in from the side it came from; nothing when it is in view already.
    /// For selections made by keys, the API or lists — not by clicking what
    /// is in view.
    pub fn reveal(&mut self, i: usize) {
        let (Some(ds), Some(view)) = (self.data.clone(), self.target_view()) else {
            return;
        };
        let Some(ev) = ds.events.get(i) else { return };
        let margin = view.span() * 0.05;
        if ev.start.ms >= view.start + margin && ev.start.ms <= view.end - margin {
            return;
        }
        let frac = if ev.start.ms > view.end { 0.3 } else { 0.7 };
        let target = view.start + view.span() * frac;
        self.animate_to(view.pan(ev.start.ms - target));
    }

    /// Puts the card on the side away from the selected event.
    fn place_card(&self) {
        let x = match (&self.card, self.scale()) {
            (Some(Card::Event(i)), Some(scale)) => self
                .data
                .as_ref()
                .and_then(|d| d.events.get(*i))
                .map(|e| scale.t_to_x(e.start.ms)),
            _ => None,
        };
        let right_half = x.is_some_and(|x| x > self.css_size.0 * 0.55);
        let _ = self
            .card_el
            .class_list()
            .toggle_with_force("left", right_half);
    }

    /// The page's base address (`document.baseURI`).
    pub fn page_base(&self) -> String {
        self.doc.base_uri().ok().flatten().unwrap_or_default()
    }

    /// What the data's relative addresses resolve against: the address it
    /// was fetched from, else the page's.
    pub fn base_for_data(&self) -> String {
        self.data_base.clone().unwrap_or_else(|| self.page_base())
    }

    pub fn show_card(&mut self, card: Card) {
        let Some(ds) = self.data.clone() else { return };
        let base = self.base_for_data();
        let had_focus = self.card_has_focus();
        self.card_listeners.clear();
        let custom = match &card {
            Card::Event(i) => {
                super::hooks::custom_node(self.hooks.render_card.as_ref(), "renderCard", &ds, *i)
            }
            _ => None,
        };
        let date_hook = self.hooks.format_date.clone();
        let value_hook = self.hooks.format_value.clone();
        let page_fmt = super::hooks::PageFormatter {
            date: date_hook.as_ref(),
            value: value_hook.as_ref(),
            dataset: &ds,
            lang: self.lang,
        };
        let fmt = page_fmt.as_formatter();
        let (doc, el, lang) = (&self.doc, &self.card_el, self.lang);
        let close = match &card {
            Card::Event(i) => {
                dom::event_card(doc, el, &ds, *i, lang, fmt, custom, &base).map(|b| {
                    for (button, step) in [(b.previous, -1), (b.next, 1)] {
                        let Some(button) = button else { continue };
                        let weak = self.weak.clone();
                        self.card_listeners.push(Listener::new(
                            &button,
                            "click",
                            true,
                            move |_| {
                                with_state(&weak, |st| st.select_step(step));
                            },
                        ));
                    }
                    b.close
                })
            }
            Card::Series(i) => dom::series_card(doc, el, &ds, *i, lang, &base),
            Card::Cluster(members) => {
                let (close, buttons) = dom::cluster_card(doc, el, &ds, members, lang, fmt);
                for (m, b) in buttons {
                    let weak = self.weak.clone();
                    self.card_listeners
                        .push(Listener::new(&b, "click", true, move |_| {
                            with_state(&weak, |st| {
                                st.select(Some(m), true);
                                st.reveal(m);
                            });
                        }));
                }
                Some(close)
            }
        };
        // A picture that cannot load (a dead link in an old timeline) leaves
        // no broken-image icon behind; its caption and credit stay.
        if let Ok(imgs) = self.card_el.query_selector_all("figure.media img") {
            for i in 0..imgs.length() {
                let Some(img) = imgs.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
                    continue;
                };
                let target = img.clone();
                self.card_listeners
                    .push(Listener::new(&img, "error", true, move |_| {
                        set_hidden(&target, true)
                    }));
            }
        }
        if let (true, Some(close)) = (had_focus, &close) {
            // The focused element was in the old card: keep focus in the new one.
            self.focus_element(close);
        }
        if let Some(close) = close {
            let weak = self.weak.clone();
            self.card_listeners
                .push(Listener::new(&close, "click", true, move |_| {
                    with_state(&weak, |st| {
                        if st.mirror.card_from_list {
                            // Back to the list, the event still selected.
                            st.hide_card();
                        } else {
                            st.select(None, false);
                            st.hide_card();
                            st.focus_frame();
                        }
                    });
                }));
        }
        // Clicks, wheels (scrolling a long card) and pointer moves inside the
        // card are the card's, not the timeline's.
        for kind in ["pointerdown", "pointermove", "dblclick", "wheel"] {
            self.card_listeners
                .push(Listener::new(&self.card_el, kind, true, |e| {
                    e.stop_propagation()
                }));
        }
        // Over the card the timeline's hover ends; touching it stops a coast.
        for kind in ["pointerenter", "pointerdown"] {
            let weak = self.weak.clone();
            self.card_listeners
                .push(Listener::new(&self.card_el, kind, true, move |_| {
                    with_state(&weak, |st| {
                        st.stop_motion();
                        super::pointer::clear_hover(st);
                    });
                }));
        }
        set_attr(&self.card_el, "aria-labelledby", "cs-card-title");
        set_hidden(&self.card_el, false);
        self.card = Some(card);
        self.place_card();
    }

    pub fn hide_card(&mut self) {
        let had_focus = self.card_has_focus();
        set_hidden(&self.card_el, true);
        dom::clear(&self.card_el);
        self.card_listeners.clear();
        self.card = None;
        if had_focus {
            // Focus was inside the card: give it back to where the card
            // was opened from (an option of the list, else the timeline)
            // rather than letting it fall to the page's body.
            self.card_closed_focus();
        } else {
            self.mirror.card_from_list = false;
        }
    }

    /// Whether keyboard focus is inside the card.
    pub fn card_has_focus(&self) -> bool {
        let root = self.card_el.get_root_node();
        let active = root
            .dyn_ref::<ShadowRoot>()
            .and_then(|r| r.active_element());
        active.is_some_and(|a| self.card_el.contains(Some(&a)))
    }

    /// A click at `(x, y)` (CSS px in the frame) that was not a drag.
    pub fn click(&mut self, x: f64, y: f64) {
        let Some(scene) = &self.scene else { return };
        match scene.hit(x, y) {
            Some(Hit::Item(i)) => {
                let Some(item) = scene.items.get(i) else {
                    return;
                };
                match &item.kind {
                    ItemKind::Cluster { members, .. } => {
                        let members = members.clone();
                        self.open_cluster(members);
                    }
                    _ => {
                        let ev = item.event;
                        self.select(Some(ev), true);
                    }
                }
            }
            Some(Hit::PaneTitle(p)) => {
                if let Some(pane) = scene.panes.get(p) {
                    let s = pane.series;
                    self.show_card(Card::Series(s));
                }
            }
            None => {
                if self.card.is_some() || self.selected.is_some() {
                    self.select(None, false);
                    self.hide_card();
                }
            }
        }
    }

    /// Zooms into a cluster whose events are at different times, else lists them.
    fn open_cluster(&mut self, mut members: Vec<usize>) {
        let Some(ds) = self.data.clone() else { return };
        // Listed in time order (events are sorted by time).
        members.sort_unstable();
        let times: Vec<Ms> = members
            .iter()
            .filter_map(|&m| ds.events.get(m).map(|e| e.start.ms))
            .collect();
        let lo = times.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Events at different times come apart when zoomed in; events at
        // one instant never do, so they are listed instead.
        if hi > lo {
            let pad = (hi - lo) * 0.6;
            if let Some(w) = Window::new(lo - pad, hi + pad * 2.0) {
                self.animate_to(w);
                return;
            }
        }
        self.show_card(Card::Cluster(members));
    }

    // ----- keyboard selection -----

    /// Selects the event `delta` places from the selected one in time order
    /// (keeping its card open if one is), and moves the view to it.
    pub fn select_step(&mut self, delta: i64) {
        let Some(ds) = self.data.clone() else { return };
        let Some(cur) = self.selected else { return };
        let last = ds.events.len().saturating_sub(1) as i64;
        let next = (cur as i64 + delta).clamp(0, last) as usize;
        let card_open = matches!(self.card, Some(Card::Event(_)));
        self.select(Some(next), card_open);
        self.reveal(next);
    }

    /// Goes to the first (or last) event and selects it.
    pub fn select_edge(&mut self, first: bool) -> bool {
        let Some(ds) = self.data.clone() else {
            return false;
        };
        if ds.events.is_empty() {
            return false;
        }
        let i = if first { 0 } else { ds.events.len() - 1 };
        let card_open = matches!(self.card, Some(Card::Event(_)));
        self.select(Some(i), card_open);
        self.center_on(i);
        true
    }

    /// Enter: opens the selected event's card, selecting the event nearest
    /// the middle of the view first if none is.
    pub fn open_selected(&mut self) -> bool {
        let Some(ds) = self.data.clone() else {
            return false;
        };
        let i = match self.selected {
            Some(i) => i,
            None => {
                let Some(view) = self.view else { return false };
                let mid = view.center();
                let Some(i) = (0..ds.events.len())
                    .filter(|&i| view.contains(ds.events[i].start.ms))
                    .min_by(|&a, &b| {
                        let da = (ds.events[a].start.ms - mid).abs();
                        let db = (ds.events[b].start.ms - mid).abs();
                        da.total_cmp(&db)
                    })
                else {
                    return false;
                };
                i
            }
        };
        self.select(Some(i), true);
        true
    }

    /// Centres the view on event `i`, keeping the zoom.
    pub fn center_on(&mut self, i: usize) {
        let (Some(ds), Some(view)) = (self.data.clone(), self.target_view()) else {
            return;
        };
        if let Some(ev) = ds.events.get(i) {
            self.animate_to(view.pan(ev.start.ms - view.center()));
        }
    }

    // ----- printing -----

    /// `beforeprint`: writes the events of the current window, in time
    /// order, into the print-only list below the chart (dates as on the
    /// card). At most [`PRINT_LIST_MAX`] are listed.
    pub fn fill_print_list(&mut self) {
        dom::clear(&self.print_list);
        // The frame's language and direction (the list is outside it).
        set_attr(&self.print_list, "lang", self.lang.tag());
        match self.frame.get_attribute("dir") {
            Some(dir) => set_attr(&self.print_list, "dir", &dir),
            None => {
                let _ = self.print_list.remove_attribute("dir");
            }
        }
        let (Some(ds), Some(view)) = (self.data.clone(), self.view) else {
            return;
        };
        let in_view = ds.events.iter().enumerate().filter(|(_, e)| {
            let end = e.end.as_ref().map_or(e.start.ms, |t| t.ms.max(e.start.ms));
            e.start.ms <= view.end && end >= view.start
        });
        let mut shown = Vec::new();
        let mut more = 0usize;
        for (i, _) in in_view {
            if shown.len() < PRINT_LIST_MAX {
                shown.push(i);
            } else {
                more += 1;
            }
        }
        let fmt = self.page_formatter(&ds);
        dom::fill_print_list(
            &self.doc,
            &self.print_list,
            &ds,
            &shown,
            more,
            self.lang,
            fmt.as_formatter(),
        );
    }

    /// `afterprint`: the list is emptied again.
    pub fn clear_print_list(&mut self) {
        dom::clear(&self.print_list);
    }

    // ----- long press and tooltip -----

    pub fn start_long_press(&mut self, x: f64, y: f64) {
        self.cancel_long_press();
        self.long_press_at = (x, y);
        if let Some(cb) = &self.long_press_cb {
            self.long_press_timer = self
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    cb.as_ref().unchecked_ref(),
                    super::pointer::LONG_PRESS_MS,
                )
                .ok();
        }
    }

    pub fn cancel_long_press(&mut self) {
        if let Some(t) = self.long_press_timer.take() {
            self.win.clear_timeout_with_handle(t);
        }
        self.long_press_shown = false;
    }

    /// The long press timer fired: show what hovering would.
    pub fn long_press_fire(&mut self) {
        self.long_press_timer = None;
        if self.drag.is_some_and(|d| !d.moved) {
            self.long_press_shown = true;
            let (x, y) = self.long_press_at;
            super::pointer::hover_at(self, x, y);
        }
    }

    /// Shows the tooltip of the hovered item near (x, y), or hides it.
    pub fn update_tooltip(&mut self, x: f64, y: f64) {
        let (Some(ds), Some(scene)) = (self.data.clone(), self.scene.as_ref()) else {
            set_hidden(&self.tooltip, true);
            return;
        };
        let Some(item) = self.hover.and_then(|i| scene.items.get(i)) else {
            set_hidden(&self.tooltip, true);
            return;
        };
        let members = item.members();
        let custom = match members[..] {
            [one] => super::hooks::custom_node(
                self.hooks.render_tooltip.as_ref(),
                "renderTooltip",
                &ds,
                one,
            ),
            _ => None,
        };
        let fmt = self.page_formatter(&ds);
        dom::fill_tooltip(
            &self.doc,
            &self.tooltip,
            &ds,
            &members,
            self.lang,
            fmt.as_formatter(),
            custom,
        );
        set_hidden(&self.tooltip, false);
        // Beside the pointer, kept inside the box.
        let (w, h) = (
            self.tooltip.offset_width() as f64,
            self.tooltip.offset_height() as f64,
        );
        let (bw, bh) = self.css_size;
        let left = if x + 14.0 + w <= bw - 4.0 {
            x + 14.0
        } else {
            (x - 14.0 - w).max(4.0)
        };
        let top = if y + 16.0 + h <= bh - 4.0 {
            y + 16.0
        } else {
            (y - 12.0 - h).max(4.0)
        };
        let style = self.tooltip.style();
        let _ = style.set_property("left", &format!("{left}px"));
        let _ = style.set_property("top", &format!("{top}px"));
    }

    // ----- focus -----
    // Focus changes are requested here and made by `with_state` once the
    // state is released (focus listeners run synchronously).

    /// Focuses the widget (without scrolling the page).
    pub fn focus_frame(&mut self) {
        self.focus_request = Some(FocusRequest::Element(self.frame.clone()));
        self.hide_hint();
    }

    /// Focuses an element of the widget (a card's button).
    pub fn focus_element(&mut self, e: &HtmlElement) {
        self.focus_request = Some(FocusRequest::Element(e.clone()));
    }

    /// Whether the frame itself (not a control in it) has keyboard focus.
    pub fn frame_is_focused(&self) -> bool {
        let root = self.frame.get_root_node();
        let active = root
            .dyn_ref::<ShadowRoot>()
            .and_then(|r| r.active_element());
        active.is_some_and(|a| a == *self.frame)
    }

    /// Whether keyboard focus is in the widget (the frame or its card): read
    /// from the DOM, so it can never disagree with what the reader sees.
    pub fn has_focus(&self) -> bool {
        let root = self.frame.get_root_node();
        let active = root
            .dyn_ref::<ShadowRoot>()
            .and_then(|r| r.active_element());
        active.is_some_and(|a| self.frame.contains(Some(&a)))
    }

    /// Releases focus (from the frame or any control in it): a plain wheel
    /// scrolls the page again.
    pub fn blur_frame(&mut self) {
        let active = self
            .frame
            .get_root_node()
            .dyn_ref::<ShadowRoot>()
            .and_then(|r| r.active_element())
            .and_then(|a| a.dyn_into::<HtmlElement>().ok());
        let target = active.unwrap_or_else(|| self.frame.clone());
        self.focus_request = Some(FocusRequest::Blur(target));
    }

    // ----- hint -----

    /// Shows the "use Ctrl + scroll" hint for a moment.
    pub fn show_hint(&mut self) {
        let mac = self
            .win
            .navigator()
            .platform()
            .map(|p| p.to_ascii_lowercase().contains("mac"))
            .unwrap_or(false);
        let s = strings(self.lang);
        self.hint
            .set_text_content(Some(if mac { s.zoom_hint_mac } else { s.zoom_hint }));
        let _ = self.hint.class_list().add_1("shown");
        if let Some(t) = self.hint_timer.take() {
            self.win.clear_timeout_with_handle(t);
        }
        if let Some(cb) = &self.hint_cb {
            self.hint_timer = self
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    cb.as_ref().unchecked_ref(),
                    1600,
                )
                .ok();
        }
    }

    pub fn hide_hint(&mut self) {
        let _ = self.hint.class_list().remove_1("shown");
        if let Some(t) = self.hint_timer.take() {
            self.win.clear_timeout_with_handle(t);
        }
    }

    // ----- loading -----

    /// Starts loading from `src` or the inline JSON; the latest load wins.
    pub fn start_load(&mut self) {
        self.load_gen = self.load_gen.wrapping_add(1);
        let gen = self.load_gen;
        if let Some(a) = self.load_abort.take() {
            a.abort(); // the older load loses anyway: stop its download
        }
        let weak = self.weak.clone();
        let src = self
            .host
            .get_attribute("src")
            .filter(|s| !s.trim().is_empty());
        let inline = self
            .host
            .query_selector("script[type='application/json']")
            .ok()
            .flatten()
            .and_then(|s| s.text_content());
        if self.data.is_none() {
            self.lang = self.resolve_lang();
            self.show_message(Some(Message::Loading));
        }
        match (src, inline) {
            (Some(url), _) => {
                let win = self.win.clone();
                let Ok(abort) = web_sys::AbortController::new() else {
                    return;
                };
                self.load_abort = Some(abort.clone());
                let timeout = self
                    .host
                    .get_attribute("load-timeout")
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .filter(|t| t.is_finite() && *t > 0.0)
                    .unwrap_or(load::DEFAULT_TIMEOUT_MS);
                wasm_bindgen_futures::spawn_local(async move {
                    let fetched = load::fetch_bytes(&win, &url, timeout, &abort).await;
                    with_state(&weak, |st| {
                        if st.load_gen == gen {
                            let bytes = fetched.map(|(bytes, from)| {
                                // The response's address, else the src as
                                // the page resolves it.
                                let page = st.page_base();
                                st.data_base = Some(from)
                                    .filter(|f| !f.is_empty())
                                    .or_else(|| dom::resolve(&url, &page, false));
                                bytes
                            });
                            st.apply_bytes(&url, bytes);
                        }
                    });
                });
            }
            (None, Some(text)) => {
                self.data_base = None;
                self.apply_bytes("the inline data", Ok(text.into_bytes()))
            }
            (None, None) => self.fail(
                ChronoError::new(
                    ErrorCode::NoSource,
                    "no data: give the element a src attribute or a <script type=\"application/json\"> child",
                    true,
                ),
                false,
            ),
        }
    }

    fn apply_bytes(&mut self, name: &str, bytes: Result<Vec<u8>, ChronoError>) {
        self.load_abort = None;
        match bytes.and_then(|b| timed_load(name, &b)) {
            Ok(loaded) => self.set_data(loaded),
            Err(e) => self.fail(e, true),
        }
    }

    /// Frees everything the widget holds in the page.
    pub fn teardown(&mut self) {
        self.destroyed = true;
        if let Some(a) = self.load_abort.take() {
            a.abort(); // removed mid-load: the download stops
        }
        self.message_listeners.clear();
        if let Some(id) = self.raf_id.take() {
            let _ = self.win.cancel_animation_frame(id);
        }
        if let Some(t) = self.hint_timer.take() {
            self.win.clear_timeout_with_handle(t);
        }
        self.cancel_long_press();
        self.cancel_link_timer();
        self.cancel_mirror_timers();
        if let Some((ro, _)) = self.resize.take() {
            ro.disconnect();
        }
        self.listeners.clear();
        self.card_listeners.clear();
        self.media_watch.clear();
        self.raf_cb = None;
        self.hint_cb = None;
        self.long_press_cb = None;
        self.link_cb = None;
        self.hooks = super::hooks::Hooks::default();
        // The DOM it made goes too; the element's fallback content shows
        // again until another widget paints.
        super::datatable::close_dialog(self);
        self.dialog_listeners.clear();
        self.data_dialog.remove();
        if let Some(url) = self.csv_url.take() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
        self.frame.remove();
        self.print_list.remove();
        if let Some(f) = &self.fallback {
            set_hidden(f, false);
        }
        panic::unregister(&self.message);
    }
}

/// The object the `<chrono-scope>` element drives.
#[wasm_bindgen]
pub struct Widget {
    pub(crate) state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Widget {
    /// Builds the widget's DOM inside `root` (the element's open shadow root).
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: ShadowRoot, page: JsValue) -> Result<Widget, JsValue> {
        if panic::dead() {
            return Err(js_sys::Error::new(
                "the timeline code stopped after an internal error earlier on this page; reload the page",
            )
            .into());
        }
        let win = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let doc = win
            .document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        // Replace whatever the element showed before the code loaded.
        if let Some(old) = root.query_selector(".frame").ok().flatten() {
            old.remove();
        }
        if let Some(old) = root.query_selector(".boot").ok().flatten() {
            old.remove();
        }
        let frame = el(&doc, "div", "frame");
        set_attr(&frame, "tabindex", "0");
        set_attr(&frame, "role", "region");
        set_attr(&frame, "aria-roledescription", "timeline");
        let desc = el(&doc, "p", "sr-desc");
        desc.set_id("cs-desc");
        set_attr(&frame, "aria-describedby", "cs-desc");
        let summaries = el(&doc, "div", "sr-desc series-summaries");
        let data_dialog = el(&doc, "dialog", "data-dialog");
        set_attr(&data_dialog, "aria-labelledby", "cs-data-title");
        let sys_probe = el(&doc, "div", "sys-probe");
        set_attr(&sys_probe, "aria-hidden", "true");
        for i in 0..SystemColors::KEYWORDS.len() {
            dom::append(&sys_probe, &el(&doc, "span", &format!("sys-{i}")));
        }
        let canvas: HtmlCanvasElement = el(&doc, "canvas", "base").unchecked_into();
        set_attr(&canvas, "aria-hidden", "true");
        let overlay: HtmlCanvasElement = el(&doc, "canvas", "overlay").unchecked_into();
        set_attr(&overlay, "aria-hidden", "true");
        let card_el = el(&doc, "div", "card");
        set_attr(&card_el, "role", "dialog");
        set_hidden(&card_el, true);
        let hint = el(&doc, "div", "hint");
        set_attr(&hint, "aria-hidden", "true");
        let tooltip = el(&doc, "div", "tooltip");
        set_attr(&tooltip, "aria-hidden", "true");
        set_hidden(&tooltip, true);
        let toolbar = dom::toolbar(&doc);
        let readings = el(&doc, "div", "readings");
        set_attr(&readings, "aria-hidden", "true");
        let overview = el(&doc, "div", "overview");
        set_attr(&overview, "aria-hidden", "true");
        set_hidden(&overview, true);
        let brush = el(&doc, "div", "brush");
        for edge in ["edge left", "edge right"] {
            dom::append(&brush, &el(&doc, "div", edge));
        }
        dom::append(&overview, &brush);
        let message = el(&doc, "div", "message");
        set_hidden(&message, true);
        let notice = el(&doc, "div", "notice");
        set_hidden(&notice, true);
        // Printed below the chart (style.rs): the events of the view as text.
        let print_list = el(&doc, "ol", "print-list");
        let mirror = super::mirror::Mirror::new(&doc);
        let fallback = root
            .query_selector(".fallback")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        for child in [
            &desc,
            &mirror.root,
            &summaries,
            &sys_probe,
            &canvas as &HtmlElement,
            &overlay,
            &readings,
            &overview,
            &tooltip,
            &hint,
            &toolbar,
            &card_el,
            &notice,
            &message,
            &mirror.live,
        ] {
            dom::append(&frame, child);
        }
        super::style::adopt(&root)?;
        dom::append(root.unchecked_ref(), &frame);
        dom::append(root.unchecked_ref(), &print_list);
        dom::append(root.unchecked_ref(), &data_dialog);
        panic::register(&message);

        let family = Theme::light().font_family;
        let state = Rc::new_cyclic(|weak: &Weak<RefCell<State>>| {
            RefCell::new(State {
                weak: weak.clone(),
                page,
                panic_in_frame: false,
                measure: CanvasMeasure::new(&doc, &family),
                styles: StyleCache::default(),
                doc,
                win,
                host,
                frame,
                canvas,
                overlay,
                card_el,
                hint,
                message,
                fallback,
                print_list,
                mirror,
                painted: false,
                data: None,
                data_base: None,
                prepared: None,
                lang: Lang::En,
                theme: Theme::light(),
                view: None,
                css_size: (0.0, 0.0),
                ratio: 1.0,
                scene: None,
                dirty: Dirty::all(),
                hover: None,
                selected: None,
                card: None,
                message_shown: None,
                notice,
                notice_shown: None,
                message_listeners: Vec::new(),
                load_abort: None,
                drag: None,
                motion: None,
                velocity: VelocityTracker::default(),
                pointers: Vec::new(),
                pinch: None,
                last_tap: None,
                suppress_dblclick_until: 0.0,
                long_press_timer: None,
                long_press_cb: None,
                long_press_at: (0.0, 0.0),
                long_press_shown: false,
                hover_x: None,
                tooltip,
                readings,
                overview,
                brush,
                nav_drag: None,
                hooks: super::hooks::Hooks::default(),
                focus_request: None,
                link_push_pending: false,
                link_touched: false,
                last_push: f64::NEG_INFINITY,
                initial_view: None,
                applying_link: false,
                link_timer: None,
                link_cb: None,
                load_gen: 0,
                ready: false,
                window_changed: false,
                destroyed: false,
                outbox: Vec::new(),
                chrome: Chrome::default(),
                raf_id: None,
                raf_cb: None,
                hint_timer: None,
                hint_cb: None,
                listeners: Vec::new(),
                card_listeners: Vec::new(),
                resize: None,
                media_watch: Vec::new(),
                summaries,
                data_dialog,
                dialog_listeners: Vec::new(),
                csv_url: None,
                sys_probe,
            })
        });
        super::input::install(&state);
        Ok(Widget { state })
    }

    /// The element was (re)attached: read size and theme, load the data.
    pub fn connected(&self) {
        let weak = Rc::downgrade(&self.state);
        with_state(&weak, |st| {
            st.lang = st.resolve_lang();
            st.apply_labels();
            st.read_theme();
            st.read_size();
            if st.data.is_none() && st.load_gen == 0 {
                st.start_load();
            }
        });
    }

    /// An observed attribute changed.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str) {
        let weak = Rc::downgrade(&self.state);
        with_state(&weak, |st| match name {
            "src" => st.start_load(),
            "lang" => {
                st.lang = st.resolve_lang();
                st.apply_labels();
                if let Some(card) = st.card.clone() {
                    st.show_card(card);
                }
                let m = st.message_shown.clone();
                st.show_message(m);
                st.invalidate_view();
            }
            "theme" => st.read_theme(),
            "download" | "aria-label" => st.apply_labels(),
            "start" | "end" if st.data.is_some() => {
                if let Some(w) = st.initial_window() {
                    st.jump_to(w);
                }
            }
            _ => {}
        });
    }

    /// For the end-to-end tests only: panics (so the panic path can be
    /// tested in a real browser) when given the exact phrase below — at
    /// once, or in the widget's next animation frame (a panic in a callback
    /// the browser runs, not in a call from the loader). Reachable only
    /// through the loader's `Symbol.for("chronoscope.testPanic")` on the
    /// element, never from data or from the `Chronoscope` API.
    #[wasm_bindgen(js_name = testPanic)]
    pub fn test_panic(&self, confirm: &str, in_frame: bool) {
        if confirm != "yes, panic: for tests only" {
            return;
        }
        if !in_frame {
            panic!("test panic requested by the page");
        }
        let weak = Rc::downgrade(&self.state);
        with_state(&weak, |st| {
            st.panic_in_frame = true;
            st.invalidate_view();
        });
    }

    /// Removes every listener, observer and timer; the widget is dead after.
    pub fn destroy(&self) {
        if let Ok(mut st) = self.state.try_borrow_mut() {
            st.teardown();
        }
    }

    /// True once data is shown (until a load fails).
    #[wasm_bindgen(js_name = isReady)]
    pub fn is_ready(&self) -> bool {
        !panic::dead() && self.state.try_borrow().is_ok_and(|s| s.ready)
    }

    /// `{start, end}` in ms since 1970, or null before the first load.
    #[wasm_bindgen(js_name = getWindow)]
    pub fn get_window(&self) -> JsValue {
        match self.state.try_borrow().ok().and_then(|s| s.view) {
            Some(w) => obj(&[
                ("start", JsValue::from_f64(w.start)),
                ("end", JsValue::from_f64(w.end)),
            ]),
            None => JsValue::NULL,
        }
    }

    /// Shows `[start, end]` (numbers, Dates or dataset time strings).
    #[wasm_bindgen(js_name = setWindow)]
    pub fn set_window(&self, start: JsValue, end: JsValue, animate: bool) -> Result<(), JsValue> {
        let s = js_time(&start, "start")?;
        let e = js_time(&end, "end")?;
        if e <= s {
            return Err(bad_argument("end must be later than start"));
        }
        let w = Window::new(s, e).ok_or_else(|| bad_argument("invalid window"))?;
        self.with(|st| st.move_to(w, animate))
    }

    /// Zooms by `factor` (> 1 magnifies) about `anchor` (default: the centre).
    pub fn zoom(&self, factor: f64, anchor: JsValue, animate: bool) -> Result<(), JsValue> {
        if !factor.is_finite() || factor <= 0.0 {
            return Err(bad_argument("factor must be a positive number"));
        }
        let anchor = if anchor.is_undefined() || anchor.is_null() {
            None
        } else {
            Some(js_time(&anchor, "anchor")?)
        };
        self.with(|st| {
            if let Some(w) = st.target_view() {
                st.move_to(w.zoom(factor, anchor.unwrap_or(w.center())), animate);
            }
        })
    }

    /// Shows all data.
    pub fn fit(&self, animate: bool) -> Result<(), JsValue> {
        self.with(|st| {
            if let Some(w) = st.fit_window() {
                st.move_to(w, animate);
            }
        })
    }

    /// Selects the event with this id (opening its card, moving the view to
    /// it), or nothing with null.
    pub fn select(&self, id: Option<String>) -> Result<(), JsValue> {
        self.with(|st| match &id {
            None => {
                st.select(None, false);
                Ok(())
            }
            Some(id) => match st.data.as_ref().and_then(|d| d.event_index(id)) {
                Some(i) => {
                    st.select(Some(i), true);
                    st.reveal(i);
                    Ok(())
                }
                None => Err(bad_argument(format!("no event has the id \"{id}\""))),
            },
        })?
    }

    /// The selected event's id, or null.
    pub fn selected(&self) -> Result<Option<String>, JsValue> {
        self.with(|st| {
            let i = st.selected?;
            st.data.as_ref()?.events.get(i).map(|e| e.id.clone())
        })
    }

    /// CSS px from the element's left edge for a time (not clamped).
    #[wasm_bindgen(js_name = timeToX)]
    pub fn time_to_x(&self, t: JsValue) -> Result<f64, JsValue> {
        let t = js_time(&t, "time")?;
        let s = self.with(|st| st.scale())?;
        Ok(s.ok_or_else(|| bad_argument("no data loaded yet"))?
            .t_to_x(t))
    }

    /// The time (ms since 1970) at CSS px `x` from the element's left edge.
    #[wasm_bindgen(js_name = xToTime)]
    pub fn x_to_time(&self, x: f64) -> Result<f64, JsValue> {
        if !x.is_finite() {
            return Err(bad_argument("x must be a finite number"));
        }
        let s = self.with(|st| st.scale())?;
        Ok(s.ok_or_else(|| bad_argument("no data loaded yet"))?
            .x_to_t(x))
    }

    /// Where event `id` is drawn: `{x, y, width, height}` in CSS px from the
    /// element's top-left corner (its marker and label; for an event inside
    /// a cluster, the cluster badge), or null when it is not drawn. Lays out
    /// first if the view changed since the last frame.
    #[wasm_bindgen(js_name = eventRect)]
    pub fn event_rect(&self, id: &str) -> Result<JsValue, JsValue> {
        let rect = self.with(|st| {
            if !st.ensure_scene() {
                return None;
            }
            let ev = st.data.as_ref()?.event_index(id)?;
            let scene = st.scene.as_ref()?;
            let item = scene.items.get(scene.item_of_event(ev)?)?;
            let mut r = match &item.kind {
                ItemKind::Cluster { badge, .. } => *badge,
                _ => item.hit,
            };
            if let Some(l) = &item.label {
                let lr = l.rect();
                let (x0, y0) = (r.x.min(lr.x), r.y.min(lr.y));
                let (x1, y1) = (r.right().max(lr.right()), r.bottom().max(lr.bottom()));
                r = crate::core::scene::Rect::new(x0, y0, x1 - x0, y1 - y0);
            }
            Some(r)
        })?;
        Ok(match rect {
            Some(r) => obj(&[
                ("x", JsValue::from_f64(r.x)),
                ("y", JsValue::from_f64(r.y)),
                ("width", JsValue::from_f64(r.w)),
                ("height", JsValue::from_f64(r.h)),
            ]),
            None => JsValue::NULL,
        })
    }
}

impl Widget {
    /// Runs an API call on the state. A destroyed widget answers with a
    /// `destroyed` error; a state still borrowed (only after an internal
    /// failure) with `internal`.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> Result<R, JsValue> {
        let weak = Rc::downgrade(&self.state);
        if let Some(r) = with_state(&weak, f) {
            return Ok(r);
        }
        let destroyed = self.state.try_borrow().is_ok_and(|s| s.destroyed);
        Err(js_error(&if destroyed {
            ChronoError::new(ErrorCode::Destroyed, "this timeline was destroyed", false)
        } else {
            ChronoError::new(
                ErrorCode::Internal,
                "the timeline stopped after an internal error",
                true,
            )
        }))
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        if let Ok(mut st) = self.state.try_borrow_mut() {
            st.teardown();
        }
    }
}
