// The page's side of Chronoscope's embed.html (docs/embedding.md): each frame
// posts {type: "chronoscope:height", height, id}; follow it, for the frame
// that sent it only. A plain script in the <head>, so it listens before any
// frame has loaded.
window.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "chronoscope:height") return;
  for (const frame of document.querySelectorAll("iframe.chronoscope")) {
    if (frame.contentWindow !== event.source) continue;
    const height = Math.round(Number(data.height));
    if (height >= 100 && height <= 4000) frame.style.height = `${height}px`;
  }
});
