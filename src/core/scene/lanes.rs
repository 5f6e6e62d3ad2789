//! Lanes and their rows: each lane is filled row by row, left to right; a
//! label that does not fit is shortened, then dropped, and only when markers
//! collide do events merge into a counted cluster, so labels never overlap.

use super::geometry::{metrics::*, *};
use super::prepared::*;
use crate::core::data::lod::{gallop, greater, lesser};
use crate::core::data::model::{Dataset, Rgb};
use crate::core::data::time::Ms;
use crate::core::i18n::lang::Lang;
use crate::core::i18n::strings::strings;
use crate::core::text::measure::{fit_text, Font, TextMeasure};
use crate::core::view::scale::TimeScale;

/// An item's horizontal extent and how to draw it, before a row is chosen.
/// Its label is worked out only when a row has room for it (most events of
/// a dense view end in a cluster and never need one).
struct Candidate {
    event: usize,
    /// Marker extent.
    m0: f64,
    m1: f64,
    x: f64,
    /// The right end of a span's bar.
    span_end: Option<f64>,
    /// A span's label goes inside its bar (once the label is worked out).
    label_inside: bool,
    /// Label text, its x and width (None when it cannot be shown at all),
    /// once worked out. Boxed: few candidates ever get one.
    label: Option<Option<Box<(String, f64, f64)>>>,
    /// The label may not go left of the marker (no row had room there).
    right_only: bool,
}

/// What candidates need to work out their labels.
struct LabelCx<'a> {
    ds: &'a Dataset,
    scale: &'a TimeScale,
    measure: &'a dyn TextMeasure,
    /// False when rows are too low for text.
    text_fits: bool,
}

impl Candidate {
    /// The label, worked out on first use (a span's label goes inside its
    /// bar when it fits there).
    fn label(&mut self, cx: &LabelCx) -> Option<&(String, f64, f64)> {
        if self.label.is_none() {
            let label = if cx.text_fits {
                self.work_out_label(cx)
            } else {
                None
            };
            self.label_inside = self.label_inside && label.is_some();
            self.label = Some(label.map(Box::new));
        }
        self.label.as_ref().and_then(Option::as_deref)
    }

    /// How the item is drawn, with or without its label.
    fn kind(&self, with_label: bool) -> ItemKind {
        match self.span_end {
            Some(x_end) => ItemKind::Span {
                x_end,
                label_inside: self.label_inside && with_label,
            },
            None => ItemKind::Point,
        }
    }

    fn work_out_label(&mut self, cx: &LabelCx) -> Option<(String, f64, f64)> {
        let title = cx.ds.events.get(self.event)?.title.as_str();
        let full_w = cx.measure.width(title, Font::Label);
        let mut label_inside = false;
        let mut label_x = self.m1 + LABEL_GAP;
        if let Some(b) = self.span_end {
            if b - self.x >= full_w.min(MAX_LABEL_W) + 12.0 {
                label_inside = true;
                label_x = self.x + 6.0;
            }
        }
        self.label_inside = label_inside;
        let room = if label_inside {
            self.span_end.unwrap_or(cx.scale.x1) - 6.0 - label_x
        } else {
            cx.scale.x1 - label_x
        };
        // A point near the right edge whose label would be cut there takes
        // it on its left, where there is more room: the view need not keep
        // empty time after the last event for its label.
        if self.span_end.is_none() && !self.right_only && room < full_w.min(MAX_LABEL_W) {
            let left_room = self.m0 - LABEL_GAP - cx.scale.x0;
            if left_room > room && left_room >= MIN_LABEL_W {
                return fit_text(title, Font::Label, left_room.min(MAX_LABEL_W), cx.measure)
                    .map(|(t, w)| (t, self.m0 - LABEL_GAP - w, w));
            }
        }
        if room < MIN_LABEL_W {
            return None;
        }
        fit_text(title, Font::Label, room.min(MAX_LABEL_W), cx.measure)
            .map(|(t, w)| (t, label_x, w))
    }

    /// Where the item starts with its label (a label left of its marker
    /// starts before it), once the label is worked out.
    fn left_edge(&self) -> f64 {
        match self.label.as_ref().and_then(Option::as_deref) {
            Some((_, lx, _)) => lesser(*lx, self.m0),
            None => self.m0,
        }
    }

    /// Where the item ends with its label (working the label out).
    fn full_end(&mut self, cx: &LabelCx) -> f64 {
        let m1 = self.m1;
        match self.label(cx) {
            Some((_, lx, lw)) => (lx + lw).max(m1),
            None => m1,
        }
    }
}

/// One row of a lane while it is being filled.
#[derive(Default)]
struct RowFill {
    /// Right edge of everything placed so far.
    end: f64,
    /// Right edge of everything but the last item (what remains when the
    /// last item's label is shortened or it becomes a cluster badge).
    before_last: f64,
    /// Index into the item list of the last item in this row, and the right
    /// edge of its marker.
    last: Option<(usize, f64)>,
}

impl RowFill {
    /// Makes item `i` (marker ending at `m1`, everything ending at `end`) the
    /// last of the row.
    fn push(&mut self, i: usize, m1: f64, end: f64) {
        self.before_last = self.end;
        self.end = self.end.max(end);
        self.last = Some((i, m1));
    }

    /// The last item now ends at `end` (its label shortened, dropped, or
    /// replaced by a badge).
    fn shrink_last(&mut self, end: f64) {
        self.end = self.before_last.max(end);
    }
}

/// The lane's events that overlap the window, as candidates in marker
/// order, made one at a time as they are asked for (a frame never holds a
/// list of every visible event).
///
/// Starts are sorted, so points' markers (sx − r) are, and so are spans'
/// (max(sx, x0)): a cursor over each runs in marker order, and the two are
/// merged as they go, ties in event (time) order, as a stable sort would.
struct Candidates<'a> {
    scale: &'a TimeScale,
    lane: &'a LaneTimes,
    /// The points in the window are `point_at..point_hi`.
    point_at: usize,
    point_hi: usize,
    /// The spans that may be in the window are `span_at..span_hi`.
    span_at: usize,
    span_hi: usize,
    /// The span found next (its index and marker start), not handed out yet.
    span: Option<(usize, f64)>,
}

fn candidates<'a>(scale: &'a TimeScale, lane: &'a LaneTimes) -> Candidates<'a> {
    let (from, to) = (scale.window.start, scale.window.end);
    let pt = &lane.point_t;
    let point_at = pt.partition_point(|&t| t < from);
    let point_hi = point_at + pt[point_at..].partition_point(|&t| t <= to);
    let (span_at, span_hi) = lane.span_index.range(
        |k| lane.span_t.get(k).map_or(f64::INFINITY, |t| t[0]),
        from,
        to,
    );
    let mut c = Candidates {
        scale,
        lane,
        point_at,
        point_hi: point_hi.min(lane.point_ev.len()),
        span_at,
        span_hi: span_hi.min(lane.span_t.len()).min(lane.span_ev.len()),
        span: None,
    };
    c.span = c.find_span();
    c
}

impl Candidates<'_> {
    /// The next span in the window after the span cursor, with its marker
    /// start.
    fn find_span(&mut self) -> Option<(usize, f64)> {
        let scale = self.scale;
        let from = scale.window.start;
        while self.span_at < self.span_hi {
            let k = self.span_at;
            self.span_at += 1;
            let [s, e] = self.lane.span_t[k];
            if e < from {
                continue;
            }
            return Some((k, greater(scale.t_to_x(s), scale.x0)));
        }
        None
    }

    /// The next point's index and marker start.
    fn peek_point(&self) -> Option<(usize, f64)> {
        let k = self.point_at;
        (k < self.point_hi).then(|| (k, self.scale.t_to_x(self.lane.point_t[k]) - MARKER_R))
    }

    /// Whether the span comes before the point (ties in event order).
    fn span_first(&self, span: (usize, f64), point: (usize, f64)) -> bool {
        let (se, pe) = (self.lane.span_ev[span.0], self.lane.point_ev[point.0]);
        (span.1, se) <= (point.1, pe)
    }

    /// Hands out up to `limit` of the next candidates whose markers start
    /// before `below`, as their events pushed onto `out` (what joining a
    /// cluster one at a time would do, without making each candidate).
    ///
    /// The events come out points first, then spans, not in marker order:
    /// a cluster's members are a set (listed sorted where they are shown).
    fn take_before(&mut self, below: f64, limit: usize, out: &mut Vec<usize>) {
        let scale = self.scale;
        let lane = self.lane;
        // Everything before `below` in one go, up to the limit: the points
        // are a run, and so are the spans (some of which may end before the
        // window and are left out). Searched no further than the limit, so
        // a call costs O(log limit) however long the run.
        let points_hi = self.point_hi.min(self.point_at.saturating_add(limit));
        let np = gallop(&lane.point_t[self.point_at..points_hi], |&t| {
            scale.t_to_x(t) - MARKER_R < below
        });
        let (k0, kb) = match self.span {
            Some((k, m0)) if m0 < below => {
                let rest = &lane.span_t[k..self.span_hi.min(k.saturating_add(limit))];
                let n = gallop(rest, |t| greater(scale.t_to_x(t[0]), scale.x0) < below);
                (k, k + n)
            }
            _ => (0, 0),
        };
        // All of them when within the limit, else as many as it allows:
        // every candidate before `below` joins the cluster whatever the
        // order (the edge only moves right as the badge grows), so points
        // go first.
        let take = np.min(limit);
        out.extend_from_slice(&lane.point_ev[self.point_at..self.point_at + take]);
        self.point_at += take;
        let mut left = limit - take;
        if kb > k0 && left > 0 {
            let from = scale.window.start;
            let mut k = k0;
            // Spans that start before the window may end before it too.
            while k < kb && left > 0 && lane.span_t[k][0] < from {
                if lane.span_t[k][1] >= from {
                    out.push(lane.span_ev[k]);
                    left -= 1;
                }
                k += 1;
            }
            // Those that start in it are in it: a run.
            let n = (kb - k).min(left);
            out.extend_from_slice(&lane.span_ev[k..k + n]);
            self.span_at = k + n;
            self.span = self.find_span();
        }
    }
}

impl Iterator for Candidates<'_> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        let scale = self.scale;
        let take_span = match (self.span, self.peek_point()) {
            (Some(a), Some(b)) => self.span_first(a, b),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_span {
            let (k, m0) = self.span?;
            self.span = self.find_span();
            let e = self.lane.span_t[k][1];
            let b = greater(lesser(scale.t_to_x(e), scale.x1), m0 + 2.0 * MARKER_R);
            Some(Candidate {
                event: self.lane.span_ev[k],
                m0,
                m1: b,
                x: m0,
                span_end: Some(b),
                label_inside: false,
                label: None,
                right_only: false,
            })
        } else {
            let k = self.point_at;
            self.point_at += 1;
            let sx = scale.t_to_x(self.lane.point_t[k]);
            Some(Candidate {
                event: self.lane.point_ev[k],
                m0: sx - MARKER_R,
                m1: sx + MARKER_R,
                x: sx,
                span_end: None,
                label_inside: false,
                label: None,
                right_only: false,
            })
        }
    }
}

/// The pixel column of a time, `floor(t_to_x(t))`, for decimating dense
/// series: a multiplication instead of a division, and a floor without a
/// call (`f64::floor` is one at opt-level "z" natively). Columns only group
/// points, so the last bit of rounding does not matter.
pub(super) fn column_of(scale: &TimeScale) -> impl Fn(Ms) -> i64 {
    let (x0, start) = (scale.x0, scale.window.start);
    let k = scale.width() / scale.window.span();
    move |t: Ms| {
        let x = x0 + (t - start) * k;
        let i = x as i64;
        if (i as f64) > x {
            i - 1
        } else {
            i
        }
    }
}

/// The most rows a lane asks for.
const MAX_LANE_ROWS: usize = 12;

/// Widths of cluster badges by the number of digits in their count.
struct BadgeWidths([f64; 21]);

impl BadgeWidths {
    fn new() -> Self {
        BadgeWidths([f64::NAN; 21])
    }

    fn get(&mut self, count: usize, measure: &dyn TextMeasure) -> f64 {
        let digits = count.checked_ilog10().map_or(1, |d| d as usize + 1);
        let slot = &mut self.0[digits.min(20)];
        if slot.is_nan() {
            *slot = (measure.width(&count.to_string(), Font::Badge) + 10.0).max(BADGE_H);
        }
        *slot
    }
}

/// Places candidates into `rows` rows; `row_start` gives a left limit per
/// row (the lane caption). Returns the items with their row index.
///
/// Each candidate goes to the first row where it fits with its label, else
/// with its marker only. If none has room, the label of the item covering
/// its spot is shortened (or dropped) to make room; only when markers
/// themselves collide does it join that item in a cluster.
fn place(
    mut cands: Candidates,
    rows: usize,
    row_start: &[f64],
    cx: &LabelCx,
) -> Vec<(Item, usize)> {
    let measure = cx.measure;
    let rows = rows.max(1);
    let mut fill: Vec<RowFill> = (0..rows)
        .map(|r| RowFill {
            end: row_start.get(r).copied().unwrap_or(f64::NEG_INFINITY),
            before_last: f64::NEG_INFINITY,
            last: None,
        })
        .collect();
    let caption_end = row_start.iter().copied().fold(f64::NEG_INFINITY, greater);
    let mut items: Vec<(Item, usize)> = Vec::new();
    // The full label text of each item, for shortening it later.
    let mut titles: Vec<String> = Vec::new();
    let mut badges = BadgeWidths::new();
    // The least row end, and the cluster a crowded candidate joins: both
    // stay valid until a row changes, so runs of events that all end in
    // one cluster cost O(1) each.
    let mut min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
    let mut target: Option<(usize, usize)> = None;
    while let Some(mut c) = cands.next() {
        let crowded = min_end + ITEM_GAP / 2.0 > c.m0;
        if crowded {
            if let Some((r, ii)) = target {
                let end = merge_into_cluster(&mut items[ii].0, c.event, &mut badges, measure);
                let before = (fill[r].end, fill[r].last);
                fill[r].shrink_last(end);
                fill[r].last = Some((ii, end));
                // Mostly the badge keeps its width (its count keeps its
                // number of digits) and nothing moved.
                if before != (fill[r].end, fill[r].last) {
                    min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
                }
                if min_end + ITEM_GAP / 2.0 <= c.m0 {
                    target = None;
                } else if let ItemKind::Cluster { members, .. } = &mut items[ii].0.kind {
                    // The crowded events that follow join too, while the
                    // count keeps its number of digits (so the badge keeps
                    // its width and no row changes): in one go.
                    let digits = members.len().checked_ilog10().unwrap_or(0) + 1;
                    let digits_end = 10usize.saturating_pow(digits);
                    let limit = digits_end.saturating_sub(members.len() + 1);
                    cands.take_before(min_end + ITEM_GAP / 2.0, limit, members);
                }
                continue;
            }
        }
        target = None;
        let mut chosen = None;
        if !crowded {
            if let Some(r) = fill.iter().position(|f| f.end + ITEM_GAP <= c.m0) {
                if c.label(cx).is_some() {
                    // A label on the marker's left needs its row clear
                    // from where the label starts.
                    // (and clear of the lane's caption, which may reach
                    // into the rows below its own).
                    let from = c.left_edge();
                    chosen = if from < c.m0 {
                        fill.iter()
                            .position(|f| f.end + ITEM_GAP <= from)
                            .filter(|_| caption_end + ITEM_GAP <= from)
                            .map(|r| (r, true))
                    } else {
                        Some((r, true))
                    };
                    if chosen.is_none() {
                        // No room on the left: the label goes right,
                        // shortened to the edge.
                        c.right_only = true;
                        c.label = None;
                        if c.label(cx).is_some() {
                            chosen = Some((r, true));
                        }
                    }
                }
            }
            if chosen.is_none() {
                chosen = fill
                    .iter()
                    .position(|f| f.end + ITEM_GAP / 2.0 <= c.m0)
                    .map(|r| (r, false));
            }
        }
        if chosen.is_none() {
            if let Some(r) = make_room(&mut fill, &mut items, &titles, &c, measure) {
                if fill[r].end + ITEM_GAP / 2.0 <= c.m0 {
                    let with_label = fill[r].end + ITEM_GAP <= c.m0
                        && c.label(cx).is_some()
                        && fill[r].end + ITEM_GAP <= c.left_edge()
                        && (c.left_edge() >= c.m0 || caption_end + ITEM_GAP <= c.left_edge());
                    chosen = Some((r, with_label));
                }
            }
        }
        match chosen {
            Some((r, keep_label)) => {
                let end = if keep_label { c.full_end(cx) } else { c.m1 };
                let label = if keep_label {
                    c.label.take().flatten().map(|b| *b)
                } else {
                    None
                };
                let kind = c.kind(keep_label);
                titles.push(label.as_ref().map(|l| l.0.clone()).unwrap_or_default());
                let item = Item {
                    event: c.event,
                    kind,
                    x: c.x,
                    y: 0.0,
                    color: Rgb::new(0, 0, 0),
                    label: label.map(|(text, x, w)| PlacedText {
                        x,
                        y: 0.0,
                        w,
                        text,
                        font: Font::Label,
                    }),
                    hit: Rect::new(c.m0, 0.0, c.m1 - c.m0, 0.0),
                };
                fill[r].push(items.len(), c.m1, end);
                items.push((item, r));
            }
            None => {
                let last_items = || {
                    fill.iter()
                        .enumerate()
                        .filter_map(|(r, f)| f.last.map(|(i, _)| (r, i)))
                };
                let is_span = |i: usize| matches!(items[i].0.kind, ItemKind::Span { .. });
                // Markers collide: join the nearest point (or cluster) as a cluster.
                let close = last_items()
                    .filter(|&(_, i)| !is_span(i))
                    .max_by(|a, b| items[a.1].0.hit.x.total_cmp(&items[b.1].0.hit.x));
                if let Some((r, ii)) = close {
                    let end = merge_into_cluster(&mut items[ii].0, c.event, &mut badges, measure);
                    fill[r].shrink_last(end);
                    fill[r].last = Some((ii, end));
                    min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
                    // The next crowded candidate joins the same cluster, as
                    // long as no label could be shortened for it instead.
                    let labelled = fill
                        .iter()
                        .any(|f| f.last.is_some_and(|(i, _)| items[i].0.label.is_some()));
                    target = (!labelled).then_some((r, ii));
                    continue;
                }
                // Only span bars cover this spot: draw the marker on the bar
                // (marks may overlap, labels may not), clearing the bar's label
                // from it.
                let Some((r, ii)) = last_items().next() else {
                    continue; // no row has anything: only with no room at all
                };
                // Keep the bar's label clear of the marker and of a badge
                // that may later grow from it.
                let (zone0, zone1) = (c.m0 - ITEM_GAP / 2.0, c.m0 + BADGE_MAX_W + ITEM_GAP / 2.0);
                if let Some(l) = &items[ii].0.label {
                    if l.x < zone1 && l.x + l.w > zone0 {
                        let room = zone0 - l.x;
                        let short = titles
                            .get(ii)
                            .filter(|_| room >= MIN_LABEL_W)
                            .and_then(|t| fit_text(t, Font::Label, room, measure));
                        let (span, _) = &mut items[ii];
                        match short {
                            Some((text, w)) => {
                                if let Some(l) = &mut span.label {
                                    l.w = w;
                                    l.text = text;
                                }
                            }
                            None => {
                                span.label = None;
                                if let ItemKind::Span { label_inside, .. } = &mut span.kind {
                                    *label_inside = false;
                                }
                            }
                        }
                    }
                }
                titles.push(String::new());
                let item = Item {
                    event: c.event,
                    kind: ItemKind::Point,
                    x: c.x,
                    y: 0.0,
                    color: Rgb::new(0, 0, 0),
                    label: None,
                    hit: Rect::new(c.m0, 0.0, c.m1 - c.m0, 0.0),
                };
                fill[r].push(items.len(), c.m1, c.m1);
                items.push((item, r));
            }
        }
        min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
    }
    items
}

/// Turns `item` into a cluster badge that also counts event `ev` (the badge
/// starts where the item started, which was clear of everything before it
/// in its row). Returns the badge's right edge.
fn merge_into_cluster(
    item: &mut Item,
    ev: usize,
    badges: &mut BadgeWidths,
    measure: &dyn TextMeasure,
) -> f64 {
    let bx = item.hit.x;
    let count = match &mut item.kind {
        ItemKind::Cluster { members, .. } => {
            members.push(ev);
            members.len()
        }
        _ => {
            item.kind = ItemKind::Cluster {
                members: vec![item.event, ev],
                badge: Rect::new(bx, 0.0, 0.0, 0.0),
            };
            2
        }
    };
    let bw = badges.get(count, measure);
    if let ItemKind::Cluster { badge, .. } = &mut item.kind {
        *badge = Rect::new(bx, -BADGE_H / 2.0, bw, BADGE_H);
    }
    item.x = bx + bw / 2.0;
    item.label = None;
    item.hit = Rect::new(bx, 0.0, bw, 0.0);
    bx + bw
}

/// Shortens or drops the label of the last item of some row so that the
/// marker of `c` fits after it. Returns the row.
fn make_room(
    fill: &mut [RowFill],
    items: &mut [(Item, usize)],
    titles: &[String],
    c: &Candidate,
    measure: &dyn TextMeasure,
) -> Option<usize> {
    // The row whose last label can stay the longest.
    let mut best: Option<(usize, usize, f64)> = None;
    for (r, f) in fill.iter().enumerate() {
        let Some((ii, _)) = f.last else { continue };
        let Some(l) = &items[ii].0.label else {
            continue;
        };
        if l.x < items[ii].0.hit.x {
            continue; // a label left of its marker ends before the marker
        }
        let room = c.m0 - ITEM_GAP - l.x;
        if best.is_none_or(|(_, _, br)| room > br) {
            best = Some((r, ii, room));
        }
    }
    if let Some((r, ii, room)) = best.filter(|b| b.2 >= MIN_LABEL_W) {
        let text = titles
            .get(ii)
            .and_then(|t| fit_text(t, Font::Label, room, measure));
        let m1 = fill[r].last.map_or(f64::INFINITY, |l| l.1);
        if let (Some((text, w)), true) = (text, m1 + ITEM_GAP / 2.0 <= c.m0) {
            if let Some(l) = &mut items[ii].0.label {
                l.text = text;
                l.w = w;
                fill[r].shrink_last(m1.max(l.x + w));
                return Some(r);
            }
        }
    }
    // Drop a label entirely where the marker leaves room.
    for (r, f) in fill.iter_mut().enumerate() {
        let Some((ii, m1)) = f.last else { continue };
        let right_label = items[ii]
            .0
            .label
            .as_ref()
            .is_some_and(|l| l.x >= items[ii].0.hit.x);
        if right_label && m1 + ITEM_GAP / 2.0 <= c.m0 {
            let (item, _) = &mut items[ii];
            item.label = None;
            if let ItemKind::Span { label_inside, .. } = &mut item.kind {
                *label_inside = false;
            }
            f.shrink_last(m1);
            return Some(r);
        }
    }
    None
}

/// Row counts needed per lane (no limit), then lanes laid out with the rows
/// that fit, then items placed.
pub(super) fn lanes_and_items(
    ds: &Dataset,
    prepared: &Prepared,
    scale: &TimeScale,
    area: &Rect,
    lang: Lang,
    measure: &dyn TextMeasure,
) -> (Vec<Lane>, Vec<Item>) {
    if ds.events.is_empty() || area.h <= 0.0 {
        return (Vec::new(), Vec::new());
    }
    let single = ds.groups.is_empty();
    let caption_text = |g: Option<usize>| -> Option<String> {
        if single {
            return None;
        }
        Some(match g {
            Some(i) => ds.groups[i].label.clone(),
            None => strings(lang).other_lane.to_string(),
        })
    };

    // Pass 1: rows each lane wants (labels as if text fits).
    let wide = LabelCx {
        ds,
        scale,
        measure,
        text_fits: true,
    };
    let mut lanes_wanted = Vec::new();
    let no_times = LaneTimes::default();
    for (li, (g, _)) in prepared.lanes.iter().enumerate() {
        let cands = candidates(scale, prepared.lane_times.get(li).unwrap_or(&no_times));
        let (caption, caption_w) =
            match caption_text(*g).and_then(|t| fit_text(&t, Font::Caption, 160.0, measure)) {
                Some((t, w)) => (Some(t), w),
                None => (None, 0.0),
            };
        // Greedy fill (the caption reserves the start of the first row),
        // capped at MAX_LANE_ROWS rows a lane.
        let mut ends: Vec<f64> = Vec::new();
        if caption.is_some() {
            ends.push(scale.x0 + caption_w + 2.0);
        }
        let mut min_end = ends.iter().copied().fold(f64::INFINITY, f64::min);
        for mut c in cands {
            if ends.len() >= MAX_LANE_ROWS {
                break; // the most a lane gets: the rest cannot change it
            }
            if min_end + ITEM_GAP > c.m0 {
                ends.push(c.full_end(&wide));
            } else if let Some(r) = ends.iter().position(|&e| e + ITEM_GAP <= c.m0) {
                ends[r] = c.full_end(&wide);
            }
            min_end = ends.iter().copied().fold(f64::INFINITY, f64::min);
        }
        let need = ends.len().max(1);
        lanes_wanted.push((li, *g, caption, caption_w, need));
    }

    // Pass 2: share the rows.
    let n = lanes_wanted.len();
    let max_rows = ((area.h / ROW_MIN).floor() as usize).max(n);
    let wanted: Vec<usize> = lanes_wanted.iter().map(|p| p.4).collect();
    let rows = share_rows(&wanted, max_rows);
    let total_rows: usize = rows.iter().sum::<usize>().max(1);
    let row_h =
        (area.h / total_rows as f64).clamp(ROW_MIN.min(area.h / total_rows as f64), ROW_MAX);
    let extra = (area.h - row_h * total_rows as f64).max(0.0) / n.max(1) as f64;
    // Rows too low for a line of text get markers only, and badges no
    // taller than a row (their count is then left out).
    let text_fits = row_h >= Font::Label.size() * 1.3 + 1.0;
    let badge_h = BADGE_H.min(row_h - 1.0).max(0.0);

    let mut lanes = Vec::with_capacity(n);
    let mut items = Vec::new();
    let mut y = area.y;
    let cx = LabelCx {
        ds,
        scale,
        measure,
        text_fits,
    };
    for ((li, g, caption, caption_w, _need), r) in lanes_wanted.into_iter().zip(rows) {
        let caption = caption.filter(|_| text_fits);
        // Made again rather than kept from pass 1: labels are worked out
        // again (with `text_fits` now known), for the few candidates that
        // get a row with room.
        let cands = candidates(scale, prepared.lane_times.get(li).unwrap_or(&no_times));
        let lane_h = r as f64 * row_h + extra;
        let pad = extra / 2.0;
        let row_y = |row: usize| y + pad + (row as f64 + 0.5) * row_h;
        let color = group_color(ds, g);
        // With several rows the caption reserves the start of the first row.
        let caption_end = scale.x0 + caption_w + 2.0;
        let reserve = caption.is_some() && r >= 2;
        let starts: Vec<f64> = if reserve {
            vec![caption_end]
        } else {
            Vec::new()
        };
        let placed = place(cands, r, &starts, &cx);
        let first_row0 = placed
            .iter()
            .filter(|(_, row)| *row == 0)
            .map(|(it, _)| {
                it.label
                    .as_ref()
                    .map_or(it.hit.x, |l| lesser(l.x, it.hit.x))
            })
            .fold(f64::INFINITY, f64::min);
        let show_caption = reserve || first_row0 >= caption_end + ITEM_GAP;
        let caption = caption.filter(|_| show_caption).map(|text| PlacedText {
            x: scale.x0 + 2.0,
            y: row_y(0),
            w: caption_w,
            text,
            font: Font::Caption,
        });
        for (mut it, row) in placed {
            let cy = row_y(row);
            it.y = cy;
            it.color = color;
            if let Some(l) = &mut it.label {
                l.y = cy;
            }
            let h = match &it.kind {
                ItemKind::Point => 2.0 * MARKER_R,
                ItemKind::Span { label_inside, .. } => {
                    if *label_inside {
                        SPAN_H
                    } else {
                        8.0
                    }
                }
                ItemKind::Cluster { .. } => badge_h,
            };
            if let ItemKind::Cluster { badge, .. } = &mut it.kind {
                badge.h = badge_h;
                badge.y = cy - badge_h / 2.0;
            }
            it.hit = Rect::new(it.hit.x, cy - h / 2.0, it.hit.w, h).at_least(MIN_TARGET);
            items.push(it);
        }
        lanes.push(Lane {
            group: g,
            y,
            h: lane_h,
            rows: r,
            color,
            caption,
        });
        y += lane_h;
    }
    (lanes, items)
}

/// Distributes `total` rows: every lane gets one, then a second where it
/// wants one (so its caption has room), then rows go one at a time to the
/// lane with the largest unmet need.
pub(super) fn share_rows(wanted: &[usize], total: usize) -> Vec<usize> {
    let mut rows = vec![1usize; wanted.len()];
    let mut left = total.saturating_sub(wanted.len());
    for (i, w) in wanted.iter().enumerate() {
        if left > 0 && *w >= 2 {
            rows[i] = 2;
            left -= 1;
        }
    }
    while left > 0 {
        let next = (0..wanted.len())
            .filter(|&i| wanted[i] > rows[i])
            .max_by_key(|&i| (wanted[i] - rows[i], usize::MAX - i));
        match next {
            Some(i) => {
                rows[i] += 1;
                left -= 1;
            }
            None => break,
        }
    }
    rows
}
