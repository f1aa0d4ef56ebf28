// The installed app, started as its desktop entry starts it, driven by tauri-driver: the map
// given to it is drawn, a second launch with another map opens that map in a second window of
// the same process (and exits), a third launch with a map already open only brings its window
// forward, and the maps opened reach the desktop's recent files. Run by tests/install/run.sh,
// under a session bus (the single-instance plugin's) and a virtual display.
// Usage: node installed.mjs DESKTOP_ENTRY MAP PEOPLE OTHER_MAP OTHER_PEOPLE
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Session } from "../e2e/webdriver.mjs";

const [entry, map, people, other, otherPeople] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "../e2e/screenshots");
mkdirSync(shots, { recursive: true });
const port = Number(process.env.E2E_PORT ?? 4444);
const base = `http://127.0.0.1:${port}`;

// The command line as the desktop entry gives it: Exec=advocate-desktop %F, the program found on
// PATH and %F replaced by the files opened.
const exec = readFileSync(entry, "utf8").match(/^Exec=(.*)$/m)[1].split(/\s+/);
const program = execFileSync("sh", ["-c", `command -v ${exec[0]}`]).toString().trim();
const argsFor = (file) => exec.slice(1).flatMap((a) => (a === "%F" || a === "%f" ? [file] : [a]));
console.log(`  the desktop entry starts ${program} ${argsFor("MAP").join(" ")}`);

const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
  stdio: ["ignore", "inherit", "inherit"],
});
process.on("exit", () => driver.kill());
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/status`)).ok) break;
  } catch {
    // not up yet
  }
  if (i > 100) throw new Error("tauri-driver did not start");
  await new Promise((r) => setTimeout(r, 200));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const titleOf = (file) => `${basename(file)} — Advocate`;
/** The X windows titled `title`, each with the process that owns it. */
function windowsTitled(title) {
  let ids = [];
  try {
    ids = execFileSync("xdotool", ["search", "--name", `^${title.replace(/[.]/g, "\\.")}$`]).toString().trim().split("\n");
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
  return ids.filter(Boolean).map((id) => ({
    id,
    pid: Number(execFileSync("xdotool", ["getwindowpid", id]).toString().trim()),
  }));
}
async function until(check, what, timeout = 30000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
}
/** Launches the installed app again, as a double-click would, and waits for it to hand over. */
async function launchAgain(file) {
  const child = spawn(program, argsFor(file), { stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve("still running"), 30000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0) {
    child.kill();
    throw new Error(`a second launch with ${basename(file)} did not hand over to the running app and exit (${code})`);
  }
}

const s = await Session.start(base, program, argsFor(map));
try {
  const drawn = async () => Number(await s.attribute("[data-nodes]", "data-nodes"));
  await s.until(async () => (await drawn()) === Number(people), `the ${people} people of ${basename(map)} to be drawn`, 60000);
  await s.waitFor("[data-drawn], [data-renderer=svg]");
  const title = await s.title();
  if (title !== titleOf(map)) throw new Error(`the window is titled ${JSON.stringify(title)}, not ${JSON.stringify(titleOf(map))}`);
  console.log(`  ok: ${people} people of ${basename(map)} drawn; window titled ${JSON.stringify(title)}`);
  await sleep(800);
  writeFileSync(join(shots, "installed-01-map.png"), await s.screenshot());

  const [first] = await until(async () => windowsTitled(titleOf(map)).length && windowsTitled(titleOf(map)), "the first window on the display");

  await launchAgain(other);
  const [second] = await until(async () => windowsTitled(titleOf(other)).length && windowsTitled(titleOf(other)), `a window titled ${titleOf(other)}`);
  if (second.pid !== first.pid) throw new Error(`the second map opened in process ${second.pid}, not in the running app (${first.pid})`);
  console.log(`  ok: a second launch opened ${basename(other)} in a second window of process ${first.pid} and exited`);

  // The second window is the second map's, with its own session: it draws that map.
  const handles = await s.cmd("GET", "/window/handles");
  if (handles.length === 2) {
    const mine = await s.cmd("GET", "/window");
    await s.cmd("POST", "/window", { handle: handles.find((h) => h !== mine) });
    await s.until(async () => (await drawn()) === Number(otherPeople), `the ${otherPeople} people of ${basename(other)} to be drawn`, 60000);
    console.log(`  ok: the second window draws the ${otherPeople} people of ${basename(other)}`);
    await sleep(800);
    writeFileSync(join(shots, "installed-02-second-window.png"), await s.screenshot());
    await s.cmd("POST", "/window", { handle: mine });
  } else {
    console.log(`  (WebDriver sees ${handles.length} window(s): the second window's drawing is not checked here)`);
  }

  await launchAgain(other);
  await sleep(1500);
  const again = windowsTitled(titleOf(other));
  if (again.length !== 1) throw new Error(`opening ${basename(other)} again gave ${again.length} windows for it, not 1`);
  console.log(`  ok: opening ${basename(other)} again kept its one window`);

  const recent = join(process.env.XDG_DATA_HOME ?? join(process.env.HOME, ".local/share"), "recently-used.xbel");
  await until(
    async () => existsSync(recent) && [map, other].every((f) => readFileSync(recent, "utf8").includes(pathToFileURL(f).href)),
    `both maps in ${recent}`,
    20000,
  );
  console.log(`  ok: both maps are in the desktop's recent files (${recent})`);
} finally {
  await s.quit();
}
console.log("installed app: 4 passed, 0 failed");
process.exit(0);
