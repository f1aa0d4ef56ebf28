// A small WebDriver client over fetch: just the calls the end-to-end scenarios use.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, args = []) {
    // A launch right after a quit can find the display still busy with the last window (GTK then
    // fails to start): one more try after a pause, rather than a failed or hanging run.
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await call(base, "POST", "/session", {
          capabilities: { alwaysMatch: { "tauri:options": { application, args } } },
        });
        return new Session(base, res.sessionId ?? res.value?.sessionId);
      } catch (e) {
        if (attempt >= 3) throw e;
        console.log(`    the app did not start (${e.message}); trying again`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  async cmd(method, path, body) {
    const res = await call(this.base, method, `/session/${this.id}${path}`, body);
    return res.value;
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }

  /** Waits until `css` matches an element, and returns it. */
  async waitFor(css, timeout = 20000) {
    return this.until(async () => {
      try {
        return await this.find(css);
      } catch {
        return null;
      }
    }, `an element matching ${css}`, timeout);
  }

  async until(check, what, timeout = 20000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      last = await check();
      if (last) return last;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
  }

  async click(css) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/clear`, {});
    await this.cmd("POST", `/element/${el}/value`, { text });
  }

  async attribute(css, name) {
    const el = await this.waitFor(css);
    return this.cmd("GET", `/element/${el}/attribute/${name}`);
  }

  async text(css) {
    const el = await this.waitFor(css);
    return this.cmd("GET", `/element/${el}/text`);
  }

  async title() {
    return this.cmd("GET", "/title");
  }

  async run(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Sets a <select> (or any field) the way a person would, with the events Svelte listens to. */
  async choose(css, value) {
    const ok = await this.run(
      `const el = document.querySelector(arguments[0]);
       if (!el) return false;
       el.value = arguments[1];
       el.dispatchEvent(new Event("input", { bubbles: true }));
       el.dispatchEvent(new Event("change", { bubbles: true }));
       return el.value === arguments[1];`,
      css, value,
    );
    if (!ok) throw new Error(`could not set ${css} to ${value}`);
  }

  async keys(value) {
    // Ctrl+Z etc. through the actions API (\uE009 is Control, \uE008 Shift).
    const down = [...value].map((k) => ({ type: "keyDown", value: k }));
    const up = [...value].reverse().map((k) => ({ type: "keyUp", value: k }));
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
    await this.cmd("DELETE", "/actions");
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async quit() {
    try {
      await call(this.base, "DELETE", `/session/${this.id}`);
    } catch {
      // already gone
    }
    // Let the app's process and its window go before anything else starts.
    await new Promise((r) => setTimeout(r, 1500));
  }
}

async function call(base, method, path, body) {
  // No call may hang the run: an app that died leaves its driver waiting for ever.
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(90000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json?.value?.error) {
    const v = json.value ?? {};
    throw new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ""}`.trim());
  }
  return json;
}
