use super::*;
use std::time::{Duration, Instant};

fn t(s: &str) -> Inline {
    Inline::Text(s.to_string())
}
fn em(c: Vec<Inline>) -> Inline {
    Inline::Emphasis(c)
}
fn strong(c: Vec<Inline>) -> Inline {
    Inline::Strong(c)
}
fn link(url: &str, c: Vec<Inline>) -> Inline {
    Inline::Link {
        url: url.to_string(),
        children: c,
    }
}
/// The inlines of a one-paragraph text.
fn one(text: &str) -> Vec<Inline> {
    let mut p = parse(text);
    assert_eq!(p.len(), 1, "{text:?} gave {p:?}");
    p.remove(0).0
}
/// A text that must come out as exactly itself, as text.
fn literal(text: &str) {
    assert_eq!(one(text), vec![t(text)], "{text:?}");
}
fn depth(nodes: &[Inline]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                1 + depth(c)
            }
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Every invariant of the output: texts non-empty, merged, normalised;
/// links allowed; nesting capped; paragraphs non-empty.
fn check_tree(nodes: &[Inline], input: &str) {
    let mut prev_text = false;
    for n in nodes {
        match n {
            Inline::Text(s) => {
                assert!(!s.is_empty(), "empty text from {input:?}");
                assert!(!prev_text, "unmerged texts from {input:?}");
                assert!(!s.contains("  ") && !s.contains(['\t', '\n', '\r']));
            }
            Inline::Emphasis(c) | Inline::Strong(c) => {
                assert!(!c.is_empty(), "empty emphasis from {input:?}");
                check_tree(c, input);
            }
            Inline::Link { url, children } => {
                assert!(is_allowed_url(url), "{url:?} from {input:?}");
                assert!(!children.is_empty());
                check_tree(children, input);
            }
            Inline::Break => {}
        }
        prev_text = matches!(n, Inline::Text(_));
    }
}
fn check(input: &str) -> Vec<Paragraph> {
    let ps = parse(input);
    for p in &ps {
        assert!(!p.0.is_empty(), "empty paragraph from {input:?}");
        assert!(depth(&p.0) <= MAX_DEPTH as usize, "too deep: {input:?}");
        assert!(!matches!(p.0.first(), Some(Inline::Break)));
        assert!(!matches!(p.0.last(), Some(Inline::Break)));
        check_tree(&p.0, input);
    }
    ps
}

#[test]
fn paragraphs_and_breaks() {
    assert_eq!(parse(""), vec![]);
    assert_eq!(parse(" \n\t\n  "), vec![]);
    assert_eq!(
        parse("one\n\ntwo"),
        vec![Paragraph(vec![t("one")]), Paragraph(vec![t("two")])]
    );
    assert_eq!(
        parse("\n\none\n \t \n\n\n two \n\n"),
        vec![Paragraph(vec![t("one")]), Paragraph(vec![t("two")])]
    );
    assert_eq!(one("a\nb"), vec![t("a"), Inline::Break, t("b")]);
    assert_eq!(one("a  \n   b"), vec![t("a"), Inline::Break, t("b")]);
    assert_eq!(
        parse("a\r\nb\r\n\r\nc\rd\r\re"),
        vec![
            Paragraph(vec![t("a"), Inline::Break, t("b")]),
            Paragraph(vec![t("c"), Inline::Break, t("d")]),
            Paragraph(vec![t("e")]),
        ]
    );
}

#[test]
fn white_space() {
    assert_eq!(one("  a \t\t b   c  "), vec![t("a b c")]);
    // Only spaces and tabs collapse inside a line; the line is trimmed of
    // all white space.
    assert_eq!(
        one("\u{3000}a\u{a0}\u{a0}b\u{3000}"),
        vec![t("a\u{a0}\u{a0}b")]
    );
    assert_eq!(
        one("*a*   *b*"),
        vec![em(vec![t("a")]), t(" "), em(vec![t("b")])]
    );
}

#[test]
fn emphasis_and_strong() {
    assert_eq!(one("*a*"), vec![em(vec![t("a")])]);
    assert_eq!(one("_a_"), vec![em(vec![t("a")])]);
    assert_eq!(one("**a**"), vec![strong(vec![t("a")])]);
    assert_eq!(one("__a__"), vec![strong(vec![t("a")])]);
    assert_eq!(
        one("x *a b* y **c d** z"),
        vec![
            t("x "),
            em(vec![t("a b")]),
            t(" y "),
            strong(vec![t("c d")]),
            t(" z")
        ]
    );
    assert_eq!(one("***a***"), vec![em(vec![strong(vec![t("a")])])]);
    assert_eq!(
        one("*a **b** c*"),
        vec![em(vec![t("a "), strong(vec![t("b")]), t(" c")])]
    );
    assert_eq!(
        one("**a _b_ c**"),
        vec![strong(vec![t("a "), em(vec![t("b")]), t(" c")])]
    );
    assert_eq!(
        one("_a **b *c* d** e_"),
        vec![em(vec![
            t("a "),
            strong(vec![t("b "), em(vec![t("c")]), t(" d")]),
            t(" e")
        ])]
    );
    // Emphasis across a line break.
    assert_eq!(one("*a\nb*"), vec![em(vec![t("a"), Inline::Break, t("b")])]);
    // Markers of different kinds do not close each other.
    assert_eq!(one("*a_"), vec![t("*a_")]);
    assert_eq!(one("**a__"), vec![t("**a__")]);
    // A closer takes the nearest opener; the rule of three.
    assert_eq!(one("*foo**bar*"), vec![em(vec![t("foo**bar")])]);
    assert_eq!(
        one("*foo**bar**baz*"),
        vec![em(vec![t("foo"), strong(vec![t("bar")]), t("baz")])]
    );
}

#[test]
fn unmatched_markers_are_text() {
    for s in [
        "5 * 3",
        "5 * 3 * 2",
        "a * b",
        "*a",
        "a*",
        "a **",
        "** a",
        "_a",
        "a_",
        "* list-like line",
        "a ** b ** c",
        "a __ b",
        "A*STAR",
        "新*科研",
        "[a",
        "a]",
        "]a[",
        "[a] b",
        "[a](",
        "(a)",
        "a)",
        "[]",
        "\\",
        "a\\",
        "\\a",
    ] {
        literal(s);
    }
    assert_eq!(one("**a*"), vec![t("*"), em(vec![t("a")])]);
    assert_eq!(one("*a**"), vec![em(vec![t("a")]), t("*")]);
    assert_eq!(one("* a *"), vec![t("* a *")]);
}

#[test]
fn underscores_only_at_word_boundaries() {
    literal("snake_case_name");
    literal("a_b_c d_e");
    literal("2_000_000");
    literal("這是_重點_內容");
    literal("Δ_x_y");
    assert_eq!(
        one("call snake_case_name _now_"),
        vec![t("call snake_case_name "), em(vec![t("now")])]
    );
    assert_eq!(one("_a_b_"), vec![em(vec![t("a_b")])]);
    assert_eq!(one("(_a_)"), vec![t("("), em(vec![t("a")]), t(")")]);
    assert_eq!(one("__init__"), vec![strong(vec![t("init")])]);
    // `*` works inside words.
    assert_eq!(
        one("un*frigging*believable"),
        vec![t("un"), em(vec![t("frigging")]), t("believable")]
    );
}

#[test]
fn cjk() {
    assert_eq!(
        one("這是*重點*內容"),
        vec![t("這是"), em(vec![t("重點")]), t("內容")]
    );
    assert_eq!(
        one("這是**重點**內容"),
        vec![t("這是"), strong(vec![t("重點")]), t("內容")]
    );
    assert_eq!(
        one("園區**「首個」**項目。"),
        vec![t("園區"), strong(vec![t("「首個」")]), t("項目。")]
    );
    assert_eq!(one("（*註*）"), vec![t("（"), em(vec![t("註")]), t("）")]);
    assert_eq!(one("_重點_內容"), vec![t("_重點_內容")]);
    assert_eq!(
        one("見 _重點_，"),
        vec![t("見 "), em(vec![t("重點")]), t("，")]
    );
    assert_eq!(
        one("請見[官網](https://www.sipac.gov.cn/)。"),
        vec![
            t("請見"),
            link("https://www.sipac.gov.cn/", vec![t("官網")]),
            t("。")
        ]
    );
    assert_eq!(
        one("詳見https://a.org/x。之後"),
        vec![
            t("詳見"),
            link("https://a.org/x", vec![t("https://a.org/x")]),
            t("。之後")
        ]
    );
    assert_eq!(
        one("網址：https://zh.wikipedia.org/wiki/蘇州，"),
        vec![
            t("網址："),
            link(
                "https://zh.wikipedia.org/wiki/蘇州",
                vec![t("https://zh.wikipedia.org/wiki/蘇州")]
            ),
            t("，")
        ]
    );
    assert_eq!(one("新加坡　　蘇州"), vec![t("新加坡　　蘇州")]);
    assert_eq!(
        one("**注意：**內容"),
        vec![strong(vec![t("注意：")]), t("內容")]
    );
    assert_eq!(
        one("『*重點*』與「**強調**」"),
        vec![
            t("『"),
            em(vec![t("重點")]),
            t("』與「"),
            strong(vec![t("強調")]),
            t("」")
        ]
    );
    assert_eq!(
        one("這是 *重點* 內容"),
        vec![t("這是 "), em(vec![t("重點")]), t(" 內容")]
    );
}

#[test]
fn links() {
    assert_eq!(
        one("[label](https://example.org/path)"),
        vec![link("https://example.org/path", vec![t("label")])]
    );
    assert_eq!(
        one("see [the site](http://example.org) now"),
        vec![
            t("see "),
            link("http://example.org", vec![t("the site")]),
            t(" now")
        ]
    );
    assert_eq!(
        one("[write](mailto:a@example.org)"),
        vec![link("mailto:a@example.org", vec![t("write")])]
    );
    assert_eq!(
        one("[x](HTTPS://EXAMPLE.ORG)"),
        vec![link("HTTPS://EXAMPLE.ORG", vec![t("x")])]
    );
    // Balanced and escaped parentheses in the address.
    assert_eq!(
        one("[w](https://en.wikipedia.org/wiki/Merlion_(statue))."),
        vec![
            link(
                "https://en.wikipedia.org/wiki/Merlion_(statue)",
                vec![t("w")]
            ),
            t(".")
        ]
    );
    assert_eq!(
        one("[w](https://a.org/x\\)y)"),
        vec![link("https://a.org/x)y", vec![t("w")])]
    );
    // Markup in the label; links in emphasis.
    assert_eq!(
        one("[*a* **b**](https://a.org)"),
        vec![link(
            "https://a.org",
            vec![em(vec![t("a")]), t(" "), strong(vec![t("b")])]
        )]
    );
    assert_eq!(
        one("*see [a](https://a.org)*"),
        vec![em(vec![t("see "), link("https://a.org", vec![t("a")])])]
    );
    assert_eq!(
        one("**[a _b_](https://a.org)**"),
        vec![strong(vec![link(
            "https://a.org",
            vec![t("a "), em(vec![t("b")])]
        )])]
    );
    // Emphasis cannot cross a link's edge.
    assert_eq!(
        one("*a [b* c](https://a.org)"),
        vec![t("*a "), link("https://a.org", vec![t("b* c")])]
    );
    // Brackets inside the label; no link inside a link.
    assert_eq!(
        one("[a [b] c](https://a.org)"),
        vec![link("https://a.org", vec![t("a [b] c")])]
    );
    assert_eq!(
        one("[a [b](https://b.org) c](https://a.org)"),
        vec![
            t("[a "),
            link("https://b.org", vec![t("b")]),
            t(" c]("),
            link("https://a.org", vec![t("https://a.org")]),
            t(")")
        ]
    );
    assert_eq!(
        one("[https://b.org](https://a.org)"),
        vec![link("https://a.org", vec![t("https://b.org")])]
    );
    // An empty label shows the address.
    assert_eq!(
        one("[](https://a.org) [ ](https://b.org)"),
        vec![
            link("https://a.org", vec![t("https://a.org")]),
            t(" "),
            link("https://b.org", vec![t("https://b.org")])
        ]
    );
    // A label over two lines.
    assert_eq!(
        one("[a\nb](https://a.org)"),
        vec![link("https://a.org", vec![t("a"), Inline::Break, t("b")])]
    );
    // `[x]` then a space is not a link; the address in parentheses is bare.
    assert_eq!(
        one("[x] (https://a.org)"),
        vec![
            t("[x] ("),
            link("https://a.org", vec![t("https://a.org")]),
            t(")")
        ]
    );
    // An address without its `)` on the same line.
    assert_eq!(
        one("[x](https://a.org\n)"),
        vec![
            t("[x]("),
            link("https://a.org", vec![t("https://a.org")]),
            Inline::Break,
            t(")")
        ]
    );
}

#[test]
fn refused_links_are_plain_text() {
    for s in [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](JavaScript:alert(document.cookie))",
        "[x](javascript&colon;alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DATA:image/svg+xml,<svg/onload=alert(1)>)",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](/relative/path)",
        "[x](relative.html)",
        "[x](//evil.example/)",
        "[x](#top)",
        "[x](https:evil.example)",
        "[x](https://)",
        "[x](mailto:)",
        "[x]()",
        "[x]( https://a.org)",
        "[x](https://a.org )",
        "[x](https://a.org x)",
        "[x](https://a.org\u{3000}x)",
        "[x](https://a.org\u{0}x)",
        "[*x*](javascript:alert(1))",
        "[x](javascript:*y*)",
        "[x](java\nscript:y)",
        "[_x_ https://a.org](javascript:y)",
    ] {
        assert!(
            check(s).iter().all(|p| p
                .0
                .iter()
                .all(|n| matches!(n, Inline::Text(_) | Inline::Break))),
            "{s:?}"
        );
        if !s.contains('\n') && !s.contains('\u{0}') {
            literal(s);
        }
    }
    // The refused span is text, what follows is parsed as usual.
    assert_eq!(
        one("[x](javascript:alert(1)) *y* https://a.org"),
        vec![
            t("[x](javascript:alert(1)) "),
            em(vec![t("y")]),
            t(" "),
            link("https://a.org", vec![t("https://a.org")])
        ]
    );
    assert_eq!(
        one("*a [b](javascript:x) c*"),
        vec![em(vec![t("a [b](javascript:x) c")])]
    );
    assert_eq!(
        one("[[a](x y)](https://a.org)"),
        vec![link("https://a.org", vec![t("[a](x y)")])]
    );
    assert_eq!(one("[[a](x y)](z w)"), vec![t("[[a](x y)](z w)")]);
}

#[test]
fn hostile_html_is_text() {
    for s in [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<b>bold</b> &amp; &lt;i&gt; &#x3C;",
        "<a href=\"javascript:alert(1)\">x</a>",
        "\"><svg onload=alert(1)>",
        "{{constructor.constructor('alert(1)')()}}",
    ] {
        literal(s);
    }
    // A bare address stops at `<` and `>`.
    assert_eq!(
        one("<https://a.org>"),
        vec![
            t("<"),
            link("https://a.org", vec![t("https://a.org")]),
            t(">")
        ]
    );
    assert_eq!(
        one("https://a.org/\"onmouseover=\"alert(1)"),
        vec![link(
            "https://a.org/\"onmouseover=\"alert(1)",
            vec![t("https://a.org/\"onmouseover=\"alert(1)")]
        )]
    );
}

#[test]
fn bare_urls() {
    let bare = |u: &str| link(u, vec![t(u)]);
    assert_eq!(
        one("see https://a.org/x."),
        vec![t("see "), bare("https://a.org/x"), t(".")]
    );
    assert_eq!(
        one("https://a.org/x?y=1&z=2#f, then"),
        vec![bare("https://a.org/x?y=1&z=2#f"), t(", then")]
    );
    assert_eq!(
        one("(see https://a.org/x)"),
        vec![t("(see "), bare("https://a.org/x"), t(")")]
    );
    assert_eq!(
        one("(https://en.wikipedia.org/wiki/A_(b))."),
        vec![t("("), bare("https://en.wikipedia.org/wiki/A_(b)"), t(").")]
    );
    assert_eq!(one("http://a.org?!"), vec![bare("http://a.org"), t("?!")]);
    assert_eq!(one("HTTPS://A.ORG"), vec![bare("HTTPS://A.ORG")]);
    assert_eq!(
        one("*https://a.org*"),
        vec![em(vec![bare("https://a.org")])]
    );
    assert_eq!(
        one("_https://a.org/snake_case_"),
        vec![em(vec![bare("https://a.org/snake_case")])]
    );
    assert_eq!(
        one("https://a.org\nhttps://b.org"),
        vec![bare("https://a.org"), Inline::Break, bare("https://b.org")]
    );
    assert_eq!(
        one("'https://a.org' \"https://b.org\""),
        vec![
            t("'"),
            bare("https://a.org"),
            t("' \""),
            bare("https://b.org"),
            t("\"")
        ]
    );
    // Escapes inside an address stand for their character.
    assert_eq!(one("https://a.org/\\_x"), vec![bare("https://a.org/_x")]);
    // Not addresses.
    literal("https://");
    literal("https://...");
    literal("xhttps://a.org");
    literal("ftp://a.org");
    literal("mailto:a@example.org");
    literal("javascript:alert(1)");
    literal("http:/a.org");
}

#[test]
fn escapes() {
    literal("a \\q b");
    assert_eq!(one("\\*a\\*"), vec![t("*a*")]);
    assert_eq!(one("\\_a\\_"), vec![t("_a_")]);
    assert_eq!(one("\\**a**"), vec![t("*"), em(vec![t("a")]), t("*")]);
    assert_eq!(one("\\\\*a*"), vec![t("\\"), em(vec![t("a")])]);
    assert_eq!(one("\\\\"), vec![t("\\")]);
    assert_eq!(one("*a\\*"), vec![t("*a*")]);
    assert_eq!(one("\\[x\\](y)"), vec![t("[x](y)")]);
    assert_eq!(
        one("[x\\](https://a.org)"),
        vec![
            t("[x]("),
            link("https://a.org", vec![t("https://a.org")]),
            t(")")
        ]
    );
    assert_eq!(
        one("\\[x](https://a.org)"),
        vec![
            t("[x]("),
            link("https://a.org", vec![t("https://a.org")]),
            t(")")
        ]
    );
    assert_eq!(
        one("[\\*](https://a.org)"),
        vec![link("https://a.org", vec![t("*")])]
    );
    assert_eq!(one("\\(\\)\\[\\]"), vec![t("()[]")]);
}

#[test]
fn depth_is_capped() {
    // Nesting up to the cap is kept.
    assert_eq!(depth(&one("*a _b **c __d [e](https://a.org)__** c_ a*")), 5);
    // Deeper pairs stay text; the text is all kept.
    for s in [
        "*_*_*_*_*_*_a_*_*_*_*_*_*",
        "***************a***************",
        "*1 _2 **3 __4 *5 _6 **7 x** 6_ 5* 4__ 3** 2_ 1*",
        "[*_*_*_*_a_*_*_*_*](https://a.org)",
    ] {
        let ps = check(s);
        assert!(depth(&ps[0].0) <= 5, "{s}");
        let text: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
        let plain: String = plain_text(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if !s.contains('[') {
            assert_eq!(plain, text, "{s}");
        }
    }
}

#[test]
fn large_hostile_inputs_are_fast() {
    let n = 100_000;
    let inputs = [
        "*".repeat(n),
        "_".repeat(n),
        "[".repeat(n),
        "]".repeat(n),
        "(".repeat(n),
        "\\".repeat(n),
        format!("{}a{}", "*".repeat(n / 2), "*".repeat(n / 2)),
        format!("{}a{}", "[".repeat(n / 2), "]".repeat(n / 2)),
        format!(
            "{}a{}",
            "[".repeat(n / 2),
            "](https://a.org)".repeat(n / 32)
        ),
        format!("{}{}", "*a ".repeat(n / 6), "a* ".repeat(n / 6)),
        format!("{}{}", "*a _".repeat(n / 8), "a* _".repeat(n / 8)),
        "*a".repeat(n / 2),
        "a*".repeat(n / 2),
        "_*".repeat(n / 2),
        "*_a".repeat(n / 3),
        "[a](".repeat(n / 4),
        "[a](x".repeat(n / 5),
        "[x](javascript:x)".repeat(n / 17),
        "[".repeat(n / 20) + &"[a](x y)](x y)".repeat(n / 20),
        "[a](https://a.org)".repeat(n / 18),
        "https://".repeat(n / 8),
        "https://a.org/(".repeat(n / 15),
        "https://a.org/)".repeat(n / 15),
        "**_".repeat(n / 3) + &"_**".repeat(n / 3),
        "a\n".repeat(n / 2),
        "*\n".repeat(n / 2),
        " \t".repeat(n / 2),
        "重*點".repeat(n / 9),
    ];
    for input in &inputs {
        let start = Instant::now();
        let ps = check(input);
        let plain = plain_text(input);
        let took = start.elapsed();
        assert!(
            took < Duration::from_secs(5),
            "{took:?} for {}…",
            &input.chars().take(20).collect::<String>()
        );
        assert!(ps.len() <= 1 || input.contains('\n'));
        drop(plain);
    }
}

#[test]
fn plain_text_drops_markup() {
    assert_eq!(plain_text(""), "");
    assert_eq!(
        plain_text("  A *b* **c** [d _e_](https://a.org) \\*f\\* https://g.org.\nh\n\n\ni  "),
        "A b c d e *f* https://g.org.\nh\n\ni"
    );
    assert_eq!(plain_text("5 * 3 = 15"), "5 * 3 = 15");
    assert_eq!(plain_text("[x](javascript:y)"), "[x](javascript:y)");
    assert_eq!(plain_text("這是*重點*內容"), "這是重點內容");
}

#[test]
fn allowed_urls() {
    for u in [
        "https://a.org",
        "http://a.org/x?y#z",
        "HTTPS://A.ORG",
        "mailto:a@b.org",
        "https://zh.wikipedia.org/wiki/蘇州",
    ] {
        assert!(is_allowed_url(u), "{u}");
    }
    for u in [
        "",
        "https://",
        "mailto:",
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://a.org",
        "/x",
        "//a.org",
        " https://a.org",
        "https://a.org ",
        "https://a .org",
        "https://a.org\n",
        "https://a\u{7}.org",
        "https://a\u{a0}.org",
    ] {
        assert!(!is_allowed_url(u), "{u:?}");
    }
}

/// xorshift64*: small, deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_inputs_never_panic() {
    const PIECES: [&str; 38] = [
        "*",
        "*",
        "**",
        "_",
        "_",
        "__",
        "[",
        "]",
        "(",
        ")",
        "\\",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\r",
        "a",
        "b",
        "x_y",
        "重",
        "點",
        "。",
        "，",
        "「",
        "」",
        "https://a.org",
        "http://b.org/(c)",
        "mailto:d@e.org",
        "javascript:f()",
        "](",
        "](https://g.org)",
        "<b>",
        "&amp;",
        ".",
        "\u{3000}",
        "é",
        "\u{0}",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(40);
        let input: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        let ps = check(&input);
        // Without links every letter survives, in order.
        let has_link = ps.iter().any(|p| format!("{:?}", p.0).contains("Link"));
        if !has_link {
            let letters =
                |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
            assert_eq!(letters(&plain_text(&input)), letters(&input), "{input:?}");
        }
    }
}

#[test]
fn sip_texts_are_plain() {
    /// White space normalised as the markup does: lines trimmed, runs of
    /// spaces and tabs made one space, blank lines separate paragraphs.
    fn normalise(text: &str) -> String {
        let mut paragraphs: Vec<Vec<String>> = vec![vec![]];
        for line in text.lines() {
            let words: Vec<&str> = line.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
            let line = words.join(" ").trim().to_string();
            if line.is_empty() {
                paragraphs.push(vec![]);
            } else {
                paragraphs.last_mut().unwrap().push(line);
            }
        }
        paragraphs
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n")
    }
    for json in [
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/sip.en.json")),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/www/data/sip.zh-Hant.json"
        )),
    ] {
        let loaded = crate::core::formats::dataset::parse_dataset(json).expect("SIP dataset loads");
        let texts: Vec<&str> = loaded
            .dataset
            .events
            .iter()
            .filter_map(|e| e.text.as_deref())
            .collect();
        assert!(texts.len() >= 10);
        for text in texts {
            let ps = check(text);
            assert!(!ps.is_empty());
            for p in &ps {
                assert!(
                    p.0.iter()
                        .all(|n| matches!(n, Inline::Text(_) | Inline::Break)),
                    "markup found in {text:?}: {p:?}"
                );
            }
            assert_eq!(plain_text(text), normalise(text));
        }
    }
}
