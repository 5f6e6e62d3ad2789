// Two timelines kept in sync: moving either one moves the other.
//
// Each timeline reports every change of its window ("windowchange", at most
// once a frame). The handler copies the window to the other timeline with
// setWindow(). That call makes the other timeline report a windowchange in
// turn; without a guard the two would echo each other back and forth. So we
// remember the window we copied to each timeline and ignore that timeline's
// report of exactly that window.

import { Chronoscope } from "../chronoscope.js";

// Both elements are written in the page with their own src; create() hands
// back each one's timeline once its data is shown.
const [english, chinese] = await Promise.all([
  Chronoscope.create(document.getElementById("sync-en")),
  Chronoscope.create(document.getElementById("sync-zh")),
]);

const same = (a, b) => b != null && Math.abs(a.start - b.start) < 1 && Math.abs(a.end - b.end) < 1;

const copied = new Map(); // timeline → the window we last copied to it

function follow(from, to) {
  from.on("windowchange", (w) => {
    if (same(w, copied.get(from))) {
      copied.delete(from); // our own echo: do not send it back
      return;
    }
    copied.set(to, w);
    to.setWindow(w.start, w.end);
  });
}

follow(english, chinese);
follow(chinese, english);

// Start together: the Chinese timeline shows what the English one shows.
const w = english.getWindow();
copied.set(chinese, w);
chinese.setWindow(w.start, w.end);
