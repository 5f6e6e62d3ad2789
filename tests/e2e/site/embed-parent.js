// The parent page's side of embed.html, as docs/embedding.md gives it:
// follow the preferred height each Chronoscope frame posts. (The test also
// records every message it sees in window.__messages.)
window.__messages = [];
window.addEventListener("message", (event) => {
  const data = event.data;
  window.__messages.push({ data, fromFrame: [...document.querySelectorAll("iframe")].findIndex((f) => f.contentWindow === event.source) });
  if (!data || data.type !== "chronoscope:height") return;
  for (const frame of document.querySelectorAll("iframe.chronoscope")) {
    if (frame.contentWindow !== event.source) continue;
    const height = Math.round(Number(data.height));
    if (height >= 100 && height <= 4000) frame.style.height = `${height}px`;
  }
});
