// Scale figures: how long the real app takes to open and draw a large map, and how smoothly it
// zooms and pans (frame times while wheel and drag events arrive). Not part of the test suite.
// Usage: xvfb-run -a node tests/e2e/scale.mjs path/to/advocate-desktop map.advocate [...]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";

const [app, ...maps] = process.argv.slice(2).map((p) => resolve(p));
const port = 4454;
const base = `http://127.0.0.1:${port}`;
const dataHome = mkdtempSync(join(tmpdir(), "advocate-scale-"));
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
  env: { ...process.env, XDG_DATA_HOME: dataHome },
  stdio: ["ignore", "inherit", "inherit"],
});
process.on("exit", () => driver.kill());
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${base}/status`)).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 200));
}

// Frame times while wheel and drag events arrive (arguments[0] true), or of the page left alone
// (false): the second is the floor the display itself sets, which under Xvfb's software OpenGL is
// far above a real screen's 16 ms.
const FRAMES = `
  const interact = arguments[0];
  const done = arguments[arguments.length - 1];
  const target = document.querySelector('[data-renderer=webgl] canvas:last-of-type') || document.querySelector('[data-renderer]');
  const r = target.getBoundingClientRect();
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  // The drag starts where no node is, so it pans (from the centre it would move a person).
  const free = window.__advocateEmptyPoint?.();
  if (interact && !free) throw new Error("no free point on the canvas to pan from");
  const px = free ? r.left + free.x : cx, py = free ? r.top + free.y : cy;
  const times = [];
  let last = performance.now();
  let i = 0;
  function frame(now) {
    times.push(now - last); last = now;
    if (!interact) {
      // the page alone
    } else if (i < 40) {
      target.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 20 ? -60 : 60, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
    } else if (i < 80) {
      const type = i === 40 ? 'mousedown' : i === 79 ? 'mouseup' : 'mousemove';
      target.dispatchEvent(new MouseEvent(type, { clientX: px + (i - 40) * 5, clientY: py, button: 0, buttons: 1, bubbles: true }));
    }
    i++;
    if (i < 90) requestAnimationFrame(frame); else {
      times.shift();
      times.sort((a, b) => a - b);
      done({ frames: times.length, median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1] });
    }
  }
  requestAnimationFrame(frame);`;

for (const map of maps) {
  const t0 = Date.now();
  const s = await Session.start(base, app, [map]);
  const started = Date.now();
  await s.until(async () => {
    try { return Number(await s.attribute("[data-nodes]", "data-nodes")) > 0 ? 1 : null; } catch { return null; }
  }, "people drawn", 120000);
  const data = Date.now();
  await s.waitFor("[data-drawn], [data-renderer=svg]", 120000);
  const drawn = Date.now();
  const nodes = await s.attribute("[data-nodes]", "data-nodes");
  const ties = await s.attribute("[data-nodes]", "data-ties");
  const renderer = await s.attribute("[data-nodes]", "data-renderer");
  const figures = { map, nodes: Number(nodes), ties: Number(ties), renderer,
    window_ms: started - t0, map_on_screen_ms: data - t0, first_drawing_ms: drawn - t0 };
  // Where the time went inside the window, from the marks the ui leaves (ms since launch).
  const marks = await s.cmd("POST", "/execute/sync", {
    script: "return [performance.timeOrigin, performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])]",
    args: [],
  });
  figures.marks = Object.fromEntries(marks[1].map(([name, at]) => [name, Math.round(marks[0] + at - t0)]));
  console.log(JSON.stringify(figures));
  await s.cmd("POST", "/timeouts", { script: 300000 });
  const idle = await s.cmd("POST", "/execute/async", { script: FRAMES, args: [false] });
  await s.cmd("POST", "/execute/sync", { script: "window.__advocateFrames = []; return 1", args: [] });
  const frames = await s.cmd("POST", "/execute/async", { script: FRAMES, args: [true] });
  // Each frame's own work, from sigma's beforeRender to the end of the canvas's afterRender
  // (sigma's drawing, the department discs below it, the names above it): without the
  // display's compositing.
  const work = await s.cmd("POST", "/execute/sync", {
    script: "const f = (window.__advocateFrames || []).slice().sort((a, b) => a - b); return { frames: f.length, median: f[f.length >> 1], p95: f[Math.floor(f.length * 0.95)] }",
    args: [],
  });
  console.log(JSON.stringify({ map, frame_ms: frames, idle_frame_ms: idle, render_work_ms: work }));
  await s.quit();
}
driver.kill();
