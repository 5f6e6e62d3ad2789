//! The panic hook: a Rust panic (a bug) is logged and shown in every widget
//! on the page instead of leaving blank boxes. Each widget registers its
//! message box; the hook only touches those, never the widgets' state
//! (which may be mid-update when the panic happens).

use crate::core::error::ErrorCode;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
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
                }
            }
        });
    }));
}
