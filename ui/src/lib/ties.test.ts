import { describe, expect, it } from "vitest";
import { adjacency, lanes, neighbourhood, neighbourhoodIn, tieCurve, tiesWithin } from "./ties";

describe("ties", () => {
  const there = { x0: 0, y0: 0, r0: 5, x1: 100, y1: 0, r1: 5, lane: 0 };
  const back = { x0: 100, y0: 0, r0: 5, x1: 0, y1: 0, r1: 5, lane: 0 };
  it("bows a pair's two directions to opposite sides", () => {
    const a = tieCurve(there).control.y, b = tieCurve(back).control.y;
    expect(Math.sign(a)).toBe(-Math.sign(b));
    expect(Math.abs(a - b)).toBeGreaterThan(20);
  });
  it("keeps several kinds between the same two people apart", () => {
    const first = tieCurve(there).control.y, second = tieCurve({ ...there, lane: 1 }).control.y;
    expect(Math.abs(first - second)).toBeGreaterThan(8);
    expect(lanes([{ id: 1, from: 1, to: 2 }, { id: 2, from: 1, to: 2 }, { id: 3, from: 2, to: 1 }])).toEqual(new Map([[1, 0], [2, 1], [3, 0]]));
  });
  it("starts and ends at the nodes' edges", () => {
    const c = tieCurve(there);
    expect(Math.hypot(c.start.x, c.start.y)).toBeCloseTo(5);
    expect(Math.hypot(c.end.x - 100, c.end.y)).toBeCloseTo(5);
  });
  it("finds the neighbourhood one or two steps out, either direction", () => {
    const ties = [{ from: 1, to: 2 }, { from: 3, to: 2 }, { from: 3, to: 4 }];
    expect([...neighbourhood([2], ties, 1)].sort()).toEqual([1, 2, 3]);
    expect([...neighbourhood([2], ties, 2)].sort()).toEqual([1, 2, 3, 4]);
  });
  it("finds the same neighbourhood and ties within it as a brute force, on random maps", () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let round = 0; round < 50; round++) {
      const people = 2 + rand(30);
      const ties = Array.from({ length: rand(60) }, (_, id) => ({ id, from: rand(people), to: rand(people) }));
      const from = [rand(people), rand(people)];
      const steps = 1 + rand(2);
      // Brute force: grow the set by every tie touching it, `steps` times.
      let want = new Set(from);
      for (let s = 0; s < steps; s++) {
        const next = new Set(want);
        for (const t of ties) { if (want.has(t.from)) next.add(t.to); if (want.has(t.to)) next.add(t.from); }
        want = next;
      }
      const adj = adjacency(ties);
      const got = neighbourhoodIn(adj, from, steps);
      expect([...got].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
      expect([...neighbourhood(from, ties, steps)].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
      const within = ties.filter((t) => got.has(t.from) && got.has(t.to)).map((t) => t.id);
      expect(tiesWithin(adj, got).map((t) => t.id).sort((a, b) => a - b)).toEqual(within);
    }
  });
});
