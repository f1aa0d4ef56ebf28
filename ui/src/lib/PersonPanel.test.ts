// The person form's Save against a mocked core: a quick save leaves the button as it was (a
// button dimmed and lit again within tens of milliseconds is a flicker, and a frame the display
// must draw before the edit's own); a slow one says it waits; a second press meanwhile is not a
// second save.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import PersonPanel from "./PersonPanel.svelte";
import { app, SLOW_MS } from "./store.svelte";
import { mapOf, person } from "../test-helpers";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let component: ReturnType<typeof mount> | null = null;

/** The form for Mia, whose save the core answers after `delay` ms; returns the saves it got. */
function start(delay: number) {
  const map = mapOf([person(1, "Mia Lund")]);
  const saves: unknown[] = [];
  mockIPC(async (cmd, args) => {
    if (cmd !== "edit_person") return null;
    saves.push(args);
    await wait(delay);
    return { answer: "whole", map: { ...map } };
  });
  app.map = map;
  document.body.innerHTML = "<div id=app></div>";
  component = mount(PersonPanel, { target: document.getElementById("app")!, props: { person: map.people[0] } });
  flushSync();
  const save = document.querySelector("form button[type=submit]") as HTMLButtonElement;
  return { saves, save };
}
afterEach(() => { if (component) unmount(component); component = null; clearMocks(); app.map = null; });

/** The looks of the Save button (disabled, and its text) seen while `ms` passed. */
async function watch(save: HTMLButtonElement, ms: number) {
  const seen = new Set<string>();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    flushSync();
    seen.add(`${save.disabled}:${save.textContent?.trim()}`);
    await wait(5);
  }
  return seen;
}

describe("saving a person", () => {
  it("leaves Save as it was when the core answers quickly", async () => {
    const { saves, save } = start(20);
    save.click();
    expect([...(await watch(save, SLOW_MS + 100))]).toEqual(["false:Save"]);
    expect(saves).toHaveLength(1);
    expect(app.info).toBe("Saved Mia Lund");
  });

  it("says Saving… once a save takes longer than a glance, and is Save again after", async () => {
    const { save } = start(SLOW_MS + 200);
    save.click();
    const seen = await watch(save, SLOW_MS + 100);
    expect(seen).toContain("true:Saving…");
    // Once the core has answered, however long that took here.
    while (app.busy) await wait(10);
    flushSync();
    expect(`${save.disabled}:${save.textContent?.trim()}`).toBe("false:Save");
  });

  it("dims Save without saying Saving… while another slow command runs", async () => {
    const { saves, save } = start(20);
    const other = app.apply(new Promise((r) => setTimeout(() => r({ status: "error", error: "no" }), SLOW_MS + 200)));
    const seen = await watch(save, SLOW_MS + 100);
    expect(seen).toContain("true:Save");
    expect(seen).not.toContain("true:Saving…");
    await other;
    expect(saves).toHaveLength(0);
  });

  it("saves once when Save is pressed again before the core has answered", async () => {
    const { saves, save } = start(60);
    save.click();
    save.click();
    await wait(150);
    expect(saves).toHaveLength(1);
  });
});
