import { describe, expect, it } from "vitest";
import type { MapView } from "../bindings";
import { deltaOf as delta, mapOf, person } from "../test-helpers";
import { applyDelta } from "./delta";
import { NO_FILTERS } from "./drawing";
import { buildScene, NO_EDIT, patchScene, type SceneOptions } from "./scene";

describe("applying an edit's delta", () => {
  const map = mapOf([person(1, "Tom"), person(2, "Ada"), person(3, "Bo")], [[1, 2, "peer"], [2, 3, "peer"]]);

  it("replaces a changed person in place and keeps every other record as it was", () => {
    const after = applyDelta(map, delta(map, { people: [{ ...map.people[1], stance: "champion" }] }, { undo: "Edit Ada" }));
    expect(after.people.map((p) => p.key)).toEqual(["1", "2", "3"]);
    expect(after.people[1].stance).toBe("champion");
    expect(after.people[0]).toBe(map.people[0]);
    expect(after.ties).toBe(map.ties);
    expect(after.undo).toBe("Edit Ada");
    expect(map.people[1].stance).toBe("neutral");
  });

  it("removes people and their ties, and adds new ones at the end", () => {
    const after = applyDelta(map, delta(map, {
      people_removed: ["2"], ties_removed: [1, 2],
      people: [person(4, "Di")], ties: [{ id: 3, from: "1", to: "4", kind: "peer", strength: 0.3, notes: "" }],
    }));
    expect(after.people.map((p) => p.key)).toEqual(["1", "3", "4"]);
    expect(after.ties.map((t) => [t.id, t.from, t.to])).toEqual([[3, "1", "4"]]);
  });

  it("follows a person to their new key, with the ties naming it", () => {
    const after = applyDelta(map, delta(map, {
      people_removed: ["2"], people: [{ ...map.people[1], key: "ada" }],
      ties: [{ ...map.ties[0], to: "ada" }, { ...map.ties[1], from: "ada" }],
    }));
    expect(after.people.map((p) => p.key)).toEqual(["1", "3", "ada"]);
    expect(after.ties.map((t) => `${t.from}>${t.to}`)).toEqual(["1>ada", "ada>3"]);
  });
});

describe("patching the drawing after an edit", () => {
  const before = mapOf(
    [person(1, "Tom", { department: 1 }), person(2, "Ada", { department: 1 }), person(3, "Bo"), person(4, "Cy", { stance: "blocker" })],
    [[1, 2, "peer"], [2, 3, "line manager"], [3, 4, "peer"], [4, 1, "peer"]],
  );
  const positions = new Map([["1", { x: 0, y: 0 }], ["2", { x: 1, y: 0 }], ["3", { x: 2, y: 0 }], ["4", { x: 3, y: 0 }], ["5", { x: 4, y: 4 }]]);
  const opts = (selected: string[]): SceneOptions => ({
    filters: { ...NO_FILTERS, stances: ["neutral", "supporter", "champion"] }, sizeBy: "power",
    highlight: { people: ["1", "2"], ties: [1] }, selected,
  });
  const byId = <T extends { id: string | number }>(xs: T[]) => [...xs].sort((a, b) => String(a.id).localeCompare(String(b.id)));

  it("gives the scene that building it whole would, touching only what changed", () => {
    const d = delta(before, {
      people: [{ ...before.people[0], stance: "blocker" }, person(5, "Di", { department: 2 })],
      people_removed: ["3"], ties_removed: [2, 3],
      ties: [{ id: 9, from: "5", to: "4", kind: "peer", strength: 0.8, notes: "" }],
    });
    const after = applyDelta(before, d);
    const prev = buildScene(before, positions, opts(["2"]));
    const edit = { people: d.people, peopleRemoved: d.people_removed, ties: d.ties, tiesRemoved: d.ties_removed };
    const { scene, change } = patchScene(prev, after, positions, opts(["4"]), edit, ["2"]);
    const whole = buildScene(after, positions, opts(["4"]));
    expect(byId(scene.nodes)).toEqual(byId(whole.nodes));
    expect(byId(scene.ties)).toEqual(byId(whole.ties));
    // Tom (now hidden by the stance filter) takes his ties with him; Ada and Cy change selection.
    expect(change.nodes.map((n) => n.id).sort()).toEqual(["1", "2", "4", "5"]);
    expect(change.nodesRemoved).toEqual(["3"]);
    expect(change.tiesRemoved.sort()).toEqual([2, 3]);
    expect(change.ties.map((t) => t.id).sort()).toEqual([1, 4, 9]);
  });

  it("leaves every other node and tie as it was", () => {
    const prev = buildScene(before, positions, opts([]));
    const { scene, change } = patchScene(prev, before, positions, opts(["3"]), NO_EDIT, []);
    expect(change.nodes.map((n) => n.id)).toEqual(["3"]);
    expect(change.ties).toEqual([]);
    expect(scene.nodes.filter((n) => n.id !== "3").every((n) => prev.nodes.includes(n))).toBe(true);
    expect(scene.ties).toEqual(prev.ties);
  });
  it("stays what building it whole gives over a run of selections and edits, sharing the ties list while no tie changes", () => {
    let map = before;
    let selected: string[] = [];
    let scene = buildScene(map, positions, opts(selected));
    const steps: { select?: string[]; people?: MapView["people"]; removed?: string[]; ties?: MapView["ties"] }[] = [
      { select: ["1"] }, { select: ["2", "4"] }, { people: [person(5, "Di", { department: 2 })] }, { select: ["5"] },
      { people: [{ ...before.people[1], stance: "champion" }] }, { removed: ["4"] }, { select: [] },
      { ties: [{ id: 9, from: "5", to: "1", kind: "peer", strength: 0.8, notes: "" }] }, { select: ["1", "5"] },
    ];
    for (const step of steps) {
      // As the core answers a removal: the person's ties go with them.
      const gone = map.ties.filter((t) => step.removed?.includes(t.from) || step.removed?.includes(t.to)).map((t) => t.id);
      const d = delta(map, { people: step.people ?? [], people_removed: step.removed ?? [], ties: step.ties ?? [], ties_removed: gone });
      const after = applyDelta(map, d);
      const next = step.select ?? selected;
      const edit = { people: d.people, peopleRemoved: d.people_removed, ties: d.ties, tiesRemoved: d.ties_removed };
      const patched = patchScene(scene, after, positions, opts(next), edit, selected).scene;
      expect(byId(patched.nodes)).toEqual(byId(buildScene(after, positions, opts(next)).nodes));
      expect(byId(patched.ties)).toEqual(byId(buildScene(after, positions, opts(next)).ties));
      if (step.select) expect(patched.ties).toBe(scene.ties);
      map = after; selected = next; scene = patched;
    }
  });
});

describe("the audience as the core counts it", () => {
  it("labels whoever the core names as the audience, and follows an edit that changes who is in it", () => {
    const map = { ...mapOf([person(1, "Tom", { department: 1 }), person(2, "Ada"), person(3, "Bo")]), audience: { people: [], department: 1 }, audience_members: ["1"] };
    const at = new Map([["1", { x: 0, y: 0 }], ["2", { x: 1, y: 0 }], ["3", { x: 2, y: 0 }]]);
    const opts: SceneOptions = { filters: NO_FILTERS, sizeBy: "power", highlight: null, selected: [] };
    const labelled = (m: MapView) => buildScene(m, at, opts).nodes.filter((n) => n.mustLabel).map((n) => n.id);
    expect(labelled(map)).toEqual(["1"]);
    // Ada moves into the audience's department: the core's delta names her a member.
    const after = applyDelta(map, delta(map, { people: [{ ...map.people[1], department: 1 }] }, { audience_members: ["1", "2"] }));
    expect(after.audience_members).toEqual(["1", "2"]);
    expect(labelled(after)).toEqual(["1", "2"]);
  });
});
