//! The card — an event's (with Previous / Next), a cluster's list or a
//! series' note, opened by a click, Enter or the API, placed on the side
//! away from its event — and the hover tooltip beside the pointer. Both are
//! built by `dom.rs` from the dataset as text, or by the page's
//! `renderCard` / `renderTooltip` hooks.

use super::{with_state, State};
use crate::core::scene::metrics::{MIN_TARGET, NARROW};
use crate::web::dom::{self, set_attr, set_hidden};
use crate::web::hooks::{self, PageFormatter};
use crate::web::listener::Listener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};

/// What the card shows.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Card {
    Event(usize),
    Cluster(Vec<usize>),
    Series(usize),
}

/// The card and the tooltip.
pub(super) struct Cards {
    el: HtmlElement,
    shown: Option<Card>,
    /// The card's buttons and the listeners that keep its input its own.
    listeners: Vec<Listener>,
    tooltip: HtmlElement,
}

impl Cards {
    pub fn new(el: HtmlElement, tooltip: HtmlElement) -> Cards {
        Cards {
            el,
            shown: None,
            listeners: Vec::new(),
            tooltip,
        }
    }

    /// What the card shows, if it is open.
    pub fn shown(&self) -> Option<&Card> {
        self.shown.as_ref()
    }

    pub fn hide_tooltip(&self) {
        set_hidden(&self.tooltip, true);
    }

    pub fn set_lang(&self, tag: &str) {
        set_attr(&self.el, "lang", tag);
    }

    pub fn close(&mut self) {
        self.listeners.clear();
    }
}

impl State {
    pub(super) fn show_card(&mut self, card: Card) {
        let Some(ds) = self.data.dataset().cloned() else {
            return;
        };
        let base = self.base_for_data();
        let had_focus = self.card_has_focus();
        self.cards.listeners.clear();
        let custom = match &card {
            Card::Event(i) => {
                hooks::custom_node(self.hooks.render_card.as_ref(), "renderCard", &ds, *i)
            }
            _ => None,
        };
        let date_hook = self.hooks.format_date.clone();
        let value_hook = self.hooks.format_value.clone();
        let page_fmt = PageFormatter {
            date: date_hook.as_ref(),
            value: value_hook.as_ref(),
            dataset: &ds,
            lang: self.lang,
        };
        let fmt = page_fmt.as_formatter();
        let el = self.cards.el.clone();
        let (doc, lang) = (&self.doc, self.lang);
        let close = match &card {
            Card::Event(i) => {
                dom::event_card(doc, &el, &ds, *i, lang, fmt, custom, &base).map(|b| {
                    for (button, step) in [(b.previous, -1), (b.next, 1)] {
                        let Some(button) = button else { continue };
                        let weak = self.weak.clone();
                        self.cards.listeners.push(Listener::new(
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
            Card::Series(i) => dom::series_card(doc, &el, &ds, *i, lang, &base),
            Card::Cluster(members) => {
                let (close, buttons) = dom::cluster_card(doc, &el, &ds, members, lang, fmt);
                for (m, b) in buttons {
                    let weak = self.weak.clone();
                    self.cards
                        .listeners
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
        if let Ok(imgs) = el.query_selector_all("figure.media img") {
            for i in 0..imgs.length() {
                let Some(img) = imgs.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
                    continue;
                };
                let target = img.clone();
                self.cards
                    .listeners
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
            self.cards
                .listeners
                .push(Listener::new(&close, "click", true, move |_| {
                    with_state(&weak, |st| {
                        if st.mirror.card_from_list() {
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
            self.cards
                .listeners
                .push(Listener::new(&el, kind, true, |e| e.stop_propagation()));
        }
        // Over the card the timeline's hover ends; touching it stops a coast.
        for kind in ["pointerenter", "pointerdown"] {
            let weak = self.weak.clone();
            self.cards
                .listeners
                .push(Listener::new(&el, kind, true, move |_| {
                    with_state(&weak, |st| {
                        st.stop_motion();
                        st.clear_hover();
                    });
                }));
        }
        set_attr(&el, "aria-labelledby", "cs-card-title");
        set_hidden(&el, false);
        self.cards.shown = Some(card);
        self.place_card();
    }

    pub(super) fn hide_card(&mut self) {
        let had_focus = self.card_has_focus();
        set_hidden(&self.cards.el, true);
        dom::clear(&self.cards.el);
        self.cards.listeners.clear();
        self.cards.shown = None;
        // Focus inside the card goes back to where the card was opened
        // from (an option of the list, else the timeline) rather than
        // falling to the page's body.
        self.card_closed(had_focus);
    }

    /// The language changed: an open card says it again in it.
    pub(super) fn relabel_card(&mut self) {
        if let Some(card) = self.cards.shown.clone() {
            self.show_card(card);
        }
    }

    /// Puts the card on the side away from the selected event: beside it on
    /// a wide box; on a phone, where the card is a sheet across the box,
    /// below the event or above it, no taller than the room there, so the
    /// event stays in sight.
    pub(super) fn place_card(&self) {
        let (x, y) = match (&self.cards.shown, self.scale()) {
            (Some(Card::Event(i)), Some(scale)) => {
                let x = self
                    .data
                    .dataset()
                    .and_then(|d| d.events.get(*i))
                    .map(|e| scale.t_to_x(e.start.ms));
                let y = self
                    .paint
                    .scene()
                    .and_then(|s| s.item_of_event(*i).and_then(|k| s.items.get(k)))
                    .map(|it| it.y);
                (x, y)
            }
            _ => (None, None),
        };
        let (w, h) = self.view.size();
        let right_half = x.is_some_and(|x| x > w * 0.55);
        let classes = self.cards.el.class_list();
        let _ = classes.toggle_with_force("left", right_half);
        // On a phone: the sheet goes below the event when it fits there,
        // else on the side with more room, made no taller than that room
        // (its text scrolls), so the event stays in sight.
        let style = self.cards.el.style();
        let _ = style.remove_property("max-height");
        let (mut top, mut max_h) = (false, None);
        if let (true, Some(y)) = (w < NARROW, y) {
            let (gap, reach) = (10.0, MIN_TARGET / 2.0 + 6.0);
            let below = h - gap - (y + reach);
            let above = y - reach - gap;
            let natural = f64::from(self.cards.el.offset_height());
            if natural > below {
                top = above > below;
                let room = if top { above } else { below };
                // Too little room either way: the sheet keeps its size.
                if room >= 120.0 {
                    max_h = Some(room);
                }
            }
        }
        let _ = classes.toggle_with_force("top", top);
        if let Some(m) = max_h {
            let _ = style.set_property("max-height", &format!("{}px", m.floor()));
        }
    }

    /// Whether keyboard focus is inside the card.
    fn card_has_focus(&self) -> bool {
        let root = self.cards.el.get_root_node();
        let active = root
            .dyn_ref::<ShadowRoot>()
            .and_then(|r| r.active_element());
        active.is_some_and(|a| self.cards.el.contains(Some(&a)))
    }

    /// Moves focus into the open card, to its close button.
    pub(super) fn focus_card(&mut self) {
        if let Some(close) = self
            .cards
            .el
            .query_selector(".close")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<HtmlElement>().ok())
        {
            self.focus_element(&close);
        }
    }

    /// Shows the tooltip of the hovered item near (x, y), or hides it.
    pub(super) fn update_tooltip(&mut self, x: f64, y: f64) {
        let tooltip = &self.cards.tooltip;
        let (Some(ds), Some(scene)) = (self.data.dataset(), self.paint.scene()) else {
            set_hidden(tooltip, true);
            return;
        };
        let Some(item) = self.selection.hover().and_then(|i| scene.items.get(i)) else {
            set_hidden(tooltip, true);
            return;
        };
        let members = item.members();
        let custom = match members[..] {
            [one] => {
                hooks::custom_node(self.hooks.render_tooltip.as_ref(), "renderTooltip", ds, one)
            }
            _ => None,
        };
        let fmt = self.page_formatter(ds);
        dom::fill_tooltip(
            &self.doc,
            tooltip,
            ds,
            &members,
            self.lang,
            fmt.as_formatter(),
            custom,
        );
        set_hidden(tooltip, false);
        // Beside the pointer, kept inside the box.
        let (w, h) = (
            tooltip.offset_width() as f64,
            tooltip.offset_height() as f64,
        );
        let (bw, bh) = self.view.size();
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
        let style = tooltip.style();
        let _ = style.set_property("left", &format!("{left}px"));
        let _ = style.set_property("top", &format!("{top}px"));
    }
}
