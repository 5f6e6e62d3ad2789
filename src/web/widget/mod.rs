//! One `<chrono-scope>` instance: the element's Rust half.
//!
//! [`Widget`] is what the JavaScript element holds; its `State` is made
//! of controllers, one per concern, each a struct in its own file that
//! owns its part of the state (private fields, a few methods) together
//! with the `impl State` methods that coordinate it with the others:
//!
//! | file | owns |
//! | --- | --- |
//! | `data.rs` | the dataset and its loading |
//! | `messages.rs` | the message box and the notice of a failed reload |
//! | `view.rs` | the window, motion, dirty flags and the frame loop |
//! | `paint.rs` | the scene and the canvases it is painted on |
//! | `selection.rs` | the selected and hovered event, clicks on the chart |
//! | `card.rs` | the card and the hover tooltip |
//! | `input/` | listeners, wheel, toolbar, the wheel hint; pointer gestures, keys |
//! | `dialog.rs` | the series' summaries and the Data dialog |
//! | `deeplink.rs` | deep links in the page's URL |
//! | `mirror.rs` | the accessible list of the view's events, the live region |
//! | `look.rs` | theme, language, direction, labels |
//! | `print.rs` | the printed list of the window's events |
//! | `export.rs` | PNG and SVG pictures of the view |
//! | `outbox.rs` | the page events a call queues |
//! | `api.rs` | the methods behind `element.timeline` |
//! | `build.rs` | the DOM the widget makes in its shadow root |
//!
//! Mutations only set dirty flags and ask for one animation frame; the
//! frame lays out, paints the base canvas when needed, and repaints the
//! overlay canvas (hover, selection) on its own, so hovering never repaints
//! the chart. Events for the page are queued in the `outbox` while the
//! state is borrowed and dispatched after the borrow ends, so page
//! handlers may call back in.

mod api;
mod build;
mod card;
mod data;
mod deeplink;
mod dialog;
mod export;
mod input;
mod look;
mod messages;
mod mirror;
mod outbox;
mod paint;
mod print;
mod selection;
mod view;

use super::hooks::{Hooks, PageFormatter};
use super::js::js_error;
use super::measure::CanvasMeasure;
use super::panic;
use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::Dataset;
use crate::core::i18n::lang::Lang;
use crate::core::scene::Chrome;
use crate::render::Theme;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement, ShadowRoot};

use view::Dirty;

/// One widget's state: the page it lives in, what it shows it in, and its
/// controllers.
pub(crate) struct State {
    weak: Weak<RefCell<State>>,
    doc: Document,
    win: web_sys::Window,
    /// The `<chrono-scope>` element.
    host: HtmlElement,
    /// The region in its shadow root that holds the chart and its controls.
    frame: HtmlElement,
    lang: Lang,
    theme: Theme,
    /// The toolbar's buttons and side, which the layout leaves room for.
    chrome: Chrome,
    measure: CanvasMeasure,
    /// The page's extension hooks.
    hooks: Hooks,
    /// Events for the page, dispatched after the state is released.
    outbox: outbox::Outbox,
    /// A focus change waiting for the state to be released.
    focus: Option<FocusRequest>,
    destroyed: bool,

    data: data::Data,
    messages: messages::Messages,
    view: view::View,
    paint: paint::Paint,
    selection: selection::Selection,
    cards: card::Cards,
    input: input::Input,
    dialog: dialog::Dialog,
    links: deeplink::Links,
    mirror: mirror::Mirror,
    look: look::Look,
    print: print::PrintList,
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
        if st.links.take_push_pending() {
            st.push_link();
        }
        (st.outbox.take(), st.host.clone(), st.focus.take())
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
    outbox::dispatch(&host, out);
}

/// A focus change to make once the state is released.
enum FocusRequest {
    Element(HtmlElement),
    Blur(HtmlElement),
}

impl State {
    /// The page's formatters over dataset `ds`.
    fn page_formatter<'a>(&'a self, ds: &'a Dataset) -> PageFormatter<'a> {
        PageFormatter {
            date: self.hooks.format_date.as_ref(),
            value: self.hooks.format_value.as_ref(),
            dataset: ds,
            lang: self.lang,
        }
    }

    /// Whether a media query matches now.
    fn matches(&self, query: &str) -> bool {
        self.win
            .match_media(query)
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    }

    // ----- focus -----
    // Focus changes are requested here and made by `with_state` once the
    // state is released (focus listeners run synchronously).

    /// The element with focus in the shadow root.
    fn active_element(&self) -> Option<web_sys::Element> {
        self.frame
            .get_root_node()
            .dyn_ref::<ShadowRoot>()
            .and_then(|r| r.active_element())
    }

    /// Focuses the widget (without scrolling the page).
    fn focus_frame(&mut self) {
        self.focus = Some(FocusRequest::Element(self.frame.clone()));
        self.hide_hint();
    }

    /// Focuses an element of the widget (a card's button).
    fn focus_element(&mut self, e: &HtmlElement) {
        self.focus = Some(FocusRequest::Element(e.clone()));
    }

    /// Whether the frame itself (not a control in it) has keyboard focus.
    fn frame_is_focused(&self) -> bool {
        self.active_element().is_some_and(|a| a == *self.frame)
    }

    /// Whether keyboard focus is in the widget (the frame or its card): read
    /// from the DOM, so it can never disagree with what the reader sees.
    fn has_focus(&self) -> bool {
        self.active_element()
            .is_some_and(|a| self.frame.contains(Some(&a)))
    }

    /// Releases focus (from the frame or any control in it): a plain wheel
    /// scrolls the page again.
    fn blur_frame(&mut self) {
        let active = self
            .active_element()
            .and_then(|a| a.dyn_into::<HtmlElement>().ok());
        let target = active.unwrap_or_else(|| self.frame.clone());
        self.focus = Some(FocusRequest::Blur(target));
    }

    /// Frees everything the widget holds in the page.
    fn teardown(&mut self) {
        self.destroyed = true;
        self.data.abort(); // removed mid-load: the download stops
        self.messages.close_listeners();
        self.view.close(&self.win);
        self.input.close(&self.win);
        self.links.close(&self.win);
        self.mirror.close(&self.win);
        self.cards.close();
        self.hooks = Hooks::default();
        // The DOM it made goes too; the element's fallback content shows
        // again until another widget paints.
        self.close_dialog();
        self.dialog.remove();
        self.frame.remove();
        self.print.remove();
        self.paint.show_fallback();
        self.messages.unregister();
    }
}

/// The object the `<chrono-scope>` element drives.
#[wasm_bindgen]
pub struct Widget {
    state: Rc<RefCell<State>>,
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
        let parts = build::build(&doc, &root)?;
        let family = Theme::light().font_family;
        let state = Rc::new_cyclic(|weak: &Weak<RefCell<State>>| {
            let mut mirror = parts.mirror;
            mirror.connect(weak);
            RefCell::new(State {
                weak: weak.clone(),
                measure: CanvasMeasure::new(&doc, &family),
                data: data::Data::default(),
                messages: messages::Messages::new(parts.message, parts.notice),
                view: view::View::new(weak),
                paint: paint::Paint::new(parts.paint),
                selection: selection::Selection::default(),
                cards: card::Cards::new(parts.card, parts.tooltip),
                input: input::Input::new(weak, parts.hint),
                dialog: dialog::Dialog::new(parts.summaries, parts.data_dialog),
                links: deeplink::Links::new(weak, page),
                mirror,
                look: look::Look::new(parts.sys_probe),
                print: print::PrintList::new(parts.print_list),
                doc,
                win,
                host,
                frame: parts.frame,
                lang: Lang::En,
                theme: Theme::light(),
                chrome: Chrome::default(),
                hooks: Hooks::default(),
                outbox: outbox::Outbox::default(),
                focus: None,
                destroyed: false,
            })
        });
        input::install(&state);
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
            if st.data.never_loaded() {
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
            "lang" => st.language_changed(),
            "theme" => st.read_theme(),
            "download" | "aria-label" => st.apply_labels(),
            "start" | "end" if st.data.dataset().is_some() => {
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
            st.view.panic_in_next_frame();
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
        !panic::dead() && self.state.try_borrow().is_ok_and(|s| s.data.is_ready())
    }
}

impl Widget {
    /// Runs an API call on the state. A destroyed widget answers with a
    /// `destroyed` error; a state still borrowed (only after an internal
    /// failure) with `internal`.
    fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> Result<R, JsValue> {
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
