//! Recorded pointer sequences, one line per input:
//!
//! ```text
//! TIME KIND ID PHASE X Y [bBUTTON]   a pointer event (kind mouse, touch, pen)
//! TIME timer                         the long press timer ran out
//! TIME dblclick X Y                  the browser's dblclick
//! TIME blur                          the chart lost focus
//! ```
//!
//! Times in ms, positions in CSS px from the chart's corner.

use super::*;

fn parse(line: &str) -> Input {
    let t: Vec<&str> = line.split_whitespace().collect();
    let num = |i: usize| -> f64 { t[i].parse().unwrap() };
    let time = num(0);
    match t[1] {
        "timer" => Input::LongPressTimer,
        "blur" => Input::Blur,
        "dblclick" => Input::DoubleClick {
            time,
            x: num(2),
            y: num(3),
        },
        kind => Input::Pointer(Sample {
            time,
            id: t[2].parse().unwrap(),
            kind: PointerKind::from_dom(kind),
            phase: match t[3] {
                "down" => Phase::Down,
                "move" => Phase::Move,
                "up" => Phase::Up,
                "cancel" => Phase::Cancel,
                p => panic!("no phase {p}"),
            },
            x: num(4),
            y: num(5),
            button: t
                .get(6)
                .and_then(|b| b.strip_prefix('b'))
                .map_or(0, |b| b.parse().unwrap()),
        }),
    }
}

/// The intents of each line of a recording.
fn replay_on(r: &mut Recognizer, recording: &str) -> Vec<Vec<Intent>> {
    recording
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| r.feed(parse(l)))
        .collect()
}

fn replay(recording: &str) -> Vec<Vec<Intent>> {
    replay_on(&mut Recognizer::default(), recording)
}

fn all(recording: &str) -> Vec<Intent> {
    replay(recording).concat()
}

fn taps(intents: &[Intent]) -> usize {
    intents
        .iter()
        .filter(|i| matches!(i, Intent::Tap { .. } | Intent::DoubleTap { .. }))
        .count()
}

fn pans(intents: &[Intent]) -> Vec<f64> {
    intents
        .iter()
        .filter_map(|i| match i {
            Intent::Pan { dx } => Some(*dx),
            _ => None,
        })
        .collect()
}

fn flick(intents: &[Intent]) -> Option<f64> {
    intents.iter().find_map(|i| match i {
        Intent::Flick { velocity } => Some(*velocity),
        _ => None,
    })
}

#[test]
fn a_click_is_a_tap() {
    let out = replay(
        "
        1000 mouse 1 down 120 80
        1090 mouse 1 up   121 82
        ",
    );
    assert_eq!(out[0], [Intent::Press]);
    assert_eq!(out[1], [Intent::Tap { x: 121.0, y: 82.0 }]);
}

#[test]
fn a_drag_pans_with_the_pointer_and_a_slow_release_does_not_coast() {
    let out = replay(
        "
           0 mouse 1 down 100 50
          16 mouse 1 move 102 50
          32 mouse 1 move 110 51
          48 mouse 1 move 130 52
          64 mouse 1 move 125 52
         400 mouse 1 up   125 52
        ",
    );
    assert_eq!(out[1], [], "within the slop: nothing yet, and no hover");
    // The first pan covers the slop too: the content stays under the pointer.
    assert_eq!(out[2], [Intent::DragStart, Intent::Pan { dx: 10.0 }]);
    assert_eq!(out[3], [Intent::Pan { dx: 20.0 }]);
    assert_eq!(out[4], [Intent::Pan { dx: -5.0 }]);
    // Rested for more than 100 ms before the release: no flick, no tap.
    assert_eq!(out[5], [Intent::DragEnd]);
}

#[test]
fn a_vertical_move_beyond_the_slop_is_a_drag_too() {
    let out = all("
          0 pen 3 down 100 50
         20 pen 3 move 101 60
         40 pen 3 up   101 60
        ");
    assert!(out.contains(&Intent::DragStart));
    assert_eq!(pans(&out), [1.0]);
    assert_eq!(taps(&out), 0);
}

#[test]
fn a_flick_coasts_with_the_release_velocity() {
    // A finger swiping left at 1.25 px/ms, lifted while moving.
    let out = replay(
        "
          0 touch 7 down 300 200
         16 touch 7 move 280 200
         32 touch 7 move 260 201
         48 touch 7 move 240 201
         64 touch 7 move 220 202
         80 touch 7 move 200 202
         86 touch 7 up   200 202
        ",
    );
    assert_eq!(
        out[0],
        [Intent::Press, Intent::ClearHover, Intent::ArmLongPress]
    );
    assert_eq!(
        out[1],
        [
            Intent::CancelLongPress,
            Intent::DragStart,
            Intent::Pan { dx: -20.0 }
        ]
    );
    let last = &out[6];
    assert_eq!(last[0], Intent::DragEnd);
    let v = flick(last).expect("coasts");
    assert!((v + 1.25).abs() < 1e-9, "{v}");
    assert_eq!(taps(&out.concat()), 0);
}

#[test]
fn a_flick_too_slow_does_not_coast() {
    // 0.2 px/ms, below MIN_FLICK.
    let out = all("
          0 touch 1 down 100 100
         50 touch 1 move 110 100
        100 touch 1 move 120 100
        110 touch 1 up   120 100
        ");
    assert_eq!(flick(&out), None);
    assert!(out.contains(&Intent::DragEnd));
}

#[test]
fn a_long_press_shows_the_hover_and_lifting_is_no_tap() {
    let out = replay(
        "
          0 touch 4 down 150 90
        200 touch 4 move 152 91
        500 timer
        900 touch 4 up   152 91
        ",
    );
    assert!(out[0].contains(&Intent::ArmLongPress));
    assert_eq!(out[1], [], "a jitter within the slop keeps the press");
    // Where the finger came down.
    assert_eq!(out[2], [Intent::LongPress { x: 150.0, y: 90.0 }]);
    assert_eq!(out[3], [], "no tap after a long press");
}

#[test]
fn moving_cancels_a_long_press() {
    let out = replay(
        "
          0 touch 4 down 150 90
        120 touch 4 move 160 90
        500 timer
        ",
    );
    assert_eq!(out[1][0], Intent::CancelLongPress);
    // (A timer that fires all the same finds a drag, not a press.)
    assert_eq!(out[2], []);
}

#[test]
fn a_mouse_press_arms_no_long_press() {
    let out = all("
          0 mouse 1 down 150 90
        500 timer
        900 mouse 1 up 150 90
        ");
    assert!(!out.contains(&Intent::ArmLongPress));
    assert!(!out.iter().any(|i| matches!(i, Intent::LongPress { .. })));
    assert_eq!(taps(&out), 1, "a long click is a click");
}

#[test]
fn a_double_tap_zooms_and_the_browsers_dblclick_after_it_does_not() {
    let out = replay(
        "
          0 touch 1 down 100 100
         70 touch 1 up   101 100
        190 touch 2 down 108 104
        250 touch 2 up   110 104
        262 dblclick 110 104
        900 dblclick 300 40
        ",
    );
    assert_eq!(
        out[1],
        [Intent::CancelLongPress, Intent::Tap { x: 101.0, y: 100.0 }]
    );
    assert_eq!(
        out[3],
        [
            Intent::CancelLongPress,
            Intent::DoubleTap { x: 110.0, y: 104.0 }
        ]
    );
    assert_eq!(out[4], [], "the dblclick of the same taps");
    assert_eq!(out[5], [Intent::DoubleTap { x: 300.0, y: 40.0 }]);
}

#[test]
fn a_third_tap_starts_a_new_pair() {
    let out = all("
          0 touch 1 down 100 100
         50 touch 1 up   100 100
        100 touch 1 down 100 100
        150 touch 1 up   100 100
        200 touch 1 down 100 100
        250 touch 1 up   100 100
        ");
    let kinds: Vec<_> = out
        .iter()
        .filter(|i| matches!(i, Intent::Tap { .. } | Intent::DoubleTap { .. }))
        .collect();
    assert!(matches!(
        kinds[..],
        [
            Intent::Tap { .. },
            Intent::DoubleTap { .. },
            Intent::Tap { .. }
        ]
    ));
}

#[test]
fn a_double_click_is_two_clicks_then_the_browsers_dblclick() {
    let out = replay(
        "
          0 mouse 1 down 200 60
         60 mouse 1 up   200 60
        140 mouse 1 down 200 60
        200 mouse 1 up   200 60
        201 dblclick 200 60
        ",
    );
    assert_eq!(out[1], [Intent::Tap { x: 200.0, y: 60.0 }]);
    assert_eq!(out[3], [Intent::Tap { x: 200.0, y: 60.0 }]);
    assert_eq!(out[4], [Intent::DoubleTap { x: 200.0, y: 60.0 }]);
}

#[test]
fn near_miss_a_tap_that_moved_too_far_is_a_drag() {
    let out = replay(
        "
          0 touch 1 down 100 100
         40 touch 1 move 105 100
         80 touch 1 up   105 100
        ",
    );
    assert_eq!(taps(&out.concat()), 0);
    assert!(out[2].contains(&Intent::DragEnd));
    // Exactly the slop is still a tap.
    let out = all("
          0 touch 1 down 100 100
         40 touch 1 move 104 96
         80 touch 1 up   104 96
        ");
    assert_eq!(out.last(), Some(&Intent::Tap { x: 104.0, y: 96.0 }));
}

#[test]
fn near_miss_a_slow_second_tap_is_another_tap() {
    let out = all("
          0 touch 1 down 100 100
         50 touch 1 up   100 100
        300 touch 2 down 100 100
        350 touch 2 up   100 100
        ");
    // 300 ms between the releases: not a double tap.
    assert!(!out.iter().any(|i| matches!(i, Intent::DoubleTap { .. })));
    assert_eq!(taps(&out), 2);
    // Nor is a second tap 30 px away, however quick.
    let out = all("
          0 touch 1 down 100 100
         50 touch 1 up   100 100
        100 touch 2 down 130 100
        150 touch 2 up   130 100
        ");
    assert!(!out.iter().any(|i| matches!(i, Intent::DoubleTap { .. })));
    // And mouse clicks never pair up as taps (the browser's dblclick does that).
    let out = all("
          0 mouse 1 down 100 100
         50 mouse 1 up   100 100
        100 mouse 1 down 100 100
        150 mouse 1 up   100 100
        ");
    assert_eq!(
        out.iter()
            .filter(|i| matches!(i, Intent::Tap { .. }))
            .count(),
        2
    );
}

#[test]
fn a_pinch_zooms_about_the_midpoint() {
    let out = replay(
        "
          0 touch 1 down 100 100
         10 touch 2 down 200 100
         30 touch 2 move 250 100
         50 touch 1 move  50 100
         60 touch 3 down 400 100
         70 touch 3 move 420 100
        ",
    );
    assert_eq!(
        out[1],
        [
            Intent::CancelLongPress,
            Intent::Press,
            Intent::ClearHover,
            Intent::PinchStart { x: 150.0 }
        ]
    );
    assert_eq!(
        out[2],
        [Intent::Pinch {
            factor: 1.5,
            x: 175.0
        }]
    );
    assert_eq!(
        out[3],
        [Intent::Pinch {
            factor: 2.0,
            x: 150.0
        }]
    );
    // A third finger neither drags nor taps; the pinch goes on.
    assert_eq!(out[4], [Intent::Press, Intent::ClearHover]);
    assert_eq!(
        out[5],
        [Intent::Pinch {
            factor: 2.0,
            x: 150.0
        }]
    );
}

#[test]
fn lifting_a_finger_of_a_pinch_drags_on_without_a_jump() {
    let out = replay(
        "
          0 touch 1 down 100 100
         10 touch 2 down 200 100
         30 touch 2 move 250 100
         40 touch 2 up   250 100
         56 touch 1 move 102 100
         72 touch 1 move 120 100
         90 touch 1 up   120 100
        ",
    );
    assert_eq!(out[3], [Intent::PinchEnd]);
    // The other finger pans at once (no slop), from where it is.
    assert_eq!(out[4], [Intent::Pan { dx: 2.0 }]);
    assert_eq!(out[5], [Intent::Pan { dx: 18.0 }]);
    let last = &out[6];
    assert_eq!(taps(last), 0);
    assert!(
        !last.contains(&Intent::DragEnd),
        "it never showed as a drag"
    );
}

#[test]
fn near_miss_a_second_finger_mid_drag_ends_the_drag_and_the_tap() {
    let out = replay(
        "
          0 touch 1 down 100 100
         20 touch 1 move 120 100
         40 touch 2 down 300 100
         60 touch 1 move 140 100
         80 touch 1 up   140 100
        100 touch 2 up   300 100
        ",
    );
    assert!(out[1].contains(&Intent::DragStart));
    assert_eq!(out[2].last(), Some(&Intent::PinchStart { x: 210.0 }));
    assert_eq!(pans(&out[3]), Vec::<f64>::new(), "the pinch has it now");
    assert!(matches!(out[3][..], [Intent::Pinch { .. }]));
    assert_eq!(out[4], [Intent::DragEnd, Intent::PinchEnd]);
    let rest = out[5..].concat();
    assert_eq!(taps(&rest), 0);
    assert_eq!(flick(&rest), None);
}

#[test]
fn a_second_finger_cancels_a_long_press() {
    let out = replay(
        "
          0 touch 1 down 100 100
        100 touch 2 down 140 100
        500 timer
        ",
    );
    assert_eq!(out[1][0], Intent::CancelLongPress);
    assert_eq!(out[2], []);
}

#[test]
fn pointercancel_is_no_tap_and_no_flick() {
    let out = replay(
        "
          0 touch 1 down 100 100
         16 touch 1 move 140 100
         32 touch 1 move 180 100
         40 touch 1 cancel 180 100
        ",
    );
    assert_eq!(out[3], [Intent::DragEnd]);
    let out = replay(
        "
          0 touch 1 down 100 100
         60 touch 1 cancel 100 100
        ",
    );
    assert_eq!(out[1], [Intent::CancelLongPress]);
}

#[test]
fn a_cancelled_finger_of_a_pinch_ends_it() {
    let out = replay(
        "
          0 touch 1 down 100 100
         10 touch 2 down 200 100
         20 touch 2 cancel 200 100
         30 touch 1 move 90 100
        ",
    );
    assert_eq!(out[2], [Intent::PinchEnd]);
    assert_eq!(out[3], [Intent::Pan { dx: -10.0 }]);
}

#[test]
fn only_the_primary_button_presses() {
    let out = replay(
        "
          0 mouse 1 down 100 100 b2
         20 mouse 1 move 130 100
         40 mouse 1 up   130 100
        ",
    );
    assert_eq!(out[0], []);
    assert_eq!(out[1], [Intent::Hover { x: 130.0, y: 100.0 }]);
    assert_eq!(out[2], []);
}

#[test]
fn mouse_and_pen_hover_touch_does_not() {
    let out = all("
          0 mouse 1 move 10 20
          5 pen 2 move 11 21
         10 touch 3 move 12 22
        ");
    assert_eq!(
        out,
        [
            Intent::Hover { x: 10.0, y: 20.0 },
            Intent::Hover { x: 11.0, y: 21.0 }
        ]
    );
}

#[test]
fn losing_focus_ends_a_drag_where_it_is() {
    let out = replay(
        "
          0 mouse 1 down 100 100
         20 mouse 1 move 140 100
         30 blur
         40 mouse 1 move 150 100
         60 mouse 1 up   150 100
        ",
    );
    assert_eq!(out[2], [Intent::DragEnd]);
    assert_eq!(out[3], [Intent::Hover { x: 150.0, y: 100.0 }]);
    assert_eq!(out[4], [], "no tap, no flick");
}

#[test]
fn an_abandoned_pinch_does_nothing_until_a_finger_lifts() {
    let mut r = Recognizer::default();
    let out = replay_on(
        &mut r,
        "
          0 touch 1 down 100 100
         10 touch 2 down 200 100
        ",
    );
    assert!(matches!(out[1].last(), Some(Intent::PinchStart { .. })));
    r.abandon_pinch();
    let out = replay_on(
        &mut r,
        "
         30 touch 2 move 250 100
         40 touch 2 up   250 100
         50 touch 1 move 120 100
         60 touch 1 up   120 100
        ",
    );
    assert_eq!(out.concat(), []);
    assert!(!r.has_pointers());
}

#[test]
fn pointers_are_tracked_until_released() {
    let mut r = Recognizer::default();
    assert!(!r.has_pointers());
    replay_on(&mut r, "0 touch 1 down 1 1");
    assert!(r.has_pointers());
    replay_on(&mut r, "5 touch 1 up 1 1");
    assert!(!r.has_pointers());
    replay_on(&mut r, "6 mouse 1 down 1 1 b1");
    assert!(!r.has_pointers(), "a secondary press is not tracked");
}

/// Seeded random streams of pointer events from up to three pointers of
/// every kind (and timers, double clicks, blurs), in any order, even the
/// impossible: the recognizer never panics and what it says stays
/// consistent — a drag ends only after it started, the long press timer is
/// cancelled only when armed, a release is at most one tap, and every
/// number it gives is finite.
#[test]
fn random_streams_stay_consistent() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for run in 0..400 {
        let mut r = Recognizer::default();
        let (mut time, mut dragging, mut armed) = (0.0, false, false);
        for step in 0..250 {
            time += (next() % 400) as f64 / 2.0;
            let input = match next() % 12 {
                0 => Input::LongPressTimer,
                1 => Input::DoubleClick {
                    time,
                    x: (next() % 800) as f64,
                    y: (next() % 400) as f64,
                },
                2 => Input::Blur,
                _ => Input::Pointer(Sample {
                    time,
                    id: 1 + (next() % 3) as i32,
                    kind: [PointerKind::Mouse, PointerKind::Touch, PointerKind::Pen]
                        [(next() % 3) as usize],
                    phase: [
                        Phase::Down,
                        Phase::Move,
                        Phase::Move,
                        Phase::Up,
                        Phase::Cancel,
                    ][(next() % 5) as usize],
                    x: (next() % 8000) as f64 / 10.0,
                    y: (next() % 4000) as f64 / 10.0,
                    button: if next() % 8 == 0 { 2 } else { 0 },
                }),
            };
            let release = matches!(
                input,
                Input::Pointer(Sample {
                    phase: Phase::Up,
                    ..
                })
            );
            if input == Input::LongPressTimer {
                armed = false;
            }
            let out = r.feed(input);
            let at = format!("run {run}, step {step}: {input:?} -> {out:?}");
            if release {
                assert!(taps(&out) <= 1, "{at}");
            }
            for i in &out {
                match *i {
                    // (A pointer down beside stale ones starts a new drag
                    // while the old one still shows: one end ends both.)
                    Intent::DragStart => dragging = true,
                    Intent::DragEnd => {
                        assert!(dragging, "{at}");
                        dragging = false;
                    }
                    Intent::ArmLongPress => {
                        assert!(!armed, "{at}");
                        armed = true;
                    }
                    Intent::CancelLongPress => {
                        assert!(armed, "{at}");
                        armed = false;
                    }
                    Intent::Pan { dx } => assert!(dx.is_finite(), "{at}"),
                    Intent::Pinch { factor, x } => {
                        assert!(factor.is_finite() && factor > 0.0 && x.is_finite(), "{at}")
                    }
                    Intent::Flick { velocity } => {
                        assert!(velocity.is_finite() && velocity.abs() >= MIN_FLICK, "{at}")
                    }
                    _ => {}
                }
            }
        }
    }
}
