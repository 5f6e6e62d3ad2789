//! Fetching a dataset: every failure becomes a [`ChronoError`] with a clear
//! message (network, HTTP status, timeout, size, encoding). A load can be
//! aborted (a newer load, the element removed) through its
//! `AbortController`; the body is read a chunk at a time and given up as
//! soon as it passes [`MAX_DATA_BYTES`], so a huge file never reaches
//! memory whole.

use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::formats::limits::{self, MAX_DATA_BYTES};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestInit, Response};

/// How long a dataset may take to arrive, whole, unless the element's
/// `load-timeout` attribute says otherwise (docs/api.md).
pub const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;

/// The message of a JS exception (an `Error`'s `message`, or its string form).
pub fn js_message(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| "unknown error".to_string())
}

fn fatal(code: ErrorCode, msg: String) -> ChronoError {
    ChronoError::new(code, msg, true)
}

/// "30 s", "0.5 s".
fn seconds(ms: f64) -> String {
    let s = ms / 1000.0;
    if s >= 10.0 || s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

/// GETs `url` (relative to the page) as bytes (`core::formats::load` reads
/// them, as it reads `setData`'s and the command line's), giving up
/// after `timeout_ms`, or when `abort` is aborted (the error is then
/// `fetch_failed`, and the caller, which aborted it, ignores it). Also
/// gives the address the data came from (after redirects; empty if the
/// browser does not say), which relative addresses in it resolve against.
pub async fn fetch_bytes(
    win: &web_sys::Window,
    url: &str,
    timeout_ms: f64,
    abort: &AbortController,
) -> Result<(Vec<u8>, String), ChronoError> {
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (abort, timed_out) = (abort.clone(), timed_out.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            abort.abort();
        })
    };
    let timer = win
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            timeout_ms.clamp(1.0, i32::MAX as f64) as i32,
        )
        .ok();
    let result = fetch_inner(win, url, abort).await;
    if let Some(t) = timer {
        win.clear_timeout_with_handle(t);
    }
    drop(on_timeout);
    result.map_err(|e| {
        if timed_out.get() {
            fatal(
                ErrorCode::Timeout,
                format!(
                    "{url} did not arrive within {} (the server is slow or does not answer)",
                    seconds(timeout_ms)
                ),
            )
        } else {
            e
        }
    })
}

async fn fetch_inner(
    win: &web_sys::Window,
    url: &str,
    abort: &AbortController,
) -> Result<(Vec<u8>, String), ChronoError> {
    let init = RequestInit::new();
    init.set_signal(Some(&abort.signal()));
    let resp = JsFuture::from(win.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| {
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
        abort.abort(); // the error page's body is not wanted
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
    // What the server says it will send, checked before the download.
    let declared = resp
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|n| n.is_finite() && *n >= 0.0);
    if let Some(n) = declared {
        if n > MAX_DATA_BYTES as f64 {
            abort.abort();
            return Err(limits::too_many_bytes(url, n));
        }
    }
    let broke = |e: JsValue| {
        fatal(
            ErrorCode::FetchFailed,
            format!("the download of {url} broke off: {}", js_message(&e)),
        )
    };
    let bytes = match resp.body() {
        Some(body) => {
            let reader: ReadableStreamDefaultReader = body
                .get_reader()
                .dyn_into()
                .map_err(|_| fatal(ErrorCode::FetchFailed, format!("could not read {url}")))?;
            // The parts stay in JavaScript until the body is complete, then
            // are copied once into a buffer of the exact size: the
            // WebAssembly memory (which never shrinks) grows by the data's
            // size only, not by a growing buffer's doublings — and not at
            // all for a body given up past the limit.
            let parts = js_sys::Array::new();
            let mut total = 0usize;
            loop {
                let chunk = JsFuture::from(reader.read()).await.map_err(broke)?;
                let done = js_sys::Reflect::get(&chunk, &"done".into())
                    .ok()
                    .is_some_and(|d| d.is_truthy());
                if done {
                    break;
                }
                let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) else {
                    break;
                };
                let Some(part) = value.dyn_ref::<js_sys::Uint8Array>() else {
                    continue;
                };
                let n = part.length() as usize;
                if total + n > MAX_DATA_BYTES {
                    abort.abort();
                    return Err(limits::too_many_bytes_arriving(url));
                }
                total += n;
                parts.push(part);
            }
            let mut buf = vec![0u8; total];
            let mut at = 0;
            for part in parts.iter() {
                if let Some(part) = part.dyn_ref::<js_sys::Uint8Array>() {
                    let n = part.length() as usize;
                    // copy_to needs the exact length; a part cannot change
                    // size, but never risk a trap on it.
                    let Some(dst) = buf.get_mut(at..at + n) else {
                        break;
                    };
                    part.copy_to(dst);
                    at += n;
                }
            }
            buf
        }
        None => {
            let body = resp.array_buffer().map_err(broke)?;
            let buf = JsFuture::from(body).await.map_err(broke)?;
            let arr = js_sys::Uint8Array::new(&buf);
            limits::check_bytes(url, arr.length() as usize)?;
            arr.to_vec()
        }
    };
    Ok((bytes, resp.url()))
}
