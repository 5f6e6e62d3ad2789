// Exposes the module's class to the soak driver (benches/soak.mjs).
import { Chronoscope } from '/chronoscope.js';
window.Chronoscope = Chronoscope;
