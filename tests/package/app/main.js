// The bundler case of the package check: the app imports the package by name,
// as any npm user would, and Vite bundles it (emitting the WebAssembly as an asset).
import { Chronoscope } from "chronoscope";

const data = {
  schemaVersion: 1,
  title: "Package check",
  locale: "en",
  groups: [{ id: "a", label: "Lane A", color: "#0a6ebd" }],
  eras: [{ start: "1994", end: "2001", label: "First years" }],
  events: [
    { id: "start", start: "1994-02-26", title: "It begins", group: "a" },
    { id: "pile", start: "1995-05", title: "First pile", group: "a" },
    { id: "forum", start: "2022-11-06", title: "Forum" },
  ],
  series: [{ id: "gdp", name: "GDP", unit: "bn", points: [["2012", 158.9], ["2021", 333]] }],
};

try {
  const timeline = await Chronoscope.create(document.getElementById("box"), { data, locale: "en" });
  const { start, end } = timeline.getWindow();
  if (!(end > start)) throw new Error(`empty window ${start}..${end}`);
  if (timeline.element.timeline !== timeline) throw new Error("element.timeline is not the created timeline");
  window.chronoscopeVersion = Chronoscope.version;
  document.title = "ok";
} catch (e) {
  document.title = `error: ${e && e.code ? `${e.code}: ` : ""}${e && e.message ? e.message : e}`;
}
