//! The keyboard, when the timeline has focus:
//!
//! | key | does |
//! |---|---|
//! | `+` `=` / `-` | zoom in / out |
//! | ← / → | move earlier / later; with an event selected, select the previous / next event |
//! | PageUp / PageDown | move a larger step earlier / later |
//! | Home / End | go to (and select) the first / last event |
//! | `0` | show everything |
//! | Enter | open the selected event's card (selecting the event nearest the middle first); focus moves to its close button |
//! | Escape | close the card; then clear the selection; then leave the timeline |
//!
//! Tab is never taken: it always moves on to the next control (the first
//! being the list of the events in view, whose own keys — arrows step
//! through the events, Home / End, Enter / Space open the card — are in
//! `mirror.rs`; the keys it leaves alone come here). See
//! `docs/accessibility.md`.

use crate::web::widget::State;
use wasm_bindgen::JsCast;
use web_sys::{Event, KeyboardEvent};

/// Zoom per key press.
pub(super) const KEY_ZOOM: f64 = 1.5;
/// Share of the window moved per arrow key and per page key.
const ARROW_PAN: f64 = 0.1;
const PAGE_PAN: f64 = 0.8;

pub(super) fn keydown(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return; // leave browser shortcuts (page zoom, …) alone
    }
    if e.key() == "Tab" {
        // Focus is about to move, perhaps into the list of events: bring
        // it up to date with the view first (it follows changes late).
        st.flush_mirror();
        return;
    }
    // Enter and Space on a button or link (zoom buttons, the card) press it.
    if matches!(e.key().as_str(), "Enter" | " ") && !st.frame_is_focused() {
        return;
    }
    let Some(view) = st.target_view() else { return };
    let center = view.center();
    let handled = match e.key().as_str() {
        "+" | "=" => {
            st.animate_to(view.zoom(KEY_ZOOM, center));
            true
        }
        "-" | "_" => {
            st.animate_to(view.zoom(1.0 / KEY_ZOOM, center));
            true
        }
        "ArrowRight" | "ArrowLeft" => {
            let later = e.key() == "ArrowRight";
            if st.selection.selected().is_some() {
                st.select_step(if later { 1 } else { -1 });
            } else {
                let step = view.span() * ARROW_PAN;
                st.animate_to(view.pan(if later { step } else { -step }));
            }
            true
        }
        "PageDown" | "PageUp" => {
            let step = view.span() * PAGE_PAN;
            st.animate_to(view.pan(if e.key() == "PageDown" { step } else { -step }));
            true
        }
        "Home" => st.select_edge(true),
        "End" => st.select_edge(false),
        "0" => {
            if let Some(w) = st.fit_window() {
                st.animate_to(w);
            }
            true
        }
        "Enter" => {
            // The card is a dialog: focus moves into it (Escape brings it
            // back to the timeline).
            let opened = st.open_selected();
            if opened {
                st.focus_card();
            }
            opened
        }
        "Escape" => {
            if st.cards.shown().is_some() {
                st.hide_card();
            } else if st.selection.selected().is_some() {
                st.select(None, false);
            } else {
                st.blur_frame();
            }
            true
        }
        _ => false,
    };
    if handled {
        e.prevent_default();
    }
}
