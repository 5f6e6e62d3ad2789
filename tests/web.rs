//! Browser tests (wasm-bindgen-test in headless Chromium): the widget's
//! Rust half driven directly, with real DOM, canvas and events.
#![cfg(target_arch = "wasm32")]

use chronoscope::web::widget::Widget;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

const SIP_EN: &str = include_str!("../www/data/sip.en.json");

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits for the next animation frame (and the microtasks after it).
async fn frame() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let cb = Closure::once_into_js(move |_: f64| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        web_sys::window()
            .unwrap()
            .request_animation_frame(cb.unchecked_ref())
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

async fn frames(n: usize) {
    for _ in 0..n {
        frame().await;
    }
}

struct Fixture {
    host: HtmlElement,
    root: ShadowRoot,
    widget: Widget,
    events: Rc<RefCell<Vec<(String, JsValue)>>>,
    _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.widget.destroy();
        self.host.remove();
    }
}

impl Fixture {
    fn events(&self, kind: &str) -> Vec<JsValue> {
        self.events
            .borrow()
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, d)| d.clone())
            .collect()
    }
    fn shadow(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .unwrap()
            .map(|e| e.unchecked_into())
    }
}

/// A `<chrono-scope>`-like host with inline JSON, sized 800×400, attached.
async fn fixture(json: &str, attrs: &[(&str, &str)]) -> Fixture {
    let d = doc();
    let host: HtmlElement = d.create_element("div").unwrap().unchecked_into();
    host.style().set_property("display", "block").unwrap();
    host.style().set_property("position", "relative").unwrap();
    host.style().set_property("width", "800px").unwrap();
    host.style().set_property("height", "400px").unwrap();
    for (k, v) in attrs {
        host.set_attribute(k, v).unwrap();
    }
    let script = d.create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_text_content(Some(json));
    host.append_child(&script).unwrap();
    d.body().unwrap().append_child(&host).unwrap();
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let root = host.attach_shadow(&init).unwrap();

    let events = Rc::new(RefCell::new(Vec::new()));
    let mut listeners = Vec::new();
    for kind in ["ready", "error", "windowchange", "select"] {
        let ev = events.clone();
        let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let detail = e.unchecked_ref::<web_sys::CustomEvent>().detail();
            ev.borrow_mut().push((kind.to_string(), detail));
        });
        host.add_event_listener_with_callback(kind, cb.as_ref().unchecked_ref())
            .unwrap();
        listeners.push(cb);
    }
    // The loader's page object (shared by the page's widgets).
    let page = js_sys::Object::new();
    js_sys::Reflect::set(&page, &"historyWrites".into(), &js_sys::Array::new()).unwrap();
    let widget = Widget::new(host.clone(), root.clone(), page.into()).unwrap();
    widget.connected();
    frames(2).await;
    Fixture {
        host,
        root,
        widget,
        events,
        _listeners: listeners,
    }
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
async fn loads_inline_data_fits_it_and_reports_ready() {
    let f = fixture(SIP_EN, &[]).await;
    assert!(f.widget.is_ready());
    let ready = f.events("ready");
    assert_eq!(ready.len(), 1);
    assert_eq!(get(&ready[0], "events").as_f64(), Some(20.0));
    assert!(f.events("error").is_empty());
    // the first view fits all data: 1994 … 2022-11-06 inside it
    let w = f.widget.get_window();
    let (s, e) = (
        get(&w, "start").as_f64().unwrap(),
        get(&w, "end").as_f64().unwrap(),
    );
    assert!(s < 757_382_400_000.0, "1994 is in view");
    assert!(e > 1_667_692_800_000.0, "2022-11-06 is in view");
    assert_eq!(
        f.events("windowchange").len(),
        1,
        "one windowchange for the first view"
    );
    // the region is named after the dataset, in its language
    let frame = f.shadow(".frame").unwrap();
    assert!(frame
        .get_attribute("aria-label")
        .unwrap()
        .contains("Suzhou"));
    assert_eq!(frame.get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn canvas_is_sized_for_the_pixel_ratio_and_not_blank() {
    let f = fixture(SIP_EN, &[]).await;
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let canvas: HtmlCanvasElement = f.shadow("canvas.base").unwrap().unchecked_into();
    assert_eq!(canvas.width(), (800.0 * ratio).round() as u32);
    assert_eq!(canvas.height(), (400.0 * ratio).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let data = ctx
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    let mut colours = std::collections::HashSet::new();
    for px in data.chunks(4).step_by(7) {
        colours.insert((px[0], px[1], px[2]));
    }
    assert!(colours.len() > 20, "{} distinct colours", colours.len());
}

#[wasm_bindgen_test]
async fn resizing_the_box_resizes_the_canvas() {
    let f = fixture(SIP_EN, &[]).await;
    f.host.style().set_property("width", "500px").unwrap();
    frames(3).await;
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let canvas: HtmlCanvasElement = f.shadow("canvas.base").unwrap().unchecked_into();
    assert_eq!(canvas.width(), (500.0 * ratio).round() as u32);
}

#[wasm_bindgen_test]
async fn set_window_accepts_every_time_form_and_fires_windowchange() {
    let f = fixture(SIP_EN, &[]).await;
    f.widget
        .set_window(
            JsValue::from_str("2000"),
            JsValue::from_str("2010-06-30"),
            false,
        )
        .unwrap();
    frame().await;
    let w = f.widget.get_window();
    assert_eq!(get(&w, "start").as_f64(), Some(946_684_800_000.0));
    let changes = f.events("windowchange");
    let last = changes.last().unwrap();
    assert_eq!(get(last, "start").as_f64(), Some(946_684_800_000.0));
    // numbers and Dates
    let d = js_sys::Date::new(&JsValue::from_f64(1_000_000_000_000.0));
    f.widget
        .set_window(JsValue::from_f64(0.0), d.into(), false)
        .unwrap();
    // coordinate conversion round-trips, in CSS px from the left edge
    let x = f.widget.time_to_x(JsValue::from_f64(5e11)).unwrap();
    let t = f.widget.x_to_time(x).unwrap();
    assert!((t - 5e11).abs() < 1.0);
    let x0 = f.widget.time_to_x(JsValue::from_f64(0.0)).unwrap();
    assert!(
        x0 > 0.0 && x0 < 40.0,
        "start of the window near the left edge: {x0}"
    );
}

#[wasm_bindgen_test]
async fn bad_arguments_throw_errors_with_a_code() {
    let f = fixture(SIP_EN, &[]).await;
    for (s, e) in [
        (JsValue::from_str("someday"), JsValue::from_str("2000")),
        (JsValue::from_str("2010"), JsValue::from_str("2000")),
        (JsValue::from_f64(f64::NAN), JsValue::from_f64(1.0)),
        (JsValue::TRUE, JsValue::from_f64(1.0)),
    ] {
        let err = f.widget.set_window(s, e, false).unwrap_err();
        assert!(err.is_instance_of::<js_sys::Error>());
        assert_eq!(
            get(&err, "code").as_string().as_deref(),
            Some("bad_argument")
        );
    }
    let err = f.widget.select(Some("no-such-event".into())).unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("bad_argument")
    );
    assert!(f.widget.zoom(-1.0, JsValue::UNDEFINED, false).is_err());
    assert!(f.widget.x_to_time(f64::INFINITY).is_err());
}

#[wasm_bindgen_test]
async fn select_opens_a_card_with_text_only_and_fires_select() {
    let json = r#"{"events": [
      {"id": "a", "start": "2001-05", "title": "<img src=x onerror=alert(1)>", "text": "First paragraph.\n\nSecond <b>not bold</b>.", "link": "https://example.org/a"},
      {"id": "b", "start": "2003", "title": "B", "displayDate": "Spring 2003"}
    ]}"#;
    let f = fixture(json, &[]).await;
    f.widget.select(Some("a".into())).unwrap();
    assert_eq!(f.widget.selected().unwrap().as_deref(), Some("a"));
    let card = f.shadow(".card").unwrap();
    assert!(!card.hidden());
    let title = f.shadow(".card .title").unwrap();
    assert_eq!(
        title.text_content().unwrap(),
        "<img src=x onerror=alert(1)>"
    );
    assert!(
        f.shadow(".card img").is_none(),
        "dataset text never becomes markup"
    );
    assert!(f.shadow(".card b").is_none());
    assert_eq!(
        f.root.query_selector_all(".card .text").unwrap().length(),
        2
    );
    assert_eq!(
        f.shadow(".card .date").unwrap().text_content().unwrap(),
        "May 2001"
    );
    let a = f.shadow(".card a").unwrap();
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("https://example.org/a")
    );
    assert_eq!(
        a.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    let sel = f.events("select");
    assert_eq!(
        get(sel.last().unwrap(), "id").as_string().as_deref(),
        Some("a")
    );

    f.widget.select(Some("b".into())).unwrap();
    assert_eq!(
        f.shadow(".card .date").unwrap().text_content().unwrap(),
        "Spring 2003"
    );
    f.widget.select(None).unwrap();
    assert!(f.shadow(".card").unwrap().hidden());
    assert!(get(f.events("select").last().unwrap(), "id").is_null());
}

#[wasm_bindgen_test]
async fn malformed_json_shows_where_and_reports_a_fatal_error() {
    let f = fixture("{\n  \"events\": [}\n", &[]).await;
    assert!(!f.widget.is_ready());
    let msg = f.shadow(".message").unwrap();
    assert!(!msg.hidden());
    let text = msg.text_content().unwrap();
    assert!(text.contains("line 2"), "{text}");
    assert!(text.contains("json_syntax"), "{text}");
    let errors = f.events("error");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        get(&errors[0], "code").as_string().as_deref(),
        Some("json_syntax")
    );
    assert_eq!(get(&errors[0], "fatal").as_bool(), Some(true));
    assert_eq!(get(&errors[0], "line").as_f64(), Some(2.0));
    assert!(f.events("ready").is_empty());
}

#[wasm_bindgen_test]
async fn one_bad_event_is_reported_and_the_rest_is_shown() {
    let json = r#"{"events": [{"id": "a", "start": "2001", "title": "A"}, {"id": "b", "start": "2001-02-30", "title": "B"}]}"#;
    let f = fixture(json, &[]).await;
    assert!(f.widget.is_ready());
    let errors = f.events("error");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        get(&errors[0], "code").as_string().as_deref(),
        Some("bad_time")
    );
    assert_eq!(
        get(&errors[0], "path").as_string().as_deref(),
        Some("events[1].start")
    );
    assert_eq!(get(&errors[0], "fatal").as_bool(), Some(false));
    assert!(f.shadow(".message").unwrap().hidden());
}

#[wasm_bindgen_test]
async fn missing_src_file_shows_http_status() {
    let f = fixture("", &[("src", "/definitely-not-here.json")]).await;
    // the fetch resolves after a few frames
    for _ in 0..50 {
        if !f.events("error").is_empty() {
            break;
        }
        frame().await;
    }
    let errors = f.events("error");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        get(&errors[0], "code").as_string().as_deref(),
        Some("http_status")
    );
    assert!(f
        .shadow(".message")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("404"));
}

#[wasm_bindgen_test]
async fn start_and_end_attributes_set_the_first_window_and_lang_picks_the_language() {
    let f = fixture(
        SIP_EN,
        &[("start", "2010"), ("end", "2020"), ("lang", "zh-Hant")],
    )
    .await;
    let w = f.widget.get_window();
    assert_eq!(get(&w, "start").as_f64(), Some(1_262_304_000_000.0));
    assert_eq!(get(&w, "end").as_f64(), Some(1_577_836_800_000.0));
    let frame = f.shadow(".frame").unwrap();
    assert_eq!(frame.get_attribute("lang").as_deref(), Some("zh-Hant"));
    // changing the attribute moves the view; interaction never rewrites it
    f.host.set_attribute("start", "2015").unwrap();
    f.widget.attribute_changed("start");
    let w = f.widget.get_window();
    assert_eq!(get(&w, "start").as_f64(), Some(1_420_070_400_000.0));
    f.widget.zoom(2.0, JsValue::UNDEFINED, false).unwrap();
    assert_eq!(f.host.get_attribute("start").as_deref(), Some("2015"));
}

#[wasm_bindgen_test]
async fn destroy_removes_the_listeners() {
    let f = fixture(SIP_EN, &[]).await;
    let before = f.widget.get_window();
    let frame = f.shadow(".frame").unwrap();
    f.widget.destroy();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("+");
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    frame.dispatch_event(&ev).unwrap();
    frames(2).await;
    let after = f.widget.get_window();
    assert_eq!(
        get(&before, "start").as_f64(),
        get(&after, "start").as_f64()
    );
}

#[wasm_bindgen_test]
async fn keys_zoom_and_pan() {
    let f = fixture(SIP_EN, &[]).await;
    let frame = f.shadow(".frame").unwrap();
    let span = |w: &JsValue| get(w, "end").as_f64().unwrap() - get(w, "start").as_f64().unwrap();
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_cancelable(true);
        let ev =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        frame.dispatch_event(&ev).unwrap();
    };
    let w0 = f.widget.get_window();
    key("+");
    // Key presses animate (ease-out, under 300 ms): the first frame has not
    // moved yet, the end state is exact.
    assert_eq!(
        get(&f.widget.get_window(), "start").as_f64(),
        get(&w0, "start").as_f64()
    );
    settle().await;
    let w1 = f.widget.get_window();
    assert!((span(&w0) / span(&w1) - 1.5).abs() < 1e-9, "+ zooms in");
    // Pressed twice quickly, the second press builds on the first.
    key("+");
    frames(2).await;
    key("+");
    settle().await;
    let w2 = f.widget.get_window();
    assert!(
        (span(&w1) / span(&w2) - 2.25).abs() < 1e-9,
        "held keys accumulate"
    );
    key("ArrowRight");
    settle().await;
    let w3 = f.widget.get_window();
    assert!(
        get(&w3, "start").as_f64() > get(&w2, "start").as_f64(),
        "→ shows later times"
    );
    key("0");
    settle().await;
    let w4 = f.widget.get_window();
    assert_eq!(
        get(&w4, "start").as_f64(),
        get(&w0, "start").as_f64(),
        "0 fits all"
    );
}

/// Waits until transitions are over (they last under 300 ms).
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 400)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
    frames(2).await;
}

fn wheel(target: &HtmlElement, dy: f64, ctrl: bool) -> bool {
    let init = js_sys::Object::new();
    for (k, v) in [
        ("deltaY", JsValue::from_f64(dy)),
        ("ctrlKey", JsValue::from_bool(ctrl)),
        ("cancelable", JsValue::TRUE),
        ("bubbles", JsValue::TRUE),
        ("clientX", JsValue::from_f64(400.0)),
        ("clientY", JsValue::from_f64(100.0)),
    ] {
        js_sys::Reflect::set(&init, &JsValue::from_str(k), &v).unwrap();
    }
    let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"WheelEvent".into())
        .unwrap()
        .unchecked_into();
    let args = js_sys::Array::of2(&"wheel".into(), &init);
    let ev: web_sys::Event = js_sys::Reflect::construct(&ctor, &args)
        .unwrap()
        .unchecked_into();
    target.dispatch_event(&ev).unwrap();
    ev.default_prevented()
}

fn key(target: &HtmlElement, k: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(k);
    init.set_cancelable(true);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

const TWO: &str = r#"{"events": [
  {"id": "a", "start": "2001-05", "title": "A"},
  {"id": "b", "start": "2003", "title": "B"},
  {"id": "c", "start": "2010", "title": "C"}
]}"#;

/// Closing the card with its button gives focus back to the timeline, where
/// a plain wheel zooms.
#[wasm_bindgen_test]
async fn closing_the_card_keeps_the_wheel_zooming() {
    let f = fixture(TWO, &[]).await;
    let frame = f.shadow(".frame").unwrap();
    frame.focus().unwrap(); // as a click on the timeline does
    f.widget.select(Some("a".into())).unwrap();
    frames(1).await;
    let close = f.shadow(".card .close").unwrap();
    close.focus().unwrap(); // mousedown on the button focuses it (Chrome, Firefox)
    close.click();
    frames(1).await;
    assert!(f.shadow(".card").unwrap().hidden(), "card closed");
    let active = f.root.active_element();
    assert!(
        active.as_ref() == Some(frame.unchecked_ref()),
        "frame has DOM focus again"
    );
    let before = get(&f.widget.get_window(), "start").as_f64();
    let prevented = wheel(&frame, -200.0, false);
    let after = get(&f.widget.get_window(), "start").as_f64();
    assert!(
        prevented && before != after,
        "a plain wheel over the focused frame should zoom (prevented {prevented})"
    );
}

/// Escape inside the card closes it; focus stays in the widget.
#[wasm_bindgen_test]
async fn escape_in_the_card_keeps_focus_in_the_widget() {
    let f = fixture(TWO, &[]).await;
    f.widget.select(Some("a".into())).unwrap();
    frames(1).await;
    let close = f.shadow(".card .close").unwrap();
    close.focus().unwrap(); // Tab into the card
    key(&close, "Escape");
    assert!(f.shadow(".card").unwrap().hidden(), "card closed");
    assert!(
        f.root.active_element().is_some(),
        "focus should stay inside the widget, is on {:?}",
        doc().active_element().map(|e| e.tag_name())
    );
}

/// eventRect right after setWindow reports where the event is now.
#[wasm_bindgen_test]
async fn event_rect_is_current_right_after_set_window() {
    let f = fixture(TWO, &[]).await;
    let r0 = f.widget.event_rect("b").unwrap();
    let x0 = get(&r0, "x").as_f64().unwrap();
    let w = f.widget.get_window();
    let (s, e) = (
        get(&w, "start").as_f64().unwrap(),
        get(&w, "end").as_f64().unwrap(),
    );
    let d = -(e - s) * 0.1;
    f.widget
        .set_window(JsValue::from_f64(s + d), JsValue::from_f64(e + d), false)
        .unwrap();
    let x_now = f.widget.time_to_x("2003".into()).unwrap();
    let r1 = f.widget.event_rect("b").unwrap();
    let x1 = get(&r1, "x").as_f64().unwrap();
    frames(1).await;
    let x2 = get(&f.widget.event_rect("b").unwrap(), "x")
        .as_f64()
        .unwrap();
    assert!(
        (x1 - x2).abs() < 1.0,
        "eventRect before the frame {x1} (was {x0}), after {x2}; timeToX already says {x_now}"
    );
}

/// A reload drops the selection and tells the page.
#[wasm_bindgen_test]
async fn a_reload_clears_the_selection_with_a_select_event() {
    let f = fixture(TWO, &[]).await;
    f.widget.select(Some("a".into())).unwrap();
    assert_eq!(
        get(f.events("select").last().unwrap(), "id")
            .as_string()
            .as_deref(),
        Some("a")
    );
    f.widget.attribute_changed("src"); // e.g. src removed: falls back to the inline data, a new load
    frames(1).await;
    assert_eq!(f.widget.selected().unwrap(), None);
    assert!(
        get(f.events("select").last().unwrap(), "id").is_null(),
        "the page was never told the selection went away"
    );
}

/// The hint's timer is cancelled: nothing fires into a destroyed widget.
#[wasm_bindgen_test]
async fn no_timer_fires_after_destroy() {
    let errors = Rc::new(RefCell::new(Vec::<String>::new()));
    let e2 = errors.clone();
    let on_err = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let msg = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        e2.borrow_mut().push(msg);
        e.prevent_default();
    });
    let win = web_sys::window().unwrap();
    win.add_event_listener_with_callback("error", on_err.as_ref().unchecked_ref())
        .unwrap();
    {
        let f = fixture(TWO, &[]).await;
        let frame = f.shadow(".frame").unwrap();
        wheel(&frame, 100.0, false); // not focused: shows the hint, arms a 1.6 s timer
        frame.focus().unwrap(); // focus hides the hint (and must cancel its timer)
        f.widget.destroy();
    }
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 2000)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
    win.remove_event_listener_with_callback("error", on_err.as_ref().unchecked_ref())
        .unwrap();
    assert!(
        errors.borrow().is_empty(),
        "uncaught errors after destroy: {:?}",
        errors.borrow()
    );
}

/// The shared locale cases (what Chromium's Intl writes), so the `Intl`
/// provider's option mapping is checked for every language and style.
mod locale_cases {
    use chronoscope::core::i18n::lang::Lang;
    use chronoscope::core::i18n::locale::{
        format_clock, format_date, format_value, CivilDate, ClockStyle, ClockTime, DateStyle,
        NumberStyle, Provider,
    };
    use chronoscope::web::intl::IntlProvider;
    use wasm_bindgen_test::*;

    include!("common/locale_cases.rs");

    #[wasm_bindgen_test]
    fn intl_provider_writes_what_intl_writes() {
        // Asked directly, so a declined value (None) cannot hide behind the
        // built-in tables, which write the same strings.
        let p = IntlProvider::default();
        let t = ClockTime {
            hour: 14,
            minute: 30,
            second: 5,
            millis: 250,
        };
        let mut bad = Vec::new();
        for &(lang, date, style, want) in DATE_CASES {
            let got = p.date(lang, date, style);
            if got.as_deref() != Some(want) {
                bad.push(format!("{lang:?} {date:?} {style:?}: {got:?} != {want:?}"));
            }
        }
        for &(lang, style, want) in CLOCK_CASES {
            let got = p.clock(lang, t, style);
            if got.as_deref() != Some(want) {
                bad.push(format!("{lang:?} {style:?}: {got:?} != {want:?}"));
            }
        }
        for &(lang, v, style, want) in NUMBER_CASES {
            let got = p.number(lang, v, style);
            if got.as_deref() != Some(want) {
                bad.push(format!("{lang:?} {v} {style:?}: {got:?} != {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
        // Through the seam too, once installed.
        chronoscope::web::intl::install();
        assert_eq!(
            format_date(
                Lang::Ja,
                CivilDate {
                    year: -499,
                    month: 3,
                    day: 1
                },
                DateStyle::DayLong
            ),
            "紀元前500年3月1日"
        );
        assert_eq!(format_clock(Lang::Ko, t, ClockStyle::Minute), "14:30");
        assert_eq!(
            format_value(Lang::Ar, 66e6, NumberStyle::compact(4)),
            "66 مليون"
        );
    }

    #[wasm_bindgen_test]
    fn intl_provider_declines_what_date_cannot_hold() {
        chronoscope::web::intl::install();
        // 300,000 BCE is beyond Date's ±271,821 years: the built-in writes it.
        let date = CivilDate {
            year: -299_999,
            month: 1,
            day: 1,
        };
        assert_eq!(
            IntlProvider::default().date(Lang::En, date, DateStyle::Year),
            None
        );
        assert_eq!(
            format_date(Lang::ZhHant, date, DateStyle::Year),
            "西元前300000年"
        );
        assert_eq!(format_date(Lang::En, date, DateStyle::Year), "300000 BC");
    }
}
