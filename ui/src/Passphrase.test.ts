// The passphrase prompt and the Passphrase… dialog against mocked commands: the window asks,
// sends what was typed to the core, and shows the core's answers (a wrong passphrase, two
// passphrases that differ) without ever deciding them itself.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "./App.svelte";
import { app } from "./lib/store.svelte";
import { mapOf, person } from "./test-helpers";
import type { Locked, MapView, Startup } from "./bindings";

const tick = () => new Promise((r) => setTimeout(r, 0));
// A few turns of the event loop, then a short real wait (a dynamic import such as the dialog
// plugin's can take longer than a few turns on a busy machine), then a few more turns.
async function settle() {
  for (let i = 0; i < 6; i++) { await tick(); flushSync(); }
  await new Promise((r) => setTimeout(r, 15));
  for (let i = 0; i < 3; i++) { await tick(); flushSync(); }
}

const PATH = "/home/ada/maps/secret.advocate";
const locked = (retry = false, message = "secret.advocate is encrypted. Type its passphrase to open it."): Locked =>
  ({ path: PATH, name: "secret.advocate", retry, message });
const WRONG = "That passphrase does not open secret.advocate. Check it and try again (passphrases are case-sensitive); the file was not changed.";
const secretMap: MapView = { ...mapOf([person(1, "Giulietta Marchetti")]), path: PATH, name: "Secret rollout", encrypted: true };

let component: ReturnType<typeof mount> | null = null;
let calls: { cmd: string; args: any }[] = [];

function start(startup: Startup, handler: (cmd: string, args: any) => unknown) {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "start") return startup;
    if (cmd === "plugin:window|set_title") return null;
    return handler(cmd, args);
  });
  document.body.innerHTML = "<div id=app></div>";
  component = mount(App, { target: document.getElementById("app")! });
}

/** The core's answer to open_map: the right passphrase opens, anything else asks again. */
function openWith(right: string) {
  return (cmd: string, args: any) => {
    if (cmd !== "open_map") throw `unexpected ${cmd}`;
    if (args.passphrase === right) return { outcome: "open", map: secretMap };
    return { outcome: "needs_passphrase", locked: args.passphrase === null ? locked() : locked(true, WRONG) };
  };
}

const $ = <T extends Element = HTMLElement>(css: string) => document.querySelector(css) as T | null;
function type(css: string, value: string) {
  const input = $<HTMLInputElement>(css)!;
  input.value = value;
  input.dispatchEvent(new Event("input"));
}
function button(text: string) {
  const b = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === text);
  if (!b) throw new Error(`no button ${text}`);
  return b as HTMLButtonElement;
}
const opens = () => calls.filter((c) => c.cmd === "open_map");

beforeEach(() => {
  window.matchMedia = window.matchMedia ?? ((() => ({ matches: false, addEventListener() {}, removeEventListener() {} })) as any);
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  clearMocks();
  // The window's state outlives a mounted App: each test starts from none.
  app.map = null;
  app.unlock = app.waiting = null;
  app.dialog = null;
  app.error = app.info = null;
});

describe("the passphrase prompt", () => {
  it("asks for the passphrase of the encrypted map at start in a labelled password field", async () => {
    start({ map: null, notice: null, locked: locked() }, openWith("right"));
    await settle();
    const dialog = $("[role=dialog][data-passphrase-prompt]")!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect($(`#${dialog.getAttribute("aria-labelledby")}`)!.textContent).toBe("Unlock secret.advocate");
    expect(dialog.textContent).toContain("secret.advocate is encrypted. Type its passphrase to open it.");
    const field = $<HTMLInputElement>("#unlock-passphrase")!;
    expect(field.type).toBe("password");
    expect($("label[for=unlock-passphrase]")!.textContent).toBe("Passphrase");
    expect(document.activeElement).toBe(field);
    expect(button("Cancel")).toBeTruthy();
    expect(dialog.querySelector("[role=alert]")).toBeNull();
  });

  it("says a wrong passphrase is wrong, clears the field for another try, and opens with the right one", async () => {
    start({ map: null, notice: null, locked: locked() }, openWith("correct horse"));
    await settle();
    type("#unlock-passphrase", "Correct horse");
    $<HTMLButtonElement>("[data-passphrase-prompt] button[type=submit]")!.click();
    // The dialog plugin is imported on first use, which can take longer than settle() on a busy
    // machine: wait for the open itself.
    await vi.waitFor(() => expect(opens().length).toBeGreaterThan(0), { timeout: 5000 });
    await settle();
    expect(opens()[0].args).toEqual({ path: PATH, passphrase: "Correct horse" });
    expect($("[data-passphrase-prompt] [role=alert]")!.textContent).toBe(WRONG);
    const field = $<HTMLInputElement>("#unlock-passphrase")!;
    expect(field.value).toBe("");
    expect(document.activeElement).toBe(field);

    type("#unlock-passphrase", "correct horse");
    $<HTMLFormElement>("[data-passphrase-prompt] form")!.requestSubmit();
    await settle();
    expect(opens()[1].args).toEqual({ path: PATH, passphrase: "correct horse" });
    expect($("[data-passphrase-prompt]")).toBeNull();
    expect(document.querySelectorAll("[data-person-id]").length).toBe(1);
    expect($("[data-encrypted]")!.textContent).toContain("Encrypted");
  });

  it("Cancel closes the prompt without opening anything, and the map can be unlocked later", async () => {
    start({ map: null, notice: null, locked: locked() }, openWith("pw"));
    await settle();
    type("#unlock-passphrase", "half typed");
    button("Cancel").click();
    await settle();
    expect($("[data-passphrase-prompt]")).toBeNull();
    expect(opens()).toHaveLength(0);
    button("Unlock secret.advocate…").click();
    // The dialog plugin is imported on first use, which can take longer than settle() on a busy
    // machine: wait for the open itself.
    await vi.waitFor(() => expect(opens().length).toBeGreaterThan(0), { timeout: 5000 });
    await settle();
    expect(opens()[0].args).toEqual({ path: PATH, passphrase: null });
    expect($<HTMLInputElement>("#unlock-passphrase")!.value).toBe("");
  });

  it("Escape cancels it, and other shortcuts wait while it is up", async () => {
    start({ map: null, notice: null, locked: locked() }, openWith("pw"));
    await settle();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "o", ctrlKey: true }));
    await settle();
    expect(calls.some((c) => c.cmd === "plugin:dialog|open")).toBe(false);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await settle();
    expect($("[data-passphrase-prompt]")).toBeNull();
  });

  it("comes up when Open picks an encrypted map, and the map that was open stays meanwhile", async () => {
    const open = mapOf([person(1, "Tom Reed")]);
    start({ map: open, notice: null, locked: null }, (cmd, args) => {
      if (cmd === "plugin:dialog|open") return PATH;
      return openWith("pw")(cmd, args);
    });
    await settle();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "o", ctrlKey: true }));
    // The dialog plugin is imported on first use, which can take longer than settle() on a busy
    // machine: wait for the open itself.
    await vi.waitFor(() => expect(opens().length).toBeGreaterThan(0), { timeout: 5000 });
    await settle();
    expect(opens()[0].args).toEqual({ path: PATH, passphrase: null });
    expect($("[data-passphrase-prompt]")).not.toBeNull();
    expect(document.body.textContent).toContain("Tom Reed");
    button("Cancel").click();
    await settle();
    expect(document.title).toBe("t.advocate — Advocate");
  });
});

describe("the Passphrase… dialog", () => {
  it("adds a passphrase typed twice, showing the core's message when the two differ", async () => {
    const plain = mapOf([person(1, "Tom Reed")]);
    let answer: unknown = "The two passphrases differ: type the same passphrase in both fields. Nothing was changed.";
    start({ map: plain, notice: null, locked: null }, (cmd) => {
      if (cmd !== "change_passphrase") throw `unexpected ${cmd}`;
      if (typeof answer === "string") throw answer;
      return answer;
    });
    await settle();
    button("Passphrase…").click();
    await settle();
    expect($("#passphrase-heading")!.textContent).toBe("Protect this map with a passphrase");
    expect($<HTMLInputElement>("#new-passphrase")!.type).toBe("password");
    expect($<HTMLInputElement>("#repeat-passphrase")!.type).toBe("password");
    expect($("label[for=repeat-passphrase]")!.textContent).toBe("Type it again");
    type("#new-passphrase", "one two three");
    type("#repeat-passphrase", "one two thre");
    button("Add passphrase").click();
    await settle();
    const sent = calls.filter((c) => c.cmd === "change_passphrase");
    expect(sent[0].args).toEqual({ change: { action: "set", passphrase: "one two three", repeated: "one two thre" } });
    expect($("[data-passphrase-error]")!.textContent).toContain("The two passphrases differ");
    expect($<HTMLInputElement>("#new-passphrase")!.value).toBe("");

    answer = { ...plain, encrypted: true };
    type("#new-passphrase", "one two three");
    type("#repeat-passphrase", "one two three");
    button("Add passphrase").click();
    await settle();
    expect($("[data-passphrase-dialog]")).toBeNull();
    expect($("[data-encrypted]")).not.toBeNull();
    expect($("[role=status]")!.textContent).toBe("The map is now encrypted with its passphrase");
  });

  it("removes a passphrase only after it is confirmed", async () => {
    const encrypted = { ...mapOf([person(1, "Tom Reed")]), encrypted: true };
    start({ map: encrypted, notice: null, locked: null }, (cmd) => {
      if (cmd !== "change_passphrase") throw `unexpected ${cmd}`;
      return { ...encrypted, encrypted: false };
    });
    await settle();
    button("Passphrase…").click();
    await settle();
    expect($("#passphrase-heading")!.textContent).toBe("Change or remove the passphrase");
    button("Remove passphrase…").click();
    await settle();
    expect(calls.some((c) => c.cmd === "change_passphrase")).toBe(false);
    expect(document.body.textContent).toContain("Store Test unencrypted?");
    button("Keep the passphrase").click();
    await settle();
    button("Remove passphrase…").click();
    await settle();
    button("Remove passphrase").click();
    await settle();
    expect(calls.find((c) => c.cmd === "change_passphrase")!.args).toEqual({ change: { action: "remove", confirmed: true } });
    expect($("[data-encrypted]")).toBeNull();
  });
});
