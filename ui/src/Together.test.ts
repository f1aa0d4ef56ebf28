// Working together in the window, against mocked commands: the conflict dialog shows each
// conflict side by side and sends exactly the user's decisions (it decides nothing itself), the
// merge flow from the Together menu (a refusal in the core's words, the conflicts, the map
// merged), the name asked once, and the history.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "./App.svelte";
import ConflictDialog from "./lib/ConflictDialog.svelte";
import { app } from "./lib/store.svelte";
import { summary, together } from "./lib/together.svelte";
import { mapOf, person } from "./test-helpers";
import type { Conflict, MapView, MergeReport } from "./bindings";

const tick = () => new Promise((r) => setTimeout(r, 0));
async function settle() {
  for (let i = 0; i < 6; i++) { await tick(); flushSync(); }
  await new Promise((r) => setTimeout(r, 15));
  for (let i = 0; i < 3; i++) { await tick(); flushSync(); }
}

const conflict = (id: string, field: string, mine: string, theirs: string): Conflict => ({
  id, table: "person", record: "1", field, kind: "field", mine, theirs,
  mine_author: "Ana Reed", theirs_author: "Ben Okafor", chosen: null,
});
const REPORT: MergeReport = {
  source: "rollout-ben.advocate", edits: 3, prefer: null, merged: false, dropped: [], undone: false,
  conflicts: [conflict("field/person/1/stance", "stance", "champion", "blocker"), conflict("field/person/1/title", "title", "CFO", "Group CFO")],
};
const MAP = mapOf([person(1, "Tom Reed", { title: "CFO", stance: "champion" }), person(2, "Ada")]);

const $ = <T extends Element = HTMLElement>(css: string) => document.querySelector(css) as T | null;
const $$ = (css: string) => [...document.querySelectorAll(css)] as HTMLElement[];
function button(text: string) {
  const b = $$("button").find((b) => b.textContent?.trim() === text);
  if (!b) throw new Error(`no button ${text}`);
  return b as HTMLButtonElement;
}
function type(css: string, value: string) {
  const input = $<HTMLInputElement>(css)!;
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

let component: ReturnType<typeof mount> | null = null;
let calls: { cmd: string; args: any }[] = [];

function start(handler: (cmd: string, args: any) => unknown, map: MapView = MAP) {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "start") return { map, notice: null, locked: null };
    if (cmd === "plugin:window|set_title") return null;
    return handler(cmd, args);
  });
  document.body.innerHTML = "<div id=app></div>";
  component = mount(App, { target: document.getElementById("app")! });
}

beforeEach(() => {
  window.matchMedia = window.matchMedia ?? ((() => ({ matches: false, addEventListener() {}, removeEventListener() {} })) as any);
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  clearMocks();
  together.cancel();
  together.settings = null;
  app.error = null;
  app.tab = "details";
  app.selection = { type: "none" };
  app.panel = "none";
});

describe("the conflict dialog", () => {
  function show(report: MergeReport = REPORT) {
    const ondecide = vi.fn();
    const oncancel = vi.fn();
    document.body.innerHTML = "<div id=app></div>";
    component = mount(ConflictDialog, { target: document.getElementById("app")!, props: { report, ondecide, oncancel } });
    flushSync();
    return { ondecide, oncancel };
  }

  it("shows each conflict side by side with who made each value", () => {
    show();
    const rows = $$("[data-conflict]");
    expect(rows).toHaveLength(2);
    const cells = [...rows[0].querySelectorAll("td")].map((td) => td.textContent!.replace(/\s+/g, " ").trim());
    expect(cells[0]).toContain("stance");
    expect(cells[1]).toBe("champion by Ana Reed");
    expect(cells[2]).toBe("blocker by Ben Okafor");
    expect($("[data-conflicts] h2")!.textContent).toContain("rollout-ben.advocate");
  });

  it("merges only once every conflict is decided, and sends each decision by the conflict's id", () => {
    const { ondecide } = show();
    const merge = button("Merge");
    expect(merge.disabled).toBe(true);
    expect($("[role=status]")!.textContent).toBe("2 still to decide");
    $$("[data-conflict]")[0].querySelector<HTMLInputElement>("input[value=mine]")!.click();
    flushSync();
    expect(merge.disabled).toBe(true);
    $$("[data-conflict]")[1].querySelector<HTMLInputElement>("input[value=theirs]")!.click();
    flushSync();
    expect(merge.disabled).toBe(false);
    merge.click();
    expect(ondecide).toHaveBeenCalledWith({
      all: null,
      each: [
        { conflict: "field/person/1/stance", prefer: "mine" },
        { conflict: "field/person/1/title", prefer: "theirs" },
      ],
    });
  });

  it("decides all for one side, then lets one be changed back", () => {
    const { ondecide, oncancel } = show();
    button("All from their copy").click();
    flushSync();
    expect($$("td.won")).toHaveLength(2);
    $$("[data-conflict]")[0].querySelector<HTMLInputElement>("input[value=mine]")!.click();
    flushSync();
    button("Merge").click();
    expect(ondecide.mock.calls[0][0].each.map((d: { prefer: string }) => d.prefer)).toEqual(["mine", "theirs"]);
    button("Cancel").click();
    expect(oncancel).toHaveBeenCalled();
  });
});

describe("merging a copy from the Together menu", () => {
  it("shows a refusal in the core's words, then the conflicts, then the map merged", async () => {
    const merged: MapView = { ...MAP, people: [person(1, "Tom Reed", { title: "Group CFO", stance: "champion" }), person(2, "Ada")], undo: "Merge rollout-ben.advocate" };
    start((cmd, args) => {
      if (cmd === "collab_settings") return { author: "Ana Reed", shared_folder: null };
      if (cmd === "merge_copy") {
        if (args.path.endsWith("other.advocate")) throw "/maps/other.advocate is not a copy of this map (it is another map, made separately); only copies of the same map can be merged";
        if (args.decisions.each.length === 0) return { outcome: "conflicts", report: REPORT };
        return { outcome: "merged", report: { ...REPORT, merged: true, conflicts: REPORT.conflicts.map((c) => ({ ...c, chosen: "mine" })) }, map: merged };
      }
      throw `unexpected ${cmd}`;
    });
    await settle();
    button("Merge a copy…").click();
    await settle();
    type("#merge-path", "/maps/other.advocate");
    $<HTMLFormElement>("[data-merge-dialog] form")!.requestSubmit();
    await settle();
    expect($("[data-merge-dialog] [role=alert]")!.textContent).toContain("is not a copy of this map");

    type("#merge-path", "/maps/rollout-ben.advocate");
    $<HTMLFormElement>("[data-merge-dialog] form")!.requestSubmit();
    await settle();
    expect($("[data-conflicts]")).not.toBeNull();
    // People are named by key on the wire; the dialog shows their names.
    expect($$("[data-conflict] strong")[0].textContent).toBe("Tom Reed");
    button("All as in this map").click();
    flushSync();
    button("Merge").click();
    await settle();
    const sent = calls.filter((c) => c.cmd === "merge_copy").at(-1)!.args;
    expect(sent.path).toBe("/maps/rollout-ben.advocate");
    expect(sent.decisions.each).toEqual(REPORT.conflicts.map((c) => ({ conflict: c.id, prefer: "mine" })));
    expect($("[data-conflicts]")).toBeNull();
    expect($("[role=status]")!.textContent).toContain("Merged 3 edits from rollout-ben.advocate");
    expect(app.map?.people[0].title).toBe("Group CFO");
    expect(button("↶ Undo").title).toContain("Merge rollout-ben.advocate");
  });

  it("asks for the passphrase of an encrypted copy", async () => {
    start((cmd, args) => {
      if (cmd === "collab_settings") return { author: "Ana Reed", shared_folder: null };
      if (cmd === "merge_copy") {
        return { outcome: "needs_passphrase", locked: { path: args.path, name: "secret.advocate", retry: args.passphrase !== null, message: args.passphrase === null ? "secret.advocate is encrypted. Type its passphrase to open it." : "That passphrase does not open secret.advocate." } };
      }
      throw `unexpected ${cmd}`;
    });
    await settle();
    button("Merge a copy…").click();
    await settle();
    type("#merge-path", "/maps/secret.advocate");
    $<HTMLFormElement>("[data-merge-dialog] form")!.requestSubmit();
    await settle();
    expect($("[data-merge-dialog]")!.textContent).toContain("is encrypted");
    type("#merge-passphrase", "wrong");
    $<HTMLFormElement>("[data-merge-dialog] form")!.requestSubmit();
    await settle();
    expect(calls.filter((c) => c.cmd === "merge_copy").at(-1)!.args.passphrase).toBe("wrong");
    expect($("[data-merge-dialog]")!.textContent).toContain("does not open");
  });
});

describe("the user's name and the history", () => {
  it("asks for the name once, and keeps it", async () => {
    let author: string | null = null;
    start((cmd, args) => {
      if (cmd === "collab_settings") return { author, shared_folder: null };
      if (cmd === "set_author") { author = args.name; return { author, shared_folder: null }; }
      throw `unexpected ${cmd}`;
    });
    await settle();
    expect($("[data-name-ask]")).not.toBeNull();
    type("#author-name", "Ana Reed");
    $("[data-name-ask] button.primary")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "set_author")!.args).toEqual({ name: "Ana Reed" });
    expect($("[data-name-ask]")).toBeNull();
  });

  it("shows who changed what, for everyone or the person selected", async () => {
    start((cmd, args) => {
      if (cmd === "collab_settings") return { author: "Ana Reed", shared_folder: null };
      if (cmd === "history") {
        return [{ replica: "r1", seq: 2, author: args.person ? "Ben Okafor" : "Ana Reed", at: "2026-12-01T09:30:00Z", label: "Edit Tom Reed", kind: "edit",
          changes: [{ table: "person", record: "1", what: "changed", fields: ["stance", "decision_maker"] }] }];
      }
      throw `unexpected ${cmd}`;
    });
    await settle();
    button("History").click();
    await settle();
    expect(calls.find((c) => c.cmd === "history")!.args).toEqual({ person: null });
    const entry = $("[data-history-entry]")!.textContent!;
    expect(entry).toContain("Ana Reed");
    expect(entry).toContain("stance, decision maker");
    app.selection = { type: "people", ids: ["1"] };
    await settle();
    expect(app.tab).toBe("history");
    expect(calls.filter((c) => c.cmd === "history").at(-1)!.args).toEqual({ person: "1" });
    expect($("[data-history-entry]")!.textContent).toContain("Ben Okafor");
  });
});

describe("the shared folder", () => {
  it("keeps the map's folder, syncs, and says what came in, went out and was skipped", async () => {
    let folder: string | null = null;
    const synced: MapView = { ...MAP, people: [...MAP.people, person(3, "Lena Park")] };
    start((cmd, args) => {
      if (cmd === "collab_settings") return { author: "Ana Reed", shared_folder: folder };
      if (cmd === "set_shared_folder") { folder = args.folder; return { author: "Ana Reed", shared_folder: folder }; }
      if (cmd === "sync_now") {
        return {
          report: {
            folder, sent: 2, file: `${folder}/r1-000001.advocate-changes`,
            warnings: [`${folder}/ffff-000001.advocate-changes is incomplete (a sync client may still be copying it); it is read again next time`],
            merge: { source: "the shared folder", edits: 1, conflicts: [], prefer: null, merged: true, dropped: [], undone: false },
          },
          map: synced,
        };
      }
      throw `unexpected ${cmd}`;
    });
    await settle();
    expect(button("Sync now").disabled).toBe(true);
    button("Shared folder…").click();
    await settle();
    type("#sync-folder", "/shared/rollout");
    $<HTMLFormElement>("[data-sync-dialog] form")!.requestSubmit();
    await settle();
    expect(calls.find((c) => c.cmd === "set_shared_folder")!.args).toEqual({ folder: "/shared/rollout" });
    const syncNow = $$("[data-sync-dialog] button").find((b) => b.textContent === "Sync now") as HTMLButtonElement;
    expect(syncNow.disabled).toBe(false);
    syncNow.click();
    await settle();
    expect(calls.find((c) => c.cmd === "sync_now")!.args).toEqual({ decisions: { all: null, each: [] } });
    const said = $("[data-synced]")!.textContent!;
    expect(said).toContain("Merged 1 edit from the shared folder");
    expect(said).toContain("Sent 2 edits");
    expect(said).toContain("ffff-000001.advocate-changes is incomplete");
    expect(app.map?.people.map((p) => p.name)).toContain("Lena Park");
  });
});

describe("the person panel after a merge or a sync", () => {
  it("shows the values that came in, and keeps what the user is typing", async () => {
    start((cmd) => {
      if (cmd === "collab_settings") return { author: "Ben Okafor", shared_folder: null };
      throw `unexpected ${cmd}`;
    });
    await settle();
    app.selection = { type: "people", ids: ["1"] };
    await settle();
    expect($<HTMLSelectElement>("select[name=stance]")!.value).toBe("champion");
    // A sync brings in another stance and title for the person whose panel is open.
    app.setMap({ ...MAP, people: [person(1, "Tom Reed", { title: "Group CFO", stance: "blocker" }), person(2, "Ada")] });
    await settle();
    expect($<HTMLSelectElement>("select[name=stance]")!.value).toBe("blocker");
    expect($<HTMLInputElement>("input[name=title]")!.value).toBe("Group CFO");
    // The user types; a sync that changes Tom again leaves their unsaved typing alone.
    type("input[name=title]", "Chief Financial Officer");
    app.setMap({ ...MAP, people: [person(1, "Tom Reed", { title: "Group CFO", stance: "neutral" }), person(2, "Ada")] });
    await settle();
    expect($<HTMLInputElement>("input[name=title]")!.value).toBe("Chief Financial Officer");
  });
});

describe("a person's stance history after a stance conflict", () => {
  it("shows both judgements, with who made each, as the core logged them", async () => {
    const judged = (id: number, stance: "champion" | "blocker", summary: string) => ({
      id, person: "1", date: "2026-12-02", action: "merged judgement", summary, stance_after: stance,
    });
    start((cmd) => {
      if (cmd === "collab_settings") return { author: "Ana Reed", shared_folder: null };
      throw `unexpected ${cmd}`;
    }, { ...MAP, engagements: [
      judged(7, "champion", "Judged champion by Ana Reed; Ben Okafor judged blocker, and the merge keeps champion."),
      judged(6, "blocker", "Judged blocker by Ben Okafor; Ana Reed judged champion, and the merge keeps champion."),
    ] });
    await settle();
    app.selection = { type: "people", ids: ["1"] };
    await settle();
    expect($("[data-stance-history]")!.getAttribute("aria-label")).toBe(
      "Stance history: 2026-12-02 blocker: Judged blocker by Ben Okafor; Ana Reed judged champion, and the merge keeps champion.; "
      + "2026-12-02 champion: Judged champion by Ana Reed; Ben Okafor judged blocker, and the merge keeps champion.",
    );
    expect($$("[data-stance-history] circle title").map((t) => t.textContent)).toEqual([
      "2026-12-02 blocker: Judged blocker by Ben Okafor; Ana Reed judged champion, and the merge keeps champion.",
      "2026-12-02 champion: Judged champion by Ana Reed; Ben Okafor judged blocker, and the merge keeps champion.",
    ]);
  });
});

describe("the tie panel after a merge, a sync or an undo", () => {
  const TIED = mapOf([person(1, "Tom Reed"), person(2, "Ada")], [[2, 1, "peer"]]);
  const withTie = (extra: Partial<MapView["ties"][number]>) => ({ ...TIED, ties: [{ ...TIED.ties[0], ...extra }] });
  it("shows the values that came in, and keeps what the user is typing", async () => {
    start((cmd) => {
      if (cmd === "collab_settings") return { author: "Ben Okafor", shared_folder: null };
      throw `unexpected ${cmd}`;
    }, TIED);
    await settle();
    app.selection = { type: "tie", id: 1 };
    await settle();
    expect($<HTMLInputElement>("input[name=strength]")!.value).toBe("0.5");
    // A merge (or a sync, or an undo) changes the tie whose panel is open.
    app.setMap(withTie({ kind: "line manager", strength: 0.7, notes: "Weekly one-to-one" }));
    await settle();
    expect($<HTMLInputElement>("input[name=kind]")!.value).toBe("line manager");
    expect($<HTMLInputElement>("input[name=strength]")!.value).toBe("0.7");
    expect($<HTMLInputElement>("input[name=notes]")!.value).toBe("Weekly one-to-one");
    // The user types; a change that comes in then leaves their unsaved typing alone.
    type("input[name=notes]", "Monthly now");
    app.setMap(withTie({ kind: "line manager", strength: 0.9, notes: "Weekly one-to-one" }));
    await settle();
    expect($<HTMLInputElement>("input[name=notes]")!.value).toBe("Monthly now");
    expect($<HTMLInputElement>("input[name=strength]")!.value).toBe("0.7");
  });
  it("saves what the form shows, not the values from when the tie was selected", async () => {
    start((cmd) => {
      if (cmd === "collab_settings") return { author: "Ben Okafor", shared_folder: null };
      if (cmd === "edit_tie") return { answer: "whole", map: withTie({ kind: "mentor", strength: 0.35, notes: "From Ben's copy" }) };
      throw `unexpected ${cmd}`;
    }, TIED);
    await settle();
    app.selection = { type: "tie", id: 1 };
    await settle();
    app.setMap(withTie({ kind: "mentor", strength: 0.35, notes: "From Ben's copy" }));
    await settle();
    button("Save tie").click();
    await settle();
    const saved = calls.find((c) => c.cmd === "edit_tie");
    expect(saved?.args).toEqual({ id: 1, patch: { kind: "mentor", strength: 0.35, notes: "From Ben's copy" } });
  });
});

describe("the department rename box after a merge or a sync", () => {
  const renamed = (name: string) => ({ ...MAP, departments: MAP.departments.map((d) => (d.id === 1 ? { ...d, name } : d)) });
  it("shows the name that came in, and keeps a name the user is typing", async () => {
    start((cmd) => {
      if (cmd === "collab_settings") return { author: "Ben Okafor", shared_folder: null };
      throw `unexpected ${cmd}`;
    });
    await settle();
    app.panel = "departments";
    await settle();
    $<HTMLButtonElement>("button[aria-label='Rename Finance']")!.click();
    await settle();
    expect($<HTMLInputElement>("input[aria-label='New name']")!.value).toBe("Finance");
    app.setMap(renamed("Group Finance"));
    await settle();
    expect($<HTMLInputElement>("input[aria-label='New name']")!.value).toBe("Group Finance");
    type("input[aria-label='New name']", "Finance and Procurement");
    app.setMap(renamed("Finance (EMEA)"));
    await settle();
    expect($<HTMLInputElement>("input[aria-label='New name']")!.value).toBe("Finance and Procurement");
  });
});

describe("what a merge says when it brings nothing", () => {
  const nothing: MergeReport = { ...REPORT, edits: 0, conflicts: [], merged: true, undone: false };
  it("says the copy had nothing new, and after an undone merge, why and that Redo brings it back", () => {
    expect(summary(nothing)).toBe("Nothing new from rollout-ben.advocate: this map has seen all its edits.");
    expect(summary({ ...nothing, undone: true })).toContain("that merge was undone. Redo brings the merge back.");
  });
});
