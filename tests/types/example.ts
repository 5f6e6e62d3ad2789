// A realistic program against the published declarations (src/web/chronoscope.d.ts),
// type-checked by `cargo xtask test` (step "types": tsc -p tests/types/tsconfig.json).
// It is never run. Every method, option, event, element property and dataset type of
// the API (docs/api.md) is used at least once; the lines marked
// `@ts-expect-error` are misuse the declarations must reject, so the check fails if
// they become too loose.

import {
  Chronoscope,
  ChronoScopeElement,
  type ChronoScopeElementEventMap,
  type ChronoscopeError,
  type ChronoscopeErrorCode,
  type ChronoscopeEvent,
  type ChronoscopeEventMap,
  type ChronoscopeEventType,
  type ChronoscopeOptions,
  type ChronoscopeTheme,
  type CardRenderer,
  type Dataset,
  type DatasetColor,
  type DatasetEra,
  type DatasetEvent,
  type DatasetEventPatch,
  type DatasetGroup,
  type DatasetMedia,
  type DatasetSeries,
  type DatasetSource,
  type DatasetTime,
  type DateFormatter,
  type HoverDetail,
  type ReadyDetail,
  type Rect,
  type RenderDetail,
  type SelectDetail,
  type SeriesInfo,
  type SeriesPoints,
  type Time,
  type TimeInfo,
  type TimePrecision,
  type TimeWindow,
  type TooltipRenderer,
  type ValueFormatter,
  type ViewOptions,
} from "chronoscope";

// ---------------------------------------------------------------------------
// A dataset, with every kind of item.
// ---------------------------------------------------------------------------

const source: DatasetSource = { name: "SIP Administrative Committee", url: "https://www.sipac.gov.cn/" };
const media: DatasetMedia = {
  url: "https://example.org/jinji-lake.jpg",
  alt: "Jinji Lake at dusk, the park's towers behind it",
  caption: "Jinji Lake, 2019",
  credit: "Example Photo Agency",
};
const groups: DatasetGroup[] = [
  { id: "gov", label: "Government", color: "#0a6ebd" },
  { id: "biz", label: "Business", color: "#c45a00" },
  { id: "misc" },
];
const eras: DatasetEra[] = [
  { start: "1994", end: "2001-06-28", label: "Singapore-led consortium", color: "#ddd" },
  { start: 978307200000, end: "2023", "x-note": "Chinese majority from 2001" },
];
const events: DatasetEvent[] = [
  {
    id: "sip-founded",
    start: "1994-02-26",
    title: "SIP agreement signed",
    text: "The governments of **China** and *Singapore* sign the agreement.\n\n[More](https://example.org/sip)",
    group: "gov",
    link: "https://example.org/sip",
    source,
    media,
  },
  { id: "first-pile", start: "1995-05", displayDate: "Spring 1995", title: "First pile", group: "biz" },
  { id: "forum-5", start: "2022-11-06T09:30:00+08:00", end: "2022-11-07", title: "Services Trade Forum" },
  { id: "deep", start: "66 Ma", title: "Chicxulub impact", "x-internal-id": 42 },
  { id: "old", start: "500 BCE", title: "Long ago" },
];
const pairs: SeriesPoints = [
  ["2012", 1589],
  ["2017", null],
  [1609459200000, 2900],
  ["2021", 3330],
];
const columns: SeriesPoints = { t: ["2012", "2021"], v: [770, 1120] };
const series: DatasetSeries[] = [
  {
    id: "gdp",
    name: "GDP",
    unit: "CNY 100 m",
    kind: "area",
    color: "#2e7d32",
    note: "Ten years assumed to be 2012-2021.",
    source,
    points: pairs,
  },
  { id: "trade", name: "Trade", unit: "USD bn", kind: "bar", points: columns },
  { id: "rate", name: "Policy rate", unit: "%", kind: "step", points: [["2012", 3], ["2015", null]] },
  { id: "plain", points: [] },
];
const dataset: Dataset = {
  schemaVersion: 1,
  title: "China-Singapore Suzhou Industrial Park",
  description: "From the first pile to the Services Trade Forum.",
  locale: "en",
  source,
  groups,
  eras,
  events,
  series,
  "x-generated": "2026-11-27",
};
const minimal: Dataset = { events: [{ id: "start", start: "1994", title: "It begins" }] };
const empty: Dataset = {};
const colour: DatasetColor = "#08c";
const when: DatasetTime = "4.54 Ga";

// ---------------------------------------------------------------------------
// Hooks and options.
// ---------------------------------------------------------------------------

const renderCard: CardRenderer = (event) => {
  if (!event.text) return null; // the default card
  const div = document.createElement("div");
  const h = document.createElement("h3");
  h.textContent = event.title;
  div.append(h, event.displayDate ?? String(event.start));
  return div;
};
const renderTooltip: TooltipRenderer = (event) => {
  const span = document.createElement("span");
  span.textContent = `${event.title}${event.end !== undefined ? " (span)" : ""}`;
  return span;
};
const formatDate: DateFormatter = (time: TimeInfo) => {
  const precision: TimePrecision = time.precision;
  if (precision === "Ma" || precision === "Ga" || precision === "ka") return null;
  const options: Intl.DateTimeFormatOptions =
    precision === "year" ? { year: "numeric", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" };
  const shifted = time.ms + (time.offsetMinutes ?? 0) * 60_000;
  return new Intl.DateTimeFormat(time.lang, options).format(shifted);
};
const formatValue: ValueFormatter = (value: number, s: SeriesInfo) =>
  s.unit === "" ? null : `${new Intl.NumberFormat(s.lang).format(value)} ${s.unit} (${s.name || s.id})`;

const theme: ChronoscopeTheme = window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "auto";
const options: ChronoscopeOptions = {
  data: dataset,
  locale: "en",
  theme,
  start: "2010",
  end: new Date(Date.UTC(2022, 11, 31)),
  deepLink: true,
  download: true,
  id: "sip",
  renderCard,
  renderTooltip,
  formatDate,
  formatValue,
};
const fromUrl: ChronoscopeOptions = { src: "data/sip.en.json", start: 1262304000000 };

// ---------------------------------------------------------------------------
// The program.
// ---------------------------------------------------------------------------

function isChronoscopeError(e: unknown): e is ChronoscopeError {
  return e instanceof Error && typeof (e as Partial<ChronoscopeError>).code === "string";
}

async function main(): Promise<void> {
  const box = document.getElementById("box");
  if (!box) throw new Error("no #box");
  console.log(`Chronoscope ${Chronoscope.version}`);

  let tl: Chronoscope;
  try {
    tl = await Chronoscope.create(box, options);
  } catch (e) {
    if (isChronoscopeError(e) && e.fatal) {
      const code: ChronoscopeErrorCode = e.code;
      box.textContent = `${code} at ${e.path ?? "?"} (${e.line ?? 0}:${e.column ?? 0}): ${e.message}`;
    }
    return;
  }
  const other = await Chronoscope.create(document.createElement("div"), fromUrl);
  other.destroy();

  // The element.
  const el: ChronoScopeElement = tl.element;
  el.theme = "dark";
  el.start = "2015";
  el.end = new Date(Date.UTC(2022, 11, 31));
  el.end = null;
  el.deepLink = false;
  el.download = true;
  el.src = "data/sip.zh-Hant.json";
  el.lang = "zh-Hant";
  const themeNow: string = el.theme;
  const srcNow: string | null = el.src;
  console.log(themeNow, srcNow, el.start, el.end, el.deepLink);
  el.renderCard = null;
  el.renderTooltip = renderTooltip;
  el.formatDate = formatDate;
  el.formatValue = null;

  // Data.
  await tl.setData(minimal);
  await tl.setData(JSON.stringify(dataset));
  await tl.setData(new TextEncoder().encode(JSON.stringify(dataset)));
  await tl.setData(await (await fetch("/data/sip.en.json")).arrayBuffer());
  await tl.load("data/sip.en.json");
  const current: Dataset = tl.getData();
  console.log(current.events?.length ?? 0, current.series?.[0]?.points);
  try {
    tl.addEvents([
      { id: "late", start: "2023-03", title: "Later news", group: "misc" },
      { id: "later", start: when, title: "Far future?", end: "5 Ga" },
    ]);
  } catch (e) {
    if (isChronoscopeError(e)) console.warn(e.code, e.path);
  }
  const patch: DatasetEventPatch = { title: "Agreement signed", end: null, media: null };
  tl.updateEvent("sip-founded", patch);
  tl.updateEvent("first-pile", { text: "Now with *text*." });
  tl.removeEvents(["old", "no-such-id"]);
  tl.appendPoints("gdp", [
    [Date.UTC(2022, 0, 1), 3500],
    ["2023", null],
    [new Date(), 3600],
  ]);

  // View.
  const w: TimeWindow = tl.getWindow();
  const noAnimation: ViewOptions = { animate: false };
  tl.setWindow(w.start, w.end + 86_400_000);
  tl.setWindow("2010", "2022-11-06", { animate: true });
  tl.setWindow(new Date(Date.UTC(2000, 0, 1)), Date.now(), noAnimation);
  tl.zoom(2);
  tl.zoom(0.5, "2015");
  tl.zoom(1.5, undefined, { animate: true });
  tl.fit();
  tl.fit(noAnimation);

  // Selection and coordinates.
  tl.select("forum-5");
  const selected: string | null = tl.selected;
  tl.select(null);
  const anchor: Time = Date.UTC(2020, 0, 1);
  const x: number = tl.timeToX(anchor);
  const t: number = tl.xToTime(x + 10);
  const rect: Rect | null = tl.eventRect("sip-founded");
  if (rect) console.log(rect.x + rect.width / 2, rect.y + rect.height / 2, t, selected);

  // Timeline events: the listener receives the detail.
  const offs: Array<() => void> = [
    tl.on("ready", (d: ReadyDetail) => console.log(`${d.title}: ${d.events} events, ${d.series} series`)),
    tl.on("select", (d: SelectDetail) => console.log(d.id ?? "deselected")),
    tl.on("hover", (d: HoverDetail) => console.log(d.id)),
    tl.on("windowchange", (d) => console.log(new Date(d.start).toISOString(), d.end - d.start)),
    tl.on("error", (e) => console.warn(e.code, e.fatal, e.path, e.line, e.column, e.message)),
    tl.on("render", (d) => d.context.fillRect(d.timeToX(Date.UTC(2000, 0, 1)), 0, 1, d.height)),
    tl.on("render", (d: RenderDetail) => {
      const mid = d.xToTime(d.width / 2);
      d.context.fillText(`${mid} @${d.pixelRatio}x`, 4, 12);
      console.log(d.window.start <= mid && mid <= d.window.end);
    }),
  ];

  // DOM events on the element: CustomEvents with the same details.
  el.addEventListener("ready", (e) => console.log(e.detail.title, e.detail.events));
  el.addEventListener("select", (e) => console.log(e.detail.id));
  el.addEventListener("hover", (e) => console.log(e.detail.id));
  el.addEventListener("windowchange", (e: ChronoscopeEvent<"windowchange">) => console.log(e.detail.end));
  el.addEventListener("error", (e) => {
    const err: ChronoscopeError = e.detail;
    if (err.code === "bad_time") console.warn(err.path);
  });
  el.addEventListener("render", function (e) {
    const me: ChronoScopeElement = this;
    e.detail.context.strokeRect(0, 0, e.detail.width, e.detail.height);
    console.log(me.timeline?.selected);
  });
  el.addEventListener("click", (e) => console.log(e.clientX)); // standard events keep their types
  const onWindow = (e: ChronoScopeElementEventMap["windowchange"]) => console.log(e.detail.start);
  el.addEventListener("windowchange", onWindow, { passive: true });
  el.removeEventListener("windowchange", onWindow);
  el.addEventListener("x-custom", (e: Event) => console.log(e.type)); // any other name: plain Event

  // Export.
  const png: Blob = await tl.exportPNG();
  const sharp: Blob = await tl.exportPNG(3);
  const svg: string = tl.exportSVG();
  console.log(png.size, sharp.type, svg.length);

  for (const off of offs) off();
  tl.destroy();
}

// A <chrono-scope> written in the page.
document.querySelector("chrono-scope")!.timeline?.select("x");
const found: Element | null = document.getElementById("sip");
if (found instanceof ChronoScopeElement) found.timeline?.fit();
const made = document.createElement("chrono-scope");
made.src = "data/sip.en.json";
document.body.append(made);
made.addEventListener("ready", () => {
  const handle: Chronoscope | null = made.timeline;
  handle?.fit({ animate: true });
});
document.querySelectorAll("chrono-scope").forEach((scope) => scope.timeline?.zoom(2, "2000"));

// Types usable generically.
function listen<K extends ChronoscopeEventType>(tl: Chronoscope, type: K, f: (d: ChronoscopeEventMap[K]) => void) {
  return tl.on(type, f);
}
void listen;
void main();
void [empty, colour];

// ---------------------------------------------------------------------------
// Misuse the declarations must reject.
// ---------------------------------------------------------------------------

async function misuse(tl: Chronoscope, el: ChronoScopeElement): Promise<void> {
  // @ts-expect-error: no such event
  tl.on("rendered", () => {});
  // @ts-expect-error: `select` detail has `id`, not `event`
  tl.on("select", (d) => console.log(d.event));
  // @ts-expect-error: `render` detail has `context`, not `ctx`
  tl.on("render", (d) => d.ctx.fillRect(0, 0, 1, 1));
  // @ts-expect-error: `windowchange` detail is a TimeWindow
  tl.on("windowchange", (d) => console.log(d.from));
  // @ts-expect-error: `error` detail's code is a known code
  tl.on("error", (e) => e.code === "oops");
  // @ts-expect-error: a boolean is not a Time
  tl.setWindow(true, 1);
  // @ts-expect-error: animate is a boolean
  tl.fit({ animate: "yes" });
  // @ts-expect-error: select takes an id (or null), not a number
  tl.select(3);
  // @ts-expect-error: selected is read-only
  tl.selected = "x";
  // @ts-expect-error: no public constructor
  new Chronoscope();
  // @ts-expect-error: theme is light, dark or auto
  await Chronoscope.create(el, { theme: "blue" });
  // @ts-expect-error: the container is an Element
  await Chronoscope.create("#box");
  // @ts-expect-error: timeline is read-only
  el.timeline = null;
  // @ts-expect-error: start reads back as the attribute's text
  const startMs: number | null = el.start;
  // @ts-expect-error: hooks are functions or null
  el.formatDate = "iso";
  // @ts-expect-error: DOM event detail has no `event` field
  el.addEventListener("select", (e) => console.log(e.detail.event));
  // @ts-expect-error: the element's `error` event is a CustomEvent, not an ErrorEvent
  el.addEventListener("error", (e) => console.log(e.filename));
  // @ts-expect-error: the element's `ready` detail has no `dataset`
  el.addEventListener("ready", (e) => console.log(e.detail.dataset));
  // @ts-expect-error: null is only for optional fields
  tl.updateEvent("a", { title: null });
  // @ts-expect-error: values are numbers or null
  tl.appendPoints("gdp", [["2020", "3"]]);

  const bad: DatasetSeries[] = [
    // @ts-expect-error: kind is line, area, bar or step
    { id: "s", kind: "pie", points: [] },
    // @ts-expect-error: points are required
    { id: "s" },
    // @ts-expect-error: a point is a [time, value] pair
    { id: "s", points: [["2020", 1, 2]] },
    // @ts-expect-error: columnar values are numbers or null
    { id: "s", points: { t: ["2020"], v: ["1"] } },
  ];
  const badEvents: DatasetEvent[] = [
    // @ts-expect-error: title is required
    { id: "e", start: "2020" },
    // @ts-expect-error: a dataset time is a string or a number, not a Date
    { id: "e", start: new Date(), title: "t" },
    // @ts-expect-error: misspelt field (only x- names are free)
    { id: "e", start: "2020", title: "t", tilte: "t" },
    // @ts-expect-error: media needs alt
    { id: "e", start: "2020", title: "t", media: { url: "https://example.org/a.png" } },
  ];
  // @ts-expect-error: only schemaVersion 1 exists
  const v2: Dataset = { schemaVersion: 2 };
  // @ts-expect-error: colours are #rgb or #rrggbb strings
  const named: DatasetGroup = { id: "g", color: "red" };
  // @ts-expect-error: eras need an end
  const openEra: DatasetEra = { start: "1994" };
  // @ts-expect-error: a source needs a name
  const anonymous: DatasetSource = { url: "https://example.org/" };
  void [bad, badEvents, v2, named, openEra, anonymous, startMs];
}
void misuse;
