import { describe, expect, it } from "vitest";
import { groupedLayout, SPACING, type Member } from "./groups";

// The demo map's departments (people in each) and pads as the canvas draws them.
const SIZES = [14, 10, 8, 8, 6, 5, 5, 5, 4, 4, 4, 3, 3];
const PADS = { node: 17, hull: 14, title: 22, gap: 12 };
/** Title widths like the demo's department names'. */
const TITLES = [90, 20, 80, 110, 130, 60, 40, 80, 70, 165, 30, 30, 120];

/** A seeded pseudo-random source, so the "force layout" below is the same on every run. */
function random(seed: number) {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

/** Members as ForceAtlas2 might leave them: departments' people mixed over one big blob. */
function tangled(seed: number): Member[] {
  const rnd = random(seed);
  const out: Member[] = [];
  SIZES.forEach((n, g) => {
    const cx = rnd() * 400, cy = rnd() * 400;
    for (let i = 0; i < n; i++) out.push({ key: `${g}-${i}`, group: g, at: { x: cx + (rnd() - 0.5) * 500, y: cy + (rnd() - 0.5) * 500 } });
  });
  return out;
}

describe("grouped force layout", () => {
  for (const [width, height] of [[800, 760], [1300, 800], [600, 900]]) {
    it(`keeps every department's hull and title clear of the others on a ${width}×${height} canvas`, () => {
      const members = tangled(width);
      const at = groupedLayout(members, { width, height }, (g) => TITLES[g ?? 0], PADS);
      expect(at.size).toBe(members.length);
      // The picture at the scale Fit will show the layout: hull discs in pixels.
      const groups = SIZES.map((_, g) => members.filter((m) => m.group === g).map((m) => at.get(m.key)!));
      const centres = groups.map((ps) => ({ x: ps.reduce((a, p) => a + p.x, 0) / ps.length, y: ps.reduce((a, p) => a + p.y, 0) / ps.length }));
      const spread = groups.map((ps, g) => Math.max(...ps.map((p) => Math.hypot(p.x - centres[g].x, p.y - centres[g].y))));
      const x0 = Math.min(...centres.map((c, g) => c.x - spread[g])), x1 = Math.max(...centres.map((c, g) => c.x + spread[g]));
      const y0 = Math.min(...centres.map((c, g) => c.y - spread[g])), y1 = Math.max(...centres.map((c, g) => c.y + spread[g]));
      const extra = PADS.node + PADS.hull;
      const k = Math.min((width - 2 * extra) / (x1 - x0), (height - 2 * extra - PADS.title) / (y1 - y0));
      for (let i = 0; i < groups.length; i++) {
        for (let j = i + 1; j < groups.length; j++) {
          const d = Math.hypot(centres[i].x - centres[j].x, centres[i].y - centres[j].y) * k;
          expect(d).toBeGreaterThan(spread[i] * k + spread[j] * k + 2 * extra);
        }
      }
      // No two people share a spot at that scale (a crowded canvas draws its people closer).
      const pts = [...at.values()];
      for (let i = 0; i < pts.length; i++)
        for (let j = i + 1; j < pts.length; j++) expect(Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y) * k).toBeGreaterThan(12);
      // The cluster takes the canvas's shape (within a third).
      const shape = (x1 - x0) / (y1 - y0), want = width / height;
      expect(shape / want).toBeGreaterThan(0.67);
      expect(shape / want).toBeLessThan(1.5);
    });
  }
  it("keeps a person's direction from their department's middle", () => {
    const members: Member[] = [];
    members.push({ key: "middle", group: 1, at: { x: 0, y: 0 } });
    for (let i = 1; i < 6; i++) members.push({ key: `a${i}`, group: 1, at: { x: 100 * Math.cos(i), y: 100 * Math.sin(i) } });
    members.push({ key: "east", group: 1, at: { x: 150, y: 0 } });
    members.push({ key: "b", group: 2, at: { x: 1000, y: 0 } });
    const at = groupedLayout(members, { width: 800, height: 600 }, () => 40, PADS);
    const mid = [...members.filter((m) => m.group === 1)].reduce((a, m) => ({ x: a.x + at.get(m.key)!.x / 7, y: a.y + at.get(m.key)!.y / 7 }), { x: 0, y: 0 });
    expect(at.get("east")!.x).toBeGreaterThan(mid.x);
    expect(Math.hypot(at.get("middle")!.x - mid.x, at.get("middle")!.y - mid.y)).toBeLessThan(1.6 * SPACING);
    expect(at.get("b")!.x).toBeGreaterThan(at.get("east")!.x);
  });
});
