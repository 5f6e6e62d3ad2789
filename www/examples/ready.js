// A small helper the examples share: the timeline of a <chrono-scope> in the
// page, once it is ready.
//
// `element.timeline` is null until the element's first `ready` event. The
// element may already be ready when this runs (or not yet be defined), so
// look first and listen only if needed.

/** Resolves with `element.timeline` after the element's first `ready`. */
export function whenReady(element) {
  if (element.timeline) return Promise.resolve(element.timeline);
  return new Promise((resolve, reject) => {
    const onReady = () => {
      element.removeEventListener("error", onError);
      resolve(element.timeline);
    };
    const onError = (event) => {
      if (!event.detail?.fatal) return; // a skipped item: the element still becomes ready
      element.removeEventListener("ready", onReady);
      element.removeEventListener("error", onError);
      reject(event.detail);
    };
    element.addEventListener("ready", onReady, { once: true });
    element.addEventListener("error", onError);
  });
}
