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

use super::widget::State;
use crate::core::view::deeplink::{self, Link};
use crate::core::view::scale::Window;
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

impl State {
    /// The hash key of this widget, when it keeps deep links.
    pub fn link_key(&self) -> Option<String> {
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
        let event = self
            .selected
            .and_then(|i| self.data.as_ref()?.events.get(i).map(|e| e.id.clone()));
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
    pub fn touch_link(&mut self, selection: bool) {
        if self.applying_link || !self.ready {
            return;
        }
        self.link_touched = true;
        if selection {
            self.link_push_pending = true;
        }
    }

    /// Restores the window and selection the URL names for this widget.
    /// Returns whether the URL named anything.
    pub fn apply_link(&mut self) -> bool {
        let Some(key) = self.link_key() else {
            return false;
        };
        let Some(link) = deeplink::read(&self.current_hash(), &key).and_then(|v| Link::decode(&v))
        else {
            return false;
        };
        self.applying_link = true;
        if let Some(w) = Window::new(link.start, link.end) {
            self.stop_motion();
            self.set_view(w);
        }
        let ev = link
            .event
            .as_deref()
            .and_then(|id| self.data.as_ref()?.event_index(id));
        match ev {
            Some(i) => self.select(Some(i), true),
            None => self.select(None, false),
        }
        self.applying_link = false;
        true
    }

    /// A new selection: a new history entry (or, in a burst, the same one).
    pub fn push_link(&mut self) {
        let Some(next) = self.next_hash() else { return };
        let now = self.now();
        if now - self.last_push < COALESCE_MS {
            self.last_push = now;
            self.schedule_replace_link();
            return;
        }
        if !take_budget(&self.page, now) {
            self.schedule_replace_link();
            return;
        }
        self.last_push = now;
        self.cancel_link_timer();
        if let Ok(h) = self.win.history() {
            let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&format!("#{next}")));
        }
    }

    /// A window change: replace the current entry, a moment later.
    pub fn schedule_replace_link(&mut self) {
        if self.applying_link || !self.link_touched || self.link_key().is_none() {
            return;
        }
        if self.link_timer.is_some() {
            return; // one is pending and will write the latest state
        }
        if let Some(cb) = &self.link_cb {
            self.link_timer = self
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    cb.as_ref().unchecked_ref(),
                    REPLACE_DELAY_MS,
                )
                .ok();
        }
    }

    /// The replace timer fired.
    pub fn replace_link(&mut self) {
        self.link_timer = None;
        let Some(next) = self.next_hash() else { return };
        if !take_budget(&self.page, self.now()) {
            self.schedule_replace_link(); // try again later
            return;
        }
        if let Ok(h) = self.win.history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{next}")));
        }
    }

    pub fn cancel_link_timer(&mut self) {
        if let Some(t) = self.link_timer.take() {
            self.win.clear_timeout_with_handle(t);
        }
    }

    /// Back, Forward or an edited hash: follow the URL when it differs. An
    /// entry without this widget's part means the state it opened with.
    pub fn on_history(&mut self) {
        let Some(key) = self.link_key() else { return };
        let link = deeplink::read(&self.current_hash(), &key).and_then(|v| Link::decode(&v));
        self.cancel_link_timer();
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
                self.applying_link = true;
                self.select(None, false);
                if let Some(w) = self.initial_view {
                    self.stop_motion();
                    self.set_view(w);
                }
                self.applying_link = false;
            }
        }
    }
}
