// Live data: a timeline that grows while you watch.
//
// Every second a new (simulated) sensor reading is appended with
// appendPoints(); every few seconds a (simulated) operations log entry is
// added with addEvents(), and an alert when the reading reaches a threshold.
// The view follows the newest reading until the reader moves it; "Follow
// live" catches up again.
//
// Nothing here is real data: the readings come from a formula and
// Math.random(), in this page.

import { Chronoscope } from "../chronoscope.js";

const SECOND = 1000;
const SPAN = 2 * 60 * SECOND;  // the view shows two minutes…
const LEAD = 0.1;              // …with 10% of empty room after the newest reading
const HISTORY = 75;            // seconds of readings made up before the page opened
const THRESHOLD = 23;          // °C: rising to it raises an alert…
const HYSTERESIS = 0.4;        // …and falling this far below it ends the alert
const LOG_EVERY = 5;           // seconds between operations log entries
const KEEP_LOG = 40;           // older log entries are removed

const container = document.getElementById("live");
const statusBox = document.getElementById("live-status");
const statusText = document.getElementById("live-state");
const counts = document.getElementById("live-counts");
const followButton = document.getElementById("follow");

// ---- the simulation ----------------------------------------------------------

// A swing of ±2.2 °C every two minutes around 21.5 °C, plus a little random
// drift, rounded to 0.1 °C like a cheap thermometer. The swing starts with
// the made-up history, so the first alert comes within a minute.
const PERIOD = 2 * 60 * SECOND;
const now = Math.floor(Date.now() / SECOND) * SECOND;
const phase0 = now - HISTORY * SECOND;
let drift = 0;
function reading(t) {
  drift = Math.max(-0.6, Math.min(0.6, drift + (Math.random() - 0.5) * 0.1));
  const swing = 2.2 * Math.sin((2 * Math.PI * (t - phase0)) / PERIOD);
  return Math.round((21.5 + swing + drift) * 10) / 10;
}

const OPERATIONS = ["Vent open", "Mist on", "Mist off", "Vent shut", "Shade drawn", "Fan up", "Shade open", "Fan down"];

// Times are written as dataset strings with second precision in UTC
// ("2024-05-01T09:30:05Z"), so cards show the time to the second.
const iso = (t) => new Date(t).toISOString().slice(0, 19) + "Z";

let logCount = 0;
let alertCount = 0;

function logEntry(t, value) {
  logCount += 1;
  return {
    id: `log-${logCount}`,
    start: iso(t),
    title: OPERATIONS[(logCount - 1) % OPERATIONS.length],
    text: `Simulated operations log entry no. ${logCount}. The reading was ${value.toFixed(1)} °C.`,
    group: "ops",
  };
}

function alertEntry(t, value, rising) {
  alertCount += 1;
  return {
    id: `alert-${alertCount}`,
    start: iso(t),
    title: rising ? `Reached ${THRESHOLD} °C` : "Back to normal",
    text: rising
      ? `Simulated alert: the reading rose to ${value.toFixed(1)} °C.`
      : `Simulated alert over: the reading fell to ${value.toFixed(1)} °C.`,
    group: "alerts",
  };
}

// An alert when the reading reaches the threshold, and another when it is
// clearly back below it (so noise around the threshold raises no flurry).
let above = false;
function alerts(t, v) {
  if (!above && v >= THRESHOLD) {
    above = true;
    return [alertEntry(t, v, true)];
  }
  if (above && v < THRESHOLD - HYSTERESIS) {
    above = false;
    return [alertEntry(t, v, false)];
  }
  return [];
}

const isLogTime = (t) => (t / SECOND) % LOG_EVERY === 0;

// ---- the first dataset: a little history, so the chart is not empty ----------

const times = [];
const values = [];
const events = [];
for (let s = HISTORY; s >= 0; s--) {
  const t = now - s * SECOND;
  const v = reading(t);
  events.push(...alerts(t, v));
  if (isLogTime(t)) events.push(logEntry(t, v));
  times.push(t);
  values.push(v);
}
let latest = now;

const dataset = {
  schemaVersion: 1,
  title: "Simulated sensor feed",
  description: "Made-up readings generated in this page, one a second, to show live data in Chronoscope.",
  locale: "en",
  groups: [
    { id: "alerts", label: "Alerts (simulated)", color: "#C8452F" },
    { id: "ops", label: "Operations log (simulated)", color: "#3D7EA6" },
  ],
  events,
  series: [
    {
      id: "reading",
      name: "Simulated sensor reading",
      unit: "°C",
      kind: "line",
      color: "#1F8A70",
      note: "Not a measurement: a formula and random numbers in this page make up one value a second.",
      points: { t: times, v: values },
    },
  ],
};

// ---- following the newest reading ---------------------------------------------

let timeline = null;
let following = true;
let ours = null;       // the window this script set last
let span = SPAN;       // the reader's zoom level is kept when following resumes

const same = (a, b) => Math.abs(a.start - b.start) < 1 && Math.abs(a.end - b.end) < 1;

function followLatest() {
  const end = latest + span * LEAD;
  ours = { start: end - span, end };
  timeline.setWindow(ours.start, ours.end);
}

function showState() {
  statusBox.dataset.state = following ? "live" : "paused";
  statusText.textContent = following
    ? "Live: following the newest reading"
    : "Paused: you moved the view; new readings still arrive";
  followButton.disabled = following;
}

// Counted here rather than with getData(), which writes out the whole
// dataset: fine now and then, wasteful every second.
let readings = times.length;
let eventCount = events.length;
let oldestLog = 1;     // log entries older than the newest KEEP_LOG are removed
function showCounts() {
  counts.textContent = `${readings} readings · ${eventCount} events`;
}

// ---- start -------------------------------------------------------------------------

const end0 = now + SPAN * LEAD;
timeline = await Chronoscope.create(container, {
  data: dataset,
  locale: "en",
  theme: "auto",
  start: end0 - SPAN,
  end: end0,
});
ours = timeline.getWindow();

// A window change that is not the one this script asked for is the reader's.
timeline.on("windowchange", (w) => {
  if (ours && same(w, ours)) return;
  if (following) {
    following = false;
    showState();
  }
});

followButton.addEventListener("click", () => {
  const w = timeline.getWindow();
  span = w.end - w.start;
  following = true;
  followLatest();
  showState();
});

setInterval(() => {
  // One reading per whole second of the real clock (a throttled background
  // tab simply leaves a gap).
  const t = Math.floor(Date.now() / SECOND) * SECOND;
  if (t <= latest) return;
  const v = reading(t);
  const add = alerts(t, v);
  if (isLogTime(t)) add.push(logEntry(t, v));
  latest = t;

  timeline.appendPoints("reading", [[t, v]]);
  readings += 1;
  if (add.length > 0) {
    timeline.addEvents(add);
    eventCount += add.length;
    while (logCount - oldestLog + 1 > KEEP_LOG) {
      timeline.removeEvents([`log-${oldestLog}`]);
      oldestLog += 1;
      eventCount -= 1;
    }
  }
  if (following) followLatest();
  showCounts();
}, SECOND);

showState();
showCounts();
