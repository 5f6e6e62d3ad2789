//! The accessible mirror of the chart and the live region.
//!
//! The canvas is `aria-hidden`; what it shows is mirrored in the shadow
//! root as a visually hidden `role=listbox` of the events of the view, in
//! time order (at most [`MIRROR_MAX`], with "N more" lines around them),
//! each option named by its title and date. One option is in the tab order
//! (a roving tabindex): the selected event's, else the first. Focus and
//! selection go together: focusing an option selects its event and pans
//! the view to it (never zooming out), and a focus ring is drawn around it
//! on the overlay canvas, so a keyboard user sees where focus is although
//! the list is not shown. Arrow keys step through the events (panning as
//! needed, the list follows), Home / End go to the first / last event,
//! Enter or Space opens the card (a dialog; focus moves to its close
//! button, Escape brings it back to the option). Tab leaves the list.
//!
//! The list follows where the view is heading (the target of a
//! transition). It is updated [`MIRROR_DELAY_MS`] after the last change —
//! not in the frames of a drag, a wheel or a transition, which it would
//! slow — and at once when the reader moves in it, focuses the timeline or
//! presses Tab in the widget;
//! it keeps the nodes of events that stay in it, so an update adds and
//! removes a few nodes rather than making 200.
//!
//! The live region (`role=status`, polite) says, 500 ms after the last
//! change, the new window after a zoom or pan ("1994 – 2022, 12 events")
//! or the selected event (its title and date — never the card's text). An
//! event selected through the list is not announced (its option is read
//! when it takes focus), nor the pan that brings it into view.

use super::{with_state, Dirty, State};
use crate::core::a11y::list::{
    event_label, more_message, window_events, window_message, MIRROR_MAX,
};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::strings::strings;
use crate::web::dom::{self, el, set_attr, set_hidden};
use crate::web::listener::Listener;
use crate::web::timer::Timeout;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, KeyboardEvent};

/// Quiet time before the live region speaks (ms).
pub const ANNOUNCE_DELAY_MS: i32 = 500;

/// Quiet time before the list follows a change of the view (ms).
pub const MIRROR_DELAY_MS: i32 = 150;

/// What the live region will say once changes stop. A burst of changes
/// says its most telling one: a selection over the pan that revealed it,
/// and nothing over a selection made in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Announce {
    Window,
    Event(usize),
    Quiet,
}

pub(super) struct Mirror {
    /// The visually hidden box holding the lines and the list.
    root: HtmlElement,
    list: HtmlElement,
    before: HtmlElement,
    after: HtmlElement,
    /// The options, as (event index, node, position), in list order.
    nodes: Vec<(usize, HtmlElement, usize)>,
    /// The `aria-setsize` the kept options carry.
    set_size: usize,
    /// The option in the tab order, and the one marked selected.
    stop: Option<HtmlElement>,
    marked: Option<HtmlElement>,
    /// The list needs updating (a timer is armed to do it).
    dirty: bool,
    update_timer: Timeout,
    /// Its nodes name events of older data (indices changed): rebuild all,
    /// in the next frame (after painting) rather than after the quiet time.
    stale: bool,
    /// The language its words are in.
    lang: Option<Lang>,
    /// The event whose option has focus.
    focused: Option<usize>,
    /// The open card was opened from the list (focus returns there).
    card_from_list: bool,
    live: HtmlElement,
    pending: Option<Announce>,
    announce_timer: Timeout,
}

impl Mirror {
    pub fn new(doc: &Document) -> Mirror {
        let root = el(doc, "div", "mirror");
        let before = el(doc, "p", "more before");
        let list = el(doc, "div", "events");
        set_attr(&list, "role", "listbox");
        let after = el(doc, "p", "more after");
        for e in [&before, &list, &after] {
            set_hidden(e, true);
            dom::append(&root, e);
        }
        let live = el(doc, "div", "sr-live");
        set_attr(&live, "role", "status");
        set_attr(&live, "aria-live", "polite");
        set_attr(&live, "aria-atomic", "true");
        Mirror {
            root,
            list,
            before,
            after,
            nodes: Vec::new(),
            set_size: 0,
            stop: None,
            marked: None,
            dirty: true,
            update_timer: Timeout::default(),
            stale: false,
            lang: None,
            focused: None,
            card_from_list: false,
            live,
            pending: None,
            announce_timer: Timeout::default(),
        }
    }

    /// Its timers, calling back into the widget.
    pub fn connect(&mut self, weak: &Weak<RefCell<State>>) {
        let w = weak.clone();
        self.announce_timer = Timeout::new(move || {
            with_state(&w, |st| st.speak());
        });
        let w = weak.clone();
        self.update_timer = Timeout::new(move || {
            with_state(&w, |st| {
                st.mirror.update_timer.fired();
                st.flush_mirror();
            });
        });
    }

    /// The list's box and the live region, for the frame.
    pub fn elements(&self) -> (&HtmlElement, &HtmlElement) {
        (&self.root, &self.live)
    }

    /// The event whose option has focus (its ring is drawn).
    pub fn focused(&self) -> Option<usize> {
        self.focused
    }

    /// The list is of older data: made again after the next frame.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// The open card was opened from the list.
    pub fn card_from_list(&self) -> bool {
        self.card_from_list
    }

    /// Stops both timers (the widget is going).
    pub fn close(&mut self, win: &web_sys::Window) {
        self.announce_timer.close(win);
        self.update_timer.close(win);
        self.pending = None;
    }
}

/// The `id` of event `i`'s option (unique within the shadow root).
fn option_id(i: usize) -> String {
    format!("{OPTION_ID}{i}")
}

const OPTION_ID: &str = "cs-ev-";

/// The event index of an option, from its `id`.
fn option_event(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let e = target?.dyn_into::<Element>().ok()?;
    let opt = e.closest("[role=option]").ok().flatten()?;
    opt.id().strip_prefix(OPTION_ID)?.parse().ok()
}

impl State {
    /// The list must follow a new view, selection or language: it will,
    /// once changes stop for [`MIRROR_DELAY_MS`].
    pub(super) fn mirror_changed(&mut self) {
        self.mirror.dirty = true;
        self.mirror.update_timer.restart(&self.win, MIRROR_DELAY_MS);
    }

    /// Makes a waiting update now (the reader is about to use the list).
    pub(super) fn flush_mirror(&mut self) {
        if self.mirror.dirty {
            self.update_mirror();
        }
    }

    /// The data changed under the list: its nodes name other events now.
    /// It is made again in the next frame, after the chart is painted.
    pub(super) fn mirror_reset(&mut self) {
        self.mirror.stale = true;
        self.mirror_changed();
        self.schedule();
    }

    /// Whether focus is on an option of the list.
    fn list_has_focus(&self) -> bool {
        self.active_element()
            .is_some_and(|a| self.mirror.list.contains(Some(&a)))
    }

    /// The option of event `i`, if it is in the list.
    fn option_of(&self, i: usize) -> Option<HtmlElement> {
        let k = self
            .mirror
            .nodes
            .binary_search_by_key(&i, |(j, _, _)| *j)
            .ok()?;
        self.mirror.nodes.get(k).map(|(_, n, _)| n.clone())
    }

    /// Brings the list up to date with the view's target, the data and the
    /// selection; if the focused option went, focus moves to the one now in
    /// the tab order (or to the timeline when the list is empty).
    pub(super) fn update_mirror(&mut self) {
        self.mirror.dirty = false;
        self.mirror.update_timer.cancel(&self.win);
        let stale = std::mem::take(&mut self.mirror.stale);
        let had_focus = self.list_has_focus();
        let mut old = std::mem::take(&mut self.mirror.nodes);
        if stale {
            for (_, n, _) in old.drain(..) {
                n.remove();
            }
            self.mirror.stop = None;
            self.mirror.marked = None;
        }
        let (Some(ds), Some(prepared), Some(w)) = (
            self.data.dataset().cloned(),
            self.data.prepared().cloned(),
            self.target_view(),
        ) else {
            for (_, n, _) in old {
                n.remove();
            }
            for e in [&self.mirror.before, &self.mirror.list, &self.mirror.after] {
                set_hidden(e, true);
            }
            self.mirror.stop = None;
            self.mirror.marked = None;
            return;
        };
        let anchor = self.selection.selected().or(self.mirror.focused);
        let run = window_events(&ds, &prepared, w, MIRROR_MAX, anchor);
        let total = run.total();
        let set_size = total.to_string();
        let size_changed = std::mem::replace(&mut self.mirror.set_size, total) != total;
        // The dataset's language, when it differs from the widget's.
        let locale = ds
            .locale
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case(self.lang.tag()));
        let fmt = self.page_formatter(&ds);
        let mut nodes = Vec::with_capacity(run.items.len());
        let mut it = old.into_iter().peekable();
        for (k, &i) in run.items.iter().enumerate() {
            while it.peek().is_some_and(|(j, _, _)| *j < i) {
                if let Some((_, n, _)) = it.next() {
                    n.remove();
                }
            }
            let pos = run.before + k + 1;
            let kept = it.next_if(|(j, _, _)| *j == i);
            let (node, old_pos) = match kept {
                Some((_, n, p)) => (n, p),
                None => {
                    let Some(ev) = ds.events.get(i) else { continue };
                    let o = el(&self.doc, "div", "");
                    set_attr(&o, "role", "option");
                    set_attr(&o, "tabindex", "-1");
                    set_attr(&o, "aria-selected", "false");
                    o.set_id(&option_id(i));
                    let label = event_label(ev, self.lang, fmt.as_formatter());
                    match locale {
                        // The title in the dataset's language and its own
                        // direction, then the date in the widget's.
                        Some(l) => {
                            let title = ev.title.trim();
                            let t = dom::text_el(&self.doc, "span", "", title);
                            set_attr(&t, "dir", "auto");
                            set_attr(&t, "lang", l);
                            dom::append(&o, &t);
                            let rest = label.get(title.len()..).unwrap_or("");
                            let _ = o.append_with_str_1(rest);
                        }
                        // One text node (200 options are 400 nodes, not 800).
                        None => o.set_text_content(Some(&label)),
                    }
                    let next = it.peek().map(|(_, n, _)| n.clone().unchecked_into());
                    let _ = self.mirror.list.insert_before(&o, next.as_ref());
                    (o, 0)
                }
            };
            if old_pos != pos {
                set_attr(&node, "aria-posinset", &pos.to_string());
            }
            if old_pos == 0 || size_changed {
                set_attr(&node, "aria-setsize", &set_size);
            }
            nodes.push((i, node, pos));
        }
        for (_, n, _) in it {
            n.remove();
        }
        let more = |n: usize, before: bool| more_message(n, before, self.lang);
        for (e, n, before) in [
            (&self.mirror.before, run.before, true),
            (&self.mirror.after, run.after, false),
        ] {
            set_hidden(e, n == 0);
            if n > 0 {
                e.set_text_content(Some(&more(n, before)));
            }
        }
        set_hidden(&self.mirror.list, nodes.is_empty());
        self.mirror.nodes = nodes;
        // The selected option is marked, and it (else the focused one, else
        // the first) is the list's tab stop.
        let marked = self.selection.selected().and_then(|i| self.option_of(i));
        if marked != self.mirror.marked {
            if let Some(o) = &self.mirror.marked {
                set_attr(o, "aria-selected", "false");
            }
            if let Some(o) = &marked {
                set_attr(o, "aria-selected", "true");
            }
            self.mirror.marked = marked.clone();
        }
        let stop = marked
            .or_else(|| self.mirror.focused.and_then(|i| self.option_of(i)))
            .or_else(|| self.mirror.nodes.first().map(|(_, n, _)| n.clone()));
        if stop != self.mirror.stop {
            if let Some(o) = &self.mirror.stop {
                set_attr(o, "tabindex", "-1");
            }
            if let Some(o) = &stop {
                set_attr(o, "tabindex", "0");
            }
            self.mirror.stop = stop.clone();
        }
        if had_focus && !self.list_has_focus() {
            // The focused option went (its event left the view): no ring
            // for it, and focus to the list's stop.
            self.mirror.focused = None;
            self.invalidate(Dirty::overlay());
            match stop {
                Some(o) => self.focus_element(&o),
                None => self.focus_frame(),
            }
        }
    }

    /// The list's name and lines in the current language (all its options
    /// are made again).
    pub(super) fn label_mirror(&mut self) {
        if self.mirror.lang == Some(self.lang) {
            return; // (a move in the page re-applies the labels)
        }
        self.mirror.lang = Some(self.lang);
        set_attr(
            &self.mirror.list,
            "aria-label",
            strings(self.lang).events_list,
        );
        self.mirror_reset();
    }

    /// Moves focus to the selected event's option (after a step in the list).
    fn focus_selected_option(&mut self) {
        self.update_mirror();
        if let Some(o) = self.selection.selected().and_then(|i| self.option_of(i)) {
            self.focus_element(&o);
        }
    }

    /// An option took focus: its event is selected and shown.
    fn option_focused(&mut self, i: usize) {
        if self.mirror.focused != Some(i) {
            self.mirror.focused = Some(i);
            self.invalidate(Dirty::overlay());
        }
        if self.selection.selected() != Some(i) {
            let card_open = matches!(self.cards.shown(), Some(super::card::Card::Event(_)));
            self.select(Some(i), card_open);
        }
        // Pans only when the event is out of view: tabbing into the list
        // does not move a view that already shows its first event.
        let start = self
            .data
            .dataset()
            .and_then(|d| d.events.get(i))
            .map(|e| e.start.ms);
        if let (Some(t), Some(w)) = (start, self.target_view()) {
            if !w.contains(t) {
                self.reveal(i);
            }
        }
        self.announce(Announce::Quiet);
    }

    /// Enter, Space or a click on an option: its card opens and takes focus.
    fn open_from_list(&mut self, i: usize) {
        self.select(Some(i), true);
        self.mirror.card_from_list = true;
        self.focus_card();
    }

    /// The card closed. If focus was in it, it goes back to the option
    /// the card was opened from (the selected event's, as the card may
    /// have stepped), else to the timeline.
    pub(super) fn card_closed(&mut self, had_focus: bool) {
        let from_list = std::mem::take(&mut self.mirror.card_from_list);
        if !had_focus {
            return;
        }
        let option = if from_list {
            self.update_mirror();
            self.selection.selected().and_then(|i| self.option_of(i))
        } else {
            None
        };
        match option {
            Some(o) => self.focus_element(&o),
            None => self.focus_frame(),
        }
    }

    // ----- live region -----

    /// Queues what the live region says once changes stop for
    /// [`ANNOUNCE_DELAY_MS`].
    pub(super) fn announce(&mut self, a: Announce) {
        self.mirror.pending = Some(self.mirror.pending.map_or(a, |p| p.max(a)));
        self.mirror
            .announce_timer
            .restart(&self.win, ANNOUNCE_DELAY_MS);
    }

    /// The quiet time passed: the live region says the queued message.
    fn speak(&mut self) {
        self.mirror.announce_timer.fired();
        let Some(a) = self.mirror.pending.take() else {
            return;
        };
        let (Some(ds), Some(prepared)) =
            (self.data.dataset().cloned(), self.data.prepared().cloned())
        else {
            return;
        };
        let fmt = self.page_formatter(&ds);
        let text = match a {
            Announce::Quiet => return,
            Announce::Window => {
                let Some(w) = self.view.window() else { return };
                let n = window_events(&ds, &prepared, w, 0, None).total();
                window_message(w, n, self.lang, fmt.as_formatter())
            }
            Announce::Event(i) => match ds.events.get(i) {
                Some(ev) => event_label(ev, self.lang, fmt.as_formatter()),
                None => return,
            },
        };
        self.mirror.live.set_text_content(Some(&text));
    }
}

/// Keys on an option. Those not handled here (+ and −, 0, Page Up and
/// Page Down, Escape) go on to the timeline's own handler.
fn list_keydown(st: &mut State, e: &Event) {
    let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    if k.ctrl_key() || k.meta_key() || k.alt_key() {
        return;
    }
    let Some(i) = option_event(e.target()) else {
        return;
    };
    let key = k.key();
    if !matches!(
        key.as_str(),
        "ArrowDown" | "ArrowRight" | "ArrowUp" | "ArrowLeft" | "Home" | "End" | "Enter" | " "
    ) {
        return;
    }
    // Steps start from the focused event (Escape may have cleared the
    // selection while focus stayed).
    if st.selection.selected() != Some(i) {
        st.select(Some(i), false);
    }
    match key.as_str() {
        "ArrowDown" | "ArrowRight" => {
            st.select_step(1);
            st.focus_selected_option();
        }
        "ArrowUp" | "ArrowLeft" => {
            st.select_step(-1);
            st.focus_selected_option();
        }
        "Home" | "End" => {
            st.select_edge(key == "Home");
            st.focus_selected_option();
        }
        _ => st.open_from_list(i),
    }
    st.announce(Announce::Quiet);
    e.prevent_default();
    e.stop_propagation();
}

/// Listeners of the list.
pub(super) fn install(weak: &Weak<RefCell<State>>, st: &State) -> Vec<Listener> {
    let list: web_sys::EventTarget = st.mirror.list.clone().into();
    let on = |kind: &'static str, f: fn(&mut State, &Event)| {
        let w = weak.clone();
        Listener::new(&list, kind, false, move |e: Event| {
            with_state(&w, |st| f(st, &e));
        })
    };
    vec![
        on("keydown", list_keydown),
        // (No update of the list here: one that moved focus would run this
        // listener again inside itself. Tab brings it up to date before
        // focus moves, in keys.rs.)
        on("focusin", |st, e| {
            if let Some(i) = option_event(e.target()) {
                st.option_focused(i);
            }
        }),
        on("focusout", |st, _| {
            if st.mirror.focused.take().is_some() {
                st.invalidate(Dirty::overlay());
            }
        }),
        // A screen reader's "click" on an option (there is nothing to click
        // on screen).
        on("click", |st, e| {
            if let Some(i) = option_event(e.target()) {
                st.open_from_list(i);
            }
        }),
    ]
}
