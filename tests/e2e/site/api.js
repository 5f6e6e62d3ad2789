// Exposes the module's class to the tests.
import { Chronoscope } from '/chronoscope.js';
window.Chronoscope = Chronoscope;
window.apiReady = true;
