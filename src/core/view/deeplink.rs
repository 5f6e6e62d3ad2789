//! Deep links: what a widget with the `deep-link` attribute keeps in the page
//! URL's hash. Each widget owns one `key=value` pair of the hash, keyed by its
//! element id, so several widgets on a page (and the page's own anchors) do
//! not collide:
//!
//! `#sip=757382400000~1667692800000~services-trade-forum-5&other=…`
//!
//! The value is the window's start and end (ms since 1970, whole numbers)
//! and, optionally, the selected event's id. Keys and ids are
//! percent-encoded. A hash that is a plain anchor (`#section-2`) is kept.

use crate::core::data::time::Ms;

/// What a deep link says about one widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub start: Ms,
    pub end: Ms,
    pub event: Option<String>,
}

impl Link {
    /// The pair's value.
    pub fn encode(&self) -> String {
        let mut out = format!("{}~{}", self.start.round(), self.end.round());
        if let Some(ev) = &self.event {
            out.push('~');
            out.push_str(&percent_encode(ev));
        }
        out
    }

    /// Reads a value written by [`Link::encode`]; None when it is not one.
    pub fn decode(value: &str) -> Option<Link> {
        let mut parts = value.splitn(3, '~');
        let start: f64 = parts.next()?.parse().ok()?;
        let end: f64 = parts.next()?.parse().ok()?;
        if !start.is_finite() || !end.is_finite() || end <= start {
            return None;
        }
        let event = match parts.next() {
            Some(e) if !e.is_empty() => Some(percent_decode(e)?),
            _ => None,
        };
        Some(Link { start, end, event })
    }
}

/// The value of `key` in a hash (with or without its leading `#`).
pub fn read(hash: &str, key: &str) -> Option<String> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    hash.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (percent_decode(k)? == key).then(|| v.to_string())
    })
}

/// The hash (without `#`) with `key` set to `value` — or removed with None —
/// keeping every other part in place.
pub fn write(hash: &str, key: &str, value: Option<&str>) -> String {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let mine = |pair: &str| {
        pair.split_once('=')
            .and_then(|(k, _)| percent_decode(k))
            .is_some_and(|k| k == key)
    };
    let mut parts: Vec<String> = Vec::new();
    let mut placed = false;
    for pair in hash.split('&').filter(|p| !p.is_empty()) {
        if mine(pair) {
            if let (Some(v), false) = (value, placed) {
                parts.push(format!("{}={v}", percent_encode(key)));
                placed = true;
            }
        } else {
            parts.push(pair.to_string());
        }
    }
    if let (Some(v), false) = (value, placed) {
        parts.push(format!("{}={v}", percent_encode(key)));
    }
    parts.join("&")
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` sequences; None for malformed ones or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip() {
        let l = Link {
            start: 757_382_400_000.0,
            end: 1_667_692_800_000.4,
            event: Some("services trade/forum #5 論壇".into()),
        };
        let v = l.encode();
        assert!(!v.contains(['&', '=', '#', ' ', '/']), "{v}");
        let back = Link::decode(&v).unwrap();
        assert_eq!(back.start, 757_382_400_000.0);
        assert_eq!(back.end, 1_667_692_800_000.0);
        assert_eq!(back.event, l.event);
        let no_event = Link {
            event: None,
            ..l.clone()
        };
        assert_eq!(
            Link::decode(&no_event.encode()),
            Some(Link {
                end: 1_667_692_800_000.0,
                ..no_event
            })
        );
    }

    #[test]
    fn bad_values_are_ignored() {
        for bad in [
            "", "1", "a~b", "5~1", "1~2~%zz", "NaN~1", "1~inf", "1~2~%FF",
        ] {
            assert_eq!(Link::decode(bad), None, "{bad}");
        }
        assert_eq!(Link::decode("-1000~1000~").map(|l| l.event), Some(None));
    }

    #[test]
    fn each_widget_owns_its_pair_and_leaves_the_rest() {
        assert_eq!(write("", "sip", Some("1~2")), "sip=1~2");
        assert_eq!(
            write("#top&sip=1~2&b=3", "sip", Some("5~6")),
            "top&sip=5~6&b=3"
        );
        assert_eq!(write("top", "sip", Some("5~6")), "top&sip=5~6");
        assert_eq!(write("a=1&sip=1~2", "sip", None), "a=1");
        assert_eq!(
            write("sip=1&sip=2", "sip", Some("3~4")),
            "sip=3~4",
            "duplicates collapse"
        );
        assert_eq!(read("#a=1&sip=5~6", "sip").as_deref(), Some("5~6"));
        assert_eq!(read("#a=1&sip=5~6", "other"), None);
        assert_eq!(read("#section-2", "sip"), None);
        // ids that need encoding
        let h = write("", "my timeline", Some("1~2"));
        assert_eq!(h, "my%20timeline=1~2");
        assert_eq!(read(&h, "my timeline").as_deref(), Some("1~2"));
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_encode("a b/é"), "a%20b%2F%C3%A9");
        assert_eq!(percent_decode("a%20b%2F%C3%A9").as_deref(), Some("a b/é"));
        assert_eq!(percent_decode("%"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%C3"), None, "not UTF-8");
    }

    /// Seeded random hashes (the page's URL is anyone's to write): reading,
    /// writing and decoding never panic; a pair written is read back as
    /// written, other pairs stay as they were; any link decoded is a
    /// finite, non-empty window; encoding a decoded link decodes to itself.
    #[test]
    fn random_hashes() {
        const ALPHABET: &[&str] = &[
            "#", "&", "=", "~", "%", "%2", "%zz", "%C3", "%A9", "%26", "%3D", "+", "-", ".", "e",
            "E", "1", "0", "9", "inf", "NaN", "1e308", "-1e308", " ", "sip", "論", "é", "\u{0}",
            "\u{FEFF}", "\u{202E}", "..", "/",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let text = |next: &mut dyn FnMut() -> u64, max: u64| {
            let n = next() % (max + 1);
            (0..n)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect::<String>()
        };
        for _ in 0..20_000 {
            let hash = text(&mut next, 12);
            let key = text(&mut next, 3);
            let value = text(&mut next, 6);
            if let Some(v) = read(&hash, &key) {
                if let Some(l) = Link::decode(&v) {
                    assert!(
                        l.start.is_finite() && l.end.is_finite() && l.start < l.end,
                        "{v}"
                    );
                    let again = Link::decode(&l.encode()).expect("an encoded link decodes");
                    assert_eq!(again.event, l.event, "{v}");
                }
            }
            let _ = percent_decode(&hash);
            // As the widget does: location.hash (with its '#') in, the
            // new hash is '#' + what write() returns. A value of the form
            // the widget writes (no '&') is read back as written.
            let value = value.replace('&', "");
            if key.is_empty() {
                continue;
            }
            let hash = format!("#{hash}");
            let written = format!("#{}", write(&hash, &key, Some(&value)));
            assert_eq!(
                read(&written, &key).as_deref(),
                Some(value.as_str()),
                "{hash:?} {key:?}"
            );
            // The other pairs are kept (those not decoding to the key).
            let others = |h: &str| -> Vec<String> {
                h.strip_prefix('#')
                    .unwrap_or(h)
                    .split('&')
                    .filter(|p| !p.is_empty())
                    .filter(|p| {
                        p.split_once('=')
                            .and_then(|(k, _)| percent_decode(k))
                            .as_deref()
                            != Some(key.as_str())
                    })
                    .map(str::to_string)
                    .collect()
            };
            assert_eq!(others(&written), others(&hash), "{hash:?} {key:?}");
            let removed = write(&written, &key, None);
            assert_eq!(read(&removed, &key), None);
        }
    }
}
