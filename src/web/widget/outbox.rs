//! The typed outbox: what the page is to hear of a call, queued while the
//! state is borrowed and delivered in order once it is released
//! ([`super::with_state`]), so the page's handlers may call the API again.
//! Mostly DOM events on the element (`docs/api.md`, Events); also the two
//! things that run page code without being an event of their own: the
//! `render` hook (which dispatches `render`) and saving a PNG after the
//! hook has drawn on it.

use super::export::save_png;
use crate::core::data::error::ChronoError;
use crate::web::js::{js_error, to_js, JsRect, TimeWindow};
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlCanvasElement, HtmlElement};

/// One thing for the page.
pub(crate) enum PageEvent {
    /// `ready`: a dataset is shown (`{title, events, series}`).
    Ready {
        title: String,
        events: u32,
        series: u32,
    },
    /// `error`: a data problem or a failure (the detail is a JS `Error`).
    Error(ChronoError),
    /// `select`: the selection changed (`{id}`, null when cleared).
    Select(Option<String>),
    /// `hover`: the event under the pointer changed (`{id}`, null when none).
    Hover(Option<String>),
    /// `windowchange`: the window drawn in this frame (`{start, end}`).
    WindowChange(TimeWindow),
    /// Not an event: the page's `render` hook, called with the frame just
    /// painted (it dispatches `render` itself, inside save/restore).
    Render(RenderCall),
    /// Not an event: saves a canvas as a PNG file (the toolbar's download
    /// button), after the `render` hook queued before it drew on it.
    SavePng {
        canvas: HtmlCanvasElement,
        name: String,
    },
}

#[derive(Serialize)]
struct ReadyDetail<'a> {
    title: &'a str,
    events: u32,
    series: u32,
}

#[derive(Serialize)]
struct IdDetail<'a> {
    id: Option<&'a str>,
}

impl PageEvent {
    /// The DOM event's name and detail, or None for what is no event.
    fn event(&self) -> Option<(&'static str, JsValue)> {
        Some(match self {
            PageEvent::Ready {
                title,
                events,
                series,
            } => (
                "ready",
                to_js(&ReadyDetail {
                    title,
                    events: *events,
                    series: *series,
                }),
            ),
            PageEvent::Error(e) => ("error", js_error(e)),
            PageEvent::Select(id) => ("select", to_js(&IdDetail { id: id.as_deref() })),
            PageEvent::Hover(id) => ("hover", to_js(&IdDetail { id: id.as_deref() })),
            PageEvent::WindowChange(w) => ("windowchange", to_js(w)),
            PageEvent::Render(_) | PageEvent::SavePng { .. } => return None,
        })
    }
}

/// Events for the page, in the order they happened.
#[derive(Default)]
pub(crate) struct Outbox(Vec<PageEvent>);

impl Outbox {
    pub fn push(&mut self, e: PageEvent) {
        self.0.push(e);
    }

    pub fn take(&mut self) -> Vec<PageEvent> {
        std::mem::take(&mut self.0)
    }
}

/// Delivers `events` in order: DOM events on `host` (not bubbling), hook
/// calls and downloads.
pub(crate) fn dispatch(host: &HtmlElement, events: Vec<PageEvent>) {
    for e in events {
        match e {
            PageEvent::Render(call) => {
                if let Err(err) = call.call() {
                    web_sys::console::error_2(
                        &JsValue::from_str("chronoscope: a render listener failed:"),
                        &err,
                    );
                }
            }
            PageEvent::SavePng { canvas, name } => save_png(host, &canvas, &name),
            e => {
                let Some((kind, detail)) = e.event() else {
                    continue;
                };
                let init = CustomEventInit::new();
                init.set_bubbles(false);
                init.set_detail(&detail);
                if let Ok(ev) = CustomEvent::new_with_event_init_dict(kind, &init) {
                    let _ = host.dispatch_event(&ev);
                }
            }
        }
    }
}

/// What the `render` hook is told of a frame: the canvas's CSS size and
/// pixel ratio, the window, the chart area and where the window's edges
/// are (`x0`, `x1`, from which the loader makes `timeToX` and `xToTime`:
/// functions are added in JavaScript, they cannot be serialised).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RenderFrame {
    width: f64,
    height: f64,
    pixel_ratio: f64,
    window: TimeWindow,
    plot: JsRect,
    x0: f64,
    x1: f64,
}

/// A call of the page's `render` hook: `hook(context, frame)`.
pub(crate) struct RenderCall {
    hook: js_sys::Function,
    context: JsValue,
    frame: RenderFrame,
}

impl RenderCall {
    /// The call for a frame painted on `canvas` at `ratio` (None when the
    /// page set no hook).
    pub fn new(
        hook: Option<&js_sys::Function>,
        canvas: &HtmlCanvasElement,
        scene: &crate::core::scene::Scene,
        css: (f64, f64),
        ratio: f64,
    ) -> Option<RenderCall> {
        let scale = &scene.scale;
        // The chart: from the top of the eras (or the timeline) to the bottom
        // of the last pane, across the time axis's width — not the overview.
        let top = scene.era_strip.map_or(scene.timeline.y, |r| r.y);
        let plot = JsRect {
            x: scale.x0,
            y: top,
            width: scale.x1 - scale.x0,
            height: scene.content_bottom() - top,
        };
        let hook = hook?.clone();
        let context: JsValue = canvas.get_context("2d").ok().flatten()?.into();
        Some(RenderCall {
            hook,
            context,
            frame: RenderFrame {
                width: css.0,
                height: css.1,
                pixel_ratio: ratio,
                window: scale.window.into(),
                plot,
                x0: scale.x0,
                x1: scale.x1,
            },
        })
    }

    /// Calls the hook (the caller decides what a failure means).
    pub fn call(&self) -> Result<JsValue, JsValue> {
        self.hook
            .call2(&JsValue::NULL, &self.context, &to_js(&self.frame))
    }
}
