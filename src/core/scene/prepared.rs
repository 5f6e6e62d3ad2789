//! What layout needs from a dataset that no view changes, computed once per
//! dataset: lane membership, packed per-lane times, series ranges and pyramids.

use crate::core::data::lod::{Pyramid, SpanIndex};
use crate::core::data::model::Dataset;
use crate::core::data::time::{Ms, Precision};

/// What layout needs from a dataset that no view changes: which events go
/// in which lane, and each series' value range and smallest time step.
/// Computed once per dataset (not every frame).
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// Lanes in drawing order: the group (None for "Other" or for a dataset
    /// without groups) and its events' indices, in time order.
    pub lanes: Vec<(Option<usize>, Vec<usize>)>,
    /// Per series: (min, max) of its finite values, and the smallest
    /// positive gap between its times.
    pub series: Vec<(Option<(f64, f64)>, f64)>,
    /// `Dataset::extent`.
    pub extent: Option<(Ms, Ms)>,
    /// `Dataset::finest_precision`.
    pub finest: Option<Precision>,
    /// Per lane (as `lanes`): its events' times, packed so a frame reads
    /// them without touching the events themselves.
    pub lane_times: Vec<LaneTimes>,
    /// Per series: block minima/maxima for drawing dense data.
    pub pyramids: Vec<Pyramid>,
}

impl Prepared {
    pub fn new(ds: &Dataset) -> Self {
        let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); ds.groups.len() + 1];
        for (i, ev) in ds.events.iter().enumerate() {
            let slot = ev.group.unwrap_or(ds.groups.len());
            if let Some(v) = by_group.get_mut(slot) {
                v.push(i);
            }
        }
        let lanes: Vec<(Option<usize>, Vec<usize>)> = by_group
            .into_iter()
            .enumerate()
            .filter(|(_, evs)| !evs.is_empty())
            .map(|(g, evs)| ((g < ds.groups.len()).then_some(g), evs))
            .collect();
        let lane_times = lanes
            .iter()
            .map(|(_, evs)| LaneTimes::new(ds, evs))
            .collect();
        let series = ds
            .series
            .iter()
            .map(|s| {
                let gap =
                    s.t.windows(2)
                        .map(|w| w[1] - w[0])
                        .filter(|d| *d > 0.0)
                        .fold(f64::INFINITY, f64::min);
                (s.value_range(), gap)
            })
            .collect();
        Prepared {
            lanes,
            series,
            extent: ds.extent(),
            finest: ds.finest_precision(),
            lane_times,
            pyramids: ds.series.iter().map(|s| Pyramid::new(&s.v)).collect(),
        }
    }
}

/// A lane's events as a frame reads them: points (no duration) and spans
/// apart, each in start order, so the points in a window are one index
/// range found by binary search and the spans are found through their
/// [`SpanIndex`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneTimes {
    /// Points: start times and event indices.
    pub point_t: Vec<Ms>,
    pub point_ev: Vec<usize>,
    /// Spans: (start, end), event indices, and the index over their ends.
    pub span_t: Vec<[Ms; 2]>,
    pub span_ev: Vec<usize>,
    pub span_index: SpanIndex,
}

impl LaneTimes {
    /// `evs`: the lane's events, in time order.
    fn new(ds: &Dataset, evs: &[usize]) -> Self {
        let mut l = LaneTimes::default();
        for &i in evs {
            let Some(ev) = ds.events.get(i) else { continue };
            let (s, e) = (ev.start.ms, ev.end_ms());
            if e > s {
                l.span_t.push([s, e]);
                l.span_ev.push(i);
            } else {
                l.point_t.push(s);
                l.point_ev.push(i);
            }
        }
        l.span_index = SpanIndex::new(l.span_t.iter().map(|t| t[1]));
        l
    }
}
