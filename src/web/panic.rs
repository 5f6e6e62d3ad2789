//! The panic hook: a Rust panic (a bug) is logged and shown in every widget
//! on the page instead of leaving blank boxes. Each widget registers its
//! message box; the hook only touches those, never the widgets' state
//! (which may be mid-update when the panic happens).

use crate::core::error::ErrorCode;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

thread_local! {
    static BOXES: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
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
                    report_later(m, &text);
                }
            }
        });
    }));
}
