//! The URL rules data must pass before an address reaches a page.

/// Whether a URL may be used as a link (`mailto` allowed) or a resource.
pub fn is_safe_url(url: &str, allow_mailto: bool) -> bool {
    let url = url.trim();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let has = |scheme: &str| lower.starts_with(scheme) && url.len() > scheme.len();
    has("https://") || has("http://") || (allow_mailto && has("mailto:"))
}

/// Whether a URL is a relative reference (`img/a.jpg`, `/static/a.png`,
/// `../a.png`, `?page=2`, `//host/a.png`): no scheme (no `:` before the
/// first `/`, `?` or `#`, nor `%3A` or `&` that could stand for one), no
/// white space or control characters anywhere. The web
/// layer resolves it against the dataset's own address and keeps the result
/// only when it is http(s), so `//host/…` (which takes the dataset's
/// scheme) is as safe as an absolute http(s) address; natively it is kept
/// as written.
pub fn is_relative_url(url: &str) -> bool {
    let url = url.trim();
    let b = url.as_bytes();
    let head = b
        .iter()
        .position(|c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(b.len());
    // A colon, or `%3A` or `&` that could stand for one, before the path.
    let scheme_like = b[..head].iter().enumerate().any(|(i, &c)| {
        c == b':'
            || c == b'&'
            || (c == b'%'
                && b.get(i + 1..i + 3)
                    .is_some_and(|h| h.eq_ignore_ascii_case(b"3a")))
    });
    !url.is_empty() && !scheme_like && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// [`is_safe_url`], or a relative reference ([`is_relative_url`]): what
/// `link`, `media.url` and `source.url` take.
pub fn is_safe_ref(url: &str, allow_mailto: bool) -> bool {
    is_safe_url(url, allow_mailto) || is_relative_url(url)
}
