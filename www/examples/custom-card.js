// Custom cards, tooltips and formats.
//
// renderCard and renderTooltip return DOM nodes built with
// document.createElement and textContent: dataset strings are never parsed
// as HTML, so a title like "<img onerror=…>" is shown as text. formatDate
// and formatValue change how dates and numbers read where the widget writes
// them (value axes, value labels, crosshair readings, default cards and
// tooltips); returning null keeps the widget's default for that case.

import { Chronoscope } from "../chronoscope.js";

// ---- formats ----------------------------------------------------------------------

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
});

/** Dates: "January 2022", "Sun 6 Nov 2022"; anything else as the widget writes it. */
function formatDate(time) {
  if (time.precision === "month") return MONTH.format(time.ms);
  if (time.precision === "day") return DAY.format(time.ms).replace(",", "");
  return null; // years, times of day, deep time: the default
}

// The dataset counts in units of 100 million; readers think in billions.
// The text formatValue returns is shown as it is, so it carries its own
// unit (the widget adds the series' `unit` only to its built-in format).
const BN = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
const MONEY = { "sip-gdp": "¥", "sip-trade": "US$" };

/** Values: "¥333 bn", "US$112 bn". */
function formatValue(value, series) {
  const symbol = MONEY[series.id];
  return symbol ? `${symbol}${BN.format(value / 10)} bn` : null;
}

// The same date style in our own card and tooltip: a dataset time string
// ("1994", "2022-01", "2022-11-06") turned into what formatDate receives.
function eventDate(event) {
  if (event.displayDate) return event.displayDate;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(event.start));
  if (!m) return String(event.start);
  const [, y, mo, d] = m;
  const ms = Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1);
  const precision = d ? "day" : mo ? "month" : "year";
  return formatDate({ ms, precision, offsetMinutes: null, lang: "en" }) ?? y;
}

// ---- building nodes -----------------------------------------------------------------

/** document.createElement with a class and text (text only, never HTML). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// The card sits inside the widget's shadow root, where this page's
// stylesheets do not reach. So our nodes bring their own: a shadow root
// with a constructed stylesheet (allowed under a strict CSP, unlike a
// <style> element or style="" attributes). The widget's colours arrive as
// inherited custom properties (--cs-text, --cs-muted, …).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; }
  .clip { color: var(--cs-text); font-size: 14px; line-height: 1.55; }
  .meta { margin: 2px 0 10px; color: var(--cs-muted); }
  .lane { display: flex; align-items: center; gap: 6px; font-size: 12px; font-weight: 700;
          letter-spacing: 0.06em; text-transform: uppercase; }
  .swatch { width: 10px; height: 10px; border-radius: 2px; background: var(--lane, currentColor); }
  .when { display: block; margin-top: 2px; font-size: 13px; }
  .text { margin: 0; padding: 2px 0 2px 12px; border-left: 3px solid var(--lane, currentColor);
          font-family: Georgia, "Iowan Old Style", "Noto Serif", "Liberation Serif", serif; font-size: 15px; }
  .source { margin: 10px 0 0; color: var(--cs-muted); font-size: 12px; }
  .id { margin: 6px 0 0; color: var(--cs-muted); font-size: 12px; }
  code { padding: 1px 5px; border-radius: 4px; background: var(--cs-stripe);
         font: 12px ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
  .tip { border-left: 3px solid var(--lane, currentColor); padding-left: 8px;
         color: var(--cs-text); font-size: 13px; line-height: 1.4; }
  .tip strong { display: block; }
  .tip span { color: var(--cs-muted); font-size: 12px; }
`);

function withStyles(className, ...children) {
  const host = el("div", className);
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [sheet];
  root.append(...children);
  return host;
}

let lanes = new Map(); // group id → { label, color }

function lane(event) {
  return lanes.get(event.group) ?? { label: "Other", color: "#777788" };
}

/**
 * The card's content. The widget keeps the card's title (the event's title,
 * which also names the card for screen readers), its close button and
 * Previous / Next; this replaces what is below the title.
 */
function renderCard(event) {
  const { label, color } = lane(event);
  const clip = el("div", "clip");
  clip.style.setProperty("--lane", color); // CSSOM, not a style attribute: fine under CSP

  const meta = el("p", "meta");
  const laneTag = el("span", "lane");
  laneTag.append(el("span", "swatch"), el("span", "", label));
  meta.append(laneTag, el("span", "when", eventDate(event)));
  clip.append(meta);
  if (event.text) clip.append(el("p", "text", event.text));
  if (event.source) clip.append(el("p", "source", `Source: ${event.source.name}`));
  const id = el("p", "id", "Event id ");
  id.append(el("code", "", event.id));
  clip.append(id);
  return withStyles("custom-card", clip);
}

/** The tooltip: title, date and lane, with the lane's colour. */
function renderTooltip(event) {
  const tip = el("div", "tip");
  tip.style.setProperty("--lane", lane(event).color);
  tip.append(el("strong", "", event.title), el("span", "", `${eventDate(event)} · ${lane(event).label}`));
  return withStyles("custom-tooltip", tip);
}

// ---- the timeline -------------------------------------------------------------------

const timeline = await Chronoscope.create(document.getElementById("custom"), {
  src: "../data/sip.en.json",
  locale: "en",
  theme: "auto",
  renderCard,
  renderTooltip,
  formatDate,
  formatValue,
});

// The lanes' names and colours for our card and tooltip, from the dataset.
const { groups = [] } = timeline.getData();
lanes = new Map(groups.map((g) => [g.id, { label: g.label ?? g.id, color: g.color ?? "#777788" }]));

// Open one card so the custom card is on show when the page opens.
timeline.select("services-trade-forum-5");
