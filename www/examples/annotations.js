// Annotations drawn on the chart with the `render` event.
//
// After every repaint of the chart the timeline calls each `render` listener
// with the chart's 2D context (in CSS pixels, inside save()/restore()),
// this frame's time → x mapping and the chart's rectangle. Whatever the listener draws is part of that
// frame, so the annotations stay glued to their dates while the reader
// drags and zooms: nothing to recompute, nothing to keep in sync.

import { Chronoscope } from "../chronoscope.js";

const element = document.getElementById("annotated");

// What to draw. Times are ms since 1970; Date.UTC keeps them in UTC, like
// the dataset's dates.
const MARKER = { time: Date.UTC(2015, 0, 1), label: "2015 · Innovation park opens" };
const BAND = {
  start: Date.UTC(2012, 0, 1),
  end: Date.UTC(2022, 0, 1),
  label: "2012–2021: the decade of the GDP and trade figures (assumed)",
};

// The colours are CSS custom properties of the element (examples.css): a
// light and a dark version come from the stylesheet, not from this file.
function colours() {
  const style = getComputedStyle(element);
  const prop = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    ink: prop("--annotation", "#c2255c"),
    band: prop("--annotation-band", "rgba(194, 37, 92, 0.08)"),
    halo: prop("--cs-bg", "#ffffff"),
    font: prop("--cs-font", "system-ui, sans-serif"),
  };
}

/** Text with a halo of the background colour, so it reads over the chart. */
function label(ctx, text, x, y, { ink, halo }) {
  ctx.lineJoin = "round";
  ctx.lineWidth = 4;
  ctx.strokeStyle = halo;
  ctx.strokeText(text, x, y);
  ctx.fillStyle = ink;
  ctx.fillText(text, x, y);
}

function draw(d) {
  const ctx = d.context;
  const c = colours();
  // d.plot is the chart: the time axis's width (the window's start to its
  // end), from the top down to the last chart pane. Below it are the
  // overview strip, which has a time scale of its own, and the zoom
  // buttons; keep the marks out of them.
  const { x: left, y: top, width, height } = d.plot;
  const right = left + width;
  const bottom = top + height;
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();

  // The band: a tint between two dates, labelled at its top left.
  const x1 = d.timeToX(BAND.start);
  const x2 = d.timeToX(BAND.end);
  if (x2 > left && x1 < right) {
    ctx.fillStyle = c.band;
    ctx.fillRect(x1, top, x2 - x1, height);
    ctx.font = `12px ${c.font}`;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    label(ctx, BAND.label, Math.max(x1, left) + 6, top + 5, c);
  }

  // The marker: a dashed vertical line on a whole pixel, and its label.
  const x = Math.round(d.timeToX(MARKER.time));
  if (x >= left && x <= right) {
    ctx.strokeStyle = c.ink;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);

    ctx.font = `600 12px ${c.font}`;
    ctx.textBaseline = "top";
    const w = ctx.measureText(MARKER.label).width;
    const flip = x + 8 + w > right; // near the right edge: label on the left
    ctx.textAlign = flip ? "right" : "left";
    label(ctx, MARKER.label, flip ? x - 6 : x + 6, top + 22, c);
  }
  // No restore() needed: the timeline saved the context before calling us
  // and restores it afterwards.
}

// The element is in the page with its own src: Chronoscope.create() hands
// back its timeline once the data is shown (at once if it already is).
// Subscribing to `render` repaints, so the marks appear straight away.
const timeline = await Chronoscope.create(element);
timeline.on("render", draw);
