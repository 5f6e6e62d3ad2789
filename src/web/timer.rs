//! `Timeout`: a `setTimeout` callback the widget owns, with the handle of
//! its pending run, so it can be restarted, cancelled, and dropped with the
//! widget (like [`super::listener::Listener`] for event listeners).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A callback run by `setTimeout`, at most one run pending.
#[derive(Default)]
pub(crate) struct Timeout {
    handle: Option<i32>,
    cb: Option<Closure<dyn FnMut()>>,
}

impl Timeout {
    pub fn new(f: impl FnMut() + 'static) -> Timeout {
        Timeout {
            handle: None,
            cb: Some(Closure::<dyn FnMut()>::new(f)),
        }
    }

    fn start(&mut self, win: &web_sys::Window, ms: i32) {
        if let Some(cb) = &self.cb {
            self.handle = win
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    cb.as_ref().unchecked_ref(),
                    ms,
                )
                .ok();
        }
    }

    /// Runs the callback `ms` from now (a pending run is cancelled).
    pub fn restart(&mut self, win: &web_sys::Window, ms: i32) {
        self.cancel(win);
        self.start(win, ms);
    }

    /// Runs the callback `ms` from now, unless a run is pending already.
    pub fn start_unless_pending(&mut self, win: &web_sys::Window, ms: i32) {
        if self.handle.is_none() {
            self.start(win, ms);
        }
    }

    /// Cancels the pending run, if any.
    pub fn cancel(&mut self, win: &web_sys::Window) {
        if let Some(t) = self.handle.take() {
            win.clear_timeout_with_handle(t);
        }
    }

    /// The callback ran (called from it): nothing is pending.
    pub fn fired(&mut self) {
        self.handle = None;
    }

    /// Cancels and drops the callback (the widget is going).
    pub fn close(&mut self, win: &web_sys::Window) {
        self.cancel(win);
        self.cb = None;
    }
}
