//! Native timings of the core and render layers on big synthetic data:
//! parse, prepare, layout and paint (into a recording backend) at 100k
//! events and three 1M-point series. `cargo bench --bench native`.
//! A tool for finding hot spots; the product's figures come from
//! `cargo xtask bench` (BENCHMARKS.md).

use chronoscope::core::formats::dataset::parse_dataset;
use chronoscope::core::i18n::lang::Lang;
use chronoscope::core::scene::{layout, LayoutInput, Prepared};
use chronoscope::core::text::measure::ApproxMeasure;
use chronoscope::core::view::scale::Window;
use chronoscope::render::frame::Painter;
use chronoscope::render::recording::RecordingBackend;
use chronoscope::render::theme::Theme;
use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts live and peak heap bytes, to see what each stage holds.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        // SAFETY: forwards to the system allocator with the same layout.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        // SAFETY: `p` came from `alloc` with this layout.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Prints live and peak heap since the last call (MB).
fn heap(label: &str) {
    let live = LIVE.load(Relaxed);
    let peak = PEAK.swap(live, Relaxed);
    println!(
        "{label:<28} live {:>7.1} MB, peak {:>7.1} MB",
        live as f64 / 1e6,
        peak as f64 / 1e6
    );
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn dataset(events: usize, points: usize, series: usize) -> String {
    let mut r = Rng(42);
    let t0 = -2_208_988_800_000.0; // 1900
    let t1 = 1_735_689_600_000.0; // 2025
    let mut s = String::from("{\"groups\":[");
    for g in 0..5 {
        let _ = write!(
            s,
            "{}{{\"id\":\"g{g}\",\"label\":\"Group {g}\"}}",
            if g > 0 { "," } else { "" }
        );
    }
    s.push_str("],\"events\":[");
    for i in 0..events {
        let t = t0 + r.f() * (t1 - t0);
        let start = t as i64;
        let title = if i % 2 == 0 {
            format!("Event {i} report")
        } else {
            format!("事件 {i} 报告")
        };
        let _ = write!(
            s,
            "{}{{\"id\":\"e{i}\",\"group\":\"g{}\",\"start\":{start}",
            if i > 0 { "," } else { "" },
            i % 5
        );
        if i % 3 == 0 {
            let _ = write!(s, ",\"end\":{}", start + (r.f() * 3e10) as i64);
        }
        let _ = write!(s, ",\"title\":\"{title}\"}}");
    }
    s.push_str("],\"series\":[");
    for k in 0..series {
        let _ = write!(
            s,
            "{}{{\"id\":\"s{k}\",\"label\":\"S{k}\",\"points\":{{\"t\":[",
            if k > 0 { "," } else { "" }
        );
        for i in 0..points {
            let t = t0 + (t1 - t0) * i as f64 / points as f64;
            let _ = write!(s, "{}{}", if i > 0 { "," } else { "" }, t as i64);
        }
        s.push_str("],\"v\":[");
        let mut v = 100.0;
        for i in 0..points {
            v += r.f() - 0.5;
            let _ = write!(s, "{}{:.2}", if i > 0 { "," } else { "" }, v);
        }
        s.push_str("]}}");
    }
    s.push_str("]}");
    s
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    println!("{label:<28} {:>9.2} ms", t.elapsed().as_secs_f64() * 1e3);
    r
}

fn main() {
    let only = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_default();
    let cases: &[(&str, usize, usize, usize)] = &[
        ("100k events + 3×1M points", 100_000, 1_000_000, 3),
        ("events only: 100k", 100_000, 0, 0),
        ("events only: 1M", 1_000_000, 0, 0),
        ("series only: 3×1M points", 0, 1_000_000, 3),
        ("parse 100k events ×5", 100_000, 0, 0),
    ];
    for &(name, ev, pts, n) in cases {
        if !only.is_empty() && !name.contains(&only) {
            continue;
        }
        println!("== {name}");
        if name.starts_with("parse") {
            let text = dataset(ev, pts, n);
            for _ in 0..5 {
                time("parse", || parse_dataset(&text).expect("valid"));
            }
            continue;
        }
        run(ev, pts, n);
    }
}

fn run(ev: usize, pts: usize, n_series: usize) {
    let text = time("generate", || dataset(ev, pts, n_series));
    println!("{:<28} {:>9.1} MB", "json", text.len() as f64 / 1e6);
    time("  json::parse only", || {
        chronoscope::core::formats::json::parse(&text)
            .map(|_| ())
            .expect("valid")
    });
    heap("  heap: text");
    let loaded = time("parse", || parse_dataset(&text).expect("valid"));
    heap("  heap: dataset");
    let ds = &loaded.dataset;
    let prepared = time("prepare", || Prepared::new(ds));
    heap("  heap: prepared");
    let (w, h) = (1100.0, 640.0);
    if let (Some(s), Some(p)) = (ds.series.first(), prepared.pyramids.first()) {
        let span = s.t[s.t.len() - 1] - s.t[0];
        let t0 = s.t[0];
        let mut steps = 0usize;
        time("  walk only (series 0)", || {
            chronoscope::core::data::lod::walk(
                &s.t,
                p,
                0,
                s.t.len(),
                |t| ((t - t0) / span * 1100.0).floor() as i64,
                |_, _| steps += 1,
            );
        });
        println!("{:<28} {:>9}", "  steps", steps);
    }
    let full = Window {
        start: prepared.extent.unwrap().0,
        end: prepared.extent.unwrap().1,
    };
    let measure = ApproxMeasure;
    let mut previous = None;
    for (name, win) in [
        ("layout full", full),
        ("layout full again", full),
        (
            "layout decade",
            Window {
                start: 946_684_800_000.0,
                end: 1_262_304_000_000.0,
            },
        ),
        (
            "layout month",
            Window {
                start: 946_684_800_000.0,
                end: 949_363_200_000.0,
            },
        ),
    ] {
        let input = LayoutInput {
            dataset: ds,
            prepared: &prepared,
            window: win,
            width: w,
            height: h,
            lang: Lang::En,
            measure: &measure,
            previous: previous.as_ref(),
            formatter: None,
            chrome: Default::default(),
        };
        let scene = time(name, || layout(&input));
        heap("  heap: scene");
        let theme = Theme::light();
        let mut rec = RecordingBackend::new(w as u32, h as u32);
        time(&format!("  paint ({name})"), || {
            let mut p = Painter::new(&mut rec, &theme, 1.0);
            p.draw_scene(&scene, ds).unwrap();
        });
        println!("{:<28} {:>9} ops", "  primitives", rec.ops.len());
        if std::env::var("REPEAT").is_ok() {
            time(&format!("  {name} ×50"), || {
                for _ in 0..50 {
                    let input = LayoutInput {
                        previous: Some(&scene),
                        ..input
                    };
                    std::hint::black_box(layout(&input));
                }
            });
        }
        previous = Some(scene);
    }
}
