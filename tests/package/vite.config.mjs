// Vite configuration for the package check (`cargo xtask test`, step "package"),
// run as `node_modules/.bin/vite build --config tests/package/vite.config.mjs
// --configLoader native`. The app is a copy of tests/package/app/ in a temporary
// folder, with the packed chronoscope installed; its path comes from the
// environment. Everything else is Vite's defaults, as in a fresh project.
import path from "node:path";

const app = process.env.CHRONOSCOPE_PACKAGE_APP;
if (!app) {
  throw new Error("CHRONOSCOPE_PACKAGE_APP is not set: this config is run by `cargo xtask test`");
}

export default {
  root: app,
  publicDir: false,
  clearScreen: false,
  logLevel: "info",
  build: {
    outDir: process.env.CHRONOSCOPE_PACKAGE_OUT ?? path.join(app, "dist"),
    emptyOutDir: true,
  },
};
