import { describe, expect, it } from "vitest";
import Graph from "graphology";
import { TiesByPerson, writeNode } from "./focus";
import type { SceneTie } from "./scene";

const tie = (id: number, from: string, to: string, hidden = false): SceneTie =>
  ({ id, from, to, size: 1, dash: null, hidden, dimmed: false, emphasised: false });

describe("writeNode", () => {
  const graphWith = () => {
    const g = new Graph();
    g.addNode("a", { x: 0, y: 0, size: 4, color: "#111", label: "Ann", selected: false, mustLabel: false });
    const events: string[] = [];
    g.on("nodeAttributesUpdated", ({ key }) => events.push(key));
    return { g, events };
  };
  it("writes a new fill or selection in place, without an event, and says what to draw", () => {
    const { g, events } = graphWith();
    expect(writeNode(g, "a", { color: "#222", selected: true })).toEqual({ fill: true, undrawn: true });
    expect(g.getNodeAttribute("a", "color")).toBe("#222");
    expect(g.getNodeAttribute("a", "selected")).toBe(true);
    expect(writeNode(g, "a", { label: "Anna" })).toEqual({ fill: false, undrawn: true });
    expect(g.getNodeAttribute("a", "label")).toBe("Anna");
    expect(events).toEqual([]);
  });
  it("lets a change of place or size go through graphology, so the renderer processes it", () => {
    const { g, events } = graphWith();
    expect(writeNode(g, "a", { x: 5, color: "#222" })).toEqual({ fill: false, undrawn: false });
    expect(g.getNodeAttributes("a")).toMatchObject({ x: 5, color: "#222" });
    expect(events).toEqual(["a"]);
  });
  it("does nothing when nothing changed", () => {
    const { g, events } = graphWith();
    expect(writeNode(g, "a", { x: 0, color: "#111" })).toEqual({ fill: false, undrawn: false });
    expect(events).toEqual([]);
  });
});

describe("TiesByPerson", () => {
  it("indexes the ties once per list and finds neighbourhoods through them", () => {
    const by = new TiesByPerson();
    const ties = [tie(1, "a", "b"), tie(2, "c", "b"), tie(3, "c", "d", true)];
    // Hidden ties count, as they always have for the neighbourhood.
    const first = by.of(ties);
    expect(by.of(ties)).toBe(first);
    expect([...by.near(ties, ["b"], 1)].sort()).toEqual(["a", "b", "c"]);
    expect([...by.near(ties, ["b"], 2)].sort()).toEqual(["a", "b", "c", "d"]);
    const next = [...ties, tie(4, "a", "e")];
    expect(by.of(next)).not.toBe(first);
    expect([...by.near(next, ["b"], 2)].sort()).toEqual(["a", "b", "c", "d", "e"]);
  });
});
