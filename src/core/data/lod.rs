//! Level of detail: what lets a frame cost the same at a million points as
//! at a thousand.
//!
//! - [`Pyramid`]: min/max of a series' values over aligned blocks of 16,
//!   256, 4096, … points, built once per dataset. [`walk`] visits a visible
//!   range as single points and whole blocks that fall in one pixel column,
//!   so decimating to min/max per column touches O(columns × levels)
//!   entries instead of every point.
//! - [`SpanIndex`]: for events sorted by start, the running maximum of
//!   their ends, so the events overlapping a window are found by two binary
//!   searches.

use crate::core::data::time::Ms;

/// log2 of the pyramid's branching factor (16).
const SHIFT: u32 = 4;

/// Block minima and maxima of one series, level by level (blocks of
/// 16^(k+1) points). A block with a gap (a non-finite value) has NaN as its
/// minimum and is never used whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pyramid {
    levels: Vec<Level>,
}

#[derive(Clone, Debug, PartialEq)]
struct Level {
    shift: u32,
    min: Vec<f64>,
    max: Vec<f64>,
}

impl Pyramid {
    /// Builds the levels that have at least two blocks.
    pub fn new(v: &[f64]) -> Self {
        let mut levels: Vec<Level> = Vec::new();
        let mut shift = SHIFT;
        while v.len() >> shift >= 2 {
            let n = v.len() >> shift;
            let (mut min, mut max) = (Vec::with_capacity(n), Vec::with_capacity(n));
            for k in 0..n {
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                match levels.last() {
                    // From the level below: 16 blocks.
                    Some(below) => {
                        let b = k << SHIFT;
                        for j in b..b + (1 << SHIFT) {
                            lo = lesser(lo, below.min[j]);
                            hi = greater(hi, below.max[j]);
                            if below.min[j].is_nan() {
                                lo = f64::NAN;
                                break;
                            }
                        }
                    }
                    None => {
                        for &x in &v[k << shift..(k + 1) << shift] {
                            if !x.is_finite() {
                                lo = f64::NAN;
                                break;
                            }
                            lo = lesser(lo, x);
                            hi = greater(hi, x);
                        }
                    }
                }
                min.push(lo);
                max.push(hi);
            }
            levels.push(Level { shift, min, max });
            shift += SHIFT;
        }
        Pyramid { levels }
    }

    /// Bytes held (for memory accounting).
    pub fn bytes(&self) -> usize {
        self.levels.iter().map(|l| l.min.len() * 16).sum()
    }
}

/// One step of [`walk`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// Point `i` on its own.
    Point(usize),
    /// Points `first..=last`, all finite and in one column, with the least
    /// and greatest of their values.
    Block {
        first: usize,
        last: usize,
        min: f64,
        max: f64,
    },
}

/// Visits points `lo..hi` of a series (times `t`, sorted) in order, with
/// their column (`column(t)`, which must not decrease as `t` grows): each
/// column's points as whole pyramid blocks where a block has no gap, else
/// point by point. A column's end is found by galloping search, so a column
/// of a thousand points costs a few dozen steps.
pub fn walk(
    t: &[Ms],
    pyramid: &Pyramid,
    lo: usize,
    hi: usize,
    column: impl Fn(Ms) -> i64,
    mut visit: impl FnMut(i64, Step),
) {
    let hi = hi.min(t.len());
    let mut i = lo;
    while i < hi {
        let c = column(t[i]);
        // The first index past column c: gallop, then bisect.
        let (mut inside, mut outside) = (i, hi);
        let mut span = 1;
        while inside + span < hi {
            if column(t[inside + span]) == c {
                inside += span;
                span *= 2;
            } else {
                outside = inside + span;
                break;
            }
        }
        while outside - inside > 1 {
            let mid = inside + (outside - inside) / 2;
            if column(t[mid]) == c {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        let end = outside;
        // Points i..end: the largest aligned gap-free blocks that fit.
        let mut k = i;
        'points: while k < end {
            // Only levels whose blocks are aligned at k: as many as the
            // trailing zero bits of k allow (most k: none).
            let aligned = (k.trailing_zeros() / SHIFT) as usize;
            let levels = &pyramid.levels[..aligned.min(pyramid.levels.len())];
            for level in levels.iter().rev() {
                let size = 1usize << level.shift;
                if k + size > end {
                    continue;
                }
                let b = k >> level.shift;
                let (Some(&min), Some(&max)) = (level.min.get(b), level.max.get(b)) else {
                    continue;
                };
                if min.is_nan() {
                    continue;
                }
                visit(
                    c,
                    Step::Block {
                        first: k,
                        last: k + size - 1,
                        min,
                        max,
                    },
                );
                k += size;
                continue 'points;
            }
            visit(c, Step::Point(k));
            k += 1;
        }
        i = end;
    }
}

/// The lesser of two numbers; the first when the second is NaN. For hot
/// loops over finite values: `f64::min` is a call to `fmin` in wasm32 (its
/// NaN rule has no instruction) and at opt-level "z" natively.
#[inline(always)]
pub fn lesser(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// The greater of two numbers; the first when the second is NaN (see
/// [`lesser`]).
#[inline(always)]
pub fn greater(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// `slice.partition_point(pred)`, searched from the front by doubling steps
/// before bisecting: O(log k) for an answer k, cheap when it is small.
pub fn gallop<T>(slice: &[T], pred: impl Fn(&T) -> bool) -> usize {
    let mut step = 1;
    while step <= slice.len() && pred(&slice[step - 1]) {
        step *= 2;
    }
    // Everything before step / 2 holds; the answer is below `step`.
    let lo = step / 2;
    let hi = step.min(slice.len());
    lo + slice[lo..hi].partition_point(pred)
}

/// Finds the events (sorted by start) that overlap a time window.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpanIndex {
    /// `max_end[i]`: the latest end among events `0..=i`.
    max_end: Vec<Ms>,
}

impl SpanIndex {
    /// `starts` and `ends` of events in start order.
    pub fn new(ends: impl Iterator<Item = Ms>) -> Self {
        let mut m = f64::NEG_INFINITY;
        SpanIndex {
            max_end: ends
                .map(|e| {
                    m = m.max(e);
                    m
                })
                .collect(),
        }
    }

    /// The index range that holds every event with `end >= from` and
    /// `start <= to` (it may hold some that end before `from`).
    pub fn range(&self, starts: impl Fn(usize) -> Ms, from: Ms, to: Ms) -> (usize, usize) {
        let lo = self.max_end.partition_point(|&e| e < from);
        let (mut a, mut b) = (lo, self.max_end.len());
        while a < b {
            let mid = a + (b - a) / 2;
            if starts(mid) <= to {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        (lo, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallop_is_partition_point() {
        for len in 0..70usize {
            let v: Vec<usize> = (0..len).collect();
            for cut in 0..=len {
                assert_eq!(gallop(&v, |&x| x < cut), cut, "len {len} cut {cut}");
            }
        }
    }

    /// (column, first, min, max, last) per column run.
    type Cols = Vec<(i64, f64, f64, f64, f64)>;

    fn brute(t: &[Ms], v: &[f64], lo: usize, hi: usize, col: impl Fn(Ms) -> i64) -> Cols {
        // (column, first, min, max, last) over finite runs, split at gaps.
        let mut out: Cols = Vec::new();
        let mut open = false;
        for i in lo..hi {
            if !v[i].is_finite() {
                open = false;
                out.push((i64::MIN, f64::NAN, 0.0, 0.0, 0.0));
                continue;
            }
            let c = col(t[i]);
            match out.last_mut() {
                Some(o) if open && o.0 == c => {
                    o.2 = o.2.min(v[i]);
                    o.3 = o.3.max(v[i]);
                    o.4 = v[i];
                }
                _ => out.push((c, v[i], v[i], v[i], v[i])),
            }
            open = true;
        }
        out
    }

    fn via_walk(
        t: &[Ms],
        v: &[f64],
        p: &Pyramid,
        lo: usize,
        hi: usize,
        col: impl Fn(Ms) -> i64 + Copy,
    ) -> (Cols, usize) {
        let mut out: Cols = Vec::new();
        let mut open = false;
        let mut steps = 0;
        walk(t, p, lo, hi, col, |c0, s| {
            steps += 1;
            let (i0, i1, mn, mx) = match s {
                Step::Point(i) => {
                    if !v[i].is_finite() {
                        open = false;
                        out.push((i64::MIN, f64::NAN, 0.0, 0.0, 0.0));
                        return;
                    }
                    (i, i, v[i], v[i])
                }
                Step::Block {
                    first,
                    last,
                    min,
                    max,
                } => (first, last, min, max),
            };
            let c = col(t[i0]);
            assert_eq!(c, col(t[i1]));
            assert_eq!(c, c0);
            match out.last_mut() {
                Some(o) if open && o.0 == c => {
                    o.2 = o.2.min(mn);
                    o.3 = o.3.max(mx);
                    o.4 = v[i1];
                }
                _ => out.push((c, v[i0], mn, mx, v[i1])),
            }
            open = true;
        });
        (out, steps)
    }

    fn same(a: &[(i64, f64, f64, f64, f64)], b: &[(i64, f64, f64, f64, f64)]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.0 == y.0
                    && (x.1 == y.1 || (x.1.is_nan() && y.1.is_nan()))
                    && x.2 == y.2
                    && x.3 == y.3
                    && x.4 == y.4
            })
    }

    #[test]
    fn walking_blocks_gives_the_same_columns_as_every_point() {
        let mut seed = 7u64;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for case in 0..40 {
            let n = [0, 1, 15, 16, 17, 300, 4096, 5000, 70_000][case % 9];
            let t: Vec<Ms> = (0..n).map(|i| i as f64 * 10.0).collect();
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    if rnd() < 0.0005 * (case % 3) as f64 {
                        f64::NAN
                    } else {
                        (rnd() * 1000.0).round()
                    }
                })
                .collect();
            let p = Pyramid::new(&v);
            let per_col = 1.0 + rnd() * 3000.0;
            let col = move |t: Ms| (t / 10.0 / per_col).floor() as i64;
            let lo = (rnd() * n as f64 * 0.3) as usize;
            let hi = n - (rnd() * n as f64 * 0.3) as usize;
            let (got, steps) = via_walk(&t, &v, &p, lo, hi.max(lo), col);
            let want = brute(&t, &v, lo, hi.max(lo), col);
            assert!(
                same(&got, &want),
                "case {case}: n {n}, {lo}..{hi}, {per_col} points a column"
            );
            if n >= 5000 && case % 3 == 0 {
                // far fewer steps than points when columns hold many points
                let columns = want.len().max(1);
                assert!(
                    steps <= columns * 2 * 16 * 4 + 64,
                    "{steps} steps for {columns} columns"
                );
            }
        }
    }

    #[test]
    fn a_million_points_take_few_steps() {
        let n = 1_000_000;
        let t: Vec<Ms> = (0..n).map(|i| i as f64).collect();
        let v: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64).collect();
        let p = Pyramid::new(&v);
        assert!(p.bytes() < n * 16 / 15 + 64, "{} bytes", p.bytes());
        let mut steps = 0;
        walk(
            &t,
            &p,
            0,
            n,
            |t| (t / 1000.0).floor() as i64,
            |_, _| steps += 1,
        );
        assert!(steps < 1000 * 40, "{steps} steps for 1,000 columns");
    }

    #[test]
    fn span_index_finds_overlapping_events() {
        // (start, end) sorted by start
        let ev = [
            (0.0, 100.0),
            (10.0, 10.0),
            (20.0, 30.0),
            (50.0, 60.0),
            (70.0, 70.0),
        ];
        let idx = SpanIndex::new(ev.iter().map(|e| e.1));
        let starts = |i: usize| ev[i].0;
        for (from, to) in [
            (0.0, 5.0),
            (25.0, 55.0),
            (61.0, 69.0),
            (65.0, 200.0),
            (101.0, 200.0),
            (-10.0, -1.0),
        ] {
            let (a, b) = idx.range(starts, from, to);
            for (i, e) in ev.iter().enumerate() {
                let overlaps = e.1 >= from && e.0 <= to;
                assert!(
                    !overlaps || (a..b).contains(&i),
                    "{from}..{to}: event {i} outside {a}..{b}"
                );
            }
        }
        assert_eq!(idx.range(starts, 101.0, 200.0), (5, 5));
    }
}
