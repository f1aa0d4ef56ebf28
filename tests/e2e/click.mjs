// Click-to-frame figures: how long the real app takes from a click to the frame that shows its
// effect, on a large map: selecting a person, and saving an edit of one (the stance, through
// the person form's Save button). The ui marks the click (`NAME-click`) and measures to the next
// frame sigma draws once the graph has the change (`click-to-frame:NAME`). Not part of the suite.
// Usage: xvfb-run -a node tests/e2e/click.mjs path/to/advocate-desktop map.advocate [rounds]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";

const [appArg, mapArg, roundsArg] = process.argv.slice(2);
const app = resolve(appArg), map = resolve(mapArg);
const rounds = Number(roundsArg ?? 7);
const port = 4474;
const base = `http://127.0.0.1:${port}`;
const dataHome = mkdtempSync(join(tmpdir(), "advocate-click-"));
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
  env: { ...process.env, XDG_DATA_HOME: dataHome },
  stdio: ["ignore", "inherit", "inherit"],
});
process.on("exit", () => driver.kill());
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${base}/status`)).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 200));
}

const s = await Session.start(base, app, [map]);
await s.waitFor("[data-drawn]", 180000);
await new Promise((r) => setTimeout(r, 3000));
const run = (script, args = []) => s.cmd("POST", "/execute/sync", { script, args });
const measures = (name) => run(`return performance.getEntriesByName('click-to-frame:${name}').map((m) => m.duration)`);
// The people to click: some with ties, spread over the map.
const keys = await run("return window.__advocateKeys ? window.__advocateKeys(arguments[0]) : []", [rounds]);
if (!keys.length) throw new Error("this build has no measurement hook (window.__advocateKeys)");
const stances = ["champion", "sceptic"];
for (let i = 0; i < keys.length; i++) {
  // A click on a person's node, as sigma reports it.
  await run("window.__advocateSelect(arguments[0])", [keys[i]]);
  await s.until(async () => ((await measures("select")).length > i ? 1 : null), "the selection drawn", 60000);
  await s.waitFor("select[name=stance]");
  await run("const el = document.querySelector('select[name=stance]'); el.value = arguments[0]; el.dispatchEvent(new Event('change', { bubbles: true })); return 1", [stances[i % 2]]);
  await s.click("form button[type=submit].primary");
  await s.until(async () => ((await measures("save-edit")).length > i ? 1 : null), "the edit drawn", 60000);
  await new Promise((r) => setTimeout(r, 500));
}
const stat = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return { n: v.length, median: Math.round(v[v.length >> 1]), min: Math.round(v[0]), max: Math.round(v[v.length - 1]) };
};
console.log(JSON.stringify({ map, select_ms: stat(await measures("select")), save_edit_ms: stat(await measures("save-edit")) }));
await s.quit();
driver.kill();
