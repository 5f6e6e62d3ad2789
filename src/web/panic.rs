//! The panic hook: a Rust panic (a bug) is logged and shown in the widget
//! instead of leaving a blank box. The widget registers its message box;
//! the hook only touches that, never the widget's state (which may be
//! mid-update when the panic happens).
//!
//! With `panic = "abort"` a panic traps, leaving whatever the instance was
//! doing half done (a state borrowed, the stack pointer not restored), so
//! after a panic the instance is dead. The loader gives every
//! `<chrono-scope>` its own instance (`glue()`, see `xtask/src/build.rs`),
//! so "the instance" is one widget: it shows the message (and its fallback
//! content, where it has some, in place of the chart), gets an `internal`
//! `error` event, and its API calls throw `internal`; the other widgets of
//! the page, in their own instances, keep working, and new ones start.

use crate::core::data::error::ErrorCode;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

thread_local! {
    static BOXES: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
    static DEAD: Cell<bool> = const { Cell::new(false) };
}

/// True once a panic happened: the module must not be used any more.
pub fn dead() -> bool {
    DEAD.with(|d| d.get())
}

/// Shows the element's fallback content (if it has some) instead of the
/// chart, which may be half drawn.
fn show_fallback(message: &HtmlElement) {
    let Some(root) = message
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
    else {
        return;
    };
    let kids = root.host().children();
    let has_content = (0..kids.length())
        .filter_map(|i| kids.item(i))
        .any(|k| k.local_name() != "script");
    if let Some(f) = root
        .query_selector(".fallback")
        .ok()
        .flatten()
        .and_then(|f| f.dyn_into::<HtmlElement>().ok())
    {
        if has_content {
            f.set_hidden(false);
            if let Some(frame) = message.parent_element() {
                let _ = frame.class_list().add_1("stopped");
            }
        }
    }
}

pub fn register(message: &HtmlElement) {
    BOXES.with(|b| {
        if let Ok(mut b) = b.try_borrow_mut() {
            b.push(message.clone());
        }
    });
}

pub fn unregister(message: &HtmlElement) {
    BOXES.with(|b| {
        if let Ok(mut b) = b.try_borrow_mut() {
            b.retain(|m| m != message);
        }
    });
}

/// Dispatches an `error` event (code `internal`) on the widget's element
/// from a timer: pure JavaScript, so page handlers never run inside the
/// panicking module.
fn report_later(message: &HtmlElement, text: &str) {
    let Some(host) = message
        .get_root_node()
        .dyn_ref::<web_sys::ShadowRoot>()
        .map(|r| r.host())
    else {
        return;
    };
    // Set by hand, not through `js::js_error`: this runs inside the panic
    // hook, and serde-wasm-bindgen keeps a key cache in a `RefCell` that a
    // panic in the middle of a serialisation would leave borrowed.
    let detail = js_sys::Error::new(text);
    let _ = js_sys::Reflect::set(
        &detail,
        &"code".into(),
        &ErrorCode::Internal.as_str().into(),
    );
    let _ = js_sys::Reflect::set(&detail, &"fatal".into(), &JsValue::TRUE);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(false);
    init.set_detail(&detail);
    let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("error", &init) else {
        return;
    };
    let dispatch = js_sys::Reflect::get(&host, &"dispatchEvent".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let (Some(dispatch), Some(win)) = (dispatch, web_sys::window()) {
        let bound: js_sys::Function = JsValue::from(dispatch.bind1(&host, &event)).unchecked_into();
        let _ = win.set_timeout_with_callback(&bound);
    }
}

/// Installs the hook (once per page).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        DEAD.with(|d| d.set(true));
        let text = format!("internal error: {info}");
        web_sys::console::error_1(&JsValue::from_str(&format!("chronoscope: {text}")));
        BOXES.with(|b| {
            if let Ok(b) = b.try_borrow() {
                for m in b.iter() {
                    m.set_class_name("message error");
                    let _ = m.set_attribute("role", "alert");
                    m.set_text_content(Some(&format!(
                        "The timeline stopped because of an internal error ({}). Please reload the page.",
                        ErrorCode::Internal.as_str()
                    )));
                    m.set_hidden(false);
                    show_fallback(m);
                    report_later(m, &text);
                }
            }
        });
    }));
}
