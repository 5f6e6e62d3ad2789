// Type-checked against the installed package (never run).
import { Chronoscope, type Dataset } from "chronoscope";

const data: Dataset = { events: [{ id: "a", start: "1994", title: "It begins" }] };
const timeline: Chronoscope = await Chronoscope.create(document.body, { data });
timeline.on("render", (d) => d.context.fillRect(d.timeToX(Date.UTC(2000, 0, 1)), 0, 1, d.height));
const el = document.querySelector("chrono-scope");
el?.addEventListener("select", (e) => console.log(e.detail.id));
export {};
