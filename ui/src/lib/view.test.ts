import { describe, expect, it } from "vitest";
import type Sigma from "sigma";
import { drawLabels, drawnDiscs, drawnHulls, hullShapes, marksOf, HULL_PAD, type HullGroup } from "./view";
import { mapOf, person } from "../test-helpers";

/** Just enough of sigma for the hulls: display data in framed coordinates, and a camera that
 *  rotates, zooms and shifts them, drawing a node's radius as its size times a factor. */
function fakeSigma(nodes: Record<string, { x: number; y: number; size: number; hidden?: boolean }>, cam: { angle: number; zoom: number; dx: number; dy: number; unit: number }) {
  const toView = (p: { x: number; y: number }) => ({
    x: cam.dx + cam.zoom * (Math.cos(cam.angle) * p.x - Math.sin(cam.angle) * p.y),
    // y flips, as sigma's framed space (y up) does on the screen (y down)
    y: cam.dy - cam.zoom * (Math.sin(cam.angle) * p.x + Math.cos(cam.angle) * p.y),
  });
  return {
    getNodeDisplayData: (k: string) => nodes[k],
    framedGraphToViewport: toView,
    scaleSize: (s = 1) => s * cam.unit,
    getGraph: () => ({ forEachNode: (f: (k: string) => void) => Object.keys(nodes).forEach(f) }),
    getDimensions: () => ({ width: 800, height: 600 }),
  } as unknown as Sigma;
}

/** The hull worked out from every member as drawn: what the shapes must reproduce. */
function bruteHull(r: Sigma, g: HullGroup) {
  const ds = drawnDiscs(r, g.nodes);
  const cx = ds.reduce((a, d) => a + d.x, 0) / ds.length;
  const cy = ds.reduce((a, d) => a + d.y, 0) / ds.length;
  return { x: cx, y: cy, r: Math.max(...ds.map((d) => Math.hypot(d.x - cx, d.y - cy) + d.r)) + HULL_PAD };
}

describe("department hulls", () => {
  // A seeded generator, so a failure can be replayed.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

  it("match the hull of every member as drawn, whatever the camera, from shapes made once", () => {
    const nodes: Record<string, { x: number; y: number; size: number; hidden?: boolean }> = {};
    const groups: HullGroup[] = [];
    for (let g = 0; g < 6; g++) {
      const keys: string[] = [];
      for (let i = 0; i < 40; i++) {
        const k = `g${g}n${i}`;
        // Sizes by power (five values), and a group sized by a score (any value).
        const size = g === 5 ? 4 + 14 * rand() : 4 + 2.6 * (1 + Math.floor(rand() * 5));
        nodes[k] = { x: g * 0.15 + rand() * 0.1, y: rand() * 0.3, size, hidden: i === 3 };
        keys.push(k);
      }
      groups.push({ department: g, name: `Department ${g}`, tint: "#336699", nodes: keys });
    }
    const cameras = [
      { angle: 0, zoom: 800, dx: 10, dy: 600, unit: 1 },
      { angle: 0.7, zoom: 5000, dx: -900, dy: 40, unit: 2.3 },
      { angle: -2, zoom: 90, dx: 300, dy: 300, unit: 0.4 },
    ];
    const shapes = hullShapes(fakeSigma(nodes, cameras[0]), groups);
    expect(shapes).toHaveLength(6);
    // Few sums per hull, not one per member.
    for (const s of shapes.slice(0, 5)) expect(s.reach.length).toBeLessThanOrEqual(5);
    for (const cam of cameras) {
      const r = fakeSigma(nodes, cam);
      const hulls = drawnHulls(r, shapes);
      for (const [i, g] of groups.entries()) {
        const want = bruteHull(r, g);
        expect(hulls[i].x).toBeCloseTo(want.x, 6);
        expect(hulls[i].y).toBeCloseTo(want.y, 6);
        expect(hulls[i].r).toBeCloseTo(want.r, 6);
      }
    }
  });

  it("leave out hidden members, and a group with none shown", () => {
    const nodes = { a: { x: 0, y: 0, size: 5 }, b: { x: 1, y: 0, size: 5, hidden: true }, c: { x: 5, y: 5, size: 5, hidden: true } };
    const r = fakeSigma(nodes, { angle: 0, zoom: 10, dx: 0, dy: 0, unit: 1 });
    const hulls = drawnHulls(r, hullShapes(r, [
      { department: 1, name: "One", tint: "#000000", nodes: ["a", "b"] },
      { department: 2, name: "Two", tint: "#000000", nodes: ["c"] },
    ]));
    expect(hulls).toHaveLength(1);
    expect(hulls[0].r).toBeCloseTo(5 + HULL_PAD, 9);
  });
});

describe("marks", () => {
  const map = { ...mapOf([person(1, "Tom", { decision_maker: true }), person(2, "Ada"), person(3, "Bo"), person(4, "Cy")]), audience_members: ["2"], home_members: ["3"] };
  it("marks decision-makers, the audience, the home team and the selection, and leaves the rest out", () => {
    const m = marksOf(map, null, [], ["4"]);
    expect([...m.keys()].sort()).toEqual(["1", "2", "3", "4"]);
    expect(m.get("1")).toMatchObject({ decisionMaker: true, audience: false, selected: false, ring: undefined });
    expect(m.get("2")?.audience).toBe(true);
    expect(m.get("3")?.home).toBe(true);
    expect(m.get("4")?.selected).toBe(true);
    expect(marksOf(map, null, [], []).has("4")).toBe(false);
  });
  it("rings a highlighted board's people in the board's colour and a path's in the path's, unless plain", () => {
    const m = marksOf(map, { people: ["1", "4"] }, ["4"], []);
    expect(m.get("4")?.ring).toBe(map.palette.board);
    expect(m.get("1")?.ring).toBe(map.palette.path);
    expect(marksOf(map, { people: ["4"], plain: true }, ["4"], []).has("4")).toBe(false);
  });
});

describe("names under the veil", () => {
  // A 2D context that draws nothing and counts the circles stroked (the marks).
  const counting = () => {
    let arcs = 0;
    const ctx = new Proxy({}, {
      get: (_t, k) => (k === "measureText" ? (t: string) => ({ width: t.length * 7 }) : k === "arc" ? () => { arcs++; } : () => {}),
      set: () => true,
    }) as unknown as CanvasRenderingContext2D;
    return { ctx, arcs: () => arcs };
  };
  const nodes = { a: { x: 10, y: 10, size: 5 }, b: { x: 12, y: 10, size: 5 }, c: { x: 40, y: 30, size: 5 } };
  const r = fakeSigma(nodes, { angle: 0, zoom: 10, dx: 0, dy: 600, unit: 1 });
  const marks = new Map([["a", { decisionMaker: true }], ["b", { decisionMaker: true }]]);
  const draw = (among?: Set<string>) => {
    const c = counting();
    const picture = drawLabels(c.ctx, r, {
      wanted: (d) => ({ ...d, text: d.id.toUpperCase(), rank: 0 }), obstacles: [], controls: [], dark: false, marks, among,
    });
    return { picture, arcs: c.arcs() };
  };
  it("names, marks and keeps clear of only the people in focus", () => {
    const all = draw();
    expect(all.picture.nodes.map((n) => n.id).sort()).toEqual(["a", "b", "c"]);
    expect(all.arcs).toBe(2);
    const focused = draw(new Set(["a", "c"]));
    expect(focused.picture.nodes.map((n) => n.id).sort()).toEqual(["a", "c"]);
    expect(focused.picture.labels.map((l) => l.text).sort()).toEqual(["A", "C"]);
    expect(focused.arcs).toBe(1);
  });
});
