//! Fetching a dataset: every failure becomes a [`ChronoError`] with a clear
//! message (network, HTTP status, encoding).

use crate::core::error::{ChronoError, ErrorCode};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// The message of a JS exception (an `Error`'s `message`, or its string form).
pub fn js_message(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| "unknown error".to_string())
}

/// GETs `url` (relative to the page) and decodes it as UTF-8. Also gives
/// the address the text came from (after redirects; empty if the browser
/// does not say), which relative addresses in it resolve against.
pub async fn fetch_text(win: &web_sys::Window, url: &str) -> Result<(String, String), ChronoError> {
    let fatal = |code, msg: String| ChronoError::new(code, msg, true);
    let resp = JsFuture::from(win.fetch_with_str(url)).await.map_err(|e| {
        fatal(
            ErrorCode::FetchFailed,
            format!(
                "could not load {url}: {} (network error or blocked by CORS)",
                js_message(&e)
            ),
        )
    })?;
    let resp: Response = resp
        .dyn_into()
        .map_err(|_| fatal(ErrorCode::FetchFailed, format!("could not load {url}")))?;
    if !resp.ok() {
        let status = resp.status();
        let text = resp.status_text();
        let reason = if text.is_empty() {
            String::new()
        } else {
            format!(" {text}")
        };
        return Err(fatal(
            ErrorCode::HttpStatus,
            format!("{url} could not be loaded: the server answered {status}{reason}"),
        ));
    }
    let body = resp
        .array_buffer()
        .map_err(|e| fatal(ErrorCode::FetchFailed, js_message(&e)))?;
    let buf = JsFuture::from(body).await.map_err(|e| {
        fatal(
            ErrorCode::FetchFailed,
            format!("the download of {url} broke off: {}", js_message(&e)),
        )
    })?;
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    let text = String::from_utf8(bytes).map_err(|e| {
        fatal(
            ErrorCode::BadEncoding,
            format!(
                "{url} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok((text, resp.url()))
}
