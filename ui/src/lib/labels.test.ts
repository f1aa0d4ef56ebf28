import { describe, expect, it } from "vitest";
import { boxesOverlap, discOverlapsBox, placeLabels, type Disc, type LabelWanted } from "./labels";

const measure = (t: string) => t.length * 7;
const opts = { width: 400, height: 300, fontSize: 12 };

function check(placed: ReturnType<typeof placeLabels>["placed"], discs: Disc[]) {
  for (const [i, a] of placed.entries()) {
    expect(a.box.x).toBeGreaterThanOrEqual(0);
    expect(a.box.y).toBeGreaterThanOrEqual(0);
    expect(a.box.x + a.box.w).toBeLessThanOrEqual(opts.width);
    expect(a.box.y + a.box.h).toBeLessThanOrEqual(opts.height);
    for (const b of placed.slice(i + 1)) expect(boxesOverlap(a.box, b.box)).toBe(false);
    for (const d of discs) if (d.id !== a.id) expect(discOverlapsBox(d, a.box)).toBe(false);
  }
}

describe("label placement", () => {
  it("keeps labels inside the canvas: a node at the right edge is labelled on its left", () => {
    const discs = [{ id: "a", x: 395, y: 150, r: 5 }];
    const { placed } = placeLabels([{ ...discs[0], text: "Mohammed Al-Sayed", rank: 0 }], discs, measure, opts);
    expect(placed).toHaveLength(1);
    expect(placed[0].box.x + placed[0].box.w).toBeLessThan(395);
    check(placed, discs);
  });

  it("never overlaps another label or node, and places must-labels before the rest", () => {
    const discs: Disc[] = [];
    const wanted: LabelWanted[] = [];
    // A dense cluster: 60 nodes in a 150 px square.
    for (let i = 0; i < 60; i++) {
      const d = { id: `p${i}`, x: 120 + (i % 8) * 20, y: 80 + Math.floor(i / 8) * 20, r: 6 };
      discs.push(d);
      wanted.push({ ...d, text: `Person number ${i}`, rank: i % 10 === 0 ? 0 : 2 });
    }
    const { placed, missed } = placeLabels(wanted, discs, measure, opts);
    check(placed, discs);
    const ids = new Set(placed.map((p) => p.id));
    for (const w of wanted) if (w.rank === 0) expect(ids.has(w.id) || missed.includes(w.id)).toBe(true);
    // The must-labels at the cluster's edge find room.
    expect(ids.has("p0")).toBe(true);
    // Not everyone fits: the others wait for the user to zoom in.
    expect(placed.length).toBeLessThan(60);
  });

  it("labels everyone when there is room", () => {
    const discs = [0, 1, 2, 3].map((i) => ({ id: `n${i}`, x: 50 + i * 100, y: 150, r: 8 }));
    const { placed, missed } = placeLabels(discs.map((d) => ({ ...d, text: "Ann Lee", rank: 1 })), discs, measure, opts);
    expect(placed).toHaveLength(4);
    expect(missed).toEqual([]);
    check(placed, discs);
  });
});
