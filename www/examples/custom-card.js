// Custom cards, tooltips and formats.
//
// renderCard and renderTooltip return DOM nodes built with
// document.createElement and textContent: dataset strings are never parsed
// as HTML, so a title like "<img onerror=…>" is shown as text. formatDate
// and formatValue change how dates and numbers read everywhere the widget
// writes them (axis labels, crosshair readings, default cards); returning
// null keeps the widget's default for that case.

import { Chronoscope } from "../chronoscope.js";

// ---- formats -----------------------------------------------------------------

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

const BN = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** Values: the dataset counts in units of 100 million; readers think in billions. */
function formatValue(value, series) {
  if (series.unit === "100 million yuan") return `¥${BN.format(value / 10)} bn`;
  if (series.unit === "100 million US dollars") return `US$${BN.format(value / 10)} bn`;
  return null;
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

// ---- building nodes -------------------------------------------------------------

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
  .clip { font: 14px/1.55 var(--cs-font, system-ui, sans-serif); color: var(--cs-text); }
  .lane { display: flex; align-items: center; gap: 6px; margin: 0 28px 6px 0;
          color: var(--cs-muted); font-size: 12px; font-weight: 600;
          letter-spacing: 0.06em; text-transform: uppercase; }
  .swatch { width: 10px; height: 10px; border-radius: 2px; background: var(--lane, currentColor); }
  h2 { margin: 0 28px 2px 0; font: 700 18px/1.3 Georgia, "Noto Serif", serif; }
  .when { margin: 0; color: var(--cs-muted); font-size: 13px; }
  .text { margin: 10px 0 0; }
  .foot { display: flex; justify-content: space-between; gap: 12px; margin: 12px 0 0;
          padding-top: 8px; border-top: 1px solid var(--cs-card-border);
          color: var(--cs-muted); font-size: 12px; }
  .id { font-family: ui-monospace, Menlo, Consolas, monospace; }
  .tip { font: 13px/1.4 var(--cs-font, system-ui, sans-serif); color: var(--cs-text);
         border-left: 3px solid var(--lane, currentColor); padding-left: 8px; }
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

/** The card: lane, title, date, text, source and the event's id. */
function renderCard(event) {
  const { label, color } = lane(event);
  const clip = el("article", "clip");
  clip.style.setProperty("--lane", color); // CSSOM, not a style attribute: fine under CSP

  const laneRow = el("p", "lane");
  laneRow.append(el("span", "swatch"), el("span", "", label));
  clip.append(laneRow, el("h2", "", event.title), el("p", "when", eventDate(event)));
  if (event.text) clip.append(el("p", "text", event.text));

  const foot = el("p", "foot");
  foot.append(el("span", "", event.source ? `Source: ${event.source.name}` : ""), el("span", "id", event.id));
  clip.append(foot);
  return withStyles("custom-card", clip);
}

/** The tooltip: title and date, with the lane's colour. */
function renderTooltip(event) {
  const tip = el("div", "tip");
  tip.style.setProperty("--lane", lane(event).color);
  tip.append(el("strong", "", event.title), el("span", "", `${eventDate(event)} · ${lane(event).label}`));
  return withStyles("custom-tooltip", tip);
}

// ---- the timeline ---------------------------------------------------------------

const timeline = await Chronoscope.create(document.getElementById("custom"), {
  src: "../data/sip.en.json",
  locale: "en",
  renderCard,
  renderTooltip,
  formatDate,
  formatValue,
});

const read = () => {
  lanes = new Map(timeline.getData().groups.map((g) => [g.id, { label: g.label ?? g.id, color: g.color ?? "#777788" }]));
};
read();
timeline.on("ready", read); // after a reload of the data

// Open one card so the custom card is on show when the page opens.
timeline.select("services-trade-forum-5");
