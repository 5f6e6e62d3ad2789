// Chronoscope's iframe page (embed.html), for sites that can embed nothing
// but an <iframe>:
//
//   embed.html?src=story.json&lang=en&theme=auto&start=2000&end=2010
//
// The query string is untrusted (anyone can write a link): each known
// parameter is checked and only then set as an attribute of a <chrono-scope>
// that fills the frame; anything else is ignored with a console warning.
// The page tells its parent the height it would like with postMessage
// (docs/embedding.md), and sends nothing else.

import "./chronoscope.js";

const MESSAGE_TYPE = "chronoscope:height";
const THEMES = ["light", "dark", "auto"];
// A BCP 47 tag's shape (the widget maps it to a language it has).
const LANG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,7}$/;
const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
// A dataset time ("1994", "2022-11-06T09:30+08:00", "66 Ma", "500 BCE"): the
// widget parses it and ignores one it cannot read; here only its length and
// characters are checked.
const TIME = /^[0-9A-Za-z .:+\-−]{1,40}$/;
const HEIGHT_MIN = 160;
const HEIGHT_MAX = 4000;

const params = new URLSearchParams(location.search);

function warn(name, value, why) {
  console.warn(`chronoscope embed: ignored ${name}=${JSON.stringify(value.slice(0, 200))}: ${why}`);
}

/** The parameter `name` if present and accepted by `ok`, else null (with a warning). */
function param(name, ok, why) {
  const value = params.get(name);
  if (value === null || value.trim() === "") return null;
  if (ok(value.trim())) return value.trim();
  warn(name, value, why);
  return null;
}

/** `raw` as an absolute http(s) URL (relative ones resolved against this page), or null. */
function dataUrl(raw) {
  try {
    const u = new URL(raw, location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

const id = param("id", (v) => ID.test(v), "an id is a letter, then letters, digits, - or _ (at most 64)");
const lang = param("lang", (v) => LANG.test(v), "not a BCP 47 language tag such as en or zh-Hant");
const theme = param("theme", (v) => THEMES.includes(v), "theme is light, dark or auto");
const start = param("start", (v) => TIME.test(v), "not a dataset time such as 1994 or 2022-11-06");
const end = param("end", (v) => TIME.test(v), "not a dataset time such as 1994 or 2022-11-06");
const heightParam = param("height", (v) => /^\d{1,5}$/.test(v) && +v >= HEIGHT_MIN && +v <= HEIGHT_MAX,
  `height is a number of CSS pixels from ${HEIGHT_MIN} to ${HEIGHT_MAX}`);
const rawSrc = params.get("src");
const src = rawSrc && rawSrc.trim() ? dataUrl(rawSrc.trim()) : null;

if (lang) document.documentElement.lang = lang;

/** A notice for the person setting up the embed (no src, or one refused). */
function notice(title, lines) {
  const box = document.createElement("div");
  box.className = "notice";
  box.setAttribute("role", "alert");
  const strong = document.createElement("strong");
  strong.textContent = title;
  box.append(strong);
  for (const parts of lines) {
    const p = document.createElement("p");
    for (const [i, part] of parts.entries()) {
      // Odd parts are code.
      const node = i % 2 ? document.createElement("code") : document.createTextNode(part);
      if (i % 2) node.textContent = part;
      p.append(node);
    }
    box.append(p);
  }
  document.body.append(box);
  return box;
}

let box = null;
let element = null;
let series = 0;
let started = false;

const help = [
  ["Add the address of a dataset to this page's link, for example ", "embed.html?src=https://example.org/story.json&lang=en", "."],
  ["The address is an http(s) URL or a path relative to embed.html. Optional: ", "lang", ", ", "theme", " (light, dark or auto), ", "start", " and ", "end", " (the first window), ", "height", " and ", "id", "."],
];

if (rawSrc === null || rawSrc.trim() === "") {
  box = notice("This timeline has no data yet.", help);
  started = true;
} else if (!src) {
  warn("src", rawSrc, "src is an http(s) URL or a relative path");
  box = notice("The data address was not accepted.", [
    ["", rawSrc.trim().slice(0, 200), " is not an http(s) address or a path relative to embed.html."],
    ...help,
  ]);
  started = true;
} else {
  element = document.createElement("chrono-scope");
  if (id) element.id = id;
  if (lang) element.setAttribute("lang", lang);
  if (theme) element.setAttribute("theme", theme);
  if (start) element.setAttribute("start", start);
  if (end) element.setAttribute("end", end);
  element.setAttribute("src", src);
  element.addEventListener("ready", (e) => {
    series = e.detail.series;
    document.title = e.detail.title || "Timeline";
    started = true;
    post(true);
  });
  element.addEventListener("error", (e) => {
    if (e.detail && e.detail.fatal) {
      started = true;
      post(true);
    }
  });
  document.body.append(element);
}

/**
 * The height this page would like, in CSS px: the `height` parameter, else
 * 420 px plus 80 for each indicator series (up to four) and 80 more in a
 * narrow frame (where a card opens as a sheet over the chart); for a notice,
 * its own height.
 */
function preferredHeight() {
  if (box) return Math.ceil(box.getBoundingClientRect().height) + 32;
  if (heightParam) return +heightParam;
  const narrow = document.documentElement.clientWidth < 480;
  return 420 + 80 * Math.min(series, 4) + (narrow ? 80 : 0);
}

let last = 0;
/**
 * Tells the parent page the preferred height: `{type, height, id}`, nothing
 * else, so any origin may read it (targetOrigin "*": this page cannot know
 * which site frames it).
 */
function post(always) {
  if (!started) return;
  const height = preferredHeight();
  if (!always && height === last) return;
  last = height;
  if (window.parent !== window) {
    window.parent.postMessage({ type: MESSAGE_TYPE, height, id }, "*");
  }
}

// The width (and a notice's height) follow the frame: say again when the
// preferred height changes.
const observer = new ResizeObserver(() => post(false));
observer.observe(document.documentElement);
if (box) observer.observe(box);
