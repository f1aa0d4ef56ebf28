// The advice panels against mocked commands: the Board tab sends its two options to the core and
// shows the board as the core explains it (chances, chains, reach, seats); Where we stand shows
// the core's warnings; a department's function is chosen from the core's list.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "./App.svelte";
import { app } from "./lib/store.svelte";
import { deltaOf, mapOf, person } from "./test-helpers";
import type { Board, Grid, MapView } from "./bindings";

const tick = () => new Promise((r) => setTimeout(r, 0));
async function settle() {
  for (let i = 0; i < 5; i++) { await tick(); flushSync(); }
  await new Promise((r) => setTimeout(r, 15));
  for (let i = 0; i < 3; i++) { await tick(); flushSync(); }
}

let component: ReturnType<typeof mount> | null = null;
let calls: { cmd: string; args: any }[] = [];

function start(map: MapView, handler: (cmd: string, args: any) => unknown = () => map) {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "start") return { map, notice: null };
    if (cmd === "plugin:window|set_title") return null;
    return handler(cmd, args);
  });
  // The window's state outlives a test: start each on the Details tab.
  app.tab = "details";
  app.selection = { type: "none" };
  document.body.innerHTML = "<div id=app></div>";
  component = mount(App, { target: document.getElementById("app")! });
}

beforeEach(() => {
  window.matchMedia = window.matchMedia ?? ((() => ({ matches: false, addEventListener() {}, removeEventListener() {} })) as any);
});
afterEach(() => { if (component) unmount(component); component = null; clearMocks(); });

const people = [
  person(1, "Mia Lund"), person(2, "Siobhán Gallagher", { stance: "champion" }), person(3, "Amara Nwosu", { stance: "supporter" }),
  person(4, "Tom Reed"), person(5, "José Martínez", { stance: "supporter" }),
];
const BOARD: Board = {
  board: [
    {
      id: "2", name: "Siobhán Gallagher", stance: "champion", function: "hr", seats: ["leader", "executive"],
      recruitment: 0.55, access: 0.55, willingness: 1, access_path: ["1", "2"], marginal_gain: 0.2,
      reaches: [{ to: "4", path: ["2", "4"], reliability: 0.4 }],
    },
    {
      id: "3", name: "Amara Nwosu", stance: "supporter", function: "finance", seats: [],
      recruitment: 0.4, access: 0.5, willingness: 0.8, access_path: ["1", "3"], marginal_gain: 0.095,
      reaches: [],
    },
  ],
  expected_reach: 0.295, expected_people: 0.295, audience: ["4"], sets: 4000, standard_error: 0.007,
  seats: [
    { seat: "leader", label: "our own leader", filled_by: ["2"], best_candidate: null },
    { seat: "executive", label: "executive sponsor", filled_by: ["2"], best_candidate: null },
    {
      seat: "it", label: "IT partner", filled_by: [],
      best_candidate: { id: "5", name: "José Martínez", stance: "supporter", recruitment: 0.3, adds: 0.032, reach_with: 0.327 },
    },
    { seat: "communications", label: "communications or marketing", filled_by: [], best_candidate: null },
  ],
};

function tab(label: string) {
  const button = [...document.querySelectorAll("nav[aria-label=Panels] button")].find((b) => b.textContent === label) as HTMLButtonElement;
  button.click();
}

describe("the Board tab", () => {
  it("sends the options to the core and shows each member's chance, chain and reach, and the seats", async () => {
    start(mapOf(people), (cmd) => (cmd === "choose_board" ? BOARD : null));
    await settle();
    tab("Board");
    await settle();
    (document.querySelector("input[name=include-audience]") as HTMLInputElement).click();
    (document.querySelector("input[name=balanced]") as HTMLInputElement).click();
    await settle();
    (document.querySelector("form button[type=submit]") as HTMLButtonElement).click();
    await settle();
    const asked = calls.filter((c) => c.cmd === "choose_board").at(-1)!;
    expect(asked.args).toMatchObject({ size: 5, includeAudience: true, balanced: true });

    expect(document.querySelector("[data-board-reach]")!.textContent).toContain("29.5%");
    const members = [...document.querySelectorAll("[data-board] > li")];
    expect(members.length).toBe(2);
    const first = members[0].textContent!;
    expect(first).toContain("Siobhán Gallagher");
    expect(first).toContain("our own leader, executive sponsor");
    expect(first).toContain("recruited 55.0% = access 55.0% × willingness 100.0% (champion)");
    expect(first).toContain("Reached by Mia Lund → Siobhán Gallagher");
    expect(first).toContain("Reaches Tom Reed (40.0%)");
    // A member in no seat is shown so, with their department's function as the core labels it.
    expect(members[1].textContent).toContain("no seat · finance");
    expect(members[1].textContent).toContain("Reaches nobody in the audience directly");

    const it = document.querySelector("[data-seat=it]")!.textContent!;
    expect(it).toContain("IT partner");
    expect(it).toContain("open");
    expect(it).toContain("José Martínez");
    expect(it).toContain("reach 29.5% → 32.7%");
    expect(document.querySelector("[data-seat=leader]")!.textContent).toContain("Siobhán Gallagher");
    expect(document.querySelector("[data-seat=communications]")!.textContent).toContain("nobody we can recruit");
  });
});

describe("Where we stand", () => {
  it("shows the core's warnings, such as no supporter in IT", async () => {
    const grid: Grid = {
      people: [], departments: [], attention: [],
      flags: ["No supporter in IT: involve IT early (a partner there makes the rollout easier)."],
    };
    start(mapOf(people), (cmd) => (cmd === "where_we_stand" ? grid : null));
    await settle();
    tab("Stand");
    await settle();
    const refresh = [...document.querySelectorAll("button")].find((b) => b.textContent === "Refresh") as HTMLButtonElement;
    refresh.click();
    await settle();
    expect(document.querySelector("[data-flags]")!.textContent).toContain("No supporter in IT");
  });
});

describe("a department's function", () => {
  it("is chosen from the core's list and sent to the core", async () => {
    const map = mapOf(people);
    // The labels come from the map the core sends, not from the window.
    const functions = map.functions.map((f) => (f.function === "communications" ? { ...f, label: "Comms (core)" } : f));
    start({ ...map, functions });
    await settle();
    tab("Details");
    ([...document.querySelectorAll("button")].find((b) => b.textContent === "Departments") as HTMLButtonElement).click();
    await settle();
    const select = document.querySelector("select[aria-label='Function of IT']") as HTMLSelectElement;
    expect(select.value).toBe("it");
    expect([...select.options].map((o) => o.textContent)).toContain("Comms (core)");
    select.value = "communications";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    const put = calls.find((c) => c.cmd === "put_department")!;
    expect(put.args.department).toMatchObject({ name: "IT", function: "communications" });
  });
});

describe("the tie panel", () => {
  const two = [person(1, "Tom Reed"), person(2, "Ada Obi"), person(3, "Bo")];

  it("lists every kind the pair holds, and switches to or removes one", async () => {
    const map = mapOf(two, [[1, 2, "peer"], [1, 2, "line manager"], [2, 1, "peer"], [1, 3, "peer"]]);
    start(map, (cmd) => (cmd === "remove_tie" ? { answer: "whole", map: mapOf(two, [[1, 2, "line manager"]]) } : null));
    await settle();
    tab("Details");
    app.selection = { type: "tie", id: 1 };
    await settle();
    const kinds = () => [...document.querySelectorAll("[data-pair-kinds] li")].map((li) => li.getAttribute("data-kind"));
    // This pair, this direction: the reverse tie and the tie to Bo are not theirs.
    expect(kinds()).toEqual(["peer", "line manager"]);
    expect(document.querySelector("[data-pair-kinds]")!.textContent).toContain("2 kinds of tie between them");
    (document.querySelector("[data-pair-kinds] li[data-kind='line manager'] button.link") as HTMLButtonElement).click();
    await settle();
    expect(app.selection).toEqual({ type: "tie", id: 2 });
    expect((document.querySelector("input[name=kind]") as HTMLInputElement).value).toBe("line manager");
    (document.querySelector("button[aria-label='Remove the peer tie']") as HTMLButtonElement).click();
    await settle();
    expect(calls.find((c) => c.cmd === "remove_tie")!.args).toEqual({ id: 1 });
  });

  it("adds another kind between the same two people through the core", async () => {
    const before = mapOf(two, [[1, 2, "peer"]]);
    const after = mapOf(two, [[1, 2, "peer"], [1, 2, "line manager"]]);
    // The core answers an edit with what it changed: here, the tie added.
    // The core offers the kind (the first the pair lacks).
    start(before, (cmd) => (cmd === "add_tie" ? { answer: "delta", delta: deltaOf(after, { ties: [after.ties[1]] }) }
      : cmd === "new_tie_kind" ? "line manager" : null));
    await settle();
    tab("Details");
    app.selection = { type: "tie", id: 1 };
    await settle();
    ([...document.querySelectorAll("button")].find((b) => b.textContent === "Add another kind") as HTMLButtonElement).click();
    await settle();
    // The new-tie form for the same pair, suggesting a kind they do not hold yet.
    expect((document.querySelector("select[name=from]") as HTMLSelectElement).value).toBe("1");
    expect((document.querySelector("select[name=to]") as HTMLSelectElement).value).toBe("2");
    expect(calls.find((c) => c.cmd === "new_tie_kind")!.args).toEqual({ from: "1", to: "2" });
    expect((document.querySelector("input[name=kind]") as HTMLInputElement).value).toBe("line manager");
    (document.querySelector("form button[type=submit]") as HTMLButtonElement).click();
    await settle();
    expect(calls.find((c) => c.cmd === "add_tie")!.args.tie).toMatchObject({ from: "1", to: "2", kind: "line manager" });
    // The pair is shown again, now with both kinds.
    expect(app.selection).toEqual({ type: "tie", id: 2 });
    expect([...document.querySelectorAll("[data-pair-kinds] li")].length).toBe(2);
  });
});
