// The Plan tab against mocked commands: it shows the core's suggestions (rule, why, chain by
// name, worth) and actions (overdue marked), and sends accept, dismiss (with why), done (with the
// log entry) and targets as commands, the people and actions by key.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import PlanPanel from "./PlanPanel.svelte";
import { app } from "./store.svelte";
import { mapOf, person } from "../test-helpers";
import type { Plan, PlanAction, Suggestion } from "../bindings";

const tick = () => new Promise((r) => setTimeout(r, 0));
async function settle() {
  for (let i = 0; i < 6; i++) { await tick(); flushSync(); }
}

const suggestion: Suggestion = {
  key: "gap:cfo", rule: "gap", person: "cfo", name: "Tom Reed", via: "ally", via_name: "Ali Khan",
  step: "Ask Ali Khan to raise the pilot with Tom Reed", why: "Tom Reed is sceptic; we need a supporter",
  inputs: [{ name: "stance", value: "sceptic" }, { name: "target", value: "supporter" }],
  chain: ["me", "ally", "cfo"], chain_reliability: 0.25, worth: 0.42, worth_reason: "+0.42 of the audience's stance",
  inputs_hash: "h",
};
function action(key: string, extra: Partial<PlanAction> = {}): PlanAction {
  return {
    key, what: `Do ${key}`, person: "cfo", person_name: "Tom Reed", via: null, via_name: null, owner: "me",
    due: "2026-11-20", state: "open", overdue: false, created: "2026-11-01", closed: null, engagement: null,
    suggestion: null, ...extra,
  };
}
const plan: Plan = {
  today: "2026-12-01",
  next: { today: "2026-12-01", suggestions: [suggestion], quiet: [], dismissed: 0, planned: 0, notes: [] },
  actions: [action("late", { overdue: true }), action("soon", { due: "2026-12-20", via: "ally", via_name: "Ali Khan" }), action("old", { state: "done", closed: "2026-10-01" })],
  gaps: [{ id: "cfo", name: "Tom Reed", power: 5, stance: "sceptic", target: "supporter", target_source: "audience_default", gap: 2, weight: 10, decision_maker: true, in_audience: true }],
  targets: [], open: 2, overdue: 1, stale_days: 45,
};

let component: ReturnType<typeof mount> | null = null;
let calls: { cmd: string; args: any }[] = [];

function start() {
  const map = mapOf([
    { ...person(1, "Mia Lund"), key: "me" }, { ...person(2, "Ali Khan"), key: "ally" },
    { ...person(3, "Tom Reed", { stance: "sceptic" }), key: "cfo" },
  ]);
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "campaign_plan") return plan;
    if (cmd === "progress_chart") return "<svg xmlns='http://www.w3.org/2000/svg'><text>Stance over time</text></svg>";
    // An edit: the core answers with the map whole (or what changed).
    return { answer: "whole", map: { ...map } };
  });
  app.map = map;
  document.body.innerHTML = "<div id=app></div>";
  component = mount(PlanPanel, { target: document.getElementById("app")! });
}
afterEach(() => { if (component) unmount(component); component = null; clearMocks(); app.map = null; });

const button = (text: string, within: ParentNode = document) =>
  [...within.querySelectorAll("button")].find((b) => b.textContent?.trim() === text)!;

describe("the Plan tab", () => {
  it("shows each suggestion with its rule, why, chain by name and worth, and accepts it by key", async () => {
    start();
    await settle();
    const card = document.querySelector("[data-suggestion='gap:cfo']")!;
    expect(card.textContent).toContain("Ask Ali Khan to raise the pilot with Tom Reed");
    expect(card.textContent).toContain("gap");
    expect(card.textContent).toContain("Tom Reed is sceptic");
    expect(card.textContent).toContain("Mia Lund → Ali Khan → Tom Reed");
    expect(card.textContent).toContain("25% reliable");
    expect(card.textContent).toContain("+0.42 of the audience's stance");
    button("Accept", card).click();
    await settle();
    expect(calls.find((c) => c.cmd === "accept_suggestion")?.args).toEqual({ key: "gap:cfo", owner: "me", due: null });
    // The map changed: the plan is asked for again.
    expect(calls.filter((c) => c.cmd === "campaign_plan").length).toBeGreaterThan(1);
  });

  it("asks why before dismissing", async () => {
    start();
    await settle();
    button("Dismiss…").click();
    flushSync();
    const confirm = button("Dismiss");
    expect(confirm.disabled).toBe(true);
    const why = document.querySelector("textarea[aria-label='Why dismiss']") as HTMLTextAreaElement;
    why.value = "we see him every week";
    why.dispatchEvent(new Event("input"));
    flushSync();
    expect(confirm.disabled).toBe(false);
    confirm.click();
    await settle();
    expect(calls.find((c) => c.cmd === "dismiss_suggestion")?.args).toEqual({ key: "gap:cfo", reason: "we see him every week" });
  });

  it("lists open actions, overdue first and marked, and marks one done with what happened", async () => {
    start();
    await settle();
    const items = [...document.querySelectorAll("[data-action]")];
    expect(items.map((li) => li.getAttribute("data-action"))).toEqual(["late", "soon"]);
    expect(items[0].textContent).toContain("overdue");
    expect(items[1].textContent).not.toContain("overdue");
    // Who it is about, through whom, whose it is and when it is due, in words.
    expect(items[0].querySelector("[data-about]")!.textContent).toBe("About Tom Reed · me · due 2026-11-20");
    expect(items[1].querySelector("[data-about]")!.textContent).toBe("About Tom Reed via Ali Khan · me · due 2026-12-20");
    button("Done…", items[0]).click();
    flushSync();
    const form = document.querySelector("form[aria-label='What happened']")!;
    const date = form.querySelector("input[type=date]") as HTMLInputElement;
    expect(date.value).toBe("2026-12-01");
    const stance = form.querySelector("select") as HTMLSelectElement;
    stance.value = "supporter";
    stance.dispatchEvent(new Event("change"));
    const notes = form.querySelector("textarea") as HTMLTextAreaElement;
    notes.value = "Agreed to a pilot";
    notes.dispatchEvent(new Event("input"));
    flushSync();
    button("Mark done", form).click();
    await settle();
    expect(calls.find((c) => c.cmd === "complete_action")?.args).toEqual({
      key: "late", outcome: { date: "2026-12-01", action: "met", summary: "Agreed to a pilot", stance_after: "supporter" },
    });
  });

  it("changes a target from the gaps list by the person's key, and shows the core's chart", async () => {
    start();
    await settle();
    const select = document.querySelector("select[aria-label='Target of Tom Reed']") as HTMLSelectElement;
    expect(select.value).toBe("supporter");
    select.value = "champion";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(calls.find((c) => c.cmd === "set_target")?.args).toEqual({ person: "cfo", target: "champion" });
    const chart = document.querySelector("img[data-chart]") as HTMLImageElement;
    expect(decodeURIComponent(chart.src)).toContain("Stance over time");
  });
});
