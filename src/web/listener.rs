//! Event listeners that remove themselves when dropped (the gloo pattern):
//! a widget owns its listeners, so destroying it leaves nothing behind.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Event, EventTarget};

/// A registered listener; dropping it unregisters it.
#[must_use = "the listener is removed when this is dropped"]
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens for `kind` on `target`. `passive: false` lets the handler
    /// call `preventDefault` (wheel, touch).
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        passive: bool,
        handler: impl FnMut(Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(handler);
        let opts = AddEventListenerOptions::new();
        opts.set_passive(passive);
        // Adding a listener can only fail for non-callable callbacks; ours is one.
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            callback.as_ref().unchecked_ref(),
            &opts,
        );
        Listener {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}
