import { describe, expect, it } from "vitest";
import { aggregateScene, buildScene, departmentNode } from "./scene";
import { NO_FILTERS } from "./drawing";
import type { Stance } from "../bindings";
import { mapOf, PALETTE, person } from "../test-helpers";

describe("big maps", () => {
  const m = mapOf(
    [person(1, "A", { department: 1 }), person(2, "B", { department: 1 }), person(3, "C", { department: 2 }), person(4, "D")],
    [[1, 3, "peer"], [2, 3, "peer"], [1, 2, "peer"], [3, 4, "peer"]],
  );
  const at = new Map([["1", { x: 0, y: 0 }], ["2", { x: 2, y: 0 }], ["3", { x: 10, y: 10 }], ["4", { x: -5, y: 0 }]]);
  it("draws each department as one node at its people's centre, ties bundled", () => {
    const s = aggregateScene(m, at, new Set(), []);
    const finance = s.nodes.find((n) => n.id === departmentNode(1))!;
    expect(finance.label).toBe("Finance (2)");
    expect(finance.x).toBe(1);
    expect(s.nodes.length).toBe(3);
    const bundle = s.ties.find((t) => t.from === departmentNode(1) && t.to === departmentNode(2))!;
    expect(bundle).toBeDefined();
    expect(s.ties.length).toBe(2); // Finance→IT (two ties), IT→no department; A→B is inside Finance
  });
  it("draws an expanded department person by person", () => {
    const s = aggregateScene(m, at, new Set([1]), []);
    expect(s.nodes.map((n) => n.id).sort()).toEqual([departmentNode(null), departmentNode(2), "1", "2"].sort());
    expect(s.ties.some((t) => t.from === "1" && t.to === "2")).toBe(true);
    expect(s.ties.filter((t) => t.to === departmentNode(2)).length).toBe(2);
  });
});

describe("big maps with a department tree", () => {
  const base = mapOf([person(1, "A", { department: 3 }), person(2, "B", { department: 1 })], [[1, 2, "peer"]]);
  const m = { ...base, departments: [...base.departments, { id: 3, name: "Payroll", parent: 1, colour: null, position: null, function: "finance" as const }] };
  const at = new Map([["1", { x: 0, y: 0 }], ["2", { x: 4, y: 0 }]]);
  it("starts from the top of the tree and drills down", () => {
    expect(aggregateScene(m, at, new Set(), []).nodes.map((n) => n.label)).toEqual(["Finance (2)"]);
    const open = aggregateScene(m, at, new Set([1]), []);
    expect(open.nodes.map((n) => n.label).sort()).toEqual(["B", "Payroll (1)"]);
    expect(aggregateScene(m, at, new Set([1, 3]), []).nodes.length).toBe(2);
  });
});

describe("the map as of a date", () => {
  const m = mapOf([person(1, "A", { stance: "champion" }), person(2, "B", { stance: "supporter" }), person(3, "C")], []);
  const at = new Map([["1", { x: 0, y: 0 }], ["2", { x: 2, y: 0 }], ["3", { x: 4, y: 0 }]]);
  const opts = { filters: { ...NO_FILTERS }, sizeBy: "power" as const, highlight: null, selected: [] };
  const fill = (s: ReturnType<typeof buildScene>, key: string) => s.nodes.find((n) => n.id === key)!.color;
  it("fills everyone with their stance then: the palette's grey for not yet recorded, today's for people it does not name", () => {
    const today = buildScene(m, at, opts);
    expect(fill(today, "1")).toBe("#0072B2");
    const then = buildScene(m, at, { ...opts, asOf: new Map<string, Stance | null>([["1", "sceptic"], ["2", null]]) });
    expect(fill(then, "1")).toBe("#E69F00");
    expect(fill(then, "2")).toBe(PALETTE.unrecorded);
    expect(fill(then, "3")).toBe(fill(today, "3"));
  });
});
