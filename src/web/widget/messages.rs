//! The message box over the chart (loading, no data, a failed load with
//! Retry) and the small notice of a failed reload while the last good data
//! stays, both in the widget's language.

use super::{with_state, State};
use crate::core::data::error::ChronoError;
use crate::core::i18n::strings::strings;
use crate::web::dom::{self, set_hidden};
use crate::web::listener::Listener;
use crate::web::panic;
use web_sys::HtmlElement;

/// What the message box says (kept so a language change can say it again).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Message {
    Loading,
    NoData,
    /// A failure, and whether a Retry button loads again (a failed `src`
    /// or inline load; not data the page gave with `setData`).
    Error(ChronoError, bool),
}

/// The message box and the notice.
pub(super) struct Messages {
    message: HtmlElement,
    shown: Option<Message>,
    /// The notice over the chart when a reload failed and the last good
    /// data stays (the error, and whether it offers Retry).
    notice: HtmlElement,
    notice_shown: Option<(ChronoError, bool)>,
    /// The Retry and close buttons of the message box and the notice.
    listeners: Vec<Listener>,
}

impl Messages {
    pub fn new(message: HtmlElement, notice: HtmlElement) -> Messages {
        Messages {
            message,
            shown: None,
            notice,
            notice_shown: None,
            listeners: Vec::new(),
        }
    }

    /// New data is shown: the notice of an earlier failure goes.
    pub fn drop_notice(&mut self) {
        self.notice_shown = None;
        set_hidden(&self.notice, true);
    }

    pub fn close_listeners(&mut self) {
        self.listeners.clear();
    }

    /// The panic hook no longer writes into this widget's box.
    pub fn unregister(&self) {
        panic::unregister(&self.message);
    }
}

impl State {
    /// Shows (or hides, with None) the message box, in the current language.
    pub(super) fn show_message(&mut self, m: Option<Message>) {
        self.messages.listeners.clear();
        let message = self.messages.message.clone();
        match &m {
            None => set_hidden(&message, true),
            Some(Message::Loading) => dom::show_status(&message, strings(self.lang).loading),
            Some(Message::NoData) => dom::show_status(&message, strings(self.lang).no_data),
            Some(Message::Error(e, retry)) => {
                dom::show_error(&self.doc, &message, e, self.lang);
                if *retry {
                    let b = dom::retry_button(&self.doc, &message, self.lang);
                    self.listen_retry(&b);
                }
            }
        }
        if let Some((e, retry)) = self.messages.notice_shown.clone() {
            self.render_notice(&e, retry); // its listeners were cleared too
        }
        // Clicks on the boxes are theirs, not the timeline's.
        for target in [self.messages.notice.clone(), message] {
            for kind in ["pointerdown", "dblclick", "wheel"] {
                self.messages
                    .listeners
                    .push(Listener::new(&target, kind, true, |e| e.stop_propagation()));
            }
        }
        self.messages.shown = m;
    }

    /// The language changed: the boxes say what they said in it.
    pub(super) fn relabel_messages(&mut self) {
        let m = self.messages.shown.clone();
        self.show_message(m);
    }

    /// Shows (or hides) the notice of a failed reload over the chart.
    pub(super) fn show_notice(&mut self, n: Option<(ChronoError, bool)>) {
        if n.is_none() {
            set_hidden(&self.messages.notice, true);
            dom::clear(&self.messages.notice);
        }
        self.messages.notice_shown = n;
        let m = self.messages.shown.take();
        self.show_message(m); // both boxes, with their buttons
    }

    fn render_notice(&mut self, e: &ChronoError, retry: bool) {
        let notice = self.messages.notice.clone();
        let close = dom::show_notice(&self.doc, &notice, e, self.lang);
        if retry {
            let b = dom::retry_button(&self.doc, &notice, self.lang);
            self.listen_retry(&b);
        }
        let weak = self.weak.clone();
        self.messages
            .listeners
            .push(Listener::new(&close, "click", true, move |_| {
                with_state(&weak, |st| st.show_notice(None));
            }));
    }

    fn listen_retry(&mut self, b: &HtmlElement) {
        let weak = self.weak.clone();
        self.messages
            .listeners
            .push(Listener::new(b, "click", true, move |_| {
                with_state(&weak, |st| st.retry());
            }));
    }
}
