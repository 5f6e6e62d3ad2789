use super::*;
use std::fs;

/// A fresh folder under target/xtask-test/ holding `files`.
fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = crate::util::target_dir()
        .join("xtask-test")
        .join(format!("lint-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn idents(src: &str) -> Vec<String> {
    lex(src)
        .into_iter()
        .filter_map(|t| match t.tok {
            Tok::Ident(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[test]
fn the_lexer_drops_comments_strings_and_lifetimes() {
    let src = r####"
        // web_sys in a comment
        /// doc web_sys
        //! inner doc web_sys
        /* block /* nested web_sys */ still web_sys */
        let a = "web_sys \" web_sys";
        let b = r#"web_sys " web_sys"#;
        let c = br##"web_sys"##;
        let d = b"web_sys";
        let e = 'w';
        let f = '\'';
        let g = b'x';
        fn h<'web_sys>(x: &'web_sys str) {}
        let r#type = 1.5e3;
        keep
    "####;
    let ids = idents(src);
    assert!(!ids.iter().any(|s| s == "web_sys"), "{ids:?}");
    assert!(ids.contains(&"type".to_string()));
    assert_eq!(ids.last().map(String::as_str), Some("keep"));
    let lines: Vec<usize> = lex("a\n/* x\n y */ b\n\"s\ns\" c")
        .iter()
        .map(|t| t.line)
        .collect();
    assert_eq!(lines, [1, 3, 5]);
}

fn refs(src: &str, module: &[&str], skip_tests: bool) -> Vec<String> {
    let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
    references(&lex(src), &module, skip_tests)
        .into_iter()
        .map(|r| format!("{}@{}", r.resolved.join("::"), r.line))
        .collect()
}

#[test]
fn paths_are_found_and_resolved() {
    let src = "use super::time::{self, Ms, parse::{a, b as c}};\n\
               use crate::core::model::*;\n\
               fn f() { let x = super::super::render::draw(self::inner::g()); }\n\
               pub(in crate::core) fn g() -> Vec::<super::x::Y> { Self::new() }\n\
               mod inline { use super::sibling::Z; }\n";
    assert_eq!(
        refs(src, &["core", "scale"], false),
        [
            "core::time@1",
            "core::time::Ms@1",
            "core::time::parse::a@1",
            "core::time::parse::b@1",
            "core::model@2",
            "render::draw@3",
            "core::scale::inner::g@3",
            "core::x::Y@4",
            "core::scale::sibling::Z@5",
        ]
    );
    // `super` above the crate root resolves to nothing.
    assert!(refs("use super::super::x;", &["core"], false).is_empty());
}

#[test]
fn test_items_are_left_out() {
    let src = "use super::a::A;\n\
               #[cfg(test)]\nuse super::b::B;\n\
               #[cfg(test)]\n#[allow(dead_code)]\nfn helper<T, U>() -> Vec<T> { super::c::f() }\n\
               struct S { #[cfg(test)] x: super::d::D, y: super::e::E }\n\
               #[cfg(test)]\nmod tests { use super::f::F; }\n\
               use super::g::G;\n\
               mod more {\n#![cfg(test)]\nuse super::h::H;\n}\n\
               use super::i::I;\n";
    assert_eq!(
        refs(src, &["core", "m"], true),
        [
            "core::a::A@1",
            "core::e::E@7",
            "core::g::G@10",
            "core::i::I@15"
        ]
    );
    assert_eq!(refs(src, &["core", "m"], false).len(), 9);
}

#[test]
fn layering_fails_on_a_forbidden_name() {
    let good = tree(
        "layers-ok",
        &[
            (
                "src/core/a.rs",
                "// web_sys, crate::web\nuse super::b::X; const S: &str = \"js_sys\";",
            ),
            ("src/core/b/mod.rs", "pub struct X;"),
            (
                "src/render/mod.rs",
                "use crate::core::a; use wasm_bindgen::x;",
            ),
            ("src/web/mod.rs", "use web_sys::Window; use crate::cli::x;"),
        ],
    );
    assert!(layering(&good).is_ok(), "{:?}", layering(&good));
    for (name, file, text) in [
        (
            "core-web-sys",
            "src/core/a.rs",
            "fn f(w: web_sys::Window) {}",
        ),
        ("core-js-sys", "src/core/a.rs", "use js_sys::Array;"),
        (
            "core-bindgen",
            "src/core/x/y.rs",
            "#[wasm_bindgen] pub fn f() {}",
        ),
        ("core-web", "src/core/a.rs", "use crate::web::dom;"),
        (
            "core-render",
            "src/core/a.rs",
            "use crate::{render::x, core::y};",
        ),
        (
            "core-cli-super",
            "src/core/a.rs",
            "fn f() { super::super::cli::run() }",
        ),
        (
            "render-web-sys",
            "src/render/x.rs",
            "use web_sys::CanvasRenderingContext2d;",
        ),
        (
            "render-web",
            "src/render/mod.rs",
            "pub use crate::web::canvas;",
        ),
        (
            "render-cli",
            "src/render/x.rs",
            "use super::super::cli::args;",
        ),
    ] {
        let dir = tree(name, &[(file, text), ("src/core/mod.rs", "")]);
        let err = layering(&dir).expect_err(name);
        assert!(err.contains(file), "{name}: {err}");
        let _ = fs::remove_dir_all(&dir);
    }
    let _ = fs::remove_dir_all(&good);
}

#[test]
fn long_files_fail_with_their_count() {
    let ok = "x\n".repeat(MAX_LINES);
    let long = "x\n".repeat(MAX_LINES + 1);
    let dir = tree(
        "long",
        &[
            ("src/core/ok.rs", &ok),
            ("src/core/a/tests.rs", &long),
            ("src/web/not-rust.js", &long),
        ],
    );
    let err = long_files(&dir).unwrap_err();
    assert!(
        err.contains(&format!("src/core/a/tests.rs: {} lines", MAX_LINES + 1)),
        "{err}"
    );
    assert!(!err.contains("ok.rs") && !err.contains("not-rust"), "{err}");
    fs::remove_file(dir.join("src/core/a/tests.rs")).unwrap();
    assert!(long_files(&dir).is_ok());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn import_cycles_are_found_with_their_places() {
    let dir = tree(
        "cycle",
        &[
            (
                "src/core/mod.rs",
                "pub mod a; pub mod b; pub mod c; pub mod d;",
            ),
            ("src/core/a.rs", "use super::b::B;\npub struct A;"),
            (
                "src/core/b.rs",
                "pub struct B;\nfn f() { crate::core::c::g() }",
            ),
            (
                "src/core/c.rs",
                "// use super::d::D;\nuse super::{a::A, d};",
            ),
            (
                "src/core/d.rs",
                "pub struct D;\n#[cfg(test)]\nuse super::a::A;",
            ),
        ],
    );
    let err = core_imports(&dir).unwrap_err();
    assert!(err.contains("a → b → c → a"), "{err}");
    assert!(
        err.contains("a → b: src/core/a.rs:1 `super::b::B`"),
        "{err}"
    );
    assert!(
        err.contains("b → c: src/core/b.rs:2 `crate::core::c::g`"),
        "{err}"
    );
    assert!(
        err.contains("c → a: src/core/c.rs:2 `super::a::A`"),
        "{err}"
    );
    assert!(!err.contains("d →"), "{err}");
    // Breaking the circle passes, with a one-line count.
    fs::write(dir.join("src/core/c.rs"), "use super::d;").unwrap();
    let ok = core_imports(&dir).unwrap();
    assert!(
        ok.starts_with("5 modules, 3 import edges, no cycles"),
        "{ok}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_and_its_children_are_not_a_cycle_but_reexports_still_count() {
    let files = [
        ("src/core/mod.rs", "pub mod data; pub mod view;"),
        (
            "src/core/view/mod.rs",
            "mod layout; pub use layout::Scene; pub use self::layout::f;",
        ),
        (
            "src/core/view/layout.rs",
            "use super::Helper; use crate::core::data::Dataset;",
        ),
        ("src/core/view/layout/tests.rs", "use crate::core::x::Y;"),
        // Test code, also in a folder `tests/`: not modules of the graph.
        (
            "src/core/data/model/tests/mod.rs",
            "use crate::core::view::Scene;",
        ),
        (
            "src/core/data/model/tests/more.rs",
            "use crate::core::view::f;",
        ),
        (
            "src/core/data/mod.rs",
            "pub mod model; pub use model::Dataset;",
        ),
        ("src/core/data/model.rs", "pub struct Dataset;"),
    ];
    let dir = tree("folders", &files);
    let ok = core_imports(&dir).unwrap();
    assert!(
        ok.starts_with("5 modules, 2 import edges, no cycles"),
        "{ok}"
    );
    assert!(ok.contains("folders in order"), "{ok}");
    // data::model naming view (through view's re-export) makes
    // data → view → data, and breaks the folder order.
    fs::write(
        dir.join("src/core/data/model.rs"),
        "pub struct Dataset;\nfn f() { crate::core::view::Scene::new(); }",
    )
    .unwrap();
    let err = core_imports(&dir).unwrap_err();
    // The real circle data::model → view::layout → data::model is not
    // seen as one (re-exports resolve to the folder's module, and a
    // folder's edges to its children do not count), but the folder
    // order catches it.
    assert!(!err.contains("import cycle"), "{err}");
    assert!(
        err.contains("src/core/data/model.rs:2: data::model imports view"),
        "{err}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn folder_order_is_enforced_once_data_exists() {
    let base = [
        (
            "src/core/mod.rs",
            "pub mod data; pub mod text; pub mod view;",
        ),
        ("src/core/data/time.rs", "pub type Ms = f64;"),
        ("src/core/text/fit.rs", "use crate::core::data::time::Ms;"),
        ("src/core/view/layout.rs", "use super::super::text::fit;"),
    ];
    let dir = tree("order", &base);
    assert!(core_imports(&dir).is_ok(), "{:?}", core_imports(&dir));
    // An earlier folder importing a later one.
    fs::write(
        dir.join("src/core/text/fit.rs"),
        "use crate::core::data::time::Ms;\nuse crate::core::view::layout;",
    )
    .unwrap();
    let err = core_imports(&dir).unwrap_err();
    assert!(
        err.contains("src/core/text/fit.rs:2: text::fit imports view::layout"),
        "{err}"
    );
    assert!(err.contains("view/ comes after text/"), "{err}");
    fs::write(dir.join("src/core/text/fit.rs"), "").unwrap();
    // data importing core's root (its re-exports).
    fs::write(
        dir.join("src/core/data/time.rs"),
        "use super::super::Thing;",
    )
    .unwrap();
    let err = core_imports(&dir).unwrap_err();
    assert!(err.contains("data::time imports core"), "{err}");
    fs::write(dir.join("src/core/data/time.rs"), "").unwrap();
    // A loose file and an unknown folder.
    fs::write(dir.join("src/core/loose.rs"), "").unwrap();
    fs::create_dir_all(dir.join("src/core/misc")).unwrap();
    let err = core_imports(&dir).unwrap_err();
    assert!(err.contains("src/core/loose.rs: a file directly"), "{err}");
    assert!(err.contains("src/core/misc/: not a folder"), "{err}");
    // Without data/, the same loose file is fine.
    fs::remove_dir_all(dir.join("src/core/data")).unwrap();
    fs::remove_dir_all(dir.join("src/core/misc")).unwrap();
    assert!(core_imports(&dir).is_ok(), "{:?}", core_imports(&dir));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn architecture_md_must_name_every_folder_and_only_real_ones() {
    let md = "# A\n\n`src/` has `src/core/`, `src/core/data/` (tests only) and `src/web/`.\n\
              Files like `src/web/mod.rs` and globs like `src/**` are not folders.\n\
              ```\n`src/gone/`\n```\n";
    let dir = tree(
        "arch",
        &[
            ("ARCHITECTURE.md", md),
            ("src/core/mod.rs", ""),
            ("src/core/data/tests.rs", ""),
            ("src/web/mod.rs", ""),
        ],
    );
    assert!(architecture_md(&dir).is_ok(), "{:?}", architecture_md(&dir));
    fs::create_dir_all(dir.join("src/core/data/series")).unwrap();
    let err = architecture_md(&dir).unwrap_err();
    assert!(err.contains("src/core/data/series/ is not named"), "{err}");
    fs::remove_dir_all(dir.join("src/core/data/series")).unwrap();
    fs::remove_dir_all(dir.join("src/web")).unwrap();
    let err = architecture_md(&dir).unwrap_err();
    assert!(
        err.contains("ARCHITECTURE.md:3: names `src/web/`, which is not a folder"),
        "{err}"
    );
    assert!(!err.contains("gone"), "{err}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn folder_spans() {
    assert!(is_folder_span("src/"));
    assert!(is_folder_span("src/core/data/"));
    assert!(!is_folder_span("src/core/data"));
    assert!(!is_folder_span("src/core/x.rs"));
    assert!(!is_folder_span("src/**"));
    assert!(!is_folder_span("src//"));
    assert!(!is_folder_span("src/../"));
    assert_eq!(
        code_spans("a `x` b ``y ` z`` `unclosed"),
        [("x".to_string(), 1), ("y ` z".to_string(), 1)]
    );
}

#[test]
fn module_paths() {
    assert_eq!(module_path("src/core/a/b.rs"), ["core", "a", "b"]);
    assert_eq!(module_path("src/core/a/b/mod.rs"), ["core", "a", "b"]);
    assert_eq!(module_path("src/core/mod.rs"), ["core"]);
    assert!(module_path("src/lib.rs").is_empty());
}

/// The checks pass or fail on the real tree, but never stop on an error
/// of their own (an unreadable file, a panic).
#[test]
fn the_real_tree_can_be_checked() {
    let root = repo_root();
    let _ = run_text_checks(&root);
    let g = core_graph(&root).unwrap();
    assert!(g.modules.len() > 5);
}

/// A tiny crate `name` (its own workspace) whose lib.rs is `lib`, with a
/// path dependency on a crate `dep` beside it when `with_dep`.
fn small_crate(dir: &Path, name: &str, lib: &str, with_dep: bool) {
    let dep = if with_dep {
        "dep = { path = \"../dep\" }\n"
    } else {
        ""
    };
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\n{dep}\n[workspace]\n"
    );
    fs::create_dir_all(dir.join(name).join("src")).unwrap();
    fs::write(dir.join(name).join("Cargo.toml"), manifest).unwrap();
    fs::write(dir.join(name).join("src/lib.rs"), lib).unwrap();
    if with_dep {
        small_crate(dir, "dep", "pub fn f() {}\n", false);
    }
}

/// A fresh folder in the system's temporary folder: machete skips what git
/// ignores, and target/ is ignored.
fn temp_tree(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-lint-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// Runs `cmd` with its own target folder; exit code, stdout and stderr.
fn output(mut cmd: Command, dir: &Path) -> (Option<i32>, String) {
    let out = cmd
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn docs_fail_on_a_rustdoc_warning() {
    let dir = temp_tree("docs");
    small_crate(&dir, "docs", "//! Links to [`Missing`].\n", false);
    let root = dir.join("docs");
    let (code, text) = output(cargo_doc(&root, "docs", &["--lib"]), &dir);
    assert_ne!(code, Some(0), "{text}");
    assert!(text.contains("unresolved link to `Missing`"), "{text}");
    fs::write(
        root.join("src/lib.rs"),
        "//! Links to [`Here`].\npub struct Here;\n",
    )
    .unwrap();
    let (code, text) = output(cargo_doc(&root, "docs", &["--lib"]), &dir);
    assert_eq!(code, Some(0), "{text}");
    let _ = fs::remove_dir_all(&dir);
}

/// Needs cargo-machete (step 1, `cargo xtask tools`, installs it). Run
/// under `cargo test`, which sets `CARGO_PKG_NAME` as `cargo xtask` does.
#[test]
fn machete_fails_on_an_unused_dependency() {
    tools::require_cargo_machete().unwrap();
    let dir = temp_tree("machete");
    small_crate(&dir, "app", "pub fn g() {}\n", true);
    let root = dir.join("app");
    let (code, text) = output(machete(&root), &dir);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("app -- ./Cargo.toml:\n\tdep\n"), "{text}");
    fs::write(root.join("src/lib.rs"), "pub fn g() {\n    dep::f()\n}\n").unwrap();
    let (code, text) = output(machete(&root), &dir);
    assert_eq!(code, Some(0), "{text}");
    let _ = fs::remove_dir_all(&dir);
}
