//! Deep links in the page URL, for widgets with the `deep-link` attribute
//! and an `id` (the format is in `core::deeplink`). A new selection pushes
//! a history entry, so Back and Forward walk the selections; a window change
//! replaces the current entry, a moment later. Opening such a URL, Back and
//! Forward restore both. A widget without the attribute never touches the
//! URL, and none touches it before the reader (or the page's script) has
//! moved the view or selected something — a page opened at `#section`
//! keeps that anchor.
//!
//! Browsers limit how often history may change (Safari throws after 100
//! calls in 30 s): selections in quick succession share one entry,
//! and every widget on the page draws on one budget.

use super::{with_state, State};
use crate::core::view::deeplink::{self, Link};
use crate::core::view::scale::Window;
use crate::web::timer::Timeout;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Delay before a window change is written to the URL (ms).
pub const REPLACE_DELAY_MS: i32 = 800;
/// Selections closer together than this (a held arrow key) share one
/// history entry (ms).
const COALESCE_MS: f64 = 350.0;
/// History writes allowed per page in any 30 s (below Safari's 100).
const BUDGET: usize = 60;
const BUDGET_WINDOW_MS: f64 = 30_000.0;

/// Takes one history write from the page's budget, if any is left. The
/// budget is shared by every widget of the page, each in its own
/// WebAssembly instance, so it lives in the loader's page object (an array
/// of write times, `historyWrites`), not in this module's memory.
fn take_budget(page: &JsValue, now: f64) -> bool {
    let writes = js_sys::Reflect::get(page, &"historyWrites".into())
        .ok()
        .and_then(|w| w.dyn_into::<js_sys::Array>().ok());
    let Some(writes) = writes else {
        return true; // no page object (a widget made outside the loader)
    };
    while writes
        .get(0)
        .as_f64()
        .is_some_and(|t| now - t > BUDGET_WINDOW_MS)
    {
        writes.shift();
    }
    if writes.length() as usize >= BUDGET {
        return false;
    }
    writes.push(&JsValue::from_f64(now));
    true
}

/// The deep-link state of one widget.
pub(super) struct Links {
    /// What the widgets of a page share across their WebAssembly instances
    /// (the loader's `PAGE` object; see [`take_budget`]).
    page: JsValue,
    /// A selection to record in history once the call is done.
    push_pending: bool,
    /// The reader or the page has moved the view or selected since the
    /// load (before that the URL is left alone).
    touched: bool,
    /// When history was last pushed (ms), to coalesce bursts.
    last_push: f64,
    /// The view the data opened with (what Back returns to).
    initial_view: Option<Window>,
    /// A URL is being applied (do not write it back).
    applying: bool,
    /// Writes window changes, a moment after the last.
    replace_timer: Timeout,
}

impl Links {
    pub fn new(weak: &Weak<RefCell<State>>, page: JsValue) -> Links {
        let w = weak.clone();
        Links {
            page,
            push_pending: false,
            touched: false,
            last_push: f64::NEG_INFINITY,
            initial_view: None,
            applying: false,
            replace_timer: Timeout::new(move || {
                with_state(&w, |st| st.replace_link());
            }),
        }
    }

    /// A URL is being applied: the view and selection it sets are not
    /// written back, nor announced.
    pub fn applying(&self) -> bool {
        self.applying
    }

    /// Takes the selection waiting to be recorded in history.
    pub fn take_push_pending(&mut self) -> bool {
        std::mem::take(&mut self.push_pending)
    }

    /// New data opened at `view`: the URL is left alone until the reader
    /// or the page moves or selects.
    pub fn loaded(&mut self, view: Option<Window>) {
        self.initial_view = view;
        self.touched = false;
    }

    pub fn close(&mut self, win: &web_sys::Window) {
        self.replace_timer.close(win);
    }
}

impl State {
    /// The hash key of this widget, when it keeps deep links.
    fn link_key(&self) -> Option<String> {
        if !self.host.has_attribute("deep-link") {
            return None;
        }
        let id = self.host.id();
        (!id.trim().is_empty()).then_some(id)
    }

    fn now(&self) -> f64 {
        self.win.performance().map_or(0.0, |p| p.now())
    }

    fn current_hash(&self) -> String {
        self.win.location().hash().unwrap_or_default()
    }

    /// What the URL should say about this widget: the window it is showing
    /// or heading to, and the selection.
    fn link_now(&self) -> Option<Link> {
        let view = self.target_view()?;
        let event = self.selection.selected().and_then(|i| self.event_id(i));
        Some(Link {
            start: view.start,
            end: view.end,
            event,
        })
    }

    /// The hash with this widget's pair brought up to date, or None when
    /// nothing would change.
    fn next_hash(&self) -> Option<String> {
        let key = self.link_key()?;
        let link = self.link_now()?;
        let hash = self.current_hash();
        let next = deeplink::write(&hash, &key, Some(&link.encode()));
        (next != hash.trim_start_matches('#')).then_some(next)
    }

    /// Notes that the reader or the page moved the view or selected: from
    /// now on the URL follows (for widgets with deep links).
    pub(super) fn touch_link(&mut self, selection: bool) {
        if self.links.applying || !self.data.is_ready() {
            return;
        }
        self.links.touched = true;
        if selection {
            self.links.push_pending = true;
        }
    }

    /// Restores the window and selection the URL names for this widget.
    /// Returns whether the URL named anything.
    pub(super) fn apply_link(&mut self) -> bool {
        let Some(key) = self.link_key() else {
            return false;
        };
        let Some(link) = deeplink::read(&self.current_hash(), &key).and_then(|v| Link::decode(&v))
        else {
            return false;
        };
        self.links.applying = true;
        if let Some(w) = Window::new(link.start, link.end) {
            self.stop_motion();
            self.set_view(w);
        }
        let ev = link
            .event
            .as_deref()
            .and_then(|id| self.data.dataset()?.event_index(id));
        match ev {
            Some(i) => self.select(Some(i), true),
            None => self.select(None, false),
        }
        self.links.applying = false;
        true
    }

    /// A new selection: a new history entry (or, in a burst, the same one).
    pub(super) fn push_link(&mut self) {
        let Some(next) = self.next_hash() else { return };
        let now = self.now();
        if now - self.links.last_push < COALESCE_MS {
            self.links.last_push = now;
            self.schedule_replace_link();
            return;
        }
        if !take_budget(&self.links.page, now) {
            self.schedule_replace_link();
            return;
        }
        self.links.last_push = now;
        self.links.replace_timer.cancel(&self.win);
        if let Ok(h) = self.win.history() {
            let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&format!("#{next}")));
        }
    }

    /// A window change: replace the current entry, a moment later.
    pub(super) fn schedule_replace_link(&mut self) {
        if self.links.applying || !self.links.touched || self.link_key().is_none() {
            return;
        }
        // (One pending will write the latest state.)
        self.links
            .replace_timer
            .start_unless_pending(&self.win, REPLACE_DELAY_MS);
    }

    /// The replace timer fired.
    fn replace_link(&mut self) {
        self.links.replace_timer.fired();
        let Some(next) = self.next_hash() else { return };
        if !take_budget(&self.links.page, self.now()) {
            self.schedule_replace_link(); // try again later
            return;
        }
        if let Ok(h) = self.win.history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{next}")));
        }
    }

    /// Back, Forward or an edited hash: follow the URL when it differs. An
    /// entry without this widget's part means the state it opened with.
    pub(super) fn on_history(&mut self) {
        let Some(key) = self.link_key() else { return };
        let link = deeplink::read(&self.current_hash(), &key).and_then(|v| Link::decode(&v));
        self.links.replace_timer.cancel(&self.win);
        match link {
            Some(link) => {
                if self
                    .link_now()
                    .is_some_and(|now| now.encode() == link.encode())
                {
                    return;
                }
                self.apply_link();
            }
            None => {
                self.links.applying = true;
                self.select(None, false);
                if let Some(w) = self.links.initial_view {
                    self.stop_motion();
                    self.set_view(w);
                }
                self.links.applying = false;
            }
        }
    }
}
