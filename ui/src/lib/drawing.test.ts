import { describe, expect, it } from "vitest";
import type { MapView, Quadrant } from "../bindings";
import { mapOf, person } from "../test-helpers";
import {
  departmentLayout, gridLayout, hullPads, initialPositions, nodeSize, orgChartLayout, personVisible, search, stanceHistory, NO_FILTERS,
} from "./drawing";
import { actionFor } from "./shortcuts";

describe("node sizes", () => {
  it("follow the core's rule, by power and by influence between the same bounds", () => {
    const rule = { base: 4, per_power: 2.6 };
    const strong = person(1, "Ada", { power: 5 }), weak = person(2, "Bo", { power: 1 });
    expect(nodeSize(strong, rule, "power")).toBeCloseTo(17);
    expect(nodeSize(weak, rule, "power")).toBeCloseTo(6.6);
    expect(nodeSize(strong, { base: 2, per_power: 1 }, "power")).toBe(7);
    const influence = new Map([["1", 0.5], ["2", 0]]);
    expect(nodeSize(strong, rule, "influence", influence)).toBeCloseTo(17);
    expect(nodeSize(weak, rule, "influence", influence)).toBe(4);
    expect(hullPads(rule).node).toBeCloseTo(17);
  });
});

describe("layouts", () => {
  it("puts managers above the people they manage in the org chart", () => {
    const m = mapOf([person(1, "Boss"), person(2, "A"), person(3, "B"), person(4, "A's report"), person(5, "B's report")],
      [[1, 2, "line manager"], [1, 3, "line manager"], [2, 4, "line manager"], [3, 5, "line manager"]]);
    const at = orgChartLayout(m);
    expect(at.get("1")!.y).toBeGreaterThan(at.get("2")!.y);
    expect(at.get("2")!.y).toBe(at.get("3")!.y);
    expect(at.get("2")!.y).toBeGreaterThan(at.get("4")!.y);
    expect(at.get("1")!.x).toBe((at.get("2")!.x + at.get("3")!.x) / 2);
  });
  it("lists reports who manage nobody in a column, so their names do not pile up", () => {
    const people = [person(1, "CEO"), person(2, "Ann"), person(3, "Bob")];
    const ties: [number, number, string][] = [[1, 2, "line manager"], [1, 3, "line manager"]];
    for (let i = 10; i < 14; i++) { people.push(person(i, `Ann's report ${i}`)); ties.push([2, i, "line manager"]); }
    for (let i = 20; i < 25; i++) { people.push(person(i, `Bob's report ${i}`)); ties.push([3, i, "line manager"]); }
    const at = orgChartLayout(mapOf(people, ties));
    const column = [10, 11, 12, 13].map((i) => at.get(String(i))!);
    expect(new Set(column.map((p) => p.x)).size).toBe(1);
    for (let i = 1; i < column.length; i++) expect(column[i].y).toBeLessThan(column[i - 1].y);
    expect(column[0].y).toBeLessThan(at.get("2")!.y);
    // Two columns side by side leave room for a name between them.
    expect(Math.abs(at.get("20")!.x - at.get("10")!.x)).toBeGreaterThanOrEqual(150);
    const spots = new Set([...at.values()].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(people.length);
  });
  it("survives a loop of line managers", () => {
    const m = mapOf([person(1, "A"), person(2, "B")], [[1, 2, "line manager"], [2, 1, "line manager"]]);
    expect(orgChartLayout(m).size).toBe(2);
  });
  it("puts each person in the quadrant the core gives, inside its cell, apart from the others", () => {
    const people = Array.from({ length: 30 }, (_, i) => person(i + 1, `P${i}`, { power: 1 + (i % 5) }));
    const m = mapOf(people);
    const quadrant = (key: string): Quadrant => (Number(key) <= 20 ? "manage_closely" : Number(key) <= 25 ? "monitor" : "keep_satisfied");
    const { at, cells } = gridLayout(m, new Map(people.map((p) => [p.key, quadrant(p.key)])));
    const cell = (q: string) => cells.find((c) => c.quadrant === q)!;
    // Manage closely is top right, monitor bottom left (layout y is up).
    expect(cell("manage_closely").x0).toBeGreaterThan(cell("monitor").x1);
    expect(cell("manage_closely").y0).toBeGreaterThan(cell("monitor").y1);
    for (const p of people) {
      const c = cell(quadrant(p.key)), a = at.get(p.key)!;
      expect(a.x).toBeGreaterThan(c.x0);
      expect(a.x).toBeLessThan(c.x1);
      expect(a.y).toBeGreaterThan(c.y0);
      expect(a.y).toBeLessThan(c.y1);
    }
    const pts = [...at.values()];
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) expect(Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y)).toBeGreaterThanOrEqual(42);
  });
  it("fills the grid's thin top cells and packs the crowded bottom ones, all inside the canvas", () => {
    // The demo's spread: 5 and 4 people above, 39 and 31 below.
    const counts: [Quadrant, number][] = [["keep_satisfied", 5], ["manage_closely", 4], ["monitor", 39], ["keep_informed", 31]];
    const people = [], quadrant = new Map<string, Quadrant>();
    for (const [q, n] of counts) for (let i = 0; i < n; i++) {
      const p = person(people.length + 1, `${q} ${i}`);
      people.push(p);
      quadrant.set(p.key, q);
    }
    const { at, cells } = gridLayout(mapOf(people), quadrant, { width: 790, height: 720 });
    const x0 = Math.min(...cells.map((c) => c.x0)), x1 = Math.max(...cells.map((c) => c.x1));
    const y0 = Math.min(...cells.map((c) => c.y0)), y1 = Math.max(...cells.map((c) => c.y1));
    expect(x1 - x0).toBeLessThanOrEqual(790);
    expect(y1 - y0).toBeLessThanOrEqual(720);
    for (const c of cells) {
      expect(c.y1 - c.y0).toBeGreaterThanOrEqual(0.35 * 720);
      const ys = people.filter((p) => quadrant.get(p.key) === c.quadrant).map((p) => at.get(p.key)!.y);
      // The people reach the lower half of the cell, below its caption (layout y is up).
      expect(Math.min(...ys)).toBeLessThan(c.y1 - 52 - (c.y1 - c.y0 - 52) / 2);
    }
    const pts = [...at.values()];
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) expect(Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y)).toBeGreaterThanOrEqual(42);
  });
  it("keeps departments apart and gives everyone a place", () => {
    const m = mapOf([person(1, "A", { department: 1 }), person(2, "B", { department: 2 }), person(3, "C")]);
    const at = departmentLayout(m);
    expect(at.size).toBe(3);
    expect(at.get("1")).not.toEqual(at.get("2"));
  });
  it("uses saved positions first", () => {
    const m = mapOf([person(1, "A", { position: { x: 5, y: 6, pinned: true } }), person(2, "B")]);
    const at = initialPositions(m);
    expect(at.get("1")).toEqual({ x: 5, y: -6 }); // the file is y-down, the drawing y-up
    expect(at.get("2")).toBeDefined();
  });
});

describe("search and filters", () => {
  const m = mapOf([person(1, "Tom Reed", { title: "CFO", department: 1, stance: "sceptic", tags: ["budget"] }), person(2, "Tomasz Nowak", { title: "Engineer" }), person(3, "Ada", { title: "Chief of staff to the CFO" })]);
  it("finds by name or title, names first", () => {
    expect(search(m, "tom").map((p) => p.key)).toEqual(["1", "2"]);
    expect(search(m, "cfo").map((p) => p.key)).toEqual(["3", "1"]);
    expect(search(m, "  ")).toEqual([]);
  });
  it("filters by department, stance and tags", () => {
    const tom = m.people[0];
    expect(personVisible(tom, NO_FILTERS)).toBe(true);
    expect(personVisible(tom, { ...NO_FILTERS, departments: [2] })).toBe(false);
    expect(personVisible(tom, { ...NO_FILTERS, stances: ["sceptic"] })).toBe(true);
    expect(personVisible(tom, { ...NO_FILTERS, tags: ["other"] })).toBe(false);
  });
  it("draws the stance history from logged stance changes in date order", () => {
    const withLog: MapView = { ...m, engagements: [
      { id: 1, person: "1", date: "2026-03-01", action: "met", summary: "", stance_after: "neutral" },
      { id: 2, person: "1", date: "2026-01-01", action: "emailed", summary: "No budget this year", stance_after: "blocker" },
      { id: 3, person: "1", date: "2026-02-01", action: "met", summary: "", stance_after: null },
    ] };
    expect(stanceHistory(withLog, "1")).toEqual([
      { date: "2026-01-01", value: -2, label: "2026-01-01 blocker: No budget this year" },
      { date: "2026-03-01", value: 0, label: "2026-03-01 neutral" },
    ]);
  });
});

describe("shortcuts", () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
  it("maps undo and redo", () => {
    expect(actionFor(key("z", { ctrlKey: true }), false)).toBe("undo");
    expect(actionFor(key("Z", { ctrlKey: true, shiftKey: true }), false)).toBe("redo");
  });
  it("leaves typing in a field alone", () => {
    expect(actionFor(key("z", { ctrlKey: true }), true)).toBe(null);
    expect(actionFor(key("p"), true)).toBe(null);
    expect(actionFor(key("?"), false)).toBe("help");
  });
});
