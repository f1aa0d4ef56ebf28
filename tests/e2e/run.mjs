// End-to-end: the real app binary (built self-contained) driven by tauri-driver and
// WebKitWebDriver, as a user would: first start, add a person and a tie, undo, restart, import
// people whose names are HTML, add a passphrase, unlock the map at restart and remove it again.
// Screenshots of the main views go to tests/e2e/screenshots/.
// Usage: node tests/e2e/run.mjs path/to/advocate-desktop   (under a display, e.g. xvfb-run)
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Session } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(process.argv[2] ?? join(here, "../../target/debug/advocate-desktop"));
const shots = join(here, "screenshots");
mkdirSync(shots, { recursive: true });
const dataHome = mkdtempSync(join(tmpdir(), "advocate-e2e-"));
const port = Number(process.env.E2E_PORT ?? 4444);
const base = `http://127.0.0.1:${port}`;
const only = process.env.E2E_ONLY;

const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
  env: { ...process.env, XDG_DATA_HOME: dataHome, XDG_CONFIG_HOME: join(dataHome, "config") },
  stdio: ["ignore", "inherit", "inherit"],
});
process.on("exit", () => driver.kill());

async function waitForDriver(url = base) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("tauri-driver did not start");
}

let session = null;
async function open(args = []) {
  if (session) await session.quit();
  session = await Session.start(base, app, args);
  await session.waitFor("[data-nodes], [data-renderer=list], .empty", 30000);
  return session;
}

// A second app running beside the first, as another person on the same machine runs it (the
// together scenarios): its own tauri-driver (ports P+10 and P+11), its own data and settings
// dirs (so it keeps its own user's name and asks it once), and a D-Bus session bus of its own, as
// another login has, so the single-instance plugin does not hand its maps to the first app and
// exit (without dbus-daemon the bus is absent, and the plugin then launches normally). Started
// on the first call, with the map(s) in `args`; later calls give the same running session.
// Everything is stopped when the run ends.
let second = null;
async function startSecond(args = []) {
  if (second?.session) return second.session;
  if (!second) {
    const home = join(dataHome, "second");
    mkdirSync(join(home, "config"), { recursive: true });
    const address = `unix:path=${join(home, "bus")}`;
    const bus = spawn("dbus-daemon", ["--session", "--nofork", "--nopidfile", `--address=${address}`], { stdio: "ignore" });
    bus.on("error", () => { /* no dbus-daemon: the second app runs without a bus */ });
    const secondPort = port + 10;
    const driver = spawn("tauri-driver", ["--port", String(secondPort), "--native-port", String(secondPort + 1)], {
      env: { ...process.env, XDG_DATA_HOME: home, XDG_CONFIG_HOME: join(home, "config"), DBUS_SESSION_BUS_ADDRESS: address },
      stdio: ["ignore", "inherit", "inherit"],
    });
    second = { base: `http://127.0.0.1:${secondPort}`, bus, driver, session: null };
    await waitForDriver(second.base);
  }
  const s = await Session.start(second.base, app, args);
  await s.waitFor("[data-nodes], [data-renderer=list], .empty", 30000);
  second.session = s;
  return s;
}
async function stopSecond() {
  if (!second) return;
  if (second.session) await second.session.quit();
  second.driver.kill();
  second.bus.kill();
  second = null;
}
process.on("exit", () => { second?.driver.kill(); second?.bus.kill(); });

/** Saves a screenshot of the first app's window, or of the window of the session given. */
async function shot(name, s = session) {
  // Let the webview paint what the last command changed.
  await new Promise((r) => setTimeout(r, 400));
  writeFileSync(join(shots, `${name}.png`), await s.screenshot());
}
const count = async (attr) => Number(await session.attribute("[data-nodes]", attr));
const blur = (s = session) => s.run("document.activeElement && document.activeElement.blur(); return true;");

const state = { passphrase: "e2e correct horse battery" };
async function tab(label, s = session) {
  const ok = await s.run(
    "const b = [...document.querySelectorAll('nav.tabs button')].find(b => b.textContent.trim() === arguments[0]); if (b) b.click(); return !!b;", label);
  if (!ok) throw new Error(`no ${label} tab`);
}
const scenarios = [
  ["first start shows the demo map", async () => {
    const s = await open();
    const nodes = await s.until(async () => (await count("data-nodes")) || null, "people drawn");
    await s.waitFor("[data-drawn], [data-renderer=svg]");
    const title = await s.title();
    if (!/Advocate/.test(title) || /^Advocate$/.test(title)) throw new Error(`window title is ${JSON.stringify(title)}`);
    const renderer = await s.attribute("[data-nodes]", "data-renderer");
    console.log(`    ${nodes} people drawn with ${renderer}; title ${JSON.stringify(title)}`);
    state.nodes = nodes;
    state.ties = await count("data-ties");
    await new Promise((r) => setTimeout(r, 800));
    await shot("01-first-start");
  }],
  ["add a person and a tie and see them drawn", async () => {
    const s = session;
    await s.click("button[title^='Add a person']");
    await s.type("input[name=name]", "Erin Tester");
    await s.type("input[name=title]", "Learning consultant");
    await s.choose("select[name=stance]", "champion");
    await s.click("form button[type=submit]");
    await s.until(async () => (await count("data-nodes")) === state.nodes + 1, "the new person to be drawn");
    await shot("02-person-added");
    await s.click("button[title^='Add a tie']");
    await s.waitFor("select[name=from]");
    await s.choose("select[name=from]", "Erin Tester");
    const target = await s.run(
      "const o = [...document.querySelectorAll('select[name=to] option')].find(o => o.value && o.value !== 'Erin Tester'); return o && o.value;");
    await s.choose("select[name=to]", target);
    await s.choose("input[name=kind]", "informal ally");
    await s.click("form button[type=submit]");
    await s.until(async () => (await count("data-ties")) === state.ties + 1, "the new tie to be drawn");
    state.tieTarget = target;
    await shot("03-tie-added");
  }],
  ["undo takes the tie back and redo replays it", async () => {
    const s = session;
    await blur();
    await s.keys("\uE009z");
    await s.until(async () => (await count("data-ties")) === state.ties, "undo to remove the tie");
    await shot("04-after-undo");
    await blur();
    await s.keys("\uE009\uE008z");
    await s.until(async () => (await count("data-ties")) === state.ties + 1, "redo to bring the tie back");
  }],
  ["search focuses a person and highlights their ties", async () => {
    const s = session;
    await s.type("#search", "Erin");
    await s.click(".hits button");
    await s.until(async () => (await s.attribute("[data-nodes]", "data-highlighted")) !== "", "the ties to be highlighted");
    await new Promise((r) => setTimeout(r, 600));
    await shot("05-search");
  }],
  ["find the best path to the CFO and see it highlighted", async () => {
    const s = session;
    await blur();
    await s.keys("\uE00C");
    await tab("Path");
    const cfo = await s.run(
      "const o = [...document.querySelectorAll('select[name=path-to] option')].find(o => /Financial|CFO/.test(o.textContent)); return o && o.value;");
    if (!cfo) throw new Error("no CFO in the To list");
    await s.choose("select[name=path-to]", cfo);
    await s.click("[aria-label='Analysis'] form button[type=submit]");
    const best = await s.text("[data-paths] li:first-child");
    await s.until(async () => (await s.attribute("[data-nodes]", "data-highlighted")) !== "", "the path to be highlighted");
    console.log(`    ${best.replace(/\n/g, " | ")}`);
    await new Promise((r) => setTimeout(r, 600));
    await shot("05b-path-to-cfo");
  }],
  ["rank advocates", async () => {
    const s = session;
    await tab("Advocates");
    await s.click("[aria-label='Analysis'] button.primary");
    await s.waitFor("[data-advocates] li", 60000);
    await s.click("[data-advocates] li:first-child button");
    const first = await s.text("[data-advocates] li:first-child");
    console.log(`    top advocate: ${first.split("\n")[0]}`);
    await s.until(async () => (await s.attribute("[data-nodes]", "data-highlighted")) !== "", "the advocate's chains to be highlighted");
    await new Promise((r) => setTimeout(r, 600));
    await shot("05c-advocates");
    await tab("Board");
    await s.click("[aria-label='Analysis'] form button[type=submit]");
    await s.waitFor("[data-board] li", 60000);
    await shot("05d-board");
    await tab("What if");
    const leaver = await s.run(
      "const o = [...document.querySelectorAll('[aria-label=Analysis] form select')[1].options].find(o => arguments[0].startsWith(o.textContent + ' ')); return o && o.value;",
      first);
    if (!leaver) throw new Error("the top advocate is not in the What if list");
    {
      await s.run("const sel = document.querySelectorAll('[aria-label=Analysis] form select')[1]; sel.value = arguments[0]; sel.dispatchEvent(new Event('change', { bubbles: true })); return true;", leaver);
      await s.click("[aria-label='Analysis'] form button[type=submit]");
      await s.click("[aria-label='Analysis'] button.primary");
      const summary = await s.text("[data-whatif]");
      console.log(`    what if the top advocate leaves: ${summary.split("\n")[0]}`);
      await shot("05f-what-if");
    }
    await tab("Metrics");
    await s.click("[aria-label='Analysis'] button.primary");
    await s.waitFor("[data-metrics] tbody tr", 60000);
    await s.choose("select[aria-label='Node size']", "influence");
    await new Promise((r) => setTimeout(r, 600));
    await shot("05e-metrics");
    await tab("Details");
  }],
  ["list view, help overlay and layouts", async () => {
    const s = session;
    await blur();
    await s.choose("select[aria-label=View]", "list");
    await s.waitFor("[data-renderer=list] table");
    await shot("06-list");
    await s.choose("select[aria-label=View]", "network");
    await s.waitFor("[data-nodes]");
    await blur();
    await s.keys("?");
    await s.waitFor("[role=dialog]");
    await shot("07-help");
    await s.keys("\uE00C");
    await s.choose("select[aria-label=Layout]", "orgchart");
    await new Promise((r) => setTimeout(r, 1500));
    await shot("08-org-chart");
    // The shot waits for the camera to come to rest at the grid's Fit (the canvas's `data-fit`),
    // not a fixed time: the grid asks the core for its quadrants first, and on a busy machine the
    // camera was still on the person the search brought into view.
    const fitted = async () => (await s.attribute("[data-renderer=webgl]", "data-fit")) ?? "0";
    const before = parseInt(await fitted(), 10);
    await s.choose("select[aria-label=Layout]", "grid");
    await s.until(async () => {
      const [n, layout] = (await fitted()).split(" ");
      return parseInt(n, 10) > before && layout === "grid";
    }, "the camera at rest at the grid's Fit", 30000);
    await shot("09-grid");
  }],
  ["import a CSV with a bad row and see the message naming the line", async () => {
    const s = session;
    const csv = join(dataHome, "people.csv");
    writeFileSync(csv, "name,title,power\nAda Obi,Head of Sales,3\nBo Kim,Analyst,9\n");
    await blur();
    await s.click("button[title^='Import']");
    await s.type("textarea[name=import-paths]", csv);
    await s.click("[role=dialog] button[type=submit]");
    const message = await s.until(async () => {
      try { return await s.text("[data-import-error]"); } catch { return null; }
    }, "the import's message");
    if (!/line 3/.test(message)) throw new Error(`the message does not name line 3: ${message}`);
    console.log(`    ${message}`);
    await shot("11-import-error");
    await s.keys("\uE00C");
  }],
  ["quit, restart and find the edits still there", async () => {
    const s = await open();
    await s.until(async () => (await count("data-nodes")) === state.nodes + 1, "the added person after restart");
    await s.until(async () => (await count("data-ties")) === state.ties + 1, "the added tie after restart");
    await s.type("#search", "Erin Tester");
    const hit = await s.text(".hits button");
    if (hit !== "Erin Tester") throw new Error(`search found ${hit}`);
    // Undo works after reopening too: the journal is in the file.
    const before = await s.attribute("button[aria-label=Undo]", "title");
    if (!/^Undo /.test(before)) throw new Error(`nothing to undo after restart: ${before}`);
    await blur();
    await s.keys("\uE009z");
    await s.until(async () => /^Redo /.test(await s.attribute("button[aria-label=Redo]", "title")), "undo after restart");
    // That undo took back the grid's move: the places are the org chart's again, and so is the
    // layout menu (no Power/interest label over the org chart's places, no quadrants).
    if (!/power\/interest grid/.test(before)) throw new Error(`the undo after restart is not the grid's move: ${before}`);
    await s.until(async () => (await s.run("return document.querySelector('select[aria-label=Layout]').value;")) === "orgchart", "the layout menu back at the org chart after undoing the grid");
    await shot("10-restart");
  }],
  ["import people whose names are HTML: they show as text and run nothing", async () => {
    const s = session;
    const fixture = resolve(here, "../fixtures/e2e/hostile_names.csv");
    const names = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=2</script>"];
    const note = '<script>window.__pwned=3</script><img src=x onerror="window.__pwned=4"><b>not bold</b>';
    const elements = "return { img: document.querySelectorAll('img').length, script: document.querySelectorAll('script').length, iframe: document.querySelectorAll('iframe').length };";
    const before = await s.run(elements);
    await blur();
    await s.click("button[title^='Import']");
    await s.type("textarea[name=import-paths]", fixture);
    await s.click("[role=dialog] button[type=submit]");
    await s.waitFor("[data-import-report]");
    await s.click("[role=dialog] button.primary");
    // The dialog's heading is drawn again when the import ends: a read can find the old one gone.
    await s.until(async () => {
      try { return /^Imported/i.test(await s.text("[role=dialog] h3")); } catch { return false; }
    }, "the import to finish");
    await s.keys("\uE00C");
    await s.choose("select[aria-label=View]", "list");
    await s.waitFor("[data-renderer=list] table");
    // Select the first hostile person, so the panel shows their name and notes too.
    const picked = await s.run(
      "const b = [...document.querySelectorAll('[data-renderer=list] tbody button')].find(b => b.textContent === arguments[0]); if (b) b.click(); return !!b;",
      names[0]);
    if (!picked) throw new Error("the imported name is not in the list as text");
    await s.waitFor("#person-heading");
    // Give any injected handler (onerror, onload) the time to run, were one ever created.
    await new Promise((r) => setTimeout(r, 800));
    const seen = await s.run(`
      const hostile = [...document.querySelectorAll('img, script, iframe, svg[onload], a[href^="javascript"], [onerror], [onload]')]
        .filter((e) => /pwned/.test(e.outerHTML)).length;
      return {
        pwned: typeof window.__pwned,
        hostile,
        listed: [...document.querySelectorAll('[data-renderer=list] tbody button')].map((b) => b.textContent),
        cells: document.querySelector('[data-renderer=list] tbody').textContent,
        heading: document.getElementById('person-heading').textContent,
        notes: document.querySelector('textarea[name=notes]').value,
        elements: (() => { ${elements} })(),
      };`);
    if (seen.pwned !== "undefined") throw new Error(`window.__pwned is ${seen.pwned}: imported HTML ran`);
    if (seen.hostile) throw new Error(`${seen.hostile} element(s) were made from imported names`);
    for (const what of ["img", "script", "iframe"]) {
      if (seen.elements[what] !== before[what]) throw new Error(`${what} elements: ${before[what]} before the import, ${seen.elements[what]} after`);
    }
    for (const n of names) if (!seen.listed.includes(n)) throw new Error(`${n} is not listed as text: ${seen.listed.slice(0, 5)}`);
    for (const t of ["<b>Head</b> of Nothing", "<i>Shadow Ops</i>", '<svg onload="window.__pwned=7">Analyst']) {
      if (!seen.cells.includes(t)) throw new Error(`${t} is not in the list as text`);
    }
    if (seen.heading !== names[0]) throw new Error(`the panel's heading is ${JSON.stringify(seen.heading)}`);
    if (seen.notes !== note) throw new Error(`the notes read ${JSON.stringify(seen.notes)}`);
    console.log(`    window.__pwned ${seen.pwned}; names, titles, department and notes shown as text`);
    await shot("12-hostile-names");
    await s.choose("select[aria-label=View]", "network");
    await s.waitFor("[data-nodes]");
    state.people = await count("data-nodes");
  }],
  ["add a passphrase to the map: typed twice, a mismatch is refused", async () => {
    const s = session;
    await blur();
    await s.keys("\uE00C");
    await s.click("button[title^='Add, change or remove']");
    await s.waitFor("[data-passphrase-dialog]");
    await s.type("#new-passphrase", state.passphrase);
    await s.type("#repeat-passphrase", `${state.passphrase}x`);
    await s.click("[data-passphrase-dialog] button[type=submit]");
    const message = await s.until(async () => {
      try { return await s.text("[data-passphrase-error]"); } catch { return null; }
    }, "the message about the two passphrases");
    if (!/differ/.test(message)) throw new Error(`the mismatch got: ${message}`);
    await s.type("#new-passphrase", state.passphrase);
    await s.type("#repeat-passphrase", state.passphrase);
    await shot("13-passphrase-dialog");
    await s.click("[data-passphrase-dialog] button[type=submit]");
    await s.waitFor("[data-encrypted]", 30000);
    console.log(`    ${await s.text("[role=status]")}`);
  }],
  ["restart asks for the passphrase, refuses a wrong one, opens with the right one", async () => {
    const s = await open();
    await s.waitFor("[data-passphrase-prompt]");
    const field = await s.run(`
      const f = document.getElementById('unlock-passphrase');
      const l = document.querySelector('label[for=unlock-passphrase]');
      return { type: f && f.type, label: l && l.textContent.trim(), focused: document.activeElement === f,
        cancel: [...document.querySelectorAll('[data-passphrase-prompt] button')].some((b) => b.textContent.trim() === 'Cancel') };`);
    if (field.type !== "password" || field.label !== "Passphrase" || !field.focused || !field.cancel) {
      throw new Error(`the prompt is not as it should be: ${JSON.stringify(field)}`);
    }
    await shot("14-passphrase-prompt");
    await s.type("#unlock-passphrase", "not the passphrase");
    await s.click("[data-passphrase-prompt] button[type=submit]");
    const wrong = await s.until(async () => {
      try { return await s.text("[data-passphrase-prompt] [role=alert]"); } catch { return null; }
    }, "the wrong passphrase's message", 30000);
    if (!/does not open/.test(wrong)) throw new Error(`a wrong passphrase got: ${wrong}`);
    console.log(`    ${wrong}`);
    await shot("15-passphrase-wrong");
    await s.type("#unlock-passphrase", state.passphrase);
    await s.click("[data-passphrase-prompt] button[type=submit]");
    await s.until(async () => (await count("data-nodes")) === state.people, "the map to open with every person", 30000);
    if (await s.run("return !!document.querySelector('[data-passphrase-prompt]');")) throw new Error("the prompt stayed up");
    await s.waitFor("[data-encrypted]");
    await shot("16-unlocked");
  }],
  ["Cancel leaves the map locked; the passphrase is removed once confirmed", async () => {
    const s = await open();
    await s.waitFor("[data-passphrase-prompt]");
    await s.run("[...document.querySelectorAll('[data-passphrase-prompt] button')].find((b) => b.textContent.trim() === 'Cancel').click(); return true;");
    await s.waitFor(".empty button.primary");
    await shot("17-locked-after-cancel");
    await s.click(".empty button.primary");
    await s.type("#unlock-passphrase", state.passphrase);
    await s.click("[data-passphrase-prompt] button[type=submit]");
    await s.until(async () => (await count("data-nodes")) === state.people, "the map to open", 30000);
    await s.click("button[title^='Add, change or remove']");
    await s.click("[data-passphrase-dialog] button.danger");
    await s.waitFor("[data-passphrase-dialog] .confirm");
    await shot("18-remove-passphrase");
    await s.click("[data-passphrase-dialog] .confirm button.danger");
    await s.until(async () => !(await s.run("return !!document.querySelector('[data-encrypted]');")), "the map to be stored unencrypted", 30000);
    const again = await open();
    await again.until(async () => (await count("data-nodes")) === state.people, "the map to open without a passphrase");
    if (await again.run("return !!document.querySelector('[data-passphrase-prompt]');")) throw new Error("a plain map asked for a passphrase");
  }],
];

// Each file in scenarios/ adds its own scenarios after these, in file-name order: it exports a
// function that takes the harness and returns [name, run] pairs. New features add a file there
// rather than growing this one.
const harness = { open, second: startSecond, shot, count, blur, tab, state, dataHome, here, get session() { return session; } };
const extra = join(here, "scenarios");
for (const file of readdirSync(extra).filter((f) => f.endsWith(".mjs")).sort()) {
  const { default: make } = await import(pathToFileURL(join(extra, file)).href);
  scenarios.push(...make(harness));
}

let passed = 0, failed = 0;
try {
  await waitForDriver();
  for (const [name, run] of scenarios) {
    if (only && !name.includes(only)) continue;
    const t0 = Date.now();
    try {
      await run();
      passed++;
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.message}`);
      try { await shot(`failed-${passed + failed}`); } catch { /* no window */ }
      try { if (second?.session) await shot(`failed-${passed + failed}-second`, second.session); } catch { /* no window */ }
    }
  }
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.message}`);
} finally {
  if (session) await session.quit();
  await stopSecond();
  driver.kill();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
