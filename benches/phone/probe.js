// The probe of the phone measurement (benches/phone.mjs). The driver adds
// it to every page of a run with context.addInitScript, so it runs before
// the page's own scripts and costs the page no request and no byte on the
// wire. It records, in performance.now() time (milliseconds since the
// navigation started):
//
// Chronoscope: `signal` is the element's first `ready` event (a
//   non-bubbling event on <chrono-scope>; a capturing listener on window
//   sees it). `ready` is sent as soon as the data is applied, before the
//   frame that draws it: the widget has only requested that frame
//   (src/web/widget.rs, set_data → invalidate → requestAnimationFrame).
//   `painted` is the first `render` event after it (sent from that frame's
//   callback, after the chart is drawn), and `usable` the end of that frame
//   (a MessageChannel message posted from the render listener runs once
//   the frame's rendering is done).
// TimelineJS: the page hands its TL.Timeline to phoneProbe.timelinejs();
//   `signal` is its `loaded` event (its time navigator and story slider
//   have built their DOM), `usable` the end of the next frame
//   (requestAnimationFrame, then a message posted from it), the first
//   frame that can show that DOM.
//
// At `usable` a `usable` User Timing mark is left in the page.

(() => {
  const P = (window.__phone = {
    signal: null,
    painted: null,
    usable: null,
    detail: null,
    renderBeforeReady: 0,
    missedLoaded: false,
  });

  const afterFrame = () => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      if (P.usable != null) return;
      P.usable = performance.now();
      performance.mark("usable");
    };
    ch.port2.postMessage(null);
  };

  addEventListener(
    "ready",
    (e) => {
      if (P.signal != null || e.target?.localName !== "chrono-scope") return;
      P.signal = performance.now();
      P.detail = { ...e.detail };
    },
    true,
  );

  addEventListener(
    "render",
    (e) => {
      if (e.target?.localName !== "chrono-scope") return;
      if (P.signal == null) {
        P.renderBeforeReady++;
        return;
      }
      if (P.painted != null) return;
      P.painted = performance.now();
      afterFrame();
    },
    true,
  );

  window.phoneProbe = {
    timelinejs(timeline) {
      P.timeline = timeline;
      // `loaded` comes in a later task (after its language promise
      // settles); if it had come already, the figure would be wrong.
      P.missedLoaded = !!(timeline._loaded && (timeline._loaded.timenav || timeline._loaded.storyslider));
      timeline.on("loaded", () => {
        if (P.signal != null) return;
        P.signal = performance.now();
        P.detail = { events: timeline.config.events.length };
        requestAnimationFrame(() => {
          P.painted = performance.now();
          afterFrame();
        });
      });
    },
  };
})();
