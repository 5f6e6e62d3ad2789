//! A small static file server for the demo and the end-to-end tests.
//!
//! Listens on 127.0.0.1 only, one thread per connection, HTTP/1.1 `GET` and
//! `HEAD`, `Connection: close` after every response, `Cache-Control: no-store`
//! so a rebuilt `dist/` is always what the browser gets. A request path is
//! looked up in each root directory in turn; the first hit wins.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Largest request head (request line plus headers) accepted.
const MAX_HEAD: usize = 16 * 1024;

/// What the server prints to stderr per request.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Logging {
    /// Every request (for `cargo xtask serve`).
    All,
    /// Only responses that are not 2xx/3xx, but for /favicon.ico (for the
    /// test run).
    Failures,
}

/// A running server; stops when dropped or on [`Server::stop`].
pub struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 for an ephemeral port) and serves `roots`,
    /// in that order, from a background thread. Missing roots are skipped.
    pub fn start(roots: Vec<PathBuf>, port: u16, logging: Logging) -> io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let roots = Arc::new(roots);
        let flag = Arc::clone(&stopping);
        let thread = thread::Builder::new()
            .name(format!("serve-{}", addr.port()))
            .spawn(move || accept_loop(listener, roots, flag, logging))?;
        Ok(Server {
            addr,
            stopping,
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr())
    }

    /// Blocks for as long as the server runs (until the process is killed).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Stops accepting connections and waits for the accept loop to end.
    /// Connections already being answered finish on their own threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.stopping.store(true, Ordering::SeqCst);
            // Wake the blocking accept() so it sees the flag.
            let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(
    listener: TcpListener,
    roots: Arc<Vec<PathBuf>>,
    stopping: Arc<AtomicBool>,
    logging: Logging,
) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let roots = Arc::clone(&roots);
        let spawned = thread::Builder::new()
            .name("serve-conn".into())
            .spawn(move || {
                let _ = handle_connection(stream, &roots, logging);
            });
        if let Err(e) = spawned {
            eprintln!("serve: could not spawn a connection thread: {e}");
        }
    }
}

fn handle_connection(mut stream: TcpStream, roots: &[PathBuf], logging: Logging) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let head = match read_head(&mut stream)? {
        Some(head) => head,
        None => return Ok(()), // closed before a full request head arrived
    };
    let request = parse_request(&head);
    // "METHOD TARGET" for the log, as sent (at most 200 characters).
    let line = String::from_utf8_lossy(&head);
    let line = line.lines().next().unwrap_or("");
    let shown: String = line
        .rsplit_once(' ')
        .map_or(line, |(request, _version)| request)
        .chars()
        .take(200)
        .collect();
    let response = match &request {
        Ok(req) => respond(req, roots),
        Err(status) => Response::error(*status),
    };
    let status = response.status;
    let length = response.length;
    let head_only = matches!(&request, Ok(req) if req.method == "HEAD");
    let result = response.write(&mut stream, head_only);
    // Browsers ask for /favicon.ico on their own; its 404 is no test failure.
    let quiet = (200..400).contains(&status) || shown == "GET /favicon.ico";
    if logging == Logging::All || !quiet {
        eprintln!("serve: {shown} -> {status} ({length} B)");
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    result
}

/// Reads until the blank line ending the head. `None` if the peer closed early.
fn read_head(stream: &mut TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if let Some(end) = find_head_end(&buf) {
            buf.truncate(end);
            return Ok(Some(buf));
        }
        if buf.len() > MAX_HEAD {
            // Answer with what there is: the parser rejects it as too large.
            return Ok(Some(buf));
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = buf.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[derive(Debug)]
struct Request {
    method: String,
    /// Decoded, normalised path segments (no `.`, `..` or empty ones).
    segments: Vec<String>,
    /// The decoded path ended in `/` (or was `/`).
    trailing_slash: bool,
}

fn parse_request(head: &[u8]) -> Result<Request, u16> {
    if head.len() > MAX_HEAD {
        return Err(431);
    }
    let head = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let line = head.lines().next().unwrap_or("");
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(505);
    }
    let (segments, trailing_slash) = parse_target(target)?;
    if method != "GET" && method != "HEAD" {
        return Err(405);
    }
    Ok(Request {
        method: method.to_string(),
        segments,
        trailing_slash,
    })
}

/// Splits a request target into decoded path segments. The query string and
/// fragment are ignored; `..` is refused (403); bad encodings are 400.
fn parse_target(target: &str) -> Result<(Vec<String>, bool), u16> {
    let mut path = target;
    // absolute-form: http://host:port/path
    for scheme in ["http://", "https://"] {
        if let Some(rest) = path.strip_prefix(scheme) {
            path = rest.find('/').map_or("/", |i| &rest[i..]);
        }
    }
    let path = path.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(400);
    }
    let decoded = percent_decode(path).ok_or(400u16)?;
    let decoded = String::from_utf8(decoded).map_err(|_| 400u16)?;
    if decoded.contains('\0') {
        return Err(400);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(403),
            s => segments.push(s.to_string()),
        }
    }
    let trailing_slash = decoded.ends_with('/');
    Ok((segments, trailing_slash))
}

/// `%XX` decoding of a URL path (`+` is left alone: it is literal in paths).
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Percent-encodes one path segment for a `Location` header.
fn percent_encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    File(PathBuf),
    /// A directory with an index.html, asked for without the trailing slash.
    Redirect(String),
    NotFound,
}

fn resolve(roots: &[PathBuf], segments: &[String], trailing_slash: bool) -> Lookup {
    for root in roots {
        let mut path = root.clone();
        path.extend(segments);
        let Ok(meta) = path.metadata() else { continue };
        if meta.is_file() {
            return Lookup::File(path);
        }
        if meta.is_dir() {
            let index = path.join("index.html");
            if index.is_file() {
                if trailing_slash || segments.is_empty() {
                    return Lookup::File(index);
                }
                let mut location = String::new();
                for segment in segments {
                    location.push('/');
                    location.push_str(&percent_encode_segment(segment));
                }
                location.push('/');
                return Lookup::Redirect(location);
            }
        }
    }
    Lookup::NotFound
}

/// The `Content-Type` for a file name.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
    length: u64,
}

enum Body {
    Bytes(Vec<u8>),
    File(File),
}

impl Response {
    fn error(status: u16) -> Response {
        let text = format!("{status} {}\n", reason(status));
        let mut response = Response::bytes(status, "text/plain; charset=utf-8", text.into_bytes());
        if status == 405 {
            response.headers.push(("Allow", "GET, HEAD".into()));
        }
        response
    }

    fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            length: body.len() as u64,
            body: Body::Bytes(body),
        }
    }

    fn write(self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        let mut out = BufWriter::new(stream);
        write!(out, "HTTP/1.1 {} {}\r\n", self.status, reason(self.status))?;
        for (name, value) in &self.headers {
            write!(out, "{name}: {value}\r\n")?;
        }
        write!(
            out,
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.length
        )?;
        if !head_only {
            match self.body {
                Body::Bytes(bytes) => out.write_all(&bytes)?,
                Body::File(mut file) => {
                    io::copy(&mut file, &mut out)?;
                }
            }
        }
        out.flush()
    }
}

fn respond(req: &Request, roots: &[PathBuf]) -> Response {
    match resolve(roots, &req.segments, req.trailing_slash) {
        Lookup::File(path) => match File::open(&path).and_then(|f| Ok((f.metadata()?.len(), f))) {
            Ok((length, file)) => Response {
                status: 200,
                headers: vec![("Content-Type", content_type(&path).to_string())],
                body: Body::File(file),
                length,
            },
            Err(_) => Response::error(403),
        },
        Lookup::Redirect(location) => {
            let mut response = Response::error(301);
            response.headers.push(("Location", location));
            response
        }
        Lookup::NotFound => Response::error(404),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn segs(path: &str) -> Result<(Vec<String>, bool), u16> {
        parse_target(path)
    }

    #[test]
    fn targets_are_decoded_and_normalised() {
        assert_eq!(segs("/"), Ok((vec![], true)));
        assert_eq!(
            segs("/en.html?x=1#top"),
            Ok((vec!["en.html".into()], false))
        );
        assert_eq!(
            segs("/data/sip.zh-Hant.json"),
            Ok((vec!["data".into(), "sip.zh-Hant.json".into()], false))
        );
        assert_eq!(
            segs("/a%20b/%E4%B8%AD.json"),
            Ok((vec!["a b".into(), "中.json".into()], false))
        );
        assert_eq!(segs("/./a//b/"), Ok((vec!["a".into(), "b".into()], true)));
        assert_eq!(
            segs("http://127.0.0.1:8000/x"),
            Ok((vec!["x".into()], false))
        );
        assert_eq!(segs("/a+b"), Ok((vec!["a+b".into()], false)));
    }

    #[test]
    fn traversal_and_bad_encodings_are_refused() {
        assert_eq!(segs("/../etc/passwd"), Err(403));
        assert_eq!(segs("/a/%2e%2e/%2e%2e/etc/passwd"), Err(403));
        assert_eq!(segs("/a/%2E%2E"), Err(403));
        assert_eq!(segs("/%zz"), Err(400));
        assert_eq!(segs("/%4"), Err(400));
        assert_eq!(segs("/%ff"), Err(400)); // not UTF-8
        assert_eq!(segs("/a%00b"), Err(400));
        assert_eq!(segs("relative"), Err(400));
    }

    #[test]
    fn request_lines() {
        let req = parse_request(b"GET /x.js HTTP/1.1\r\nHost: a").unwrap();
        assert_eq!(req.method, "GET");
        assert_eq!(req.segments, vec!["x.js".to_string()]);
        assert_eq!(parse_request(b"POST / HTTP/1.1").unwrap_err(), 405);
        assert_eq!(parse_request(b"GET / HTTP/2.0").unwrap_err(), 505);
        assert_eq!(parse_request(b"GET /").unwrap_err(), 400);
        assert_eq!(parse_request(b"").unwrap_err(), 400);
    }

    #[test]
    fn content_types() {
        let ct = |p: &str| content_type(Path::new(p));
        assert_eq!(ct("index.html"), "text/html; charset=utf-8");
        assert_eq!(ct("a/chronoscope.js"), "text/javascript; charset=utf-8");
        assert_eq!(ct("a.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(ct("x_bg.wasm"), "application/wasm");
        assert_eq!(ct("sip.zh-Hant.json"), "application/json");
        assert_eq!(ct("a.css"), "text/css; charset=utf-8");
        assert_eq!(ct("a.SVG"), "image/svg+xml");
        assert_eq!(ct("a.png"), "image/png");
        assert_eq!(ct("a.jpeg"), "image/jpeg");
        assert_eq!(ct("favicon.ico"), "image/x-icon");
        assert_eq!(ct("a.txt"), "text/plain; charset=utf-8");
        assert_eq!(ct("a.js.map"), "application/json");
        assert_eq!(ct("LICENSE"), "application/octet-stream");
    }

    /// A scratch directory under the target dir, removed on drop.
    struct Scratch(PathBuf);
    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = crate::util::target_dir()
                .join("xtask-test")
                .join(format!("{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
        fn write(&self, rel: &str, body: &str) {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, body).unwrap();
        }
    }
    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// One raw HTTP exchange; returns (status, head, body).
    fn fetch(addr: SocketAddr, request: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(raw[..end].to_vec()).unwrap();
        let body = raw[end + 4..].to_vec();
        let status = head[9..12].parse().unwrap();
        (status, head, body)
    }

    fn get(addr: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
        fetch(addr, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"))
    }

    #[test]
    fn serves_files_from_roots_in_order() {
        let www = Scratch::new("www");
        let dist = Scratch::new("dist");
        www.write("index.html", "<p>www</p>");
        www.write("data/sip.zh-Hant.json", "{\"a\":1}");
        www.write("docs/index.html", "docs");
        www.write("shadowed.js", "www wins");
        dist.write("shadowed.js", "dist loses");
        dist.write("chronoscope.js", "export {}");
        dist.write("chronoscope_wasm_bg.wasm", "\0asm");
        let missing = PathBuf::from("/nonexistent/xtask-root");
        let server = Server::start(
            vec![www.0.clone(), missing, dist.0.clone()],
            0,
            Logging::Failures,
        )
        .unwrap();
        let addr = server.addr();
        assert!(addr.ip().is_loopback());

        let (status, head, body) = get(addr, "/");
        assert_eq!(status, 200);
        assert!(head.contains("Content-Type: text/html; charset=utf-8"));
        assert!(head.contains("Cache-Control: no-store"));
        assert!(head.contains("Connection: close"));
        assert!(head.contains("Content-Length: 10"));
        assert_eq!(body, b"<p>www</p>");

        let (status, head, body) = get(addr, "/data/sip.zh-Hant.json?v=2");
        assert_eq!((status, body.as_slice()), (200, &b"{\"a\":1}"[..]));
        assert!(head.contains("Content-Type: application/json"));

        let (status, head, _) = get(addr, "/chronoscope_wasm_bg.wasm");
        assert_eq!(status, 200);
        assert!(head.contains("Content-Type: application/wasm"));

        let (_, _, body) = get(addr, "/shadowed.js");
        assert_eq!(body, b"www wins");
        let (status, _, body) = get(addr, "/%63hronoscope.js");
        assert_eq!((status, body.as_slice()), (200, &b"export {}"[..]));

        let (status, head, _) = get(addr, "/docs");
        assert_eq!(status, 301);
        assert!(head.contains("Location: /docs/"));
        let (status, _, body) = get(addr, "/docs/");
        assert_eq!((status, body.as_slice()), (200, &b"docs"[..]));

        let (status, head, body) = get(addr, "/nope.html");
        assert_eq!(status, 404);
        assert!(head.contains("Content-Type: text/plain"));
        assert_eq!(body, b"404 Not Found\n");

        let (status, _, _) = get(addr, "/../Cargo.toml");
        assert_eq!(status, 403);
        let (status, _, _) = get(addr, "/data/%2e%2e/%2e%2e/Cargo.toml");
        assert_eq!(status, 403);

        let (status, head, body) = fetch(addr, "HEAD /index.html HTTP/1.1\r\n\r\n");
        assert_eq!(status, 200);
        assert!(head.contains("Content-Length: 10"));
        assert!(body.is_empty());

        let (status, head, _) = fetch(addr, "DELETE / HTTP/1.1\r\n\r\n");
        assert_eq!(status, 405);
        assert!(head.contains("Allow: GET, HEAD"));

        server.stop();
        assert!(TcpStream::connect(addr).is_err(), "listener closed on stop");
    }
}
