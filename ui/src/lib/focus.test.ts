import { describe, expect, it } from "vitest";
import Graph from "graphology";
import type Sigma from "sigma";
import { drawFocus, TiesByPerson, writeNode } from "./focus";
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

describe("the focus layer", () => {
  it("draws a veil, then only the ties shown among the people in focus and their discs", () => {
    const calls: Record<string, number> = {};
    const ctx = new Proxy({}, {
      get: (_t, k: string) => () => { calls[k] = (calls[k] ?? 0) + 1; },
      set: () => true,
    }) as unknown as CanvasRenderingContext2D;
    const g = new Graph();
    for (const [k, x] of [["a", 0], ["b", 10], ["c", 20], ["d", 30]] as const) g.addNode(k, { x, y: 0, size: 2, color: "#123456" });
    const r = {
      getDimensions: () => ({ width: 100, height: 100 }),
      getGraph: () => g,
      getNodeDisplayData: (k: string) => (g.hasNode(k) ? { ...g.getNodeAttributes(k), hidden: false } : undefined),
      framedGraphToViewport: (p: { x: number; y: number }) => p,
      scaleSize: (n: number) => n,
    } as unknown as Sigma;
    const ties = [tie(1, "a", "b"), tie(2, "b", "c"), tie(3, "c", "d"), tie(4, "c", "a", true)];
    const colours = { normal: "#777", strong: "#111", faint: "#777", alphaNormal: 0.9, alphaFaint: 0.1 };
    // "e" is not on the map: nothing is drawn for it.
    drawFocus(ctx, r, new Set(["a", "b", "c", "e"]), { adj: new TiesByPerson().of(ties), dark: false, colours });
    expect(calls.fillRect).toBe(1);
    // Ties 1 and 2: both ends in focus and shown (3 leaves it, 4 is hidden).
    expect(calls.quadraticCurveTo).toBe(2);
    expect(calls.arc).toBe(3);
  });
});
