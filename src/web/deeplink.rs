//! Deep links in the page URL, for widgets with the `deep-link` attribute
//! and an `id` (the format is in `core::deeplink`). A new selection pushes
//! a history entry, so Back and Forward walk the selections; a window change
//! replaces the current entry (at most a few times a second — browsers limit
//! how often history may change). Opening such a URL, Back and Forward
//! restore both. A widget without the attribute never touches the URL.

use super::widget::State;
use crate::core::deeplink::{self, Link};
use crate::core::scale::Window;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Delay before a window change is written to the URL (ms).
pub const REPLACE_DELAY_MS: i32 = 400;

impl State {
    /// The hash key of this widget, when it keeps deep links.
    pub fn link_key(&self) -> Option<String> {
        if !self.host.has_attribute("deep-link") {
            return None;
        }
        let id = self.host.id();
        (!id.trim().is_empty()).then_some(id)
    }

    fn current_hash(&self) -> String {
        self.win.location().hash().unwrap_or_default()
    }

    /// What the URL should say about this widget now.
    fn link_now(&self) -> Option<Link> {
        let view = self.view?;
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

    /// A new selection: a new history entry.
    pub fn push_link(&mut self) {
        if self.applying_link || !self.ready {
            return;
        }
        if let Some(next) = self.next_hash() {
            self.cancel_link_timer();
            if let Ok(h) = self.win.history() {
                let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&format!("#{next}")));
            }
        }
    }

    /// A window change: replace the current entry, a moment later.
    pub fn schedule_replace_link(&mut self) {
        if self.applying_link || !self.ready || self.link_key().is_none() {
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
        if let Some(next) = self.next_hash() {
            if let Ok(h) = self.win.history() {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{next}")));
            }
        }
    }

    pub fn cancel_link_timer(&mut self) {
        if let Some(t) = self.link_timer.take() {
            self.win.clear_timeout_with_handle(t);
        }
    }

    /// Back, Forward or an edited hash: follow the URL when it differs.
    pub fn on_history(&mut self) {
        let Some(key) = self.link_key() else { return };
        let Some(link) = deeplink::read(&self.current_hash(), &key).and_then(|v| Link::decode(&v))
        else {
            return;
        };
        if self
            .link_now()
            .is_some_and(|now| now.encode() == link.encode())
        {
            return;
        }
        self.cancel_link_timer();
        self.apply_link();
    }
}
