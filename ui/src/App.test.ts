// The window against mocked commands (@tauri-apps/api/mocks): it draws what the core sends,
// sends edits as commands, and shows the core's errors as messages.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "./App.svelte";
import { app } from "./lib/store.svelte";
import { PALETTE, mapOf, person } from "./test-helpers";
import { layoutFor, rememberLayout } from "./lib/layouts";
import type { MapView } from "./bindings";

const tick = () => new Promise((r) => setTimeout(r, 0));
// A few turns of the event loop, then a short real wait (a dynamic import such as the dialog
// plugin's can take longer than a few turns on a busy machine), then a few more turns.
async function settle() {
  for (let i = 0; i < 5; i++) { await tick(); flushSync(); }
  await new Promise((r) => setTimeout(r, 15));
  for (let i = 0; i < 3; i++) { await tick(); flushSync(); }
}

let component: ReturnType<typeof mount> | null = null;
let calls: { cmd: string; args: unknown }[] = [];

function start(map: MapView, handler: (cmd: string, args: any) => unknown = () => map) {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "start") return { map, notice: null };
    return handler(cmd, args);
  });
  document.body.innerHTML = "<div id=app></div>";
  component = mount(App, { target: document.getElementById("app")! });
}

beforeEach(() => {
  window.matchMedia = window.matchMedia ?? ((() => ({ matches: false, addEventListener() {}, removeEventListener() {} })) as any);
});
afterEach(() => { if (component) unmount(component); component = null; clearMocks(); });

describe("the window", () => {
  it("draws the people and ties of the map it is given, and names the map", async () => {
    start(mapOf([person(1, "Tom Reed"), person(2, "Ada")], [[1, 2, "peer"]]));
    await settle();
    const svg = document.querySelector("[data-renderer=svg]")!;
    expect(svg.querySelectorAll("[data-person-id]").length).toBe(2);
    expect(svg.querySelectorAll("[data-tie-id]").length).toBe(1);
    expect(document.title).toBe("t.advocate — Advocate");
  });

  it("draws each kind of tie in the core's style and lists the kinds in the legend", async () => {
    start(mapOf([person(1, "Tom Reed"), person(2, "Ada"), person(3, "Bo")], [[1, 2, "peer"], [1, 3, "line manager"]]));
    await settle();
    const svg = document.querySelector("[data-renderer=svg]")!;
    expect(svg.querySelector("[data-tie-id='1']")!.getAttribute("stroke-dasharray")).toMatch(/^[\d.]+ [\d.]+$/);
    expect(svg.querySelector("[data-tie-id='2']")!.hasAttribute("stroke-dasharray")).toBe(false);
    const legend = document.querySelector("[data-kinds]")!;
    expect(legend.textContent).toContain("peer");
    expect(legend.textContent).toContain("line manager");
  });

  it("colours people and the stance legend with the core's palette, as the exports do", async () => {
    start(mapOf([person(1, "Tom Reed", { stance: "champion", department: 2 }), person(2, "Ada", { stance: "blocker" })]));
    await settle();
    const svg = document.querySelector("[data-renderer=svg]")!;
    const fill = (id: number) => svg.querySelector(`[data-person-id='${id}'] circle:not([fill=none])`)!.getAttribute("fill");
    expect(fill(1)).toBe(PALETTE.stances.find((s) => s.stance === "champion")!.colour);
    expect(fill(2)).toBe(PALETTE.stances.find((s) => s.stance === "blocker")!.colour);
    expect(svg.querySelector("[data-person-id='1'] circle[fill=none]")!.getAttribute("stroke")).toBe("#123456");
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    const legend = [...document.querySelectorAll("[aria-label='Stance legend and filter'] li")];
    expect(legend.length).toBe(5);
    for (const s of PALETTE.stances) {
      const row = legend.find((li) => li.textContent?.includes(s.stance))!;
      expect((row.querySelector(".dot") as HTMLElement).style.background).toBe(rgb(s.colour));
    }
  });

  it("renders names as text, never as HTML", async () => {
    start(mapOf([person(1, "<img src=x onerror=alert(1)>")]));
    await settle();
    expect(document.querySelector("img")).toBeNull();
    expect(document.body.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("adds a person through the add_person command and draws the answer", async () => {
    const before = mapOf([person(1, "Tom Reed")]);
    const after = mapOf([person(1, "Tom Reed"), person(2, "Sam Ortiz")]);
    start(before, (cmd) => (cmd === "add_person" ? { ...after, undo: "Add Sam Ortiz" } : before));
    await settle();
    (document.querySelector("button[title^='Add a person']") as HTMLButtonElement).click();
    await settle();
    const name = document.querySelector("input[name=name]") as HTMLInputElement;
    name.value = "Sam Ortiz";
    name.dispatchEvent(new Event("input"));
    (document.querySelector("form button[type=submit]") as HTMLButtonElement).click();
    await settle();
    const call = calls.find((c) => c.cmd === "add_person")!;
    expect((call.args as any).person.name).toBe("Sam Ortiz");
    expect(document.querySelectorAll("[data-person-id]").length).toBe(2);
    expect((document.querySelector("button[aria-label=Undo]") as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows the core's error as a readable message", async () => {
    const map = mapOf([person(1, "Tom Reed")]);
    start({ ...map, undo: "Add Tom Reed" }, (cmd) => {
      if (cmd === "undo") throw "the map file is read-only";
      return map;
    });
    await settle();
    (document.querySelector("button[aria-label=Undo]") as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector("[role=alert]")!.textContent).toContain("the map file is read-only");
  });

  it("exports with the dialog's choices: redacted names, a 4K PNG, the path last shown", async () => {
    const map = mapOf([person(1, "Tom Reed"), person(2, "Ada")], [[1, 2, "peer"]]);
    start(map, (cmd) => {
      if (cmd === "plugin:dialog|save") return "/tmp/sponsor.png";
      if (cmd === "export_map") return ["/tmp/sponsor.png"];
      return map;
    });
    await settle();
    const buttons = () => [...document.querySelectorAll("button")] as HTMLButtonElement[];
    buttons().find((b) => b.textContent === "Export")!.click();
    await settle();
    const path = document.querySelector("[data-highlight] option[value=path]") as HTMLOptionElement;
    expect(path.disabled).toBe(true);
    const redact = document.querySelector("[data-redact]") as HTMLSelectElement;
    redact.value = "initials";
    redact.dispatchEvent(new Event("change"));
    const size = [...document.querySelectorAll("select")].find((s) => s.querySelector("option[value=uhd]"))!;
    size.value = "uhd";
    size.dispatchEvent(new Event("change"));
    await settle();
    expect(document.body.textContent).toContain("A redacted export leaves out notes");
    buttons().find((b) => b.textContent === "PNG…")!.click();
    await settle();
    await settle();
    const exported = calls.find((c) => c.cmd === "export_map")!.args as any;
    expect(exported.format).toBe("png");
    expect(exported.path).toBe("/tmp/sponsor.png");
    expect(exported.settings).toMatchObject({ redact: "initials", width: 3840, height: 2160, transparent: false });
    expect(exported.settings.highlight_path).toBeUndefined();
    expect(document.querySelector(".modal .path")!.textContent).toBe("/tmp/sponsor.png");
  });

  it("lists a person's log, each entry with the stance it left them at", async () => {
    const map: MapView = {
      ...mapOf([person(1, "Tom Reed", { stance: "champion" })]),
      engagements: [
        { id: 1, person: "1", date: "2026-12-02", action: "met", summary: "Agreed to champion it", stance_after: "champion" },
        { id: 2, person: "1", date: "2026-11-01", action: "emailed", summary: "", stance_after: null },
      ],
    };
    start(map);
    await settle();
    app.tab = "details";
    app.selection = { type: "people", ids: ["1"] };
    await settle();
    const lines = [...document.querySelectorAll("ul.log li")].map((li) => li.textContent);
    expect(lines).toContain("2026-12-02 met → championAgreed to champion it");
    expect(lines).toContain("2026-11-01 emailed");
  });

  it("undoes with Ctrl+Z", async () => {
    const map = { ...mapOf([person(1, "Tom Reed")]), undo: "Add Tom Reed" };
    start(map, () => ({ ...map, undo: null }));
    await settle();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "z", ctrlKey: true }));
    await settle();
    expect(calls.some((c) => c.cmd === "undo")).toBe(true);
  });

  it("opens a map in the layout last chosen for it, and keeps it through edits", async () => {
    localStorage.clear();
    const map = mapOf([person(1, "Tom Reed"), person(2, "Ada")], [[1, 2, "peer"]]);
    rememberLayout(map.path, "grid");
    start(map, (cmd) => (cmd === "where_we_stand" ? { people: [], departments: [], attention: [], flags: [] } : map));
    await settle();
    const layout = document.querySelector<HTMLSelectElement>("select[aria-label=Layout]")!;
    expect(layout.value).toBe("grid");
    // The grid's frames are asked for once, and nobody is moved.
    expect(calls.filter((c) => c.cmd === "where_we_stand").length).toBe(1);
    expect(calls.some((c) => c.cmd === "set_positions")).toBe(false);
    // An edit brings a new record of the same map: the layout stays, nothing is asked again.
    app.setMap({ ...map, people: [...map.people] });
    await settle();
    expect(layout.value).toBe("grid");
    expect(calls.filter((c) => c.cmd === "where_we_stand").length).toBe(1);
    // Another map opens in its own layout (the force layout: never chosen for it).
    app.setMap({ ...map, path: "/tmp/other.advocate" });
    await settle();
    expect(layout.value).toBe("force");
    expect(app.error).toBe(null);
  });

  it("saves a layout's places as a step of that layout, and follows undo and redo of it", async () => {
    localStorage.clear();
    const base = mapOf([person(1, "Tom Reed"), person(2, "Ada")], [[1, 2, "line manager"]]);
    const gridLabel = "Lay out as the power/interest grid";
    // As the core answers: after the grid's move, undo would put the places back in the org chart.
    const laidOut: MapView = { ...base, undo: gridLabel, undo_layout: "orgchart" };
    const undone: MapView = { ...base, undo: "Lay out as the org chart", undo_layout: "force", redo: gridLabel, redo_layout: "grid" };
    const stand = { people: [], departments: [], attention: [], flags: [] };
    start(base, (cmd) => {
      if (cmd === "where_we_stand") return stand;
      if (cmd === "lay_out") return laidOut;
      if (cmd === "undo") return undone;
      if (cmd === "redo") return laidOut;
      return base;
    });
    await settle();
    const layout = document.querySelector<HTMLSelectElement>("select[aria-label=Layout]")!;
    layout.value = "grid";
    layout.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    const saved = calls.find((c) => c.cmd === "lay_out");
    expect((saved?.args as { layout: string }).layout).toBe("grid");
    expect(calls.some((c) => c.cmd === "set_positions")).toBe(false);
    expect(layoutFor(base.path)).toBe("grid");
    const key = (shiftKey: boolean) => window.dispatchEvent(new KeyboardEvent("keydown", { key: "z", ctrlKey: true, shiftKey }));
    key(false);
    await settle();
    expect(layout.value).toBe("orgchart");
    expect(layoutFor(base.path)).toBe("orgchart");
    // Redo lays the grid out again: its quadrants' frames are asked for, nobody is moved.
    const frames = calls.filter((c) => c.cmd === "where_we_stand").length;
    key(true);
    await settle();
    expect(layout.value).toBe("grid");
    expect(layoutFor(base.path)).toBe("grid");
    expect(calls.filter((c) => c.cmd === "where_we_stand").length).toBe(frames + 1);
    expect(calls.filter((c) => c.cmd === "lay_out").length).toBe(1);
    // An undo that is not a layout's leaves the layout alone.
    app.setMap({ ...laidOut, undo: "Move", undo_layout: null });
    key(false);
    await settle();
    expect(layout.value).toBe("grid");
    expect(app.error).toBe(null);
  });

  it("keeps a layout for the map once the places it gave are saved, not when saving fails", async () => {
    localStorage.clear();
    const map = mapOf([person(1, "Tom Reed"), person(2, "Ada")], [[1, 2, "line manager"]]);
    let refuse = true;
    start(map, (cmd) => {
      if (cmd === "lay_out" && refuse) throw "the map is read-only";
      return map;
    });
    await settle();
    const layout = document.querySelector<HTMLSelectElement>("select[aria-label=Layout]")!;
    const choose = async (value: string) => {
      layout.value = value;
      layout.dispatchEvent(new Event("change", { bubbles: true }));
      await settle();
    };
    await choose("orgchart");
    expect(calls.some((c) => c.cmd === "lay_out")).toBe(true);
    expect(layoutFor(map.path)).toBe("force");
    refuse = false;
    await choose("department");
    expect(layoutFor(map.path)).toBe("department");
  });
});
