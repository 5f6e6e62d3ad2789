//! The data and its loading: the dataset on screen (with what is prepared
//! from it once), where it came from, and the load under way — from `src`
//! or the inline JSON, the latest load winning — with its outcome: a new
//! dataset applied (`ready`, then each problem as `error`), or a failure
//! shown (the message box, or the notice when earlier data stays).

use super::messages::Message;
use super::outbox::PageEvent;
use super::State;
use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::{Dataset, Loaded};
use crate::core::formats::load::{load as load_data, Limits};
use crate::core::scene::Prepared;
use crate::web::{dom, load};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The dataset and its loading.
#[derive(Default)]
pub(super) struct Data {
    dataset: Option<Rc<Dataset>>,
    /// `Prepared::new(dataset)`, made once per dataset.
    prepared: Option<Rc<Prepared>>,
    /// The address the dataset was fetched from, which its relative
    /// addresses resolve against; None for inline data and `setData` (the
    /// page's base address then).
    base: Option<String>,
    /// Counts loads; a fetch that finishes after a newer load began is
    /// dropped.
    load_gen: u32,
    /// The fetch under way, aborted by a newer load or the removal.
    abort: Option<web_sys::AbortController>,
    /// Data is shown (until a load fails).
    ready: bool,
}

impl Data {
    pub fn dataset(&self) -> Option<&Rc<Dataset>> {
        self.dataset.as_ref()
    }

    pub fn prepared(&self) -> Option<&Rc<Prepared>> {
        self.prepared.as_ref()
    }

    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Nothing was loaded or asked for yet.
    pub fn never_loaded(&self) -> bool {
        self.dataset.is_none() && self.load_gen == 0
    }

    /// Stops the download under way, if any.
    pub fn abort(&mut self) {
        if let Some(a) = self.abort.take() {
            a.abort();
        }
    }

    /// A new load begins: the one under way loses (its download stops).
    /// Returns the new load's number.
    fn supersede(&mut self) -> u32 {
        self.load_gen = self.load_gen.wrapping_add(1);
        self.abort();
        self.load_gen
    }

    fn replace(&mut self, ds: Dataset) {
        self.prepared = Some(Rc::new(Prepared::new(&ds)));
        self.dataset = Some(Rc::new(ds));
    }
}

/// Loads data (`core::formats::load`, the path the command line takes
/// too), leaving a `chronoscope:parse` User Timing measure in the page's
/// performance timeline (for profilers and the benchmark).
fn timed_load(name: &str, bytes: &[u8]) -> Result<Loaded, ChronoError> {
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark("chronoscope:parse-start");
    }
    let r = load_data(name, bytes, Limits::Apply);
    if let Some(p) = &perf {
        let _ = p.mark("chronoscope:parse-end");
        let _ = p.measure_with_start_mark_and_end_mark(
            "chronoscope:parse",
            "chronoscope:parse-start",
            "chronoscope:parse-end",
        );
        p.clear_marks_with_mark_name("chronoscope:parse-start");
        p.clear_marks_with_mark_name("chronoscope:parse-end");
    }
    r
}

impl State {
    /// The page's base address (`document.baseURI`).
    pub(super) fn page_base(&self) -> String {
        self.doc.base_uri().ok().flatten().unwrap_or_default()
    }

    /// What the data's relative addresses resolve against: the address it
    /// was fetched from, else the page's.
    pub(super) fn base_for_data(&self) -> String {
        self.data.base.clone().unwrap_or_else(|| self.page_base())
    }

    /// Starts loading from `src` or the inline JSON; the latest load wins.
    pub(super) fn start_load(&mut self) {
        let gen = self.data.supersede();
        let weak = self.weak.clone();
        let src = self
            .host
            .get_attribute("src")
            .filter(|s| !s.trim().is_empty());
        let inline = self
            .host
            .query_selector("script[type='application/json']")
            .ok()
            .flatten()
            .and_then(|s| s.text_content());
        if self.data.dataset.is_none() {
            self.lang = self.resolve_lang();
            self.show_message(Some(Message::Loading));
        }
        match (src, inline) {
            (Some(url), _) => {
                let win = self.win.clone();
                let Ok(abort) = web_sys::AbortController::new() else {
                    return;
                };
                self.data.abort = Some(abort.clone());
                let timeout = self
                    .host
                    .get_attribute("load-timeout")
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .filter(|t| t.is_finite() && *t > 0.0)
                    .unwrap_or(load::DEFAULT_TIMEOUT_MS);
                wasm_bindgen_futures::spawn_local(async move {
                    let fetched = load::fetch_bytes(&win, &url, timeout, &abort).await;
                    super::with_state(&weak, |st| {
                        if st.data.load_gen == gen {
                            let bytes = fetched.map(|(bytes, from)| {
                                // The response's address, else the src as
                                // the page resolves it.
                                let page = st.page_base();
                                st.data.base = Some(from)
                                    .filter(|f| !f.is_empty())
                                    .or_else(|| dom::resolve(&url, &page, false));
                                bytes
                            });
                            st.apply_bytes(&url, bytes);
                        }
                    });
                });
            }
            (None, Some(text)) => {
                self.data.base = None;
                self.apply_bytes("the inline data", Ok(text.into_bytes()))
            }
            (None, None) => self.fail(
                ChronoError::new(
                    ErrorCode::NoSource,
                    "no data: give the element a src attribute or a <script type=\"application/json\"> child",
                    true,
                ),
                false,
            ),
        }
    }

    fn apply_bytes(&mut self, name: &str, bytes: Result<Vec<u8>, ChronoError>) {
        self.data.abort = None;
        match bytes.and_then(|b| timed_load(name, &b)) {
            Ok(loaded) => self.set_data(loaded),
            Err(e) => self.fail(e, true),
        }
    }

    /// `setData`: data bytes from the page (its relative addresses resolve
    /// against the page). A load under way loses. A fatal problem is shown
    /// as a failed load and returned.
    pub(super) fn set_data_bytes(&mut self, bytes: &[u8]) -> Result<(), ChronoError> {
        self.data.supersede(); // a pending fetch loses
        self.data.base = None; // relative addresses: against the page
        match timed_load("the data", bytes) {
            Ok(loaded) => {
                self.set_data(loaded);
                Ok(())
            }
            Err(e) => {
                self.fail(e.clone(), false);
                Err(e)
            }
        }
    }

    /// Data the page gave was refused before it was read (too large):
    /// reported as a failed load (the data on screen stays).
    pub(super) fn refuse_data(&mut self, e: ChronoError) {
        self.data.supersede();
        self.fail(e, false);
    }

    /// Applies a freshly parsed dataset.
    fn set_data(&mut self, loaded: Loaded) {
        let Loaded {
            dataset,
            errors,
            suppressed,
        } = loaded;
        // A new dataset starts without a selection; the page hears of it
        // (but no history entry is made for it).
        self.data.ready = false;
        self.select(None, false);
        self.data.replace(dataset);
        self.mirror_reset();
        self.lang = self.resolve_lang();
        self.selection.forget_hover_item();
        self.paint.forget_scene();
        let first = self.initial_window();
        self.view.reset(first);
        self.links.loaded(first);
        self.apply_labels();
        let empty = self.data.dataset.as_ref().is_none_or(|d| d.is_empty());
        self.messages.drop_notice();
        self.show_message(empty.then_some(Message::NoData));
        self.data.ready = true;
        self.apply_link();
        self.invalidate(super::Dirty::all());
        let ds = self.data.dataset.clone();
        self.outbox.push(PageEvent::Ready {
            title: ds.as_ref().map_or("", |d| d.title.as_str()).to_string(),
            events: ds.as_ref().map_or(0, |d| d.events.len() as u32),
            series: ds.as_ref().map_or(0, |d| d.series.len() as u32),
        });
        for e in &errors {
            web_sys::console::warn_1(&JsValue::from_str(&format!("chronoscope: {e}")));
            self.outbox.push(PageEvent::Error(e.clone()));
        }
        if suppressed > 0 {
            let e = ChronoError::new(
                errors.last().map_or(ErrorCode::BadValue, |e| e.code),
                format!("{suppressed} more problems in the dataset were not listed"),
                false,
            );
            self.outbox.push(PageEvent::Error(e));
        }
    }

    /// Reports a failed load (an `error` event and the console). With data
    /// on screen from an earlier load, that data stays and a small notice
    /// says what went wrong; otherwise the message box shows the error.
    /// `retry` offers a Retry button that runs the load again.
    fn fail(&mut self, e: ChronoError, retry: bool) {
        self.data.abort = None;
        web_sys::console::error_1(&JsValue::from_str(&format!("chronoscope: {e}")));
        self.outbox.push(PageEvent::Error(e.clone()));
        if self.data.ready && self.data.dataset.is_some() {
            self.show_notice(Some((e, retry)));
            return;
        }
        self.show_notice(None);
        self.data.ready = false;
        self.stop_motion();
        self.select(None, false);
        self.data.dataset = None;
        self.data.prepared = None;
        self.mirror_reset();
        self.paint.forget_scene();
        self.view.reset(None);
        self.lang = self.resolve_lang();
        self.show_message(Some(Message::Error(e, retry)));
        self.invalidate(super::Dirty::all());
    }

    /// Runs the last load again (the Retry button).
    pub(super) fn retry(&mut self) {
        self.show_notice(None);
        self.start_load();
    }

    /// Changes the dataset in place (a copy if it is shared), keeping the
    /// selection when its event survives, and lays out again.
    pub(super) fn mutate(
        &mut self,
        f: impl FnOnce(&mut Dataset) -> Result<(), ChronoError>,
    ) -> Result<(), ChronoError> {
        let Some(current) = self.data.dataset.clone() else {
            return Err(ChronoError::new(
                ErrorCode::BadArgument,
                "no data is loaded yet",
                false,
            ));
        };
        let selected_id = self
            .selection
            .selected()
            .and_then(|i| current.events.get(i).map(|e| e.id.clone()));
        let mut ds = (*current).clone();
        f(&mut ds)?;
        // Stable, as parse_dataset sorts (the same sort: one copy in the wasm).
        ds.events
            .sort_by_cached_key(|e| crate::core::data::model::total_key(e.start.ms));
        let new_index = selected_id.as_deref().and_then(|id| ds.event_index(id));
        self.data.replace(ds);
        self.mirror_reset();
        self.selection.forget_hover_item();
        if selected_id.is_some() {
            self.reselect(new_index);
        }
        self.invalidate(super::Dirty {
            layout: true,
            base: true,
            overlay: true,
            ..super::Dirty::default()
        });
        Ok(())
    }
}
