// Click-to-frame figures: how long the real app takes from a click to the frame that shows its
// effect, on a large map: selecting a person, and saving an edit of one (the stance, through
// the person form's Save button). The ui marks the click (`NAME-click`) and measures to the next
// frame once the graph and the canvas's layers have the change (`click-to-frame:NAME`). It also
// prints what the display alone costs (see `floor`). Not part of the suite.
// Usage: xvfb-run -a node tests/e2e/click.mjs path/to/advocate-desktop map.advocate [rounds]
// (CLICK_SHOT=file.png: a screenshot of the window after the first save. CLICK_PRESS=instant:
// WebDriver's click, which moves the pointer onto Save and presses it in the same instant.)
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
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
// Save pressed as a person presses it: the pointer comes to rest on the button (its hover shade
// is drawn), then a press of 100 ms. The click event, where the measure starts, is the release.
const press = async (css) => {
  if (process.env.CLICK_PRESS === "instant") return s.click(css);
  const el = await s.waitFor(css);
  const origin = { "element-6066-11e4-a52e-4f735466cecf": el };
  await s.cmd("POST", "/actions", { actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [
    { type: "pointerMove", origin, x: 0, y: 0, duration: 0 }, { type: "pause", duration: 300 },
    { type: "pointerDown", button: 0 }, { type: "pause", duration: 100 }, { type: "pointerUp", button: 0 },
  ] }] });
  await s.cmd("DELETE", "/actions");
};
const measures = (name) => run(`return performance.getEntriesByName('click-to-frame:${name}').map((m) => m.duration)`);
// What this display costs whatever the app does: how long a frame asked for with nothing to
// draw takes to come, and how long the frame after a one-word change of colour (a frame the
// compositor has to draw again) takes to composite, each over 10 tries.
const floor = await run(`const idle = [], changed = [];
  const el = document.querySelector('.brand');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    idle.push((await frame()) - t0);
    await new Promise((r) => setTimeout(r, 300));
    el.style.color = i % 2 ? '#b91c1c' : '#1d4ed8';
    const t1 = await frame();
    changed.push((await frame()) - t1);
  }
  el.style.color = '';
  return { idle, changed };`);
// The people to click: some with ties, spread over the map.
const keys = await run("return window.__advocateKeys ? window.__advocateKeys(arguments[0]) : []", [rounds]);
if (!keys.length) throw new Error("this build has no measurement hook (window.__advocateKeys)");
for (let i = 0; i < keys.length; i++) {
  // A click on a person's node, as sigma reports it.
  await run("window.__advocateSelect(arguments[0])", [keys[i]]);
  await s.until(async () => ((await measures("select")).length > i ? 1 : null), "the selection drawn", 60000);
  await s.waitFor("select[name=stance]");
  // A person reads the form before changing it: the selection's names are placed meanwhile.
  await new Promise((r) => setTimeout(r, 1000));
  // A stance other than theirs, so that every save changes the map.
  const stance = await run(`const el = document.querySelector('select[name=stance]');
    el.value = el.value === 'champion' ? 'sceptic' : 'champion';
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return el.value`);
  await press("form button[type=submit].primary");
  await s.until(async () => ((await measures("save-edit")).length > i ? 1 : null), "the edit drawn", 60000);
  await new Promise((r) => setTimeout(r, 500));
  if (i === 0 && process.env.CLICK_SHOT) writeFileSync(process.env.CLICK_SHOT, await s.screenshot());
  const kept = await run("return document.querySelector('select[name=stance]').value");
  if (kept !== stance) throw new Error(`the save of ${keys[i]} did not keep the stance ${stance} (the form shows ${kept})`);
}
const stat = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return { n: v.length, median: Math.round(v[v.length >> 1]), min: Math.round(v[0]), max: Math.round(v[v.length - 1]) };
};
console.log(JSON.stringify({
  map, select_ms: stat(await measures("select")), save_edit_ms: stat(await measures("save-edit")),
  idle_frame_ms: stat(floor.idle), composite_after_change_ms: stat(floor.changed),
}));
await s.quit();
driver.kill();
