//! What is picked out on the chart: the selected event (with the `select`
//! event, its card, history entry and announcement) and the hovered item
//! (its ring, tooltip and crosshair, with the `hover` event), and what a
//! click or tap on the chart selects. Also the selection's moves: step to
//! the previous or next event, the first or last, the one in the middle.

use super::card::Card;
use super::mirror::Announce;
use super::outbox::PageEvent;
use super::{Dirty, State};
use crate::core::data::time::Ms;
use crate::core::scene::metrics::NARROW;
use crate::core::scene::{Hit, ItemKind};
use crate::core::view::scale::Window;

/// The selection and the hover.
#[derive(Default)]
pub(super) struct Selection {
    selected: Option<usize>,
    /// The scene item under the pointer.
    hover: Option<usize>,
    /// Where the crosshair is, when the pointer is over the plot.
    hover_x: Option<f64>,
}

impl Selection {
    /// The selected event's index.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The hovered scene item.
    pub fn hover(&self) -> Option<usize> {
        self.hover
    }

    pub fn hover_x(&self) -> Option<f64> {
        self.hover_x
    }

    /// A new scene or dataset: the hovered item was one of the old.
    pub fn forget_hover_item(&mut self) {
        self.hover = None;
    }
}

impl State {
    /// The id of event `i`.
    pub(super) fn event_id(&self, i: usize) -> Option<String> {
        self.data.dataset()?.events.get(i).map(|e| e.id.clone())
    }

    /// Selects an event (or nothing); queues `select` when it changes.
    pub(super) fn select(&mut self, ev: Option<usize>, open_card: bool) {
        if self.selection.selected != ev {
            self.selection.selected = ev;
            let id = ev.and_then(|i| self.event_id(i));
            self.outbox.push(PageEvent::Select(id));
            self.invalidate(Dirty::overlay());
            self.touch_link(true);
            self.mirror_changed();
            if let Some(i) = ev.filter(|&i| self.mirror.focused() != Some(i)) {
                self.announce(Announce::Event(i));
            }
        }
        match ev {
            Some(i) if open_card => self.show_card(Card::Event(i)),
            None => self.hide_card(),
            _ => {}
        }
    }

    /// The data was edited: the selected event is now at `new_index`
    /// (its card shown again), or gone (the selection is cleared, and the
    /// page hears of it).
    pub(super) fn reselect(&mut self, new_index: Option<usize>) {
        match new_index {
            Some(i) => {
                self.selection.selected = Some(i);
                if let Some(Card::Event(_)) = self.cards.shown() {
                    self.show_card(Card::Event(i));
                }
            }
            None => {
                self.selection.selected = Some(usize::MAX); // forces the change below
                self.select(None, false);
            }
        }
    }

    /// Pans so that event `i` is in view (keeping the zoom), a third of the
    /// way in from the side it came from; nothing when it is in view already.
    /// For selections made by keys, the API or lists — not by clicking what
    /// is in view.
    pub(super) fn reveal(&mut self, i: usize) {
        let (Some(ds), Some(view)) = (self.data.dataset().cloned(), self.target_view()) else {
            return;
        };
        let Some(ev) = ds.events.get(i) else { return };
        let margin = view.span() * 0.05;
        if ev.start.ms >= view.start + margin && ev.start.ms <= view.end - margin {
            return;
        }
        // On a phone the card is a sheet across the box: the event goes to
        // the middle, clear of both edges.
        let frac = if self.view.size().0 < NARROW {
            0.5
        } else if ev.start.ms > view.end {
            0.3
        } else {
            0.7
        };
        let target = view.start + view.span() * frac;
        self.animate_to(view.pan(ev.start.ms - target));
    }

    /// A click at `(x, y)` (CSS px in the frame) that was not a drag.
    pub(super) fn click(&mut self, x: f64, y: f64) {
        let Some(scene) = self.paint.scene() else {
            return;
        };
        match scene.hit(x, y) {
            Some(Hit::Item(i)) => {
                let Some(item) = scene.items.get(i) else {
                    return;
                };
                match &item.kind {
                    ItemKind::Cluster { members, .. } => {
                        let members = members.clone();
                        self.open_cluster(members);
                    }
                    _ => {
                        let ev = item.event;
                        self.select(Some(ev), true);
                    }
                }
            }
            Some(Hit::PaneTitle(p)) => {
                if let Some(pane) = scene.panes.get(p) {
                    let s = pane.series;
                    self.show_card(Card::Series(s));
                }
            }
            None => {
                if self.cards.shown().is_some() || self.selection.selected.is_some() {
                    self.select(None, false);
                    self.hide_card();
                }
            }
        }
    }

    /// Zooms into a cluster whose events are at different times, else lists them.
    fn open_cluster(&mut self, mut members: Vec<usize>) {
        let Some(ds) = self.data.dataset().cloned() else {
            return;
        };
        // Listed in time order (events are sorted by time).
        members.sort_unstable();
        let times: Vec<Ms> = members
            .iter()
            .filter_map(|&m| ds.events.get(m).map(|e| e.start.ms))
            .collect();
        let lo = times.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Events at different times come apart when zoomed in; events at
        // one instant never do, so they are listed instead.
        if hi > lo {
            let pad = (hi - lo) * 0.6;
            if let Some(w) = Window::new(lo - pad, hi + pad * 2.0) {
                self.animate_to(w);
                return;
            }
        }
        self.show_card(Card::Cluster(members));
    }

    /// Whether an event's card is open.
    fn event_card_open(&self) -> bool {
        matches!(self.cards.shown(), Some(Card::Event(_)))
    }

    /// Selects the event `delta` places from the selected one in time order
    /// (keeping its card open if one is), and moves the view to it.
    pub(super) fn select_step(&mut self, delta: i64) {
        let Some(ds) = self.data.dataset().cloned() else {
            return;
        };
        let Some(cur) = self.selection.selected else {
            return;
        };
        let last = ds.events.len().saturating_sub(1) as i64;
        let next = (cur as i64 + delta).clamp(0, last) as usize;
        let card_open = self.event_card_open();
        self.select(Some(next), card_open);
        self.reveal(next);
    }

    /// Goes to the first (or last) event and selects it.
    pub(super) fn select_edge(&mut self, first: bool) -> bool {
        let Some(ds) = self.data.dataset().cloned() else {
            return false;
        };
        if ds.events.is_empty() {
            return false;
        }
        let i = if first { 0 } else { ds.events.len() - 1 };
        let card_open = self.event_card_open();
        self.select(Some(i), card_open);
        self.center_on(i);
        true
    }

    /// Enter: opens the selected event's card, selecting the event nearest
    /// the middle of the view first if none is.
    pub(super) fn open_selected(&mut self) -> bool {
        let Some(ds) = self.data.dataset().cloned() else {
            return false;
        };
        let i = match self.selection.selected {
            Some(i) => i,
            None => {
                let Some(view) = self.view.window() else {
                    return false;
                };
                let mid = view.center();
                let Some(i) = (0..ds.events.len())
                    .filter(|&i| view.contains(ds.events[i].start.ms))
                    .min_by(|&a, &b| {
                        let da = (ds.events[a].start.ms - mid).abs();
                        let db = (ds.events[b].start.ms - mid).abs();
                        da.total_cmp(&db)
                    })
                else {
                    return false;
                };
                i
            }
        };
        self.select(Some(i), true);
        true
    }

    /// Centres the view on event `i`, keeping the zoom.
    fn center_on(&mut self, i: usize) {
        let (Some(ds), Some(view)) = (self.data.dataset().cloned(), self.target_view()) else {
            return;
        };
        if let Some(ev) = ds.events.get(i) {
            self.animate_to(view.pan(ev.start.ms - view.center()));
        }
    }

    // ----- hover -----

    /// Hover ends: no ring, tooltip or crosshair.
    pub(super) fn clear_hover(&mut self) {
        if self.selection.hover.is_some() {
            self.outbox.push(PageEvent::Hover(None));
        }
        if self.selection.hover.take().is_some() || self.selection.hover_x.take().is_some() {
            self.update_tooltip(0.0, 0.0);
            self.invalidate(Dirty::overlay());
        }
    }

    /// Hover: ring the item under (x, y), show its tooltip and the crosshair.
    pub(super) fn hover_at(&mut self, x: f64, y: f64) {
        let scene = self.paint.scene();
        let hit = scene.and_then(|s| s.hit(x, y));
        let item = match hit {
            Some(Hit::Item(i)) => Some(i),
            _ => None,
        };
        let _ = self
            .frame
            .class_list()
            .toggle_with_force("pointing", hit.is_some());
        let inside =
            scene.is_some_and(|s| x >= s.scale.x0 && x <= s.scale.x1 && y <= s.content_bottom());
        let cross = inside.then_some(x);
        if item != self.selection.hover {
            let id = item
                .and_then(|i| scene?.items.get(i))
                .and_then(|it| self.event_id(it.event));
            self.outbox.push(PageEvent::Hover(id));
        }
        if item != self.selection.hover || cross != self.selection.hover_x {
            self.selection.hover = item;
            self.selection.hover_x = cross;
            self.update_tooltip(x, y);
            self.invalidate(Dirty::overlay());
        }
    }
}
