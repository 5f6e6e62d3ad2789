/**
 * Type declarations for Chronoscope: a zoomable timeline with indicator charts
 * on the same time axis, drawn from WebAssembly into a canvas.
 *
 * The module `chronoscope.js` exports {@link Chronoscope} and, as a side
 * effect of being imported, defines the custom element `<chrono-scope>`
 * ({@link ChronoScopeElement}). The dataset types follow the dataset format
 * (schemaVersion 1) described in docs/dataset.md and docs/dataset.schema.json.
 *
 * @packageDocumentation
 */

// ---------------------------------------------------------------------------
// Times and geometry
// ---------------------------------------------------------------------------

/**
 * A time as the API accepts it:
 * - a number: milliseconds since 1970-01-01T00:00:00Z (as `Date.getTime()`);
 * - a string in any dataset time form: `"1994"`, `"2022-01"`, `"2022-11-06"`,
 *   `"2022-11-06T09:30:00+08:00"`, `"500 BCE"`, `"12 ka"`, `"66 Ma"`, `"4.54 Ga"`;
 * - a `Date`.
 *
 * An unparsable or out-of-range time makes the call throw a
 * {@link ChronoscopeError} with code `"bad_argument"`.
 */
export type Time = number | string | Date;

/** A span of time in milliseconds since 1970-01-01T00:00:00Z; `start < end`. */
export interface TimeWindow {
  /** The earlier edge, ms since 1970. */
  start: number;
  /** The later edge, ms since 1970. */
  end: number;
}

/** A rectangle in CSS pixels from the element's top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Options of the calls that move the view. */
export interface ViewOptions {
  /**
   * Ease to the new view (under 300 ms) instead of jumping. With
   * `prefers-reduced-motion` the view always changes at once.
   */
  animate?: boolean;
}

/** The colour themes: `light` (the default), `dark`, or `auto` to follow `prefers-color-scheme`. */
export type ChronoscopeTheme = "light" | "dark" | "auto";

/** How precisely a dataset stated a time; dates are shown to this precision and no finer. */
export type TimePrecision =
  | "Ga"
  | "Ma"
  | "ka"
  | "year"
  | "month"
  | "day"
  | "minute"
  | "second"
  | "millisecond";

/** A time handed to {@link ChronoscopeOptions.formatDate}. */
export interface TimeInfo {
  /** The instant, ms since 1970 (a year stands for its first instant). */
  ms: number;
  /** The precision the dataset wrote it with. */
  precision: TimePrecision;
  /**
   * The UTC offset, in minutes, the time was written with
   * (`"2022-11-06T09:30+08:00"` → 480); `null` for dates and zone-less times.
   */
  offsetMinutes: number | null;
  /** The widget's language (BCP 47), e.g. `"zh-Hant"` or `"en"`. */
  lang: string;
}

/** The series a value belongs to, handed to {@link ChronoscopeOptions.formatValue}. */
export interface SeriesInfo {
  /** The series' `id`. */
  id: string;
  /** The series' `name` (`""` when the dataset gives none). */
  name: string;
  /** The series' `unit` (`""` when the dataset gives none). */
  unit: string;
  /** The widget's language (BCP 47). */
  lang: string;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/**
 * The stable error codes (docs/dataset.md, "Errors"). Test on these, never on
 * the message.
 */
export type ChronoscopeErrorCode =
  | "json_syntax"
  | "wrong_type"
  | "unsupported_version"
  | "missing_field"
  | "bad_time"
  | "end_before_start"
  | "non_finite"
  | "bad_value"
  | "duplicate_id"
  | "unknown_group"
  | "bad_url"
  | "bad_color"
  | "points_length"
  | "no_source"
  | "fetch_failed"
  | "http_status"
  | "bad_encoding"
  | "timeout"
  | "too_large"
  | "no_data"
  | "bad_argument"
  | "wasm_unavailable"
  | "destroyed"
  | "internal";

/**
 * What Chronoscope reports and throws: a JavaScript `Error` with a stable
 * {@link ChronoscopeErrorCode}. It is the `detail` of the element's `error`
 * event, what a rejected {@link Chronoscope.create} / {@link Chronoscope.setData}
 * / {@link Chronoscope.load} rejects with, and what the API calls throw
 * (`bad_argument`, `destroyed`, and the data codes from {@link Chronoscope.addEvents}).
 */
export interface ChronoscopeError extends Error {
  /** The stable code. */
  code: ChronoscopeErrorCode;
  /** `true` when the widget could not draw the dataset at all. */
  fatal: boolean;
  /**
   * Where known, the place in the dataset, e.g. `"events[3].start"` (indices
   * from 0; `""` is the whole document).
   */
  path?: string;
  /** Where known, the 1-based line of the offending value in the JSON text. */
  line?: number;
  /** Where known, the 1-based column (in characters) of the offending value. */
  column?: number;
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

/** `detail` of `ready`, sent after each load. */
export interface ReadyDetail {
  /** The dataset's title (`""` when it has none). */
  title: string;
  /** How many events were loaded (bad ones skipped). */
  events: number;
  /** How many series were loaded. */
  series: number;
}

/** `detail` of `select`. */
export interface SelectDetail {
  /** The selected event's id; `null` when the selection was cleared. */
  id: string | null;
}

/** `detail` of `hover`. */
export interface HoverDetail {
  /**
   * The event under the pointer (for a cluster, its first event); `null` when
   * the pointer left it.
   */
  id: string | null;
}

/** `detail` of `render`, sent after each repaint of the chart, so a page can draw on top. */
export interface RenderDetail {
  /**
   * The chart's canvas context, already transformed to CSS pixels and inside
   * `save()`/`restore()`: draw freely, nothing leaks into the next frame.
   * Valid only during the listener.
   */
  context: CanvasRenderingContext2D;
  /** The chart's width, CSS px (the element's width). */
  width: number;
  /** The chart's height, CSS px (the element's height). */
  height: number;
  /** Device pixels per CSS pixel of the canvas (in {@link Chronoscope.exportPNG}, the export's scale). */
  pixelRatio: number;
  /** The window this frame shows. */
  window: TimeWindow;
  /**
   * The chart area, CSS px from the element's top-left: the timeline and the
   * indicator panes across the time axis's width (not the overview strip and
   * zoom buttons below). Clip or place annotations with it.
   */
  plot: Rect;
  /** ms since 1970 → CSS px from the element's left edge, for this frame. */
  timeToX(time: number): number;
  /** CSS px from the element's left edge → ms since 1970, for this frame. */
  xToTime(x: number): number;
}

/**
 * The events a timeline emits, by name, with their detail: what
 * {@link Chronoscope.on} listeners receive, and the `detail` of the element's
 * DOM events of the same names (which do not bubble).
 */
export interface ChronoscopeEventMap {
  /** After each load (the first dataset, and each later `setData`/`load`/`src`). */
  ready: ReadyDetail;
  /** The selection changed (by the reader or by {@link Chronoscope.select}). */
  select: SelectDetail;
  /** The event under the pointer changed. */
  hover: HoverDetail;
  /** The view moved or zoomed; at most once per frame. */
  windowchange: TimeWindow;
  /** A data problem (non-fatal: the rest is drawn) or a failure (`fatal: true`). */
  error: ChronoscopeError;
  /** After each repaint of the chart. */
  render: RenderDetail;
}

/** The name of a timeline event. */
export type ChronoscopeEventType = keyof ChronoscopeEventMap;

// ---------------------------------------------------------------------------
// Hooks
// ---------------------------------------------------------------------------

/**
 * Renders the content of an event's card (Previous/Next and the close button
 * stay). Return `null` for the default content. Build it from DOM nodes; the
 * widget inserts the node as is.
 */
export type CardRenderer = (event: DatasetEvent) => Node | null;

/** Renders the hover tooltip of an event; `null` for the default. */
export type TooltipRenderer = (event: DatasetEvent) => Node | null;

/**
 * Formats a date shown in cards, tooltips and crosshair readings;
 * `null` for the default (which keeps the time's precision).
 */
export type DateFormatter = (time: TimeInfo) => string | null;

/**
 * Formats a value on value axes, in value labels and crosshair readings;
 * `null` for the default.
 */
export type ValueFormatter = (value: number, series: SeriesInfo) => string | null;

// ---------------------------------------------------------------------------
// The timeline
// ---------------------------------------------------------------------------

/** Options of {@link Chronoscope.create}. */
export interface ChronoscopeOptions {
  /** The dataset, as an object or as JSON text. Give this or {@link src}. */
  data?: Dataset | string;
  /** URL of a dataset, fetched relative to the page (as the `src` attribute). Give this or {@link data}. */
  src?: string;
  /** Language (BCP 47); sets the element's `lang`. Else the dataset's `locale`, else the page's. */
  locale?: string;
  /** Colour theme; `light` by default. */
  theme?: ChronoscopeTheme;
  /**
   * The first window's start (the other edge defaults to the fitted view's).
   * Without `start`/`end` the view fits the whole dataset.
   */
  start?: Time;
  /** The first window's end. */
  end?: Time;
  /** Keep the selection and window in the page URL's hash (needs {@link id}). */
  deepLink?: boolean;
  /** The element's `id` (deep links need one). */
  id?: string;
  /** Show the *Download image* button (the `download` attribute). */
  download?: boolean;
  /** Custom card content. */
  renderCard?: CardRenderer;
  /** Custom tooltip content. */
  renderTooltip?: TooltipRenderer;
  /** Custom date formatting. */
  formatDate?: DateFormatter;
  /** Custom value formatting. */
  formatValue?: ValueFormatter;
}

/**
 * A timeline: the handle to one `<chrono-scope>` element.
 *
 * Make one with {@link Chronoscope.create}, or take `element.timeline` of a
 * `<chrono-scope>` written in the page (non-null after its first `ready`).
 * Every method throws a {@link ChronoscopeError} with code `"destroyed"` once
 * the timeline was destroyed or its element removed from the page, and
 * `"bad_argument"` for an invalid argument.
 */
export declare class Chronoscope {
  /** Not constructible: use {@link Chronoscope.create} or `element.timeline`. */
  private constructor();

  /**
   * Creates a timeline in `container`: a `<chrono-scope>` is appended to it
   * (filling it when the container has a height); if `container` is itself a
   * `<chrono-scope>`, that element is used.
   *
   * @returns the timeline, after its first `ready`.
   * @throws (rejects with) the fatal {@link ChronoscopeError} if the data cannot be shown.
   */
  static create(container: Element, options?: ChronoscopeOptions): Promise<Chronoscope>;

  /** The library's version, e.g. `"0.1.0"`. */
  static readonly version: string;

  /** The `<chrono-scope>` element this timeline draws into. */
  readonly element: ChronoScopeElement;

  // --- data ---

  /**
   * Replaces the dataset with an object, JSON text, or the UTF-8 bytes of
   * JSON text (e.g. `await response.arrayBuffer()`: the fastest for big data).
   * Resolves on the next `ready`; rejects with the fatal {@link ChronoscopeError}.
   */
  setData(data: Dataset | string | ArrayBuffer | Uint8Array): Promise<void>;

  /** Loads a dataset from a URL, like setting the `src` attribute. Resolves on `ready`, rejects with the fatal error. */
  load(src: string): Promise<void>;

  /**
   * The current dataset as a new plain object in dataset form, with the
   * changes made through the API: times as dataset strings keeping their
   * precision; `title` and `description` always present (`""` if none).
   * @throws {@link ChronoscopeError} `bad_argument` before any data is loaded.
   */
  getData(): Dataset;

  /**
   * Adds events. All or nothing: if any is invalid or its id exists, throws a
   * {@link ChronoscopeError} (with a `path` such as `"events[0].start"`) and
   * changes nothing.
   */
  addEvents(events: DatasetEvent[]): void;

  /**
   * Changes an event by a shallow merge of `patch`; a `null` field removes
   * that optional field.
   * @throws {@link ChronoscopeError} `bad_argument` for an unknown id.
   */
  updateEvent(id: string, patch: DatasetEventPatch): void;

  /** Removes events; unknown ids are ignored. */
  removeEvents(ids: string[]): void;

  /**
   * Appends points to a series (streaming data).
   * @throws {@link ChronoscopeError} `bad_argument` for an unknown series.
   */
  appendPoints(seriesId: string, points: Array<[Time, number | null]>): void;

  // --- view ---

  /** The visible window. */
  getWindow(): TimeWindow;

  /**
   * Shows the window from `start` to `end`.
   * @throws {@link ChronoscopeError} `bad_argument` for an invalid time, or `end` not after `start`.
   */
  setWindow(start: Time, end: Time, options?: ViewOptions): void;

  /**
   * Zooms by `factor` (> 1 zooms in, < 1 out) about `anchor`, which stays in
   * place (default: the centre of the view).
   */
  zoom(factor: number, anchor?: Time, options?: ViewOptions): void;

  /** Shows everything: all events, eras and series points. */
  fit(options?: ViewOptions): void;

  // --- selection ---

  /** Selects an event, opens its card and moves the view to it; `null` closes the card and clears the selection. */
  select(id: string | null): void;

  /** The selected event's id, or `null`. */
  readonly selected: string | null;

  // --- coordinates (CSS px from the element's left edge, not clamped) ---

  /** Where `time` is drawn, CSS px from the element's left edge (may lie outside the element). */
  timeToX(time: Time): number;

  /** The time, ms since 1970, at `x` CSS px from the element's left edge (`x` finite). */
  xToTime(x: number): number;

  /**
   * Where the event is drawn (marker and label), from the element's top-left
   * corner; for an event merged into a cluster, the cluster's badge; `null`
   * if it is not on screen or the id is unknown.
   */
  eventRect(id: string): Rect | null;

  // --- events ---

  /**
   * Listens to a timeline event; the listener receives the event's detail.
   * @returns a function that removes the listener.
   */
  on<K extends keyof ChronoscopeEventMap>(
    type: K,
    listener: (detail: ChronoscopeEventMap[K]) => void,
  ): () => void;

  // --- export ---

  /**
   * The current view (chart and overview strip) as a PNG of `scale` × the
   * element's CSS size (default 2); `render` listeners draw on it too.
   * Rejects with a {@link ChronoscopeError} `bad_argument` for a scale not in
   * (0, 8] or before any data is loaded.
   */
  exportPNG(scale?: number): Promise<Blob>;

  /** The current view as an SVG document; labels are `<text>`. */
  exportSVG(): string;
  /**
   * Reads the theme's CSS custom properties again (after the page changed its
   * styles) and repaints at the next animation frame; several calls in one
   * frame cost one repaint. `render` listeners draw in that repaint;
   * subscribing to `render` repaints by itself.
   */
  redraw(): void;

  /**
   * Removes the listeners, observers, timers, frames and DOM the timeline made
   * (and the element, if {@link Chronoscope.create} made it) and frees its
   * memory. Later calls throw `"destroyed"`.
   */
  destroy(): void;
}

// ---------------------------------------------------------------------------
// The element
// ---------------------------------------------------------------------------

/** A DOM event of `<chrono-scope>`: a non-bubbling `CustomEvent` with the detail of its {@link ChronoscopeEventMap} entry. */
export type ChronoscopeEvent<K extends keyof ChronoscopeEventMap> = CustomEvent<ChronoscopeEventMap[K]>;

/**
 * The events of `<chrono-scope>` for `addEventListener`: every HTMLElement
 * event, plus the timeline's events as `CustomEvent`s (these replace the
 * built-in `error` and `select` entries).
 */
export interface ChronoScopeElementEventMap
  extends Omit<HTMLElementEventMap, keyof ChronoscopeEventMap> {
  ready: ChronoscopeEvent<"ready">;
  select: ChronoscopeEvent<"select">;
  hover: ChronoscopeEvent<"hover">;
  windowchange: ChronoscopeEvent<"windowchange">;
  error: ChronoscopeEvent<"error">;
  render: ChronoscopeEvent<"render">;
}

/**
 * The `<chrono-scope>` element.
 *
 * ```html
 * <script type="module" src="chronoscope.js"></script>
 * <chrono-scope src="data/story.json" lang="en" style="height:520px"></chrono-scope>
 * ```
 *
 * Attributes `src`, `lang`, `theme`, `start`, `end`, `deep-link`, `download` and
 * `aria-label` (the timeline region's accessible name), reflected by the properties
 * below (and the standard `lang` and `ariaLabel`). Changing them on a live
 * element takes effect; interaction never rewrites them.
 */
export interface ChronoScopeElement extends HTMLElement {
  /** The `src` attribute: the dataset's URL, relative to the page; `null` when absent. */
  get src(): string | null;
  set src(value: string);

  /** The `theme` attribute (`"light"` when absent). */
  get theme(): string;
  set theme(value: ChronoscopeTheme);

  /**
   * The `start` attribute: the first window's start, in a dataset time form.
   * Set a {@link Time} (a number or `Date` is written as an ISO 8601 string);
   * `null` removes it.
   */
  get start(): string | null;
  set start(value: Time | null);

  /** The `end` attribute: the first window's end; like {@link start}. */
  get end(): string | null;
  set end(value: Time | null);

  /** The boolean `deep-link` attribute: keep the selection and window in the URL hash (needs an `id`). */
  deepLink: boolean;

  /** The boolean `download` attribute: show a button that saves the view as a 2× PNG. */
  download: boolean;

  /** The timeline: `null` until the first `ready` (and after a fatal failure). */
  readonly timeline: Chronoscope | null;

  /** Custom card content; `null` for the default. Settable at any time. */
  renderCard: CardRenderer | null;
  /** Custom tooltip content; `null` for the default. Settable at any time. */
  renderTooltip: TooltipRenderer | null;
  /** Custom date formatting; `null` for the default. Settable at any time. */
  formatDate: DateFormatter | null;
  /** Custom value formatting; `null` for the default. Settable at any time. */
  formatValue: ValueFormatter | null;

  addEventListener<K extends keyof ChronoScopeElementEventMap>(
    type: K,
    listener: (this: ChronoScopeElement, ev: ChronoScopeElementEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ChronoScopeElementEventMap>(
    type: K,
    listener: (this: ChronoScopeElement, ev: ChronoScopeElementEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * The class behind `<chrono-scope>`, defined once per page when the module is
 * imported (for `instanceof`; create elements with
 * `document.createElement("chrono-scope")` or {@link Chronoscope.create}).
 */
export declare var ChronoScopeElement: {
  prototype: ChronoScopeElement;
  new (): ChronoScopeElement;
};

declare global {
  interface HTMLElementTagNameMap {
    "chrono-scope": ChronoScopeElement;
  }
}

// ---------------------------------------------------------------------------
// The dataset (schemaVersion 1): docs/dataset.md, docs/dataset.schema.json
// ---------------------------------------------------------------------------

/**
 * A time in a dataset: a string in one of the dataset time forms (`"1994"`,
 * `"2022-01"`, `"2022-11-06"`, `"2022-11-06T09:30:00+08:00"`, `"500 BCE"`,
 * `"66 Ma"`, …; it keeps its precision), or a number of ms since 1970
 * (finite; no precision of its own).
 */
export type DatasetTime = string | number;

/** A CSS hex colour, `#rgb` or `#rrggbb`. */
export type DatasetColor = `#${string}`;

/** A series value; `null` is a gap. */
export type SeriesValue = number | null;

/**
 * Fields whose names begin with `x-` are the author's own (notes, internal
 * ids): allowed on every object of the format except columnar points, and
 * ignored by the widget.
 */
export interface DatasetExtensions {
  [key: `x-${string}`]: unknown;
}

/** Where something comes from. */
export interface DatasetSource extends DatasetExtensions {
  /** The source's name. */
  name: string;
  /** An http(s) URL, or one relative to the dataset's address. */
  url?: string;
}

/** An image shown with an event's details. */
export interface DatasetMedia extends DatasetExtensions {
  /** The image: an http(s) URL, or one relative to the dataset's address. */
  url: string;
  /** Text alternative for readers who cannot see the image. */
  alt: string;
  /** Shown under the image. */
  caption?: string;
  /** Who made the image. */
  credit?: string;
}

/** A lane that events are sorted into. */
export interface DatasetGroup extends DatasetExtensions {
  /** What events name in their `group`; unique among groups. */
  id: string;
  /** The lane's label (default: the id). Drawn on the canvas: keep it short. */
  label?: string;
  /** Colour of the lane's events (default: the widget's palette). */
  color?: DatasetColor;
}

/** A period drawn as a background band. */
export interface DatasetEra extends DatasetExtensions {
  /** Where the band begins. */
  start: DatasetTime;
  /** Where the band ends; not before `start`. */
  end: DatasetTime;
  /** Text drawn in the band. */
  label?: string;
  /** Band colour (drawn as a faint tint). */
  color?: DatasetColor;
}

/** A point or span in time, drawn as a labelled mark in its group's lane. */
export interface DatasetEvent extends DatasetExtensions {
  /** Unique among events, not blank. */
  id: string;
  /** When it happened, or when the span begins. */
  start: DatasetTime;
  /** Makes the event a span from `start` to `end`; not before `start`. */
  end?: DatasetTime;
  /** Text shown instead of the computed date (`"Spring 1995"`); it does not move the event. */
  displayDate?: string;
  /** Label drawn on the canvas (at most about 14 CJK or 40 Latin characters). Not blank. */
  title: string;
  /** One to three sentences in the small safe text markup (paragraphs, emphasis, links). */
  text?: string;
  /** The `id` of a group; without it (or naming no group) the event goes to an "Other" lane. */
  group?: string;
  /** "Read more" link: `http:`, `https:`, `mailto:`, or relative to the dataset's address. */
  link?: string;
  /** Where this fact comes from. */
  source?: DatasetSource;
  /** An image shown with the details. */
  media?: DatasetMedia;
}

/**
 * A change to an event for {@link Chronoscope.updateEvent}: the fields to
 * replace; `null` removes an optional field.
 */
export interface DatasetEventPatch extends DatasetExtensions {
  id?: string;
  start?: DatasetTime;
  end?: DatasetTime | null;
  displayDate?: string | null;
  title?: string;
  text?: string | null;
  group?: string | null;
  link?: string | null;
  source?: DatasetSource | null;
  media?: DatasetMedia | null;
}

/** Row form of series points: `[time, value]` pairs. */
export type SeriesPointPairs = Array<[DatasetTime, SeriesValue]>;

/** Columnar form of series points: parallel arrays of times and values, of equal length. */
export interface SeriesPointColumns {
  t: DatasetTime[];
  v: SeriesValue[];
}

/** A series' points: `[time, value]` pairs, or columnar `{t, v}`. */
export type SeriesPoints = SeriesPointPairs | SeriesPointColumns;

/** An indicator chart drawn in a pane below the timeline, sharing its time axis. */
export interface DatasetSeries extends DatasetExtensions {
  /** Unique among series, not blank. */
  id: string;
  /** The chart's title. */
  name?: string;
  /** The values' unit, shown with them (`"億元"`, `"USD bn"`). */
  unit?: string;
  /** Chart kind; `line` by default. `step` holds each value until the next point. */
  kind?: "line" | "area" | "bar" | "step";
  /** The series' colour (default: the widget's palette). */
  color?: DatasetColor;
  /** What a reader must know about these numbers. */
  note?: string;
  /** Where the numbers come from. */
  source?: DatasetSource;
  /** The points. */
  points: SeriesPoints;
}

/** A Chronoscope dataset, schemaVersion 1. Only `events` (or nothing at all) is needed. */
export interface Dataset extends DatasetExtensions {
  /** Format version: only `1` exists (and is assumed when missing). */
  schemaVersion?: 1;
  /** Title of the dataset. */
  title?: string;
  /** One or two sentences on what the dataset shows. */
  description?: string;
  /** Language the texts are written in. */
  locale?: "zh-Hant" | "en";
  /** Where the dataset as a whole comes from. */
  source?: DatasetSource;
  /** Lanes, in display order. */
  groups?: DatasetGroup[];
  /** Background bands. */
  eras?: DatasetEra[];
  /** The events. */
  events?: DatasetEvent[];
  /** Indicator charts, in display order. */
  series?: DatasetSeries[];
}
